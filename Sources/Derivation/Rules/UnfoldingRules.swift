import VectorLang

/// Rules that write a function out by its definition, used at the start of a derivation.
enum UnfoldingRules {
    /// Unfolds the named function wherever it appears inside a pending derivative.
    static func function(_ f: String) -> Rule {
        Rule("definition of \(f)", FunctionCalculus.definitionStatement(of: f) ?? f) { term, _ in
            guard case .partial(let body, let v) = term else { return nil }
            let unfolded = unfold(f, in: body)
            guard unfolded != body else { return nil }
            return Rewrite(.partial(unfolded, v))
        }
    }

    private static func unfold(_ f: String, in term: Term) -> Term {
        if case .apply(let name, let args) = term, name == f, let d = FunctionCalculus.definition(of: f, args) { return d }
        let kids = term.children
        return kids.isEmpty ? term : term.with(children: kids.map { unfold(f, in: $0) })
    }

    /// Writes a name given to a part out wherever it appears inside a pending derivative (pᵢ inside log pᵢ too).
    static func abbreviation(_ d: Definition) -> Rule {
        Rule("definition of \(d.title)", "\(d.name) = \(d.meaning)") { term, _ in
            guard case .partial(let body, let v) = term else { return nil }
            let unfolded = unfold(d, in: body)
            guard unfolded != body else { return nil }
            // Stated at the first place the name occurs.
            guard let x = firstIndices(of: d.name, in: body), let element = d.element(x) else { return nil }
            return Rewrite(.partial(unfolded, v), [.term(.indexed(d.name, x)), .text(" = "), .term(element)])
        }
    }

    private static func firstIndices(of name: String, in term: Term) -> [Index]? {
        if case .indexed(let n, let indices) = term, n == name { return indices }
        for child in term.children { if let found = firstIndices(of: name, in: child) { return found } }
        return nil
    }

    private static func unfold(_ d: Definition, in term: Term) -> Term {
        if case .indexed(let name, let indices) = term, name == d.name, let element = d.element(indices) { return element }
        let kids = term.children
        return kids.isEmpty ? term : term.with(children: kids.map { unfold(d, in: $0) })
    }

    /// log(a/b) = log a − log b, and log(exp(a)) = a.
    static let logOfQuotient = Rule("log of a quotient", "log(a/b) = log a − log b, and log(exp(a)) = a") { term, _ in
        guard case .apply("log", let args) = term, args.count == 1, case .divide(let a, let b) = args[0] else { return nil }
        return Rewrite(.log(a) - .log(b))
    }

    /// log(a·b) = log a + log b, when every factor is positive whatever the numbers (exp(u), a softmax
    /// element, a positive constant); log(x·y) for numbers x and y of unknown sign stays as it is.
    static let logOfProduct = Rule("log of a product", "log(a·b) = log a + log b, for a, b > 0") { term, context in
        guard case .apply("log", let args) = term, args.count == 1, case .multiply(let factors) = args[0],
              factors.allSatisfy({ context.isPositive($0) }) else { return nil }
        return Rewrite(.sum(of: factors.map(Term.log)))
    }

    /// exp(a − log b) = exp(a)/b: an exponential of a log is no exponential at all.
    static let expOfLog = Rule("exp of a log", "exp(a + c·log b) = exp(a)·b^c") { term, _ in
        guard case .apply("exp", let args) = term, args.count == 1, case .add(let terms) = args[0] else { return nil }
        var rest: [Term] = [], powers: [Term] = []
        for t in terms {
            let (c, inner) = t.coefficientAndRest
            if case .apply("log", let b) = inner, b.count == 1 { powers.append(.raise(b[0], to: .number(c))) } else { rest.append(t) }
        }
        guard !powers.isEmpty else { return nil }
        return Rewrite(.product(of: [.exp(.sum(of: rest))] + powers))
    }

    /// What a textbook simplifies before differentiating.
    static let beforeDifferentiating = [logOfQuotient, logOfProduct, expOfLog, AlgebraRules.repeatedFactors, AlgebraRules.repeatedTerms]

    /// ∂p/∂v = p·∂(log p)/∂v, for p > 0: the log-derivative route to the softmax Jacobian.
    static let logDerivative = Rule("log-derivative trick", "∂p/∂v = p·∂(log p)/∂v, since ∂(log p)/∂v = (1/p)·∂p/∂v and p > 0") { term, _ in
        guard case .partial(let p, let v) = term, case .indexed = p else { return nil }
        return Rewrite(p * .partial(.log(p), v))
    }
}

extension UnfoldingRules {
    /// exp(a + b) = exp(a)·exp(b), to take a shift out of every exponential.
    static let expOfSum = Rule("exp of a sum", "exp(a + b) = exp(a)·exp(b)") { term, _ in
        guard case .apply("exp", let args) = term, case .add(let terms) = args[0] else { return nil }
        return Rewrite(.product(of: terms.map { Term.exp($0) }))
    }
}
