/// Reverse accumulation of cotangents through recorded nodes.
enum Backpropagation {
    /// The cotangent of `target`, given the cotangent `seed` of `output`.
    ///
    /// Only nodes on a path from `output` to `target` are visited, in reverse topological order, and
    /// the walk stops at `target`: when `target` was itself computed from outer traced values (a nested
    /// derivative), the result stays a traced function of them.
    static func cotangent(of target: Node, output: Value, seed: Value, ops: Ops) throws -> Value {
        guard let root = output.node else { return try zeros(like: target, ops: ops) }
        let order = try topologicalOrder(from: root, to: target, ops: ops)
        var cotangents: [ObjectIdentifier: Value] = [ObjectIdentifier(root): seed]
        for node in order.reversed() where node !== target {
            try Interrupt.check(at: ops.range)
            guard let g = cotangents.removeValue(forKey: ObjectIdentifier(node)), let pullback = node.pullback else { continue }
            let contributions = try pullback(g)
            for (input, contribution) in zip(node.inputs, contributions) {
                guard let contribution, order.contains(input) else { continue }
                let key = ObjectIdentifier(input)
                cotangents[key] = try cotangents[key].map { try ops.add($0, contribution) } ?? contribution
            }
        }
        return try cotangents[ObjectIdentifier(target)] ?? zeros(like: target, ops: ops)
    }

    static func zeros(like node: Node, ops: Ops) throws -> Value {
        .tensor(Tensor(repeating: 0, shape: node.value.shape))
    }

    /// The nodes that lie on a path from `root` down to `target`, each after all its inputs.
    ///
    /// Iterative, so a long chain of operations cannot overflow the stack.
    static func topologicalOrder(from root: Node, to target: Node, ops: Ops) throws -> NodeSet {
        var reaches: [ObjectIdentifier: Bool] = [ObjectIdentifier(target): true]
        var order = NodeSet()
        var stack: [(Node, Int)] = [(root, 0)]
        while let (node, next) = stack.popLast() {
            let id = ObjectIdentifier(node)
            if reaches[id] != nil && next == 0 { continue }
            if next < node.inputs.count {
                stack.append((node, next + 1))
                let input = node.inputs[next]
                if reaches[ObjectIdentifier(input)] == nil { stack.append((input, 0)) }
                continue
            }
            let reachesTarget = node.inputs.contains { reaches[ObjectIdentifier($0)] == true }
            reaches[id] = reachesTarget
            if reachesTarget { order.append(node) }
        }
        order.append(target)
        return order
    }
}

/// Nodes in an order, with constant-time membership.
struct NodeSet {
    private(set) var nodes: [Node] = []
    private var members: Set<ObjectIdentifier> = []

    mutating func append(_ node: Node) {
        if members.insert(ObjectIdentifier(node)).inserted { nodes.append(node) }
    }

    func contains(_ node: Node) -> Bool { members.contains(ObjectIdentifier(node)) }

    func reversed() -> ReversedCollection<[Node]> { nodes.reversed() }
}
