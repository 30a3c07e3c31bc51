import VectorLang

/// A common slip in a derivation step: a relation between the wrong line W and the line before it R
/// that holds at every random point.
public enum Slip: Equatable, Sendable, CustomStringConvertible {
    /// W = −R.
    case sign
    /// W(i, j) = R(j, i), R not symmetric.
    case transpose(String, String)
    /// W agrees with R only where the two indices are equal (`onDiagonal`) or only where they differ.
    case lostDelta(String, String, onDiagonal: Bool)
    /// W = R − t for a top-level term t of R.
    case droppedTerm(String)
    /// W = R + t: a term of R counted twice.
    case addedTerm(String)
    /// W = R / f for a top-level factor f of R (or R·d for a divisor d).
    case droppedFactor(String)
    /// W = R · f: a factor of R applied twice.
    case addedFactor(String)
    /// W = R with a factor dropped from one of its top-level terms.
    case droppedFactorInTerm(factor: String, term: String)
    /// W = 2R.
    case doubled
    /// W = R wherever the fact holds, though it is not assumed (a Σy = 1 used silently).
    case unassumedFact(Assumption)
    /// W is the derivative of the start with respect to another input.
    case otherInput(used: String, expected: String)

    /// A short name, for JSON and tests.
    public var kind: String {
        switch self {
        case .sign: return "sign"
        case .transpose: return "transpose"
        case .lostDelta: return "lost-delta"
        case .droppedTerm: return "dropped-term"
        case .addedTerm: return "added-term"
        case .droppedFactor: return "dropped-factor"
        case .addedFactor: return "added-factor"
        case .droppedFactorInTerm: return "dropped-factor-in-term"
        case .doubled: return "doubled"
        case .unassumedFact: return "fact-not-assumed"
        case .otherInput: return "other-input"
        }
    }

    public var description: String {
        switch self {
        case .sign:
            return "sign: this line is minus the line before"
        case .transpose(let i, let j):
            return "transpose: \(i) and \(j) are swapped (this line is the line before, transposed)"
        case .lostDelta(let i, let j, let onDiagonal):
            return onDiagonal
                ? "lost δ term: it agrees only where \(i) = \(j); the \(i) ≠ \(j) case is lost"
                : "lost δ term: it agrees only where \(i) ≠ \(j); the \(i) = \(j) case (the δ term) is lost"
        case .droppedTerm(let t):
            return "dropped term: the term \(t) of the line before is missing"
        case .addedTerm(let t):
            return "added term: the term \(t) of the line before is counted twice"
        case .droppedFactor(let f):
            return "dropped factor: the factor \(f) of the line before is missing"
        case .addedFactor(let f):
            return "added factor: the factor \(f) of the line before is applied twice"
        case .droppedFactorInTerm(let f, let t):
            return "dropped factor: the factor \(f) of the term \(t) is missing"
        case .doubled:
            return "doubled: this line is twice the line before"
        case .unassumedFact(let fact):
            return "fact not assumed: this holds only when \(fact) (\(fact.meaning)); if that is so, add the line assume \(fact)"
        case .otherInput(let used, let expected):
            return "other input: this is the derivative with respect to \(used), not \(expected)"
        }
    }
}
