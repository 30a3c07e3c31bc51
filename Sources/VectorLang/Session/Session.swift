/// A pure read–evaluate–print session: a line in, text out.
///
/// The readline loop, a plain standard-input reader and the tests all drive this same object, so what a
/// test sees is what a person sees. It owns the environment, the print options and `ans`.
public final class Session {
    public let evaluator: Evaluator
    public var options: PrintOptions
    /// Print results as exact JSON instead of for people.
    public var json: Bool

    /// A session over `environment` (a fresh one by default; pass a `copy()` to work beside another session).
    public init(options: PrintOptions = PrintOptions(), json: Bool = false, environment: Environment = Environment()) {
        self.evaluator = Evaluator(environment: environment)
        self.options = options
        self.json = json
    }

    public var environment: Environment { evaluator.environment }

    /// What one submitted line produced.
    public enum Output: Equatable {
        /// Text to show on standard output.
        case result(String)
        /// A failure, with the text it points into.
        case error(Diagnostic, source: String)
        /// A remark about the line that is not its result, such as a constant now hidden by a binding.
        case note(String)
        /// A picture with colours, when `options.colors` allows them; its plain text is the `result` it replaces.
        case picture([TintedLine])
    }

    /// Constants whose hiding by a binding has been remarked on, so the note is given once a session.
    private var notedShadows: Set<String> = []

    /// Runs every `;`-separated statement of `line` and returns what to show.
    ///
    /// As in Julia, only the last statement's value is shown, and a trailing `;` shows nothing.
    /// Evaluation stops at the first error; what ran before it stays done.
    public func submit(_ line: String) -> [Output] {
        Interrupt.clear()
        let statements: [Statement]
        do {
            statements = try Parser.parse(line)
        } catch {
            return [.error(error, source: line)]
        }
        var last: Evaluator.Outcome?
        for statement in statements {
            do {
                last = try evaluator.execute(statement, in: line)
            } catch let diagnostic as Diagnostic {
                return [.error(diagnostic, source: line)]
            } catch {
                return [.error(Diagnostic("\(error)", at: statement.range), source: line)]
            }
        }
        let notes = shadowNotes(statements).map(Output.note)
        guard let last, !Session.endsWithSemicolon(line) else { return notes }
        if !json, options.colors != .none, let picture = Session.picture(of: last) {
            return [.picture(picture.tintedLines(for: options))] + notes
        }
        return (describe(last).map { [.result($0)] } ?? []) + notes
    }

    private static func picture(of outcome: Evaluator.Outcome) -> Picture? {
        switch outcome {
        case .value(.picture(let picture)), .assigned(_, .picture(let picture)): return picture
        default: return nil
        }
    }

    /// The first binding of `e` (or another shadowable constant) in this session says what happened to it.
    private func shadowNotes(_ statements: [Statement]) -> [String] {
        var notes: [String] = []
        for statement in statements {
            let name: String
            switch statement {
            case .assignment(let bound, _, _), .definition(let bound, _, _, _), .lazyDefinition(let bound, _, _): name = bound
            case .expression: continue
            }
            guard Builtins.shadowableConstants.contains(name), notedShadows.insert(name).inserted else { continue }
            notes.append(name == "e" ? "note: e now names your value; exp(1) is Euler's number"
                                     : "note: \(name) now names your value, not the constant")
        }
        return notes
    }

    private func describe(_ outcome: Evaluator.Outcome) -> String? {
        switch outcome {
        case .value(let value), .assigned(_, let value):
            return json ? JSONPrinter.format(value) : Printer.format(value, options: options)
        case .defined(_, let closure):
            // As it would be typed, `f(x) = x * 2`, the way `g = z -> z * 2` echoes `g(z) = z * 2`.
            return json ? nil : Printer.describe(.closure(closure))
        case .definedLazily(let definition, let current):
            // The definition as written, then its value now, printed as an assignment's would be; JSON
            // output is only the value, as for an assignment, and nothing when there is none yet.
            let value = current.map { json ? JSONPrinter.format($0) : Printer.format($0, options: options) }
            if json { return value }
            return "\(definition.name) := \(definition.source)" + (value.map { "\n" + $0 } ?? "")
        }
    }

    /// Whether the line, ignoring its comment and trailing space, ends with `;`.
    static func endsWithSemicolon(_ line: String) -> Bool {
        let code = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return code.reversed().first { $0 != " " && $0 != "\t" && $0 != "\n" && $0 != "\r" } == ";"
    }

    /// Whether `text` has brackets still open, so a reader should ask for another line.
    ///
    /// Text that does not lex is complete: submitting it shows the error.
    public static func needsContinuation(_ text: String) -> Bool {
        guard let balance = bracketBalance(of: text) else { return false }
        return balance.lowest >= 0 && balance.net > 0
    }

    /// How a piece of text changes the bracket depth: the net change, and the lowest depth reached on
    /// the way (below 0: a closing bracket with no opening one); nil when it does not tokenize. Tokens
    /// never span lines, so a script can add up its lines one at a time instead of re-reading them all.
    public static func bracketBalance(of text: String) -> (net: Int, lowest: Int)? {
        guard let tokens = try? Lexer.tokenize(text) else { return nil }
        var depth = 0, lowest = 0
        for token in tokens {
            switch token.kind {
            case .leftParen, .leftBracket, .leftBrace: depth += 1
            case .rightParen, .rightBracket, .rightBrace: depth -= 1
            default: break
            }
            lowest = min(lowest, depth)
        }
        return (depth, lowest)
    }
}
