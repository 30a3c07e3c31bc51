import LessonKit
import VectorLang

/// The shell's side of a lesson: finds the course, starts and resumes lessons, routes the learner's
/// lines to the runner, shows its events and saves every checkpoint.
///
/// `LessonRunner` is a pure state machine; this is where it meets the prompt. While a lesson runs,
/// `ShellSession.submit` first offers each input to `route`: the lesson commands (`:next`, `:back`,
/// `:hint`, `:skip`, `:show`, `:quit`), an empty line (the next step of a derivation, else `:next`)
/// and language lines go to the lesson; other meta-commands stay the shell's. Files are touched only
/// to read the lessons and to save progress.
public final class LessonController {
    /// Where the lesson files are: found when first needed (see `LessonPaths`); tests set it.
    lazy var folder: Result<String, LessonPaths.NotFound> = LessonPaths.locateLessons()
    /// The progress file, or nil when progress is not saved; from the environment when first needed.
    lazy var progressPath: String? = LessonPaths.progress(environment: LessonPaths.environment)
    /// The store for `progressPath`, kept for the session: once the file cannot be read, saving stays
    /// off (`ProgressStore.savingOff`) for as long as this controller lives.
    private var openStore: ProgressStore?
    /// Asks the learner a yes-or-no question (true, false, or nil when they cancelled). Without it (a
    /// script, a pipe) a lesson with saved progress continues where it stopped, without asking.
    var ask: ((String) -> Bool?)?
    /// Whether lessons started from now on reveal derivations a step at a time: set by the REPL, where
    /// someone reads as they go. Scripts and pipes show each derivation whole, so their empty lines
    /// stay `:next` and an answer file need not count a derivation's steps.
    var stepByStep = false

    /// The lesson being taken; nil when none is.
    public private(set) var runner: LessonRunner?
    /// How the last lesson ended: `.finished` or `.quit`; nil while one runs or before any.
    public private(set) var ended: LessonRunner.State?
    /// The lesson after the current one in the course, for the closing "Next:" line.
    private var nextLesson: Lesson?
    /// A save that failed is reported once per lesson, not at every step.
    private var saveFailureShown = false

    public init() {}

    public var isRunning: Bool { runner?.state == .running }

    /// Why the course could not be read.
    struct Unavailable: Error, CustomStringConvertible {
        let description: String
    }

    /// The course, read afresh each time so an author's edits show at once.
    func library() -> Result<LessonLibrary, Unavailable> {
        switch folder {
        case .failure(let notFound): return .failure(Unavailable(description: notFound.description))
        case .success(let path):
            do {
                return .success(try LessonLibrary(directory: path))
            } catch {
                return .failure(Unavailable(description: "cannot read the lessons folder \(path)"))
            }
        }
    }

    /// Lesson names for completion; none when the course cannot be found.
    var names: [String] {
        guard case .success(let library) = library() else { return [] }
        return library.names
    }

    /// The prompt during a lesson, `lesson 3·2> ` (lesson 3, step 2); nil when no lesson runs.
    ///
    /// A lesson's name is its file's, which may hold any character: shown safely here, so the prompt's
    /// length (which lines up the continuation prompt under it) is the columns it takes.
    func prompt(ascii: Bool) -> String? {
        guard let runner, isRunning else { return nil }
        if let label = runner.lesson.promptLabel { return "\(TerminalText.shown(label))\(ascii ? ":" : "·")\(runner.stepIndex + 1)> " }
        let lesson = TerminalText.shown(runner.lesson.number.map(String.init) ?? runner.lesson.name)
        return "lesson \(lesson)\(ascii ? ":" : "·")\(runner.stepIndex + 1)> "
    }

    // MARK: - Routing

    /// What the lesson does with `input`, or nil when it is the shell's to run.
    func route(_ input: String, in shell: ShellSession) -> [ShellSession.Output]? {
        // Lines of a file run by `:load` or `:run` are the file's, not answers (and a blank one is not :next).
        guard let runner, isRunning, shell.loadDepth == 0 else { return nil }
        let line = input.trimmingSpaces
        if line.isEmpty { return render(runner.proceed(), in: shell) }
        guard line.hasPrefix(":") else { return render(runner.submit(input), in: shell) }
        if let command = LessonCommand(line) { return render(runner.perform(command), in: shell) }
        // `:q` and `:exit` leave the lesson too, as `:quit` does; Ctrl-D leaves Jacobi.
        if line == ":q" || line == ":exit" { return render(runner.perform(.quit), in: shell) }
        if line == ":reset", let reset = shell.command(named: "reset") {
            let call = MetaCommand.Invocation(source: input, argument: "", nameRange: SourceRange(0, 0), argumentRange: .point(0))
            return reset.run(shell, call) + render(runner.restoreLessonVariables(), in: shell)
                + [.info("the lesson's own variables are set again, so its next steps still work")]
        }
        return nil
    }

    // MARK: - Starting, resetting, listing

    /// `:lesson NAME`: starts the lesson, or resumes it where the learner stopped (asking first when
    /// someone can answer); `fresh` forgets the saved progress first.
    func start(_ query: String, in shell: ShellSession, fresh: Bool = false) -> [ShellSession.Output] {
        let library: LessonLibrary
        switch self.library() {
        case .failure(let problem): return [.info(problem.description)]
        case .success(let found): library = found
        }
        guard let lesson = library.lesson(named: query) else { return [.info(LessonController.unknown(query, in: library, listedBy: ":lessons"))] }
        return start(lesson, next: library.lessons.drop { $0.name != lesson.name }.dropFirst().first, in: shell, fresh: fresh)
    }

    /// Starts (or resumes) `lesson`, a course lesson or a drill; `next` is the one after it in the course.
    /// A drill starts afresh every time (its answers are saved, to count toward its topic).
    func start(_ lesson: Lesson, next: Lesson?, in shell: ShellSession, fresh: Bool = false) -> [ShellSession.Output] {
        let isDrill = lesson.name.hasPrefix(Lesson.drillPrefix)
        var outputs: [ShellSession.Output] = []
        let store = progressStore
        let loaded = store?.load()
        if let warning = loaded?.warning { outputs.append(.info("warning: " + warning)) }
        var saved = isDrill ? nil : loaded?.progress.lessons[lesson.name]
        if fresh {
            saved = nil
            outputs += forget(lesson.name, store: store)
        }
        let label = lesson.number.map { "lesson \($0)" } ?? "lesson \(lesson.name)"
        if let progress = saved, !progress.completed, progress.isBegun, let ask {
            switch ask("continue \(label) at step \(min(progress.step, lesson.steps.count - 1) + 1)? [Y/n] ") {
            case true?: break
            case false?: saved = nil
            case nil: return outputs + [.info("\(label) not started")]
            }
        }
        if let current = runner, isRunning, current.lesson.name != lesson.name {
            outputs.append(.info("left lesson \(current.lesson.name); its progress is kept"))
        }
        let runner = LessonRunner(lesson: lesson, session: shell.session, progress: saved,
                                  derive: LessonDerivations.provider(precision: shell.session.options.precision, ascii: shell.options.ascii,
                                                                     width: { [weak shell] in shell?.textWidth }),
                                  stepByStep: stepByStep)
        self.runner = runner
        ended = nil
        saveFailureShown = false
        nextLesson = next
        let resuming = saved.map { !$0.completed && $0.isBegun } ?? false
        outputs.append(.styled(view(shell).intro(lesson, resumingAt: resuming ? runner.resumeStep : nil)))
        // Looking is not answering: said with the tips where every lesson starts, so no one is surprised by it.
        if !resuming { outputs.append(.styled([.blank] + MarkdownText.wrap(Attempt.rule, width: view(shell).textWidth).map { $0.tinted(.dim) })) }
        return outputs + render(runner.start(), in: shell)
    }

    /// `:lesson reset NAME`: forgets the saved progress of one lesson.
    func reset(_ query: String, in shell: ShellSession) -> [ShellSession.Output] {
        let name: String
        if case .success(let library) = library(), let lesson = library.lesson(named: query) { name = lesson.name } else { name = query }
        guard let store = progressStore else { return [.info("progress is not saved (JACOBI_PROGRESS is empty)")] }
        let loaded = store.load()
        if let savingOff = store.savingOff { return [.info("warning: " + savingOff)] }
        guard loaded.progress.lessons[name] != nil else { return [.info("no saved progress for \(name)")] }
        var outputs = forget(name, store: store)
        if let runner, isRunning, runner.lesson.name == name {
            self.runner = nil
            outputs.append(.info("left lesson \(name)"))
        }
        return outputs.isEmpty ? [.info("forgot the progress of \(name); it starts from the beginning next time")] : outputs
    }

    private func forget(_ name: String, store: ProgressStore?) -> [ShellSession.Output] {
        guard let store else { return [] }
        do {
            if let warning = try store.reset(lesson: name) { return [.info("warning: " + warning)] }
            return []
        } catch {
            return [.info("could not forget the progress of \(name): \(error)")]
        }
    }

    /// `:lessons`: every lesson with its number, title, length and the learner's progress.
    func listing(width: Int, howToStart: String) -> [ShellSession.Output] {
        let library: LessonLibrary
        switch self.library() {
        case .failure(let problem): return [.info(problem.description)]
        case .success(let found): library = found
        }
        let loaded = progressStore?.load()
        var outputs: [ShellSession.Output] = loaded?.warning.map { [.info("warning: " + $0)] } ?? []
        let saved = loaded?.progress.lessons ?? [:]
        outputs.append(.styled(LessonList.lines(library, progress: saved, width: width, howToStart: howToStart)))
        for error in library.errors { outputs.append(.info("not a lesson: \(error.description)")) }
        return outputs
    }

    /// "no lesson called 'tuor'; did you mean tour?", or where to see the names.
    static func unknown(_ query: String, in library: LessonLibrary, listedBy listing: String) -> String {
        let guess = Suggestions.closest(to: query, among: library.names)
        return "no lesson called '\(query)'" + (guess.map { "; did you mean \($0)?" } ?? "; \(listing) lists them")
    }

    // MARK: - Events

    func view(_ shell: ShellSession) -> LessonView {
        LessonView(width: shell.width, ascii: shell.options.ascii)
    }

    /// The events as shell outputs, saving each checkpoint on the way.
    func render(_ events: [LessonEvent], in shell: ShellSession) -> [ShellSession.Output] {
        let view = view(shell)
        var outputs: [ShellSession.Output] = []
        var printed: [Session.Output] = []
        for event in events {
            // The learner's own line: what the shell shows for it, interrupts included.
            if case .output(let output) = event {
                printed.append(output)
                continue
            }
            if !printed.isEmpty {
                outputs += shell.shellOutputs(printed)
                printed = []
            }
            switch event {
            case .output: break
            case .step(let number, let count, let title): outputs.append(.styled(view.stepHeader(number: number, of: count, title: title)))
            case .narrative(let text): outputs.append(.styled(view.narrative(text)))
            case .demo(let lines): outputs += view.demo(lines)
            case .derivation(let arguments, let lines): outputs += view.derivation(arguments: arguments, lines: lines)
            case .derivationStep(let lines): outputs.append(view.derivationBlock(lines))
            case .awaitingDerivationStep: outputs.append(.styled(view.awaitingDerivationStep()))
            case .question(let question, let answered):
                outputs.append(.styled(view.question(question, answered: answered, canSkip: runner?.canSkip ?? true)))
            case .correct(let explanation): outputs.append(.styled(view.correct(explanation: explanation)))
            case .incorrect(let feedback): outputs.append(.styled(view.incorrect(feedback: feedback)))
            case .derivationChecked(let lines): outputs.append(.styled(view.derivationChecked(lines)))
            case .looked: outputs.append(.styled([StyledLine("(looked, not judged)", .dim)]))
            case .chooseAgain(let message, let question):
                outputs.append(.info(message))
                outputs.append(.styled(Array(view.question(question, answered: false, canSkip: nil).dropFirst())))
            case .hint(let text, let number, let count): outputs.append(.styled(view.hint(text, number: number, of: count)))
            case .skipped(let answer, let explanation): outputs.append(.styled(view.answer(answer, explanation: explanation, skipped: true)))
            case .awaitingNext(let last): outputs.append(.styled(view.awaitingNext(last: last)))
            case .notice(let text): outputs.append(.info(text))
            case .problem(let message): outputs.append(.styled(view.problem(message)))
            case .checkpoint(let progress): outputs += save(progress)
            case .finished(let summary):
                if let lesson = runner?.lesson { outputs.append(.styled(view.finished(lesson, summary, next: nextLesson))) }
                runner = nil
                ended = .finished
            case .quit:
                if let runner {
                    let key = runner.lesson.number.map(String.init) ?? runner.lesson.name
                    outputs.append(.info("left the lesson at step \(runner.stepIndex + 1) of \(runner.lesson.steps.count); "
                                         + "your progress is kept, and :lesson \(key) continues it"))
                }
                runner = nil
                ended = .quit
            }
        }
        if !printed.isEmpty { outputs += shell.shellOutputs(printed) }
        return outputs
    }

    /// The store for the progress file, the same one for as long as the path stays the same.
    var progressStore: ProgressStore? {
        guard let path = progressPath else { return nil }
        if let openStore, openStore.path == path { return openStore }
        let store = ProgressStore(path: path)
        openStore = store
        return store
    }

    private func save(_ progress: LessonProgress) -> [ShellSession.Output] {
        // Saving is off after a warning that already said so when the lesson started.
        guard let store = progressStore, store.savingOff == nil else { return [] }
        do {
            if let warning = try store.record(progress) { return [.info("warning: " + warning)] }
        } catch {
            guard !saveFailureShown else { return [] }
            saveFailureShown = true
            return [.info("warning: progress not saved: \(error)")]
        }
        return []
    }
}
