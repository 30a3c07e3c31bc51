import VectorLang

extension MetaCommand {
    /// The commands every session has, in the order `:help` lists them.
    static var standard: [MetaCommand] { [help, vars, clear, reset, precision, time, bench, quit, load, run, save] }

    static var help: MetaCommand {
        MetaCommand("help", aliases: ["h", "?"], usage: ":help [NAME]",
                    "Lists everything; with a name, shows one builtin, command or variable.",
                    detail: ["A builtin's help shows its signatures and an example with its result.", "Example: :help softmax"],
                    argument: .names { $0.helpTopics }) { shell, call in
            call.argument.isEmpty ? [.help(HelpText.overview(shell))] : HelpText.topic(call, in: shell)
        }
    }

    static var vars: MetaCommand {
        MetaCommand("vars", aliases: ["who"], usage: ":vars",
                    "Lists the session's variables, functions and definitions with their shapes.") { shell, _ in
            guard let text = VariableList.text(shell.session) else {
                return [.info("no variables yet; assign one, as in z = [2, 1, 0.1]")]
            }
            return [.help(text)]
        }
    }

    static var clear: MetaCommand {
        MetaCommand("clear", usage: ":clear NAME …", "Removes variables, functions or definitions from the session.",
                    detail: ["Example: :clear z f", ":reset removes them all."],
                    argument: .names { $0.session.environment.names }) { shell, call in
            let environment = shell.session.environment
            guard !call.words.isEmpty else {
                return [call.error(":clear needs the names to remove", suggestion: "type :clear z, or :reset to remove everything")]
            }
            for name in call.words where environment.binding(named: name) == nil {
                if Builtins.named[name] != nil {
                    return [call.error("\(name) is a builtin; only the session's own names can be cleared")]
                }
                let guess = Suggestions.closest(to: name, among: environment.names)
                return [call.error("no variable named '\(name)'", suggestion: guess.map { "did you mean \($0)?" })]
            }
            for name in call.words { environment.remove(name) }
            return [.info("cleared " + call.words.joined(separator: ", "))]
        }
    }

    static var reset: MetaCommand {
        MetaCommand("reset", usage: ":reset", "Removes every variable, function and definition, and ans.") { shell, _ in
            let count = shell.session.environment.names.count
            shell.session.environment.removeAll()
            return [.info(count == 0 ? "nothing to clear" : "cleared \(count) name\(count == 1 ? "" : "s")")]
        }
    }

    static var precision: MetaCommand {
        MetaCommand("precision", usage: ":precision [N]", "Shows or sets the significant digits printed (1 to 17).",
                    detail: ["17 digits show every Double exactly. Example: :precision 8"], argument: .text) { shell, call in
            guard !call.argument.isEmpty else {
                return [.info("precision: \(shell.session.options.precision) significant digits (1 to 17)")]
            }
            guard let n = Int(call.argument), (1...17).contains(n) else {
                return [call.error("precision must be a whole number from 1 to 17, got '\(call.argument)'", suggestion: "type :precision 6")]
            }
            shell.session.options.precision = n
            shell.options.precision = n
            return [.info("precision: \(n) significant digits")]
        }
    }

    static var time: MetaCommand {
        MetaCommand("time", usage: ":time EXPR", "Evaluates EXPR and shows how long it took.",
                    detail: ["Example: :time randn(500, 500) @ randn(500, 500);", "A trailing ; hides the value and keeps the time."],
                    argument: .expression) { shell, call in
            guard !call.argument.isEmpty else {
                return [call.error(":time needs an expression to time", suggestion: "type :time softmax(randn(1000))")]
            }
            var outputs: [ShellSession.Output] = []
            let elapsed = shell.stopwatch { outputs = shell.evaluate(call.argument) }
            // Point errors into the whole line the user typed, not just the expression.
            let offset = call.argumentRange.start
            outputs = outputs.map { output in
                guard case .error(var diagnostic, _, let prefix) = output else { return output }
                diagnostic.range = diagnostic.range.shifted(by: offset)
                return .error(diagnostic, source: call.source, prefix: prefix)
            }
            return outputs + [.info("time: " + TimeFormat.string(elapsed, ascii: shell.options.ascii))]
        }
    }

    static var quit: MetaCommand {
        MetaCommand("quit", aliases: ["q", "exit"], usage: ":quit", "Leaves Jacobi (so does Ctrl-D on an empty line).",
                    detail: ["exit and quit without the colon do the same, unless you gave those names a value; in a lesson they leave the lesson, in a script they end it."]) { _, _ in [.quit] }
    }
}

/// Durations as people read them: `850 ns`, `12.4 µs`, `3.07 ms`, `1.52 s`.
enum TimeFormat {
    static func string(_ duration: Duration, ascii: Bool) -> String {
        let (seconds, attoseconds) = duration.components
        let total = Double(seconds) + Double(attoseconds) * 1e-18
        let (value, unit): (Double, String) =
            total < 1e-6 ? (total * 1e9, "ns") : total < 1e-3 ? (total * 1e6, ascii ? "us" : "µs") : total < 1 ? (total * 1e3, "ms") : (total, "s")
        return Printer.format(number: value, precision: 3) + " " + unit
    }
}
