import VectorLang

/// Rules that write a function out by its definition, used at the start of a derivation.
enum UnfoldingRules {
    /// What an elementary function is, read from its builtin entry's `definition` (σ(x) = 1/(1 + exp(−x))),
    /// with the arguments put in for the parameters.
    static func definition(of f: String, _ args: [Term]) -> Term? {
        guard let definition = Builtins.named[f]?.definition, definition.parameters.count == args.count,
              let expr = try? Parser.parseExpression(definition.body) else { return nil }
        var reader = TermReader()
        guard var term = try? reader.read(expr) else { return nil }
        // Through placeholders, so an argument that mentions a parameter's name is not substituted twice.
        for (n, parameter) in definition.parameters.enumerated() { term = term.replacing(.symbol(parameter), with: .symbol("#\(n)")) }
        for (n, arg) in args.enumerated() { term = term.replacing(.symbol("#\(n)"), with: arg) }
        return term
    }

    static let statements: [String: String] = [
        "sigmoid": "σ(x) = 1/(1 + exp(−x))",
        "tanh": "tanh(x) = (exp(x) − exp(−x))/(exp(x) + exp(−x))",
        "softplus": "softplus(x) = log(1 + exp(x))",
        "softsign": "softsign(x) = x/(1 + |x|)",
        "relu": "relu(x) = max(x, 0) = x·step(x), where step(x) is 1 for x > 0 and 0 otherwise (at the kink x = 0, relu′ is taken to be 0)",
        "leaky_relu": "leaky_relu(x, a) = x·step(x) + a·x·(1 − step(x))",
    ]

    /// Unfolds the named function wherever it appears inside a pending derivative.
    static func function(_ f: String) -> Rule {
        Rule("definition of \(f)", statements[f] ?? f) { term, _ in
            guard case .partial(let body, let v) = term else { return nil }
            let unfolded = unfold(f, in: body)
            guard unfolded != body else { return nil }
            return Rewrite(.partial(unfolded, v))
        }
    }

    private static func unfold(_ f: String, in term: Term) -> Term {
        if case .apply(let name, let args) = term, name == f, let d = definition(of: f, args) { return d }
        let kids = term.children
        return kids.isEmpty ? term : term.with(children: kids.map { unfold(f, in: $0) })
    }

    /// Writes an abbreviation out wherever it appears inside a pending derivative (pᵢ inside log pᵢ too).
    static func abbreviation(_ d: Definition) -> Rule {
        Rule("definition of \(d.name)", "\(d.abbreviation) = \(d.meaning)") { term, _ in
            guard case .partial(let body, let v) = term else { return nil }
            let unfolded = unfold(d, in: body)
            guard unfolded != body else { return nil }
            let x = Index("i")
            return Rewrite(.partial(unfolded, v), [.term(.indexed(d.abbreviation, [x])), .text(" = "), .term(d.element(x))])
        }
    }

    private static func unfold(_ d: Definition, in term: Term) -> Term {
        if case .indexed(let name, let indices) = term, name == d.abbreviation, indices.count == 1 { return d.element(indices[0]) }
        let kids = term.children
        return kids.isEmpty ? term : term.with(children: kids.map { unfold(d, in: $0) })
    }

    /// log(a/b) = log a − log b, and log(exp(a)) = a.
    static let logOfQuotient = Rule("log of a quotient", "log(a/b) = log a − log b, and log(exp(a)) = a") { term, _ in
        guard case .apply("log", let args) = term, args.count == 1, case .divide(let a, let b) = args[0] else { return nil }
        return Rewrite(.log(a) - .log(b))
    }

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
