#if canImport(Glibc)
import Glibc
#endif
import VectorLang

extension MetaCommand {
    static var load: MetaCommand {
        MetaCommand("load", usage: ":load FILE", "Runs a script in this session, showing only its errors.",
                    detail: ["The variables, functions and definitions it makes stay.", "Example: :load session.jac"],
                    group: .files, argument: .fileName) { shell, call in
            shell.runFile(call, showingResults: false)
        }
    }

    static var run: MetaCommand {
        MetaCommand("run", usage: ":run FILE", "Runs a script in this session, showing every result as it goes.",
                    group: .files, argument: .fileName) { shell, call in
            shell.runFile(call, showingResults: true)
        }
    }

    static var save: MetaCommand {
        MetaCommand("save", aliases: ["save!"], usage: ":save FILE",
                    "Writes the session's variables, functions and definitions as a script that :load restores.",
                    detail: ["Numbers are written with 17 significant digits, so they read back exactly.",
                             "An existing file is replaced only if you agree; :save! FILE replaces it without asking.",
                             "A FIFO or a device (/dev/null) is written in place; a symbolic link only with :save!."],
                    group: .files, argument: .fileName) { shell, call in
            guard !call.argument.isEmpty else {
                return [call.error(":save needs a file name", suggestion: "type :save session.jac")]
            }
            let saved = SessionScript.script(of: shell.session.environment, precision: shell.session.options.precision)
            do {
                let written = try FileTarget.write(saved.text, to: ShellSession.expandingTilde(call.argument), name: call.argument,
                                                   force: call.typedName == "save!", override: ":save! \(call.argument)",
                                                   confirm: shell.confirm)
                guard written else { return [.info("not saved; \(call.argument) is as it was")] }
            } catch {
                return [call.error("\(error)")]
            }
            var outputs: [ShellSession.Output] = saved.skipped.map { .info("not saved: \($0.name), \($0.reason)") }
            let count = saved.names.count
            outputs.append(.info("saved \(count) name\(count == 1 ? "" : "s") to \(call.argument)"))
            return outputs
        }
    }
}

extension ShellSession {
    /// `:load` and `:run`: each input of the file through `submit`, errors located as `FILE:LINE:COLUMN`.
    func runFile(_ call: MetaCommand.Invocation, showingResults: Bool) -> [Output] {
        guard !call.argument.isEmpty else {
            let name = showingResults ? "run" : "load"
            return [call.error("a file name should follow :\(name)", suggestion: "type :\(name) session.jac")]
        }
        guard loadDepth < ShellSession.maximumLoadDepth else {
            return [call.error("files load each other more than \(ShellSession.maximumLoadDepth) deep",
                               note: "a file that loads itself would never finish")]
        }
        let lines: [String]
        do {
            lines = try TextFile.lines(at: ShellSession.expandingTilde(call.argument))
        } catch {
            return [call.error("\(error)")]
        }
        loadDepth += 1
        defer { loadDepth -= 1 }
        var outputs: [Output] = []
        var failures = 0
        let start = session.environment.bindingCount
        inputs: for input in Script.inputs(lines) {
            for output in submit(input.text) {
                switch output {
                case .result, .help, .styled, .pages:
                    if showingResults { outputs.append(output) }
                case .info:
                    if showingResults || wasInterrupted { outputs.append(output) }
                case .error(let diagnostic, let source, let prefix):
                    failures += 1
                    let (line, column) = diagnostic.location(in: source)
                    let location = prefix.isEmpty ? "\(call.argument):\(input.firstLine + line - 1):\(input.fileColumn(column, line: line)): " : prefix
                    outputs.append(.error(diagnostic, source: source, prefix: location))
                case .quit:
                    break inputs
                }
            }
            // Ctrl-C stops the whole file, not just the line it landed in.
            if wasInterrupted { break inputs }
        }
        if !showingResults {
            // Names, as :save counts them, so saving 6 names and loading them back says 6 both times.
            let count = session.environment.names(boundSince: start).filter { $0 != "ans" }.count
            let summary = "loaded \(count) name\(count == 1 ? "" : "s") from \(call.argument)"
            outputs.append(.info(failures == 0 ? summary : summary + ", \(failures) input\(failures == 1 ? "" : "s") failed"))
        }
        return outputs
    }

    /// `~/x` as `$HOME/x`, as a shell would expand it.
    static func expandingTilde(_ path: String) -> String {
        guard path == "~" || path.hasPrefix("~/"), let home = getenv("HOME") else { return path }
        return String(cString: home) + path.dropFirst()
    }
}
