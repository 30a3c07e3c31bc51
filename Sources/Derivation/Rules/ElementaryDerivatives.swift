/// Each elementary function's own derivative f′(u), which the chain rule multiplies by ∂u/∂v.
///
/// These are the functions `Term.apply` can hold; the kinks are conventions stated in the builtins'
/// docs (relu′(0) = 0, abs′(0) = 0), matching automatic differentiation.
enum ElementaryDerivatives {
    static func derivative(of f: String, _ args: [Term]) -> Term? {
        guard let u = args.first else { return nil }
        switch (f, args.count) {
        case ("exp", 1): return .exp(u)
        case ("log", 1): return .quotient(.one, u)
        case ("log", 2): return .quotient(.one, u * .log(args[1]))
        case ("sigmoid", 1): return .apply("sigmoid", [u]) * (.one - .apply("sigmoid", [u]))
        case ("tanh", 1): return .one - .raise(.apply("tanh", [u]), to: .number(2))
        case ("relu", 1): return .apply("step", [u])
        case ("softplus", 1): return .apply("sigmoid", [u])
        case ("softsign", 1): return .quotient(.one, .raise(.one + .apply("abs", [u]), to: .number(2)))
        case ("abs", 1): return .apply("sign", [u])
        case ("sqrt", 1): return .quotient(.one, .number(2) * .apply("sqrt", [u]))
        case ("leaky_relu", 2): return .apply("step", [u]) + args[1] * (.one - .apply("step", [u]))
        case ("step", 1), ("sign", 1): return .zero
        default: return nil
        }
    }

    static func statement(of f: String) -> String {
        switch f {
        case "exp": return "exp′(u) = exp(u)"
        case "log": return "log′(u) = 1/u"
        case "sigmoid": return "σ′(u) = σ(u)(1 − σ(u)) (:derive sigmoid)"
        case "tanh": return "tanh′(u) = 1 − tanh(u)² (:derive tanh)"
        case "relu": return "relu′(u) = step(u): 1 for u > 0, 0 for u < 0, and 0 taken at the kink u = 0"
        case "softplus": return "softplus′(u) = σ(u) (:derive softplus)"
        case "softsign": return "softsign′(u) = 1/(1 + |u|)² (:derive softsign)"
        case "abs": return "|u|′ = sign(u), taken as 0 at the kink u = 0"
        case "sqrt": return "sqrt′(u) = 1/(2·sqrt(u))"
        case "leaky_relu": return "leaky_relu′(u) = 1 for u > 0 and a otherwise (a at the kink)"
        case "step", "sign": return "\(f) is constant on each side of 0, so its derivative is 0 (away from 0)"
        default: return "\(f)′"
        }
    }
}
