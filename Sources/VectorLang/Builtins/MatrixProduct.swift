/// `A @ B`, the matrix product, with a vector read as a column (n×1) and its transpose `v'` as a row (1×n).
///
/// So `A @ v` is a vector, `v' @ A` a 1×m row, `p @ q'` the outer product, and a vector's transpose
/// times a column (`p' @ q`, `x' @ A @ x`) is a number, as Julia's `p'q` is. A column before a matrix of
/// several rows (`v @ A`) and a column before a column (`p @ q`) are shape errors whose suggestion is
/// the transpose.
enum MatrixProduct {
    static let entry = Builtin(
        "@", ["A @ B", "A @ v", "v' @ A", "p' @ q", "p @ q'"],
        "Matrix product, with a vector as a column (n×1) and v' as a row (1×n): A @ v is a vector, v' @ A a row, "
            + "p' @ q the inner product (a number), p @ q' the outer product (a matrix).",
        example: "[[1, 2], [3, 4]] @ [1, 1]", category: .arithmetic, arity: 2...2,
        derivative: .pullback(pullback)
    ) { args in
        let a = try args.tensor(0), b = try args.tensor(1)
        guard !a.isScalar, !b.isScalar else {
            throw args.error("@ needs a vector or matrix on each side", argument: a.isScalar ? 0 : 1,
                             suggestion: "to scale by a number, use *")
        }
        let (m, k) = Tensor.matrixShape(of: a.shape), (inner, n) = Tensor.matrixShape(of: b.shape)
        guard k == inner else { throw mismatch(a, b, args) }
        try args.checkSize([m, n])
        var out = [Double](repeating: 0, count: m * n)
        try a.scalars.withUnsafeBufferPointer { pa in
            try b.scalars.withUnsafeBufferPointer { pb in
                try out.withUnsafeMutableBufferPointer { po in
                    for i in 0..<m {
                        try args.checkInterrupt()
                        for p in 0..<k {
                            let x = pa[i * k + p]
                            for j in 0..<n { po[i * n + j] += x * pb[p * n + j] }
                        }
                    }
                }
            }
        }
        return .tensor(result(a, b, out))
    }

    /// The shape of the product of operands like these (whose inner sizes agree), as a tensor of `scalars`.
    ///
    /// Times a matrix the result is a matrix (the outer product `p @ q'` among them), and a vector's
    /// transpose times a matrix is one again (`x' @ A`); times a vector it is a vector, or a number when
    /// the left is a vector's transpose (the inner product `p' @ q`, as Julia's `p'q`).
    static func result(_ a: Tensor, _ b: Tensor, _ scalars: [Double]) -> Tensor {
        let m = Tensor.matrixShape(of: a.shape).rows
        if b.isMatrix {
            let n = b.shape[1]
            return a.isTransposedVector ? Tensor(transposedVector: scalars) : Tensor(rows: m, columns: n, scalars: scalars)
        }
        return a.isTransposedVector ? Tensor(shape: [], scalars: scalars) : Tensor(vector: scalars)
    }

    /// For C = A B: ∂L/∂A = G Bᵀ and ∂L/∂B = Aᵀ G, with the operands and G read as matrices the way the
    /// product read them, and each cotangent given back in its operand's shape.
    static let pullback: @Sendable (PullbackInput) throws -> [Value?] = { rule in
        let (a, b, ops) = (rule.inputs[0], rule.inputs[1], rule.ops)
        guard let x = a.numbers?.shape, let y = b.numbers?.shape else { return [nil, nil] }
        let (m, k) = Tensor.matrixShape(of: x), n = Tensor.matrixShape(of: y).columns
        let g = ops.reshape(rule.cotangent, to: [m, n])
        return [
            rule.needs(0) ? ops.reshape(try ops.matrixProduct(g, try ops.transpose(ops.reshape(b, to: [k, n]))), to: x) : nil,
            rule.needs(1) ? ops.reshape(try ops.matrixProduct(try ops.transpose(ops.reshape(a, to: [m, k])), g), to: y) : nil,
        ]
    }

    /// The left's columns are not the right's rows: what each side is read as, and the transpose that fits.
    static func mismatch(_ left: Tensor, _ right: Tensor, _ args: Arguments) -> Diagnostic {
        let (a, b) = (left.shape, right.shape)
        let (m, k) = Tensor.matrixShape(of: a), (inner, n) = Tensor.matrixShape(of: b)
        let x = Written.atom(args.written(0, or: a.count == 1 ? "v" : "A"))
        let y = Written.atom(args.written(1, or: b.count == 1 ? "w" : "B"))
        let (xt, yt) = (Written.transposed(x), Written.transposed(y))
        var note = "the left has \(Broadcasting.count(k, "column")) but the right has \(Broadcasting.count(inner, "row"))"
        var suggestion: String?
        switch (a.count, b.count) {
        case (1, 2):
            note = "a vector is a column (\(m)×1), so \(x) @ \(y) needs \(y) to have 1 row; it has \(inner)"
            if m == inner {
                suggestion = "for the row \(x)ᵀ\(y), transpose \(x): \(xt) @ \(y)"
            } else if b[1] == m {
                suggestion = "for \(y) times the column \(x), write \(y) @ \(x)"
            }
        case (1, 1):
            note = "both are columns (\(m)×1 and \(inner)×1), and a column times a column is undefined"
            suggestion = m == inner ? "for the inner product (a number) write \(xt) @ \(y); for the outer product, \(x) @ \(yt)"
                : "for the outer product write \(x) @ \(yt)"
        case (2, 2) where a[0] == 1 && b[0] == 1:
            note = "both are rows (1×\(k) and 1×\(n)), and a row times a row is undefined"
            // Only a vector's transpose times a column is a number; a one-row matrix's product is 1×1.
            let product = left.isTransposedVector && right.isTransposedVector ? "the inner product (a number)" : "the inner product"
            suggestion = k == n ? "for \(product) write \(x) @ \(yt); for the outer product, \(xt) @ \(y)"
                : "for the outer product write \(xt) @ \(y)"
        case (2, 2) where b[0] == 1:
            note = "\(y) is a row (1×\(n)), so \(x) @ \(y) needs \(x) to have 1 column; it has \(k)"
            if n == k {
                suggestion = "for \(x) times a column, write \(x) @ \(yt); to scale the columns of \(x), \(x) * \(y)"
            } else if n == m {
                suggestion = "for \(xt) times the column, write \(xt) @ \(yt)"
            }
        case (2, _) where a[0] == inner:
            suggestion = "transpose the left: \(xt) @ \(y)"
        default:
            break
        }
        return Diagnostic("shape mismatch in @: \(Tensor.describe(shape: a)) and \(Tensor.describe(shape: b))",
                          at: args.range(0).union(args.range(1)), note: note, suggestion: suggestion)
    }
}
