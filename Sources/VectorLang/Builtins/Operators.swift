/// The operators, as builtin entries: `+ - * / ^` elementwise with broadcasting, `@`, negation and transpose.
enum Operators {
    static let entries: [Builtin] = [
        elementwise("+", "a + b", "Sum, elementwise; a scalar or a row vector broadcasts.", "[1, 2] + 10") { $0 + $1 },
        elementwise("-", "a - b", "Difference, elementwise; a scalar or a row vector broadcasts.", "[[1, 2], [3, 4]] - [1, 1]") { $0 - $1 },
        elementwise("*", "a * b", "Product, elementwise (Hadamard); for the matrix product use @.", "[1, 2, 3] * 2") { $0 * $1 },
        elementwise("/", "a / b", "Quotient, elementwise; dividing by zero gives Inf or NaN, as in IEEE arithmetic.", "[1, 2] / 4") { $0 / $1 },
        elementwise("^", "a ^ b", "Power, elementwise; right-associative, and binds tighter than unary minus (-2^2 = -4).", "[1, 2, 3] ^ 2") { _pow($0, $1) },
        matrixProduct,
        negate,
        transpose,
    ]

    static func elementwise(
        _ symbol: String, _ signature: String, _ summary: String, _ example: String,
        _ op: @escaping @Sendable (Double, Double) -> Double
    ) -> Builtin {
        Builtin(symbol, [signature], summary, example: example, category: .arithmetic, arity: 2...2) { args in
            .tensor(try Broadcasting.combine(try args.tensor(0), try args.tensor(1), args, op))
        }
    }

    static let negate = Builtin("neg", ["-a"], "Negation, elementwise.", example: "-[1, 2]", category: .arithmetic, arity: 1...1) { args in
        .tensor(try args.tensor(0).map { -$0 })
    }

    static let transpose = Builtin(
        "transpose", ["transpose(A)", "A'"], "Swaps rows and columns; a vector becomes a 1×n row matrix.",
        example: "[[1, 2], [3, 4]]'", category: .linearAlgebra, arity: 1...1
    ) { args in
        let a = try args.tensor(0)
        switch a.rank {
        case 0: return .tensor(a)
        case 1: return .tensor(Tensor(rows: 1, columns: a.count, scalars: a.scalars))
        default:
            let (m, n) = (a.shape[0], a.shape[1])
            var out = [Double](repeating: 0, count: a.count)
            for i in 0..<m { for j in 0..<n { out[j * m + i] = a.scalars[i * n + j] } }
            return .tensor(Tensor(rows: n, columns: m, scalars: out))
        }
    }

    /// `A @ B`: matrix–matrix, matrix–vector, vector–matrix (the vector as a row) and vector–vector (the dot product).
    static let matrixProduct = Builtin(
        "@", ["A @ B"], "Matrix product; matrix @ vector gives a vector, vector @ vector the dot product.",
        example: "[[1, 2], [3, 4]] @ [1, 1]", category: .arithmetic, arity: 2...2
    ) { args in
        let a = try args.tensor(0), b = try args.tensor(1)
        guard !a.isScalar, !b.isScalar else {
            throw args.error("@ needs a vector or matrix on each side", argument: a.isScalar ? 0 : 1,
                             suggestion: "to scale by a number, use *")
        }
        let (m, k) = a.isVector ? (1, a.count) : (a.shape[0], a.shape[1])
        let (k2, n) = b.isVector ? (b.count, 1) : (b.shape[0], b.shape[1])
        guard k == k2 else {
            throw Diagnostic(
                "shape mismatch in @: \(Tensor.describe(shape: a.shape)) and \(Tensor.describe(shape: b.shape))",
                at: args.range(0).union(args.range(1)),
                note: "the left has \(k) column\(k == 1 ? "" : "s") but the right has \(k2) row\(k2 == 1 ? "" : "s")",
                suggestion: a.isMatrix && b.isMatrix && a.shape[0] == b.shape[0] ? "transpose the left: A' @ B" : nil)
        }
        try args.checkSize([m, n])
        var out = [Double](repeating: 0, count: m * n)
        a.scalars.withUnsafeBufferPointer { pa in
            b.scalars.withUnsafeBufferPointer { pb in
                out.withUnsafeMutableBufferPointer { po in
                    for i in 0..<m {
                        for p in 0..<k {
                            let x = pa[i * k + p]
                            for j in 0..<n { po[i * n + j] += x * pb[p * n + j] }
                        }
                    }
                }
            }
        }
        switch (a.isVector, b.isVector) {
        case (true, true): return .scalar(out[0])
        case (true, false): return .vector(out)
        case (false, true): return .vector(out)
        case (false, false): return .tensor(Tensor(rows: m, columns: n, scalars: out))
        }
    }
}
