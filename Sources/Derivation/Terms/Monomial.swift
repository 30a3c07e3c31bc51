#if canImport(Glibc)
import Glibc
#endif

/// Sums of monomials c · Π aₖ^eₖ: the normal form the algebra rules work in.
///
/// Atoms are any terms that are not products, quotients or numeric powers (a sum inside a product
/// stays an atom unless expansion is asked for), compared up to the order of their operands.
struct Monomial: Sendable {
    var coefficient: Double
    var powers: [(atom: Term, exponent: Double)]

    static let one = Monomial(coefficient: 1, powers: [])

    static func rank(_ atom: Term) -> Int {
        switch atom {
        case .symbol, .indexed: return 0
        case .apply: return 1
        case .delta: return 3
        default: return 2
        }
    }

    func times(_ other: Monomial) -> Monomial {
        var result = self
        result.coefficient *= other.coefficient
        for (atom, e) in other.powers { result.multiply(by: atom, exponent: e) }
        return result
    }

    mutating func multiply(by atom: Term, exponent: Double) {
        if let n = index(of: atom) {
            powers[n].exponent += exponent
            if powers[n].exponent == 0 { powers.remove(at: n) }
        } else if exponent != 0 {
            powers.append((atom, exponent))
        }
    }

    func raised(to e: Double) -> Monomial {
        Monomial(coefficient: _pow(coefficient, e), powers: powers.map { ($0.atom, $0.exponent * e) })
    }

    func exponent(of atom: Term) -> Double {
        index(of: atom).map { powers[$0].exponent } ?? 0
    }

    /// Where `atom` is among the powers, up to reordering; its canonical form is computed once.
    private func index(of atom: Term) -> Int? {
        if let n = powers.firstIndex(where: { $0.atom == atom }) { return n }
        // Reordering keeps the size: only atoms of the same size need their canonical form.
        let size = atom.size
        let candidates = powers.indices.filter { powers[$0].atom.size == size }
        guard !candidates.isEmpty else { return nil }
        let canonical = atom.canonical
        return candidates.first { powers[$0].atom.canonical == canonical }
    }

    /// The same atoms with the same exponents (so the two can be added).
    func isLike(_ other: Monomial) -> Bool {
        powers.count == other.powers.count && powers.allSatisfy { other.exponent(of: $0.atom) == $0.exponent }
    }

    /// aⁿ for n > 0, with a half-integer power written as a square root: a^1.5 = a·√a.
    static func power(_ atom: Term, _ e: Double) -> Term {
        let whole = e.rounded(.down)
        guard e - whole == 0.5 else { return .raise(atom, to: .number(e)) }
        let root = Term.apply("sqrt", [atom])
        return whole == 0 ? root : .product(of: [.raise(atom, to: .number(whole)), root])
    }

    /// u^(g − 1)·u = uᵍ: a power with a symbolic exponent absorbs the plain powers of its base.
    private static func joiningSymbolicPowers(_ powers: [(atom: Term, exponent: Double)]) -> [(atom: Term, exponent: Double)] {
        var result = powers
        for n in result.indices {
            guard case .power(let base, let g) = result[n].atom, !g.isNumber, result[n].exponent == 1,
                  let m = result.firstIndex(where: { $0.atom == base }) else { continue }
            let exponent = Polynomial.term(Polynomial.collect(Polynomial.monomials(g + .number(result[m].exponent), expand: true)))
            result[n].atom = .raise(base, to: exponent)
            result[m].exponent = 0
        }
        return result.filter { $0.exponent != 0 }
    }

    /// Back to a term: numerator factors, then a quotient by the factors with negative exponents.
    var term: Term {
        var numerator: [Term] = [.number(coefficient)]
        var denominator: [Term] = []
        // Elements first, deltas after, as a textbook writes pᵢδᵢⱼ.
        let ordered = Monomial.joiningSymbolicPowers(powers).enumerated().sorted { a, b in
            (Monomial.rank(a.element.atom), a.offset) < (Monomial.rank(b.element.atom), b.offset)
        }.map(\.element)
        for (atom, e) in ordered {
            if e > 0 { numerator.append(Monomial.power(atom, e)) } else { denominator.append(Monomial.power(atom, -e)) }
        }
        let top = Term.product(of: numerator)
        if denominator.isEmpty { return top }
        let (c, rest) = top.coefficientAndRest
        return .product(of: [.number(c), .quotient(rest, .product(of: denominator))])
    }
}

enum Polynomial {
    /// The monomials of `term`; products of sums are multiplied out only when `expand` is set.
    static func monomials(_ term: Term, expand: Bool, combining: Bool = true) -> [Monomial] {
        guard combining else { return uncombined(term) }
        switch term {
        case .number(let c):
            return c == 0 ? [] : [Monomial(coefficient: c, powers: [])]
        case .add(let terms):
            return terms.flatMap { monomials($0, expand: expand) }
        case .multiply(let factors):
            var result = [Monomial.one]
            for f in factors {
                let parts = monomials(f, expand: expand)
                if parts.count > 1 && !expand {
                    // A sum stays one atom; over a divisor ((a − b)/T), the divisor's atoms are seen (to cancel T).
                    var atom = f, inverse = Monomial.one
                    if case .divide(let top, let bottom) = f {
                        atom = top
                        let below = monomials(bottom, expand: false)
                        inverse = below.count == 1 ? below[0].raised(to: -1) : Monomial(coefficient: 1, powers: [(bottom, -1)])
                    }
                    result = result.map { var m = $0.times(inverse); m.multiply(by: atom, exponent: 1); return m }
                } else {
                    result = result.flatMap { r in parts.map { r.times($0) } }
                }
            }
            return result
        case .divide(let a, let b):
            let bottom = monomials(b, expand: false)
            let inverse: Monomial
            if bottom.count == 1 {
                inverse = bottom[0].raised(to: -1)
            } else {
                inverse = Monomial(coefficient: 1, powers: [(b, -1)])
            }
            return monomials(a, expand: expand).map { $0.times(inverse) }
        case .apply("sqrt", let args) where args.count == 1:
            // √a is a^½, so √a·√a = a and √a/a = 1/√a combine as powers do.
            let parts = monomials(args[0], expand: false)
            if parts.count == 1 { return [parts[0].raised(to: 0.5)] }
            return [Monomial(coefficient: 1, powers: [(args[0], 0.5)])]
        case .power(let base, .number(let e)):
            let parts = monomials(base, expand: false)
            if parts.count == 1 { return [parts[0].raised(to: e)] }
            if expand, e == e.rounded(), e > 0, e <= 4 {
                var result = [Monomial.one]
                for _ in 0..<Int(e) { result = result.flatMap { r in parts.map { r.times($0) } } }
                return result
            }
            return [Monomial(coefficient: 1, powers: [(base, e)])]
        default:
            return [Monomial(coefficient: 1, powers: [(term, 1)])]
        }
    }

    /// Monomials written over the same atoms where two differ only in form, so that factoring sees what
    /// they share: a difference and its negative (b − a = −(a − b)), and powers of one base whose
    /// exponents differ by a whole number (uᵍ = uᵍ⁻¹·u).
    static func aligned(_ given: [Monomial]) -> [Monomial] {
        var result = given
        let atoms = given.flatMap { $0.powers.map(\.atom) }
        for (n, m) in result.enumerated() {
            for (atom, e) in m.powers {
                // −(a − b), with an odd or even whole exponent; of the two, the one first in a fixed order is kept.
                if case .add = atom, e == e.rounded(),
                   let other = atoms.first(where: { o in o != atom && collect(monomials(Term.add([o, atom]), expand: false)).isEmpty }),
                   other.sortKey < atom.sortKey {
                    result[n].multiply(by: atom, exponent: -e)
                    result[n].multiply(by: other, exponent: e)
                    if Int(abs(e)) % 2 == 1 { result[n].coefficient = -result[n].coefficient }
                    continue
                }
                // uᵍ with u^(g − k) elsewhere.
                if case .power(let base, let g) = atom, !g.isNumber, let (lower, k) = lowerPower(of: base, than: g, among: atoms) {
                    result[n].multiply(by: atom, exponent: -e)
                    result[n].multiply(by: lower, exponent: e)
                    result[n].multiply(by: base, exponent: e * k)
                }
            }
        }
        return result
    }

    /// Another power of `base` among `atoms` whose exponent is g − k for a whole k > 0, with k.
    private static func lowerPower(of base: Term, than g: Term, among atoms: [Term]) -> (Term, Double)? {
        for atom in atoms {
            guard case .power(let b, let h) = atom, b == base, h != g else { continue }
            let difference = collect(monomials(g - h, expand: true))
            guard difference.count == 1, difference[0].powers.isEmpty else { continue }
            let k = difference[0].coefficient
            if k > 0, k == k.rounded() { return (atom, k) }
        }
        return nil
    }

    /// The atoms of a product or quotient as written, without combining equal ones (to see what cancels).
    static func uncombined(_ term: Term) -> [Monomial] {
        switch term {
        case .multiply(let factors):
            let powers = factors.flatMap { uncombined($0).first?.powers ?? [] }
            return [Monomial(coefficient: 1, powers: powers)]
        case .divide(let a, let b):
            let top = uncombined(a).first?.powers ?? []
            let bottom = (uncombined(b).first?.powers ?? []).map { ($0.atom, -$0.exponent) }
            return [Monomial(coefficient: 1, powers: top + bottom)]
        case .power(let base, .number(let e)):
            return [Monomial(coefficient: 1, powers: [(base, e)])]
        case .number:
            return [Monomial(coefficient: 1, powers: [])]
        default:
            return [Monomial(coefficient: 1, powers: [(term, 1)])]
        }
    }

    /// Adds like monomials and drops those that cancel, keeping first-appearance order.
    /// Each monomial's atoms are put in canonical form once, not once per comparison.
    static func collect(_ monomials: [Monomial]) -> [Monomial] {
        var result: [Monomial] = []
        var signatures: [[String: Double]] = []
        for m in monomials {
            let signature = Dictionary(m.powers.map { ($0.atom.canonical.sortKey, $0.exponent) }, uniquingKeysWith: +)
            if let n = signatures.firstIndex(of: signature) {
                result[n].coefficient += m.coefficient
            } else {
                result.append(m)
                signatures.append(signature)
            }
        }
        return result.filter { $0.coefficient != 0 }
    }

    /// A sum of monomials as a term, positive terms first (so p_j − y_j rather than −y_j + p_j).
    static func term(_ monomials: [Monomial]) -> Term {
        let ordered = monomials.filter { $0.coefficient > 0 } + monomials.filter { $0.coefficient < 0 }
        return .sum(of: ordered.map(\.term))
    }
}

/// x^e for the coefficients of monomials (C's pow: exact for the small whole exponents that occur).
@inline(__always) func _pow(_ x: Double, _ e: Double) -> Double {
    e == 1 ? x : Glibc.pow(x, e)
}
