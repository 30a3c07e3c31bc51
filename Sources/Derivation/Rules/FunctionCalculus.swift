import VectorLang

/// What the derivation engine knows of a builtin function, read from its one entry: its partial
/// derivatives (`Builtin.partials`) and its definition (`Builtin.definition`), both in Jacobi's syntax.
///
/// The chain rule is written once (`DifferentiationRules.chain`); each function supplies only ∂f/∂(each
/// argument), as SymPy's `Function._eval_derivative` does.
enum FunctionCalculus {
    /// A formula over parameters, read once.
    struct Formula: Sendable {
        let parameters: [String]
        let body: Term

        /// The formula with the arguments put in for the parameters (through placeholders, so an argument
        /// that mentions a parameter's name is not substituted twice).
        func applied(to args: [Term]) -> Term {
            var term = body
            for (n, parameter) in parameters.enumerated() { term = term.replacing(.symbol(parameter), with: .symbol("#\(n)")) }
            for (n, arg) in args.enumerated() { term = term.replacing(.symbol("#\(n)"), with: arg) }
            return term
        }
    }

    /// Every builtin's partial derivatives, by name and argument count.
    private static let partials: [String: [Int: (formulas: [Formula], note: String?)]] = {
        var table: [String: [Int: (formulas: [Formula], note: String?)]] = [:]
        for builtin in Builtins.all {
            for p in builtin.partials {
                let formulas = p.derivatives.compactMap { read($0, parameters: p.parameters) }
                guard formulas.count == p.parameters.count else { continue }
                table[builtin.name, default: [:]][p.parameters.count] = (formulas, p.note)
            }
        }
        return table
    }()

    /// Every builtin's definition, read once.
    private static let definitions: [String: Formula] = {
        var table: [String: Formula] = [:]
        for builtin in Builtins.all {
            if let d = builtin.definition, let f = read(d.body, parameters: d.parameters) { table[builtin.name] = f }
        }
        return table
    }()

    private static func read(_ text: String, parameters: [String]) -> Formula? {
        guard let expr = try? Parser.parseExpression(text) else { return nil }
        var reader = TermReader()
        guard let body = try? reader.read(expr) else { return nil }
        return Formula(parameters: parameters, body: body)
    }

    /// ∂f/∂(argument n) at `args`, or nil when the entry gives none.
    static func partial(of f: String, _ args: [Term], argument n: Int) -> Term? {
        guard let entry = partials[f]?[args.count], n < entry.formulas.count else { return nil }
        return entry.formulas[n].applied(to: args)
    }

    /// Whether the chain rule can go through f called with `count` arguments.
    static func isDifferentiable(_ f: String, arguments count: Int) -> Bool { partials[f]?[count] != nil }

    /// The builtins of one argument with a definition, to recognise where their shape is written out.
    static let unaryDefinitions: [String] = definitions.filter { $0.value.parameters.count == 1 }.keys.sorted()

    /// f written out by its definition at `args` (σ(u) = 1/(1 + exp(−u))).
    static func definition(of f: String, _ args: [Term]) -> Term? {
        guard let d = definitions[f], d.parameters.count == args.count else { return nil }
        return d.applied(to: args)
    }

    /// "σ′(u) = σ(u)·(1 − σ(u))", in the entry's own formula, with its note at a kink.
    static func statement(of f: String, arguments count: Int, argument n: Int) -> String {
        let r = TermRenderer(.unicode)
        let names = count == 1 ? ["u"] : (0..<count).map { $0 == 0 ? "u" : ["a", "b", "c"][min($0 - 1, 2)] }
        let args = names.map { Term.symbol($0) }
        guard let derivative = partial(of: f, args, argument: n) else { return "\(f)′" }
        let head = count == 1 ? r.render(.apply(f, args)).replacingFirstParenthesis(with: "′(")
            : "∂\(r.render(.apply(f, args)))/∂\(names[n])"
        var text = "\(head) = \(r.render(derivative))"
        if let note = partials[f]?[count]?.note { text += " (\(note))" }
        if Catalog.entry(named: f) != nil { text += " (:derive \(f))" }
        return text
    }

    /// "σ(x) = 1 / (1 + exp(−x))", from the entry's definition.
    static func definitionStatement(of f: String) -> String? {
        guard let d = definitions[f] else { return nil }
        let r = TermRenderer(.unicode)
        return "\(r.render(.apply(f, d.parameters.map { .symbol($0) }))) = \(r.render(d.body))"
    }
}

private extension String {
    /// `σ(u)` → `σ′(u)`.
    func replacingFirstParenthesis(with replacement: String) -> String {
        guard let open = firstIndex(of: "(") else { return self + "′" }
        return self[..<open] + replacement + self[index(after: open)...]
    }
}
