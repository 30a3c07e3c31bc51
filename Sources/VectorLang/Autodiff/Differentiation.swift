/// The mechanics behind `grad`, `jacobian`, `hessian`, `jvp` and `vjp`: trace a function at a point,
/// then pull cotangents back.
struct Differentiation {
    let args: Arguments
    /// Which argument of the call is the function (errors inside it point there).
    let functionIndex: Int

    var ops: Ops { Ops(evaluator: args.evaluator, range: args.callRange) }

    /// A fresh variable standing for `x`: a leaf, or, when `x` is itself traced (a derivative of a
    /// derivative), an identity of it, so the result stays a function of the outer variable.
    func variable(for x: Value, argument: Int) throws -> Node {
        guard let value = x.numbers else {
            throw args.error("\(args.name) differentiates with respect to numbers, not a \(x.kindDescription)", argument: argument)
        }
        guard let outer = x.node else { return Node(value: value) }
        let node = Node(value: value, inputs: [outer])
        node.pullback = { g in [g] }
        return node
    }

    /// f(variable), checked to be numbers.
    func trace(_ f: Function, at variable: Node) throws -> Value {
        let y = try args.call(f, with: [.traced(variable)], from: functionIndex)
        guard y.numbers != nil else {
            throw args.error("\(args.name) needs a function that returns numbers; this one returned a \(y.kindDescription)",
                             argument: functionIndex)
        }
        return y
    }

    /// ∇f(x) for a function with a one-number result.
    func gradient(of f: Function, at x: Value, argument: Int) throws -> Value {
        let variable = try variable(for: x, argument: argument)
        let y = try trace(f, at: variable)
        guard let shape = y.numbers?.shape, shape.reduce(1, *) == 1 else {
            throw args.error("grad needs a function with a single-number result; this one returned a \(y.kindDescription)",
                             argument: functionIndex,
                             suggestion: "for a vector-valued function use jacobian, or reduce it first (sum, a loss)")
        }
        return try Backpropagation.cotangent(of: variable, output: y, seed: .tensor(Tensor(repeating: 1, shape: shape)), ops: ops)
    }

    /// The matrix of ∂y_i/∂x_j (entries of matrices counted row by row), one backward pass per output.
    func jacobian(of output: Value, wrt variable: Node) throws -> Value {
        guard let y = output.numbers else { return output }
        let n = variable.value.count, m = y.count
        try args.checkSize([m, n])
        var rows: [Value] = []
        for i in 0..<m {
            try args.checkInterrupt()
            var seed = Tensor(repeating: 0, shape: y.shape)
            seed.scalars[i] = 1
            let row = try Backpropagation.cotangent(of: variable, output: output, seed: .tensor(seed), ops: ops)
            rows.append(Tracing.gather(row, positions: Array(0..<n), shape: [n]))
        }
        return try ArrayLiteral.stack(rows, rows: m, columns: n, range: args.callRange)
    }
}
