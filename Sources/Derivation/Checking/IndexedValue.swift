import VectorLang

/// A line's value at one point, with the free index letter of each dimension, so two lines are compared
/// entry by entry as functions of their indices: a line that no longer mentions an index (δᵢᵢ became 1)
/// is the same for every value of it, and is spread over that index to meet a line that has it.
struct IndexedValue {
    let letters: [String]
    let tensor: Tensor

    /// The size of each letter's dimension.
    var sizes: [String: Int] {
        Dictionary(zip(letters, tensor.shape), uniquingKeysWith: { a, _ in a })
    }

    /// The entries laid out over `letters` (alphabetical) of `sizes`; nil when a letter's size disagrees.
    func spread(over all: [String], sizes: [String: Int]) -> [Double]? {
        guard letters.count == tensor.rank else {
            // A value with no free index may still be a vector (a line written whole, as p - y).
            return all.count == tensor.rank && tensor.shape == all.compactMap({ sizes[$0] }) ? tensor.scalars : nil
        }
        for (l, n) in zip(letters, tensor.shape) where sizes[l] != n { return nil }
        let shape = all.compactMap { sizes[$0] }
        guard shape.count == all.count else { return nil }
        return NumericCheck.broadcast(tensor, over: letters.map(Index.init), to: all.map(Index.init), shape: shape)?.scalars
    }

    /// Every value spread over the union of their letters (alphabetical); nil when they cannot be lined up.
    static func aligned(_ values: [IndexedValue]) -> (letters: [String], shape: [Int], columns: [[Double]])? {
        var sizes: [String: Int] = [:]
        for v in values {
            for (l, n) in v.sizes {
                if let m = sizes[l], m != n { return nil }
                sizes[l] = n
            }
        }
        let all = Array(Set(values.flatMap(\.letters))).sorted()
        if all.isEmpty {
            guard let first = values.first, values.allSatisfy({ $0.tensor.shape == first.tensor.shape }) else { return nil }
            return ([], first.tensor.shape, values.map(\.tensor.scalars))
        }
        var columns: [[Double]] = []
        for v in values {
            guard let c = v.spread(over: all, sizes: sizes) else { return nil }
            columns.append(c)
        }
        return (all, all.compactMap { sizes[$0] }, columns)
    }

    /// Entry-wise equality to rounding: |a − b| ≤ 1e-9·max(|a|, |b|) + 1e-12; two NaNs, or the same
    /// infinity, are the same.
    static func close(_ a: Double, _ b: Double) -> Bool {
        if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
        if a.isInfinite || b.isInfinite { return a == b }
        return abs(a - b) <= 1e-9 * max(abs(a), abs(b)) + 1e-12
    }

    /// Where two lined-up values first differ: "i = 1, j = 2: −0.16 vs 0.16" (the first value first).
    static func firstDifference(_ a: IndexedValue, _ b: IndexedValue) -> String? {
        guard let (letters, shape, columns) = aligned([a, b]) else {
            return "in shape: \(Tensor.describe(shape: a.tensor.shape)) vs \(Tensor.describe(shape: b.tensor.shape))"
        }
        let x = columns[0], y = columns[1]
        guard let k = x.indices.first(where: { !close(x[$0], y[$0]) }) else { return nil }
        var rest = k
        var positions = [Int](repeating: 0, count: shape.count)
        for d in shape.indices.reversed() {
            positions[d] = rest % shape[d] + 1
            rest /= shape[d]
        }
        let at = letters.isEmpty
            ? (shape.isEmpty ? "" : "entry \(positions.map(String.init).joined(separator: ", ")): ")
            : zip(letters, positions).map { "\($0) = \($1)" }.joined(separator: ", ") + ": "
        return at + number(x[k]) + " vs " + number(y[k])
    }

    static func number(_ x: Double) -> String {
        Printer.format(.scalar(x), options: PrintOptions(precision: 3))
    }
}
