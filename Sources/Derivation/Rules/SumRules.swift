/// Rules for Σ and δ: contraction, splitting, pulling out what does not depend on the summation index.
enum SumRules {
    static let all: [Rule] = [contraction, facts, distributeOverDelta, splitSum, pullOut]

    /// Σₖ δₖⱼ fₖ = fⱼ: of all the terms, only k = j survives.
    static let contraction = Rule("delta contraction", "Σₖ δₖⱼ fₖ = fⱼ") { term, _ in
        guard case .sum(let k, let body) = term else { return nil }
        // Look through quotients too (δ/T), by the body's single monomial.
        let monomials = Polynomial.monomials(body, expand: false)
        guard monomials.count == 1 else { return nil }
        for (atom, e) in monomials[0].powers where e == 1 {
            guard case .delta(let a, let b) = atom, a == k || b == k else { continue }
            let other = a == k ? b : a
            var rest = monomials[0]
            rest.multiply(by: atom, exponent: -1)
            return Rewrite(rest.term.renaming(k, to: other), [.text("only the term \(k) = \(other) survives")])
        }
        return nil
    }

    /// Σₖ pₖ = 1 and Σₖ yₖ = 1, stated where used, with where the fact came from; only declared facts
    /// and the definitions' own properties are used, never a guess from a name.
    static let facts = Rule("fact", "a vector whose elements sum to one") { term, context in
        guard case .sum(let k, .indexed(let name, let indices)) = term, indices.last == k, !indices.dropLast().contains(k),
              let fact = context.facts.first(where: { $0.sumsToOneVector == name }) else { return nil }
        return Rewrite(.one, [.term(term), .text(" = 1: " + fact.reason)])
    }

    /// Σₖ a·(δₖⱼ − b) = Σₖ (a·δₖⱼ − a·b): multiplying out so that the delta can be contracted (in any
    /// term of the sum's body).
    static let distributeOverDelta = Rule("distribute", "a·(b + c) = a·b + a·c") { term, _ in
        guard case .sum(let k, let body) = term else { return nil }
        var terms = body.terms
        for (t, product) in terms.enumerated() {
            let factors = product.factors
            guard let n = factors.firstIndex(where: { paysToDistribute($0, among: factors, over: k) }),
                  case .add(let inner) = factors[n] else { continue }
            var rest = factors
            rest.remove(at: n)
            terms[t] = .sum(of: inner.map { Term.product(of: rest + [$0]) })
            return Rewrite(.indexSum(k, .sum(of: terms)))
        }
        return nil
    }

    /// Whether multiplying out the difference `factor` of a product over k pays: it has a δ on k (which
    /// then contracts), or a term free of k beside a factor with k, as yₖ(Wₖⱼ − c) (c then leaves the sum).
    private static func paysToDistribute(_ factor: Term, among factors: [Term], over k: Index) -> Bool {
        guard case .add(let terms) = factor, !factor.containsPartial else { return false }
        let contracts = terms.contains { t in t.factors.contains { if case .delta(let a, let b) = $0 { return a == k || b == k } else { return false } } }
        let others = factors.filter { if case .add = $0 { return false } else { return true } }
        return contracts || others.contains { $0.freeIndices.contains(k) } && terms.contains { !$0.freeIndices.contains(k) }
    }

    /// Σₖ (aₖ + bₖ) = Σₖ aₖ + Σₖ bₖ; a term c without k adds n·c, with n the length of a vector k runs over.
    static let splitSum = Rule("split the sum", "Σₖ (aₖ + bₖ) = Σₖ aₖ + Σₖ bₖ") { term, _ in
        guard case .sum(let k, .add(let terms)) = term else { return nil }
        guard terms.contains(where: isSeparable(k)) else { return nil }
        // A sum of a constant needs its range, which only a vector indexed by k alone can give: len(y).
        let range = rangeWitness(k, in: .add(terms))
        if range == nil, terms.contains(where: { !$0.freeIndices.contains(k) }) { return nil }
        let parts = terms.map { t -> Term in t.freeIndices.contains(k) ? .indexSum(k, t) : .product(of: [range ?? .one, t]) }
        let note: Explanation = range.map { n in terms.contains { !$0.freeIndices.contains(k) }
            ? [.text("a term without \(k) is added once for each \(k): "), .term(n), .text(" times")] : [] } ?? []
        return Rewrite(.sum(of: parts), note)
    }

    /// Whether a term of Σₖ's body is better summed alone: it has a δ, does not involve k, has a factor
    /// that does not (and can leave the sum), or is one vector's element (Σₖ pₖ may be a fact).
    static func isSeparable(_ k: Index) -> (Term) -> Bool {
        { t in
            if case .indexed(_, let x) = t.coefficientAndRest.1, x == [k] { return true }
            return !t.freeIndices.contains(k) || t.factors.contains { f in
                if case .delta = f { return true }
                return !f.freeIndices.contains(k) && !f.isNumber
            }
        }
    }

    /// Σₘ aₘ + Σₖ bₖ = Σₘ (aₘ + bₘ) over the same range (both index one vector alone), when the bodies
    /// cannot be summed apart: the two halves of ∂(xᵀAx)/∂x become one sum.
    static let mergeSums = Rule("one sum", "Σₘ aₘ + Σₖ bₖ = Σₘ (aₘ + bₘ)") { term, _ in
        guard case .add(let terms) = term else { return nil }
        // c·Σₖ fₖ, as a number times a sum.
        func scaledSum(_ t: Term) -> (Double, Index, Term)? {
            let (c, rest) = t.coefficientAndRest
            guard case .sum(let k, let body) = rest, isSettled(body), !body.terms.contains(where: isSeparable(k)) else { return nil }
            return (c, k, body)
        }
        for a in terms.indices {
            guard let (c, m, first) = scaledSum(terms[a]) else { continue }
            let range = axes(m, in: first)
            for b in terms.indices where b > a {
                guard let (d, k, second) = scaledSum(terms[b]), !axes(k, in: second).isDisjoint(with: range),
                      !Term.indexSum(k, second).freeIndices.contains(m) else { continue }
                let other = second.renaming(k, to: m)
                guard !other.terms.contains(where: isSeparable(m)) else { continue }
                var rest = terms
                rest.remove(at: b)
                rest[a] = .indexSum(m, .number(c) * first + .number(d) * other)
                let result = Term.sum(of: rest)
                if result.size < term.size { return Rewrite(result) }
            }
        }
        return nil
    }

    /// The axes a sum's letter runs along: "x#0" for xₖ, "W#0" for Wₖⱼ. Two sums sharing one run over
    /// the same range.
    static func axes(_ k: Index, in term: Term) -> Set<String> {
        var found: Set<String> = []
        func visit(_ t: Term) {
            if case .indexed(let name, let x) = t { for (n, i) in x.enumerated() where i == k { found.insert("\(name)#\(n)") } }
            if case .sum(let m, _) = t, m == k { return }
            t.children.forEach(visit)
        }
        visit(term)
        return found
    }

    /// A symmetric matrix written with the summed letter last: Σₘ Aₘⱼxₘ = Σₘ Aⱼₘxₘ when A = Aᵀ, so
    /// the terms of ∂(xᵀAx)/∂x combine.
    static let symmetric = Rule("symmetric matrix", "Aₘⱼ = Aⱼₘ when A is symmetric") { term, context in
        guard case .sum(let m, let body) = term else { return nil }
        let symmetric = Set(context.facts.filter { $0.assumption.kind == .symmetric }.map(\.assumption.name))
        guard !symmetric.isEmpty else { return nil }
        var changed: Fact?
        func swap(_ t: Term) -> Term {
            if case .indexed(let a, let x) = t, symmetric.contains(a), x.count == 2, x[0] == m, x[1] != m {
                changed = context.facts.first { $0.assumption.kind == .symmetric && $0.assumption.name == a }
                return .indexed(a, [x[1], x[0]])
            }
            if case .sum(let inner, _) = t, inner == m { return t }
            let kids = t.children
            return kids.isEmpty ? t : t.with(children: kids.map(swap))
        }
        let swapped = swap(body)
        guard let fact = changed else { return nil }
        return Rewrite(.indexSum(m, swapped), [.text("\(fact.assumption.name) = \(fact.assumption.name)ᵀ: " + fact.reason)])
    }

    /// Nothing left for the other sum rules: no δ to contract, no derivative pending.
    private static func isSettled(_ body: Term) -> Bool {
        func hasDelta(_ t: Term) -> Bool {
            if case .delta = t { return true }
            return t.children.contains(where: hasDelta)
        }
        return !hasDelta(body) && !body.containsPartial
    }

    /// len(y) for the first vector yₖ in `term`: how many values k takes.
    static func rangeWitness(_ k: Index, in term: Term) -> Term? {
        if case .indexed(let name, let indices) = term, indices == [k] { return .apply("len", [.symbol(name)]) }
        if case .sum(let m, _) = term, m == k { return nil }
        for child in term.children { if let found = rangeWitness(k, in: child) { return found } }
        return nil
    }

    /// Σₖ c·fₖ = c·Σₖ fₖ and Σₖ fₖ/c = (Σₖ fₖ)/c, when c does not involve k.
    static let pullOut = Rule("constant out of the sum", "Σₖ c·fₖ = c·Σₖ fₖ when c does not involve k") { term, _ in
        guard case .sum(let k, let body) = term else { return nil }
        let monomials = Polynomial.monomials(body, expand: false)
        guard monomials.count == 1 else { return nil }
        var inside = monomials[0], outside = Monomial.one
        outside.coefficient = inside.coefficient
        inside.coefficient = 1
        for (atom, e) in monomials[0].powers where !atom.freeIndices.contains(k) {
            outside.multiply(by: atom, exponent: e)
            inside.multiply(by: atom, exponent: -e)
        }
        guard outside.term != .one, inside.term != .one, !inside.powers.isEmpty else { return nil }
        return Rewrite(.product(of: [outside.term, .indexSum(k, inside.term)]))
    }
}
