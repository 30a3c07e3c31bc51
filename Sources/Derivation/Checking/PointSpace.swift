import VectorLang

/// The points a derivation is checked at: one evaluator per point, each over an environment holding
/// random inputs (and the definitions), plus the learner's own numbers when they gave some.
struct PointSpace {
    var inputs: CheckInputs
    let mode: CheckInputs.Mode
    let seed: UInt64
    /// Random points (the learner's numbers, when given, are one more).
    let points: Int
    let evaluators: [Evaluator]
    /// The learner's numbers break a declared fact: said so, and those numbers are not used.
    var brokenFact: String?

    /// Draws the points in the first way of drawing at which the start evaluates to finite numbers:
    /// dimensions apart, then (for a start that takes logarithms of its inputs) positive inputs, then all
    /// sizes equal, then never-subscripted inputs as vectors (scalars first: `partial(f(t), t)` of a number).
    static func choose(for start: DerivationFile.Line, inputs: CheckInputs, seed: UInt64, points: Int = DerivationChecker.points) -> PointSpace {
        let modes = [CheckInputs.Mode(), .init(positive: true), .init(sameSizes: true), .init(sameSizes: true, positive: true),
                     .init(vectors: true), .init(positive: true, vectors: true)]
        var first: PointSpace?
        guard case .start(let expr) = start.kind else { return PointSpace(inputs: inputs, mode: modes[0], seed: seed, points: points) }
        for mode in modes {
            let space = PointSpace(inputs: inputs, mode: mode, seed: seed, points: points)
            if first == nil { first = space }
            if case .success(let values) = space.values(of: expr, code: start.code),
               values.allSatisfy({ $0.tensor.scalars.allSatisfy(\.isFinite) }) {
                return space
            }
        }
        return first ?? PointSpace(inputs: inputs, mode: modes[0], seed: seed, points: points)
    }

    init(inputs: CheckInputs, mode: CheckInputs.Mode, seed: UInt64, points: Int = DerivationChecker.points, extra: Assumption? = nil) {
        self.inputs = inputs
        self.mode = mode
        self.seed = seed
        self.points = points
        let random = RandomSource(seed: seed)
        var evaluators: [Evaluator] = []
        for _ in 0..<points {
            evaluators.append(Evaluator(environment: self.inputs.point(random: random, mode: mode, extra: extra)))
        }
        if extra == nil, !inputs.bindings.isEmpty {
            let user = self.inputs.point(random: random, mode: mode, user: true)
            let broken = inputs.facts.values.flatMap { $0 }.first { fact in
                user[fact.name]?.numbers.map { !fact.holds(for: $0) } ?? false
            }
            if let broken {
                brokenFact = "your numbers for \(broken.name) break the fact \(broken) (\(broken.meaning)): the check uses random numbers only"
            } else {
                evaluators.append(Evaluator(environment: user))
            }
        }
        self.evaluators = evaluators
    }

    /// The same draws again with one more fact: where a step may hold only under it.
    func with(_ fact: Assumption) -> PointSpace {
        PointSpace(inputs: inputs, mode: mode, seed: seed, points: points, extra: fact)
    }

    /// The value of `expr` at every point; the first failure otherwise, with its range in `code`.
    func values(of expr: Expr, code: String) -> Result<[IndexedValue], Diagnostic> {
        var out: [IndexedValue] = []
        for evaluator in evaluators {
            do {
                let letters = try evaluator.freeIndexNames(of: expr)
                guard case .value(let value) = try evaluator.execute(.expression(expr), in: code) else {
                    return .failure(Diagnostic("not a value", at: expr.range))
                }
                guard let tensor = value.numbers else {
                    return .failure(Diagnostic("this is a \(value.kindDescription), not numbers", at: expr.range))
                }
                out.append(IndexedValue(letters: letters, tensor: tensor))
            } catch let d as Diagnostic {
                return .failure(d)
            } catch {
                return .failure(Diagnostic("\(error)", at: expr.range))
            }
        }
        return .success(out)
    }

    /// Whether two lines agree at every point, entry by entry.
    func equal(_ a: [IndexedValue], _ b: [IndexedValue]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { x, y in
            guard let (_, _, c) = IndexedValue.aligned([x, y]) else { return false }
            return zip(c[0], c[1]).allSatisfy { IndexedValue.close($0, $1) }
        }
    }
}
