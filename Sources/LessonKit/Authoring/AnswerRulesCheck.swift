import VectorLang

/// The author's check of a question's `allow:`, `require:` and `forbid:`: the expected answer and
/// every equivalent keep them, they do not contradict each other, and every name in them is one an
/// answer could use (a builtin, or a name the lesson sets before the question), so a misspelt
/// `forbid: jacobain` does not silently forbid nothing.
enum AnswerRulesCheck {
    static func failures(_ question: Question, judge: AnswerJudge) -> [(line: Int, message: String)] {
        guard case .expression(let expected) = question.kind, !question.rules.isEmpty else { return [] }
        var failures: [(line: Int, message: String)] = []
        if let broken = judge.brokenRule(in: expected) {
            failures.append((question.answerLine, "the expected answer \(broken.authorMessage)"))
        }
        for equivalent in question.equivalents {
            if let broken = judge.brokenRule(in: equivalent.text) {
                failures.append((equivalent.line, "the equivalent answer '\(equivalent.text)' \(broken.authorMessage)"))
            }
        }
        let rules = question.rules
        let lesson = SessionBindings(judge.lessonLines.map { HistoryLine($0.text, byLearner: false) })
        let named = (rules.allow ?? []).map { ("allow", $0) } + rules.require.map { ("require", $0) } + rules.forbid.map { ("forbid", $0) }
        for (field, rule) in named where Builtins.named[rule.name] == nil && Builtins.constants[rule.name] == nil && !lesson.binds(rule.name) {
            failures.append((question.line, "'\(field): \(rule)' names neither a builtin nor a variable the lesson sets before the question"))
        }
        for rule in rules.forbid {
            if let allowed = rules.allow?.first(where: { $0.name == rule.name && ($0.arity == nil || $0.arity == rule.arity) }) {
                failures.append((question.line, "'forbid: \(rule)' contradicts 'allow: \(allowed)'"))
            }
            if let required = rules.require.first(where: { $0.name == rule.name && (rule.arity == nil || $0.arity == rule.arity) }) {
                failures.append((question.line, "'forbid: \(rule)' contradicts 'require: \(required)'"))
            }
        }
        return failures
    }
}
