import VectorLang

/// Runs lines of text through a session, as a script: only results and errors are printed, no prompts.
///
/// Lines with brackets still open are joined with the next ones, so a matrix may span lines. Errors go
/// to standard error as `NAME:LINE:COLUMN: error: …` with the caret; the run goes on unless asked to stop.
struct ScriptRunner {
    let session: Session
    let options: ShellOptions

    /// Runs `lines` (from the source called `name`); returns true when every statement succeeded.
    func run(_ lines: [String], name: String) -> Bool {
        var succeeded = true
        var pending = ""
        var pendingStart = 0
        for (number, line) in lines.enumerated() {
            if pending.isEmpty { pendingStart = number } else { pending += "\n" }
            pending += line
            if Session.needsContinuation(pending), number < lines.count - 1 { continue }
            if !submit(pending, name: name, firstLine: pendingStart + 1) {
                succeeded = false
                if options.stopOnError { return false }
            }
            pending = ""
        }
        return succeeded
    }

    /// Submits one complete input and prints what it produced; false if it failed.
    func submit(_ text: String, name: String, firstLine: Int) -> Bool {
        var succeeded = true
        for output in session.submit(text) {
            switch output {
            case .result(let text):
                Terminal.writeOut(text + "\n")
            case .error(let diagnostic, let source):
                succeeded = false
                let (line, column) = diagnostic.location(in: source)
                Terminal.writeError(diagnostic.rendered(source: source, prefix: "\(name):\(firstLine + line - 1):\(column): ") + "\n")
            }
        }
        return succeeded
    }
}
