import VectorLang

/// Runs lines of text through a shell session, as a script: only results and errors are printed, no prompts.
///
/// Inputs are grouped as at the prompt (`Script.inputs`), and meta-commands work, so a file written
/// by `:save` runs the same with `jacobi FILE` as with `:load`. Errors go to standard error as
/// `NAME:LINE:COLUMN: error: …` with the caret; the run goes on unless asked to stop. Everything is
/// shown through the output gate (`TerminalText.shown`, the palette, `Diagnostic.rendered`), as a
/// script's text is as untrusted as a lesson's.
struct ScriptRunner {
    let shell: ShellSession
    let options: ShellOptions

    /// A runner that writes to standard output, so text is broken to fit it (`Terminal.textWidth`).
    init(shell: ShellSession, options: ShellOptions) {
        self.shell = shell
        self.options = options
        shell.textWidth = Terminal.textWidth
    }

    /// Runs `lines` (from the source called `name`); returns true when every input succeeded.
    func run(_ lines: [String], name: String) -> Bool {
        var succeeded = true
        for input in Script.inputs(lines) {
            switch submit(input, name: name) {
            case .succeeded: continue
            case .failed:
                succeeded = false
                if options.stopOnError { return false }
            case .quit: return succeeded
            }
        }
        // A derivation typed after :check at the end of a script is checked as if a blank line followed.
        if shell.isCollectingDerivation, submit(Script.Input(text: "", firstLine: lines.count + 1), name: name) == .failed { succeeded = false }
        return succeeded
    }

    enum Outcome { case succeeded, failed, quit }

    /// Submits one complete input and prints what it produced.
    @discardableResult
    func submit(_ input: Script.Input, name: String) -> Outcome {
        show(shell.submit(input.text), name: name, input: input)
    }

    /// Prints what an input produced; errors are located in the input that starts at `firstLine` of `name`.
    @discardableResult
    func show(_ outputs: [ShellSession.Output], name: String, firstLine: Int) -> Outcome {
        show(outputs, name: name, input: Script.Input(text: "", firstLine: firstLine))
    }

    private func show(_ outputs: [ShellSession.Output], name: String, input: Script.Input) -> Outcome {
        var outcome = Outcome.succeeded
        for output in outputs {
            switch output {
            case .result(let text), .info(let text), .help(let text):
                Terminal.writeOut(TerminalText.shown(text) + "\n")
            case .styled(let lines):
                Terminal.writeOut(Palette(enabled: false).styled(lines) + "\n")
            case .pages(let pages):
                Terminal.writeOut(Palette(enabled: false).styled(pages.flatMap { $0 }) + "\n")
            case .error(let diagnostic, let source, let prefix):
                outcome = .failed
                let (line, column) = diagnostic.location(in: source)
                let location = prefix.isEmpty ? "\(name):\(input.firstLine + line - 1):\(input.fileColumn(column, line: line)): " : prefix
                Terminal.writeError(diagnostic.rendered(source: source, prefix: location) + "\n")
            case .quit:
                return outcome == .failed ? .failed : .quit
            }
        }
        return outcome
    }
}
