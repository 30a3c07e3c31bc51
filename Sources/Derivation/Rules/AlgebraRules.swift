/// Algebra on the way to a textbook form: split fractions, cancel, collect, expand when it helps, factor.
enum AlgebraRules {
    /// u·sign(u) = |u|.
    static let signTimesSelf = Rule("u·sign(u) = |u|", "a number times its sign is its absolute value") { term, _ in
        guard case .multiply(let factors) = term else { return nil }
        for (n, f) in factors.enumerated() {
            guard case .apply("sign", let args) = f, let m = factors.firstIndex(of: args[0]) else { continue }
            var rest = factors
            rest[m] = .apply("abs", args)
            rest.remove(at: n)
            return Rewrite(.product(of: rest))
        }
        return nil
    }

    /// a·a = a², with nothing cancelled.
    static let combinePowers = Rule("combine powers", "a·a = a², aᵐ/aⁿ = aᵐ⁻ⁿ") { term, _ in
        combined(term).map { Rewrite($0.simpler) }
    }

    /// x·x·…·x = xⁿ before differentiating, as one would on paper: the power rule then takes one step
    /// where the product rule would take one per factor (x*x*…*x of 80 factors hit the step limit).
    static let repeatedFactors = Rule("combine powers", "a·a = a²") { term, _ in
        guard case .multiply(let factors) = term, Set(factors).count < factors.count else { return nil }
        return combined(term).map { Rewrite($0.simpler) }
    }

    /// x + x + … + x = n·x before differentiating, as `repeatedFactors` does for products: one step
    /// where the sum rule would differentiate every copy (a sum of 20,000 x's ran past the step limit).
    static let repeatedTerms = Rule("collect like terms", "a + a = 2·a") { term, context in
        guard case .add(let terms) = term, Set(terms).count < terms.count else { return nil }
        return collect.rewrite(term, context)
    }

    /// A product or quotient written as its single monomial, when that is smaller.
    private static func combined(_ term: Term) -> (simpler: Term, monomial: Monomial)? {
        switch term {
        case .multiply, .divide: break
        default: return nil
        }
        let monomials = Polynomial.monomials(term, expand: false)
        guard monomials.count == 1 else { return nil }
        let simpler = monomials[0].term
        guard simpler != term, simpler.size < term.size else { return nil }
        return (simpler, monomials[0])
    }
    /// Tidying once everything is simplified: a common denominator where it collapses, then factoring.
    static let final: [Rule] = [commonDenominator, factor, combinePowers, cancel, SumRules.pullOut, distributeMinus]

    /// (a + b)/c = a/c + b/c, only where it pays: some piece then cancels (exp(zᵢ)·Σ/Σ²) or is recognised
    /// (exp(zᵢ)/Σₖ exp(zₖ) = pᵢ).
    ///
    /// A split where no piece changes only waits for a later step to join the pieces again, and the
    /// reader sees a step undone: softsign's 1/c + |x|/c − |x|/c was collected into 1/c (collecting the
    /// numerator does that in one step), and a/c − b/c factored back into (a − b)/c.
    static let splitFraction = Rule("split the fraction", "(a + b)/c = a/c + b/c") { term, context in
        guard case .divide(.add(let terms), let c) = term else { return nil }
        let parts = terms.map { $0.coefficientAndRest }
        let folding = FoldingRules.rules(for: context.definitions)
        let pays = parts.contains { _, rest in
            let piece = Term.quotient(rest, c)
            return combined(piece) != nil || folding.contains { $0.rewrite(piece, context) != nil }
        }
        guard pays else { return nil }
        // Signs stay in front: a/c − b/c rather than a/c + (−b)/c.
        return Rewrite(.sum(of: parts.map { coefficient, rest in .product(of: [.number(coefficient), .quotient(rest, c)]) }))
    }

    /// A product or quotient with a factor both above and below the line (or repeated): combine the powers.
    static let cancel = Rule("cancel", "a·c / (b·c) = a / b") { term, _ in
        guard let (simpler, _) = combined(term) else { return nil }
        let before = Polynomial.monomials(term, expand: false, combining: false)
        let written = before.flatMap(\.powers)
        let cancelled = written.filter { a in a.exponent > 0 && written.contains { $0.exponent < 0 && $0.atom.isEquivalent(to: a.atom) } }.map(\.atom)
        var seen: [Term] = []
        for atom in cancelled where !seen.contains(where: { $0.isEquivalent(to: atom) }) { seen.append(atom) }
        guard !seen.isEmpty else { return nil }
        return Rewrite(simpler, [.text("cancel ")] + seen.map { ExplanationPiece.term($0) })
    }

    /// a·x + b·x = (a + b)·x, across a whole sum.
    static let collect = Rule("collect like terms", "a·x + b·x = (a + b)·x") { term, _ in
        guard case .add = term else { return nil }
        let monomials = Polynomial.monomials(term, expand: false)
        let collected = Polynomial.collect(monomials)
        guard collected.count < monomials.count else { return nil }
        return Rewrite(Polynomial.term(collected))
    }

    /// The most terms `expand` multiplies out to (nested quotients would give exponentially many).
    static let largestExpansion = 256

    /// Multiplies everything out and collects, but only when some terms combine or cancel.
    static let expand = Rule("expand and collect like terms", "a·(b + c) = a·b + a·c, then a·x + b·x = (a + b)·x") { term, _ in
        // Nothing to multiply out (no sum times something): collecting alone is the rule before.
        func distributable(_ t: Term) -> Bool {
            switch t {
            case .multiply(let factors):
                return factors.contains { f in
                    if case .add = f { return true }
                    if case .power(.add, .number(let n)) = f { return n > 1 && n == n.rounded() }
                    return false
                }
            case .add(let terms): return terms.contains(where: distributable)
            default: return false
            }
        }
        guard distributable(term) else { return nil }
        // Collecting is quadratic in the terms; an expansion this large never comes out smaller than what was written.
        let monomials = Polynomial.monomials(term, expand: true)
        guard monomials.count <= AlgebraRules.largestExpansion, !term.containsPartial else { return nil }
        let collected = Polynomial.collect(monomials)
        guard collected.count < monomials.count else { return nil }
        let expanded = Polynomial.term(collected)
        guard expanded.size < term.size else { return nil }
        return Rewrite(expanded)
    }

    /// −(a − b) = b − a, −x·(a − b) = x·(b − a), and −(a − b)/c = (b − a)/c: the minus sign goes into a
    /// difference, when that leaves fewer signs.
    static let distributeMinus = Rule("distribute the minus sign", "−(a − b) = b − a") { term, _ in
        guard case .multiply(let factors) = term, case .number(let c) = factors[0], c < 0, !term.containsPartial else { return nil }
        // A difference flips; inside Σₖ (−Σₖ xₖ(a − b) = Σₖ xₖ(b − a)), the first difference in its body does.
        func flipped(_ part: Term) -> Term? {
            switch part {
            case .add(let terms):
                return Polynomial.term(Polynomial.monomials(.sum(of: terms.map { $0 * .number(-1) }), expand: false))
            case .sum(let k, let body):
                let factors = body.factors
                guard let n = factors.firstIndex(where: { if case .add = $0 { return true } else { return false } }),
                      let inner = flipped(factors[n]) else { return nil }
                var rest = factors
                rest[n] = inner
                return .indexSum(k, .product(of: rest))
            default:
                return nil
            }
        }
        for n in factors.indices.dropFirst() {
            let replaced: Term?
            switch factors[n] {
            case .add, .sum: replaced = flipped(factors[n])
            case .divide(let top, let bottom): replaced = flipped(top).map { .quotient($0, bottom) }
            default: replaced = nil
            }
            guard let replaced else { continue }
            var rest = factors
            rest[n] = replaced
            rest[0] = .number(-c)
            let result = Term.product(of: rest)
            if result.size < term.size { return Rewrite(result) }
        }
        return nil
    }

    /// a/b + c/d = (a·d + c·b)/(b·d), multiplied out and collected, when the one fraction is smaller
    /// (1/x − 1/(1 + x) = 1/(x(1 + x))), as SymPy's `together` then `cancel`.
    static let commonDenominator = Rule("common denominator", "a/b + c/d = (a·d + c·b)/(b·d)") { term, _ in
        guard case .add(let terms) = term, terms.count <= 8, !term.containsPartial else { return nil }
        let monomials = terms.flatMap { Polynomial.monomials($0, expand: false) }
        guard monomials.count <= 16 else { return nil }
        var denominator = Monomial.one
        for m in monomials {
            for (atom, e) in m.powers where e < 0 && e == e.rounded() {
                let have = -denominator.exponent(of: atom)
                if -e > -have { denominator.multiply(by: atom, exponent: -e + have) }
            }
        }
        guard !denominator.powers.isEmpty else { return nil }
        let tops = monomials.map { $0.times(denominator) }
        guard tops.allSatisfy({ $0.powers.allSatisfy { $0.exponent > 0 } }) else { return nil }
        // Only when the denominators differ, and the numerator collapses to one term: otherwise splitting
        // the fraction (the rule before) would undo it.
        let below = monomials.map { m in m.powers.filter { $0.exponent < 0 }.map(\.atom) }
        guard below.contains(where: { b in b.count != below[0].count || zip(b, below[0]).contains { !$0.isEquivalent(to: $1) } }) else { return nil }
        let expanded = Polynomial.monomials(Polynomial.term(tops), expand: true)
        guard expanded.count <= AlgebraRules.largestExpansion else { return nil }
        let numerator = Polynomial.collect(expanded).filter { $0.coefficient != 0 }
        guard numerator.count == 1 else { return nil }
        let result = Term.quotient(Polynomial.term(numerator), denominator.term)
        guard result.size < term.size else { return nil }
        return Rewrite(result, [.text("over "), .term(denominator.term)])
    }

    /// √a·√a = a: a square root squared (and (√a)ⁿ = a^(n/2)).
    static let rootPower = Rule("square root squared", "(√a)² = a") { term, _ in
        guard case .power(.apply("sqrt", let args), .number(let n)) = term, args.count == 1, n == n.rounded() else { return nil }
        return Rewrite(.raise(args[0], to: .number(n / 2)))
    }

    /// a·b + a·c = a·(b + c), and a/m + b/m = (a + b)/m, for what every term shares.
    static let factor = Rule("factor", "a·b + a·c = a·(b + c)") { term, _ in
        guard case .add = term else { return nil }
        let monomials = Polynomial.aligned(Polynomial.monomials(term, expand: false))
        guard monomials.count >= 2 else { return nil }
        var above: [(Term, Double)] = [], below: [(Term, Double)] = []
        for (atom, e) in monomials[0].powers {
            let exponents = monomials.map { $0.exponent(of: atom) }
            if e > 0, let least = exponents.min(), least > 0 { above.append((atom, least)) }
            if e < 0, let most = exponents.max(), most < 0 { below.append((atom, most)) }
        }
        // A whole number every coefficient shares (2 in 2a − 2b) comes out too.
        let coefficients = monomials.map(\.coefficient)
        var shared = 1.0
        if coefficients.allSatisfy({ $0 == $0.rounded() && abs($0) < 1e6 }) {
            var g = Int(abs(coefficients[0]))
            for c in coefficients.dropFirst() { g = gcd(g, Int(abs(c))) }
            if g > 1 { shared = Double(g) }
        }
        guard !above.isEmpty || !below.isEmpty || shared > 1 else { return nil }
        let remaining = monomials.map { m -> Monomial in
            var r = m
            r.coefficient /= shared
            for (atom, e) in above + below { r.multiply(by: atom, exponent: -e) }
            return r
        }
        let outside = Term.product(of: [.number(shared)] + above.map { Monomial.power($0.0, $0.1) })
        let divisor = Term.product(of: below.map { Monomial.power($0.0, -$0.1) })
        // What is left inside, multiplied out when that is smaller: gp·log p − (1 − p) = gp·log p + p − 1.
        var inside = Polynomial.term(remaining)
        let expanded = Polynomial.term(Polynomial.collect(Polynomial.monomials(inside, expand: true)))
        if expanded.size < inside.size { inside = expanded }
        let result = Term.quotient(outside * inside, divisor)
        let what: Explanation = above.isEmpty ? [.text("a common denominator "), .term(divisor)] : [.text("take out "), .term(outside)]
        return Rewrite(result, what)
    }
}

private func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
