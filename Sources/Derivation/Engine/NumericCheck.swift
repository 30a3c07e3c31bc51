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
        /// The value of each part a step introduced or rewrote (`Step.introduced`), step by step.
        public var introduced: [[IntroducedValue]] = []
        /// Steps whose value is not finite at these numbers (a form that overflows, as exp(1000)·exp(−1000)
        /// does) where the reference is: not checked here, and said so, rather than called wrong.
        public var notFinite: [Int] = []
        /// How far each step's value is from the reference (automatic differentiation, or for an identity
        /// the input), relative to the reference's scale; nil where either is missing.
        public var stepDifferences: [Double?] = []
        /// The value of the matrix–vector form, if there is one, and how far it is from the reference.
        public var vectorFormValue: Tensor?
        public var vectorFormDifference: Double?
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
            return Report.agree(step) && (finiteDifferenceGap.map { $0 <= 1e-5 } ?? true)
        }

        /// Whether a step this far from the reference still equals it (rounding aside).
        public static func agree(_ difference: Double) -> Bool { difference <= 1e-8 }
    }

    /// A part a step introduced, with its value at the numbers.
    public struct IntroducedValue: Sendable {
        public let part: Step.Introduced
        public let value: Tensor
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
            // A constant the session has not bound keeps its meaning: e is Euler's number, not an example.
            if Builtins.constants[name] != nil { continue }
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
        // ∂pᵢ/∂Wⱼₗ has three indices: neither a vector nor a matrix, so there are no numbers to show.
        let letters = d.target.freeIndices.union(d.wrt?.indices ?? []).subtracting(d.plan.fixed)
        if letters.count > 2 {
            let named = letters.sorted().map(\.name).joined(separator: ", ")
            report.problem = "the derivative has \(letters.count) indices (\(named)), more than a matrix has: it has no matrix form, and its "
                + "numbers are not shown; " + (d.plan.typed != nil ? "derive one output, as in (\(request.input))_1"
                                                 : "fix one index to a position, as in --at \(letters.sorted()[0].name)=1")
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
        // A step can lose the vector that gave an index its range (δ₁ⱼ): 0·zⱼ gives it back, changing nothing.
        let ranges = rangeWitnesses(d).map(builder.expr)
        for step in d.steps {
            var outcome = evaluate(builder.expr(step.expression))
            if case .failure(let message) = outcome, message.contains("has no range"), !ranges.isEmpty {
                let nowhere = SourceRange(0, 0)
                let padded = ranges.reduce(builder.expr(step.expression)) { sum, atom in
                    .binary(.add, sum, .binary(.multiply, .number(0, range: nowhere), atom, operatorRange: nowhere, range: nowhere),
                            operatorRange: nowhere, range: nowhere)
                }
                outcome = evaluate(padded)
            }
            switch outcome {
            case .success(let t): report.values.append(t); report.failures.append(nil)
            case .failure(let message): report.values.append(nil); report.failures.append(message)
            }
        }
        if let v = d.vectorForm { report.vectorFormValue = vectorFormValue(v.input, d) }
        report.introduced = introducedValues(d, builder: builder)
        guard let wrt = d.wrt else {
            let typed = typedValue()
            report.notFinite = notFinite(report.values, against: typed)
            report.largestStepDifference = largestDifference(checked(report), against: typed)
            report.stepDifferences = differences(report, against: typed)
            if let v = report.vectorFormValue, let typed { report.vectorFormDifference = difference(v, typed) }
            return report
        }
        let nowhere = SourceRange(0, 0)
        let variable = Expr.variable(wrt.indices.isEmpty ? wrt.name : wrt.name + "_" + wrt.indices.map(\.name).joined(), range: nowhere)
        switch evaluate(.call(.variable("partial", range: nowhere), arguments: [elementOfTyped(d), variable], range: nowhere)) {
        case .success(let t): report.automatic = t
        case .failure(let message): report.problem = "automatic differentiation of the input failed: \(message)"
        }
        report.finiteDifferences = finiteDifferences(d, wrt: wrt)
        // A step that no longer mentions an index (δᵢᵢ became 1) is the same for every value of it.
        let axes = d.target.freeIndices.union(wrt.indices).subtracting(d.plan.fixed).sorted()
        if let reference = report.automatic, reference.rank == axes.count {
            for (n, step) in d.steps.enumerated() where n < report.values.count {
                guard let value = report.values[n] else { continue }
                let own = step.expression.freeIndices.subtracting(d.plan.fixed).sorted()
                if own != axes, let spread = NumericCheck.broadcast(value, over: own, to: axes, shape: reference.shape) {
                    report.values[n] = spread
                }
            }
            let own = d.result.freeIndices.subtracting(d.plan.fixed).sorted()
            if own != axes, let value = report.vectorFormValue,
               let spread = NumericCheck.broadcast(value, over: own, to: axes, shape: reference.shape) {
                report.vectorFormValue = spread
            }
        }
        report.notFinite = notFinite(report.values, against: report.automatic)
        var all = checked(report)
        if let v = report.vectorFormValue { all.append(v) }
        report.largestStepDifference = largestDifference(all, against: report.automatic)
        report.stepDifferences = differences(report, against: report.automatic)
        if let v = report.vectorFormValue, let reference = report.automatic { report.vectorFormDifference = difference(v, reference) }
        if let fd = report.finiteDifferences, let ad = report.automatic { report.finiteDifferenceGap = difference(fd, ad) }
        return report
    }

    /// Each step's parts (`Step.introduced`) evaluated; a part that cannot be evaluated on its own is left out.
    private func introducedValues(_ d: DerivationResult, builder: TermExpression) -> [[IntroducedValue]] {
        let named = Set(d.definitions.map(\.name))
        var previous: Term?
        return d.steps.map { step in
            defer { previous = step.expression }
            return step.introduced(after: previous, named: named).compactMap { part in
                guard case .success(let value) = evaluate(builder.expr(part.term)) else { return nil }
                return IntroducedValue(part: part, value: value)
            }
        }
    }

    /// Each step's difference from the reference; nil for a step not checked (no value, or not finite).
    private func differences(_ report: Report, against reference: Tensor?) -> [Double?] {
        report.values.enumerated().map { n, value in
            guard let value, let reference, !report.notFinite.contains(n) else { return nil }
            return difference(value, reference)
        }
    }

    /// The steps with a value that is not finite where the reference's is.
    private func notFinite(_ values: [Tensor?], against reference: Tensor?) -> [Int] {
        guard let reference, reference.scalars.allSatisfy(\.isFinite) else { return [] }
        return values.indices.filter { values[$0].map { !$0.scalars.allSatisfy(\.isFinite) } ?? false }
    }

    /// The values of the steps that are checked.
    private func checked(_ report: Report) -> [Tensor] {
        report.values.enumerated().compactMap { report.notFinite.contains($0) ? nil : $1 }
    }

    /// The typed input as an element: a vector or matrix typed in vector notation (`W @ x`) is indexed
    /// by the letters the derivation gave its rows and columns, `(W @ x)_i`, so `partial` can take it.
    private func elementOfTyped(_ d: DerivationResult) -> Expr {
        let letters = d.target.freeIndices.subtracting(d.plan.fixed).sorted()
        guard !letters.isEmpty, TermReader.isVectorNotation(request.expression) else { return request.expression }
        let nowhere = SourceRange(0, 0)
        return .index(request.expression, letters.map { .single(.variable($0.name, range: nowhere)) }, range: nowhere)
    }

    /// Elements of the input that give each free index of the derivative its range (zⱼ, Wᵢⱼ).
    private func rangeWitnesses(_ d: DerivationResult) -> [Term] {
        let start = d.steps.first?.expression ?? d.target
        var needed = start.freeIndices.subtracting(d.plan.fixed)
        var found: [Term] = []
        func visit(_ t: Term) {
            if case .indexed(_, let indices) = t, !indices.contains(where: \.isPosition), !needed.isDisjoint(with: indices),
               t.freeIndices.isSubset(of: start.freeIndices) {
                found.append(t)
                needed.subtract(indices)
            }
            if case .partial(_, let v) = t, !v.indices.isEmpty, !needed.isDisjoint(with: v.indices) {
                found.append(v.term)
                needed.subtract(v.indices)
            }
            t.children.forEach(visit)
        }
        visit(start)
        return found
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
        // ∂pⱼ/∂zⱼ: the index is shared, so the derivative is the Jacobian's diagonal.
        if let i = free.first, wrt.indices == [i], t.isMatrix, t.shape[0] == t.shape[1] {
            let n = t.shape[0]
            return Tensor(vector: (0..<n).map { t.scalars[$0 * n + $0] })
        }
        if let i = free.first, let j = wrt.indices.first, j < i, t.isMatrix { return t.transposed }
        return t
    }

    /// `value`, whose axes are the indices `own`, repeated along the indices of `axes` it lacks.
    static func broadcast(_ value: Tensor, over own: [Index], to axes: [Index], shape: [Int]) -> Tensor? {
        guard Set(own).isSubset(of: Set(axes)), value.rank == own.count, axes.count == shape.count, shape.count <= 2 else { return nil }
        let count = shape.reduce(1, *)
        var scalars = [Double](repeating: 0, count: count)
        for position in 0..<count {
            // The position's index values, one per axis, row-major.
            var rest = position
            var at: [Index: Int] = [:]
            for (axis, size) in zip(axes, shape).reversed() {
                at[axis] = rest % size
                rest /= size
            }
            var source = 0
            for (axis, size) in zip(own, value.shape) {
                guard let i = at[axis], i < size else { return nil }
                source = source * size + i
            }
            scalars[position] = value.scalars[source]
        }
        return Tensor(shape: shape, scalars: scalars)
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
