/// Exact derivatives by reverse-mode automatic differentiation, and their finite-difference checks.
///
/// Conventions, as in JAX and PyTorch: `jacobian(f, x)[i, j]` is ∂f_i/∂x_j (rows are outputs); a
/// matrix argument or result is counted row by row; `grad` with respect to a matrix has the matrix's shape.
enum Calculus {
    static let entries: [Builtin] = [grad, jacobian, hessian, jvp, vjp] + FiniteDifferences.entries + [GradientCheck.entry]

    static let grad = Builtin(
        "grad", ["grad(f, x)"], "The gradient ∇f(x) of a function with a one-number result, exactly, by automatic differentiation.",
        example: "grad(z -> cross_entropy(softmax(z), [0, 1, 0]), [2, 1, 0.1])", category: .calculus, arity: 2...2,
        derivative: .transparent
    ) { args in
        detached(try Differentiation(args: args, functionIndex: 0).gradient(of: try args.function(0), at: args.values[1], argument: 1), args)
    }

    /// A derivative taken at plain numbers is plain numbers: pullbacks compute with traced values, and
    /// their traces must not leak into the session (only a derivative inside another keeps them).
    static func detached(_ result: Value, _ args: Arguments) -> Value {
        isTraced(args) ? result : result.primal
    }

    /// Whether this call is itself being differentiated (an argument is traced), so its result must stay traced.
    static func isTraced(_ args: Arguments) -> Bool {
        args.values.contains { $0.node != nil }
    }

    static let jacobian = Builtin(
        "jacobian", ["jacobian(f, x)"], "The matrix J[i, j] = ∂f_i/∂x_j, exactly; for softmax it is diag(p) − ppᵀ.",
        example: "jacobian(softmax, [2, 1, 0.1])", category: .calculus, arity: 2...2, derivative: .transparent
    ) { args in
        let f = try args.function(0)
        let x = args.values[1]
        if let direct = try closedForm(f, at: x, args) { return direct }
        let d = Differentiation(args: args, functionIndex: 0)
        let variable = try d.variable(for: x, argument: 1)
        let y = try d.trace(f, at: variable)
        if y.numbers?.isScalar == true {
            return detached(try Backpropagation.cotangent(of: variable, output: y, seed: .scalar(1), ops: d.ops), args)
        }
        return detached(try d.jacobian(of: y, wrt: variable, traced: isTraced(args)), args)
    }

    /// The Jacobian of a one-argument builtin straight from its entry: diag(f′(x)) for an elementwise
    /// function, the entry's closed form otherwise (softmax: diag(p) − ppᵀ), with no backward passes.
    private static func closedForm(_ f: Function, at x: Value, _ args: Arguments) throws -> Value? {
        guard case .builtin(let builtin) = f, builtin.arity.contains(1), case .tensor(let point) = x, point.isVector else {
            return nil
        }
        let y = try args.call(f, with: [x], from: 0)
        guard case .tensor(let output) = y else { return nil }
        switch builtin.derivative {
        case .elementwise(let derivative):
            let ops = Ops(evaluator: args.evaluator, range: args.callRange)
            return try ops.call("diag", try derivative(x, y, ops))
        case .pullback(_, let jacobian?):
            try args.checkSize([output.count, point.count])
            return .tensor(jacobian(point, output))
        default:
            return nil
        }
    }

    static let hessian = Builtin(
        "hessian", ["hessian(f, x)"], "The matrix of second derivatives ∂²f/∂x_i∂x_j, by differentiating the gradient.",
        example: "hessian(logsumexp, [2, 1, 0.1])", category: .calculus, arity: 2...2, derivative: .transparent
    ) { args in
        let d = Differentiation(args: args, functionIndex: 0)
        let variable = try d.variable(for: args.values[1], argument: 1)
        guard variable.value.rank <= 1 else {
            throw args.error("hessian needs a vector (or a number), not a \(args.values[1].kindDescription)", argument: 1)
        }
        let g = try d.gradient(of: try args.function(0), at: .traced(variable), argument: 1)
        let h = try d.jacobian(of: g, wrt: variable, traced: isTraced(args))
        return detached(variable.value.isScalar ? Tracing.gather(h, positions: [0], shape: []) : h, args)
    }

    static let jvp = Builtin(
        "jvp", ["jvp(f, x, v)"], "The Jacobian–vector product J v: how f(x) moves when x moves along v (forward mode).",
        example: "jvp(softmax, [2, 1, 0.1], [1, 0, 0])", category: .calculus, arity: 3...3, derivative: .transparent
    ) { args in
        let d = Differentiation(args: args, functionIndex: 0)
        let variable = try d.variable(for: args.values[1], argument: 1)
        try requireShape(args, 2, variable.value.shape, what: "x")
        let y = try d.trace(try args.function(0), at: variable)
        guard let yShape = y.numbers?.shape else { return y }
        // J v is the transpose of a transpose: u ↦ Jᵀu (one backward pass) is linear in u, and pulling
        // v back through that map gives J v, so one mechanism serves both directions.
        let u = Node(value: Tensor(repeating: 0, shape: yShape))
        let transposed = try Backpropagation.cotangent(of: variable, output: y, seed: .traced(u), ops: d.ops)
        return detached(try Backpropagation.cotangent(of: u, output: transposed, seed: args.values[2], ops: d.ops), args)
    }

    static let vjp = Builtin(
        "vjp", ["vjp(f, x, u)"], "The vector–Jacobian product uᵀJ: one backward pass, the heart of backpropagation.",
        example: "vjp(softmax, [2, 1, 0.1], [0, 1, 0])", category: .calculus, arity: 3...3, derivative: .transparent
    ) { args in
        let d = Differentiation(args: args, functionIndex: 0)
        let variable = try d.variable(for: args.values[1], argument: 1)
        let y = try d.trace(try args.function(0), at: variable)
        try requireShape(args, 2, y.numbers?.shape ?? [], what: "f(x)")
        return detached(try Backpropagation.cotangent(of: variable, output: y, seed: args.values[2], ops: d.ops), args)
    }

    static func requireShape(_ args: Arguments, _ i: Int, _ shape: [Int], what: String) throws {
        guard let given = args.values[i].numbers?.shape else {
            throw args.error("\(args.name) expects numbers here, not a \(args.values[i].kindDescription)", argument: i)
        }
        guard given == shape else {
            throw args.error("\(args.name) needs this to have the shape of \(what), a \(Tensor.describe(shape: shape)); got a \(Tensor.describe(shape: given))",
                             argument: i)
        }
    }
}
