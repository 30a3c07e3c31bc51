/// Folding written-out forms back into the names a textbook uses: pᵢ, σ(x), tanh(x).
enum FoldingRules {
    /// A rule per abbreviation in force, then the elementary functions' own shapes.
    static func rules(for definitions: [Definition]) -> [Rule] {
        definitions.compactMap(abbreviation) + [sigmoid, tanh]
    }

    /// exp(z_X)/Σₖ exp(zₖ) → p_X, in every term (so exp(zᵢ)exp(zⱼ)/(Σ)² becomes pᵢpⱼ).
    static func abbreviation(_ d: Definition) -> Rule? {
        guard d.numerator(Array(repeating: Definition.slot, count: d.rank)) != nil else { return nil }
        /// The element an atom is the numerator of: exp(aᵢ) for pᵢ, exp(Zᵣₖ) for Pᵣₖ.
        @Sendable func element(_ atom: Term) -> [Index]? {
            if d.rank == 2, case .apply("exp", let args) = atom, case .indexed(_, let x) = args[0], x.count == 2 { return x }
            guard d.rank == 1, let x = atom.freeIndices.first, atom.freeIndices.count == 1 else { return nil }
            return [x]
        }
        return Rule("recognise \(d.title)", "\(d.name) = \(d.meaning)") { term, _ in
            guard isFoldable(term) else { return nil }
            var shown: [Index]?
            let folded = Polynomial.monomials(term, expand: false).map { m -> Monomial in
                var m = m
                for (atom, e) in m.powers where e > 0 {
                    guard let x = element(atom), d.numerator(x)?.isEquivalent(to: atom) == true,
                          let denominator = d.denominator(x) else { continue }
                    let available = -m.exponent(of: denominator)
                    let k = min(e, available)
                    guard k > 0 else { continue }
                    m.multiply(by: atom, exponent: -k)
                    m.multiply(by: denominator, exponent: k)
                    m.multiply(by: .indexed(d.name, x), exponent: k)
                    shown = shown ?? x
                }
                // (Σₙ exp(aₙ)·fₙ)/Σₖ exp(aₖ) = Σₙ pₙ·fₙ: the denominator goes into a sum whose terms have the numerator.
                guard d.rank == 1, let denominator = d.denominator([Definition.slot]) else { return m }
                for (atom, e) in m.powers where e == 1 && m.exponent(of: denominator) <= -1 {
                    guard case .sum(let n, let body) = atom, !denominator.freeIndices.contains(n), let top = d.numerator([n]) else { continue }
                    let terms = Polynomial.monomials(body, expand: false)
                    guard terms.count == 1, terms[0].exponent(of: top) >= 1 else { continue }
                    var inner = terms[0]
                    inner.multiply(by: top, exponent: -1)
                    inner.multiply(by: .indexed(d.name, [n]), exponent: 1)
                    m.multiply(by: atom, exponent: -1)
                    m.multiply(by: denominator, exponent: 1)
                    m.multiply(by: .indexSum(n, inner.term), exponent: 1)
                    shown = shown ?? [n]
                }
                return m
            }
            // Stated at the first index folded.
            guard let i = shown else { return nil }
            return Rewrite(Polynomial.term(folded), [.term(.indexed(d.name, i)), .text(" = "), .term(d.element(i) ?? .zero),
                                                     .text(", the definition of \(d.name) = \(d.meaning)")])
        }
    }

    /// 1/(1 + exp(−u)) = σ(u) and exp(u)/(1 + exp(u)) = σ(u); then exp(−u) = (1 − σ(u))/σ(u).
    static let sigmoid = Rule("recognise σ", "σ(x) = 1/(1 + exp(−x))") { term, _ in
        guard isFoldable(term) else { return nil }
        var changed = false
        let folded = Polynomial.monomials(term, expand: false).map { m -> Monomial in
            var m = m
            for (atom, e) in m.powers where e < 0 {
                guard case .add(let parts) = atom, parts.count == 2, parts[0].isOne, case .apply("exp", let args) = parts[1] else { continue }
                let w = args[0]
                let (c, _) = w.coefficientAndRest
                // x is the argument with 1/(1 + exp(−x)) = σ(x): w = −x when w carries a minus sign.
                let x = c < 0 ? -w : w
                let s = Term.apply("sigmoid", [x])
                m.multiply(by: atom, exponent: -e)
                if c < 0 {
                    m.multiply(by: s, exponent: -e)
                    let rest = m.exponent(of: .exp(w))
                    if rest != 0 {
                        // exp(−x) = (1 − σ(x))/σ(x)
                        m.multiply(by: .exp(w), exponent: -rest)
                        m.multiply(by: .one - s, exponent: rest)
                        m.multiply(by: s, exponent: -rest)
                    }
                } else {
                    // 1/(1 + exp(x)) = 1 − σ(x), and exp(x)/(1 + exp(x)) = σ(x)
                    let k = min(m.exponent(of: .exp(w)), -e)
                    if k > 0 {
                        m.multiply(by: .exp(w), exponent: -k)
                        m.multiply(by: s, exponent: k)
                    }
                    if -e > k { m.multiply(by: .one - s, exponent: -e - max(k, 0)) }
                }
                changed = true
            }
            return m
        }
        guard changed else { return nil }
        return Rewrite(Polynomial.term(folded), [.text("σ(x) = 1/(1 + exp(−x)), so exp(−x) = (1 − σ(x))/σ(x) and 1/(1 + exp(x)) = 1 − σ(x)")])
    }

    /// (exp(u) − exp(−u))/(exp(u) + exp(−u)) = tanh(u).
    static let tanh = Rule("recognise tanh", "tanh(u) = (exp(u) − exp(−u))/(exp(u) + exp(−u))") { term, _ in
        guard isFoldable(term) else { return nil }
        // The whole quotient, whose numerator the monomials below would split.
        if case .divide(let top, .add(let parts)) = term, parts.count == 2, case .apply("exp", let a) = parts[0],
           parts[1].isEquivalent(to: .exp(minus(a[0]))), top.isEquivalent(to: .exp(a[0]) - .exp(minus(a[0]))) {
            return Rewrite(.apply("tanh", [a[0]]))
        }
        var changed = false
        let folded = Polynomial.monomials(term, expand: false).map { m -> Monomial in
            var m = m
            for (atom, e) in m.powers where e < 0 {
                guard case .add(let parts) = atom, parts.count == 2, case .apply("exp", let a) = parts[0] else { continue }
                let u = a[0]
                guard parts[1].isEquivalent(to: .exp(minus(u))) else { continue }
                let numerator = Term.exp(u) - .exp(minus(u))
                let k = min(m.exponent(of: numerator), -e)
                guard k > 0 else { continue }
                m.multiply(by: numerator, exponent: -k)
                m.multiply(by: atom, exponent: k)
                m.multiply(by: .apply("tanh", [u]), exponent: k)
                changed = true
            }
            return m
        }
        guard changed else { return nil }
        return Rewrite(Polynomial.term(folded))
    }

    /// f(u) wherever a builtin's definition is written out at some u (log(1 + exp(u)) = softplus(u),
    /// u/(1 + |u|) = softsign(u)): each argument of a function inside the term, and its negative, is tried
    /// in every one-argument definition, compared up to the order of sums and products.
    static let builtinDefinitions = Rule("recognise a builtin", "f(u) = its definition, written out") { term, _ in
        guard !term.isAtom, !term.containsPartial, term.size <= 40 else { return nil }
        if case .apply(let f, _) = term, FunctionCalculus.unaryDefinitions.contains(f) { return nil }
        var candidates: [Term] = []
        func collect(_ t: Term) {
            if case .apply(_, let args) = t {
                for a in args + args.map(minus) where !candidates.contains(a) { candidates.append(a) }
            }
            t.children.forEach(collect)
        }
        collect(term)
        for f in FunctionCalculus.unaryDefinitions {
            for u in candidates {
                // Reordering keeps the size, so only a definition of the same size is compared.
                guard let written = FunctionCalculus.definition(of: f, [u]), written.size == term.size, written.isEquivalent(to: term) else { continue }
                return Rewrite(.apply(f, [u]), [.text(FunctionCalculus.definitionStatement(of: f) ?? f)])
            }
        }
        return nil
    }

    /// −u with the sign multiplied into a difference (b − a for a − b), as a written exp(b − a) has it.
    private static func minus(_ u: Term) -> Term {
        Polynomial.term(Polynomial.monomials(-u, expand: true))
    }

    /// Folding looks at whole sums, products and quotients, not inside a pending derivative.
    private static func isFoldable(_ term: Term) -> Bool {
        switch term {
        case .add, .multiply, .divide, .power: return !term.containsPartial
        default: return false
        }
    }
}
