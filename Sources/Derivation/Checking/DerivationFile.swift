import VectorLang

/// A learner's derivations as written: `[definition | binding | assume]* START (= STEP)*`, several to a file.
///
/// Each line is read by Jacobi's own parser, so a derivation is the same input a user types at the
/// prompt. A `#` comment is dropped before anything else: a fact written in a comment is not assumed.
/// A blank line, or a new start after steps, begins another derivation; definitions, bindings and
/// facts stay in force for the derivations after them in the same block.
public struct DerivationFile: Sendable {
    /// One line that is not blank or only a comment.
    public struct Line: Sendable {
        public enum Kind: Sendable {
            case definition(name: String, body: Expr)
            case binding(name: String, value: Expr)
            case assumption(Assumption)
            /// The expression being differentiated or simplified (the first line that is not set-up).
            case start(Expr)
            /// A line starting with `=`: the expression after it.
            case step(Expr)
            /// A line that does not parse, or a fact outside the vocabulary; `source` is what the range points into.
            case problem(Diagnostic, source: String)
        }

        /// 1-based line number in the file.
        public let number: Int
        /// The line as written, comment included.
        public let text: String
        public let kind: Kind
        /// The text the expression's ranges point into (the line after its `=`, without the comment).
        public let code: String
        /// Where `code` starts in `text`, in Unicode scalars, to place a caret on the line as written.
        public var offset: Int {
            max(0, DerivationFile.withoutComment(text).unicodeScalars.count - code.unicodeScalars.count)
        }
    }

    /// One derivation: what was set up before it, and its start and steps in order.
    public struct Derivation: Sendable {
        public var setup: [Line] = []
        public var lines: [Line] = []
    }

    public let derivations: [Derivation]

    public init(parsing text: String) {
        var derivations: [Derivation] = []
        var setup: [Line] = []
        var lines: [Line] = []
        func finish() {
            if !lines.isEmpty { derivations.append(Derivation(setup: setup, lines: lines)) }
            lines = []
        }
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let written = String(raw.hasSuffix("\r") ? raw.dropLast() : raw)
            let code = DerivationFile.withoutComment(written)
            if code.allSatisfy({ $0 == " " || $0 == "\t" }) {
                // A comment-only line continues the derivation; a blank line ends it and its set-up.
                if written.allSatisfy({ $0 == " " || $0 == "\t" }) { finish(); setup = [] }
                continue
            }
            let line = DerivationFile.read(code, written: written, number: offset + 1)
            switch line.kind {
            case .definition, .binding, .assumption:
                finish()
                setup.append(line)
            case .start:
                finish()
                lines.append(line)
            case .step:
                lines.append(line)
            case .problem:
                // A line that does not parse stays where it is, and the check goes on past it.
                let trimmed = code.trimmingLeadingSpaces
                if trimmed.hasPrefix("assume") || (lines.isEmpty && trimmed.contains(":=")) { setup.append(line) } else { lines.append(line) }
            }
        }
        finish()
        self.derivations = derivations
    }

    /// The line without its `#` comment (a `#` never occurs in an expression).
    static func withoutComment(_ line: String) -> String {
        String(line.prefix { $0 != "#" })
    }

    private static func read(_ code: String, written: String, number: Int) -> Line {
        let trimmed = code.trimmingLeadingSpaces
        if trimmed.hasPrefix("=") {
            let after = String(trimmed.dropFirst())
            do {
                let expr = try Parser.parseExpression(after)
                return Line(number: number, text: written, kind: .step(expr), code: after)
            } catch {
                return Line(number: number, text: written, kind: .problem(error, source: after), code: after)
            }
        }
        if trimmed.hasPrefix("assume ") || trimmed == "assume" {
            let fact = String(trimmed.dropFirst("assume".count))
            do {
                let assumption = try Assumption(parsing: fact)
                return Line(number: number, text: written, kind: .assumption(assumption), code: fact)
            } catch {
                return Line(number: number, text: written, kind: .problem(error, source: fact), code: fact)
            }
        }
        do {
            let statements = try Parser.parse(code)
            guard statements.count == 1 else {
                let d = Diagnostic("one expression or binding per line", at: SourceRange(0, code.unicodeScalars.count),
                                   suggestion: "write each step on its own line, starting with =")
                return Line(number: number, text: written, kind: .problem(d, source: code), code: code)
            }
            switch statements[0] {
            case .lazyDefinition(let name, let body, _):
                return Line(number: number, text: written, kind: .definition(name: name, body: body), code: code)
            case .assignment(let name, let value, _):
                return Line(number: number, text: written, kind: .binding(name: name, value: value), code: code)
            case .expression(let expr):
                return Line(number: number, text: written, kind: .start(expr), code: code)
            case .definition(let name, _, _, let range):
                let d = Diagnostic("a derivation cannot define the function \(name)", at: range,
                                   suggestion: "name an expression with :=, as in p := softmax(z)")
                return Line(number: number, text: written, kind: .problem(d, source: code), code: code)
            }
        } catch {
            return Line(number: number, text: written, kind: .problem(error, source: code), code: code)
        }
    }
}

extension StringProtocol {
    var trimmingLeadingSpaces: String { String(drop { $0 == " " || $0 == "\t" }) }
}
