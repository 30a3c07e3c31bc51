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
        return try expand(try call("sum", v, .scalar(2)), to: shape)
    }

    /// `g` spread back over `shape`, the way a reduction collected it: a number over everything, the
    /// column of `sum(A, 2)` along the rows, the row of `sum(A, 1)` down the columns (by broadcasting).
    public func expand(_ g: Value, to shape: [Int]) throws -> Value {
        try multiply(g, .tensor(Tensor(repeating: 1, shape: shape)))
    }

    /// Sums a cotangent down to the shape of an input that was broadcast: over the rows where the input
    /// had one row (a row, a number), over the columns where it had one column (a vector, which is a
    /// column, or a number).
    public func unbroadcast(_ g: Value, to shape: [Int]) throws -> Value {
        guard let gShape = g.numbers?.shape, gShape != shape else { return g }
        let input = Tensor.matrixShape(of: shape), output = Tensor.matrixShape(of: gShape)
        let (overRows, overColumns) = (input.rows == 1 && output.rows > 1, input.columns == 1 && output.columns > 1)
        var summed = g
        if overRows && overColumns {
            summed = try sum(g)
        } else if overRows {
            summed = try call("sum", g, .scalar(1))
        } else if overColumns {
            summed = try call("sum", g, .scalar(2))
        }
        return reshape(summed, to: shape)
    }

    /// The same numbers in another shape of the same count (a vector as an n×1 or 1×n matrix, a number
    /// as a one-element vector), differentiably; anything else is returned as it is.
    public func reshape(_ a: Value, to shape: [Int]) -> Value {
        guard let t = a.numbers, t.shape != shape, t.count == shape.reduce(1, *) else { return a }
        return Tracing.gather(a, positions: Array(0..<t.count), shape: shape)
    }
}

// MARK: - Fused operations

/// Compositions that pullbacks of large vectors spend most of their time in, computed in one pass into one
/// array. Each gives the same numbers as the composition it replaces, operation for operation, and is
/// differentiable the same way: with a traced input, the result records a node whose pullback is the
/// composition's, written with the operations above.
extension Ops {
    /// g · (y / (p + [y = 0])) elementwise, for a one-number g: the cotangent cross-entropy sends to p.
    ///
    /// `multiply(g, divide(y, add(p, constant(y) { $0 == 0 ? 1 : 0 })))`: where y_i = 0 the term is absent,
    /// even at p_i = 0, so it divides by p_i + 1 there instead of 0.
    public func crossEntropyQuotient(_ g: Value, _ y: Value, _ p: Value) throws -> Value {
        guard let gv = g.numbers, gv.isScalar, let yv = y.numbers, let pv = p.numbers, yv.shape == pv.shape else {
            return try multiply(g, try divide(y, try absentTermsShifted(p, y)))
        }
        try Interrupt.check(at: range)
        let c = gv.scalars[0]
        let value = VectorMath.array(count: pv.count) { q in
            yv.scalars.withUnsafeBufferPointer { py in
                pv.scalars.withUnsafeBufferPointer { pp in
                    for i in 0..<q.count { q[i] = c * (py[i] / (pp[i] + (py[i] == 0 ? 1 : 0))) }
                }
            }
        }
        return record(Tensor(shape: pv.shape, scalars: value), from: [g, y, p]) { cotangent, needs in
            // multiply(g, u) sends (cotangent · u, cotangent · g); divide(y, safeP) sends w = (cotangent · g) / safeP
            // to y and −w · (y / safeP) to safeP, which add passes on to p.
            let safeP = try absentTermsShifted(p, y)
            let u = try divide(y, safeP)
            let w = needs(1) || needs(2) ? try divide(try multiply(cotangent, g), safeP) : nil
            return [
                needs(0) ? try unbroadcast(try multiply(cotangent, u), to: gv.shape) : nil,
                w,
                try w.map { try negate(try multiply($0, u)) },
            ]
        }
    }

    /// y ⊙ (g − s), for s one number or of y's shape: the last step of softmax's pullback.
    ///
    /// `multiply(y, subtract(g, s))`.
    public func productWithDifference(_ y: Value, _ g: Value, _ s: Value) throws -> Value {
        guard let yv = y.numbers, let gv = g.numbers, let sv = s.numbers, yv.shape == gv.shape, sv.isScalar || sv.shape == yv.shape else {
            return try multiply(y, try subtract(g, s))
        }
        try Interrupt.check(at: range)
        let value = VectorMath.array(count: yv.count) { out in
            yv.scalars.withUnsafeBufferPointer { py in
                gv.scalars.withUnsafeBufferPointer { pg in
                    sv.scalars.withUnsafeBufferPointer { ps in
                        if sv.isScalar {
                            let s = ps[0]
                            for i in 0..<out.count { out[i] = py[i] * (pg[i] - s) }
                        } else {
                            for i in 0..<out.count { out[i] = py[i] * (pg[i] - ps[i]) }
                        }
                    }
                }
            }
        }
        return record(Tensor(shape: yv.shape, scalars: value), from: [y, g, s]) { cotangent, needs in
            // multiply(y, d) sends (cotangent · d, e = cotangent · y); subtract(g, s) sends (e, −e), each summed
            // down to its input's shape.
            let e = needs(1) || needs(2) ? try multiply(cotangent, y) : nil
            return [
                needs(0) ? try multiply(cotangent, try subtract(g, s)) : nil,
                try e.map { try unbroadcast($0, to: gv.shape) },
                needs(2) ? try e.map { try unbroadcast(try negate($0), to: sv.shape) } : nil,
            ]
        }
    }

    /// p with 1 added where y = 0.
    private func absentTermsShifted(_ p: Value, _ y: Value) throws -> Value {
        try add(p, constant(y) { $0 == 0 ? 1 : 0 })
    }

    /// `value`, computed by a fused kernel from `inputs`: plain numbers when none is traced, else a recorded
    /// node whose pullback returns a cotangent for each input (nil where `needs` is false).
    private func record(_ value: Tensor, from inputs: [Value],
                        pullback: @escaping (_ cotangent: Value, _ needs: (Int) -> Bool) throws -> [Value?]) -> Value {
        let traced = inputs.indices.filter { inputs[$0].node != nil }
        guard !traced.isEmpty else { return .tensor(value) }
        return Tracing.record(value, inputs: traced.compactMap { inputs[$0].node }) { _, cotangent in
            let all = try pullback(cotangent) { traced.contains($0) }
            return traced.map { $0 < all.count ? all[$0] : nil }
        }
    }
}
