/// Catalog entries for losses, layers, batches and identities.
extension Catalog {
    static let bceSigmoid = CatalogEntry(
        name: "bce-sigmoid", title: "Binary cross-entropy after the sigmoid",
        summary: "∂/∂x −(y log σ(x) + (1 − y) log(1 − σ(x))) = σ(x) − y",
        input: "-(y * log(sigmoid(x)) + (1 - y) * log(1 - sigmoid(x)))", wrt: "x", example: scalarExample)

    static let mseSoftmax = CatalogEntry(
        name: "mse-softmax", title: "Mean squared error after softmax",
        summary: "no collapse: the pₖ of the Jacobian does not cancel as 1/pₖ does in cross-entropy",
        input: "sum_k((softmax(z)_k - y_k)^2) / n", wrt: "z_j", cites: [.softmaxJacobian],
        notes: ["n = len(z); the mean squared error is (1/n)·Σₖ (pₖ − yₖ)²",
                "unlike cross-entropy, nothing here collapses to p − y: the factor pₖ from ∂pₖ/∂zⱼ stays"],
        example: vectorExample + ["n = len(z)"])

    static let softmaxTemperature = CatalogEntry(
        name: "softmax-temperature", title: "The softmax Jacobian with a temperature",
        summary: "∂pᵢ/∂zⱼ = (1/T)·pᵢ(δᵢⱼ − pⱼ) for p = softmax(z, T)",
        input: "softmax(z, T)_i", wrt: "z_j", example: vectorExample + ["T = 2"])

    static let shiftInvariance = CatalogEntry(
        name: "shift-invariance", title: "Shift invariance of softmax",
        summary: "softmax(z − c) = softmax(z): the max shift changes neither the values nor the Jacobian",
        input: "exp(z_i - c) / sum_k(exp(z_k - c))", wrt: nil,
        notes: ["c is any number (the max of z in stable code)",
                "the Jacobian is unchanged too: ∂(zₖ − c)/∂zⱼ = δₖⱼ, as for zₖ"],
        example: vectorExample + ["c = max(z)"])

    static let columnsSumToZero = CatalogEntry(
        name: "softmax-columns-sum-to-zero", title: "The softmax Jacobian's columns sum to zero",
        summary: "Σᵢ ∂pᵢ/∂zⱼ = 0, so the gradient of sum(softmax(z)) is 0",
        input: "sum_i(softmax(z)_i)", wrt: "z_j", cites: [.softmaxJacobian], example: vectorExample)

    static let softmaxLayerWeights = CatalogEntry(
        name: "softmax-layer-weights", title: "The gradient of a softmax layer's weights",
        summary: "∂L/∂Wᵢⱼ = (pᵢ − yᵢ)xⱼ, so ∂L/∂W = (p − y)xᵀ, for L = cross_entropy(softmax(W @ x), y)",
        input: "cross_entropy(softmax(W @ x), y)", wrt: "W_ij", cites: [.softmaxJacobian],
        example: ["W = [[0.5, -1], [1, 0.2], [-0.3, 0.8]]", "x = [1, 2]", "y = onehot(2, 3)"])

    static let softmaxBatch = CatalogEntry(
        name: "softmax-batch", title: "Cross-entropy over a batch",
        summary: "L = −(1/m)·Σᵣ Σₖ Yᵣₖ log Pᵣₖ gives ∂L/∂Z = (P − Y)/m",
        input: "-sum_r(sum_k(Y_rk * log(softmax(Z)_rk))) / m", wrt: "Z_ij", cites: [.softmaxJacobian], assumes: ["Y onehot"],
        notes: ["m is the number of rows (examples) of Z", "P = softmax(Z) row by row"],
        example: ["Z = [[2, 1, 0.1], [0, 1, 3]]", "Y = [onehot(1, 3), onehot(3, 3)]", "m = 2"])
}
