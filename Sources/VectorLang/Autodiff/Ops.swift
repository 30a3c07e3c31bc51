/// Differentiable operations for writing pullbacks: each goes through the evaluator's one door, so
/// it is recorded when its inputs are traced, and a pullback can itself be differentiated.
public struct Ops {
    let evaluator: Evaluator
    /// Where the operation being differentiated was written, for the rare error inside a pullback.
    let range: SourceRange
    /// The builtin being differentiated, for messages.
    var name: String?

    /// Calls the builtin `name` on `values`.
    public func call(_ name: String, _ values: Value...) throws -> Value {
        guard let builtin = Builtins.named[name] else {
            throw Diagnostic("internal error: no builtin named \(name) for a derivative", at: range)
        }
        return try evaluator.apply(builtin, values, ranges: values.map { _ in range }, callRange: range)
    }

    public func add(_ a: Value, _ b: Value) throws -> Value { try call("+", a, b) }
    public func subtract(_ a: Value, _ b: Value) throws -> Value { try call("-", a, b) }
    public func multiply(_ a: Value, _ b: Value) throws -> Value { try call("*", a, b) }
    public func divide(_ a: Value, _ b: Value) throws -> Value { try call("/", a, b) }
    public func negate(_ a: Value) throws -> Value { try call("neg", a) }
    public func matrixProduct(_ a: Value, _ b: Value) throws -> Value { try call("@", a, b) }
    public func transpose(_ a: Value) throws -> Value { try call("transpose", a) }
    public func sum(_ a: Value) throws -> Value { try call("sum", a) }

    /// Records that a derivative was taken exactly at a kink (where `isKink` holds for an element of `x`).
    public func noteKink(_ description: String, at x: Value, where isKink: (Double) -> Bool) {
        if x.numbers?.scalars.contains(where: isKink) == true { evaluator.kinks.insert(description) }
    }

    /// Numbers that do not depend on anything traced (a derivative that is piecewise constant).
    public func constant(_ x: Value, _ f: (Double) -> Double) -> Value {
        .tensor(x.numbers?.map(f) ?? Tensor(.nan))
    }

    /// `c − a`, for a number c.
    public func subtract(from c: Double, _ a: Value) throws -> Value { try subtract(.scalar(c), a) }
    public func scale(_ a: Value, by c: Double) throws -> Value { try multiply(a, .scalar(c)) }

    /// Each element replaced by the sum of its row (a vector: by the sum of everything), for the row-wise
    /// softmax family: ⟨g, p⟩ taken per example of a batch.
    public func rowSums(_ v: Value) throws -> Value {
        guard let shape = v.numbers?.shape, shape.count == 2 else { return try sum(v) }
        return try call("outer", try call("sum", v, .scalar(2)), .tensor(Tensor(repeating: 1, shape: [shape[1]])))
    }

    /// `g` spread back over `shape` the way a reduction along `dimension` (nil: everything) collected it.
    public func expand(_ g: Value, to shape: [Int], dimension: Int?) throws -> Value {
        let ones = Value.tensor(Tensor(repeating: 1, shape: shape))
        guard shape.count == 2, let dimension else { return try multiply(g, ones) }
        return dimension == 1 ? try multiply(ones, g) : try call("outer", g, .tensor(Tensor(repeating: 1, shape: [shape[1]])))
    }

    /// Sums a cotangent down to the shape of an input that was broadcast: a scalar gets the sum of
    /// everything, a vector that repeated along a matrix's rows gets the column sums.
    public func unbroadcast(_ g: Value, to shape: [Int]) throws -> Value {
        guard let gShape = g.numbers?.shape, gShape != shape else { return g }
        if shape.isEmpty || shape.reduce(1, *) == 1 && gShape.count > shape.count {
            let total = try sum(g)
            return shape.isEmpty ? total : try reshape(total, to: shape)
        }
        if shape.count == 1, gShape.count == 2 { return try call("sum", g, .scalar(1)) }
        return g
    }

    /// The same numbers in another shape of the same count (for a one-element vector or matrix).
    func reshape(_ a: Value, to shape: [Int]) throws -> Value {
        try multiply(a, .tensor(Tensor(repeating: 1, shape: shape)))
    }
}
