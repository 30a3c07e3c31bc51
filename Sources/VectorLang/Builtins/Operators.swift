/// The operators, as builtin entries: `+ - * / ^` elementwise with broadcasting, `@`, negation and transpose.
///
/// A vector is a column: in broadcasting (`A * v` scales A's rows, `p * p'` is the outer product, see
/// `Broadcasting`) and in `@` (see `MatrixProduct`).
enum Operators {
    static let entries: [Builtin] = [
        elementwise("+", "a + b", "Sum, elementwise; a vector is a column, so A + v adds v_i to row i, A + v' adds v_j to column j, and p + q' is the table of every p_i + q_j.", "[1, 2] + 10",
                    partials: { g, _, _, _ in (g, g) }) { $0 + $1 },
        elementwise("-", "a - b", "Difference, elementwise; a scalar, a vector (a column, one number per row) or a row v' broadcasts.", "[[1, 2], [3, 4]] - [1, 2]",
                    partials: { g, _, _, ops in (g, try ops.negate(g)) }) { $0 - $1 },
        elementwise("*", "a * b", "Product, elementwise (Hadamard); a vector is a column, so A * v scales A's rows, A * v' its columns, and p * p' is the outer product ppᵀ. For the matrix product use @.", "[1, 2, 3] * [1, 2]'",
                    partials: { g, a, b, ops in (try ops.multiply(g, b), try ops.multiply(g, a)) }) { $0 * $1 },
        elementwise("/", "a / b", "Quotient, elementwise; dividing by zero gives Inf or NaN, as in IEEE arithmetic.", "[1, 2] / 4",
                    partials: { g, a, b, ops in
                        let ga = try ops.divide(g, b)
                        // ∂(a/b)/∂b = −a/b² = −(a/b)/b
                        return (ga, try ops.negate(try ops.multiply(ga, try ops.divide(a, b))))
                    }) { $0 / $1 },
        elementwise("^", "a ^ b", "Power, elementwise; right-associative, and binds tighter than unary minus (-2^2 = -4).", "[1, 2, 3] ^ 2",
                    partials: powerPartials) { _pow($0, $1) },
        MatrixProduct.entry,
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

    /// `A'`: rows and columns swapped. A vector is a column, so its transpose is the 1×n row, which
    /// remembers it was a vector (`Tensor.isTransposedVector`): its own transpose is the vector again.
    static let transpose = Builtin(
        "transpose", ["transpose(A)", "A'"], "Swaps rows and columns; a vector is a column, so v' is the 1×n row, and v'' is v again.",
        example: "[[1, 2], [3, 4]]'", category: .linearAlgebra, arity: 1...1,
        derivative: .pullback({ rule in
            // The adjoint of transposing is transposing back, in the input's shape.
            [rule.ops.reshape(try rule.ops.transpose(rule.cotangent), to: rule.inputs[0].numbers?.shape ?? [])]
        })
    ) { args in
        let a = try args.tensor(0)
        switch a.rank {
        case 0: return .tensor(a)
        case 1: return .tensor(Tensor(transposedVector: a.scalars))
        default: return .tensor(a.isTransposedVector ? Tensor(vector: a.scalars) : a.transposed)
        }
    }
}
