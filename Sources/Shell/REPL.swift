import VectorLang

/// The interactive loop: prompts, continuation lines, history and output, over any `LineReader`.
///
/// Terminal-free apart from what it is given, so tests drive it with a scripted reader and a string
/// sink: a bracket left open gives the continuation prompt, Ctrl-C drops the pending input, Ctrl-D
/// on an empty line leaves with status 0, and the reader is closed (its history written) on every
/// way out. A copied session pasted back loses its prompts and its copied output (`PromptFilter`),
/// and long help goes through the pager (`Pager`).
struct REPL {
    static let prompt = "jacobi> "
    static let continuationPrompt = "   ...> "

    let shell: ShellSession
    let reader: LineReader
    let palette: Palette
    /// Columns of the terminal, read before each input so a resize is picked up.
    var width: () -> Int = { Terminal.width }
    var textWidth: () -> Int? = { Terminal.textWidth }
    /// Single keys for `:derive --step`; nil shows every step at once.
    var keys: KeyReader?
    /// Shows long help or a long derivation in the user's pager (see `Pager`); false when it could not
    /// run. nil, as in tests and on a pipe, never pages.
    var pager: ((String) -> Bool)?
    /// Rows of the terminal: output as long as this, which would scroll the prompt away, is paged.
    var height: () -> Int = { Terminal.height }
    /// Where output goes: text, and whether it is an error (standard error on a terminal).
    var write: (String, Bool) -> Void = { text, isError in
        if isError { Terminal.writeError(text) } else { Terminal.writeOut(text) }
    }

    /// Reads and runs inputs until the end; `first` runs before the first prompt, as if typed but
    /// not remembered (`jacobi lesson NAME` starts with `:lesson NAME`).
    func run(first: String? = nil) -> Int32 {
        shell.lessons.ask = { question in self.ask(question) }
        // Replacing a file is the one question whose plain Enter means no.
        shell.confirm = { question in self.ask(question, default: false) }
        shell.lessons.stepByStep = true
        defer {
            shell.lessons.ask = nil
            shell.confirm = nil
            shell.lessons.stepByStep = false
            reader.close()
        }
        if let first {
            shell.width = width()
            shell.textWidth = textWidth()
            if !show(shell.submit(first)) { return 0 }
        }
        var pending: [String] = []
        var prompts = PromptFilter()
        while true {
            let prompt = pending.isEmpty && !shell.isCollectingDerivation ? mainPrompt : continuationPrompt
            switch reader.read(prompt: prompt) {
            case .end:
                prompts.endBlock()
                write("\n", false)
                // Ctrl-D in the middle of a multi-line input drops that input, as Ctrl-C does.
                if pending.isEmpty && !shell.isCollectingDerivation { return 0 }
                pending = []
                shell.cancelCollecting()
            case .interrupt:
                prompts.endBlock()
                pending = []
                shell.cancelCollecting()
            case .line(let text):
                // A paste may hold several lines; each goes through the same continuation rules, after
                // its prompt is taken off (a session copied back: `PromptFilter`).
                for typed in text.split(separator: "\n", omittingEmptySubsequences: false) {
                    guard let line = prompts.take(String(typed)) else { continue }
                    pending.append(line)
                    let input = pending.joined(separator: "\n")
                    let isCommand = pending.count == 1 && String(line).trimmingSpaces.hasPrefix(":")
                    if !isCommand && !shell.isCollectingDerivation && Session.needsContinuation(input) { continue }
                    pending = []
                    if submit(input) == false { return 0 }
                }
                // Lines of a paste arrive together; once nothing more is waiting, the paste is over.
                if !reader.hasWaitingInput { prompts.endBlock() }
            }
        }
    }

    /// Runs one complete input and shows its output; false when it asked to quit.
    private func submit(_ input: String) -> Bool {
        let entry = HistoryPolicy.entry(for: input)
        // A blank line does nothing, except in a lesson, where Enter goes on (as :next does), and after :check, where it ends the derivation.
        guard entry != nil || shell.lessons.isRunning || shell.isCollectingDerivation else { return true }
        if let entry { reader.remember(entry) }
        shell.width = width()
        shell.textWidth = textWidth()
        let pageable = shell.isPageable(input)
        let outputs = shell.submit(input)
        guard show(outputs, pageable: pageable) else { return false }
        offerDerivation(after: input, outputs)
        return true
    }

    /// Once per session, after a derivative computed by grad, jacobian or hessian, a dim line saying
    /// that :derive shows why. Only here, at an interactive prompt: scripts, -e and --json never see it.
    private func offerDerivation(after input: String, _ outputs: [ShellSession.Output]) {
        guard !shell.derivationOffered, !shell.options.json, !shell.lessons.isRunning,
              ["grad(", "jacobian(", "hessian("].contains(where: input.contains),
              outputs.contains(where: { if case .result = $0 { return true } else { return false } }),
              !outputs.contains(where: { if case .error = $0 { return true } else { return false } }) else { return }
        shell.derivationOffered = true
        write(palette.paint("(:derive EXPR wrt VARIABLE shows the steps behind a derivative, with these numbers)", .dim) + "\n", false)
    }

    /// Writes the outputs; false when one of them asked to quit.
    private func show(_ outputs: [ShellSession.Output], pageable: Bool = false) -> Bool {
        // The terminal echoed ^C where the cursor was; write over it rather than after it.
        if shell.wasInterrupted { write("\r", false) }
        if pageable, let pager, let text = pagedText(outputs),
           Pager.screenLines(text, width: width()) >= height(), pager(text) { return true }
        for output in outputs {
            if case .pages(let pages) = output {
                page(pages)
                continue
            }
            guard let (text, isError) = palette.render(output, width: shell.textWidth) else { return false }
            write(text + "\n", isError)
        }
        Terminal.flush()
        return true
    }

    /// The outputs as one text for the pager, or nil when one of them must not go there: an error
    /// (standard error's), a quit, or a derivation shown a key at a time.
    private func pagedText(_ outputs: [ShellSession.Output]) -> String? {
        var text = ""
        for output in outputs {
            switch output {
            case .error, .quit, .pages: return nil
            case .result, .info, .help, .styled:
                guard let (shown, _) = palette.render(output, width: shell.textWidth) else { return nil }
                text += shown + "\n"
            }
        }
        return text.isEmpty ? nil : text
    }
}
