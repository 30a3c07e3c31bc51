/// The functions that derivations in index notation produce: the Kronecker delta, the step and sign
/// functions (the derivatives of relu and abs), and `partial`.
///
/// delta, step and sign are piecewise constant, so no gradient flows through them (`.none`): their
/// derivative is 0 wherever it exists.
enum IndexFunctions {
    static let entries: [Builtin] = [delta, step, sign, partial]

    static let delta = Builtin(
        "delta", ["delta(i, j)"], "The Kronecker delta: 1 where i = j, else 0, elementwise; δ_ij and delta_ij are the same in index notation.",
        example: "delta([1, 2, 3], 2)", category: .calculus, arity: 2...2, derivative: .none
    ) { args in
        .tensor(try Broadcasting.combine(try args.tensor(0), try args.tensor(1), args) { $0 == $1 ? 1 : 0 })
    }

    static let step = piecewiseConstant(
        "step", "step(x)", "The unit step: 1 where x > 0, else 0, elementwise; the derivative of relu.", "step([-1, 0, 2])"
    ) { $0 > 0 ? 1 : $0 <= 0 ? 0 : .nan }

    static let sign = piecewiseConstant(
        "sign", "sign(x)", "−1, 0 or 1 by the sign of x, elementwise; the derivative of abs.", "sign([-3, 0, 2])"
    ) { $0 > 0 ? 1 : $0 < 0 ? -1 : $0 == 0 ? 0 : .nan }

    /// A special form: the evaluator handles `partial(f, z_j)` before evaluating f (see `IndexForms`), so
    /// this kernel runs only when `partial` is called as a value, where f has already been evaluated.
    static let partial = Builtin(
        "partial", ["partial(f, z_j)", "partial(f, W_ij)", "partial(f, x)"],
        "∂f/∂z_j, exactly, by automatic differentiation: an expression in index notation, differentiated by an element.",
        example: "z = [2, 1, 0.1]; partial(log(sum_k(exp(z_k))), z_j)", category: .calculus, arity: 2...2, derivative: .transparent
    ) { args in
        throw args.error("partial must be written out as partial(f, z_j), not called through another name",
                         note: "it reads its first argument as an expression to differentiate, before evaluating it")
    }

    /// An elementwise function that is constant between jumps; NaN stays NaN.
    private static func piecewiseConstant(
        _ name: String, _ signature: String, _ summary: String, _ example: String, _ f: @escaping @Sendable (Double) -> Double
    ) -> Builtin {
        Builtin(name, [signature], summary, example: example, category: .elementwise, arity: 1...1, derivative: .none,
                partials: [.init(["x"], ["0"], note: "constant on each side of 0, so 0 wherever the derivative exists")]) { args in
            .tensor(try args.tensor(0).map(f))
        }
    }
}
