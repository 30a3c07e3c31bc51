/// The rules of differentiation, each rewriting one ∂f/∂v node.
///
/// The chain rule is written once, in `chain`: each function supplies only its partial derivatives,
/// from its builtin entry (`FunctionCalculus`), as SymPy's `Function._eval_derivative` does.
enum DifferentiationRules {
    static let all: [Rule] = [constant, itself, variable, chainThroughIntermediate, sumRule, sumOver, constantMultiple, productRule, quotientRule,
                              powerRule, generalPowerRule, lemma, chainThroughDefinition, chain, unfoldAbbreviation]

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
        // The sum's letter must not be v's: ∂(Σₖ zₖ)/∂zₖ would capture, so the binder moves aside first.
        guard case .partial(let sum, let v) = term, let (k, body) = sum.openedSum(avoiding: Set(v.indices)) else { return nil }
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
        return Rewrite(result, [.binding("f", f), .text(", "), .binding("g", g), .text(", "), .binding("f′", .partial(f, v)),
                                .text(", "), .binding("g′", .partial(g, v))])
    }

    static let powerRule = Rule("power rule", "∂(uⁿ)/∂v = n·uⁿ⁻¹·∂u/∂v") { term, context in
        guard case .partial(.power(let u, let n), let v) = term, !context.depends(n, on: v) else { return nil }
        return Rewrite(.product(of: [n, .raise(u, to: n - .one), .partial(u, v)]), [.binding("u", u), .text(", "), .binding("n", n)])
    }

    /// ∂(u^w)/∂v = u^w·(∂w/∂v·log u + w·∂u/∂v / u), when the exponent varies too (u > 0): u^w = exp(w log u).
    static let generalPowerRule = Rule("power rule with a varying exponent", "∂(u^w)/∂v = u^w·(w′·log u + w·u′/u), for u > 0") { term, context in
        guard case .partial(.power(let u, let w), let v) = term, context.depends(w, on: v) else { return nil }
        let result = Term.product(of: [.raise(u, to: w), .partial(w, v) * .log(u) + .quotient(w * .partial(u, v), u)])
        return Rewrite(result, [.text("u^w = exp(w·log u), with "), .binding("u", u), .text(", "), .binding("w", w)])
    }

    /// A cited result, such as the softmax Jacobian inside the cross-entropy derivation.
    static let lemma = Rule("cited result", "a result derived before") { term, context in
        guard case .partial(let part, let v) = term, case .indexed(let name, let indices) = part else { return nil }
        for lemma in context.lemmas where lemma.definition.name == name && context.depends(part, on: v) {
            if let result = lemma.derivative(indices, v), let statement = lemma.statement(at: indices, v) {
                return Rewrite(result, [.text(lemma.name + ": " + statement)])
            }
        }
        return nil
    }

    /// The chain rule: ∂f(u, a, …)/∂v = ∂f/∂u·∂u/∂v + ∂f/∂a·∂a/∂v + …, with the partials from f's entry;
    /// an argument that does not depend on v adds nothing.
    static let chain = Rule("chain rule", "∂f(u)/∂v = f′(u)·∂u/∂v") { term, context in
        guard case .partial(.apply(let f, let args), let v) = term, FunctionCalculus.isDifferentiable(f, arguments: args.count) else { return nil }
        var parts: [Term] = []
        var explanation: Explanation = []
        for (n, u) in args.enumerated() where context.depends(u, on: v) {
            guard let derivative = FunctionCalculus.partial(of: f, args, argument: n) else { return nil }
            parts.append(.product(of: [derivative, .partial(u, v)]))
            if !explanation.isEmpty { explanation.append(.text("; ")) }
            explanation += [.text(FunctionCalculus.statement(of: f, arguments: args.count, argument: n)), .text(", with "),
                            .binding(args.count == 1 || n == 0 ? "u" : ["a", "b", "c"][min(n - 1, 2)], u)]
        }
        guard !parts.isEmpty else { return nil }
        return Rewrite(.sum(of: parts), explanation)
    }

    /// ∂F(u)/∂x = ∂F/∂u·∂u/∂x, when F depends on x only through one named intermediate u that occurs more
    /// than once (exp(u)/(2 + exp(u))): ∂u/∂x is then derived once, not once per occurrence.
    static let chainThroughIntermediate = Rule("chain rule through an intermediate", "∂F(u)/∂x = ∂F/∂u·∂u/∂x") { term, context in
        guard case .partial(let f, let v) = term, !f.isAtom, !f.mentions(v.name) else { return nil }
        let through = context.definitions.filter { d in
            if case .intermediate = d.kind { return f.mentions(d.name) && context.depends(.symbol(d.name), on: v) }
            return false
        }
        guard through.count == 1, let u = through.first?.name,
              !context.definitions.contains(where: { $0.name != u && f.mentions($0.name) && context.depends(.symbol($0.name), on: v) }) else { return nil }
        // Only when u occurs more than once: otherwise the plain rules reach ∂u/∂x once anyway, in fewer steps.
        guard f.occurrences(of: .symbol(u)) > 1 else { return nil }
        let intermediate = Variable(u)
        return Rewrite(.partial(f, intermediate) * .partial(.symbol(u), v),
                       [.text("\(u) = \(through[0].meaning) is the only way "), .term(f), .text(" depends on "), .term(v.term)])
    }

    /// ∂p_X/∂v = Σₘ ∂p_X/∂uₘ·∂uₘ/∂v, when p is a function of u and u, another named part, depends on v
    /// (p = softmax(u) with u = W @ x): the chain rule through the intermediate vector.
    static let chainThroughDefinition = Rule("chain rule through a named part", "∂pₓ/∂v = Σₘ ∂pₓ/∂uₘ·∂uₘ/∂v") { term, context in
        guard case .partial(.indexed(let name, let x), let v) = term,
              let d = context.definitions.first(where: { $0.name == name }), d.rank == 1, !d.arguments.contains(v.name),
              let u = context.definitions.first(where: { $0.name == d.argument }), u.rank == 1,
              context.depends(.indexed(u.name, [Definition.slot]), on: v) else { return nil }
        let m = Term.fresh(avoiding: Set(x).union(v.indices))
        let result = Term.indexSum(m, .partial(.indexed(name, x), Variable(u.name, [m])) * .partial(.indexed(u.name, [m]), v))
        return Rewrite(result, [.text("\(name) depends on "), .term(v.term), .text(" only through \(u.name) = \(u.meaning)")])
    }

    /// Writes out a name the derivation gave a part, when no result about it is cited: pᵢ = exp(zᵢ)/Σₖ exp(zₖ).
    static let unfoldAbbreviation = Rule("definition", "replace a name by what it stands for") { term, context in
        guard case .partial(let named, let v) = term else { return nil }
        let name: String, indices: [Index]
        switch named {
        case .indexed(let n, let x): (name, indices) = (n, x)
        case .symbol(let n): (name, indices) = (n, [])
        default: return nil
        }
        guard let definition = context.definitions.first(where: { $0.name == name }), let element = definition.element(indices) else { return nil }
        return Rewrite(.partial(element, v), [.text("definition of \(definition.title): "), .term(named), .text(" = "), .term(element)])
    }
}

extension RuleContext {
    /// Whether `f` changes with `v`, looking through names given to parts (p depends on W when
    /// p = softmax(u) and u = W @ x).
    func depends(_ f: Term, on v: Variable) -> Bool {
        if f.mentions(v.name) { return true }
        return definitions.contains { d in f.mentions(d.name) && dependsOnVariable(d, v.name, seen: []) }
    }

    /// Whether `t` is positive at any numbers: a positive constant, an exponential, σ, softplus, a
    /// softmax element, or a product, quotient or sum of such.
    func isPositive(_ t: Term) -> Bool {
        switch t {
        case .number(let c): return c > 0
        case .apply(let f, _): return ["exp", "sigmoid", "softplus"].contains(f)
        case .indexed(let name, _): return definitions.contains { $0.name == name && $0.sumsToOne }
        case .multiply(let parts), .add(let parts): return parts.allSatisfy(isPositive)
        case .divide(let a, let b): return isPositive(a) && isPositive(b)
        case .sum(_, let body): return isPositive(body)
        default: return false
        }
    }

    private func dependsOnVariable(_ d: Definition, _ name: String, seen: Set<String>) -> Bool {
        if d.arguments.contains(name) { return true }
        if seen.contains(d.name) { return false }
        return definitions.contains { other in d.arguments.contains(other.name) && dependsOnVariable(other, name, seen: seen.union([d.name])) }
    }
}
