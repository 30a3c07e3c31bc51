/// What a question lets an answer be written with: `allow:`, `require:` and `forbid:`.
///
/// Values decide whether an answer is right; these decide whether it answers the question asked.
/// "Write p[1] / p[3] in z alone" is `allow: z`, so `p[1] / p[3]`, right in value, is refused. Each
/// is checked after the learner's own definitions and functions are expanded (see `NameUsage`), so
/// `a = softmax(z, T)` followed by the answer `a` is read as `softmax(z, T)`.
public struct AnswerRules: Sendable, Equatable {
    /// The only names that are not builtins an answer may use; nil lets it use any. Builtins stay
    /// usable unless forbidden, so `allow: J, g` still lets the learner write `transpose(J) @ g`.
    public var allow: [NameRule]?
    /// Names (or calls) every answer must use.
    public var require: [NameRule]
    /// Names (or calls) no answer may use.
    public var forbid: [NameRule]

    public init(allow: [NameRule]? = nil, require: [NameRule] = [], forbid: [NameRule] = []) {
        self.allow = allow
        self.require = require
        self.forbid = forbid
    }

    public static let none = AnswerRules()

    public var isEmpty: Bool { allow == nil && require.isEmpty && forbid.isEmpty }
}

/// A name in a rule, `softmax`, or a name with an arity, `softmax/1`: softmax called with exactly one
/// argument.
public struct NameRule: Sendable, Equatable, CustomStringConvertible {
    public var name: String
    /// The number of arguments the rule is about; nil for any use of the name.
    public var arity: Int?

    public init(_ name: String, arity: Int? = nil) {
        self.name = name
        self.arity = arity
    }

    /// `softmax/1` as written in the lesson file.
    public var description: String { arity.map { "\(name)/\($0)" } ?? name }

    /// "softmax with one argument", for feedback.
    public var words: String {
        guard let arity else { return name }
        return "\(name) with \(NameRule.count(arity, "argument"))"
    }

    /// "one argument", "two arguments", "12 arguments".
    static func count(_ n: Int, _ noun: String) -> String {
        let words = ["no", "one", "two", "three", "four", "five", "six"]
        let number = n >= 0 && n < words.count ? words[n] : "\(n)"
        return "\(number) \(noun)\(n == 1 ? "" : "s")"
    }
}
