/// 1-based indexing, as on paper: `z[1]`, `J[2, 3]`, `z[2:3]` (both ends included), `J[2, :]`, `z[end]`,
/// and a vector of positions `z[[1, 3]]`.
///
/// One subscript on a matrix selects a row, as in NumPy; `J[:, j]` is column j as a vector.
enum Indexing {
    /// Evaluates a subscript expression; the closure binds `end` to the length of that dimension.
    typealias SubscriptEvaluator = (Expr, Int) throws -> Value

    /// The flat (row-major, 0-based) positions the subscripts select, and the shape of the result.
    static func select(
        _ tensor: Tensor, _ subscripts: [IndexArgument], baseRange: SourceRange, range: SourceRange,
        evaluate: SubscriptEvaluator
    ) throws -> (positions: [Int], shape: [Int]) {
        if tensor.isScalar {
            throw Diagnostic("cannot index a scalar", at: baseRange, suggestion: "a scalar is already the number itself")
        }
        guard subscripts.count <= tensor.rank else {
            throw Diagnostic("too many indices: a \(Tensor.describe(shape: tensor.shape)) takes at most \(tensor.rank)",
                             at: range)
        }
        var selections: [[Int]] = []
        var keepsDimension: [Bool] = []
        for (d, subscriptArgument) in subscripts.enumerated() {
            let (positions, keeps) = try select(subscriptArgument, size: tensor.shape[d], dimension: d, rank: tensor.rank, evaluate: evaluate)
            selections.append(positions)
            keepsDimension.append(keeps)
        }
        // Dimensions not subscripted are kept whole.
        for d in subscripts.count..<tensor.rank {
            selections.append(Array(0..<tensor.shape[d]))
            keepsDimension.append(true)
        }
        if tensor.isVector {
            return (selections[0], keepsDimension[0] ? [selections[0].count] : [])
        }
        let n = tensor.columns
        var positions: [Int] = []
        positions.reserveCapacity(selections[0].count * selections[1].count)
        for r in selections[0] { for c in selections[1] { positions.append(r * n + c) } }
        switch (keepsDimension[0], keepsDimension[1]) {
        case (true, true): return (positions, [selections[0].count, selections[1].count])
        case (false, false): return (positions, [])
        default: return (positions, [positions.count])
        }
    }

    /// The 0-based positions one subscript selects, and whether the dimension survives (a range does, a number does not).
    private static func select(
        _ argument: IndexArgument, size: Int, dimension: Int, rank: Int, evaluate: SubscriptEvaluator
    ) throws -> ([Int], Bool) {
        let what = rank == 1 ? "element" : (dimension == 0 ? "row" : "column")
        func position(_ expr: Expr) throws -> Int {
            let value = try evaluate(expr, size)
            guard case .tensor(let t) = value, t.count == 1 else {
                throw Diagnostic("an index must be a single whole number", at: expr.range)
            }
            return try checked(t.scalars[0], at: expr.range)
        }
        func checked(_ x: Double, at range: SourceRange) throws -> Int {
            guard x.isFinite, x == x.rounded() else {
                throw Diagnostic("an index must be a whole number, got \(Arguments.describe(x))", at: range)
            }
            guard x >= 1, x <= Double(size) else {
                let valid = size == 0 ? "there are none" : "valid \(what) indices are 1…\(size)"
                var suggestion: String?
                if x == 0 { suggestion = "indices start at 1, as in z_1" }
                if x < 0 { suggestion = "negative indices do not count from the end; write z[end] for the last" }
                let shown = abs(x) < 1e15 ? String(Int(x)) : String(x)
                throw Diagnostic("\(what) index \(shown) is out of range", at: range, note: valid, suggestion: suggestion)
            }
            return Int(x) - 1
        }
        switch argument {
        case .all:
            return (Array(0..<size), true)
        case .single(let expr):
            let value = try evaluate(expr, size)
            if case .tensor(let t) = value, t.isVector {
                return (try t.scalars.map { try checked($0, at: expr.range) }, true)
            }
            return ([try position(expr)], false)
        case .range(let lower, let upper, let range):
            let a = try lower.map(position) ?? 0
            let b = try upper.map(position) ?? size - 1
            guard a <= b else {
                throw Diagnostic("empty range \(a + 1):\(b + 1)", at: range, note: "a range a:b includes both ends and needs a ≤ b")
            }
            return (Array(a...b), true)
        }
    }
}
