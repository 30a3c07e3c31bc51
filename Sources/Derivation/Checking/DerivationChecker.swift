import VectorLang

/// Checks a learner's derivation line by line: each step must equal the line before it as a function of
/// its free indices and every input, at random points of several sizes that satisfy the declared facts,
/// and at the learner's own numbers when given.
///
/// Lines are evaluated by Jacobi's evaluator, the one that evaluates the prompt, so a step is judged by
/// what it means, never by how it is written. The first wrong step is diagnosed (`SlipFinder`).
public enum DerivationChecker {
    /// Random points per derivation (each with its own sizes).
    public static let points = 5

    /// `points`: random points per derivation; fewer is faster and a little less sure. `diagnose`: whether
    /// to name the slips at the first wrong line (each is a relation evaluated at every point).
    public static func check(_ text: String, seed: UInt64 = 0x6A61_636F_6269, points: Int = points, diagnose: Bool = true) -> CheckReport {
        var report = CheckReport()
        let file = DerivationFile(parsing: text)
        if file.derivations.isEmpty { report.notes.append("no derivation found: write a start line, then steps starting with =") }
        var shown = Set<Int>()
        for derivation in file.derivations {
            for line in derivation.setup where !shown.contains(line.number) {
                shown.insert(line.number)
                report.lines.append(setupLine(line))
            }
            check(derivation, seed: seed, points: points, diagnose: diagnose, into: &report)
        }
        report.lines.sort { $0.number < $1.number }
        return report
    }

    private static func setupLine(_ line: DerivationFile.Line) -> CheckReport.Line {
        var out = CheckReport.Line(number: line.number, text: line.text, role: .setup, status: .holds)
        if case .problem(let d, let source) = line.kind { mark(&out, d, source: source, line: line) }
        return out
    }

    /// Marks a line as not parsing (or not evaluating), with the caret under the line as written.
    static func mark(_ out: inout CheckReport.Line, _ d: Diagnostic, source: String, line: DerivationFile.Line) {
        var shifted = d
        if source == line.code {
            shifted.range = SourceRange(d.range.start + line.offset, d.range.end + line.offset)
            out.problem = shifted.rendered(source: DerivationFile.withoutComment(line.text))
        } else {
            out.problem = d.rendered(source: source)
        }
        out.status = .parseError
    }

    private static func check(_ derivation: DerivationFile.Derivation, seed: UInt64, points: Int, diagnose: Bool, into report: inout CheckReport) {
        let setup = Setup(derivation)
        for (number, d, line) in setup.problems {
            // Marked on the set-up line already shown; the check goes on without these numbers.
            if let k = report.lines.firstIndex(where: { $0.number == number }), report.lines[k].problem == nil {
                mark(&report.lines[k], d, source: line.code, line: line)
            }
        }
        let (definitions, facts) = (setup.definitions, setup.facts)
        let exprs = derivation.lines.compactMap { line -> Expr? in
            switch line.kind { case .start(let e), .step(let e): return e; default: return nil }
        }
        let inputs = CheckInputs(definitions: definitions, bindings: setup.bindings, facts: facts, expressions: exprs)
        var lines = derivation.lines.map { line -> CheckReport.Line in
            var out = CheckReport.Line(number: line.number, text: line.text, role: line.number == derivation.lines.first?.number ? .start : .step,
                                       status: .holds)
            if case .problem(let d, let source) = line.kind { mark(&out, d, source: source, line: line) }
            return out
        }
        guard let (start, startIndex) = derivation.lines.enumerated().lazy.compactMap({ n, line -> (DerivationFile.Line, Int)? in
            if case .start = line.kind { return (line, n) } else { return nil }
        }).first else {
            for n in lines.indices where lines[n].status != .parseError {
                lines[n].problem = "no start line before this step: write the expression being derived first, without ="
                lines[n].status = .parseError
            }
            report.lines += lines
            return
        }
        let space = PointSpace.choose(for: start, inputs: inputs, seed: seed, points: points)
        if let bound = space.brokenFact { report.notes.append(bound) }
        var values: [[IndexedValue]?] = derivation.lines.map { _ in nil }
        for (n, line) in derivation.lines.enumerated() {
            switch line.kind {
            case .start(let e), .step(let e): values[n] = evaluate(e, line: line, space: space, into: &lines[n])
            default: break
            }
        }
        // Statuses: each line against the last one that evaluated, and after a wrong one, against the start too.
        var previous: Int?
        var wrongSeen = false
        let startValues = values[startIndex]
        for n in derivation.lines.indices {
            guard let value = values[n] else { continue }
            defer { previous = n }
            guard let p = previous, let before = values[p], n > startIndex else { continue }
            let holds = space.equal(value, before)
            if holds {
                if wrongSeen, let s = startValues, !space.equal(value, s) { lines[n].status = .followsFromWrong }
                continue
            }
            // After a wrong step, a line equal to the start is back on track.
            if wrongSeen, let s = startValues, space.equal(value, s) { continue }
            lines[n].status = .wrong
            wrongSeen = true
            lines[n].whereDiffers = zip(value, before).lazy.compactMap { IndexedValue.firstDifference($0, $1) }.first
            if diagnose, case .step(let w) = derivation.lines[n].kind {
                lines[n].slips = SlipFinder(space: space, start: start, previous: derivation.lines[p], wrong: w, wrongCode: derivation.lines[n].code,
                                            previousValues: before, wrongValues: value).slips()
            }
            if report.firstWrong == nil {
                report.firstWrong = derivation.lines[n].number
                report.wrongStart = (start.code, Dictionary(definitions.map { ($0.name, $0.body) }, uniquingKeysWith: { $1 }),
                                     facts.map(\.description))
            }
        }
        report.lines += lines
    }

    /// The line's values at every point, or nil with the line marked as not evaluating.
    private static func evaluate(_ expr: Expr, line: DerivationFile.Line, space: PointSpace, into out: inout CheckReport.Line) -> [IndexedValue]? {
        switch space.values(of: expr, code: line.code) {
        case .success(let v): return v
        case .failure(let d):
            mark(&out, d, source: line.code, line: line)
            return nil
        }
    }
}

extension DerivationChecker {
    /// A derivation's set-up lines read: definitions, the learner's numbers, declared facts, and the
    /// lines whose numbers could not be evaluated.
    struct Setup {
        var definitions: [(name: String, body: Expr, code: String)] = []
        var bindings: [String: Tensor] = [:]
        var facts: [Assumption] = []
        var problems: [(number: Int, diagnostic: Diagnostic, line: DerivationFile.Line)] = []

        init(_ derivation: DerivationFile.Derivation) {
            let scratch = Evaluator()
            for line in derivation.setup {
                switch line.kind {
                case .definition(let name, let body): definitions.append((name, body, line.code))
                case .assumption(let fact): facts.append(fact)
                case .binding(let name, let value):
                    do {
                        guard case .value(let v) = try scratch.execute(.expression(value), in: line.code), let t = v.numbers else {
                            throw Diagnostic("\(name) must be numbers", at: value.range)
                        }
                        bindings[name] = t
                        scratch.environment.bind(name, to: v)
                    } catch {
                        problems.append((line.number, (error as? Diagnostic) ?? Diagnostic("\(error)", at: value.range), line))
                    }
                default: break
                }
            }
        }
    }

    /// Where a line first disagrees with the line before it: the inputs at that point (the learner's
    /// numbers when they expose it, else the first random point that does), and the entry.
    public struct Disagreement: Sendable {
        /// The inputs, as lines of input (`z = [2, 1, 0.1]`).
        public let inputs: [String]
        /// Whether those are the numbers the text gave, not random ones.
        public let givenNumbers: Bool
        /// "i = 1, j = 1: 0.227 vs -0.121": this line's value, then the line before's.
        public let entry: String
    }

    /// How line `number` of the text (1-based, as `check` numbers lines) disagrees with the step before
    /// it; nil when they agree everywhere or either does not evaluate.
    public static func disagreement(in text: String, line number: Int, seed: UInt64 = 0x6A61_636F_6269, points: Int = points) -> Disagreement? {
        let file = DerivationFile(parsing: text)
        for derivation in file.derivations {
            guard let n = derivation.lines.firstIndex(where: { $0.number == number }), n > 0,
                  let start = derivation.lines.first(where: { if case .start = $0.kind { return true } else { return false } }),
                  case .step(let wrong) = derivation.lines[n].kind else { continue }
            let before = derivation.lines[n - 1]
            let previous: Expr
            switch before.kind {
            case .start(let e), .step(let e): previous = e
            default: return nil
            }
            let setup = Setup(derivation)
            let exprs = derivation.lines.compactMap { line -> Expr? in
                switch line.kind { case .start(let e), .step(let e): return e; default: return nil }
            }
            let inputs = CheckInputs(definitions: setup.definitions, bindings: setup.bindings, facts: setup.facts, expressions: exprs)
            let space = PointSpace.choose(for: start, inputs: inputs, seed: seed, points: points)
            guard case .success(let w) = space.values(of: wrong, code: derivation.lines[n].code),
                  case .success(let r) = space.values(of: previous, code: before.code) else { return nil }
            // The learner's own numbers are the last point, when they were given and break no fact.
            let given = space.evaluators.count > space.points
            for k in (given ? [space.evaluators.count - 1] : []) + Array(0..<min(space.points, w.count)) {
                guard k < w.count, k < r.count, let entry = IndexedValue.firstDifference(w[k], r[k]) else { continue }
                let environment = space.evaluators[k].environment
                let shown = space.inputs.names.compactMap { name -> String? in
                    guard let value = environment[name] else { return nil }
                    let text = Printer.format(value, options: PrintOptions(precision: 3, width: 200))
                    return "\(name) = " + text.split(separator: "\n").map { $0.drop { $0 == " " } }.joined(separator: " ")
                }
                return Disagreement(inputs: shown, givenNumbers: given && k == space.evaluators.count - 1, entry: entry)
            }
            return nil
        }
        return nil
    }
}
