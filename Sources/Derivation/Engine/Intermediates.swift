import VectorLang

/// Names for the inner arguments of a deep composition, as a textbook writes u₁ = σ(x), u₂ = σ(u₁): each
/// level is then differentiated once, through its name, and the steps grow with the depth, not faster.
enum Intermediates {
    /// `term` with the arguments of its functions named from the inside out, when three or more functions
    /// are nested: only numbers (no index, no sum: Σₖ exp(zₖ) belongs to a softmax) that change with `wrt`
    /// and contain a function. Names are u1, u2, … not in `taken`.
    static func name(in term: Term, wrt: String, taken: Set<String>) -> (Term, [Definition]) {
        guard nesting(term) >= 3 else { return (term, []) }
        var definitions: [Definition] = []
        var dependent: Set<String> = [wrt]
        var number = 0
        func named(_ a: Term) -> Term {
            guard !a.isAtom, a.allIndices.isEmpty, nesting(a) > 0, !a.variableNames.isDisjoint(with: dependent) else { return a }
            if let same = definitions.first(where: { $0.kind == .intermediate(a) }) { return .symbol(same.name) }
            var name: String
            repeat {
                number += 1
                name = "u\(number)"
            } while taken.contains(name)
            definitions.append(Definition(name: name, kind: .intermediate(a), meaning: TermRenderer(.input).render(a),
                                          expression: TermExpression(definitions: [:], avoid: []).expr(a), arguments: a.variableNames.sorted()))
            dependent.insert(name)
            return .symbol(name)
        }
        func rewrite(_ t: Term) -> Term {
            let kids = t.children
            guard !kids.isEmpty else { return t }
            let inner = t.with(children: kids.map(rewrite))
            guard case .apply(let f, let args) = inner else { return inner }
            return .apply(f, args.map(named))
        }
        return (rewrite(term), definitions)
    }

    /// How deeply functions are nested in `term`: 0 for a polynomial, 1 for exp(x), 2 for σ(exp(x)).
    static func nesting(_ term: Term) -> Int {
        let inner = term.children.map(nesting).max() ?? 0
        if case .apply = term { return inner + 1 }
        return inner
    }
}
