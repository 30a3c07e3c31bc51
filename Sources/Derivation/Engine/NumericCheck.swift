import VectorLang

/// Every step evaluated at the user's numbers, against the input as typed differentiated by automatic
/// differentiation and by finite differences: the proof that each step is an equality.
///
/// The reference never goes through the engine's terms (the typed syntax tree is differentiated), and
/// the steps are evaluated as syntax trees built from the terms, never printed and read back, so an
/// input the engine misreads fails the check instead of agreeing with itself.
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
        /// The bound numbers break a fact the derivation uses: no step is claimed to be checked.
        public var contradiction: String?

        /// Every step agrees with automatic differentiation, and the result with finite differences.
        public var agrees: Bool {
            guard contradiction == nil, let step = largestStepDifference else { return false }
            return step <= 1e-8 && (finiteDifferenceGap.map { $0 <= 1e-5 } ?? true)
        }
    }

    let evaluator: Evaluator
    var bindings: [String] = []
    var usedExample = false
    let request: Derivations.Request

    /// Numbers from `environment` (the session's), filling what it lacks from the request's example lines.
    public init(environment: Environment?, request: Derivations.Request) {
        self.request = request
        let copy = environment?.copy() ?? Environment()
        evaluator = Evaluator(environment: copy)
        let derivation = request.result
        for line in request.example {
            let name = String(line.prefix { $0 != " " && $0 != "=" })
            if let definition = copy.definition(named: name) {
                if derivation.uses(name) { bindings.append("\(name) := \(definition.source)") }
                continue
            }
            if copy[name] != nil {
                if derivation.uses(name), let value = copy[name] {
                    let shown = Printer.format(value, options: PrintOptions(width: 60))
                        .split(separator: "\n").map { $0.drop { $0 == " " } }.joined(separator: " ")
                    bindings.append("\(name) = \(shown)")
                }
                continue
            }
            guard run(line) != nil, derivation.uses(name) else { continue }
            bindings.append(line)
            usedExample = true
        }
    }

    /// The evaluated steps.
    public func report() -> Report {
        let d = request.result
        var report = Report(values: [], failures: [], bindings: bindings, usedExample: usedExample)
        if let broken = contradictedFact(d) {
            report.contradiction = broken
            report.problem = broken
            return report
        }
        // Each named part one level deep (p: softmax(u)), and bound to its value for where it is kept as a name.
        var meanings: [String: Expr] = [:]
        for def in d.definitions {
            guard let meaning = try? Parser.parseExpression(def.meaning) else { continue }
            meanings[def.name] = meaning
            if let value = try? evaluator.evaluate(def.expression, locals: [:]) { evaluator.environment.bind(def.name, to: value) }
        }
        let builder = TermExpression(definitions: meanings,
                                     avoid: Set(evaluator.environment.names.filter { $0.unicodeScalars.count == 1 }.map(Index.init)))
        for step in d.steps {
            switch evaluate(builder.expr(step.expression)) {
            case .success(let t): report.values.append(t); report.failures.append(nil)
            case .failure(let message): report.values.append(nil); report.failures.append(message)
            }
        }
        if let v = d.vectorForm { report.vectorFormValue = vectorFormValue(v.input, d) }
        guard let wrt = d.wrt else {
            report.largestStepDifference = largestDifference(report.values.compactMap { $0 }, against: typedValue())
            return report
        }
        let nowhere = SourceRange(0, 0)
        let variable = Expr.variable(wrt.indices.isEmpty ? wrt.name : wrt.name + "_" + wrt.indices.map(\.name).joined(), range: nowhere)
        switch evaluate(.call(.variable("partial", range: nowhere), arguments: [request.expression, variable], range: nowhere)) {
        case .success(let t): report.automatic = t
        case .failure(let message): report.problem = "automatic differentiation of the input failed: \(message)"
        }
        report.finiteDifferences = finiteDifferences(d, wrt: wrt)
        var all = report.values.compactMap { $0 }
        if let v = report.vectorFormValue { all.append(v) }
        report.largestStepDifference = largestDifference(all, against: report.automatic)
        if let fd = report.finiteDifferences, let ad = report.automatic { report.finiteDifferenceGap = difference(fd, ad) }
        return report
    }

    /// A declared fact the bound numbers break, said in words.
    private func contradictedFact(_ d: DerivationResult) -> String? {
        let names = Set(d.definitions.map(\.name))
        for fact in d.plan.facts where !names.contains(fact.assumption.name) {
            guard let value = evaluator.environment[fact.assumption.name]?.tensor, !fact.assumption.holds(for: value) else { continue }
            return "the numbers contradict an assumption: \(fact.assumption) (\(fact.reason)), but \(fact.assumption.name) = "
                + Printer.format(.tensor(value), options: PrintOptions(width: 200)).split(separator: "\n").joined(separator: " ")
                + "; bind numbers that satisfy it to check the steps"
        }
        return nil
    }

    /// The input itself, evaluated (for an identity, whose every step must equal it).
    private func typedValue() -> Tensor? {
        if case .success(let t) = evaluate(request.expression) { return t }
        return nil
    }

    /// The matrix form, with each name given to a part bound to its value here (it is evaluated, not differentiated).
    private func vectorFormValue(_ input: String, _ d: DerivationResult) -> Tensor? {
        let scratch = Evaluator(environment: evaluator.environment.copy())
        for def in d.definitions {
            guard let value = try? scratch.evaluate(def.expression, locals: [:]) else { return nil }
            scratch.environment.bind(def.name, to: value)
        }
        guard let statement = try? Parser.parse(input).first, case .value(let v)? = try? scratch.execute(statement, in: input) else { return nil }
        return v.numbers
    }

    /// Central differences of the typed input, arranged like the index result (rows and columns alphabetical).
    private func finiteDifferences(_ d: DerivationResult, wrt: Variable) -> Tensor? {
        let free = d.target.freeIndices.subtracting(d.plan.fixed)
        guard free.count <= 1, free.isEmpty || wrt.indices.count == 1 else { return nil }
        let nowhere = SourceRange(0, 0)
        let function = Expr.lambda(parameters: [wrt.name], body: request.expression, range: nowhere)
        let tool = free.isEmpty ? "numgrad" : "numjacobian"
        let call = Expr.call(.variable(tool, range: nowhere), arguments: [function, .variable(wrt.name, range: nowhere)], range: nowhere)
        guard case .success(let t) = evaluate(call) else { return nil }
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
        let gaps = zip(a.scalars, b.scalars).map { x, y in x == y ? 0 : abs(x - y) }
        if gaps.contains(where: \.isNaN) { return .infinity }
        return (gaps.max() ?? 0) / scale
    }

    enum Outcome {
        case success(Tensor)
        case failure(String)
    }

    /// Evaluates a syntax tree as a statement of the input's text (its ranges point there).
    func evaluate(_ expr: Expr) -> Outcome {
        do {
            switch try evaluator.execute(.expression(expr), in: request.input) {
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
        do {
            guard let statement = try Parser.parse(line).first else { return nil }
            switch try evaluator.execute(statement, in: line) {
            case .value(let v), .assigned(_, let v), .definedLazily(_, let v?): return v.numbers
            case .defined, .definedLazily: return nil
            }
        } catch {
            return nil
        }
    }
}

extension DerivationResult {
    /// Whether the name is a variable of the derivation, directly or through what a named part stands for.
    func uses(_ name: String) -> Bool {
        if target.mentions(name) || wrt?.name == name || steps.contains(where: { $0.expression.mentions(name) }) { return true }
        return definitions.contains { $0.arguments.contains(name) } || plan.fixed.contains(Index(name))
    }
}
