import VectorLang

/// One way to put a slip into a step: the wrong line, and what was done, in words.
struct PlantedSlip {
    let kind: DrillSlip
    /// The step's expression as the student wrote it.
    let line: Term
    /// What was changed, for the feedback ("the term pᵢ·pⱼ lost its minus sign").
    let what: String
    /// For a fact used but not assumed: the fact taken out of what the derivation assumes.
    var unassumed: Assumption?
    /// Whether the slip is in the part this step worked on (a slip there reads as this step's own).
    var inFocus = true
}

/// Every way to plant each kind of slip in one step of a true derivation. A slip goes where the step
/// worked (the part its rule rewrote) when it can, else anywhere in the line; whether it changes the
/// line's value is for the caller to check.
struct SlipPlanter {
    let derivation: DerivationResult
    private let show = TermRenderer(.unicode)

    init(_ derivation: DerivationResult) { self.derivation = derivation }

    func candidates(_ kind: DrillSlip, at n: Int) -> [PlantedSlip] {
        guard derivation.steps.indices.contains(n) else { return [] }
        let step = derivation.steps[n]
        let line = step.expression
        let focus = step.part.flatMap { line.path(of: $0.result) } ?? []
        func planted(_ path: TermPath, _ new: Term, _ what: String) -> PlantedSlip? {
            let wrong = line.replacing(at: path, with: new)
            guard wrong != line else { return nil }
            return PlantedSlip(kind: kind, line: wrong, what: what, inFocus: path.starts(with: focus))
        }
        // Places in the part the step worked on first, then the rest of the line.
        let places = line.positions.filter { $0.path.starts(with: focus) } + line.positions.filter { !$0.path.starts(with: focus) }
        var found: [PlantedSlip] = []
        switch kind {
        case .sign:
            for (path, t) in places {
                if case .add(let terms) = t {
                    for (m, term) in terms.enumerated() {
                        var flipped = terms
                        flipped[m] = -term
                        let verb = term.hasMinusSign ? "lost its minus sign" : "gained a minus sign"
                        found += [planted(path, .sum(of: flipped), "the term \(show.render(term)) \(verb)")].compactMap { $0 }
                    }
                }
            }
            found += [planted(focus, -(line.subterm(at: focus) ?? line), "the sign of \(show.render(line.subterm(at: focus) ?? line)) is flipped")].compactMap { $0 }
        case .transpose:
            let free = line.freeIndices.subtracting(derivation.plan.fixed).sorted()
            guard free.count == 2 else { return [] }
            for path in [focus, []] {
                guard let part = line.subterm(at: path), part.freeIndices.isSuperset(of: free) else { continue }
                found += [planted(path, part.swapping(free[0], free[1]),
                                  "\(free[0]) and \(free[1]) are swapped in \(show.render(part))")].compactMap { $0 }
            }
        case .lostDelta:
            for (path, t) in places {
                guard case .delta(let a, let b) = t else { continue }
                found += [planted(path, .zero, "\(show.render(t)) was dropped: the \(a) = \(b) case is lost"),
                          planted(path, .one, "\(show.render(t)) was written as 1: the \(a) ≠ \(b) case is lost")].compactMap { $0 }
            }
        case .droppedTerm:
            for (path, t) in places {
                guard case .add(let terms) = t, terms.count >= 2 else { continue }
                for m in terms.indices {
                    var rest = terms
                    rest.remove(at: m)
                    found += [planted(path, .sum(of: rest), "the term \(show.render(terms[m])) is missing")].compactMap { $0 }
                }
            }
        case .droppedFactor:
            for (path, t) in places {
                switch t {
                case .multiply(let factors):
                    for m in factors.indices where !factors[m].isNumber && !factors[m].isDelta {
                        var rest = factors
                        rest.remove(at: m)
                        found += [planted(path, .product(of: rest), "the factor \(show.render(factors[m])) of \(show.render(t)) is missing")].compactMap { $0 }
                    }
                case .divide(let a, let b):
                    found += [planted(path, a, "the divisor \(show.render(b)) is missing")].compactMap { $0 }
                default: break
                }
            }
        case .factorOfTwo:
            for (path, t) in places {
                if case .multiply(let factors) = t, case .number(let c) = factors[0], abs(c).remainder(dividingBy: 2) == 0 {
                    found += [planted(path, .product(of: [.number(c / 2)] + factors.dropFirst()), "the factor 2 in \(show.render(t)) is lost")].compactMap { $0 }
                }
                if case .add(let terms) = t {
                    for (m, term) in terms.enumerated() {
                        var doubled = terms
                        doubled[m] = .number(2) * term
                        found += [planted(path, .sum(of: doubled), "the term \(show.render(term)) is doubled")].compactMap { $0 }
                    }
                }
            }
            if let part = line.subterm(at: focus) {
                found += [planted(focus, .number(2) * part, "\(show.render(part)) is doubled")].compactMap { $0 }
            }
        case .unassumedFact:
            found += unassumedFacts(at: n, places: places, planted: planted)
        case .wrongVariable:
            found += otherVariables(at: n, focus: focus)
        }
        return found
    }

    /// A fact the step uses, taken out of what is assumed; or a sum of an input's elements, which nothing
    /// says is one, written as 1.
    private func unassumedFacts(at n: Int, places: [(path: TermPath, term: Term)],
                                planted: (TermPath, Term, String) -> PlantedSlip?) -> [PlantedSlip] {
        let step = derivation.steps[n]
        let facts = derivation.plan.facts
        if let part = step.part, case .sum(let k, .indexed(let name, let x)) = part.of, x.last == k, part.result.isOne,
           let fact = facts.first(where: { $0.sumsToOneVector == name }) {
            var slip = PlantedSlip(kind: .unassumedFact, line: step.expression,
                                   what: "the step uses \(show.render(part.of)) = 1, but the derivation does not assume that \(name) sums to one (with assume \(fact.assumption) the step would hold)")
            slip.unassumed = fact.assumption
            return [slip]
        }
        let named = Set(derivation.definitions.map(\.name))
        var found: [PlantedSlip] = []
        for (path, t) in places {
            guard case .sum(let k, .indexed(let name, let x)) = t, x == [k], !named.contains(name),
                  !facts.contains(where: { $0.sumsToOneVector == name }) else { continue }
            found += [planted(path, .one, "\(show.render(t)) was written as 1, but nothing says \(name) sums to one")].compactMap { $0 }
        }
        return found
    }

    /// The step's own rule applied to the derivative by another input of the same shape, or by the same
    /// input at another free index: ∂f/∂yⱼ or ∂f/∂zᵢ where the step took ∂f/∂zⱼ.
    private func otherVariables(at n: Int, focus: TermPath) -> [PlantedSlip] {
        let step = derivation.steps[n]
        guard let part = step.part, let wrt = part.wrt, let rule = DifferentiationRules.all.first(where: { $0.name == step.rule }) else { return [] }
        let plan = derivation.plan
        let named = Set(plan.definitions.map(\.name))
        var others: [Variable] = []
        let read = derivation.target.variableNames.union(plan.definitions.flatMap(\.arguments))
        for name in read.subtracting(named).subtracting([wrt.name]).sorted()
        where derivation.steps.lazy.compactMap({ $0.expression.rank(of: name) }).first == wrt.indices.count {
            others.append(Variable(name, wrt.indices))
        }
        if wrt.indices.count == 1 {
            for i in step.expression.freeIndices.subtracting(plan.fixed).subtracting(wrt.indices).sorted() {
                others.append(Variable(wrt.name, [i]))
            }
        }
        var found: [PlantedSlip] = []
        for other in others {
            let context = RuleContext(wrt: other, definitions: plan.definitions, facts: plan.facts, lemmas: plan.lemmas)
            guard let rewrite = rule.rewrite(.partial(part.of, other), context) else { continue }
            let wrong = step.expression.replacing(at: focus, with: rewrite.result)
            guard wrong != step.expression else { continue }
            found.append(PlantedSlip(kind: .wrongVariable, line: wrong,
                                     what: "\(show.render(.partial(part.of, other))) was taken where the step needs \(show.render(.partial(part.of, wrt)))"))
        }
        return found
    }
}

extension Term {
    /// A term written with a leading minus (a negative coefficient).
    var hasMinusSign: Bool {
        switch self {
        case .number(let c): return c < 0
        case .multiply(let factors): if case .number(let c) = factors[0] { return c < 0 } else { return false }
        default: return false
        }
    }

    var isDelta: Bool {
        if case .delta = self { return true }
        return false
    }

    /// How many indices `name` takes where it occurs (0 for a number), or nil if it does not occur.
    func rank(of name: String) -> Int? {
        switch self {
        case .symbol(let s): return s == name ? 0 : nil
        case .indexed(let s, let x): return s == name ? x.count : nil
        default: return children.lazy.compactMap { $0.rank(of: name) }.first
        }
    }
}
