import Derivation
import VectorLang

/// `jacobi derive` and `:derive`: parse the request, derive, evaluate at the numbers, render.
public enum DeriveCommand {
    public enum Format: String, CaseIterable, Sendable {
        case text, ascii, latex, markdown, json
    }

    /// A request as typed after `:derive` or given on the command line.
    public struct Request: Sendable {
        public var subject: String
        public var wrt: String?
        /// `z=[2,1,0.1]` lines that bind the numbers.
        public var at: [String] = []
        public var format: Format = .text
        public var step = false

        public init(subject: String, wrt: String? = nil, at: [String] = [], format: Format = .text, step: Bool = false) {
            self.subject = subject
            self.wrt = wrt
            self.at = at
            self.format = format
            self.step = step
        }

        /// Why a request could not be read.
        public struct Problem: Error, Equatable {
            public let message: String
        }

        /// Reads `softmax wrt z_j --at z=[1,2,3] --format latex --step` (`--wrt` works too).
        public static func parse(_ text: String) -> Result<Request, Problem> {
            var request = Request(subject: "")
            var rest = Substring(text)
            var subject = ""
            while !rest.isEmpty {
                if rest.hasPrefix("--") || subject.isEmpty && rest.hasPrefix("-") && rest.dropFirst().first == "-" {
                    let word = rest.prefix { $0 != " " }
                    rest = rest.dropFirst(word.count).drop { $0 == " " }
                    func value() -> String {
                        // A value runs to the next option (it may hold spaces, as in --at z = [1, 2]).
                        var v = ""
                        while !rest.isEmpty, !rest.hasPrefix("--") {
                            v.append(rest.removeFirst())
                        }
                        return v.trimmingSpaces
                    }
                    switch word {
                    case "--wrt": request.wrt = value()
                    case "--at": request.at.append(value())
                    case "--format":
                        let f = value()
                        guard let format = Format(rawValue: f) else {
                            return .failure(Problem(message: "unknown format '\(f)'; choose one of " + Format.allCases.map(\.rawValue).joined(separator: ", ")))
                        }
                        request.format = format
                    case "--step": request.step = true
                    case "--ascii": request.format = .ascii
                    default: return .failure(Problem(message: "unknown option \(word)"))
                    }
                    continue
                }
                subject.append(rest.removeFirst())
            }
            // "EXPR wrt z_j", as one would say it.
            let words = subject.split(separator: " ", omittingEmptySubsequences: true)
            if let w = words.lastIndex(of: "wrt"), w == words.count - 2 {
                request.wrt = String(words[w + 1])
                subject = words[..<w].joined(separator: " ")
            }
            request.subject = subject.trimmingSpaces
            guard !request.subject.isEmpty else { return .failure(Problem(message: "say what to derive: a catalog name or an expression")) }
            return .success(request)
        }
    }

    /// The text to show, or a diagnostic pointing into `subject`.
    public static func run(_ request: Request, environment: Environment?, precision: Int) -> Result<[String], Diagnostic> {
        derived(request, environment: environment).map { derived, report in
            let d = derived.result
            switch request.format {
            case .text, .ascii:
                return DerivationText(ascii: request.format == .ascii, precision: precision)
                    .render(d, title: derived.title, report: report).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            case .latex: return [DerivationLaTeX.render(d, title: derived.title)]
            case .markdown: return [DerivationMarkdown.render(d, title: derived.title, report: report)]
            case .json: return [DerivationJSON.render(d, name: derived.name, report: report)]
            }
        }
    }

    /// Step mode: the header, then one block per step, then the footer, for revealing one at a time.
    public static func pages(_ request: Request, environment: Environment?, precision: Int) -> Result<[[String]], Diagnostic> {
        derived(request, environment: environment).map { derived, report in
            let text = DerivationText(ascii: request.format == .ascii, precision: precision)
            return [text.header(derived.result, title: derived.title, report: report)]
                + text.steps(derived.result, report: report) + [text.footer(derived.result, report: report)]
        }
    }

    /// The derivation and its numbers: the one path both the whole text and step mode take.
    private static func derived(_ request: Request, environment: Environment?)
        -> Result<(Derivations.Request, NumericCheck.Report), Diagnostic> {
        let derived: Derivations.Request
        do {
            derived = try Derivations.derive(request.subject, wrt: request.wrt)
        } catch {
            return .failure(Diagnostic(error.message, at: error.range ?? SourceRange(0, request.subject.unicodeScalars.count),
                                       suggestion: error.suggestion))
        }
        return numbers(request, over: environment).map { env in
            let report = NumericCheck(environment: env, example: derived.example, derivation: derived.result).report(for: derived.result)
            return (derived, report)
        }
    }

    /// The bindings the numbers come from: `environment`, with the request's `--at` lines run on a copy.
    private static func numbers(_ request: Request, over environment: Environment?) -> Result<Environment?, Diagnostic> {
        guard !request.at.isEmpty else { return .success(environment) }
        // A copy keeps the session's definitions as well as its values, and leaves the session untouched.
        let session = Session(environment: environment?.copy() ?? Environment())
        for line in request.at {
            if case .error(let d, let source)? = session.submit(line).first {
                return .failure(Diagnostic("in --at \(source): \(d.message)", at: SourceRange(0, 0), note: d.note, suggestion: d.suggestion))
            }
        }
        return .success(session.environment)
    }

    /// `jacobi derive --list`: every catalog entry with its one-line summary.
    public static func catalogListing(ascii: Bool) -> [String] {
        let width = Catalog.names.map(\.count).max() ?? 0
        return Catalog.entries.map { e in
            let summary = ascii ? e.summary.asciiApproximation : e.summary
            return e.name + String(repeating: " ", count: width - e.name.count) + "  " + summary
        }
    }
}

extension DeriveCommand {
    /// A derivation line with its parts coloured: rule names bold, values dim, the check green or red.
    static func styled(_ line: String) -> StyledLine {
        if line.hasPrefix("["), let close = line.firstIndex(of: "]"), let colon = line[close...].firstIndex(of: ":") {
            return StyledLine([.init(String(line[...close]) + " "), .init(String(line[line.index(close, offsetBy: 2)..<colon]), .strong),
                               .init(String(line[colon...]), .dim)])
        }
        let trimmed = line.drop { $0 == " " }
        if trimmed.hasPrefix("≈") || trimmed.hasPrefix("~ ") || trimmed.hasPrefix("(not evaluated") { return StyledLine(line, .dim) }
        if line.hasPrefix("check FAILED") { return StyledLine(line, .bad) }
        if line.hasPrefix("check:") { return StyledLine(line, .good) }
        if line.hasPrefix("stopped:") { return StyledLine(line, .notice) }
        return StyledLine(line)
    }
}

extension String {
    /// Unicode maths spelled in ASCII, for `--ascii` listings.
    var asciiApproximation: String {
        let table: [Character: String] = ["∂": "d", "Σ": "sum", "δ": "delta_", "σ": "sigmoid", "−": "-", "·": "*", "′": "'",
                                          "ᵢ": "i", "ⱼ": "j", "ₖ": "k", "ᵀ": "^T", "²": "^2", "𝟏": "1", "⊙": "*", "ᵣ": "r", "≠": "!="]
        return map { table[$0] ?? ($0.isASCII ? String($0) : "?") }.joined()
    }
}

extension MetaCommand {
    /// `:derive NAME|EXPR [wrt z_j] [--at NAME=VALUE] [--format F] [--step]`, with the session's numbers.
    static var derive: MetaCommand { MetaCommand(
        "derive", usage: ":derive NAME|EXPR [wrt z_j] [--at z=[…]] [--format text|ascii|latex|markdown|json] [--step]",
        "Derives a catalog entry or an expression step by step, with your numbers beside each step.",
        detail: [
            "NAME is a catalog entry (:derive with Tab lists them): softmax, cross-entropy-softmax, sigmoid, …",
            "EXPR is index notation: :derive exp(z_i)/sum_k(exp(z_k)) wrt z_j",
            "Bound variables (z = [2, 1, 0.1]) supply the numbers; otherwise a small example is used, and said so.",
            "--step reveals one step per Enter.",
        ],
        group: .derivations, argument: .names { $0.derivationNames() }
    ) { shell, invocation in
        let request: DeriveCommand.Request
        switch DeriveCommand.Request.parse(invocation.argument) {
        case .failure(let problem): return [invocation.error(problem.message, suggestion: "try :derive softmax")]
        case .success(let r): request = r
        }
        let ascii = shell.options.ascii && request.format == .text
        var chosen = request
        if ascii { chosen.format = .ascii }
        if request.step {
            switch DeriveCommand.pages(chosen, environment: shell.session.environment, precision: shell.session.options.precision) {
            case .failure(let d): return [locate(d, in: invocation)]
            case .success(let pages): return [.pages(pages.map { $0.joined(separator: "\n") })]
            }
        }
        switch DeriveCommand.run(chosen, environment: shell.session.environment, precision: shell.session.options.precision) {
        case .failure(let d): return [locate(d, in: invocation)]
        case .success(let lines):
            guard chosen.format == .text || chosen.format == .ascii else { return [.result(lines.joined(separator: "\n"))] }
            return [.styled(lines.map(DeriveCommand.styled))]
        }
    } }

    /// A diagnostic about the subject, moved to where the subject starts in what was typed.
    private static func locate(_ d: Diagnostic, in invocation: Invocation) -> ShellSession.Output {
        var moved = d
        moved.range = d.range.shifted(by: invocation.argumentRange.start)
        return .error(moved, source: invocation.source)
    }
}
