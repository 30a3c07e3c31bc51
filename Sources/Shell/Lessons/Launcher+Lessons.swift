#if canImport(Glibc)
import Glibc
#endif
import LessonKit
import VectorLang

extension Launcher {
    /// `jacobi lesson NAME [--reset]`: on a terminal, the REPL with the lesson started (asking whether
    /// to continue saved progress); otherwise the lesson run through with standard input's lines as
    /// the learner's, printing what a learner would see.
    public static func lesson(_ name: String, reset: Bool, options: ShellOptions) -> Int32 {
        let shell = ShellSession(options: options)
        shell.textWidth = Terminal.textWidth
        guard let lesson = findLesson(name, in: shell) else { return 1 }
        let palette = Palette(enabled: Terminal.colorAllowed(requested: options.color))
        if reset { LessonPipe.write(shell.lessons.reset(lesson.name, in: shell), palette: palette) }
        guard Terminal.standardInputIsTerminal else { return LessonPipe(shell: shell, palette: palette).run(lesson.name) }
        return interactive(shell, options: options, first: ":lesson \(lesson.name)")
    }

    /// `jacobi present LESSON [--export markdown [--teacher]] [--output FILE [--force]]`: the
    /// presentation, or the handout (every output filled in; with `teacher`, the answers, hints and
    /// expected mistakes too) on standard output or in FILE. An existing FILE is replaced only with
    /// `--force` or a yes at the terminal; see `FileTarget` for links, FIFOs and devices.
    public static func present(_ name: String, exportMarkdown: Bool, teacher: Bool = false, output: String?, force: Bool = false,
                               options: ShellOptions) -> Int32 {
        guard let lesson = findLesson(name, in: ShellSession(options: options)) else { return 1 }
        if exportMarkdown || output != nil {
            let text = handout(lesson, teacher: teacher, precision: options.precision)
            guard let output else {
                Terminal.writeOut(text)
                return 0
            }
            // Only a terminal can answer; elsewhere an existing file is refused without a question.
            var confirm: ((String) -> Bool?)?
            if Terminal.standardInputIsTerminal { confirm = { question in Terminal.confirm(question) } }
            do {
                let written = try FileTarget.write(text, to: ShellSession.expandingTilde(output), name: output, force: force,
                                                   override: "--force", confirm: confirm)
                if !written { Terminal.writeError("jacobi: not written; \(TerminalText.shown(output)) is as it was\n") }
                return written ? 0 : 1
            } catch {
                complain("\(error)")
                return 1
            }
        }
        let palette = Palette(enabled: Terminal.colorAllowed(requested: options.color))
        return PresenterLoop { Presenter.of(lesson, options: options, palette: palette, width: $0) }.run()
    }

    /// The handout of `lesson`, as `present --export markdown` writes it: at a fixed width, so it does
    /// not depend on the terminal it was made in, and in ASCII where Jacobi prints, so pdflatex can
    /// set every demo's output (a heatmap's shading, a plot's braille dots), derivations in LaTeX.
    static func handout(_ lesson: Lesson, teacher: Bool, precision: Int) -> String {
        let session = Session(options: PrintOptions(precision: precision, ascii: true, width: 80))
        return Handout.markdown(lesson, in: session, derive: HandoutDerivations.provider(precision: precision),
                                options: Handout.Options(teacher: teacher, latexDerivations: true))
    }

    /// The lesson called `name` (or numbered so), or nil after saying on standard error why there is none.
    static func findLesson(_ name: String, in shell: ShellSession) -> Lesson? {
        switch shell.lessons.library() {
        case .failure(let problem):
            complain("\(problem)")
            return nil
        case .success(let library):
            if let lesson = library.lesson(named: name) { return lesson }
            complain(LessonController.unknown(name, in: library, listedBy: "jacobi lessons"))
            return nil
        }
    }

    /// `jacobi lessons`: every lesson with its length and the learner's progress.
    public static func listLessons(options: ShellOptions) -> Int32 {
        let shell = ShellSession(options: options)
        if case .failure(let problem) = shell.lessons.library() {
            complain("\(problem)")
            return 1
        }
        let outputs = shell.lessons.listing(width: Terminal.width, howToStart: "jacobi lesson NAME (or NUMBER) starts one; :lesson NAME at the prompt.")
        LessonPipe.write(outputs, palette: Palette(enabled: Terminal.colorAllowed(requested: options.color)))
        return 0
    }

    /// `jacobi lessons check [DIR]`: the author's check of every lesson with the real derivation
    /// engine; each failure as `file:line: message`, then a summary; status 1 on any failure.
    public static func checkLessons(directory: String?, options: ShellOptions) -> Int32 {
        let folder: String
        if let directory {
            folder = directory
        } else {
            switch LessonPaths.locateLessons() {
            case .failure(let notFound):
                complain("\(notFound)")
                return 1
            case .success(let found): folder = found
            }
        }
        let library: LessonLibrary
        do {
            library = try LessonLibrary(directory: folder)
        } catch {
            complain("cannot read the lessons folder \(folder)")
            return 1
        }
        guard !library.lessons.isEmpty || !library.errors.isEmpty else {
            complain("no lesson files (*.md) in \(folder)")
            return 1
        }
        let report = LessonChecker(derive: LessonDerivations.provider(precision: options.precision, ascii: false)).check(library)
        let palette = Palette(enabled: Terminal.colorAllowed(requested: options.color))
        var lines = report.failures.map { failure in
            StyledLine([StyledLine.Span("\(failure.file):\(failure.line):", .strong), StyledLine.Span(" " + failure.message)])
        }
        lines.append(StyledLine("\(folder): " + report.summary, report.passed ? .good : .bad))
        Terminal.writeOut(palette.styled(lines) + "\n")
        return report.passed ? 0 : 1
    }
}

/// A lesson taken on a plain pipe (`jacobi lesson NAME < answers.txt`): each input is echoed after the
/// lesson's prompt, so the output reads as the session a learner at a terminal would have had.
///
/// An empty line means `:next`, as Enter does at the prompt; derivations are shown whole, not a step
/// per line, so an answer file need not count their steps. The run ends when the lesson does; its
/// status is 0 when the lesson was completed or left with `:quit`, 1 when the input ran out first.
struct LessonPipe {
    let shell: ShellSession
    let palette: Palette

    func run(_ name: String) -> Int32 {
        run { shell.lessons.start(name, in: shell) }
    }

    /// Runs the lesson `start` begins (a course lesson, or a drill) with standard input's lines.
    func run(starting start: () -> [ShellSession.Output]) -> Int32 {
        shell.width = Terminal.width
        LessonPipe.write(start(), palette: palette)
        let lines = Array(sequence(state: ()) { _ in Swift.readLine(strippingNewline: true) })
        for input in Script.inputs(lines) where shell.lessons.isRunning {
            Terminal.writeOut(echo(input.text) + "\n")
            let outputs = shell.submit(input.text)
            LessonPipe.write(outputs, palette: palette)
            if outputs.contains(.quit) { break }
        }
        switch shell.lessons.ended {
        case .finished?, .quit?: return 0
        default:
            let whereabouts = shell.lessons.runner.map { " at step \($0.stepIndex + 1) of \($0.lesson.steps.count)" } ?? ""
            Launcher.complain("the input ended before the lesson did\(whereabouts); the progress is saved")
            return 1
        }
    }

    /// The input after the prompt it would have been typed at, continuation lines under `...>`.
    private func echo(_ text: String) -> String {
        let prompt = shell.lessons.prompt(ascii: shell.options.ascii) ?? REPL.prompt
        let continuation = String(repeating: " ", count: max(prompt.count - 5, 0)) + "...> "
        return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { index, line in
            let shown = palette.paint(String((index == 0 ? prompt : continuation).dropLast()), .boldGreen)
            return line.isEmpty ? shown : shown + " " + TerminalText.shown(String(line))
        }.joined(separator: "\n")
    }

    /// Everything on standard output, errors included: on a pipe the whole dialogue is the transcript
    /// (broken to `COLUMNS` when it is set, as a derivation is).
    static func write(_ outputs: [ShellSession.Output], palette: Palette) {
        for output in outputs {
            guard let (text, _) = palette.render(output, width: Terminal.textWidth) else { continue }
            Terminal.writeOut(text + "\n")
        }
        Terminal.flush()
    }
}
