import VectorLang

/// How the runner takes an answer of each kind apart from a plain expression: a choice picked by its
/// number or words, and the steps of a derivation collected and checked; and a wrong try, counted.
extension LessonRunner {
    /// The question being answered, with what the learner has done at it.
    struct OpenQuestion {
        let question: Question
        let key: String
        /// Index of the question's part in the step.
        let part: Int
        var resolved: Bool
        /// Hints given since the question opened (`:hint` gives the next one).
        var hintsGiven = 0
        /// Wrong attempts, those of earlier sessions included.
        var attempts = 0
        /// Hints given in earlier sessions.
        var earlierHints = 0
        /// At a derivation question: the steps typed so far, from the first line starting with `=`
        /// until a blank line or `:done`; nil while none is being typed.
        var steps: [String]?

        /// What is saved while the question is open.
        var tries: QuestionRecord.Tries { QuestionRecord.Tries(attempts: attempts, hints: max(hintsGiven, earlierHints)) }
    }

    /// A line at an open multiple-choice question, when it picks a choice (by number or words, and
    /// then it is judged, not run) or is words that pick none or several (then the choices are shown
    /// again); nil for a line of the language, which runs as usual.
    func choose(_ line: String, _ question: OpenQuestion) -> [LessonEvent]? {
        guard case .choice(let choices) = question.question.kind else { return nil }
        var pick = ChoiceWords.choose(line, among: choices)
        if ChoiceWords.number(line) == nil, case .none = ChoiceWords.exact(line, among: choices) {
            // Exploring (`z`, `sigmoid(0)`) comes before the start of a choice's words.
            if Attempt.isLanguage(line, in: session) { return nil }
            pick = ChoiceWords.prefix(line, among: choices)
        }
        var question = question
        switch pick {
        case .choice:
            guard case .incorrect(let feedback, _) = judge(for: question).judgeChoice(pick) else {
                return [.correct(explanation: question.question.explanation)] + resolve(question, as: .correct)
            }
            return [.incorrect(feedback: feedback)] + tried(&question)
        case .ambiguous(let matches):
            let numbers = BrokenRule.list(matches.map { "\($0 + 1)" })
            return [.chooseAgain("'\(line.trimmed)' starts choices \(numbers): type more of its words, or its number.", question.question)]
        case .none:
            let what = ChoiceWords.number(line) == nil ? "That is not one of the choices" : "There is no choice \(line.trimmed)"
            return [.chooseAgain("\(what): type a choice's number, 1 to \(choices.count), or its words.", question.question)]
        }
    }

    /// Whether the learner is typing the steps of a derivation (a blank line then checks them, not `:next`).
    public var isCollectingSteps: Bool {
        guard state == .running, let question = open, !question.resolved else { return false }
        return question.steps != nil
    }

    /// Checks the steps typed at a derivation question: the report, then right, a counted attempt, or
    /// (when a step could not be read) a notice that costs nothing.
    func checkSteps(_ question: OpenQuestion) -> [LessonEvent] {
        var question = question
        let steps = question.steps ?? []
        question.steps = nil
        open = question
        guard case .derivation(let start, let expected, let given) = question.question.kind else { return [] }
        let outcome = DerivationJudge(start: start, expected: expected, given: given).judge(steps)
        let report: [LessonEvent] = outcome.report.isEmpty ? [] : [.derivationChecked(outcome.report)]
        if outcome.isCorrect {
            return report + [.correct(explanation: question.question.explanation)] + resolve(question, as: .correct)
        }
        guard outcome.countsAsAttempt else { return report + [.notice(outcome.feedback + " Not counted as a try.")] }
        return report + [.incorrect(feedback: outcome.feedback)] + tried(&question)
    }

    /// A wrong attempt at the open question: counted, and saved at once.
    func tried(_ question: inout OpenQuestion) -> [LessonEvent] {
        question.attempts += 1
        open = question
        progress.unanswered[question.key] = question.tries
        return [.checkpoint(progress)]
    }
}
