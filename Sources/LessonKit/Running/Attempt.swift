import VectorLang

/// Looking is not answering: which lines typed at an open question count as attempts.
///
/// A learner explores at the prompt while a question is open (`z`, `p * (1 - p)`, `q = …`), and a
/// look must cost nothing. A right answer always counts. A wrong one counts only when it is plainly
/// an answer: an expression, not an assignment, a command or a bare name, with the answer's shape;
/// or an answer the lesson anticipated (a `mistake:`), or one whose value is right but which breaks
/// the question's rules. Anything else runs as usual and is marked "(looked, not judged)".
public enum Attempt {
    /// The rule in words, for the start of every lesson and `:help lesson`.
    public static let rule = "While a question is open, a right answer always counts. A wrong one counts as an attempt "
        + "only when it is an expression of the answer's shape, not an assignment, a command or a bare name such as z "
        + "(unless the lesson names it as a common mistake); anything else is only looked at, marked "
        + "(looked, not judged). After a right answer (or a skip) nothing is judged."

    enum Kind: Equatable {
        /// Shown as wrong, and counted.
        case counted
        /// Shown as wrong but not counted: it could not be checked, which is not the learner's attempt.
        case shownOnly
        /// Not judged: the line only ran.
        case looked
    }

    /// What a wrong verdict on an expression is, given whether the expression is a bare name.
    static func kind(of reason: Verdict.Reason, bareName: Bool) -> Kind {
        switch reason {
        case .mistake, .wrongChoice, .brokenRule(_, rightValue: true): return .counted
        case .brokenRule(_, rightValue: false), .values, .onlyAtLessonValues, .nearMiss: return bareName ? .looked : .counted
        case .shape, .notAChoice: return .looked
        case .error: return .shownOnly
        }
    }

    /// Whether `expr` is only a name the session knows (`z`, `p`, `ans`, a builtin): looking at it.
    static func isBareName(_ expr: Expr, in session: Session) -> Bool {
        guard case .variable(let name, _) = expr else { return false }
        return session.environment.binding(named: name) != nil || Builtins.named[name] != nil || Builtins.constants[name] != nil
    }

    /// Whether `line` is something the language can read: it parses, and every name it reads is one the
    /// session knows (a binding, a builtin, index notation). Words (`at x = 0`, `neither`) are not.
    static func isLanguage(_ line: String, in session: Session) -> Bool {
        guard let statements = try? Parser.parse(line), !statements.isEmpty else { return false }
        var assigned: Set<String> = []
        for statement in statements {
            let read: [String]
            switch statement {
            case .expression(let e): read = e.freeNames().map(\.name)
            case .assignment(let name, let e, _), .lazyDefinition(let name, let e, _):
                read = e.freeNames().map(\.name)
                assigned.insert(name)
            case .definition(let name, let parameters, let body, _):
                read = body.freeNames().map(\.name).filter { !parameters.contains($0) }
                assigned.insert(name)
            }
            guard read.allSatisfy({ assigned.contains($0) || isKnown($0, in: session) }) else { return false }
        }
        return true
    }

    private static func isKnown(_ name: String, in session: Session) -> Bool {
        if session.environment.binding(named: name) != nil || Builtins.named[name] != nil || Builtins.constants[name] != nil { return true }
        if name == "end" || IndexedName.summationLetter(name) != nil { return true }
        if NameUsage.isIndexLetter(name) { return true }
        guard let parts = IndexedName.parse(name, range: SourceRange(0, 0)) else { return false }
        return parts.isDelta || isKnown(parts.base, in: session)
    }
}
