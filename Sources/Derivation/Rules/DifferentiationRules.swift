/// The rules of differentiation, each rewriting one ∂f/∂v node.
///
/// The chain rule is written once, in `chain`: each elementary function supplies only its own
/// derivative f′(u) (`ElementaryDerivatives`), as SymPy's `Function._eval_derivative` does.
enum DifferentiationRules {
    static let all: [Rule] = [constant, itself, variable, sumRule, sumOver, constantMultiple, productRule, quotientRule,
                              powerRule, lemma, chain, unfoldAbbreviation]

    static let constant = Rule("constant", "∂c/∂v = 0 when c does not depend on v") { term, context in
        guard case .partial(let f, let v) = term, !context.depends(f, on: v) else { return nil }
        return Rewrite(.zero, [.term(f), .text(" does not depend on "), .term(v.term)])
    }

    static let itself = Rule("∂x/∂x = 1", "a variable changes one for one with itself") { term, _ in
        guard case .partial(.symbol(let s), let v) = term, s == v.name, v.indices.isEmpty else { return nil }
        return Rewrite(.one)
    }

    static let variable = Rule("Kronecker delta", "∂zₖ/∂zⱼ = δₖⱼ: the elements of a vector are independent") { term, _ in
        guard case .partial(let f, let v) = term else { return nil }
        switch f {
        case .indexed(let s, let indices) where s == v.name && indices.count == v.indices.count:
            return Rewrite(.product(of: zip(indices, v.indices).map { Term.kronecker($0, $1) }))
        default:
            return nil
        }
    }

    static let sumRule = Rule("sum rule", "∂(f + g)/∂v = ∂f/∂v + ∂g/∂v") { term, _ in
        guard case .partial(.add(let terms), let v) = term else { return nil }
        return Rewrite(.sum(of: terms.map { .partial($0, v) }))
    }

    static let sumOver = Rule("derivative of a sum", "∂(Σₖ fₖ)/∂v = Σₖ ∂fₖ/∂v") { term, _ in
        guard case .partial(.sum(let k, let body), let v) = term else { return nil }
        return Rewrite(.indexSum(k, .partial(body, v)))
    }

    static let constantMultiple = Rule("constant multiple", "∂(c·f)/∂v = c·∂f/∂v") { term, context in
        guard case .partial(let f, let v) = term else { return nil }
        switch f {
        case .multiply(let factors):
            let constants = factors.filter { !context.depends($0, on: v) }
            let rest = factors.filter { context.depends($0, on: v) }
            guard !constants.isEmpty, !rest.isEmpty else { return nil }
            return Rewrite(.product(of: constants + [.partial(.product(of: rest), v)]),
                           [.text("the factor "), .term(.product(of: constants)), .text(" does not depend on "), .term(v.term)])
        case .divide(let a, let b) where !context.depends(b, on: v):
            return Rewrite(.quotient(.partial(a, v), b), [.text("the divisor "), .term(b), .text(" does not depend on "), .term(v.term)])
        default:
            return nil
        }
    }

    static let productRule = Rule("product rule", "∂(f·g)/∂v = ∂f/∂v·g + f·∂g/∂v") { term, _ in
        guard case .partial(.multiply(let factors), let v) = term, factors.count >= 2 else { return nil }
        let f = factors[0], g = Term.product(of: Array(factors.dropFirst()))
        return Rewrite(.partial(f, v) * g + f * .partial(g, v), [.binding("f", f), .text(", "), .binding("g", g)])
    }

    static let quotientRule = Rule("quotient rule", "∂(f/g)/∂v = (∂f/∂v·g − f·∂g/∂v) / g²") { term, _ in
        guard case .partial(.divide(let f, let g), let v) = term else { return nil }
        let result = Term.quotient(.partial(f, v) * g - f * .partial(g, v), .raise(g, to: .number(2)))
        return Rewrite(result, [.binding("f", f), .text(", "), .binding("g", g), .text(", f′ = "), .term(.partial(f, v)),
                                .text(", g′ = "), .term(.partial(g, v))])
    }

    static let powerRule = Rule("power rule", "∂(uⁿ)/∂v = n·uⁿ⁻¹·∂u/∂v") { term, context in
        guard case .partial(.power(let u, let n), let v) = term, !context.depends(n, on: v) else { return nil }
        return Rewrite(.product(of: [n, .raise(u, to: n - .one), .partial(u, v)]), [.binding("u", u), .text(", "), .binding("n", n)])
    }

    /// A cited result, such as the softmax Jacobian inside the cross-entropy derivation.
    static let lemma = Rule("cited result", "a result derived before") { term, context in
        guard case .partial(.indexed(let name, let indices), let v) = term else { return nil }
        for lemma in context.lemmas where lemma.abbreviation == name && lemma.argument == v.name {
            if let result = lemma.derivative(indices, v.indices) {
                return Rewrite(result, [.text(lemma.name + ": " + lemma.statement)])
            }
        }
        return nil
    }

    /// The chain rule: ∂f(u)/∂v = f′(u)·∂u/∂v, with f′ from the function's own entry.
    static let chain = Rule("chain rule", "∂f(u)/∂v = f′(u)·∂u/∂v") { term, context in
        guard case .partial(.apply(let f, let args), let v) = term, let u = args.first else { return nil }
        guard let derivative = ElementaryDerivatives.derivative(of: f, args) else { return nil }
        let others = args.dropFirst()
        guard !others.contains(where: { context.depends($0, on: v) }) else { return nil }
        return Rewrite(.product(of: [derivative, .partial(u, v)]),
                       [.text(ElementaryDerivatives.statement(of: f)), .text(", with "), .binding("u", u)])
    }

    /// Writes out an abbreviation that has no cited derivative: pᵢ = exp(zᵢ)/Σₖ exp(zₖ).
    static let unfoldAbbreviation = Rule("definition", "replace an abbreviation by what it stands for") { term, context in
        guard case .partial(.indexed(let name, let indices), let v) = term, indices.count == 1,
              let definition = context.definitions.first(where: { $0.abbreviation == name }) else { return nil }
        return Rewrite(.partial(definition.element(indices[0]), v),
                       [.text("definition of \(definition.name): "), .term(.indexed(name, indices)), .text(" = "),
                        .term(definition.element(indices[0]))])
    }
}

extension RuleContext {
    /// Whether `f` changes with `v`, looking through abbreviations (p depends on z when p = softmax(z)).
    func depends(_ f: Term, on v: Variable) -> Bool {
        if f.mentions(v.name) { return true }
        return definitions.contains { $0.argument == v.name && f.mentions($0.abbreviation) }
    }
}
