/// Linear algebra beyond `@` and transpose (which are operators): outer products, diagonals, identities.
enum LinearAlgebra {
    static let entries: [Builtin] = [outer, diag, eye]

    /// `outer(a, b)`: the m×n matrix a bᵀ, with entries a_i b_j.
    static let outer = Builtin(
        "outer", ["outer(a, b)"], "Outer product: the matrix with entries a_i b_j, a bᵀ; the same as a @ b' and a * b', vectors being columns.",
        example: "outer([1, 2], [3, 4, 5])", category: .linearAlgebra, arity: 2...2,
        derivative: .pullback({ rule in
            // a bᵀ: ∂a = G b, ∂b = Gᵀ a; a one-row G times b is a number, given back as a's one element.
            let (a, b, g, ops) = (rule.inputs[0], rule.inputs[1], rule.cotangent, rule.ops)
            return [rule.needs(0) ? ops.reshape(try ops.matrixProduct(g, b), to: a.numbers?.shape ?? []) : nil,
                    rule.needs(1) ? ops.reshape(try ops.matrixProduct(try ops.transpose(g), a), to: b.numbers?.shape ?? []) : nil]
        })
    ) { args in
        let a = try args.vector(0), b = try args.vector(1)
        let (m, n) = (a.count, b.count)
        try args.checkSize([m, n])
        var out = [Double](repeating: 0, count: m * n)
        try out.withUnsafeMutableBufferPointer { po in
            for i in 0..<m {
                try args.checkInterrupt()
                let x = a.scalars[i]
                for j in 0..<n { po[i * n + j] = x * b.scalars[j] }
            }
        }
        return .tensor(Tensor(rows: m, columns: n, scalars: out))
    }

    /// `diag(x)`: a vector's diagonal matrix, or a matrix's diagonal as a vector, as NumPy's diag.
    ///
    /// The two are inverse one way round: diag(diag(v)) = v. The softmax Jacobian is diag(p) − p pᵀ.
    static let diag = Builtin(
        "diag", ["diag(v)", "diag(A)"],
        "The square matrix with v on its diagonal; of a matrix, its diagonal as a vector.",
        example: "diag([1, 2, 3])", category: .linearAlgebra, arity: 1...1,
        derivative: .pullback({ rule in
            // Both directions only move numbers between a vector and a matrix's diagonal, so each
            // adjoint is the other move.
            guard let x = rule.inputs[0].numbers else { return [nil] }
            if x.isMatrix {
                let positions = (0..<min(x.rows, x.columns)).map { $0 * x.columns + $0 }
                return [Tracing.scatter(rule.cotangent, positions: positions, shape: x.shape)]
            }
            return [Tracing.gather(rule.cotangent, positions: (0..<x.count).map { $0 * x.count + $0 }, shape: x.shape)]
        })
    ) { args in
        let x = try args.tensor(0)
        if x.isMatrix {
            let (m, n) = (x.shape[0], x.shape[1])
            return .vector((0..<min(m, n)).map { x.scalars[$0 * n + $0] })
        }
        guard x.isVector else {
            throw args.error("diag expects a vector or a matrix here, got a scalar", argument: 0,
                             suggestion: "for a multiple of the identity, write x * eye(n)")
        }
        let n = x.count
        try args.checkSize([n, n])
        var out = [Double](repeating: 0, count: n * n)
        for i in 0..<n { out[i * n + i] = x.scalars[i] }
        return .tensor(Tensor(rows: n, columns: n, scalars: out))
    }

    static let eye = Builtin(
        "eye", ["eye(n)"], "The n×n identity matrix: ones on the diagonal, the Kronecker delta δ_ij.",
        example: "eye(3)", category: .linearAlgebra, arity: 1...1, derivative: .none
    ) { args in
        let n = try args.size(0)
        try args.checkSize([n, n])
        var out = [Double](repeating: 0, count: n * n)
        for i in 0..<n { out[i * n + i] = 1 }
        return .tensor(Tensor(rows: n, columns: n, scalars: out))
    }
}
