/// Reductions to fewer numbers: sum, mean, max, min, argmax, and the sizes len and shape; dot.
///
/// On a matrix, sum, mean, max and min reduce every element unless a dimension is given, as NumPy's
/// default; the dimension is Julia's `dims`: 1 runs down the columns, giving a 1×n row (one result per
/// column), 2 along the rows, giving a vector, which is a column (one per row). So the result lines up
/// with the matrix it came from: `A - mean(A, 1)` centres each column, `A / sum(A, 2)` normalises each
/// row. max, min and argmax propagate NaN, as NumPy's do.
enum Reductions {
    static let entries: [Builtin] = [
        reduction("sum", "Sum of the elements; sum(A, 1) sums down the columns (a 1×n row), sum(A, 2) along the rows (a vector, a column).",
                  example: "sum([[1, 2], [3, 4]], 1)", empty: 0,
                  derivative: { rule, _ in
                      try rule.ops.expand(rule.cotangent, to: rule.inputs[0].numbers?.shape ?? [])
                  }) { pairwiseSum($0, $1, $2) },
        reduction("mean", "Mean of the elements; mean(A, 1) of each column (a row), mean(A, 2) of each row (a vector).",
                  example: "mean([1, 2, 3, 4])",
                  derivative: { rule, dimension in
                      let shape = rule.inputs[0].numbers?.shape ?? []
                      let count = dimension.map { shape.count == 2 ? shape[$0 - 1] : shape.reduce(1, *) } ?? shape.reduce(1, *)
                      return try rule.ops.expand(rule.ops.scale(rule.cotangent, by: 1 / Double(count)), to: shape)
                  }) { pairwiseSum($0, $1, $2) / Double($1) },
        reduction("max", "Largest element; max(A, 1) of each column (a row), max(A, 2) of each row (a vector); NaN if any is NaN.",
                  example: "max([3, 7, 5])", derivative: { try extremePullback($0, $1, by: >) }) { extreme($0, $1, $2, by: >).value },
        reduction("min", "Smallest element; min(A, 1) of each column (a row), min(A, 2) of each row (a vector); NaN if any is NaN.",
                  example: "min([[3, 7], [5, 1]], 2)", derivative: { try extremePullback($0, $1, by: <) }) { extreme($0, $1, $2, by: <).value },
        reduction("argmax", "Position (from 1) of the first largest element; argmax(A, 2) in each row (a vector), argmax(A, 1) in each column (a row).",
                  example: "argmax([0.1, 0.7, 0.2])", wholeMatrix: false, derivative: nil) { Double(extreme($0, $1, $2, by: >).position + 1) },
        len,
        shape,
        dot,
    ]

    /// A reduction of a lane of `count` elements, `stride` apart, starting at the pointer.
    typealias Lane = @Sendable (UnsafePointer<Double>, _ count: Int, _ stride: Int) -> Double

    /// An entry reducing everything, or along a dimension given as the second argument.
    ///
    /// `empty` is the value of an empty lane (0 for sum); without one, an empty lane is an error.
    /// Without `wholeMatrix`, a matrix needs a dimension (argmax: a position in a matrix is two numbers).
    /// The cotangent of the reduced input, given the pullback input and the dimension reduced (nil: all).
    typealias ReductionPullback = @Sendable (PullbackInput, Int?) throws -> Value

    static func reduction(
        _ name: String, _ summary: String, example: String, empty: Double? = nil, wholeMatrix: Bool = true,
        derivative: ReductionPullback?, _ lane: @escaping Lane
    ) -> Builtin {
        let signatures = wholeMatrix ? ["\(name)(x)", "\(name)(A, dim)"] : ["\(name)(z)", "\(name)(A, dim)"]
        let rule: Derivative = derivative.map { pullback in
            .pullback({ rule in
                let shape = rule.inputs[0].numbers?.shape ?? []
                let dimension = rule.inputs.count == 2 && shape.count == 2 ? Int(rule.inputs[1].numbers?.scalars.first ?? 0) : nil
                return [try pullback(rule, dimension), nil]
            })
        } ?? .none
        return Builtin(name, signatures, summary, example: example, category: .reduction, arity: 1...2, derivative: rule) { args in
            let x = try args.tensor(0)
            // (lanes, lane length, distance between lanes' starts, distance between a lane's elements)
            let (lanes, length, laneStride, stride): (Int, Int, Int, Int)
            var downColumns = false
            if args.count == 1 {
                if x.isMatrix, !wholeMatrix {
                    throw args.error("\(name) of a matrix needs a dimension", argument: 0,
                                     suggestion: "\(name)(A, 2) gives the position in each row, \(name)(A, 1) in each column")
                }
                (lanes, length, laneStride, stride) = (1, x.count, 0, 1)
            } else {
                switch (try dimension(args, of: x), x.rank) {
                case (1, 1): (lanes, length, laneStride, stride) = (1, x.count, 0, 1)
                case (1, _):
                    (lanes, length, laneStride, stride) = (x.columns, x.rows, 1, x.columns)
                    downColumns = true
                default: (lanes, length, laneStride, stride) = (x.rows, x.columns, x.columns, 1)
                }
            }
            if length == 0, lanes > 0, empty == nil {
                throw args.error("\(name) of an empty \(x.isMatrix ? "row or column" : "vector") is undefined", argument: 0)
            }
            var out = [Double](repeating: empty ?? 0, count: lanes)
            if length > 0 {
                try x.scalars.withUnsafeBufferPointer { buffer in
                    guard let base = buffer.baseAddress else { return }
                    for l in 0..<lanes {
                        try args.checkInterrupt()
                        out[l] = lane(base + l * laneStride, length, stride)
                    }
                }
            }
            if args.count == 1 || x.isVector { return .scalar(out[0]) }
            // Down the columns gives a row, along the rows a vector (a column): each lines up with x.
            return .tensor(downColumns ? Tensor(rows: 1, columns: lanes, scalars: out) : Tensor(vector: out))
        }
    }

    /// Argument 1 as a dimension of `x`: 1 (down the columns) or 2 (along the rows); a vector has only 1.
    private static func dimension(_ args: Arguments, of x: Tensor) throws -> Int {
        let d = try args.scalar(1)
        let valid = x.isMatrix ? "1 (down the columns) or 2 (along the rows)" : "1"
        guard x.rank >= 1 else {
            throw args.error("a scalar has no dimension to reduce", argument: 1, suggestion: "write \(args.name)(x)")
        }
        guard d == 1 || (d == 2 && x.isMatrix) else {
            throw args.error("\(args.name) of a \(Tensor.describe(shape: x.shape)) takes dimension \(valid), got \(Arguments.describe(d))",
                             argument: 1,
                             note: "the second argument is the dimension to reduce, not a second array",
                             suggestion: x.isVector ? "\(args.name)(z) reduces the whole vector" : nil)
        }
        return Int(d)
    }

    /// Σ of a lane by pairwise summation, exactly as NumPy's `pairwise_sum`: rounding error grows as
    /// log n rather than n, and blocks of up to 128 are summed in 8 running sums, which the processor
    /// adds in parallel rather than one after another.
    static func pairwiseSum(_ p: UnsafePointer<Double>, _ count: Int, _ stride: Int) -> Double {
        if count <= 128 { return block(count) { p[$0 * stride] } }
        let half = count / 2 - (count / 2) % 8
        return pairwiseSum(p, half, stride) + pairwiseSum(p + half * stride, count - half, stride)
    }

    /// Σ a_i b_i: the products summed by `pairwiseSum`'s method, so dot(a, b) equals sum(a * b) to the bit.
    static func pairwiseDot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ count: Int) -> Double {
        if count <= 128 { return block(count) { a[$0] * b[$0] } }
        let half = count / 2 - (count / 2) % 8
        return pairwiseDot(a, b, half) + pairwiseDot(a + half, b + half, count - half)
    }

    /// Σ_{i < count} term(i) for count ≤ 128, as NumPy sums a block: in order below 8 terms, else in 8 running sums.
    @inline(__always)
    private static func block(_ count: Int, _ term: (Int) -> Double) -> Double {
        if count < 8 {
            var s = 0.0
            for i in 0..<count { s += term(i) }
            return s
        }
        var r0 = term(0), r1 = term(1), r2 = term(2), r3 = term(3)
        var r4 = term(4), r5 = term(5), r6 = term(6), r7 = term(7)
        var i = 8
        while i + 8 <= count {
            r0 += term(i); r1 += term(i + 1); r2 += term(i + 2); r3 += term(i + 3)
            r4 += term(i + 4); r5 += term(i + 5); r6 += term(i + 6); r7 += term(i + 7)
            i += 8
        }
        var s = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
        while i < count {
            s += term(i)
            i += 1
        }
        return s
    }

    /// The first element of a lane that no later one beats under `order` (> for max), or the first NaN.
    static func extreme(
        _ p: UnsafePointer<Double>, _ count: Int, _ stride: Int, by order: (Double, Double) -> Bool
    ) -> (value: Double, position: Int) {
        var best = (value: p[0], position: 0)
        for i in 0..<count {
            let x = p[i * stride]
            if x.isNaN { return (x, i) }
            if order(x, best.value) { best = (x, i) }
        }
        return best
    }

    /// `len(x)`: the length of a vector, a matrix's number of rows (Python's len), the size of a list.
    /// The cotangent goes to the first extreme element of each lane (max picks the first maximal
    /// element, as PyTorch's argmax does); ties are a kink, and gradcheck is told.
    static func extremePullback(_ rule: PullbackInput, _ dimension: Int?, by order: @escaping (Double, Double) -> Bool) throws -> Value {
        guard let x = rule.inputs[0].numbers else { return rule.cotangent }
        let (lanes, length, laneStride, stride) = x.isMatrix && dimension == 1 ? (x.columns, x.rows, 1, x.columns)
            : x.isMatrix && dimension == 2 ? (x.rows, x.columns, x.columns, 1) : (1, x.count, 0, 1)
        var mask = Tensor(repeating: 0, shape: x.shape)
        var tie = false
        x.scalars.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for l in 0..<lanes {
                let (value, position) = extreme(base + l * laneStride, length, stride, by: order)
                mask.scalars[l * laneStride + position * stride] = 1
                tie = tie || (0..<length).filter { base[l * laneStride + $0 * stride] == value }.count > 1
            }
        }
        if tie { rule.ops.noteKink("\(rule.ops.name ?? "max") with a tie", at: .scalar(0)) { $0 == 0 } }
        return try rule.ops.multiply(.tensor(mask), try rule.ops.expand(rule.cotangent, to: x.shape))
    }

    static let len = Builtin(
        "len", ["len(z)"], "Number of elements of a vector (of rows of a matrix, as Python's len); shape gives both sizes.",
        example: "len([2, 1, 0.1])", category: .reduction, arity: 1...1, derivative: .none,
        partials: [.init(["z"], ["0"], note: "a count does not change with the values")]
    ) { args in
        if case .list(let items) = args.values[0] { return .scalar(Double(items.count)) }
        let x = try args.tensor(0)
        guard !x.isScalar else {
            throw args.error("a scalar has no length", argument: 0, suggestion: "shape(x) is [] for a scalar")
        }
        return .scalar(Double(x.shape[0]))
    }

    static let shape = Builtin(
        "shape", ["shape(x)"], "The sizes as a vector: [n] for a vector, [m, n] for a matrix, [] for a scalar.",
        example: "shape([[1, 2, 3], [4, 5, 6]])", category: .reduction, arity: 1...1, derivative: .none
    ) { args in
        .vector(try args.tensor(0).shape.map(Double.init))
    }

    /// `dot(a, b)`: Σ_i a_i b_i of two vectors of the same length.
    static let dot = Builtin(
        "dot", ["dot(a, b)"], "Dot product Σ_i a_i b_i of two vectors of the same length.",
        example: "dot([1, 2, 3], [4, 5, 6])", category: .reduction, arity: 2...2,
        derivative: .pullback({ rule in
            [rule.needs(0) ? try rule.ops.multiply(rule.cotangent, rule.inputs[1]) : nil,
             rule.needs(1) ? try rule.ops.multiply(rule.cotangent, rule.inputs[0]) : nil]
        })
    ) { args in
        let a = try args.tensor(0), b = try args.tensor(1)
        for (i, t) in [a, b].enumerated() where !t.isVector {
            throw args.error("dot expects a vector here, got a \(Tensor.describe(shape: t.shape))", argument: i,
                             suggestion: t.isMatrix ? "for a matrix product, use @" : "to scale by a number, use *")
        }
        guard a.count == b.count else {
            throw Diagnostic("shape mismatch in dot: \(Tensor.describe(shape: a.shape)) and \(Tensor.describe(shape: b.shape))",
                             at: args.range(0).union(args.range(1)), note: "both vectors must have the same length")
        }
        return .scalar(a.scalars.withUnsafeBufferPointer { pa in
            b.scalars.withUnsafeBufferPointer { pb in
                guard let x = pa.baseAddress, let y = pb.baseAddress else { return 0 }
                return pairwiseDot(x, y, pa.count)
            }
        })
    }
}
