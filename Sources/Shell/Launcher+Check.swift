import Derivation
import VectorLang

extension Launcher {
    /// `jacobi check`'s exit statuses, as its help states them.
    public enum CheckStatus {
        /// Every step holds.
        public static let holds: Int32 = 0
        /// A step is wrong, or a line does not parse.
        public static let wrong: Int32 = 1
        /// The file cannot be read.
        public static let unreadable: Int32 = 2
    }

    /// `jacobi check FILE` (`-` for standard input): prints the report and returns the exit status.
    public static func check(path: String, json: Bool, ascii: Bool, explain: Bool) -> Int32 {
        let lines: [String]
        do {
            lines = try TextFile.lines(at: path == "-" ? "/dev/stdin" : path, streams: true)
        } catch {
            Terminal.writeError("error: " + TerminalText.shown("\(error)") + "\n")
            return CheckStatus.unreadable
        }
        let report = DerivationChecker.check(lines.joined(separator: "\n"))
        let text = json ? report.json : report.text(ascii: ascii, explanation: explain ? explanation(of: report, ascii: ascii) : [])
        Terminal.writeOut(TerminalText.shown(text) + "\n")
        return report.allHold ? CheckStatus.holds : CheckStatus.wrong
    }

    /// The engine's derivation of the start of the first wrong step's derivation, to read beside the learner's.
    static func explanation(of report: CheckReport, ascii: Bool) -> [String] {
        guard let (start, definitions, facts) = report.wrongStart else { return [] }
        var options = Derivations.Options()
        options.sessionDefinitions = definitions
        options.assumptions = facts
        // The engine derives f with respect to x, where the learner writes partial(f, x).
        var subject = start, wrt: String?
        if case .call(.variable("partial", _), let arguments, _)? = try? Parser.parseExpression(start), arguments.count == 2 {
            let scalars = Array(start.unicodeScalars)
            func text(_ r: SourceRange) -> String {
                String(String.UnicodeScalarView(scalars[max(0, r.start)..<min(scalars.count, max(r.start, r.end))]))
            }
            subject = text(arguments[0].range)
            wrt = text(arguments[1].range)
        }
        do {
            let request = try Derivations.derive(subject, wrt: wrt, options: options)
            let lines = DerivationText(ascii: ascii).lines(request.result, title: request.title, report: nil).map(\.text)
            return ["the engine's derivation of \(start.trimmingCharacters):"] + lines
        } catch {
            return ["the engine cannot derive \(start.trimmingCharacters): \(error.message)"]
        }
    }
}

private extension String {
    var trimmingCharacters: String { String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()) }
}
