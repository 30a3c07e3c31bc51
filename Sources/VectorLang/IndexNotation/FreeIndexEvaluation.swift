/// Evaluating an expression with free indices: it is the vector (one free index) or the matrix (two)
/// of its values at every assignment of the indices, as on paper, where `exp(z_i) / Σ_k exp(z_k)` is
/// softmax(z) read one element at a time.
extension Evaluator {
    /// Evaluates a statement's expression or a function's body, whose free indices (if any) are enumerated.
    func evaluateWithFreeIndices(_ expr: Expr, locals: [String: Value]) throws -> Value {
        var analysis = IndexAnalysis(evaluator: self, locals: locals)
        let free = try analysis.freeIndices(of: expr)
        guard !free.isEmpty else { return try evaluate(expr, locals: locals) }
        return try withElementLimit {
            if let arrays = try arrayEvaluation(expr, free: free, locals: locals) { return arrays }
            return try enumerate(expr, over: free, locals: locals)
        }
    }

    /// The free index letters of `expr` in alphabetical order, the order of its value's dimensions: what a
    /// checker needs to line up two expressions' values by index rather than by position.
    public func freeIndexNames(of expr: Expr, locals: [String: Value] = [:]) throws -> [String] {
        var analysis = IndexAnalysis(evaluator: self, locals: locals)
        return try analysis.freeIndices(of: expr).map(\.name)
    }

    /// Evaluates `expr` once per assignment of `free` (each bound as a local to its 1-based position) and
    /// assembles the entries, rows by the first index in alphabetical order.
    ///
    /// Entries that are traced (inside `grad`) make the result traced, so index notation can be differentiated.
    private func enumerate(_ expr: Expr, over free: [FreeIndex], locals: [String: Value]) throws -> Value {
        let shape = free.map(\.count)
        var total = 1
        for n in shape {
            let (product, overflow) = total.multipliedReportingOverflow(by: n)
            guard !overflow, product <= Tensor.maximumCount else {
                throw Diagnostic("result too large: \(shape.map(String.init).joined(separator: "×")) elements", at: expr.range,
                                 note: "the limit is \(Tensor.maximumCount) elements in one value")
            }
            total = product
        }
        try reserve(total, shape: shape, at: expr.range)
        var scalars: [Double] = []
        scalars.reserveCapacity(total)
        var traced: [(position: Int, node: Node, shape: [Int])] = []
        var inner = locals
        for index in free { inner[IndexAnalysis.rangeKey(index.name)] = .scalar(Double(index.count)) }
        let columns = free.count == 2 ? free[1].count : 1
        for position in 0..<total {
            try Interrupt.check(at: expr.range)
            inner[free[0].name] = .scalar(Double(position / columns + 1))
            if free.count == 2 { inner[free[1].name] = .scalar(Double(position % columns + 1)) }
            let entry = try evaluate(expr, locals: inner)
            guard let numbers = entry.numbers, numbers.count == 1 else {
                let at = free.map { "\($0.name) = \(inner[$0.name]?.numbers?.scalars.first.map { String(Int($0)) } ?? "?")" }
                throw Diagnostic("each entry of an expression with free indices must be one number; at \(at.joined(separator: ", ")) this is a \(entry.kindDescription)",
                                 at: expr.range, suggestion: "subscript every vector in it, as in softmax(z)_i")
            }
            scalars.append(numbers.scalars[0])
            if let node = entry.node { traced.append((position, node, numbers.shape)) }
        }
        let result = Tensor(shape: shape, scalars: scalars)
        guard !traced.isEmpty else { return .tensor(result) }
        // Each traced entry gets back its own element of the cotangent.
        return Tracing.record(result, inputs: traced.map(\.node)) { _, g in
            traced.map { Tracing.gather(g, positions: [$0.position], shape: $0.shape) }
        }
    }

    /// `z_i`, `W_ij`, `z_2` and `δ_ij` for a name that is not bound: an element of a bound vector or
    /// matrix, at the positions its letters are bound to, or the Kronecker delta of two bound indices.
    /// Nil when the name is not index notation, so the caller reports an unknown name.
    func indexedElement(_ name: String, at range: SourceRange, locals: [String: Value]) throws -> Value? {
        if IndexedName.summationLetter(name) != nil {
            throw Diagnostic("\(name) needs a body", at: range, suggestion: "write \(name)(z_k) or \(name) z_k; a body starting with - needs parentheses")
        }
        guard let parts = IndexedName.parse(name, range: range) else { return nil }
        let base = try boundValue(parts.base, locals: locals, at: range)
        if parts.isDelta, base?.numbers == nil {
            guard parts.subscripts.count == 2 else {
                throw Diagnostic("the Kronecker delta takes two indices, as in δ_ij", at: range, suggestion: "or write delta(i, j)")
            }
            let a = try subscriptNumber(parts.subscripts[0], locals: locals)
            let b = try subscriptNumber(parts.subscripts[1], locals: locals)
            return .scalar(a == b ? 1 : 0)
        }
        guard let base, let tensor = base.numbers, parts.subscripts.count <= 2 else {
            if base != nil || Builtins.named[parts.base] != nil {
                throw Diagnostic("unknown name '\(name)'", at: range, note: "\(parts.base) is not numbers, so \(name) is not one of its elements",
                                 suggestion: "to subscript a function's result, write \(parts.base)(…)_\(parts.suffix)")
            }
            return nil
        }
        if parts.subscripts.count != tensor.rank {
            // Reported before the letters are read, which may be unbound here.
            _ = try IndexNotation.flatPosition(parts.subscripts.map { _ in (1, range) }, in: tensor.shape, of: parts.base, written: name, at: range)
        }
        let positions = try parts.subscripts.map { sub -> (Int, SourceRange) in
            switch sub {
            case .position(let n, let r): return (n, r)
            case .letter(let letter, let r):
                let x = try subscriptNumber(sub, locals: locals)
                guard x.isFinite, x == x.rounded(), Swift.abs(x) < 1e15 else {
                    throw Diagnostic("index \(letter) must be a whole number, but it is \(Arguments.describe(x))", at: r)
                }
                return (Int(x), r)
            }
        }
        let flat = try IndexNotation.flatPosition(positions, in: tensor.shape, of: parts.base, written: name, at: range)
        return Tracing.gather(base, positions: [flat], shape: [])
    }

    /// The number a subscript stands for: its position, or the value its letter is bound to.
    private func subscriptNumber(_ sub: IndexedName.Subscript, locals: [String: Value]) throws -> Double {
        switch sub {
        case .position(let n, _):
            return Double(n)
        case .letter(let letter, let range):
            guard let value = try boundValue(letter, locals: locals, at: range) else {
                throw Diagnostic("index \(letter) has no range", at: range,
                                 note: "a free index runs over 1…n, n taken from a vector or matrix it subscripts")
            }
            guard let x = value.numbers?.scalarValue else {
                throw Diagnostic("index \(letter) must be one number, but it is bound to a \(value.kindDescription)", at: range)
            }
            return x
        }
    }
}

/// Positions in index notation, shared by element lookup and `partial`.
enum IndexNotation {
    /// The flat, 0-based, row-major position of the element at 1-based `positions` of a value of `shape`.
    static func flatPosition(
        _ positions: [(Int, SourceRange)], in shape: [Int], of base: String, written: String, at range: SourceRange
    ) throws -> Int {
        guard positions.count == shape.count else {
            let takes = shape.isEmpty ? "takes no index" : shape.count == 1 ? "takes one index" : "takes two indices"
            throw Diagnostic("\(base) is a \(Tensor.describe(shape: shape)) and \(takes), but \(written) has \(positions.count)",
                             at: range, suggestion: shape.count == 2 ? "a matrix element is \(base)_ij, or by number \(base)_{1,2}" : nil)
        }
        var flat = 0
        for ((position, r), size) in zip(positions, shape) {
            guard position >= 1, position <= size else {
                throw Diagnostic("index \(position) is out of range for \(base) (\(Tensor.describe(shape: shape)))", at: r,
                                 note: size == 0 ? "there are none" : "valid indices are 1…\(size)",
                                 suggestion: position == 0 ? "indices start at 1" : nil)
            }
            flat = flat * size + position - 1
        }
        return flat
    }
}
