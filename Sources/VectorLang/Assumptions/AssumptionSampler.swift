/// Random values that satisfy the facts assumed of a name: the one place examples and random test
/// points are drawn, so a derivation is never checked at numbers that contradict what it uses.
public enum AssumptionSampler {
    /// A value of `shape` (`[]`, `[n]` or `[m, n]`) satisfying every assumption in `facts` about it.
    ///
    /// Without facts the elements are standard normal; a probability vector is a softmax of normals (no
    /// element is 0, so logarithms stay finite); a one-hot row has its 1 at a random place; positive
    /// numbers lie in [0.5, 1.5); a symmetric matrix is (B + Bᵀ)/2.
    public static func draw(shape: [Int], facts: [Assumption], random: RandomSource) -> Tensor {
        let kinds = Set(facts.map(\.kind))
        let count = shape.reduce(1, *)
        let width = shape.last ?? 1
        let rows = shape.count == 2 ? shape[0] : 1
        var scalars: [Double]
        if kinds.contains(.oneHot) {
            scalars = Array(repeating: 0, count: count)
            for r in 0..<rows { scalars[r * width + min(width - 1, Int(random.uniform() * Double(width)))] = 1 }
        } else if kinds.contains(.simplex) || kinds.contains(.sumsToOne) {
            scalars = []
            for _ in 0..<rows {
                let e = (0..<width).map { _ in _exp(random.normal()) }
                let total = e.reduce(0, +)
                scalars += e.map { $0 / total }
            }
        } else if kinds.contains(.positive) {
            scalars = (0..<count).map { _ in 0.5 + random.uniform() }
        } else {
            scalars = (0..<count).map { _ in random.normal() }
        }
        if kinds.contains(.symmetric), shape.count == 2, shape[0] == shape[1] {
            let n = shape[0]
            var symmetric = scalars
            for r in 0..<n { for c in 0..<n { symmetric[r * n + c] = (scalars[r * n + c] + scalars[c * n + r]) / 2 } }
            scalars = symmetric
        }
        return Tensor(shape: shape, scalars: scalars)
    }
}
