/// Runs a derivation: a start, optional opening moves, differentiation, simplification, then the cases
/// and the matrix form — every rule firing recorded as a step.
public struct Deriver: Sendable {
    /// How to derive one target: which definitions are in force, which results may be cited, which
    /// facts hold, and which opening moves to make before the general rules.
    public struct Plan: Sendable {
        public var definitions: [Definition] = []
        public var lemmas: [Lemma] = []
        public var facts: [Fact] = []
        public var assumptions: [String] = []
        /// Rules tried once each, in order, before differentiating (unfold a definition, a trick).
        var opening: [Rule] = []
        /// Size of the free indices, in input syntax, for eye(n) and ones(n) in the matrix form.
        public var size = "len(z)"
        /// Index letters bound to numbers: constants, not dimensions of the result.
        public var fixed: Set<Index> = []

        public init() {}
    }

    public init() {}

    public func derive(_ target: Term, wrt: Variable, plan: Plan) -> DerivationResult {
        var steps: [Step] = []
        let start = Term.partial(target, wrt)
        steps.append(Step(rule: "start", statement: "the derivative to find", expression: start))
        let context = RuleContext(wrt: wrt, definitions: plan.definitions, facts: plan.facts, lemmas: plan.lemmas)
        let strategy = Strategy(context: context) { steps.append($0) }
        var budget = Strategy.maximumSteps
        var current = start
        for rule in plan.opening {
            if let next = strategy.rewriteOnce(current, rules: [rule]) { current = next }
        }
        current = strategy.fixpoint(current, rules: DifferentiationRules.all, budget: &budget)
        let simplification = [SumRules.contraction, SumRules.facts, AlgebraRules.signTimesSelf, AlgebraRules.cancel, SumRules.distributeOverDelta,
                              SumRules.splitSum, SumRules.pullOut, AlgebraRules.splitFraction]
            + FoldingRules.rules(for: plan.definitions) + [UnfoldingRules.logOfQuotient, AlgebraRules.collect, AlgebraRules.combinePowers, AlgebraRules.distributeMinus, AlgebraRules.expand]
        current = strategy.fixpoint(current, rules: simplification, budget: &budget)
        current = strategy.fixpoint(current, rules: AlgebraRules.final, budget: &budget)
        let complete = !current.containsPartial && budget > 0
        if complete, let cases = Presentation.cases(of: current, fixed: plan.fixed) {
            steps.append(Step(rule: "the i = j and i ≠ j cases", statement: "δᵢⱼ is 1 when i = j and 0 otherwise",
                              expression: current, cases: cases))
        } else if complete, let cases = Presentation.signCases(of: current) {
            steps.append(Step(rule: "the two sides of the kink", statement: "step(x) is 1 for x > 0 and 0 for x < 0; at x = 0 the derivative does not exist, and step(0) = 0 is the convention (as in PyTorch)",
                              expression: current, cases: cases))
        }
        var vectorForm: Step.VectorForm?
        if complete, !current.freeIndices.subtracting(plan.fixed).isEmpty, let form = Vectorizer(size: plan.size, fixed: plan.fixed).vectorize(current) {
            vectorForm = Step.VectorForm(input: form.input, unicode: form.unicode, latex: form.latex)
            let usesMatrices = ["diag(", "outer(", "eye("].contains { form.input.contains($0) }
            steps.append(Step(rule: "matrix form", statement: usesMatrices
                                ? "δᵢⱼ aᵢ is diag(a), aᵢbⱼ is the outer product a bᵀ" : "the same formula for every element at once",
                              expression: current, vectorForm: vectorForm))
        }
        return DerivationResult(target: target, wrt: wrt, plan: plan, steps: steps, result: current, complete: complete,
                                stoppedAtLimit: budget <= 0)
    }
}

extension Deriver {
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
