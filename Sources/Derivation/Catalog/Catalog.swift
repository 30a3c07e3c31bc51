/// The derivations people struggle with, by name: `jacobi derive --list`, `:derive NAME`.
public enum Catalog {
    static let i = Index("i"), j = Index("j"), k = Index("k"), m = Index("m"), r = Index("r")

    public static let entries: [CatalogEntry] = [
        softmax, softmaxLogDerivative, logSoftmax, logSumExp, logSumExpHessian, crossEntropySoftmax, sigmoid, tanh,
        relu, leakyRelu, softsign, softplus, bceSigmoid, mseSoftmax, softmaxTemperature, shiftInvariance,
        columnsSumToZero, softmaxLayerWeights, softmaxBatch,
    ]

    public static func entry(named name: String) -> CatalogEntry? {
        let wanted = name.lowercased().replacingUnderscores
        return entries.first { $0.name.replacingUnderscores == wanted }
    }

    public static var names: [String] { entries.map(\.name) }

    static let p = Definition.softmax()
    static let sumP = Fact(sumOf: "p", isOneBecause: "softmax outputs sum to one")
    static let sumY = Fact(sumOf: "y", isOneBecause: "y is one-hot or a probability vector")
    static let vectorExample = ["z = [2, 1, 0.1]", "y = onehot(1, 3)"]
    static let scalarExample = ["x = 0.5", "y = 1"]

    static func plan(_ definitions: [Definition] = [], lemmas: [Lemma] = [], facts: [Fact] = [],
                     opening: [Rule] = [], assumptions: [String] = [], size: String = "len(z)") -> Deriver.Plan {
        var plan = Deriver.Plan()
        plan.definitions = definitions
        plan.lemmas = lemmas
        plan.facts = facts
        plan.opening = opening
        plan.assumptions = assumptions
        plan.size = size
        return plan
    }

    static let softmax = CatalogEntry(
        name: "softmax", title: "The softmax Jacobian", summary: "∂pᵢ/∂zⱼ = pᵢ(δᵢⱼ − pⱼ) = diag(p) − ppᵀ, by the quotient rule",
        target: .indexed("p", [i]), wrt: Variable("z", [j]),
        plan: plan([p], facts: [sumP], opening: [UnfoldingRules.abbreviation(p)]), example: vectorExample)

    static let softmaxLogDerivative = CatalogEntry(
        name: "softmax-log-derivative", title: "The softmax Jacobian by the log-derivative",
        summary: "∂log pᵢ/∂zⱼ = δᵢⱼ − pⱼ, so ∂pᵢ/∂zⱼ = pᵢ(δᵢⱼ − pⱼ) without the quotient rule",
        target: .indexed("p", [i]), wrt: Variable("z", [j]),
        plan: plan([p], facts: [sumP], opening: [UnfoldingRules.logDerivative, UnfoldingRules.abbreviation(p), UnfoldingRules.logOfQuotient]),
        example: vectorExample)

    static let logSoftmax = CatalogEntry(
        name: "log_softmax", title: "The Jacobian of log_softmax", summary: "∂ log pᵢ/∂zⱼ = δᵢⱼ − pⱼ = I − 𝟏pᵀ",
        target: .indexed("q", [i]), wrt: Variable("z", [j]),
        plan: plan([Definition.logSoftmax(), p], facts: [sumP], opening: [UnfoldingRules.abbreviation(Definition.logSoftmax())]),
        example: vectorExample)

    static let logSumExp = CatalogEntry(
        name: "logsumexp", title: "The gradient of logsumexp", summary: "∂/∂zⱼ log Σₖ exp(zₖ) = pⱼ: the gradient is softmax",
        target: .log(.indexSum(k, .exp(.indexed("z", [k])))), wrt: Variable("z", [j]),
        plan: plan([p], facts: [sumP]), example: vectorExample)

    static let logSumExpHessian = CatalogEntry(
        name: "logsumexp-hessian", title: "The Hessian of logsumexp",
        summary: "the Jacobian of the gradient p: ∂²/∂zᵢ∂zⱼ = pᵢ(δᵢⱼ − pⱼ) = diag(p) − ppᵀ",
        target: .indexed("p", [i]), wrt: Variable("z", [j]),
        plan: plan([p], lemmas: [.softmaxJacobian()], facts: [sumP],
                   assumptions: ["∂ logsumexp(z)/∂zᵢ = pᵢ (:derive logsumexp), so the Hessian is the Jacobian of p"]),
        example: vectorExample)

    static let crossEntropySoftmax = CatalogEntry(
        name: "cross-entropy-softmax", title: "Cross-entropy after softmax",
        summary: "∂/∂zⱼ (−Σₖ yₖ log pₖ) = pⱼ − yⱼ, through the chain rule and the softmax Jacobian, because Σy = 1",
        target: -.indexSum(k, .indexed("y", [k]) * .log(.indexed("p", [k]))), wrt: Variable("z", [j]),
        plan: plan([p], lemmas: [.softmaxJacobian()], facts: [sumY, sumP]), example: vectorExample)

    static func activation(_ name: String, _ title: String, _ summary: String, arguments: [Term] = [.symbol("x")],
                           example: [String] = scalarExample) -> CatalogEntry {
        CatalogEntry(name: name, title: title, summary: summary, target: .apply(name, arguments), wrt: Variable("x"),
                     plan: plan(opening: [UnfoldingRules.function(name)], size: "1"), example: example)
    }

    static let sigmoid = activation("sigmoid", "The derivative of the sigmoid", "σ′(x) = σ(x)(1 − σ(x))")
    static let tanh = activation("tanh", "The derivative of tanh", "tanh′(x) = 1 − tanh(x)²")
    static let relu = activation("relu", "The derivative of ReLU", "relu′(x) = step(x): 1 for x > 0, 0 for x < 0; at the kink x = 0, 0 by convention")
    static let leakyRelu = activation("leaky_relu", "The derivative of leaky ReLU", "1 for x > 0 and a otherwise",
                                      arguments: [.symbol("x"), .symbol("a")], example: ["x = 0.5", "a = 0.01"])
    static let softsign = activation("softsign", "The derivative of softsign", "softsign′(x) = 1/(1 + |x|)²")
    static let softplus = activation("softplus", "The derivative of softplus", "softplus′(x) = σ(x): softplus is a smooth relu")
}

extension String {
    /// `log_softmax` and `log-softmax` name the same entry.
    var replacingUnderscores: String { String(map { $0 == "_" ? "-" : $0 }) }
}
