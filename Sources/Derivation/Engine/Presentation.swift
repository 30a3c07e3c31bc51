/// The last steps a textbook takes: the i = j and i ≠ j cases, and the result in matrix–vector form.
enum Presentation {
    /// The two cases of a result that holds δ_ab, or nil when it has no delta between two free indices.
    static func cases(of term: Term) -> [Step.Case]? {
        let free = term.freeIndices.sorted()
        guard free.count == 2, contains(.delta(free[0], free[1]), in: term) else { return nil }
        let (a, b) = (free[0], free[1])
        let equal = simplify(term.replacing(.delta(a, b), with: .one).renaming(b, to: a))
        let different = simplify(term.replacing(.delta(a, b), with: .zero))
        return [Step.Case(when: (a, b, true), expression: equal), Step.Case(when: (a, b, false), expression: different)]
    }

    private static func contains(_ pattern: Term, in term: Term) -> Bool {
        term == pattern || term.children.contains { contains(pattern, in: $0) }
    }

    /// Rebuilds through the smart constructors, so 0 − pⱼ becomes −pⱼ, then factors.
    static func simplify(_ term: Term) -> Term {
        let rebuilt = rebuild(term)
        let collected = Polynomial.term(Polynomial.collect(Polynomial.monomials(rebuilt, expand: false)))
        return collected.size <= rebuilt.size ? collected : rebuilt
    }

    private static func rebuild(_ term: Term) -> Term {
        let kids = term.children
        return kids.isEmpty ? term : term.with(children: kids.map(rebuild))
    }
}
