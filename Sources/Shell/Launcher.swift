#if canImport(Glibc)
import Glibc
#endif
import VectorLang

/// The entry points the command line calls; each returns the process's exit status.
public enum Launcher {
    /// `jacobi -e EXPR …`: evaluates each expression in one session.
    public static func evaluate(_ expressions: [String], options: ShellOptions) -> Int32 {
        let runner = ScriptRunner(session: makeSession(options), options: options)
        var succeeded = true
        for (i, expression) in expressions.enumerated() {
            if !runner.submit(expression, name: "-e #\(i + 1)", firstLine: 1) {
                succeeded = false
                if options.stopOnError { break }
            }
        }
        return succeeded ? 0 : 1
    }

    /// `jacobi run FILE` and `jacobi FILE`.
    public static func runScript(at path: String, options: ShellOptions) -> Int32 {
        let lines: [String]
        do {
            lines = try TextFile.lines(at: path)
        } catch {
            Terminal.writeError("jacobi: \(error)\n")
            return 1
        }
        return ScriptRunner(session: makeSession(options), options: options).run(lines, name: path) ? 0 : 1
    }

    /// `jacobi` with no arguments: the REPL on a terminal, otherwise standard input as a script.
    public static func start(options: ShellOptions) -> Int32 {
        guard Terminal.standardInputIsTerminal else {
            let lines = Array(sequence(state: ()) { _ in Swift.readLine(strippingNewline: true) })
            return ScriptRunner(session: makeSession(options), options: options).run(lines, name: "<stdin>") ? 0 : 1
        }
        return REPL(shell: ShellSession(options: options)).run()
    }

    static func makeSession(_ options: ShellOptions) -> Session {
        Session(options: options.printOptions, json: options.json)
    }
}
