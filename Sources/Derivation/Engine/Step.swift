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
        /// "i = j" or "i ≠ j", in each notation.
        public let when: (first: Index, second: Index, equal: Bool)
        public let expression: Term
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
