import VectorLang

/// Runs a derivation as a teacher would: the target written out by its definition when it is one named
/// thing (what is being derived), otherwise simplified first (log of a quotient, named parts recognised);
/// then differentiation, simplification to the smallest form, the cases and the matrix form — every
/// rule firing recorded as a step.
public struct Deriver: Sendable {
    /// How to derive one target: which definitions are in force, which results may be cited, and which
    /// facts hold.
    public struct Plan: Sendable {
        public var definitions: [Definition] = []
        public var lemmas: [Lemma] = []
        public var facts: [Fact] = []
        public var assumptions: [String] = []
        /// Whether a lemma may be cited for the target itself (an entry that builds on an earlier
        /// derivation, as the Hessian of logsumexp on the softmax Jacobian); otherwise a target that is one
        /// named part or one function of variables is derived from its definition.
        public var citesTarget = false
        /// Size of the free indices, in input syntax, for eye(n) and ones(n) in the matrix form.
        public var size = "len(z)"
        /// Names in use (the input's, the session's, the parts'): an intermediate never takes one.
        public var taken: Set<String> = []
        /// Index letters bound to numbers: constants, not dimensions of the result.
        public var fixed: Set<Index> = []
        /// The input as typed when it was in vector notation (`W @ x`), and how it reads in index
        /// notation, which the derivation says first.
        public var typed: String?
        public var indexNotation = ""

        public init() {}
    }

    public init() {}

    /// The first step: the derivative to find, and for vector notation how it reads in index notation
    /// (vectors are columns; each named product uᵢ = Σₘ Wᵢₘxₘ).
    static func start(_ start: Term, plan: Plan) -> Step {
        guard plan.typed != nil else { return Step(rule: "start", statement: "the derivative to find", expression: start) }
        return Step(rule: "in index notation", statement: plan.indexNotation, expression: start)
    }

    /// Whether a matrix result holds δᵢⱼ (a diagonal) or a product of a part over i and a part over j
    /// (an outer product): what the matrix form's statement is about.
    static func hasOuterOrDiagonal(_ term: Term, plan: Plan) -> Bool {
        let free = term.freeIndices.subtracting(plan.fixed).sorted()
        guard free.count == 2 else { return false }
        func visit(_ t: Term) -> Bool {
            if case .delta(let a, let b) = t, Set([a, b]) == Set(free) { return true }
            if case .multiply(let factors) = t, factors.contains(where: { $0.freeIndices == [free[0]] }),
               factors.contains(where: { $0.freeIndices == [free[1]] }) { return true }
            return t.children.contains(where: visit)
        }
        return visit(term)
    }

    /// How the matrix form is laid out, in words, when the derivative is by a whole vector or matrix.
    static func layout(of target: Term, wrt: Variable, plan: Plan) -> String {
        guard plan.typed != nil, !wrt.indices.isEmpty else { return "" }
        let outputs = target.freeIndices.subtracting(plan.fixed).sorted()
        if outputs.isEmpty { return "; the gradient has the shape of \(wrt.name)" }
        return "; a Jacobian: row \(outputs.map(\.name).joined()) is an output, column \(wrt.indices.map(\.name).joined()) an element of \(wrt.name)"
    }

    public func derive(_ target: Term, wrt: Variable, plan given: Plan) -> DerivationResult {
        var plan = given
        var steps: [Step] = []
        let start = Term.partial(target, wrt)
        steps.append(Deriver.start(start, plan: plan))
        var strategy = Strategy(context: RuleContext(wrt: wrt, definitions: plan.definitions, facts: plan.facts, lemmas: plan.lemmas)) { steps.append($0) }
        var budget = Strategy.maximumSteps
        var current = start
        if !plan.citesTarget, let definition = Deriver.definition(of: target, plan: plan) {
            current = strategy.rewriteOnce(current, rules: [definition]) ?? current
        } else {
            current = prepared(current, strategy: strategy, plan: plan, budget: &budget, steps: &steps)
            if case .partial(let body, _) = current {
                let (named, intermediates) = Intermediates.name(in: body, wrt: wrt.name, taken: plan.taken)
                if !intermediates.isEmpty {
                    plan.definitions += intermediates
                    current = .partial(named, wrt)
                    steps.append(Step(rule: "name the inner functions", statement: "u = the inside of a composition, so each level is differentiated once",
                                      explanation: intermediates.flatMap { [ExplanationPiece.binding($0.name, $0.element([]) ?? .zero), .text("; ")] }.dropLast(),
                                      expression: current))
                    strategy = Strategy(context: RuleContext(wrt: wrt, definitions: plan.definitions, facts: plan.facts, lemmas: plan.lemmas),
                                        trace: strategy.trace)
                }
            }
        }
        return finish(current, target: target, wrt: wrt, plan: plan, steps: steps, budget: budget)
    }

    /// Differentiation, simplification to the smallest form, the cases and the matrix form, from `start`
    /// after the steps taken so far: the rest of every derivation, and of one a drill has put a slip into.
    func finish(_ start: Term, target: Term, wrt: Variable, plan: Plan, steps: [Step], budget: Int) -> DerivationResult {
        var steps = steps, budget = budget, current = start
        let strategy = Strategy(context: RuleContext(wrt: wrt, definitions: plan.definitions, facts: plan.facts, lemmas: plan.lemmas)) { steps.append($0) }
        current = strategy.fixpoint(current, rules: DifferentiationRules.all, budget: &budget)
        current = strategy.fixpoint(current, rules: Deriver.simplification(plan), budget: &budget)
        // Factoring may bring a function's shape together (tanh's quotient): recognised then too.
        current = strategy.fixpoint(current, rules: AlgebraRules.final + [FoldingRules.sigmoid, FoldingRules.tanh], budget: &budget)
        // What the final algebra leaves may open a sum to simplify (yₗ(Σₘ Wₘⱼpₘ − Wₗⱼ) with Σy = 1): once more,
        // kept only when it ends smaller and never passes a form shown before.
        var again: [Step] = []
        let retry = Strategy(context: strategy.context) { again.append($0) }
        var spare = budget
        var retried = retry.fixpoint(current, rules: Deriver.simplification(plan), budget: &spare)
        retried = retry.fixpoint(retried, rules: AlgebraRules.final + [FoldingRules.sigmoid, FoldingRules.tanh], budget: &spare)
        let shown = Set(steps.map(\.expression))
        if retried.size < current.size, !again.contains(where: { shown.contains($0.expression) }) {
            steps += again
            current = retried
            budget = spare
        }
        current = Deriver.smallest(current, steps: &steps)
        let complete = !current.containsPartial && budget > 0
        if complete, let cases = Presentation.cases(of: current, fixed: plan.fixed) {
            steps.append(Step(rule: "the i = j and i ≠ j cases", statement: "δᵢⱼ is 1 when i = j and 0 otherwise",
                              expression: current, cases: cases))
        } else if complete, let cases = Presentation.signCases(of: current) {
            steps.append(Step(rule: "the two sides of the kink", statement: "step(x) is 1 for x > 0 and 0 for x < 0; at x = 0 the derivative does not exist, and step(0) = 0 is the convention (as in PyTorch)",
                              expression: current, cases: cases))
        }
        var vectorForm: Step.VectorForm?
        if complete, !current.freeIndices.subtracting(plan.fixed).isEmpty, let form = Vectorizer(plan: plan).vectorize(current) {
            vectorForm = Step.VectorForm(input: form.input, unicode: form.unicode, latex: form.latex)
            let usesMatrices = Deriver.hasOuterOrDiagonal(current, plan: plan)
            let statement = usesMatrices ? "δᵢⱼ aᵢ is diag(a), aᵢbⱼ is the outer product a bᵀ" : "the same formula for every element at once"
            steps.append(Step(rule: "matrix form", statement: statement + Deriver.layout(of: target, wrt: wrt, plan: plan),
                              expression: current, vectorForm: vectorForm))
        }
        return DerivationResult(target: target, wrt: wrt, plan: plan, steps: steps, result: current, complete: complete,
                                stoppedAtLimit: budget <= 0, wouldFinish: complete ? Deriver.undeclaredSums(in: current, facts: plan.facts) : [])
    }
}

extension Deriver {
    /// The rules that simplify a derivative once nothing is left to differentiate.
    static func simplification(_ plan: Plan) -> [Rule] {
        [SumRules.contraction, SumRules.facts, AlgebraRules.signTimesSelf, AlgebraRules.cancel, AlgebraRules.rootPower, SumRules.distributeOverDelta,
         SumRules.splitSum, SumRules.pullOut, SumRules.symmetric, SumRules.mergeSums, AlgebraRules.splitFraction]
            + FoldingRules.rules(for: plan.definitions)
            + [UnfoldingRules.logOfQuotient, UnfoldingRules.expOfLog, AlgebraRules.collect, AlgebraRules.combinePowers, AlgebraRules.distributeMinus, AlgebraRules.expand, AlgebraRules.commonDenominator]
    }

    /// What to write out first when the target is one named thing: pᵢ by softmax's definition, σ(x) by
    /// σ's, as a textbook derives the result it is about rather than citing it.
    static func definition(of target: Term, plan: Plan) -> Rule? {
        switch target {
        case .indexed(let name, _):
            return plan.definitions.first { $0.name == name }.map(UnfoldingRules.abbreviation)
        case .apply(let f, let args) where args.allSatisfy({ a in a.isAtom && !plan.definitions.contains { a.mentions($0.name) } })
                && FunctionCalculus.definition(of: f, args) != nil:
            return UnfoldingRules.function(f)
        default:
            return nil
        }
    }

    /// The target simplified before differentiating, where a textbook does: log of a quotient or a
    /// product, named parts recognised. Not when that leaves one named thing, which is what is derived.
    private func prepared(_ start: Term, strategy: Strategy, plan: Plan, budget: inout Int, steps: inout [Step]) -> Term {
        var tried: [Step] = []
        var trying = strategy
        trying.trace = { tried.append($0) }
        var spent = budget
        let result = trying.fixpoint(start, rules: UnfoldingRules.beforeDifferentiating + FoldingRules.rules(for: plan.definitions)
                                     + [FoldingRules.builtinDefinitions], budget: &spent)
        guard case .partial(let body, _) = result, Deriver.definition(of: body, plan: plan) == nil else { return start }
        steps += tried
        budget = spent
        return result
    }

    /// Σₖ yₖ left in a result, for a vector with no fact that it sums to one: the assumption that would
    /// finish the derivation (cross-entropy stops at p·Σy − y without it), said rather than guessed.
    static func undeclaredSums(in term: Term, facts: [Fact]) -> [Assumption] {
        var found: [Assumption] = []
        func visit(_ t: Term) {
            if case .sum(let k, .indexed(let name, let x)) = t, x.last == k, !x.dropLast().contains(k),
               !facts.contains(where: { $0.sumsToOneVector == name }), !found.contains(where: { $0.name == name }) {
                found.append(Assumption(.sumsToOne, name))
            }
            t.children.forEach(visit)
        }
        visit(term)
        return found
    }

    /// The smallest form among the last steps with nothing left to differentiate: a later rule may tidy
    /// a form (factor) without shrinking it, but never leaves a larger one.
    static func smallest(_ current: Term, steps: inout [Step]) -> Term {
        guard !current.containsPartial, let lastPending = steps.lastIndex(where: { $0.expression.containsPartial }) else { return current }
        var best = lastPending + 1
        guard best < steps.count else { return current }
        for n in (lastPending + 1)..<steps.count where steps[n].expression.size <= steps[best].expression.size { best = n }
        guard best < steps.count - 1 else { return current }
        steps.removeSubrange((best + 1)...)
        return steps[best].expression
    }

    /// An identity rather than a derivative: the target rewritten until it is as simple as the rules make it.
    public func simplify(_ target: Term, plan: Plan) -> DerivationResult {
        var steps = [Step(rule: "start", statement: "the expression to simplify", expression: target)]
        let context = RuleContext(wrt: Variable(""), definitions: plan.definitions, facts: plan.facts, lemmas: plan.lemmas)
        let strategy = Strategy(context: context) { steps.append($0) }
        var budget = Strategy.maximumSteps
        var current = strategy.fixpoint(target, rules: [UnfoldingRules.expOfSum], budget: &budget)
        current = strategy.fixpoint(current, rules: [SumRules.pullOut, AlgebraRules.cancel] + FoldingRules.rules(for: plan.definitions),
                                    budget: &budget)
        return DerivationResult(target: target, wrt: nil, plan: plan, steps: steps, result: current, complete: budget > 0,
                                stoppedAtLimit: budget <= 0)
    }
}

/// Everything a derivation produced, for the renderers and the numeric check.
public struct DerivationResult: Sendable {
    public let target: Term
    /// nil for an identity.
    public let wrt: Variable?
    public let plan: Deriver.Plan
    public let steps: [Step]
    public let result: Term
    /// No derivative is left unworked.
    public let complete: Bool
    public let stoppedAtLimit: Bool
    /// Facts not declared that would simplify the result further (Σy = 1 for a cross-entropy target).
    public var wouldFinish: [Assumption] = []

    public var definitions: [Definition] { plan.definitions }

    /// The definitions the derivation mentions, with those they build on, dependencies first.
    public var shownDefinitions: [Definition] {
        var needed = Set(definitions.filter { d in steps.contains { $0.expression.mentions(d.name) } || target.mentions(d.name) }.map(\.name))
        for d in definitions.reversed() where needed.contains(d.name) { needed.formUnion(d.arguments) }
        return definitions.filter { needed.contains($0.name) }
    }
    public var vectorForm: Step.VectorForm? { steps.last?.vectorForm }

    /// The derivative still pending, when the rules ran out: what to say when no rule applies.
    public var pending: [Term] {
        var found: [Term] = []
        func visit(_ t: Term) {
            if case .partial = t { found.append(t); return }
            t.children.forEach(visit)
        }
        visit(result)
        return found
    }
}
