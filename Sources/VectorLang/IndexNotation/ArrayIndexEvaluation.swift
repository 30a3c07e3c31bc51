/// Index notation computed as arrays: each free or summed letter is an axis, an element like zᵢ is the
/// whole vector laid along axis i, an operation broadcasts its operands over the axes of both, and Σₖ
/// adds along axis k. `z_i * z_j` at n = 3000 is one pass over nine million entries, not nine million
/// evaluations of the expression.
///
/// Only what this can do exactly is taken: numbers, elements of bound values with letters, δ, + − × ÷ ^,
/// elementwise functions, Σ, and a value indexed by letters (softmax(z)_i). Anything else, and anything
/// traced (inside grad or partial), is left to the element-by-element evaluation, which gives the same
/// numbers and the same errors.
extension Evaluator {
    /// A value over named axes: `tensor`'s axes are the letters `axes`, in that order.
    struct AxisValue {
        var axes: [String]
        var tensor: Tensor
    }

    /// A builtin that applies one function of a number to every element, as its entry says: by its
    /// category, or by giving f′ (`.elementwise`, as the activations do).
    static func isElementwise(_ builtin: Builtin) -> Bool {
        guard builtin.arity.contains(1) else { return false }
        if case .elementwise = builtin.derivative { return true }
        return builtin.category == .elementwise
    }

    /// The value of `expr` over its free indices, computed as arrays; nil when it is not of the kind
    /// this handles (the caller then evaluates it element by element).
    func arrayEvaluation(_ expr: Expr, free: [FreeIndex], locals: [String: Value]) throws -> Value? {
        try withElementLimit { try arrayEvaluationWithinLimit(expr, free: free, locals: locals) }
    }

    /// The most numbers any one array of this evaluation may hold: past it, the element-by-element
    /// evaluation takes over, with its single result checked against the size limit and the budget.
    /// Nil outside an evaluation of index notation.
    @TaskLocal static var elementLimit: Int?

    /// `body` with `elementLimit` set, from the budget once per evaluation: a sum evaluated again for
    /// every entry of an element-by-element table reuses it instead of walking the session's names.
    func withElementLimit<T>(_ body: () throws -> T) throws -> T {
        if Evaluator.elementLimit != nil { return try body() }
        return try Evaluator.$elementLimit.withValue(elementsAvailable) { try body() }
    }

    private func arrayEvaluationWithinLimit(_ expr: Expr, free: [FreeIndex], locals: [String: Value]) throws -> Value? {
        var sizes = Dictionary(free.map { ($0.name, $0.count) }, uniquingKeysWith: { a, _ in a })
        guard let value = try axisValue(expr, sizes: &sizes, locals: locals) else { return nil }
        let letters = free.map(\.name)
        guard Set(value.axes).isSubset(of: Set(letters)) else { return nil }
        return .tensor(Evaluator.laid(value, along: letters, sizes: sizes))
    }

    func axisValue(_ expr: Expr, sizes: inout [String: Int], locals: [String: Value]) throws -> AxisValue? {
        // Ctrl-C is seen between operations, each a single pass over at most the size limit.
        try Interrupt.check(at: expr.range)
        switch expr {
        case .number(let x, _):
            return AxisValue(axes: [], tensor: Tensor(x))
        case .variable(let name, let range):
            return try element(name, at: range, sizes: sizes, locals: locals)
        case .unary(let op, let e, _):
            guard var v = try axisValue(e, sizes: &sizes, locals: locals) else { return nil }
            if op == .negate { v.tensor = Tensor(shape: v.tensor.shape, scalars: v.tensor.scalars.map { -$0 }) }
            return v
        case .binary(let op, let a, let b, _, _) where op != .matrixProduct:
            guard let l = try axisValue(a, sizes: &sizes, locals: locals), let r = try axisValue(b, sizes: &sizes, locals: locals) else { return nil }
            return Evaluator.combined(l, r, sizes: sizes, op)
        case .call(.variable(let f, let head), let args, _) where !isBound(f, locals: locals):
            if f == "partial", args.count == 2 { return try partialAsArrays(args[0], by: args[1], sizes: &sizes, locals: locals) }
            if let k = IndexedName.summationLetter(f), Builtins.named[f] == nil, args.count == 1, sizes[k] == nil {
                var analysis = IndexAnalysis(evaluator: self, locals: locals)
                guard let n = try analysis.summationCount(k, in: args[0], head: head) else { return nil }
                sizes[k] = n
                defer { sizes[k] = nil }
                guard let body = try axisValue(args[0], sizes: &sizes, locals: locals) else { return nil }
                return Evaluator.summed(body, over: k, count: n, sizes: sizes)
            }
            if f == "delta", args.count == 2, case .variable(let a, _) = args[0], case .variable(let b, _) = args[1] {
                return Evaluator.delta(a, b, sizes: sizes)
            }
            guard args.count == 1, let builtin = Builtins.named[f], Evaluator.isElementwise(builtin),
                  let v = try axisValue(args[0], sizes: &sizes, locals: locals) else { return nil }
            let result = try apply(builtin, [.tensor(v.tensor)], ranges: [args[0].range], callRange: expr.range)
            guard case .tensor(let t) = result, t.shape == v.tensor.shape else { return nil }
            return AxisValue(axes: v.axes, tensor: t)
        case .index(let base, let subscripts, _):
            // softmax(z)_i: the value computed once, then laid along its letters.
            var letters: [String] = []
            for s in subscripts {
                guard case .single(.variable(let letter, _)) = s, sizes[letter] != nil else { return nil }
                letters.append(letter)
            }
            guard Set(letters).count == letters.count, freeLetters(in: base).isDisjoint(with: Set(sizes.keys)) else { return nil }
            guard case .tensor(let t) = try evaluate(base, locals: locals), t.rank == letters.count,
                  zip(letters, t.shape).allSatisfy({ sizes[$0.0] == $0.1 }) else { return nil }
            return AxisValue(axes: letters, tensor: t)
        default:
            return nil
        }
    }

    /// z_i, W_ij, δ_ij: a bound value's elements laid along the letters; a bound number as it is.
    private func element(_ name: String, at range: SourceRange, sizes: [String: Int], locals: [String: Value]) throws -> AxisValue? {
        guard let parts = IndexedName.parse(name, range: range) else {
            guard sizes[name] == nil, case .tensor(let t)? = try boundValue(name, locals: locals, at: range), t.isScalar else { return nil }
            return AxisValue(axes: [], tensor: t)
        }
        var letters: [String] = []
        for s in parts.subscripts {
            guard case .letter(let letter, _) = s, sizes[letter] != nil else { return nil }
            letters.append(letter)
        }
        if parts.isDelta, letters.count == 2, try boundValue(parts.base, locals: locals, at: range) == nil {
            return Evaluator.delta(letters[0], letters[1], sizes: sizes)
        }
        guard Set(letters).count == letters.count, case .tensor(let t)? = try boundValue(parts.base, locals: locals, at: range),
              t.rank == letters.count, zip(letters, t.shape).allSatisfy({ sizes[$0.0] == $0.1 }) else { return nil }
        return AxisValue(axes: letters, tensor: t)
    }

    /// The names an expression reads, with the letters of its elements (i of z_i): to tell a value with
    /// no free letters inside (softmax(z)) from one with.
    private func freeLetters(in expr: Expr) -> Set<String> {
        var found: Set<String> = []
        for (name, range) in expr.freeNames() {
            found.insert(name)
            if let parts = IndexedName.parse(name, range: range) {
                for case .letter(let l, _) in parts.subscripts { found.insert(l) }
            }
        }
        return found
    }

    /// δ over two letters: 1 where they agree. A repeated letter (δ_ii) is left to the element-wise path.
    static func delta(_ a: String, _ b: String, sizes: [String: Int]) -> AxisValue? {
        guard a != b, let n = sizes[a], let m = sizes[b], n.multipliedReportingOverflow(by: m).partialValue <= elementLimit ?? Tensor.maximumCount else { return nil }
        var scalars = [Double](repeating: 0, count: n * m)
        for i in 0..<min(n, m) { scalars[i * m + i] = 1 }
        return AxisValue(axes: [a, b], tensor: Tensor(shape: [n, m], scalars: scalars))
    }

    /// Two values over the union of their axes, combined entry by entry by `op` (nil: the right one's
    /// entry, to lay a value out over more axes); nil when that would be too large.
    static func combined(_ l: AxisValue, _ r: AxisValue, sizes: [String: Int], _ op: BinaryOperator?) -> AxisValue? {
        let axes = (l.axes + r.axes.filter { !l.axes.contains($0) })
        guard let total = count(axes, sizes: sizes) else { return nil }
        let left = strides(of: l, along: axes, sizes: sizes), right = strides(of: r, along: axes, sizes: sizes)
        let shape = axes.map { sizes[$0] ?? 1 }
        let a = l.tensor.scalars, b = r.tensor.scalars
        // One loop per operator, so each is compiled with its arithmetic inline: the last axis runs
        // innermost, with the operands' positions moved by their strides (0 along an axis they lack).
        // Every entry is written exactly once, so the array is not zeroed first.
        func fill(_ out: UnsafeMutableBufferPointer<Double>, _ f: (Double, Double) -> Double) {
            let last = axes.count - 1
            guard last >= 0 else { out[0] = f(a[0], b[0]); return }
            let n = shape[last], ls = left[last], rs = right[last]
            var counter = [Int](repeating: 0, count: axes.count)
            var li = 0, ri = 0, position = 0
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    while position < total {
                        var x = li, y = ri
                        for p in position..<(position + n) {
                            out[p] = f(a[x], b[y])
                            x += ls
                            y += rs
                        }
                        position += n
                        var axis = last - 1
                        while axis >= 0 {
                            counter[axis] += 1
                            li += left[axis]
                            ri += right[axis]
                            if counter[axis] < shape[axis] { break }
                            li -= left[axis] * shape[axis]
                            ri -= right[axis] * shape[axis]
                            counter[axis] = 0
                            axis -= 1
                        }
                    }
                }
            }
        }
        let scalars = [Double](unsafeUninitializedCapacity: total) { out, initialized in
            switch op {
            case .add?: fill(out, +)
            case .subtract?: fill(out, -)
            case .multiply?: fill(out, *)
            case .divide?: fill(out, /)
            case .power?, .matrixProduct?: fill(out, _pow)
            case nil: fill(out) { _, y in y }
            }
            initialized = total
        }
        return AxisValue(axes: axes, tensor: Tensor(shape: shape, scalars: scalars))
    }

    /// Σ over axis k; a body without k is n times itself.
    static func summed(_ body: AxisValue, over k: String, count n: Int, sizes: [String: Int]) -> AxisValue? {
        guard let at = body.axes.firstIndex(of: k) else {
            return AxisValue(axes: body.axes, tensor: Tensor(shape: body.tensor.shape, scalars: body.tensor.scalars.map { $0 * Double(n) }))
        }
        let shape = body.tensor.shape
        let outer = shape[..<at].reduce(1, *), inner = shape[(at + 1)...].reduce(1, *)
        var scalars = [Double](repeating: 0, count: outer * inner)
        for o in 0..<outer {
            for kk in 0..<shape[at] {
                let base = (o * shape[at] + kk) * inner
                for i in 0..<inner { scalars[o * inner + i] += body.tensor.scalars[base + i] }
            }
        }
        var axes = body.axes
        axes.remove(at: at)
        var kept = shape
        kept.remove(at: at)
        return AxisValue(axes: axes, tensor: Tensor(shape: kept, scalars: scalars))
    }

    /// The value laid out over `letters` in that order, repeated along any it lacks.
    static func laid(_ v: AxisValue, along letters: [String], sizes: [String: Int]) -> Tensor {
        if v.axes == letters { return v.tensor }
        let one = AxisValue(axes: letters, tensor: Tensor(shape: letters.map { sizes[$0] ?? 1 }, scalars: [Double](repeating: 0, count: count(letters, sizes: sizes) ?? 0)))
        return combined(one, v, sizes: sizes, nil)?.tensor ?? v.tensor
    }

    /// For each of `axes`, how far one step along it moves in `v`'s scalars (0 where `v` lacks it).
    static func strides(of v: AxisValue, along axes: [String], sizes: [String: Int]) -> [Int] {
        var own: [String: Int] = [:]
        var stride = 1
        for (axis, n) in zip(v.axes, v.tensor.shape).reversed() {
            own[axis] = stride
            stride *= n
        }
        return axes.map { own[$0] ?? 0 }
    }

    static func count(_ axes: [String], sizes: [String: Int]) -> Int? {
        var total = 1
        for a in axes {
            let (p, overflow) = total.multipliedReportingOverflow(by: sizes[a] ?? 1)
            guard !overflow, p <= elementLimit ?? Tensor.maximumCount else { return nil }
            total = p
        }
        return total
    }
}
