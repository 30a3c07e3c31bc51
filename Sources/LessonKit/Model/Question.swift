/// A question in a lesson: what is asked, how an answer is judged, and what helps on the way.
///
/// Answers are judged by value, never by spelling: the learner's expression and the expected one are
/// evaluated at the lesson's values and at random points (see `Variation`), so `p - p^2` passes where
/// `p * (1 - p)` is expected.
public struct Question: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The learner types an expression (or a number); it must equal `expected` within the tolerance.
        case expression(expected: String)
        /// The learner types the number of a choice (1, 2, …).
        case choice([Choice])
        /// The learner derives `start` in steps (`= …` lines), each checked against the line before it,
        /// ending at a value equal to `expected`; `given` are the derivation's set-up lines
        /// (`p := softmax(z)`, `assume sum(y) = 1`).
        case derivation(start: String, expected: String, given: [String])
    }

    /// The line of the opening fence of the question block.
    public var line: Int
    /// The line of `expect:` (the opening fence's for a multiple-choice question), for messages about the answer.
    public var answerLine: Int
    public var prompt: String
    public var kind: Kind
    /// Other correct forms of the expected answer, which the author's checker confirms are accepted.
    public var equivalents: [SourceLine]
    /// Variables rebound to random values for the extra points; empty means only the lesson's values.
    public var variations: [Variation]
    /// How many random points besides the lesson's values.
    public var points: Int
    public var tolerance: Tolerance
    /// Given one at a time, in order, by `:hint`.
    public var hints: [String]
    /// Wrong answers the author expects, each with its own feedback; the first that matches is used.
    public var mistakes: [Mistake]
    /// Shown after a correct answer or a skip.
    public var explanation: String?
    /// The names an answer may, must and must not use (`forbid: jacobian` when the learner is to write
    /// the Jacobian by hand).
    public var rules: AnswerRules
    /// Overrides the lesson's `skip:` for this question.
    public var skipAllowed: Bool?

    public init(line: Int, prompt: String, kind: Kind, equivalents: [SourceLine] = [], variations: [Variation] = [], points: Int = Question.defaultPoints,
                tolerance: Tolerance = .default, hints: [String] = [], mistakes: [Mistake] = [], explanation: String? = nil,
                rules: AnswerRules = .none, skipAllowed: Bool? = nil) {
        self.line = line
        self.answerLine = line
        self.prompt = prompt
        self.kind = kind
        self.equivalents = equivalents
        self.variations = variations
        self.points = points
        self.tolerance = tolerance
        self.hints = hints
        self.mistakes = mistakes
        self.explanation = explanation
        self.rules = rules
        self.skipAllowed = skipAllowed
    }

    public static let defaultPoints = 3

    /// The answer as it is shown after a skip: the expected expression, or the right choice's text.
    public var answerText: String {
        switch kind {
        case .expression(let expected), .derivation(_, let expected, _): return expected
        case .choice(let choices):
            guard let k = choices.firstIndex(where: \.isCorrect) else { return "" }
            return "\(k + 1). \(choices[k].text)"
        }
    }
}

/// One option of a multiple-choice question: `- [x] text` or `- [ ] text -> feedback`.
public struct Choice: Sendable, Equatable {
    public var text: String
    public var isCorrect: Bool
    /// Shown when the learner picks this (wrong) choice.
    public var feedback: String?
    public var line: Int

    public init(text: String, isCorrect: Bool, feedback: String? = nil, line: Int) {
        self.text = text
        self.isCorrect = isCorrect
        self.feedback = feedback
        self.line = line
    }
}

/// An expected wrong answer: an expression and what to tell a learner whose answer equals it.
public struct Mistake: Sendable, Equatable {
    public var expression: String
    public var feedback: String
    public var line: Int

    public init(expression: String, feedback: String, line: Int) {
        self.expression = expression
        self.feedback = feedback
        self.line = line
    }
}

/// A variable that takes random values at the extra points of a check.
///
/// The lesson's set-up and demo lines are run again with the variable rebound, right after each line
/// that assigns it, so definitions that depend on it (`p = softmax(z)`) follow. The random value has
/// the shape of the lesson's value.
public struct Variation: Sendable, Equatable {
    public enum Distribution: Sendable, Equatable {
        /// Uniform on [lower, upper] elementwise (`z in -3..3`; the default is -2..2).
        case uniform(lower: Double, upper: Double)
        /// Positive entries that sum to one (`p simplex`), for probability vectors.
        case simplex
        /// A random one-hot vector, or one-hot rows for a matrix (`y onehot`).
        case onehot
    }

    public var name: String
    public var distribution: Distribution
    /// The line of the `vary:` field, for messages.
    public var line: Int

    public init(name: String, distribution: Distribution = .uniform(lower: -2, upper: 2), line: Int = 0) {
        self.name = name
        self.distribution = distribution
        self.line = line
    }
}

/// How close an answer must be: `|a − e| ≤ tolerance · max(1, |e|)` for every element, or a relative
/// tolerance `|a − e| ≤ r · |e|` when written with `%`.
public enum Tolerance: Sendable, Equatable {
    case mixed(Double)
    case relative(Double)

    public static let `default` = Tolerance.mixed(1e-6)

    public func accepts(_ answer: Double, _ expected: Double) -> Bool {
        if answer == expected { return true }
        if answer.isNaN || expected.isNaN { return answer.isNaN && expected.isNaN }
        guard answer.isFinite, expected.isFinite else { return false }
        switch self {
        case .mixed(let t): return abs(answer - expected) <= t * max(1, abs(expected))
        case .relative(let r): return abs(answer - expected) <= r * abs(expected)
        }
    }
}
