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
        /// 2 derives the result again by the same variable: the Hessian of a loss.
        public var order = 1
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

    /// The text to show (plain, and with its parts marked for colour) and how the derivation ended, or
    /// what is wrong with the request. Text fits `width` columns (nil: lines are left whole).
    public static func run(_ request: Request, environment: Environment?, precision: Int, width: Int? = nil)
        -> Result<(lines: [String], styled: [StyledLine], verdict: Verdict), Problem> {
        derived(request, environment: environment).map { derived, report in
            let d = derived.result
            let lines: [String]
            let styled: [StyledLine]
            switch request.format {
            case .text, .ascii:
                let text = DerivationText(ascii: request.format == .ascii, precision: precision, width: width)
                    .lines(d, title: derived.title, report: report)
                (lines, styled) = (text.map(\.text), text.map(DeriveCommand.styled))
            case .latex: lines = [DerivationLaTeX.render(d, title: derived.title)]; styled = lines.map { StyledLine($0) }
            case .markdown: lines = [DerivationMarkdown.render(d, title: derived.title, report: report)]; styled = lines.map { StyledLine($0) }
            case .json: lines = [DerivationJSON.render(d, name: derived.name, report: report)]; styled = lines.map { StyledLine($0) }
            }
            return (lines, styled, Verdict(d, report: report))
        }
    }

    /// Step mode and lessons: the header, one block per step and the footer, for revealing one step
    /// at a time (`DerivationBlocks.reveals`); together they read as the whole text `run` writes, and
    /// `styled` is the same blocks with their parts marked for colour.
    public static func pages(_ request: Request, environment: Environment?, precision: Int, width: Int? = nil)
        -> Result<(blocks: DerivationBlocks, styled: [[StyledLine]], verdict: Verdict), Problem> {
        derived(request, environment: environment).map { derived, report in
            let text = DerivationText(ascii: request.format == .ascii, precision: precision, width: width)
            let header = text.header(derived.result, title: derived.title, report: report) + [DerivationText.Line("", .note)]
            let steps = text.steps(derived.result, report: report)
            let footer = text.footer(derived.result, report: report)
            let blocks = DerivationBlocks(header: header.map(\.text), steps: steps.map { $0.map(\.text) }, footer: footer.map(\.text))
            let styled = DerivationBlocks.reveals(header: header, steps: steps, footer: footer).map { $0.map(DeriveCommand.styled) }
            return (blocks, styled, Verdict(derived.result, report: report))
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
            if let definition = env?.definition(named: name) {
                options.sessionDefinitions[name] = definition.body
            } else if let t = env?[name]?.tensor {
                options.ranks[name] = t.rank
            }
        }
        // `:derive f` for a function the user defined: f applied to its own parameters, by the first of them.
        var subject = request.subject, wrt = request.wrt, order = request.order
        let name = subject.filter { $0 != " " }
        if let user = options.functions[name], !user.parameters.isEmpty {
            subject = "\(name)(\(user.parameters.joined(separator: ", ")))"
            wrt = wrt ?? user.parameters[0]
        }
        // `:derive hessian(logsumexp, z)`: the call the REPL computes, derived (grad and jacobian once, hessian twice).
        var numbersFrom = env
        if let call = DeriveCommand.derivativeCall(subject, functions: &options.functions, taken: Set(env?.names ?? [])) {
            (subject, wrt, order) = (call.subject, wrt ?? call.wrt, max(order, call.order))
            // The lambda, named, is bound for the check too, on a copy: the session does not get the name.
            if let binding = call.binding {
                let session = Session(environment: env?.copy() ?? Environment())
                _ = session.submit(binding)
                numbersFrom = session.environment
            }
        }
        var derived: Derivations.Request
        do {
            derived = try Derivations.derive(subject, wrt: wrt, options: options)
            if order == 2 { derived = try Derivations.secondDerivative(of: derived) }
        } catch {
            return .failure(.subject(Diagnostic(error.message, at: error.range ?? SourceRange(0, request.subject.unicodeScalars.count),
                                                suggestion: error.suggestion)))
        }
        return .success((derived, NumericCheck(environment: numbersFrom, request: derived).report()))
    }

    /// `grad(F, z)`, `jacobian(F, z)` or `hessian(F, z)` as a subject: F applied to z, by z, once or twice.
    /// F is a builtin or a function of the session by name, or a lambda, given a name of its own here.
    static func derivativeCall(_ subject: String, functions: inout [String: UserFunction], taken: Set<String>)
        -> (subject: String, wrt: String, order: Int, binding: String?)? {
        guard case .call(.variable(let tool, _), let args, _)? = try? Parser.parseExpression(subject),
              ["grad", "jacobian", "hessian"].contains(tool), args.count == 2, case .variable(let z, _) = args[1] else { return nil }
        let order = tool == "hessian" ? 2 : 1
        switch args[0] {
        case .variable(let f, _):
            return ("\(f)(\(z))", z, order, nil)
        case .lambda(let parameters, let body, let range) where parameters.count == 1:
            guard let name = ["f", "g", "h", "F", "G"].first(where: { !taken.contains($0) && functions[$0] == nil }) else { return nil }
            functions[name] = UserFunction(parameters: parameters, body: body)
            let scalars = Array(subject.unicodeScalars)
            let text = String(String.UnicodeScalarView(scalars[min(range.start, scalars.count)..<min(range.end, scalars.count)]))
            return ("\(name)(\(z))", z, order, "\(name) = \(text)")
        default:
            return nil
        }
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
            let summary = ascii ? ASCIIText.spell(e.summary) : e.summary
            return e.name + String(repeating: " ", count: width - e.name.count) + "  " + summary
        }
    }
}

extension DeriveCommand {
    /// A derivation line with its parts coloured: rule names bold, numbers dim, the check green or red,
    /// a step that does not equal the start red; a wrapped line's later pieces keep its colour.
    static func styled(_ line: DerivationText.Line) -> StyledLine {
        switch line.kind {
        case .rule:
            let text = line.text
            guard !line.continuation, text.hasPrefix("["), let close = text.firstIndex(of: "]"),
                  let colon = text[close...].firstIndex(of: ":") else { return StyledLine(text, .dim) }
            return StyledLine([.init(String(text[...close]) + " "), .init(String(text[text.index(close, offsetBy: 2)..<colon]), .strong),
                               .init(String(text[colon...]), .dim)])
        case .value: return StyledLine(line.text, .dim)
        case .differs, .failed: return StyledLine(line.text, .bad)
        case .check: return StyledLine(line.text, .good)
        case .stopped: return StyledLine(line.text, .notice)
        case .title, .note, .explanation, .expression: return StyledLine(line.text)
        }
    }
}
