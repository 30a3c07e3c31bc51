/// The derivations people struggle with, by name: `jacobi derive --list`, `:derive NAME`.
public enum Catalog {
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

    static let vectorExample = ["z = [2, 1, 0.1]", "y = onehot(1, 3)"]
    static let scalarExample = ["x = 0.5", "y = 1"]

    static let softmax = CatalogEntry(
        name: "softmax", title: "The softmax Jacobian", summary: "∂pᵢ/∂zⱼ = pᵢ(δᵢⱼ − pⱼ) = diag(p) − ppᵀ, by the quotient rule",
        input: "softmax(z)_i", wrt: "z_j", example: vectorExample)

    static let softmaxLogDerivative = CatalogEntry(
        name: "softmax-log-derivative", title: "The softmax Jacobian by the log-derivative",
        summary: "∂log pᵢ/∂zⱼ = δᵢⱼ − pⱼ, so ∂pᵢ/∂zⱼ = pᵢ(δᵢⱼ − pⱼ) without the quotient rule",
        input: "log(exp(z_i) / sum_k(exp(z_k)))", wrt: "z_j",
        notes: ["the log of the softmax is simpler than the softmax: log pᵢ = zᵢ − log Σₖ exp(zₖ)",
                "then ∂pᵢ/∂zⱼ = pᵢ·∂log pᵢ/∂zⱼ = pᵢ(δᵢⱼ − pⱼ), since ∂log p/∂z = (1/p)·∂p/∂z"],
        example: vectorExample)

    static let logSoftmax = CatalogEntry(
        name: "log_softmax", title: "The Jacobian of log_softmax", summary: "∂ log pᵢ/∂zⱼ = δᵢⱼ − pⱼ = I − 𝟏pᵀ",
        input: "log_softmax(z)_i", wrt: "z_j", example: vectorExample)

    static let logSumExp = CatalogEntry(
        name: "logsumexp", title: "The gradient of logsumexp", summary: "∂/∂zⱼ log Σₖ exp(zₖ) = pⱼ: the gradient is softmax",
        input: "logsumexp(z)", wrt: "z_j", example: vectorExample)

    static let logSumExpHessian = CatalogEntry(
        name: "logsumexp-hessian", title: "The Hessian of logsumexp",
        summary: "the Jacobian of the gradient p: ∂²/∂zᵢ∂zⱼ = pᵢ(δᵢⱼ − pⱼ) = diag(p) − ppᵀ",
        input: "softmax(z)_i", wrt: "z_j", cites: [.softmaxJacobian],
        notes: ["∂ logsumexp(z)/∂zᵢ = softmax(z)ᵢ (:derive logsumexp), so the Hessian is the Jacobian of softmax"],
        example: vectorExample)

    static let crossEntropySoftmax = CatalogEntry(
        name: "cross-entropy-softmax", title: "Cross-entropy after softmax",
        summary: "∂/∂zⱼ (−Σₖ yₖ log pₖ) = pⱼ − yⱼ, through the chain rule and the softmax Jacobian, because Σy = 1",
        input: "cross_entropy(softmax(z), y)", wrt: "z_j", cites: [.softmaxJacobian], example: vectorExample)

    static func activation(_ name: String, _ title: String, _ summary: String, input: String? = nil,
                           example: [String] = scalarExample) -> CatalogEntry {
        CatalogEntry(name: name, title: title, summary: summary, input: input ?? "\(name)(x)", wrt: "x",
                     example: example)
    }

    static let sigmoid = activation("sigmoid", "The derivative of the sigmoid", "σ′(x) = σ(x)(1 − σ(x))")
    static let tanh = activation("tanh", "The derivative of tanh", "tanh′(x) = 1 − tanh(x)²")
    static let relu = activation("relu", "The derivative of ReLU", "relu′(x) = step(x): 1 for x > 0, 0 for x < 0; at the kink x = 0, 0 by convention")
    static let leakyRelu = activation("leaky_relu", "The derivative of leaky ReLU", "1 for x > 0 and a otherwise",
                                      input: "leaky_relu(x, a)", example: ["x = 0.5", "a = 0.01"])
    static let softsign = activation("softsign", "The derivative of softsign", "softsign′(x) = 1/(1 + |x|)²")
    static let softplus = activation("softplus", "The derivative of softplus", "softplus′(x) = σ(x): softplus is a smooth relu")
}

extension String {
    /// `log_softmax` and `log-softmax` name the same entry.
    var replacingUnderscores: String { String(map { $0 == "_" ? "-" : $0 }) }
}
