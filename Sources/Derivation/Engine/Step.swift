/// One step of a derivation: a rule fired, and the whole expression it left.
public struct Step: Sendable {
    public let rule: String
    public let statement: String
    public let explanation: Explanation
    /// The whole derivative after this step (an equality with every other step).
    public let expression: Term
    /// When the rule worked on a part: the part, and what it became.
    public let part: Part?
    /// For the i = j / i ≠ j split: each case and its expression.
    public let cases: [Case]
    /// For the last step: the same result in matrix–vector form, in input syntax.
    public let vectorForm: VectorForm?

    public struct Part: Sendable {
        public let of: Term
        public let wrt: Variable?
        public let result: Term
    }

    public struct Case: Sendable {
        public let when: Condition
        public let expression: Term
    }

    /// When a case holds: two indices equal or not, or the sign of a term.
    public enum Condition: Sendable {
        case indices(Index, Index, equal: Bool)
        case sign(Term, positive: Bool)

        public func text(_ notation: Notation) -> String {
            switch self {
            case .indices(let a, let b, let equal):
                let op = equal ? "=" : (notation == .latex ? "\\neq" : notation == .unicode ? "≠" : "!=")
                return "\(a) \(op) \(b)"
            case .sign(let u, let positive):
                return TermRenderer(notation).render(u) + (positive ? " > 0" : " < 0")
            }
        }
    }

    /// A result written with vectors and matrices (`diag(p) - outer(p, p)`), and how it reads on paper.
    public struct VectorForm: Sendable {
        public let input: String
        public let unicode: String
        public let latex: String
    }

    init(rule: String, statement: String, explanation: Explanation = [], expression: Term, part: Part? = nil,
         cases: [Case] = [], vectorForm: VectorForm? = nil) {
        self.rule = rule
        self.statement = statement
        self.explanation = explanation
        self.expression = expression
        self.part = part
        self.cases = cases
        self.vectorForm = vectorForm
    }
}
