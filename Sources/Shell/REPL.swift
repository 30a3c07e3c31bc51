import VectorLang

/// The interactive loop: prompts, continuation lines, history and output, over any `LineReader`.
///
/// Terminal-free apart from what it is given, so tests drive it with a scripted reader and a string
/// sink: a bracket left open gives the continuation prompt, Ctrl-C drops the pending input, Ctrl-D
/// on an empty line leaves with status 0, and the reader is closed (its history written) on every
/// way out.
struct REPL {
    static let prompt = "jacobi> "
    static let continuationPrompt = "   ...> "

    let shell: ShellSession
    let reader: LineReader
    let palette: Palette
    /// Columns of the terminal, read before each input so a resize is picked up.
    var width: () -> Int = { Terminal.width }
    /// Where output goes: text, and whether it is an error (standard error on a terminal).
    var write: (String, Bool) -> Void = { text, isError in
        if isError { Terminal.writeError(text) } else { Terminal.writeOut(text) }
    }

    func run() -> Int32 {
        defer { reader.close() }
        var pending: [String] = []
        while true {
            let prompt = pending.isEmpty
                ? palette.prompt(REPL.prompt, continuation: false) : palette.prompt(REPL.continuationPrompt, continuation: true)
            switch reader.read(prompt: prompt) {
            case .end:
                write("\n", false)
                // Ctrl-D in the middle of a multi-line input drops that input, as Ctrl-C does.
                if pending.isEmpty { return 0 }
                pending = []
            case .interrupt:
                pending = []
            case .line(let text):
                // A paste may hold several lines; each goes through the same continuation rules.
                for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                    pending.append(String(line))
                    let input = pending.joined(separator: "\n")
                    let isCommand = pending.count == 1 && String(line).trimmingSpaces.hasPrefix(":")
                    if !isCommand && Session.needsContinuation(input) { continue }
                    pending = []
                    if submit(input) == false { return 0 }
                }
            }
        }
    }

    /// Runs one complete input and shows its output; false when it asked to quit.
    private func submit(_ input: String) -> Bool {
        guard let entry = HistoryPolicy.entry(for: input) else { return true }
        reader.remember(entry)
        shell.width = width()
        let outputs = shell.submit(input)
        // The terminal echoed ^C where the cursor was; write over it rather than after it.
        if shell.wasInterrupted { write("\r", false) }
        for output in outputs {
            guard let (text, isError) = palette.render(output) else { return false }
            write(text + "\n", isError)
        }
        Terminal.flush()
        return true
    }
}
