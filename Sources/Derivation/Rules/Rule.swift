import VectorLang

/// A rewrite rule with a name: the unit every derivation step is made of.
///
/// `statement` is the rule as a textbook states it ("(f/g)′ = (f′g − fg′)/g²"); `rewrite` looks at one
/// subterm and returns its replacement, with an explanation of this particular use, or nil if the rule
/// does not fit there.
public struct Rule: Sendable {
    public let name: String
    public let statement: String
    let rewrite: @Sendable (Term, RuleContext) -> Rewrite?

    init(_ name: String, _ statement: String, rewrite: @escaping @Sendable (Term, RuleContext) -> Rewrite?) {
        self.name = name
        self.statement = statement
        self.rewrite = rewrite
    }
}

/// What a rule did to one subterm.
public struct Rewrite: Sendable {
    public let result: Term
    public let explanation: Explanation

    init(_ result: Term, _ explanation: Explanation = []) {
        self.result = result
        self.explanation = explanation
    }
}

/// Text interleaved with terms, so each renderer writes the terms in its own notation.
public typealias Explanation = [ExplanationPiece]

public enum ExplanationPiece: Sendable, Equatable {
    case text(String)
    case term(Term)
    /// "name = term", as in "let u = zᵢ".
    case binding(String, Term)
}

/// What rules may consult: the variable of differentiation, the abbreviations in force, and the
/// facts that may be used.
public struct RuleContext: Sendable {
    public var wrt: Variable
    public var definitions: [Definition]
    public var facts: [Fact]
    public var lemmas: [Lemma]
}

/// A fact the derivation may use, with where it came from, stated where it is used.
public struct Fact: Sendable, Equatable {
    public let assumption: Assumption
    /// Where it came from, in words: "assumed with --assume", "y is cross_entropy's target",
    /// "softmax outputs sum to one".
    public let reason: String

    public init(_ assumption: Assumption, because reason: String) {
        self.assumption = assumption
        self.reason = reason
    }

    /// The vector whose elements sum to one, if this fact says so.
    var sumsToOneVector: String? { assumption.impliesSumToOne ? assumption.name : nil }
}
