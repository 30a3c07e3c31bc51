import VectorLang

/// What the runner asks the shell to show, in order.
///
/// The runner never prints: the shell renders these (colours, widths, pictures) and saves each
/// `checkpoint` with `ProgressStore`. Tests read them directly.
public enum LessonEvent: Equatable {
    /// A step begins: `number` counts from 1.
    case step(number: Int, of: Int, title: String)
    /// Markdown text of the step.
    case narrative(String)
    /// Demo lines, each with what the session printed for it.
    case demo([DemoLine])
    /// A derivation from the engine begins: the arguments it was asked for and its first block (what
    /// is derived, the numbers, the starting expression). Any further blocks follow as `derivationStep`.
    case derivation(arguments: String, lines: [String])
    /// The next block of the derivation: one step with its rule, expression and value (the last one
    /// with the closing check).
    case derivationStep([String])
    /// A derivation is partly shown: an empty line (`proceed()`) reveals its next step, `:next` the
    /// rest of it. Said after every block revealed, so the learner knows how to go on.
    case awaitingDerivationStep
    /// A question is open; `answered` when the learner already answered it (revisiting with `:back`),
    /// so it does not hold up `:next`.
    case question(Question, answered: Bool)
    /// What the learner's own line printed (a result or an error), before any verdict on it.
    case output(Session.Output)
    /// The learner's answer is right; `explanation` is the author's follow-up, if any.
    case correct(explanation: String?)
    case incorrect(feedback: String)
    /// The check of a learner's derivation: one line per step, marked ✓ or ✗, with the diagnosis under
    /// the first wrong one; shown as written (it is already through `TerminalText.shown`).
    case derivationChecked([String])
    /// The learner's line ran while a question was open, and is not taken as an answer: an
    /// assignment, a bare name, a value of another shape (see `LessonRunner.answerRule`).
    case looked
    /// What the learner typed at a multiple-choice question is not a choice, or its words start more
    /// than one: this says so, and the question's choices are shown again with their numbers.
    case chooseAgain(String, Question)
    /// Hint `number` of `of`.
    case hint(String, number: Int, of: Int)
    /// The learner skipped the question: here is the answer.
    case skipped(answer: String, explanation: String?)
    /// Everything in the step has been shown; `:next` continues (or finishes, when `last`).
    case awaitingNext(last: Bool)
    /// A short message about a command: "This is the first step.", "Answer the question first …".
    case notice(String)
    /// The lesson itself is broken here (a demo line failed, the derivation engine refused):
    /// `file:line: message`. The lesson goes on; `jacobi lessons check` catches these before learners do.
    case problem(String)
    /// Progress to save now.
    case checkpoint(LessonProgress)
    /// The last step is done.
    case finished(LessonSummary)
    /// The learner left with `:quit`; progress is kept.
    case quit
}

/// One demo line and what the session printed for it.
public struct DemoLine: Equatable {
    public var input: String
    public var outputs: [Session.Output]

    public init(input: String, outputs: [Session.Output]) {
        self.input = input
        self.outputs = outputs
    }

    /// Whether the line failed (the checker requires every demo line to succeed).
    public var failed: Bool {
        outputs.contains { if case .error = $0 { return true } else { return false } }
    }
}

/// How the learner did, shown at the end.
public struct LessonSummary: Equatable, Sendable {
    public var questions: Int
    /// Answered right with no wrong attempt and no hint.
    public var firstTry: Int
    /// Answered right with no hint, but whether at the first try is not known (saved by an older Jacobi).
    public var unknownTries: Int
    public var correct: Int
    public var skipped: Int
    public var hints: Int

    public init(questions: Int, firstTry: Int, unknownTries: Int = 0, correct: Int, skipped: Int, hints: Int) {
        self.questions = questions
        self.firstTry = firstTry
        self.unknownTries = unknownTries
        self.correct = correct
        self.skipped = skipped
        self.hints = hints
    }
}

/// The commands a learner types during a lesson (`:next`, `:back`, …); the shell routes them here.
public enum LessonCommand: String, CaseIterable, Sendable {
    case next, back, hint, skip, show, done, quit

    /// `:next`, `:hint` … (with or without the colon); nil for anything else.
    public init?(_ text: String) {
        var word = Substring(text.trimmed)
        if word.hasPrefix(":") { word = word.dropFirst() }
        guard let command = LessonCommand(rawValue: String(word)) else { return nil }
        self = command
    }

    /// One line for `:help`.
    public var summary: String {
        switch self {
        case .next: return "go on to the next step; while a derivation is revealed, show the rest of it"
        case .back: return "go back one step"
        case .hint: return "a hint for the open question (again for the next hint)"
        case .skip: return "skip the open question and see its answer (if the lesson allows it)"
        case .show: return "show the current step again"
        case .done: return "check the derivation you are typing (a blank line does the same)"
        case .quit: return "leave the lesson; your progress is kept"
        }
    }
}

/// Runs a derivation for a `jacobi derive` block: the block's arguments (as after `:derive`) and the
/// session whose bindings give the numbers; returns the derivation in its blocks, or throws with a message.
///
/// LessonKit does not depend on the derivation engine: the shell injects this, tests inject a fake.
public typealias DerivationProvider = (_ arguments: String, _ session: Session) throws -> DerivationBlocks
