import VectorLang

/// Every step evaluated at the user's numbers, and the result checked against automatic
/// differentiation and finite differences: the proof that each step is an equality.
public struct NumericCheck {
    /// What evaluating a derivation produced.
    public struct Report: Sendable {
        /// The value of each step's expression (nil where it could not be evaluated, with why).
        public var values: [Tensor?]
        public var failures: [String?]
        /// The value of the matrix–vector form, if there is one.
        public var vectorFormValue: Tensor?
        public var automatic: Tensor?
        public var finiteDifferences: Tensor?
        /// Largest difference of any step from automatic differentiation, and of the result from finite differences.
        public var largestStepDifference: Double?
        public var finiteDifferenceGap: Double?
        /// The lines of input that set the numbers (`z = [2, 1, 0.1]`), and whether they came from the example.
        public var bindings: [String]
        public var usedExample: Bool
        public var problem: String?

        /// Every step agrees with automatic differentiation, and the result with finite differences.
        public var agrees: Bool {
            guard let step = largestStepDifference else { return false }
            return step <= 1e-8 && (finiteDifferenceGap.map { $0 <= 1e-5 } ?? true)
        }
    }

    let evaluator: Evaluator
    var bindings: [String] = []
    var usedExample = false

    /// Numbers from `environment` (the session's), filling what it lacks from the `example` lines.
    public init(environment: Environment?, example: [String], derivation: DerivationResult) {
        let copy = environment?.copy() ?? Environment()
        evaluator = Evaluator(environment: copy)
        for line in example {
            let name = String(line.prefix { $0 != " " && $0 != "=" })
            guard copy[name] == nil else {
                if derivation.uses(name), let value = copy[name] {
                    let shown = Printer.format(value, options: PrintOptions(width: 60))
                        .split(separator: "\n").map { $0.drop { $0 == " " } }.joined(separator: " ")
                    bindings.append("\(name) = \(shown)")
                }
                continue
            }
            guard run(line) != nil, name != "seed" else { continue }
            if derivation.uses(name) {
                bindings.append(line)
                usedExample = true
            }
        }
        // Definitions may build on each other (p = softmax(u), u = W @ x): bind until nothing more binds.
        var pending = derivation.definitions
        for _ in 0...pending.count {
            pending = pending.filter { run("\($0.abbreviation) = \($0.meaning)") == nil }
            if pending.isEmpty { break }
        }
    }

    /// The evaluated steps.
    public func report(for d: DerivationResult) -> Report {
        let expansions = NumericCheck.expansions(d.definitions)
        let renderer = TermRenderer(.input, expansions: expansions)
        var report = Report(values: [], failures: [], bindings: bindings, usedExample: usedExample)
        for step in d.steps {
            let line = renderer.render(step.expression)
            switch evaluate(line) {
            case .success(let t): report.values.append(t); report.failures.append(nil)
            case .failure(let message): report.values.append(nil); report.failures.append(message)
            }
        }
        if let v = d.vectorForm, case .success(let t) = evaluate(v.input) { report.vectorFormValue = t }
        guard let wrt = d.wrt else {
            report.largestStepDifference = largestDifference(report.values.compactMap { $0 }, against: report.values.first ?? nil)
            return report
        }
        let target = renderer.render(.partial(d.target, wrt))
        switch evaluate(target) {
        case .success(let t): report.automatic = t
        case .failure(let message): report.problem = "automatic differentiation failed: \(message)"
        }
        report.finiteDifferences = finiteDifferences(d, renderer: renderer)
        var all = report.values.compactMap { $0 }
        if let v = report.vectorFormValue { all.append(v) }
        report.largestStepDifference = largestDifference(all, against: report.automatic)
        if let fd = report.finiteDifferences, let ad = report.automatic { report.finiteDifferenceGap = difference(fd, ad) }
        return report
    }

    /// What each abbreviation stands for in terms of the variables alone: with u = W @ x and
    /// p = softmax(u), p becomes softmax((W @ x)), so differentiation sees p depend on W.
    static func expansions(_ definitions: [Definition]) -> [String: String] {
        var result = Dictionary(definitions.map { ($0.abbreviation, $0.meaning) }, uniquingKeysWith: { a, _ in a })
        for _ in 0..<definitions.count {
            for (name, meaning) in result {
                result[name] = substitute(meaning, result.filter { $0.key != name })
            }
        }
        return result
    }

    /// Replaces whole identifiers of `text` that are keys of `table` by their values in parentheses.
    static func substitute(_ text: String, _ table: [String: String]) -> String {
        var out = "", word = ""
        func flush() {
            out += table[word].map { "(\($0))" } ?? word
            word = ""
        }
        for c in text {
            if c.isLetter || c.isNumber || c == "_" { word.append(c) } else { flush(); out.append(c) }
        }
        flush()
        return out
    }

    /// Central differences of the target, arranged like the index result (rows and columns alphabetical).
    private func finiteDifferences(_ d: DerivationResult, renderer: TermRenderer) -> Tensor? {
        guard let wrt = d.wrt else { return nil }
        let body = TermRenderer(.input, expansions: renderer.expansions).renderInsidePartial(d.target)
        let free = d.target.freeIndices
        let tool = free.isEmpty ? "numgrad" : "numjacobian"
        guard free.count <= 1, free.isEmpty || wrt.indices.count == 1 else { return nil }
        guard case .success(let t) = evaluate("\(tool)(\(wrt.name) -> \(body), \(wrt.name))") else { return nil }
        if let i = free.first, let j = wrt.indices.first, j < i, t.isMatrix { return t.transposed }
        return t
    }

    private func largestDifference(_ values: [Tensor], against reference: Tensor?) -> Double? {
        guard let reference else { return nil }
        return values.map { difference($0, reference) }.max()
    }

    /// Largest elementwise difference, relative to the reference's scale (at least 1); Inf if shapes differ.
    private func difference(_ a: Tensor, _ b: Tensor) -> Double {
        let scale = max(1, b.scalars.map { abs($0) }.max() ?? 1)
        guard a.count == b.count else {
            // A scalar expression equals a vector that is constant, e.g. 0 for every j.
            if a.count == 1 { return b.scalars.map { abs($0 - a.scalars[0]) }.max().map { $0 / scale } ?? .infinity }
            return .infinity
        }
        return zip(a.scalars, b.scalars).map { abs($0 - $1) }.max().map { $0 / scale } ?? 0
    }

    enum Outcome {
        case success(Tensor)
        case failure(String)
    }

    func evaluate(_ line: String) -> Outcome {
        do {
            guard let statement = try Parser.parse(line).first else { return .failure("empty") }
            switch try evaluator.execute(statement, in: line) {
            case .value(let v), .assigned(_, let v), .definedLazily(_, let v?):
                guard let t = v.numbers else { return .failure("not numbers") }
                return .success(t)
            case .defined, .definedLazily:
                return .failure("a definition")
            }
        } catch let d as Diagnostic {
            return .failure(d.message)
        } catch {
            return .failure("\(error)")
        }
    }

    @discardableResult
    mutating func run(_ line: String) -> Tensor? {
        if case .success(let t) = evaluate(line) { return t }
        return nil
    }
}

extension DerivationResult {
    /// Whether the name is a variable of the derivation, directly or through an abbreviation's meaning.
    func uses(_ name: String) -> Bool {
        if target.mentions(name) || wrt?.name == name || steps.contains(where: { $0.expression.mentions(name) }) { return true }
        return definitions.contains { NumericCheck.substitute($0.meaning, [name: "\u{0}"]).contains("\u{0}") }
    }
}

extension TermRenderer {
    /// Input syntax with abbreviations written out, as inside `partial(…)`.
    func renderInsidePartial(_ term: Term) -> String {
        let whole = render(.partial(term, Variable("_")))
        // partial(BODY, _) → BODY
        return String(whole.dropFirst("partial(".count).dropLast(", _)".count))
    }
}
