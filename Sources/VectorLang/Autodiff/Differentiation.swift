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

    /// The matrix of ∂y_i/∂x_j (entries of matrices counted row by row).
    ///
    /// When the result is plain numbers (`traced` false), it is written into one buffer a row (one
    /// backward pass) or, for a tall Jacobian, a column (one pass back through the transposed map, as
    /// `jvp` does) at a time, and each pass's trace is dropped as soon as its numbers are copied: peak
    /// memory is the result plus one pass. A derivative inside another keeps every row traced.
    func jacobian(of output: Value, wrt variable: Node, traced: Bool) throws -> Value {
        guard let y = output.numbers else { return output }
        let n = variable.value.count, m = y.count
        try args.checkSize([m, n])
        guard !traced else { return try tracedJacobian(of: output, wrt: variable, rows: m, columns: n) }
        var scalars = [Double](repeating: 0, count: m * n)
        if m > 2 * n {
            let u = Node(value: Tensor(repeating: 0, shape: y.shape))
            let transposed = try Backpropagation.cotangent(of: variable, output: output, seed: .traced(u), ops: ops)
            for j in 0..<n {
                try args.checkInterrupt()
                var seed = Tensor(repeating: 0, shape: variable.value.shape)
                seed.scalars[j] = 1
                let column = try Backpropagation.cotangent(of: u, output: transposed, seed: .tensor(seed), ops: ops)
                guard let numbers = column.numbers, numbers.count == m else { throw internalError() }
                for i in 0..<m { scalars[i * n + j] = numbers.scalars[i] }
            }
        } else {
            for i in 0..<m {
                try args.checkInterrupt()
                var seed = Tensor(repeating: 0, shape: y.shape)
                seed.scalars[i] = 1
                let row = try Backpropagation.cotangent(of: variable, output: output, seed: .tensor(seed), ops: ops)
                guard let numbers = row.numbers, numbers.count == n else { throw internalError() }
                scalars.replaceSubrange((i * n)..<((i + 1) * n), with: numbers.scalars)
            }
        }
        return .tensor(Tensor(rows: m, columns: n, scalars: scalars))
    }

    /// The Jacobian as a traced value, for a derivative of a derivative: every row keeps its trace.
    private func tracedJacobian(of output: Value, wrt variable: Node, rows m: Int, columns n: Int) throws -> Value {
        var rows: [Value] = []
        for i in 0..<m {
            try args.checkInterrupt()
            var seed = Tensor(repeating: 0, shape: output.numbers?.shape ?? [])
            seed.scalars[i] = 1
            let row = try Backpropagation.cotangent(of: variable, output: output, seed: .tensor(seed), ops: ops)
            rows.append(Tracing.gather(row, positions: Array(0..<n), shape: [n]))
        }
        return try ArrayLiteral.stack(rows, rows: m, columns: n, range: args.callRange)
    }

    private func internalError() -> Diagnostic {
        Diagnostic("internal error: a backward pass gave the wrong number of entries", at: args.callRange)
    }
}
