#if canImport(Glibc)
import Glibc
#endif
import VectorLang

/// The entry points the command line calls; each returns the process's exit status.
public enum Launcher {
    /// `jacobi -e EXPR …`: evaluates each expression in one session.
    public static func evaluate(_ expressions: [String], options: ShellOptions) -> Int32 {
        let runner = ScriptRunner(shell: ShellSession(options: options), options: options)
        var succeeded = true
        for (i, expression) in expressions.enumerated() {
            switch runner.submit(Script.Input(text: expression, firstLine: 1), name: "-e #\(i + 1)") {
            case .succeeded: continue
            case .failed:
                succeeded = false
                if options.stopOnError { return 1 }
            case .quit: return succeeded ? 0 : 1
            }
        }
        return succeeded ? 0 : 1
    }

    /// `jacobi run FILE` and `jacobi FILE`; FILE may be a FIFO or a device (`jacobi run <(…)`), which
    /// `:load` refuses, since here the user is the one who started the process that writes it.
    public static func runScript(at path: String, options: ShellOptions) -> Int32 {
        let lines: [String]
        do {
            lines = try TextFile.lines(at: path, streams: true)
        } catch {
            complain("\(error)")
            return 1
        }
        return ScriptRunner(shell: ShellSession(options: options), options: options).run(lines, name: path) ? 0 : 1
    }

    /// `jacobi` with no arguments: the REPL on a terminal, otherwise standard input as a script.
    public static func start(options: ShellOptions) -> Int32 {
        let shell = ShellSession(options: options)
        guard Terminal.standardInputIsTerminal else {
            let lines = Array(sequence(state: ()) { _ in Swift.readLine(strippingNewline: true) })
            return ScriptRunner(shell: shell, options: options).run(lines, name: "<stdin>") ? 0 : 1
        }
        return interactive(shell, options: options)
    }

    /// Writes `jacobi: MESSAGE` on standard error, the message through the output gate
    /// (`TerminalText.shown`): messages name files, folders and lessons, whose names are anyone's.
    static func complain(_ message: String) {
        Terminal.writeError("jacobi: " + TerminalText.shown(message) + "\n")
    }

    /// The REPL on the terminal; `first` runs before the first prompt (`jacobi lesson NAME`).
    static func interactive(_ shell: ShellSession, options: ShellOptions, first: String? = nil) -> Int32 {
        let history = HistoryPolicy.path { name in getenv(name).map { String(cString: $0) } }
        let readline = ReadlineReader(completer: Completer(shell: shell), historyPath: history)
        let reader: LineReader = StartupTrace.isRequested ? StartupTracingReader(wrapping: readline) : readline
        Signals.install()
        let palette = Palette(enabled: Terminal.colorAllowed(requested: options.color))
        // Pictures get the colours the palette will paint: the session decides nothing about the terminal.
        shell.session.options.colors = palette.enabled ? Terminal.colorDepth : .none
        var repl = REPL(shell: shell, reader: reader, palette: palette)
        repl.keys = TerminalKeys()
        // Paging is for a person reading a terminal; `jacobi | tee log` gets the text as it is.
        if Terminal.standardOutputIsTerminal, let pager = Pager.fromEnvironment() { repl.pager = pager.show }
        return repl.run(first: first)
    }
}
