import Derivation
import LessonKit
import VectorLang

/// `jacobi derive`, `:derive` and lesson derivations, once their words are read (`DeriveArguments`):
/// check the subject for typos, derive, evaluate at the numbers, render, and say how it ended.
public enum DeriveCommand {
    public enum Format: String, CaseIterable, Sendable {
        case text, ascii, latex, markdown, json
    }

    /// A request as typed after `:derive` or given on the command line; `DeriveArguments` reads it.
    public struct Request: Sendable, Equatable {
        public var subject: String
        public var wrt: String?
        /// `z=[2,1,0.1]` lines that bind the numbers.
        public var at: [String] = []
        /// Facts to take as given (`--assume`), as written; the derivation engine reads them.
        public var assume: [String] = []
        public var format: Format = .text
        public var step = false
        /// Show the catalog instead of deriving.
        public var list = false

        public init(subject: String, wrt: String? = nil, at: [String] = [], assume: [String] = [], format: Format = .text,
                    step: Bool = false, list: Bool = false) {
            self.subject = subject
            self.wrt = wrt
            self.at = at
            self.assume = assume
            self.format = format
            self.step = step
            self.list = list
        }
    }

    /// Why a request could not be derived, and which part of it is at fault.
    public enum Problem: Error, Equatable {
        /// The subject: the range counts in `Request.subject`.
        case subject(Diagnostic)
        /// The `--at` binding with this index: the range counts in that binding.
        case binding(Int, Diagnostic)
    }

    /// The text to show and how the derivation ended, or what is wrong with the request.
    public static func run(_ request: Request, environment: Environment?, precision: Int)
        -> Result<(lines: [String], verdict: Verdict), Problem> {
        derived(request, environment: environment).map { derived, report in
            let d = derived.result
            let lines: [String]
            switch request.format {
            case .text, .ascii:
                lines = DerivationText(ascii: request.format == .ascii, precision: precision)
                    .render(d, title: derived.title, report: report).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            case .latex: lines = [DerivationLaTeX.render(d, title: derived.title)]
            case .markdown: lines = [DerivationMarkdown.render(d, title: derived.title, report: report)]
            case .json: lines = [DerivationJSON.render(d, name: derived.name, report: report)]
            }
            return (lines, Verdict(d, report: report))
        }
    }

    /// Step mode and lessons: the header, one block per step and the footer, for revealing one step
    /// at a time (`DerivationBlocks.reveals`); together they read as the whole text `run` writes.
    public static func pages(_ request: Request, environment: Environment?, precision: Int)
        -> Result<(blocks: DerivationBlocks, verdict: Verdict), Problem> {
        derived(request, environment: environment).map { derived, report in
            let text = DerivationText(ascii: request.format == .ascii, precision: precision)
            // The header ends with the blank line the whole text has before the steps.
            let blocks = DerivationBlocks(header: text.header(derived.result, title: derived.title, report: report) + [""],
                                          steps: text.steps(derived.result, report: report),
                                          footer: text.footer(derived.result, report: report))
            return (blocks, Verdict(derived.result, report: report))
        }
    }

    /// The derivation and its numbers: the one path both the whole text and step mode take.
    private static func derived(_ request: Request, environment: Environment?)
        -> Result<(Derivations.Request, NumericCheck.Report), Problem> {
        let env: Environment?
        switch numbers(request, over: environment) {
        case .failure(let problem): return .failure(problem)
        case .success(let e): env = e
        }
        if let typo = DeriveSubjectCheck.problem(in: request.subject, wrt: request.wrt, bound: env?.names ?? []) {
            return .failure(.subject(typo))
        }
        var options = Derivations.Options()
        options.reserved = Set(env?.names ?? [])
        // An index letter bound to a whole number (`--at a=2`) is a constant position, not a free index.
        options.fixedIndices = Set((env?.names ?? []).filter { name in
            name.unicodeScalars.count == 1 && name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) }
                && env?[name]?.tensor.map { $0.isScalar && $0.scalars[0] >= 1 && $0.scalars[0] == $0.scalars[0].rounded() } == true
        })
        options.assumptions = request.assume
        for name in env?.names ?? [] {
            if case .function(.closure(let c))? = env?[name] { options.functions[name] = UserFunction(parameters: c.parameters, body: c.body) }
            if let t = env?[name]?.tensor { options.ranks[name] = t.rank }
        }
        let derived: Derivations.Request
        do {
            derived = try Derivations.derive(request.subject, wrt: request.wrt, options: options)
        } catch {
            return .failure(.subject(Diagnostic(error.message, at: error.range ?? SourceRange(0, request.subject.unicodeScalars.count),
                                                suggestion: error.suggestion)))
        }
        return .success((derived, NumericCheck(environment: env, request: derived).report()))
    }

    /// The bindings the numbers come from: `environment`, with the request's `--at` lines run on a copy.
    private static func numbers(_ request: Request, over environment: Environment?) -> Result<Environment?, Problem> {
        guard !request.at.isEmpty else { return .success(environment) }
        // A copy keeps the session's definitions as well as its values, and leaves the session untouched.
        let session = Session(environment: environment?.copy() ?? Environment())
        for (n, line) in request.at.enumerated() {
            if case .error(let d, _)? = session.submit(line).first {
                return .failure(.binding(n, Diagnostic("in --at: " + d.message, at: d.range, note: d.note, suggestion: d.suggestion)))
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
