/// A number recorded for reverse-mode differentiation: its value, the traced values it was computed
/// from, and how to send a cotangent back to them.
///
/// Pullbacks are written with the same builtins as everything else, so when their inputs are traced
/// they are recorded too: differentiating a gradient (a Hessian, a Jacobian–vector product) needs no
/// second mechanism. A gradient is always taken with respect to one particular node, so nested
/// derivatives never confuse their perturbations.
public final class Node {
    public let value: Tensor
    private(set) var inputs: [Node]
    /// Given the cotangent of `value`, the cotangent of each of `inputs` (nil: no contribution).
    var pullback: ((Value) throws -> [Value?])?

    init(value: Tensor, inputs: [Node] = [], pullback: ((Value) throws -> [Value?])? = nil) {
        self.value = value
        self.inputs = inputs
        self.pullback = pullback
    }

    /// Releases a long chain of nodes one at a time: the default, recursive release of a tape of a
    /// million operations would overflow the stack.
    deinit {
        var pending = inputs
        inputs = []
        pullback = nil
        while var node = pending.popLast() {
            guard isKnownUniquelyReferenced(&node) else { continue }
            pending.append(contentsOf: node.inputs)
            node.inputs = []
            node.pullback = nil
        }
    }
}

extension Value {
    /// The numbers of a value, whether traced or not.
    public var numbers: Tensor? {
        switch self {
        case .tensor(let t): return t
        case .traced(let node): return node.value
        default: return nil
        }
    }

    var node: Node? {
        if case .traced(let node) = self { return node }
        return nil
    }

    /// The value with its tracing removed, as kernels see it.
    var primal: Value {
        if case .traced(let node) = self { return .tensor(node.value) }
        return self
    }
}
