import VectorLang

/// Makes drills: a true derivation, one slip planted in one step, the derivation finished again from the
/// wrong line by the same rules (the student carries the slip through), and the whole checked by the
/// derivation checker, which must find the planted line first wrong and every later line following
/// from it. A slip that does not change its step's value at the random points is never planted.
public enum DrillMaker {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
        public init(message: String) { self.message = message }
    }

    /// Planted slips tried before giving up (each costs a derivation and a check).
    static let attempts = 40
    /// Random points a drill is checked at (with the example's numbers): every line but the planted one is
    /// the engine's own equality, so fewer than a learner's derivation needs.
    static let points = 3

    /// A drill on a catalog entry or a typed expression (`topic`), or on a catalog entry the seed picks.
    public static func make(topic: String?, wrt: String? = nil, seed: UInt64, slip: DrillSlip? = nil,
                            options: Derivations.Options = Derivations.Options()) throws(Failure) -> Drill {
        let random = RandomSource(seed: seed)
        let name = topic ?? pick(Catalog.entries.filter { $0.wrt != nil }.map(\.name), random) ?? "softmax"
        // A bare word is a catalog entry's name, never a variable to differentiate by itself.
        if let topic, Catalog.entry(named: topic) == nil, wrt == nil, topic.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) {
            let guess = Suggestions.closest(to: topic, among: Catalog.names)
            throw Failure(message: "no catalog entry named \(topic)" + (guess.map { "; did you mean \($0)?" } ?? "")
                          + " (jacobi derive --list shows them; an expression needs its variable, as in --wrt z_j)")
        }
        let request: Derivations.Request
        do {
            request = try Derivations.derive(name, wrt: wrt, options: options)
        } catch {
            throw Failure(message: error.message + (error.suggestion.map { "; " + $0 } ?? ""))
        }
        return try make(from: request, topic: name, seed: seed, slip: slip)
    }

    public static func make(from request: Derivations.Request, topic: String, seed: UInt64, slip: DrillSlip? = nil) throws(Failure) -> Drill {
        let d = request.result
        guard d.wrt != nil else { throw Failure(message: "\(topic) is an identity, not a derivative: a drill needs a derivation to plant a slip in") }
        guard d.complete else { throw Failure(message: "the derivation of \(topic) does not finish, so there is no drill to make from it") }
        guard d.steps.count >= 4 else { throw Failure(message: "the derivation of \(topic) has \(d.steps.count - 1) steps, too few to hide a slip in") }
        let random = RandomSource(seed: seed)
        let planter = SlipPlanter(d)
        // Steps a slip may go in: any with an expression of its own (not the cases, not the matrix form).
        let steps = Array(d.steps.indices.dropFirst()).filter { d.steps[$0].cases.isEmpty && d.steps[$0].vectorForm == nil }
        let kinds = slip.map { [$0] } ?? shuffled(DrillSlip.allCases, random)
        var tried = 0
        for kind in kinds {
            // A slip in the part a step worked on reads as that step's own: all of those first, in any step.
            let found = shuffled(steps, random).flatMap { n in planter.candidates(kind, at: n).map { (n, $0) } }
            for (n, candidate) in shuffled(found.filter(\.1.inFocus), random) + shuffled(found.filter { !$0.1.inFocus }, random) {
                if tried >= attempts { break }
                tried += 1
                if let drill = drill(request, topic: topic, seed: seed, planting: candidate, at: n) { return drill }
            }
        }
        let what = slip.map { "a slip of the kind \($0.rawValue)" } ?? "a slip"
        throw Failure(message: "no step of \(topic) takes \(what) that changes its value"
                      + (slip.map { " (\(SlipPlanter.needs($0)))" } ?? ""))
    }

    /// The drill with `planted` at step `n`, if the checker agrees that the slip is there and only there.
    static func drill(_ request: Derivations.Request, topic: String, seed: UInt64, planting planted: PlantedSlip, at n: Int) -> Drill? {
        let d = request.result
        guard let wrt = d.wrt else { return nil }
        var plan = d.plan
        let step = d.steps[n]
        let wrong: DerivationResult
        if let fact = planted.unassumed {
            plan.assumptions = plan.assumptions.filter { !$0.contains("\(fact)") }
            wrong = DerivationResult(target: d.target, wrt: wrt, plan: plan, steps: d.steps, result: d.result, complete: d.complete,
                                     stoppedAtLimit: d.stoppedAtLimit)
        } else {
            let slipped = Step(rule: step.rule, statement: step.statement, expression: planted.line)
            wrong = Deriver().finish(planted.line, target: d.target, wrt: wrt, plan: plan, steps: Array(d.steps[..<n]) + [slipped],
                                     budget: Strategy.maximumSteps)
        }
        // A line such as δᵢⱼ alone gives its letters no length: it cannot be evaluated, so it is not shown.
        guard wrong.complete, wrong.steps.allSatisfy({ $0.vectorForm != nil || $0.expression.freeIndices.subtracting(plan.fixed).isSubset(of: $0.expression.rangedIndices) }) else { return nil }
        let names = Set(d.definitions.map(\.name))
        let definitions = wrong.shownDefinitions.map { "\($0.name) := \($0.meaning)" }
        let facts = d.plan.facts.map(\.assumption).filter { !names.contains($0.name) && $0 != planted.unassumed }
        let lines = wrong.steps.enumerated().map { Drill.Line($1, number: $0) }
        let setup = ["# find the error: \(topic), seed \(seed)"] + definitions + facts.map { "assume \($0)" } + request.example
        let checkText = text(setup, lines.map(\.input))
        // Every line but the planted one is a rule of the engine, an equality: the start, the line before the
        // slip, the slip and the last line are enough to show the slip is there and is carried to the end.
        let shown = Array(Set([0, n - 1, n, lines.count - 1])).sorted()
        let report = DerivationChecker.check(text(setup, shown.map { lines[$0].input }), seed: seed, points: points, diagnose: false)
        let statuses = report.lines.filter { $0.role != .setup }
        guard let at = shown.firstIndex(of: n), report.firstWrong == setup.count + 1 + at, statuses.count == shown.count, report.notes.isEmpty,
              zip(shown, statuses).allSatisfy({ m, line in
                  line.status == (m < n ? .holds : m == n ? .wrong : .followsFromWrong)
              }) else { return nil }
        // Which other slips explain the planted line: the checker's diagnosis, once, at one random point and
        // the example (each slip is a relation evaluated at every point, the costly part of a check).
        let diagnosis = DerivationChecker.check(text(setup, [0, n - 1, n].map { lines[$0].input }), seed: seed, points: 1)
        let found = (diagnosis.lines.last { $0.status == .wrong }?.slips ?? []).compactMap(DrillSlip.init)
        let accepted = [planted.kind] + DrillSlip.allCases.filter { $0 != planted.kind && found.contains($0) }
        // A fact used silently is mended by leaving the line as it was (or by assuming the fact).
        let right = planted.unassumed == nil ? Drill.Line(step, number: n)
            : Drill.Line(number: n, rule: step.rule, text: lines[n - 1].text, input: lines[n - 1].input, cases: [])
        let exposed = DerivationChecker.disagreement(in: checkText, line: setup.count + 1 + n, seed: seed, points: 1)
        return Drill(topic: topic, title: request.title ?? "The derivative of \(request.input)", seed: seed, definitions: definitions,
                     assumptions: facts.map(\.description), example: request.example, lines: lines,
                     planted: Drill.Planted(line: n, slip: planted.kind, what: planted.what, right: right, accepted: accepted, exposed: exposed),
                     checkText: checkText)
    }

    /// A derivation as `jacobi check` reads it: set-up lines, the start, then each step after "= ".
    static func text(_ setup: [String], _ lines: [String]) -> String {
        (setup + lines.enumerated().map { ($0.offset == 0 ? "" : "= ") + $0.element }).joined(separator: "\n") + "\n"
    }

    static func shuffled<T>(_ items: [T], _ random: RandomSource) -> [T] {
        var out = items
        guard out.count > 1 else { return out }
        for i in stride(from: out.count - 1, to: 0, by: -1) {
            let j = min(i, Int(random.uniform() * Double(i + 1)))
            out.swapAt(i, j)
        }
        return out
    }

    static func pick<T>(_ items: [T], _ random: RandomSource) -> T? {
        items.isEmpty ? nil : items[min(items.count - 1, Int(random.uniform() * Double(items.count)))]
    }
}

extension Drill.Line {
    /// A step as the learner sees it, and as the checker reads it.
    init(_ step: Step, number: Int) {
        let unicode = TermRenderer(.unicode), input = TermRenderer(.input)
        self.init(number: number, rule: number == 0 ? "" : step.rule,
                  text: step.vectorForm?.unicode ?? unicode.render(step.expression),
                  input: step.vectorForm?.input ?? input.render(step.expression),
                  cases: step.cases.map { "\($0.when.text(.unicode)): \(unicode.render($0.expression))" })
    }
}

extension Term {
    /// Free letters some element (zᵢ, ∂/∂zⱼ) gives a length to, directly or through a δ that pairs them
    /// with such a letter: a δ alone gives none.
    var rangedIndices: Set<Index> {
        var ranged = Set<Index>(), pairs: [(Index, Index)] = []
        func visit(_ t: Term) {
            switch t {
            case .indexed(_, let x): ranged.formUnion(x)
            case .delta(let a, let b): pairs.append((a, b))
            case .partial(let body, let v): ranged.formUnion(v.indices); visit(body)
            default: t.children.forEach(visit)
            }
        }
        visit(self)
        var grew = true
        while grew {
            grew = false
            for (a, b) in pairs where ranged.contains(a) != ranged.contains(b) {
                ranged.formUnion([a, b])
                grew = true
            }
        }
        return ranged
    }
}

extension SlipPlanter {
    /// What a derivation must have for a kind of slip to be planted in it: said when none can be.
    static func needs(_ kind: DrillSlip) -> String {
        switch kind {
        case .sign, .droppedTerm, .factorOfTwo: return "it needs a step whose value a changed term alters"
        case .droppedFactor: return "it needs a product or a quotient whose factor matters"
        case .transpose: return "it needs a result with two indices that is not symmetric"
        case .lostDelta: return "it needs a step with a Kronecker delta δ"
        case .unassumedFact: return "it needs a step that uses a sum-to-one fact, or a sum of an input's elements"
        case .wrongVariable: return "it needs a derivative step and another input or index to take it by"
        }
    }
}
