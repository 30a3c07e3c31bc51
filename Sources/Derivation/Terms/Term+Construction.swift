/// Smart constructors: every term is built through these, so the engine never holds `0·x`, `1·x`,
/// `x + 0`, nested sums or products, `δ_ii`, or a number that could be folded.
extension Term {
    /// a + b + …, flattened, with zeros dropped and numbers folded into one trailing constant.
    public static func sum(of terms: [Term]) -> Term {
        var flat: [Term] = []
        var constant = 0.0
        // The constant stays where the first number was written: 1 − pᵢ, not −pᵢ + 1.
        var constantPosition: Int?
        for t in terms {
            for part in t.terms {
                if case .number(let c) = part {
                    constant += c
                    if constantPosition == nil { constantPosition = flat.count }
                } else {
                    flat.append(part)
                }
            }
        }
        if constant != 0 || flat.isEmpty { flat.insert(.number(constant), at: min(constantPosition ?? flat.count, flat.count)) }
        return flat.count == 1 ? flat[0] : .add(flat)
    }

    /// a · b · …, flattened; a zero factor makes zero; numbers multiply into one leading coefficient.
    public static func product(of terms: [Term]) -> Term {
        var flat: [Term] = []
        var coefficient = 1.0
        for t in terms {
            switch t {
            case .multiply(let inner):
                for f in inner {
                    if case .number(let c) = f { coefficient *= c } else { flat.append(f) }
                }
            case .number(let c): coefficient *= c
            default: flat.append(t)
            }
        }
        if coefficient == 0 { return .zero }
        if coefficient != 1 || flat.isEmpty { flat.insert(.number(coefficient), at: 0) }
        return flat.count == 1 ? flat[0] : .multiply(flat)
    }

    public static func + (a: Term, b: Term) -> Term { sum(of: [a, b]) }
    public static func - (a: Term, b: Term) -> Term { sum(of: [a, negated(b)]) }
    public static func * (a: Term, b: Term) -> Term { product(of: [a, b]) }
    public static func / (a: Term, b: Term) -> Term { quotient(a, b) }
    public static prefix func - (a: Term) -> Term { negated(a) }

    /// −a: a number's sign flips, −(−a) is a, and otherwise −1 becomes the coefficient.
    public static func negated(_ a: Term) -> Term {
        if case .number(let c) = a { return .number(-c) }
        if case .multiply(let factors) = a, case .number(let c) = factors[0] {
            return product(of: [.number(-c)] + factors.dropFirst())
        }
        return product(of: [.number(-1), a])
    }

    /// a / b, with a / 1 = a and 0 / b = 0.
    public static func quotient(_ a: Term, _ b: Term) -> Term {
        if a.isZero { return .zero }
        if b.isOne { return a }
        if case .number(let x) = a, case .number(let y) = b, y != 0, (x / y) * y == x, (x / y).rounded() == x / y { return .number(x / y) }
        return .divide(a, b)
    }

    /// a^b, with a^1 = a, a^0 = 1 and numbers folded.
    public static func raise(_ a: Term, to b: Term) -> Term {
        if b.isOne { return a }
        if b.isZero { return .one }
        if case .number(let x) = a, case .number(let y) = b, y == y.rounded(), abs(y) < 16 {
            var r = 1.0
            for _ in 0..<Int(abs(y)) { r *= x }
            if y < 0 { return r == 0 ? .divide(.one, .number(0)) : quotient(.one, .number(r)) }
            return .number(r)
        }
        return .power(a, b)
    }

    /// δ_ab, with δ_aa = 1 and δ between two different positions 0 (as SymPy's KroneckerDelta does).
    ///
    /// The indices stay in the order they were written (∂z_k/∂z_j = δ_kj), unlike SymPy's, which sorts
    /// them: sorted, a derivation would cite δₖⱼ and then show δⱼₖ. δ is symmetric, so equality and
    /// hashing (`Term+Binders.swift`) and the canonical order (`sortKey`) ignore the order instead.
    public static func kronecker(_ a: Index, _ b: Index) -> Term {
        if a == b { return .one }
        if a.isPosition && b.isPosition { return .zero }
        return .delta(a, b)
    }

    /// Σ_k body; a body without k is n copies of it, which needs the range, so it stays a sum.
    ///
    /// If a sum inside the body binds k too, this one takes another letter: no letter is bound twice on
    /// one path, so every step prints without shadowing.
    public static func indexSum(_ k: Index, _ body: Term) -> Term {
        if body.isZero { return .zero }
        guard body.binds(k) else { return .sum(k, body) }
        let fresh = Term.fresh(avoiding: body.allIndices.union([k]))
        return .sum(fresh, body.renaming(k, to: fresh))
    }

    public static func exp(_ a: Term) -> Term {
        if a.isZero { return .one }
        if case .apply("log", let args) = a, args.count == 1 { return args[0] }
        return .apply("exp", [a])
    }

    public static func log(_ a: Term) -> Term {
        if a.isOne { return .zero }
        if case .apply("exp", let args) = a { return args[0] }
        return .apply("log", [a])
    }

    /// The numeric coefficient of a term and the rest: −3·x·y → (−3, x·y).
    public var coefficientAndRest: (Double, Term) {
        switch self {
        case .number(let c): return (c, .one)
        case .multiply(let factors):
            if case .number(let c) = factors[0] { return (c, Term.product(of: Array(factors.dropFirst()))) }
            return (1, self)
        default: return (1, self)
        }
    }

    /// The factors of a product (a single factor for anything else).
    public var factors: [Term] {
        if case .multiply(let f) = self { return f }
        return [self]
    }

    /// The terms of a sum (a single term for anything else).
    public var terms: [Term] {
        if case .add(let t) = self { return t }
        return [self]
    }
}
