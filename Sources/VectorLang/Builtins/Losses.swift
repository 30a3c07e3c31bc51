/// Loss functions: how far a prediction is from its target, as one number.
///
/// On matrices, each row is one example of a batch and the loss is the mean over rows, as PyTorch's
/// default `reduction="mean"`. A term whose target weight is 0 counts as 0 even where its log is −Inf
/// (the convention 0·log 0 = 0 of information theory), so a one-hot target ignores the other classes.
/// Logs are not clamped: a confident wrong prediction (p = 0 where y = 1) costs +Inf, where PyTorch's
/// BCELoss would clamp the log at −100 and report 100.
enum Losses {
    static let entries: [Builtin] = [crossEntropy, crossEntropyLogits, bce, mse, nll]

    static let crossEntropy = Builtin(
        "cross_entropy", ["cross_entropy(p, y)"],
        "−Σ_i y_i log p_i for probabilities p and target y; on matrices, the mean over rows (a batch).",
        example: "cross_entropy([0.7, 0.2, 0.1], [1, 0, 0])", category: .loss, arity: 2...2,
        derivative: .pullback({ rule in
            // ∂/∂p_i = −y_i / p_i and ∂/∂y_i = −log p_i, each over the m rows of a batch
            let (p, y, ops) = (rule.inputs[0], rule.inputs[1], rule.ops)
            let g = try ops.scale(rule.cotangent, by: -1 / Double(p.numbers?.rows ?? 1))
            // g · y_i / p_i, except that where y_i = 0 the term is absent, even at p_i = 0: there it divides by 1.
            return [rule.needs(0) ? try ops.crossEntropyQuotient(g, y, p) : nil,
                    rule.needs(1) ? try ops.multiply(g, try ops.call("log", p)) : nil]
        })
    ) { args in
        let (p, y) = try targets(args, prediction: "p")
        try checkProbabilities(p, args, suggestion: "apply softmax first, or use cross_entropy_logits(z, y) on raw scores")
        return .scalar(try meanOverRows(p, y, args) { p, y in VectorMath.crossEntropy(p, y) })
    }

    /// `cross_entropy_logits(z, y)`: cross-entropy of softmax(z), from the scores z, never forming softmax.
    ///
    /// −Σ_i y_i log softmax(z)_i = −Σ_i y_i (z_i − logsumexp(z)), with the stable normaliser of
    /// log_softmax, so scores of 1000 or −1000 give finite losses where log(softmax(z)) would give −Inf.
    static let crossEntropyLogits = Builtin(
        "cross_entropy_logits", ["cross_entropy_logits(z, y)"],
        "cross_entropy(softmax(z), y) computed stably from the scores z; on matrices, the mean over rows.",
        example: "cross_entropy_logits([2, 1, 0.1], [1, 0, 0])", category: .loss, arity: 2...2,
        derivative: .pullback({ rule in
            // ∂/∂z = p·Σ_k y_k − y (= p − y when Σy = 1), and ∂/∂y = −log_softmax(z), over the m rows
            let (z, y, ops) = (rule.inputs[0], rule.inputs[1], rule.ops)
            let g = try ops.scale(rule.cotangent, by: 1 / Double(z.numbers?.rows ?? 1))
            let gz = rule.needs(0)
                ? try ops.multiply(g, try ops.subtract(try ops.multiply(try ops.call("softmax", z), try ops.rowSums(y)), y)) : nil
            let gy = rule.needs(1) ? try ops.multiply(try ops.negate(g), try ops.call("log_softmax", z)) : nil
            return [gz, gy]
        })
    ) { args in
        let (z, y) = try targets(args, prediction: "z")
        return .scalar(try meanOverRows(z, y, args) { z, y in
            let normalizer = LogNormalizer(z)
            var loss = 0.0
            for i in z.indices where y[i] != 0 { loss -= y[i] * normalizer.logProbability(z[i]) }
            return loss
        })
    }

    /// `bce(p, y)`: binary cross-entropy, −mean(y log p + (1 − y) log(1 − p)), over every element.
    ///
    /// log(1 − p) is computed as log1p(−p), which keeps its digits when p is tiny.
    static let bce = Builtin(
        "bce", ["bce(p, y)"],
        "Binary cross-entropy −mean(y log p + (1 − y) log(1 − p)) for probabilities p and labels y in [0, 1].",
        example: "bce([0.9, 0.2], [1, 0])", category: .loss, arity: 2...2,
        derivative: .pullback({ rule in
            // ∂/∂p = −(y/p − (1 − y)/(1 − p)) and ∂/∂y = −(log p − log(1 − p)), over all N elements
            let (p, y, ops) = (rule.inputs[0], rule.inputs[1], rule.ops)
            let g = try ops.scale(rule.cotangent, by: -1 / Double(p.numbers?.count ?? 1))
            let safeP = try ops.add(p, ops.constant(y) { $0 == 0 ? 1 : 0 })
            let oneMinusP = try ops.subtract(from: 1, p)
            let safeOneMinusP = try ops.add(oneMinusP, ops.constant(y) { $0 == 1 ? 1 : 0 })
            let gp = rule.needs(0)
                ? try ops.multiply(g, try ops.subtract(try ops.divide(y, safeP), try ops.divide(try ops.subtract(from: 1, y), safeOneMinusP)))
                : nil
            let gy = rule.needs(1)
                ? try ops.multiply(g, try ops.subtract(try ops.call("log", p), try ops.call("log", oneMinusP))) : nil
            return [gp, gy]
        })
    ) { args in
        let (p, y) = try targets(args, prediction: "p")
        try checkProbabilities(p, args, suggestion: "apply sigmoid first to turn scores into probabilities")
        let total = try meanOverRows(p, y, args) { p, y in
            var loss = 0.0
            for i in p.indices {
                if y[i] != 0 { loss -= y[i] * _log(p[i]) }
                if y[i] != 1 { loss -= (1 - y[i]) * _log1p(-p[i]) }
            }
            return loss
        }
        return .scalar(total / Double(p.columns))
    }

    static let mse = Builtin(
        "mse", ["mse(a, b)"], "Mean squared error mean((a − b)^2) over every element.",
        example: "mse([1, 2, 3], [1, 2, 5])", category: .loss, arity: 2...2,
        derivative: .pullback({ rule in
            // ∂/∂a = 2(a − b)/N = −∂/∂b
            let ops = rule.ops
            let ga = try ops.multiply(rule.cotangent, try ops.scale(try ops.subtract(rule.inputs[0], rule.inputs[1]),
                                                                    by: 2 / Double(rule.inputs[0].numbers?.count ?? 1)))
            return [rule.needs(0) ? ga : nil, rule.needs(1) ? try ops.negate(ga) : nil]
        })
    ) { args in
        let (a, b) = try targets(args, prediction: "a", target: "b")
        let total = try meanOverRows(a, b, args) { a, b in
            var loss = 0.0
            for i in a.indices {
                let d = a[i] - b[i]
                loss += d * d
            }
            return loss
        }
        return .scalar(total / Double(a.columns))
    }

    /// `nll(logp, y)`: negative log-likelihood from log-probabilities, as PyTorch's NLLLoss.
    ///
    /// The target is either a class number k (1-based) — for a matrix, a vector of one class per row —
    /// giving −logp_k, or a one-hot or probability vector y of logp's shape, giving −Σ_i y_i logp_i.
    /// So nll(log_softmax(z), k) = cross_entropy_logits(z, onehot(k, n)).
    static let nll = Builtin(
        "nll", ["nll(logp, k)", "nll(logp, y)"],
        "Negative log-likelihood −logp_k for a class k, or −Σ_i y_i logp_i; on a matrix, the mean over rows.",
        example: "nll(log_softmax([2, 1, 0.1]), 1)", category: .loss, arity: 2...2,
        derivative: .pullback({ rule in
            // −(1/m) times the target weights: a one-hot row for a class number, y itself otherwise.
            let (logp, target, ops) = (rule.inputs[0], rule.inputs[1], rule.ops)
            guard let lp = logp.numbers, let t = target.numbers else { return [nil, nil] }
            let g = try ops.scale(rule.cotangent, by: -1 / Double(lp.rows))
            if !lp.isScalar, t.rank == lp.rank - 1 {
                var weights = Tensor(repeating: 0, shape: lp.shape)
                for (r, k) in t.scalars.enumerated() where k >= 1 && k <= Double(lp.columns) { weights.scalars[r * lp.columns + Int(k) - 1] = 1 }
                return [try ops.multiply(g, .tensor(weights)), nil]
            }
            return [rule.needs(0) ? try ops.multiply(g, target) : nil, rule.needs(1) ? try ops.multiply(g, logp) : nil]
        })
    ) { args in
        let logp = try args.tensor(0), target = try args.tensor(1)
        if !logp.isScalar, target.rank == logp.rank - 1 {
            guard target.count == logp.rows else {
                throw args.error("nll needs one class per row: logp has \(logp.rows) rows, but \(target.count) classes were given",
                                 argument: 1)
            }
            guard logp.count > 0 else { throw args.error("nll of an empty vector is undefined", argument: 0) }
            var loss = 0.0
            for (r, k) in target.scalars.enumerated() {
                let position = try args.classIndex(k, among: logp.columns, argument: 1, element: target.isVector ? r : nil)
                loss -= logp.scalars[r * logp.columns + position]
            }
            return .scalar(loss / Double(logp.rows))
        }
        let (_, y) = try targets(args, prediction: "logp")
        return .scalar(try meanOverRows(logp, y, args) { logp, y in
            var loss = 0.0
            for i in logp.indices where y[i] != 0 { loss -= y[i] * logp[i] }
            return loss
        })
    }

    /// Arguments 0 and 1 as a prediction and a target of the same shape, with at least one element.
    private static func targets(_ args: Arguments, prediction: String, target: String = "y") throws -> (Tensor, Tensor) {
        let a = try args.tensor(0), b = try args.tensor(1)
        guard a.shape == b.shape else {
            var suggestion: String?
            if a.isVector, b.isScalar {
                suggestion = args.name == "nll" ? nil : "for the class number k, write onehot(k, \(a.count)) as the target"
            } else if a.isMatrix, b.isMatrix, a.shape == [b.shape[1], b.shape[0]] {
                suggestion = "transpose one of them with '"
            } else if a.isMatrix, b.isVector {
                suggestion = "a batch needs one target row per example: a \(Tensor.describe(shape: a.shape)) target"
            }
            throw Diagnostic(
                "shape mismatch in \(args.name): \(Tensor.describe(shape: a.shape)) and \(Tensor.describe(shape: b.shape))",
                at: args.range(0).union(args.range(1)),
                note: "\(prediction) and \(target) must have the same shape", suggestion: suggestion)
        }
        guard a.count > 0 else {
            throw args.error("\(args.name) of empty \(a.isMatrix ? "matrices" : "vectors") is undefined", argument: 0)
        }
        return (a, b)
    }

    /// Refuses probabilities outside [0, 1], whose logs would be NaN; NaN itself passes through.
    private static func checkProbabilities(_ p: Tensor, _ args: Arguments, suggestion: String) throws {
        guard VectorMath.anyOutside(p.scalars, 0, 1), let i = p.scalars.firstIndex(where: { $0 < 0 || $0 > 1 }) else { return }
        let position = p.isScalar ? "" : " (element \(i + 1))"
        throw args.error("\(args.name) expects probabilities from 0 to 1 here, got \(Arguments.describe(p.scalars[i]))\(position)", argument: 0,
                         suggestion: suggestion)
    }

    /// The mean over rows of `loss(row of a, row of b)`; a vector or scalar is one row.
    private static func meanOverRows(
        _ a: Tensor, _ b: Tensor, _ args: Arguments,
        _ loss: (UnsafeBufferPointer<Double>, UnsafeBufferPointer<Double>) -> Double
    ) throws -> Double {
        let n = a.columns
        var total = 0.0
        try a.scalars.withUnsafeBufferPointer { pa in
            try b.scalars.withUnsafeBufferPointer { pb in
                for r in 0..<a.rows {
                    try args.checkInterrupt()
                    let row = (r * n)..<((r + 1) * n)
                    total += loss(UnsafeBufferPointer(rebasing: pa[row]), UnsafeBufferPointer(rebasing: pb[row]))
                }
            }
        }
        return total / Double(a.rows)
    }
}
