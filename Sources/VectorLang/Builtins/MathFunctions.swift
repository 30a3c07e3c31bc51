/// Elementary functions applied elementwise: exp, log, sqrt, abs.
enum MathFunctions {
    static let entries: [Builtin] = [
        map("exp", "exp(x)", "e to the power x, elementwise.", "exp([0, 1])", derivative: { _, y, _ in y }, partial: "exp(x)",
            array: VectorMath.exp) { _exp($0) },
        Builtin("log", ["log(x)", "log(x, b)"], "Natural logarithm, elementwise; log(x, b) is the logarithm in base b.",
                example: "log([1, 100], 10)", category: .elementwise, arity: 1...2,
                derivative: .pullback({ rule in
                    let (x, g, ops) = (rule.inputs[0], rule.cotangent, rule.ops)
                    guard rule.inputs.count == 2 else { return [try ops.divide(g, x)] }
                    // log_b x = ln x / ln b: ∂/∂x = 1/(x ln b), ∂/∂b = −ln x / (b (ln b)²)
                    let lnb = try ops.call("log", rule.inputs[1])
                    let gx = rule.needs(0) ? try ops.unbroadcast(try ops.divide(g, try ops.multiply(x, lnb)), to: x.numbers?.shape ?? []) : nil
                    let gb = rule.needs(1)
                        ? try ops.unbroadcast(try ops.negate(try ops.divide(try ops.multiply(g, rule.output),
                                                                            try ops.multiply(rule.inputs[1], lnb))), to: rule.inputs[1].numbers?.shape ?? [])
                        : nil
                    return [gx, gb]
                }),
                partials: [.init(["x"], ["1 / x"]), .init(["x", "b"], ["1 / (x * log(b))", "-log(x) / (b * log(b)^2)"])]) { args in
            let x = try args.tensor(0)
            if args.count == 1 { return .tensor(x.map(_log)) }
            return .tensor(try Broadcasting.combine(x, try args.tensor(1), args) { _log($0) / _log($1) })
        },
        map("sqrt", "sqrt(x)", "Square root, elementwise; negative numbers give NaN.", "sqrt([4, 9])",
            derivative: { _, y, ops in try ops.divide(.scalar(0.5), y) }, partial: "1 / (2 * sqrt(x))") { $0.squareRoot() },
        map("abs", "abs(x)", "Absolute value, elementwise; its derivative at 0 is taken to be 0.", "abs([-1, 2])",
            derivative: { x, _, ops in
                ops.noteKink("abs at 0", at: x) { $0 == 0 }
                return ops.constant(x) { $0 > 0 ? 1 : $0 < 0 ? -1 : 0 }
            }, partial: "sign(x)", note: "taken as 0 at the kink x = 0") { Swift.abs($0) },
    ]

    /// An entry for a function of one number applied to every element.
    ///
    /// `derivative` is f′(x) given x and y = f(x), written with differentiable operations; the chain
    /// rule is applied once, by automatic differentiation. `array`, when given, computes f over a whole
    /// array at once (a vectorised kernel); f itself is then the reference it must agree with.
    static func map(
        _ name: String, _ signature: String, _ summary: String, _ example: String,
        category: Builtin.Category = .elementwise,
        definition: String? = nil,
        derivative: (@Sendable (_ x: Value, _ y: Value, _ ops: Ops) throws -> Value)? = nil,
        partial: String? = nil, note: String? = nil,
        array: (@Sendable ([Double]) -> [Double])? = nil,
        _ f: @escaping @Sendable (Double) -> Double
    ) -> Builtin {
        Builtin(name, [signature], summary, example: example, category: category, arity: 1...1,
                derivative: derivative.map { .elementwise($0) } ?? .unsupported("it has no derivative rule"),
                definition: definition.map { Builtin.Definition(["x"], $0) },
                partials: partial.map { [Builtin.Partials(["x"], [$0], note: note)] } ?? []) { args in
            let x = try args.tensor(0)
            if let array { return .tensor(x.replacing(scalars: array(x.scalars))) }
            return .tensor(x.map(f))
        }
    }
}
