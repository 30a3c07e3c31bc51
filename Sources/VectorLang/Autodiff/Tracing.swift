/// Recording operations on traced values: the evaluator's hook for automatic differentiation.
extension Evaluator {
    /// Runs a builtin whose arguments include traced values: the kernel computes on plain numbers,
    /// and the builtin's `Derivative` says how cotangents flow back.
    func applyTraced(_ builtin: Builtin, _ values: [Value], ranges: [SourceRange], callRange: SourceRange) throws -> Value {
        let output = try builtin.kernel(
            Arguments(name: builtin.name, values: values.map(\.primal), ranges: ranges, callRange: callRange, evaluator: self))
        guard case .tensor(let y) = output else { return output }
        let traced = values.indices.filter { values[$0].node != nil }
        var ops = Ops(evaluator: self, range: callRange)
        ops.name = builtin.name
        switch builtin.derivative {
        case .none, .transparent:
            return output
        case .unsupported(let reason):
            throw Diagnostic("cannot differentiate through \(builtin.name): \(reason)", at: callRange)
        case .elementwise(let derivative):
            guard traced == [0] else {
                throw Diagnostic("cannot differentiate \(builtin.name) with respect to its parameter", at: ranges[traced.last ?? 0])
            }
            return Tracing.record(y, inputs: traced.compactMap { values[$0].node }) { output, g in
                [try ops.multiply(g, try derivative(values[0], output, ops))]
            }
        case .pullback(let rule, _):
            return Tracing.record(y, inputs: traced.compactMap { values[$0].node }) { output, g in
                let all = try rule(PullbackInput(inputs: values, output: output, cotangent: g, ops: ops))
                return traced.map { $0 < all.count ? all[$0] : nil }
            }
        }
    }
}

enum Tracing {
    /// A traced value computed from `inputs`; `pullback` gets the traced output itself (so a rule can use
    /// y = f(x), as exp′ = exp does) and the output's cotangent, and returns one cotangent per input.
    static func record(_ value: Tensor, inputs: [Node], pullback: @escaping (Value, Value) throws -> [Value?]) -> Value {
        let node = Node(value: value, inputs: inputs)
        // Unowned: the pullback runs only while the node is being visited, so it is alive; a strong
        // reference would be a cycle.
        node.pullback = { [unowned node] g in try pullback(.traced(node), g) }
        return .traced(node)
    }

    /// The elements of `x` at flat `positions`, in `shape`; its pullback scatters back.
    static func gather(_ x: Value, positions: [Int], shape: [Int]) -> Value {
        guard let source = x.numbers else { return x }
        let out = Tensor(shape: shape, scalars: positions.map { source.scalars[$0] })
        guard let node = x.node else { return .tensor(out) }
        return record(out, inputs: [node]) { _, g in [scatter(g, positions: positions, shape: source.shape)] }
    }

    /// Zeros of `shape` with `g`'s elements added at flat `positions`; the adjoint of `gather`.
    static func scatter(_ g: Value, positions: [Int], shape: [Int]) -> Value {
        guard let values = g.numbers else { return g }
        var out = Tensor(repeating: 0, shape: shape)
        for (k, p) in positions.enumerated() { out.scalars[p] += values.scalars[k] }
        guard let node = g.node else { return .tensor(out) }
        return record(out, inputs: [node]) { _, h in [gather(h, positions: positions, shape: values.shape)] }
    }
}
