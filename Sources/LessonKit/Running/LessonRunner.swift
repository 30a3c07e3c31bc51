import VectorLang

/// Takes a learner through a lesson: a state machine from input to events, with no terminal and no files.
///
/// The learner stays at the normal prompt: the shell passes every language line to `submit(_:)`,
/// which runs it in the learner's own session (variables persist, every builtin works) and, when a
/// question is open and the line ends with an expression, judges that expression as the answer;
/// what counts as an attempt and what is only looked at is `Attempt`'s rule. At a multiple-choice
/// question a choice's number or words pick it.
/// Lesson commands (`:next`, `:back`, `:hint`, `:skip`, `:show`, `:done`, `:quit`) go to `perform(_:)`, an
/// empty line to `proceed()`; other meta-commands (`:vars`, `:help`) stay the shell's. Save every
/// `.checkpoint` event's progress.
///
/// At a derivation question (`derive:`) the lines starting with `=` are collected as steps until an
/// empty line or `:done`, then checked by `DerivationJudge`.
///
/// A derivation is revealed a step at a time: its header and starting expression, then one step per
/// empty line, while `:next` shows the rest at once. The step's later parts (a question above all)
/// wait until the whole derivation is on the screen.
///
///     let runner = LessonRunner(lesson: lesson, session: shell.session, progress: saved, derive: engine)
///     render(runner.start())
///     // for each line:  render(line.isEmpty ? runner.proceed()
///     //                        : LessonCommand(line).map(runner.perform) ?? runner.submit(line))
public final class LessonRunner {
    public let lesson: Lesson
    public let session: Session
    public internal(set) var progress: LessonProgress
    /// Every line the learner's session has run since the lesson began: the lesson's set-up and demo
    /// lines and the learner's own assignments and definitions. Answers are checked in replays of it.
    public private(set) var history: [HistoryLine] = []

    public enum State: Equatable { case notStarted, running, finished, quit }
    public private(set) var state: State = .notStarted
    /// The current step, counting from 0.
    public private(set) var stepIndex = 0

    private let derive: DerivationProvider?
    /// Whether derivations are revealed a step at a time; otherwise each is shown whole.
    private let stepByStep: Bool
    /// The next part of the current step to show.
    private var cursor = 0
    /// The open question; internal for the runner's extensions (`LessonRunner+Answers`).
    var open: OpenQuestion?
    /// The derivation being revealed, while some of it is still to show.
    private var reveal: Reveal?
    /// What the current step has shown so far, for `:show`.
    private var shown: [LessonEvent] = []
    private var judges: [String: AnswerJudge] = [:]

    private struct Reveal {
        /// The derivation's `reveals`, the first already shown.
        let blocks: [[String]]
        /// How many of them are shown.
        var shown: Int
    }

    /// - Parameters:
    ///   - session: the learner's session, shared with the shell's prompt.
    ///   - progress: saved progress for this lesson, to resume from; nil starts fresh.
    ///   - derive: runs `jacobi derive` blocks; without it they report a problem.
    ///   - stepByStep: reveal derivations a step at a time (for a person at a terminal); false shows
    ///     each whole, as on a pipe, where an empty line stays `:next` and nobody reads as it goes.
    public init(lesson: Lesson, session: Session, progress: LessonProgress? = nil, derive: DerivationProvider? = nil,
                stepByStep: Bool = true) {
        self.lesson = lesson
        self.session = session
        self.derive = derive
        self.stepByStep = stepByStep
        var saved = progress ?? LessonProgress(lesson: lesson.name, stepCount: lesson.steps.count)
        saved.lesson = lesson.name
        saved.stepCount = lesson.steps.count
        self.progress = saved
    }

    /// The question the learner's answers go to, if any.
    public var openQuestion: Question? { open?.question }

    /// Whether `:skip` may pass over the open question.
    public var canSkip: Bool { open.map { $0.question.skipAllowed ?? lesson.skipAllowed } ?? true }

    /// Where to resume: the saved step (a finished lesson saves step 0, to begin again).
    public var resumeStep: Int { max(0, min(progress.step, lesson.steps.count - 1)) }

    /// Starts at `step` (counting from 0), or where the learner left off. Set-up and demo lines of
    /// earlier steps run silently first, so their variables exist.
    public func start(at step: Int? = nil) -> [LessonEvent] {
        // The parser never makes a lesson without steps, but a lesson built in code could be one.
        guard !lesson.steps.isEmpty else {
            state = .finished
            return [.notice("This lesson has no steps.")]
        }
        let target = max(0, min(step ?? resumeStep, lesson.steps.count - 1))
        // Taking a finished lesson again from the start asks its questions again; `completed` stays.
        if progress.completed, target == 0 {
            progress.questions = [:]
            progress.unanswered = [:]
        }
        state = .running
        var events: [LessonEvent] = []
        for earlier in lesson.steps.prefix(target) {
            for part in earlier.parts {
                if case .setup(let lines) = part { events += runSilently(lines) }
                if case .demo(let lines) = part { events += runSilently(lines) }
            }
        }
        return events + enter(target)
    }

    // MARK: - Learner input

    /// A language line typed by the learner: run in the session, and judged when it answers the open question.
    public func submit(_ line: String) -> [LessonEvent] {
        if state == .running, let question = open, !question.resolved, let events = choose(line, question) { return events }
        if state == .running, var question = open, !question.resolved, case .derivation = question.question.kind,
           question.steps != nil || line.trimmed.hasPrefix("=") {
            question.steps = (question.steps ?? []) + [line]
            open = question
            return []
        }
        let outputs = session.submit(line)
        let events = outputs.map(LessonEvent.output)
        guard state == .running, let statements = try? Parser.parse(line), let last = statements.last else { return events }
        if statements.contains(where: { if case .expression = $0 { return false } else { return true } }) {
            history.append(HistoryLine(line, byLearner: true))
        }
        // After ✓ (or a skip) nothing is judged, and an error is the session's to show.
        guard var question = open, !question.resolved,
              !outputs.contains(where: { if case .error = $0 { return true } else { return false } }) else { return events }
        guard case .expression(let expr) = last, case .expression = question.question.kind,
              let answer = LessonRunner.lastStatement(of: line) else { return events + [.looked] }
        guard case .incorrect(let feedback, let reason) = judge(for: question).judge(answer, history: history) else {
            return events + [.correct(explanation: question.question.explanation)] + resolve(question, as: .correct)
        }
        switch Attempt.kind(of: reason, bareName: Attempt.isBareName(expr, in: session)) {
        case .looked: return events + [.looked]
        case .shownOnly: return events + [.incorrect(feedback: feedback)]
        case .counted: return events + [.incorrect(feedback: feedback)] + tried(&question)
        }
    }

    /// An empty line (Enter): the next step of the derivation being revealed; otherwise what `:next` does.
    ///
    /// Kept apart from `:next` so that typing `:next` can always mean "all of it": the learner who has
    /// seen enough of a derivation is never made to press Enter through the rest.
    public func proceed() -> [LessonEvent] {
        if isCollectingSteps { return perform(.done) }
        guard state == .running, var current = reveal else { return perform(.next) }
        let event = LessonEvent.derivationStep(current.blocks[current.shown])
        current.shown += 1
        shown.append(event)
        guard current.shown == current.blocks.count else {
            reveal = current
            return [event, .awaitingDerivationStep]
        }
        reveal = nil
        return [event] + advance()
    }

    /// A lesson command.
    public func perform(_ command: LessonCommand) -> [LessonEvent] {
        guard state == .running else {
            return [.notice(state == .finished ? "The lesson is finished." : "The lesson is not running.")]
        }
        switch command {
        case .next:
            if let current = reveal {
                reveal = nil
                let rest = current.blocks[current.shown...].map(LessonEvent.derivationStep)
                shown += rest
                return rest + advance()
            }
            if let question = open, !question.resolved {
                let skip = canSkip ? ", or :skip to see the answer" : " (this one cannot be skipped)"
                let how = switch question.question.kind {
                case .choice: "type the number of a choice, or its words"
                case .derivation: "type each step on its own line, starting with =, then a blank line or :done"
                case .expression: "type an expression at the prompt"
                }
                return [.notice("Answer the question first: \(how); :hint for a hint\(skip).")]
            }
            if stepIndex + 1 < lesson.steps.count { return enter(stepIndex + 1) }
            return finish()
        case .back:
            guard stepIndex > 0 else { return [.notice("This is the first step.")] }
            return enter(stepIndex - 1)
        case .hint:
            guard var question = open else { return [.notice("There is no question open; :next to continue.")] }
            let hints = question.question.hints
            guard !hints.isEmpty else { return [.notice("This question has no hints.")] }
            guard question.hintsGiven < hints.count else {
                return [.notice("That was the last hint" + (canSkip && !question.resolved ? "; :skip shows the answer." : "."))]
            }
            question.hintsGiven += 1
            open = question
            let event = LessonEvent.hint(hints[question.hintsGiven - 1], number: question.hintsGiven, of: hints.count)
            shown.append(event)
            guard !question.resolved else { return [event] }
            progress.unanswered[question.key] = question.tries
            return [event, .checkpoint(progress)]
        case .skip:
            guard let question = open, !question.resolved else { return perform(.next) }
            guard canSkip else { return [.notice("This question cannot be skipped; :hint for a hint.")] }
            let event = LessonEvent.skipped(answer: question.question.answerText, explanation: question.question.explanation)
            shown.append(event)
            return [event] + resolve(question, as: .skipped)
        case .done:
            guard let question = open, !question.resolved, case .derivation = question.question.kind else {
                return [.notice("There is no derivation to check; :done ends the steps typed at a derivation question.")]
            }
            guard question.steps != nil else {
                return [.notice("Type your steps first, each on its own line starting with =; then :done or a blank line checks them.")]
            }
            return checkSteps(question)
        case .show:
            return shown + (reveal == nil ? [] : [.awaitingDerivationStep])
        case .quit:
            state = .quit
            return [.checkpoint(progress), .quit]
        }
    }

    /// Runs the lesson's lines up to the current point again, silently: for after the shell cleared
    /// the session (`:reset`), so the lesson's variables exist again.
    public func restoreLessonVariables() -> [LessonEvent] {
        var events: [LessonEvent] = []
        for (s, step) in lesson.steps.enumerated() where s <= stepIndex {
            for (i, part) in step.parts.enumerated() where s < stepIndex || i < cursor {
                if case .setup(let lines) = part { events += runSilently(lines) }
                if case .demo(let lines) = part { events += runSilently(lines) }
            }
        }
        return events
    }

    // MARK: - Steps

    private func enter(_ step: Int) -> [LessonEvent] {
        stepIndex = step
        cursor = 0
        open = nil
        reveal = nil
        shown = []
        progress.step = step
        let header = LessonEvent.step(number: step + 1, of: lesson.steps.count, title: lesson.steps[step].title)
        shown.append(header)
        return [header, .checkpoint(progress)] + advance()
    }

    /// Shows parts from the cursor until an unanswered question, a derivation to reveal, or the end of the step.
    private func advance() -> [LessonEvent] {
        var events: [LessonEvent] = []
        let parts = lesson.steps[stepIndex].parts
        while cursor < parts.count {
            let index = cursor
            cursor += 1
            switch parts[index] {
            case .narrative(let text, _):
                events.append(.narrative(text))
            case .setup(let lines):
                events += runSilently(lines)
            case .demo(let lines):
                let demo = lines.map { line -> DemoLine in
                    history.append(HistoryLine(line.text, byLearner: false))
                    return DemoLine(input: line.text, outputs: session.submit(line.text))
                }
                events.append(.demo(demo))
                for (line, result) in zip(lines, demo) where result.failed {
                    events.append(.problem("\(lesson.file):\(line.line): this demo line failed"))
                }
            case .derivation(let arguments, let line):
                switch derivation(arguments, line: line) {
                case .failure(let problem): events.append(.problem(problem.message))
                case .success(let blocks):
                    let reveals = blocks.reveals
                    guard stepByStep, reveals.count > 1 else {
                        events.append(.derivation(arguments: arguments, lines: blocks.lines))
                        continue
                    }
                    events.append(.derivation(arguments: arguments, lines: reveals[0]))
                    reveal = Reveal(blocks: reveals, shown: 1)
                    // The hint is not kept in `shown`: `:show` adds one after the blocks, not after each.
                    shown += events
                    return events + [.awaitingDerivationStep]
                }
            case .question(let question):
                let key = questionKey(step: stepIndex, part: index)
                let answered = progress.questions[key] != nil
                let tries = progress.unanswered[key] ?? QuestionRecord.Tries()
                open = OpenQuestion(question: question, key: key, part: index, resolved: answered, attempts: tries.attempts, earlierHints: tries.hints)
                events.append(.question(question, answered: answered))
                if !answered {
                    shown += events
                    return events
                }
            }
        }
        events.append(.awaitingNext(last: stepIndex + 1 == lesson.steps.count))
        shown += events
        return events
    }

    /// Why a derivation could not be shown: `file:line: message`.
    private struct DerivationProblem: Error {
        let message: String
    }

    private func derivation(_ arguments: String, line: Int) -> Result<DerivationBlocks, DerivationProblem> {
        guard let derive else {
            return .failure(DerivationProblem(message: "\(lesson.file):\(line): no derivation engine is available for 'derive \(arguments)'"))
        }
        do {
            return .success(try derive(arguments, session))
        } catch {
            return .failure(DerivationProblem(message: "\(lesson.file):\(line): derive \(arguments): \((error as? Diagnostic)?.message ?? "\(error)")"))
        }
    }

    private func runSilently(_ lines: [SourceLine]) -> [LessonEvent] {
        var events: [LessonEvent] = []
        for line in lines {
            history.append(HistoryLine(line.text, byLearner: false))
            for case .error(let diagnostic, _) in session.submit(line.text) {
                events.append(.problem("\(lesson.file):\(line.line): \(diagnostic.message)"))
            }
        }
        return events
    }

    func resolve(_ question: OpenQuestion, as outcome: QuestionRecord.Outcome) -> [LessonEvent] {
        var question = question
        question.resolved = true
        open = question
        progress.questions[question.key] = QuestionRecord(outcome: outcome, attempts: question.attempts, hints: question.tries.hints)
        progress.unanswered[question.key] = nil
        return [.checkpoint(progress)] + advance()
    }

    private func finish() -> [LessonEvent] {
        state = .finished
        reveal = nil
        progress.completed = true
        progress.step = 0
        let records = Array(progress.questions.values)
        let summary = LessonSummary(
            questions: lesson.questions.count,
            firstTry: records.filter { $0.outcome == .correct && $0.attempts == 0 && $0.hints == 0 }.count,
            unknownTries: records.filter { $0.outcome == .correct && $0.attempts == nil && $0.hints == 0 }.count,
            correct: records.filter { $0.outcome == .correct }.count,
            skipped: records.filter { $0.outcome == .skipped }.count,
            hints: records.reduce(0) { $0 + $1.hints })
        return [.checkpoint(progress), .finished(summary)]
    }

    // MARK: - Judging

    /// "3.1": the first question of step 3 (both counted from 1), stable while the step's questions stay put.
    private func questionKey(step: Int, part: Int) -> String {
        let ordinal = lesson.steps[step].parts.prefix(part + 1).filter { if case .question = $0 { return true } else { return false } }.count
        return "\(step + 1).\(ordinal)"
    }

    func judge(for open: OpenQuestion) -> AnswerJudge {
        if let judge = judges[open.key] { return judge }
        let judge = AnswerJudge(question: open.question, lessonLines: lesson.lines(before: stepIndex, part: open.part),
                                seed: lesson.seed(forQuestionAt: open.question.line))
        judges[open.key] = judge
        return judge
    }
}
