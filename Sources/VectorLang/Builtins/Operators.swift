/// The operators, as builtin entries: `+ - * / ^` elementwise with broadcasting, `@`, negation and transpose.
enum Operators {
    static let entries: [Builtin] = [
        elementwise("+", "a + b", "Sum, elementwise; a scalar or a row vector broadcasts.", "[1, 2] + 10",
                    partials: { g, _, _, _ in (g, g) }) { $0 + $1 },
        elementwise("-", "a - b", "Difference, elementwise; a scalar or a row vector broadcasts.", "[[1, 2], [3, 4]] - [1, 1]",
                    partials: { g, _, _, ops in (g, try ops.negate(g)) }) { $0 - $1 },
        elementwise("*", "a * b", "Product, elementwise (Hadamard); for the matrix product use @.", "[1, 2, 3] * 2",
                    partials: { g, a, b, ops in (try ops.multiply(g, b), try ops.multiply(g, a)) }) { $0 * $1 },
        elementwise("/", "a / b", "Quotient, elementwise; dividing by zero gives Inf or NaN, as in IEEE arithmetic.", "[1, 2] / 4",
                    partials: { g, a, b, ops in
                        let ga = try ops.divide(g, b)
                        // ∂(a/b)/∂b = −a/b² = −(a/b)/b
                        return (ga, try ops.negate(try ops.multiply(ga, try ops.divide(a, b))))
                    }) { $0 / $1 },
        elementwise("^", "a ^ b", "Power, elementwise; right-associative, and binds tighter than unary minus (-2^2 = -4).", "[1, 2, 3] ^ 2",
                    partials: powerPartials) { _pow($0, $1) },
        matrixProduct,
        negate,
        transpose,
    ]

    /// The cotangents of a and b given the output's, before summing away any broadcasting.
    typealias Partials = @Sendable (_ g: Value, _ a: Value, _ b: Value, _ ops: Ops) throws -> (Value, Value)

    static func elementwise(
        _ symbol: String, _ signature: String, _ summary: String, _ example: String,
        partials: @escaping Partials, _ op: @escaping @Sendable (Double, Double) -> Double
    ) -> Builtin {
        Builtin(symbol, [signature], summary, example: example, category: .arithmetic, arity: 2...2,
                derivative: .pullback({ rule in
                    let (a, b) = (rule.inputs[0], rule.inputs[1])
                    let (ga, gb) = try partials(rule.cotangent, a, b, rule.ops)
                    return [
                        rule.needs(0) ? try rule.ops.unbroadcast(ga, to: a.numbers?.shape ?? []) : nil,
                        rule.needs(1) ? try rule.ops.unbroadcast(gb, to: b.numbers?.shape ?? []) : nil,
                    ]
                })) { args in
            .tensor(try Broadcasting.combine(try args.tensor(0), try args.tensor(1), args, op))
        }
    }

    /// ∂(aᵇ)/∂a = b·aᵇ⁻¹ and ∂(aᵇ)/∂b = aᵇ·log a; the second only matters when b is traced, and is
    /// taken as 0 where a = 0 (so z^2 at z = 0 has no NaN from log 0).
    static let powerPartials: Partials = { g, a, b, ops in
        let da = try ops.multiply(g, try ops.multiply(b, try ops.call("^", a, try ops.subtract(b, .scalar(1)))))
        guard b.node != nil else { return (da, .scalar(0)) }
        let safeLog = try ops.call("log", try ops.call("+", a, ops.constant(a) { $0 == 0 ? 1 : 0 }))
        return (da, try ops.multiply(g, try ops.multiply(try ops.call("^", a, b), safeLog)))
    }

    static let negate = Builtin("neg", ["-a"], "Negation, elementwise.", example: "-[1, 2]", category: .arithmetic, arity: 1...1,
                                derivative: .pullback({ rule in [try rule.ops.negate(rule.cotangent)] })) { args in
        .tensor(try args.tensor(0).map { -$0 })
    }

    static let transpose = Builtin(
        "transpose", ["transpose(A)", "A'"], "Swaps rows and columns; a vector becomes a 1×n row matrix.",
        example: "[[1, 2], [3, 4]]'", category: .linearAlgebra, arity: 1...1,
        derivative: .pullback({ rule in
            // The adjoint of transposing is transposing back; a vector became a 1×n row, so it gets its row back.
            let back = try rule.ops.transpose(rule.cotangent)
            guard let shape = rule.inputs[0].numbers?.shape, shape.count < 2 else { return [back] }
            return [Tracing.gather(back, positions: Array(0..<(shape.first ?? 1)), shape: shape)]
        })
    ) { args in
        let a = try args.tensor(0)
        switch a.rank {
        case 0: return .tensor(a)
        case 1: return .tensor(Tensor(rows: 1, columns: a.count, scalars: a.scalars))
        default:
            return .tensor(a.transposed)
        }
    }

    /// `A @ B`: matrix–matrix, matrix–vector, vector–matrix (the vector as a row) and vector–vector (the dot product).
    static let matrixProduct = Builtin(
        "@", ["A @ B"], "Matrix product; matrix @ vector gives a vector, vector @ vector the dot product.",
        example: "[[1, 2], [3, 4]] @ [1, 1]", category: .arithmetic, arity: 2...2,
        derivative: .pullback(matrixProductPullback)
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
        switch (a.isVector, b.isVector) {
        case (true, true): return .scalar(out[0])
        case (true, false): return .vector(out)
        case (false, true): return .vector(out)
        case (false, false): return .tensor(Tensor(rows: m, columns: n, scalars: out))
        }
    }

    /// For C = A B: ∂L/∂A = G Bᵀ and ∂L/∂B = Aᵀ G, with vectors read as rows or columns the way `@` read them.
    static let matrixProductPullback: @Sendable (PullbackInput) throws -> [Value?] = { rule in
        let (a, b, g, ops) = (rule.inputs[0], rule.inputs[1], rule.cotangent, rule.ops)
        let aIsVector = a.numbers?.isVector == true, bIsVector = b.numbers?.isVector == true
        var ga: Value?, gb: Value?
        switch (aIsVector, bIsVector) {
        case (true, true):  // a · b
            if rule.needs(0) { ga = try ops.multiply(g, b) }
            if rule.needs(1) { gb = try ops.multiply(g, a) }
        case (false, true):  // A x: ∂A = g xᵀ, ∂x = Aᵀ g
            if rule.needs(0) { ga = try ops.call("outer", g, b) }
            if rule.needs(1) { gb = try ops.matrixProduct(try ops.transpose(a), g) }
        case (true, false):  // xᵀB: ∂x = B g, ∂B = x gᵀ
            if rule.needs(0) { ga = try ops.matrixProduct(b, g) }
            if rule.needs(1) { gb = try ops.call("outer", a, g) }
        case (false, false):
            if rule.needs(0) { ga = try ops.matrixProduct(g, try ops.transpose(b)) }
            if rule.needs(1) { gb = try ops.matrixProduct(try ops.transpose(a), g) }
        }
        return [ga, gb]
    }
}
