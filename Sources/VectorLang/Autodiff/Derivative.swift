/// How a builtin is differentiated: part of its one entry, beside its kernel.
public enum Derivative: Sendable {
    /// The output does not change with the inputs (a count, a shape, an argmax, random numbers):
    /// no gradient flows through it.
    case none
    /// A function of one number applied elementwise: f′(x), given x and y = f(x), written with
    /// differentiable operations. The chain rule (multiply by the cotangent) is applied once, by the engine.
    case elementwise(@Sendable (_ x: Value, _ y: Value, _ ops: Ops) throws -> Value)
    /// A general vector–Jacobian product: the cotangent of each input given the output's; optionally the
    /// whole Jacobian in closed form for a single vector argument (softmax's diag(p) − ppᵀ), so that
    /// `jacobian` builds it directly instead of one backward pass per row.
    case pullback(
        @Sendable (_ rule: PullbackInput) throws -> [Value?],
        jacobian: (@Sendable (_ x: Tensor, _ y: Tensor) -> Tensor)? = nil)
    /// The builtin takes functions and differentiates them itself (grad, jacobian): it is handed traced
    /// values as they are.
    case transparent
    /// Differentiating through it is an error, with this reason.
    case unsupported(String)
}

/// What a pullback rule is given.
public struct PullbackInput {
    /// The inputs as the builtin received them (traced where they depend on the variable).
    public let inputs: [Value]
    /// The output, traced.
    public let output: Value
    /// The cotangent of the output, the same shape as the output.
    public let cotangent: Value
    public let ops: Ops

    /// Whether input `i` needs a cotangent (it is traced); rules skip the work for the others.
    public func needs(_ i: Int) -> Bool { i < inputs.count && inputs[i].node != nil }
}
