/// The last steps a textbook takes: the i = j and i ≠ j cases, and the result in matrix–vector form.
enum Presentation {
    /// The two cases of a result that holds δ_ab, or nil when it has no delta between two free indices.
    static func cases(of term: Term, fixed: Set<Index> = []) -> [Step.Case]? {
        let free = term.freeIndices.subtracting(fixed).sorted()
        guard free.count == 2, contains(.delta(free[0], free[1]), in: term) else { return nil }
        let (a, b) = (free[0], free[1])
        let equal = simplify(term.replacing(.delta(a, b), with: .one).renaming(b, to: a))
        let different = simplify(term.replacing(.delta(a, b), with: .zero))
        return [Step.Case(when: .indices(a, b, equal: true), expression: equal),
                Step.Case(when: .indices(a, b, equal: false), expression: different)]
    }

    /// The two sides of a kink: where step(u) is 1 and where it is 0.
    static func signCases(of term: Term) -> [Step.Case]? {
        guard let u = firstStep(in: term) else { return nil }
        let step = Term.apply("step", [u])
        return [Step.Case(when: .sign(u, positive: true), expression: simplify(term.replacing(step, with: .one))),
                Step.Case(when: .sign(u, positive: false), expression: simplify(term.replacing(step, with: .zero)))]
    }

    private static func firstStep(in term: Term) -> Term? {
        if case .apply("step", let args) = term { return args[0] }
        for child in term.children { if let u = firstStep(in: child) { return u } }
        return nil
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
