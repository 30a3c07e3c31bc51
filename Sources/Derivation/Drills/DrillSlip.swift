/// The slips a drill plants, and the list a learner names one from: the common mistakes of a
/// derivation by hand, each a change to one step that a student then carries through.
public enum DrillSlip: String, CaseIterable, Sendable {
    case sign
    case transpose
    case lostDelta = "lost-delta"
    case droppedTerm = "dropped-term"
    case droppedFactor = "dropped-factor"
    case factorOfTwo = "factor-of-two"
    case unassumedFact = "fact-not-assumed"
    case wrongVariable = "wrong-variable"

    /// How the slip reads in the numbered list a learner picks from.
    public var choice: String {
        switch self {
        case .sign: return "a sign: a plus written as a minus, or a minus lost"
        case .transpose: return "a transpose: the two indices swapped (rows for columns)"
        case .lostDelta: return "a lost δ case: the i = j or the i ≠ j case forgotten"
        case .droppedTerm: return "a dropped term: a term of a sum left out"
        case .droppedFactor: return "a dropped factor: a factor or a divisor left out"
        case .factorOfTwo: return "a factor of 2: a 2 gained or lost"
        case .unassumedFact: return "a fact used but not assumed: a sum taken to be 1 that nothing says is 1"
        case .wrongVariable: return "the wrong variable: differentiated with respect to another input or index"
        }
    }

    /// The checker's diagnosis of a wrong line (`Slip`), in the drill's words: a learner who names a
    /// slip the checker also finds in the planted line is right, though another was planted.
    init?(_ slip: Slip) {
        switch slip {
        case .sign: self = .sign
        case .transpose: self = .transpose
        case .lostDelta: self = .lostDelta
        case .droppedTerm: self = .droppedTerm
        case .droppedFactor, .droppedFactorInTerm: self = .droppedFactor
        case .doubled: self = .factorOfTwo
        case .unassumedFact: self = .unassumedFact
        case .otherInput: self = .wrongVariable
        case .addedTerm, .addedFactor: return nil
        }
    }
}
