import VectorLang

/// A rule of the question (`allow:`, `require:`, `forbid:`) that an answer breaks, and how.
public enum BrokenRule: Sendable, Equatable {
    /// It uses a name (or a call) the question forbids.
    case forbidden(NameRule, used: NameUse)
    /// It uses a name that is neither allowed nor a builtin, or an allowed name with another arity.
    case notAllowed(allowed: [NameRule], used: NameUse)
    /// It does not use what the question requires; `instead` is a call of the name with other arguments.
    case missing(NameRule, instead: NameUse?)

    /// What the learner is told: the rule, in words, and what broke it.
    public var feedback: String {
        switch self {
        case .forbidden(let rule, let used) where rule.arity != nil:
            return "The question asks for an answer that does not call \(rule.words): yours does\(used.through)."
        case .forbidden(let rule, let used):
            return "The question asks for an answer without \(rule.words): yours uses it\(used.through)."
        case .notAllowed(let allowed, let used):
            return "The question asks for an answer using only \(BrokenRule.list(allowed.map(\.words))): \(used.words) is not allowed\(used.through)."
        case .missing(let rule, let instead?):
            return "The question asks for an answer using \(rule.words): yours calls \(rule.name) with \(NameRule.count(instead.arity ?? 0, "argument"))\(instead.through)."
        case .missing(let rule, nil):
            return "The question asks for an answer using \(rule.words): yours does not use \(rule.name)."
        }
    }

    /// What the author is told when an expected answer breaks it: "uses 'jacobian', which the
    /// question forbids".
    public var authorMessage: String {
        func quoted(_ use: NameUse) -> String {
            "'\(use.name)'" + (use.arity.map { " with \(NameRule.count($0, "argument"))" } ?? "")
        }
        switch self {
        case .forbidden(_, let used): return "uses \(quoted(used)), which the question forbids"
        case .notAllowed(let allowed, let used):
            return "uses \(quoted(used)), which the question does not allow (allow: \(allowed.map(\.description).joined(separator: ", ")))"
        case .missing(let rule, _): return "does not use \(quoted(NameUse(name: rule.name, arity: rule.arity))), which the question requires"
        }
    }

    /// "z", "J and g", "z, T and softmax".
    static func list(_ items: [String]) -> String {
        guard let last = items.last else { return "" }
        return items.count == 1 ? last : items.dropLast().joined(separator: ", ") + " and " + last
    }
}

extension AnswerRules {
    /// The first rule the usage breaks: forbidden names first, then names not allowed, then names
    /// required; nil when it keeps them all.
    func broken(by usage: NameUsage) -> BrokenRule? {
        for rule in forbid {
            if let used = usage.first(rule.name, arity: rule.arity) {
                // `forbid: softmax` is about the name: the answer "uses softmax", however it calls it.
                return .forbidden(rule, used: rule.arity == nil ? NameUse(name: used.name, via: used.via) : used)
            }
        }
        if let allow {
            for used in usage.uses {
                let rules = allow.filter { $0.name == used.name }
                if rules.isEmpty {
                    // Builtins stay usable: `allow:` is about the lesson's and the learner's names.
                    if Builtins.named[used.name] == nil && Builtins.constants[used.name] == nil {
                        return .notAllowed(allowed: allow, used: NameUse(name: used.name, via: used.via))
                    }
                } else if let arity = used.arity, !rules.contains(where: { $0.arity == nil || $0.arity == arity }) {
                    return .notAllowed(allowed: allow, used: used)
                }
            }
        }
        for rule in require where usage.first(rule.name, arity: rule.arity) == nil {
            return .missing(rule, instead: rule.arity == nil ? nil : usage.calls(of: rule.name).first)
        }
        return nil
    }
}
