/// Softmax and its relatives, computed stably; on a matrix, row by row (each row is one example of a batch).
///
/// Every stable kernel first shifts the scores by their maximum m: softmax is invariant to adding a
/// constant (softmax(z − m) = softmax(z)), and after the shift every exponent is ≤ 0, so exp cannot
/// overflow, and the largest term is exactly exp(0) = 1, so the sum cannot underflow to 0.
/// `naive_softmax` leaves the shift out on purpose, so a lesson can show exp(1000) = Inf becoming NaN.
///
/// Infinite scores are taken as limits: the scores equal to +Inf share the probability equally and the
/// rest get 0; a score of −Inf gets probability 0. A row whose scores are all −Inf has no limit: its
/// softmax is NaN (0/0), as in NumPy and PyTorch, and its logsumexp is log 0 = −Inf. NaN propagates.
enum SoftmaxFamily {
    static let entries: [Builtin] = [softmax, naiveSoftmax, logSoftmax, logSumExp]

    static let softmax = Builtin(
        "softmax", ["softmax(z)", "softmax(z, T)"],
        "exp(z_i) / Σ_k exp(z_k), computed stably; each row of a matrix; T > 0 is a temperature: softmax(z / T).",
        example: "softmax([2, 1, 0.1])", category: .softmax, arity: 1...2,
        derivative: .pullback(softmaxPullback, jacobian: softmaxJacobian)
    ) { args in
        let z = try scores(args)
        let t = args.count == 2 ? try temperature(args) : 1
        return .tensor(try mapRows(z, args) { z, p in softmaxRow(z, temperature: t, into: p) })
    }

    static let naiveSoftmax = Builtin(
        "naive_softmax", ["naive_softmax(z)"],
        "exp(z) / sum(exp(z)) with no shift by the maximum, to show why softmax needs one: try it on [1000, 0].",
        example: "naive_softmax([1000, 0])", category: .softmax, arity: 1...1,
        derivative: .pullback(softmaxPullback, jacobian: softmaxJacobian)
    ) { args in
        .tensor(try mapRows(try scores(args), args) { z, p in
            var s = 0.0
            for i in z.indices {
                let e = _exp(z[i])
                p[i] = e
                s += e
            }
            for i in p.indices { p[i] /= s }
        })
    }

    static let logSoftmax = Builtin(
        "log_softmax", ["log_softmax(z)"],
        "log(softmax(z)) = z_i − logsumexp(z), computed without forming softmax; each row of a matrix.",
        example: "log_softmax([1000, 0])", category: .softmax, arity: 1...1,
        derivative: .pullback({ rule in
            // ∂ log p_i/∂z_j = δ_ij − p_j, so the cotangent is g − p·Σg, row by row, with p = exp(log p).
            let ops = rule.ops
            return [try ops.subtract(rule.cotangent, try ops.multiply(try ops.call("exp", rule.output), try ops.rowSums(rule.cotangent)))]
        }, jacobian: { _, logp in
            let n = logp.count
            var j = Tensor(repeating: 0, shape: [n, n])
            for r in 0..<n { for c in 0..<n { j.scalars[r * n + c] = (r == c ? 1 : 0) - _exp(logp.scalars[c]) } }
            return j
        })
    ) { args in
        .tensor(try mapRows(try scores(args), args) { z, out in
            let normalizer = LogNormalizer(z)
            for i in z.indices { out[i] = normalizer.logProbability(z[i]) }
        })
    }

    static let logSumExp = Builtin(
        "logsumexp", ["logsumexp(z)"],
        "log Σ_k exp(z_k), computed stably, a smooth maximum; of an m×n matrix, the vector (a column) of its m rows' values.",
        example: "logsumexp([1000, 1000])", category: .softmax, arity: 1...1,
        derivative: .pullback({ rule in
            // ∂ logsumexp(z)/∂z_j = softmax(z)_j; through the softmax call, so the Hessian comes out too.
            let ops = rule.ops
            let p = try ops.call("softmax", rule.inputs[0])
            return [try ops.multiply(p, try ops.expand(rule.cotangent, to: rule.inputs[0].numbers?.shape ?? []))]
        })
    ) { args in
        let z = try scores(args)
        var out = [Double](repeating: 0, count: z.rows)
        try z.scalars.withUnsafeBufferPointer { all in
            for r in 0..<z.rows {
                try args.checkInterrupt()
                out[r] = LogNormalizer(UnsafeBufferPointer(rebasing: all[(r * z.columns)..<((r + 1) * z.columns)])).logSumExp
            }
        }
        return z.isMatrix ? .vector(out) : .scalar(out[0])
    }

    /// The vector–Jacobian product of y = softmax(z / T): y ⊙ (g − ⟨g, y⟩) / T, row by row, so no n × n
    /// Jacobian is formed; and for T, −⟨y ⊙ (g − ⟨g, y⟩), z⟩ / T².
    static let softmaxPullback: @Sendable (PullbackInput) throws -> [Value?] = { rule in
        let (y, g, ops) = (rule.output, rule.cotangent, rule.ops)
        // ⟨g, y⟩: of a vector by dot, which equals sum(g * y) to the bit without forming g * y.
        let inner = y.numbers?.isVector == true && g.numbers?.isVector == true
            ? try ops.call("dot", g, y) : try ops.rowSums(try ops.multiply(g, y))
        let shifted = try ops.productWithDifference(y, g, inner)
        guard rule.inputs.count == 2 else { return [shifted] }
        let t = rule.inputs[1]
        let gz = rule.needs(0) ? try ops.divide(shifted, t) : nil
        let gt = rule.needs(1)
            ? try ops.negate(try ops.divide(try ops.sum(try ops.multiply(shifted, rule.inputs[0])), try ops.multiply(t, t)))
            : nil
        return [gz, gt]
    }

    /// diag(p) − ppᵀ, built directly.
    static let softmaxJacobian: @Sendable (Tensor, Tensor) -> Tensor = { _, p in
        let n = p.count
        let j = VectorMath.array(count: n * n) { jj in
            p.scalars.withUnsafeBufferPointer { pp in
                for r in 0..<n {
                    let pr = pp[r]
                    for c in 0..<n { jj[r * n + c] = -pr * pp[c] }
                    jj[r * n + r] += pr
                }
            }
        }
        return Tensor(rows: n, columns: n, scalars: j)
    }

    /// One row of softmax(z / t), written into `p`.
    ///
    /// With a finite maximum m: p_i = exp((z_i − m) / t) · (1 / s), s = Σ_k exp((z_k − m) / t) ≥ 1 (the
    /// maximum contributes exp(0)), so 1 / s is safe, and one division replaces n. (z_i − m) / t, not
    /// z_i / t − m / t: dividing first could overflow (1e308 / 0.5). Long rows go to the vectorised kernel.
    static func softmaxRow(_ z: UnsafeBufferPointer<Double>, temperature t: Double, into p: UnsafeMutableBufferPointer<Double>) {
        if z.count >= VectorMath.shortLength {
            if VectorMath.softmax(z, temperature: t, into: p) { return }
        } else {
            var m = -Double.infinity
            for x in z where x > m { m = x }
            if m.isFinite {
                var s = 0.0
                for i in z.indices {
                    let e = _exp(t == 1 ? z[i] - m : (z[i] - m) / t)
                    p[i] = e
                    s += e
                }
                let scale = 1 / s
                for i in p.indices { p[i] *= scale }
                return
            }
        }
        // Rare: some score is +Inf, or all are −Inf or NaN; dividing by t > 0 keeps which.
        let normalizer = LogNormalizer(z)
        for i in z.indices { p[i] = normalizer.probability(z[i]) }
    }

    /// Applies `kernel` to each row of `z` (a vector is one row), giving a result of the same shape.
    static func mapRows(
        _ z: Tensor, _ args: Arguments,
        _ kernel: (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void
    ) throws -> Tensor {
        let n = z.columns
        let out = try VectorMath.array(count: z.count) { buffer in
            try z.scalars.withUnsafeBufferPointer { input in
                for r in 0..<z.rows {
                    try args.checkInterrupt()
                    let row = (r * n)..<((r + 1) * n)
                    kernel(UnsafeBufferPointer(rebasing: input[row]), UnsafeMutableBufferPointer(rebasing: buffer[row]))
                }
            }
        }
        return Tensor(shape: z.shape, scalars: out)
    }

    /// Argument 0 as scores: a vector, or a matrix of rows, with at least one score in each row.
    static func scores(_ args: Arguments) throws -> Tensor {
        let z = try args.tensor(0)
        guard !z.isScalar else {
            throw args.error("\(args.name) expects a vector of scores here, got a scalar", argument: 0,
                             suggestion: "write the scores as a vector, such as \(args.name)([2, 1, 0.1])")
        }
        guard z.columns > 0 else {
            throw args.error("\(args.name) of an empty \(z.isMatrix ? "row" : "vector") is undefined", argument: 0,
                             note: "there must be at least one score to normalise over")
        }
        return z
    }

    private static func temperature(_ args: Arguments) throws -> Double {
        let t = try args.scalar(1)
        guard t > 0, t.isFinite else {
            let suggestion = t == .infinity
                ? "as T grows, softmax approaches the uniform distribution; try T = 100"
                : "as T → 0, softmax approaches the one-hot of the maximum; try T = 0.1"
            throw args.error("the temperature T must be a positive finite number, got \(Arguments.describe(t))", argument: 1, suggestion: suggestion)
        }
        return t
    }
}

/// The normaliser of one row of scores: log Σ_k exp(z_k), kept as a shift m = max(z) and log Σ_k exp(z_k − m).
///
/// The term of the maximum is exactly 1, so the rest are summed apart and added with log1p: that keeps the
/// digits of logsumexp([0, -40]) = 4.2e-18, which log(1 + s) would round to 0.
struct LogNormalizer {
    /// m = max(z), or ±Inf or NaN in the cases without a finite maximum.
    let shift: Double
    /// log Σ_k exp(z_k − m); when m = +Inf, log c for the c scores equal to +Inf (exp recovers c by rounding).
    let logSum: Double

    init(_ z: UnsafeBufferPointer<Double>) {
        var m = -Double.infinity, k = -1
        for i in z.indices where z[i] > m {
            m = z[i]
            k = i
        }
        if m.isFinite {
            var s = 0.0
            if z.count >= VectorMath.shortLength {
                s = VectorMath.expSum(UnsafeBufferPointer(rebasing: z[..<k]), shift: m)
                    + VectorMath.expSum(UnsafeBufferPointer(rebasing: z[(k + 1)...]), shift: m)
            } else {
                for i in 0..<k { s += _exp(z[i] - m) }
                for i in (k + 1)..<z.count { s += _exp(z[i] - m) }
            }
            (shift, logSum) = (m, _log1p(s))
        } else if z.contains(where: \.isNaN) {
            (shift, logSum) = (.nan, .nan)
        } else if m == .infinity {
            (shift, logSum) = (.infinity, _log(Double(z.count(where: { $0 == .infinity }))))
        } else {
            (shift, logSum) = (-.infinity, 0)
        }
    }

    /// log Σ_k exp(z_k).
    var logSumExp: Double { shift + logSum }

    /// log softmax(z)_i for the score x = z_i: (x − m) − log Σ_k exp(z_k − m).
    func logProbability(_ x: Double) -> Double {
        if shift.isFinite { return (x - shift) - logSum }
        if shift == .infinity { return x == .infinity ? -logSum : -.infinity }
        return .nan
    }

    /// softmax(z)_i for the score x = z_i.
    func probability(_ x: Double) -> Double {
        if shift.isFinite { return _exp((x - shift) - logSum) }
        if shift == .infinity { return x == .infinity ? 1 / _exp(logSum).rounded() : 0 }
        return .nan
    }
}
