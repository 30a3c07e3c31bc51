/// Catalog entries for losses, layers, batches and identities.
extension Catalog {
    static let bceSigmoid = CatalogEntry(
        name: "bce-sigmoid", title: "Binary cross-entropy after the sigmoid",
        summary: "∂/∂x −(y log σ(x) + (1 − y) log(1 − σ(x))) = σ(x) − y",
        target: -(.symbol("y") * .log(.apply("sigmoid", [.symbol("x")]))
                  + (.one - .symbol("y")) * .log(.one - .apply("sigmoid", [.symbol("x")]))),
        wrt: Variable("x"), plan: plan(size: "1"), example: scalarExample)

    static let mseSoftmax = CatalogEntry(
        name: "mse-softmax", title: "Mean squared error after softmax",
        summary: "no collapse: the pₖ of the Jacobian does not cancel as 1/pₖ does in cross-entropy",
        target: .quotient(.one, .symbol("n")) * .indexSum(k, .raise(.indexed("p", [k]) - .indexed("y", [k]), to: .number(2))),
        wrt: Variable("z", [j]),
        plan: plan([p], lemmas: [.softmaxJacobian()], facts: [sumP],
                   assumptions: ["n = len(z); the mean squared error is (1/n)·Σₖ (pₖ − yₖ)²",
                                 "unlike cross-entropy, nothing here collapses to p − y: the factor pₖ from ∂pₖ/∂zⱼ stays"]),
        example: vectorExample + ["n = len(z)"])

    static let temperature = Definition.softmax(temperature: .symbol("T"))

    static let softmaxTemperature = CatalogEntry(
        name: "softmax-temperature", title: "The softmax Jacobian with a temperature",
        summary: "∂pᵢ/∂zⱼ = (1/T)·pᵢ(δᵢⱼ − pⱼ) for p = softmax(z, T)",
        target: .indexed("p", [i]), wrt: Variable("z", [j]),
        plan: plan([temperature], facts: [sumP], opening: [UnfoldingRules.abbreviation(temperature)]),
        example: vectorExample + ["T = 2"])

    static let shiftInvariance = CatalogEntry(
        name: "shift-invariance", title: "Shift invariance of softmax",
        summary: "softmax(z − c) = softmax(z): the max shift changes neither the values nor the Jacobian",
        target: .quotient(.exp(.indexed("z", [i]) - .symbol("c")), .indexSum(k, .exp(.indexed("z", [k]) - .symbol("c")))),
        wrt: nil,
        plan: plan([p], assumptions: ["c is any number (the max of z in stable code)",
                                      "the Jacobian is unchanged too: ∂(zₖ − c)/∂zⱼ = δₖⱼ, as for zₖ"]),
        example: vectorExample + ["c = max(z)"])

    static let columnsSumToZero = CatalogEntry(
        name: "softmax-columns-sum-to-zero", title: "The softmax Jacobian's columns sum to zero",
        summary: "Σᵢ ∂pᵢ/∂zⱼ = 0, so the gradient of sum(softmax(z)) is 0",
        target: .indexSum(i, .indexed("p", [i])), wrt: Variable("z", [j]),
        plan: plan([p], lemmas: [.softmaxJacobian()], facts: [sumP]), example: vectorExample)

    static let logits = Definition.linear()
    static let layerP = Definition.softmax(of: "u")

    static let softmaxLayerWeights = CatalogEntry(
        name: "softmax-layer-weights", title: "The gradient of a softmax layer's weights",
        summary: "∂L/∂Wᵢⱼ = (pᵢ − yᵢ)xⱼ, so ∂L/∂W = (p − y)xᵀ, for L = cross_entropy(softmax(W @ x), y)",
        target: -.indexSum(k, .indexed("y", [k]) * .log(.indexed("p", [k]))), wrt: Variable("W", [i, j]),
        plan: plan([layerP, logits], facts: [sumY],
                   opening: [ChainThroughLogits.rule], assumptions: ["u = W @ x are the logits and p = softmax(u)"],
                   size: "len(y)"),
        example: ["W = [[0.5, -1], [1, 0.2], [-0.3, 0.8]]", "x = [1, 2]", "y = onehot(2, 3)"])

    static let batchP = Definition(abbreviation: "P", meaning: "softmax(Z)", argument: "Z", name: "row-wise softmax") { _ in .zero }

    static let softmaxBatch = CatalogEntry(
        name: "softmax-batch", title: "Cross-entropy over a batch",
        summary: "L = −(1/m)·Σᵣ Σₖ Yᵣₖ log Pᵣₖ gives ∂L/∂Z = (P − Y)/m",
        target: -(.quotient(.one, .symbol("m")) * .indexSum(r, .indexSum(k, .indexed("Y", [r, k]) * .log(.indexed("P", [r, k]))))),
        wrt: Variable("Z", [i, j]),
        plan: plan([batchP], lemmas: [.rowSoftmaxJacobian()], facts: [Fact(sumOf: "Y", isOneBecause: "each row of Y is one-hot"),
                                                                     Fact(sumOf: "P", isOneBecause: "each row of P is a softmax")],
                   assumptions: ["m is the number of rows (examples) of Z", "P = softmax(Z) row by row"]),
        example: ["Z = [[2, 1, 0.1], [0, 1, 3]]", "Y = [onehot(1, 3), onehot(3, 3)]", "m = 2"])
}

/// The chain rule through a layer's logits: ∂L/∂Wᵢⱼ = Σₖ ∂L/∂uₖ · ∂uₖ/∂Wᵢⱼ, with ∂L/∂uₖ = pₖ − yₖ cited.
enum ChainThroughLogits {
    static let rule = Rule("chain rule through the logits", "∂L/∂Wᵢⱼ = Σₘ ∂L/∂uₘ · ∂uₘ/∂Wᵢⱼ, with ∂L/∂uₘ = pₘ − yₘ (:derive cross-entropy-softmax)") { term, _ in
        guard case .partial(_, let v) = term, v.name == "W", v.indices.count == 2 else { return nil }
        let m = Index("m"), l = Index("l")
        let ofLogit = Term.indexed("p", [m]) - .indexed("y", [m])
        let logit = Term.indexSum(l, .indexed("W", [m, l]) * .indexed("x", [l]))
        return Rewrite(.indexSum(m, ofLogit * .partial(logit, v)),
                       [.text("the loss depends on W only through u = W @ x; cross-entropy after softmax gives ∂L/∂uₘ = pₘ − yₘ")])
    }
}
