/// Activation functions of neural networks, elementwise; no finite input gives NaN or a spurious Inf.
enum Activations {
    static let entries: [Builtin] = [
        MathFunctions.map("sigmoid", "sigmoid(x)", "The logistic function 1 / (1 + exp(-x)), elementwise, stable for large |x|.",
                          "sigmoid([-800, 0, 2])", category: .activation, definition: "1 / (1 + exp(-x))",
                          derivative: { _, y, ops in try ops.multiply(y, try ops.subtract(from: 1, y)) },
                          partial: "sigmoid(x) * (1 - sigmoid(x))") { sigmoid($0) },
        MathFunctions.map("tanh", "tanh(x)", "Hyperbolic tangent, elementwise: 2 sigmoid(2x) − 1, between −1 and 1.",
                          "tanh([-1, 0, 1])", category: .activation, definition: "(exp(x) - exp(-x)) / (exp(x) + exp(-x))",
                          derivative: { _, y, ops in try ops.subtract(from: 1, try ops.multiply(y, y)) },
                          partial: "1 - tanh(x)^2") { _tanh($0) },
        MathFunctions.map("relu", "relu(x)", "max(x, 0), elementwise; its derivative at 0 is taken to be 0, as in PyTorch.",
                          "relu([-2, 0, 3])", category: .activation, definition: "x * step(x)",
                          derivative: { x, _, ops in
                              ops.noteKink("relu at 0", at: x) { $0 == 0 }
                              return ops.constant(x) { $0 > 0 ? 1 : 0 }
                          }, partial: "step(x)", note: "1 for x > 0, 0 for x < 0, and 0 taken at the kink x = 0") { relu($0) },
        leakyRelu,
        MathFunctions.map("softsign", "softsign(x)", "x / (1 + |x|), elementwise: a slower-saturating cousin of tanh.",
                          "softsign([-3, 0, 1])", category: .activation, definition: "x / (1 + abs(x))",
                          derivative: { x, _, ops in
                              // 1 / (1 + |x|)²; smooth at 0, since |x|'s kink is squared away
                              let d = try ops.add(.scalar(1), try ops.call("abs", x))
                              return try ops.divide(.scalar(1), try ops.multiply(d, d))
                          }, partial: "1 / (1 + abs(x))^2") { softsign($0) },
        MathFunctions.map("softplus", "softplus(x)", "log(1 + exp(x)), elementwise, computed stably: a smooth relu.",
                          "softplus([-800, 0, 800])", category: .activation, definition: "log(1 + exp(x))",
                          derivative: { x, _, ops in try ops.call("sigmoid", x) }, partial: "sigmoid(x)") { softplus($0) },
    ]

    /// `leaky_relu(z, a)`: z where z > 0, a·z elsewhere; the slope a defaults to 0.01 (PyTorch's default).
    static let leakyRelu = Builtin(
        "leaky_relu", ["leaky_relu(x)", "leaky_relu(x, a)"],
        "x where x > 0 and a·x elsewhere, elementwise; the slope a defaults to 0.01.",
        example: "leaky_relu([-2, 3], 0.1)", category: .activation, arity: 1...2,
        derivative: .pullback({ rule in
            // slope 1 where x > 0 and a elsewhere (so a at the kink, as PyTorch); ∂/∂a = x where x ≤ 0
            let (x, g, ops) = (rule.inputs[0], rule.cotangent, rule.ops)
            ops.noteKink("leaky_relu at 0", at: x) { $0 == 0 }
            let a = rule.inputs.count == 2 ? rule.inputs[1] : .scalar(0.01)
            let positive = ops.constant(x) { $0 > 0 ? 1 : 0 }
            let negative = ops.constant(x) { $0 > 0 ? 0 : 1 }
            let gx = rule.needs(0) ? try ops.multiply(g, try ops.add(positive, try ops.multiply(negative, a))) : nil
            let ga = rule.needs(1) ? try ops.sum(try ops.multiply(g, try ops.multiply(negative, x))) : nil
            return [gx, ga]
        }),
        definition: Builtin.Definition(["x", "a"], "x * step(x) + a * x * (1 - step(x))"),
        partials: [.init(["x"], ["step(x) + 0.01 * (1 - step(x))"], note: "slope 0.01 at the kink x = 0"),
                   .init(["x", "a"], ["step(x) + a * (1 - step(x))", "x * (1 - step(x))"], note: "slope a at the kink x = 0")]
    ) { args in
        let x = try args.tensor(0)
        let a = args.count == 2 ? try args.scalar(1) : 0.01
        return .tensor(x.map { $0 > 0 ? $0 : a * $0 })
    }

    /// σ(x) = 1 / (1 + e^(−x)).
    ///
    /// For x ≥ 0, e^(−x) ≤ 1, so the textbook form cannot overflow. For x < 0 it is multiplied through by
    /// e^x, giving e^x / (1 + e^x), whose exp cannot overflow either: σ(−800) = 0 rather than 1 / Inf
    /// after a warning, and no ratio Inf/Inf can appear. σ(−x) = 1 − σ(x).
    static func sigmoid(_ x: Double) -> Double {
        if x >= 0 { return 1 / (1 + _exp(-x)) }
        let e = _exp(x)
        return e / (1 + e)
    }

    /// relu(x) = max(x, 0), with NaN passed through rather than turned into 0.
    static func relu(_ x: Double) -> Double {
        x > 0 || x.isNaN ? x : 0
    }

    /// softsign(x) = x / (1 + |x|); at ±Inf its limit ±1, where the formula would give Inf/Inf.
    static func softsign(_ x: Double) -> Double {
        x.isInfinite ? (x > 0 ? 1 : -1) : x / (1 + Swift.abs(x))
    }

    /// softplus(x) = log(1 + e^x), written as max(x, 0) + log1p(e^(−|x|)).
    ///
    /// The two forms are equal (log(1 + e^x) = x + log(1 + e^(−x))), but this one never exponentiates a
    /// positive number, so softplus(800) = 800 rather than Inf, and log1p keeps the digits of
    /// softplus(−40) = 4.2e-18, which log(1 + tiny) would round to 0.
    static func softplus(_ x: Double) -> Double {
        relu(x) + _log1p(_exp(-Swift.abs(x)))
    }
}
