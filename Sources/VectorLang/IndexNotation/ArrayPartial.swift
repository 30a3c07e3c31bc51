/// `partial(f, z_j)` computed as arrays, by forward mode: alongside each value over its axes goes its
/// derivative by z_j, the same value with axis j added. ∂zᵢ/∂zⱼ is δᵢⱼ, and each operation carries the
/// derivative by its rule (product, quotient, chain), so the whole Jacobian comes out of one pass over
/// the expression instead of one automatic differentiation per entry.
///
/// Only a vector variable by a free letter, and only the forms `axisValue` takes, with each elementwise
/// function's derivative read from its builtin entry; anything else is left to the element-by-element
/// evaluation.
extension Evaluator {
    /// A value and its derivative by the variable (nil: zero, the value does not depend on it).
    private struct Dual {
        var value: AxisValue
        var derivative: AxisDerivative?
    }

    /// A derivative by z_j: entries over the value's axes and j, or, while it is one, δ_aj times a value
    /// with no axis j. ∂z_a/∂z_j is δ_aj; products, quotients and the chain rule keep that form, and Σ_a
    /// contracts it (Σ_a δ_aj·v_a = v_j), so δ is never laid out as an n×n table of mostly zeros.
    private enum AxisDerivative {
        case dense(AxisValue)
        case diagonal(a: String, scale: AxisValue)
    }

    func partialAsArrays(_ f: Expr, by wrt: Expr, sizes: inout [String: Int], locals: [String: Value]) throws -> AxisValue? {
        guard case .variable(let name, let range) = wrt, let parts = IndexedName.parse(name, range: range), !parts.isDelta,
              parts.subscripts.count == 1, case .letter(let j, _) = parts.subscripts[0], let n = sizes[j],
              case .tensor(let z)? = try boundValue(parts.base, locals: locals, at: range), z.rank == 1, z.count == n else { return nil }
        // The derivative is taken out of the dual, so nothing else holds its numbers when they are edited below.
        let taken: AxisDerivative?
        do {
            guard var found = try dual(f, variable: parts.base, letter: j, sizes: &sizes, locals: locals) else { return nil }
            taken = found.derivative.take()
        } catch is TooLarge {
            return nil
        }
        // Zero by z_j where nothing depends on it; the caller lays the result over every free letter.
        guard let derivative = taken else {
            return AxisValue(axes: [j], tensor: Tensor(shape: [n], scalars: [Double](repeating: 0, count: n)))
        }
        guard var d = try? Evaluator.dense(consume derivative, letter: j, sizes: sizes) else { return nil }
        // A product with a zero of δ gives −0 where element-by-element differentiation gives 0: written as 0.
        d.tensor.scalars.withUnsafeMutableBufferPointer { entries in
            for i in entries.indices where entries[i] == 0 { entries[i] = 0 }
        }
        return d
    }

    private func dual(_ expr: Expr, variable: String, letter j: String, sizes: inout [String: Int], locals: [String: Value]) throws -> Dual? {
        func go(_ e: Expr) throws -> Dual? { try dual(e, variable: variable, letter: j, sizes: &sizes, locals: locals) }
        switch expr {
        case .number:
            return try axisValue(expr, sizes: &sizes, locals: locals).map { Dual(value: $0, derivative: nil) }
        case .variable(let name, let range):
            guard let value = try axisValue(expr, sizes: &sizes, locals: locals) else { return nil }
            guard let parts = IndexedName.parse(name, range: range), parts.base == variable else {
                // The variable itself without a letter, or a definition (p := softmax(z)) that may depend
                // on it, is left to the element-by-element path; any other bound name is a constant.
                let base = IndexedName.parse(name, range: range)?.base ?? name
                return name == variable || environment.definition(named: base) != nil ? nil : Dual(value: value, derivative: nil)
            }
            guard parts.subscripts.count == 1, case .letter(let a, _) = parts.subscripts[0] else { return nil }
            // ∂z_a/∂z_j = δ_aj; ∂z_j/∂z_j = 1.
            if a == j, let n = sizes[j] {
                return Dual(value: value, derivative: .dense(AxisValue(axes: [j], tensor: Tensor(shape: [n], scalars: [Double](repeating: 1, count: n)))))
            }
            return Dual(value: value, derivative: .diagonal(a: a, scale: AxisValue(axes: [], tensor: Tensor(1))))
        case .unary(let op, let e, _):
            guard var d = try go(e) else { return nil }
            if op == .negate {
                d.value = Evaluator.scaled(d.value, -1)
                d.derivative = d.derivative.map { Evaluator.scaled($0, -1) }
            }
            return d
        case .binary(let op, let a, let b, _, _) where op != .matrixProduct:
            guard let l = try go(a), let r = try go(b), let value = Evaluator.combined(l.value, r.value, sizes: sizes, op) else { return nil }
            let d: AxisDerivative?
            switch op {
            case .add, .subtract:
                d = try Evaluator.sum(l.derivative, r.derivative, sign: op == .add ? 1 : -1, letter: j, sizes: sizes)
            case .multiply:
                d = try Evaluator.sum(try Evaluator.combined(l.derivative, r.value, .multiply, letter: j, sizes: sizes),
                                      try Evaluator.combined(r.derivative, l.value, .multiply, letter: j, sizes: sizes), letter: j, sizes: sizes)
            case .divide:
                // (l/r)′ = l′/r − (l/r)·r′/r
                let first = try Evaluator.combined(l.derivative, r.value, .divide, letter: j, sizes: sizes)
                var second: AxisDerivative?
                if r.derivative != nil {
                    let ratio = try Evaluator.fits(Evaluator.combined(value, r.value, sizes: sizes, .divide))
                    second = try Evaluator.combined(r.derivative, ratio, .multiply, letter: j, sizes: sizes)
                }
                d = try Evaluator.sum(first, second, sign: -1, letter: j, sizes: sizes)
            case .power:
                guard r.derivative == nil, r.value.axes.isEmpty, r.value.tensor.count == 1 else { return nil }
                let e = r.value.tensor.scalars[0]
                let lower = AxisValue(axes: l.value.axes, tensor: Tensor(shape: l.value.tensor.shape, scalars: l.value.tensor.scalars.map { e * _pow($0, e - 1) }))
                d = try Evaluator.combined(l.derivative, lower, .multiply, letter: j, sizes: sizes)
            case .matrixProduct:
                return nil
            }
            return Dual(value: value, derivative: d)
        case .call(.variable(let f, let head), let args, _) where !isBound(f, locals: locals) && args.count == 1:
            if let k = IndexedName.summationLetter(f), Builtins.named[f] == nil, sizes[k] == nil, k != j {
                var analysis = IndexAnalysis(evaluator: self, locals: locals)
                guard let n = try analysis.summationCount(k, in: args[0], head: head) else { return nil }
                sizes[k] = n
                defer { sizes[k] = nil }
                guard let body = try go(args[0]), let value = Evaluator.summed(body.value, over: k, count: n, sizes: sizes) else { return nil }
                guard let derivative = body.derivative else { return Dual(value: value, derivative: nil) }
                return Dual(value: value, derivative: try Evaluator.summed(derivative, over: k, count: n, letter: j, sizes: sizes))
            }
            guard let u = try go(args[0]), let value = try axisValue(expr, sizes: &sizes, locals: locals) else { return nil }
            guard let du = u.derivative else { return Dual(value: value, derivative: nil) }
            guard value.axes == u.value.axes, let builtin = Builtins.named[f],
                  let slopes = try slopes(of: builtin, at: u.value.tensor, value.tensor, range: expr.range) else { return nil }
            let factor = AxisValue(axes: value.axes, tensor: slopes)
            return Dual(value: value, derivative: try Evaluator.combined(du, factor, .multiply, letter: j, sizes: sizes))
        case .index(.call(.variable(let f, _), let args, _), let subscripts, _)
            where (f == "softmax" || f == "log_softmax") && args.count == 1 && subscripts.count == 1 && !isBound(f, locals: locals):
            // softmax(z)_a: ∂p_a/∂z_j = p_a(δ_aj − p_j); log_softmax(z)_a: δ_aj − p_j. Only of the variable itself.
            guard case .variable(let name, _) = args[0], name == variable, case .single(.variable(let a, _)) = subscripts[0], a != j,
                  let value = try axisValue(expr, sizes: &sizes, locals: locals), let n = sizes[j],
                  case .tensor(let z)? = try boundValue(variable, locals: locals, at: expr.range) else {
                return Evaluator.mentions(expr, variable) ? nil : try axisValue(expr, sizes: &sizes, locals: locals).map { Dual(value: $0, derivative: nil) }
            }
            let m = z.scalars.max() ?? 0
            let e = z.scalars.map { _exp($0 - m) }
            let total = e.reduce(0, +)
            let p = e.map { $0 / total }
            var scalars = [Double](repeating: 0, count: n * n)
            for r in 0..<n {
                for c in 0..<n {
                    let delta: Double = r == c ? 1 : 0
                    scalars[r * n + c] = f == "softmax" ? p[r] * (delta - p[c]) : delta - p[c]
                }
            }
            return Dual(value: value, derivative: .dense(AxisValue(axes: [a, j], tensor: Tensor(shape: [n, n], scalars: scalars))))
        default:
            // δ and other forms with no variable in them are constants; anything else is not handled.
            guard Evaluator.mentions(expr, variable) == false, let value = try axisValue(expr, sizes: &sizes, locals: locals) else { return nil }
            return Dual(value: value, derivative: nil)
        }
    }

    /// f′ at every element of x (y = f(x)), from the builtin's own entry, as automatic differentiation
    /// reads it: its derivative rule, or its pullback of a cotangent of ones (log's, which guards log 0);
    /// zeros for a function that does not change (step). Nil for anything else.
    private func slopes(of builtin: Builtin, at x: Tensor, _ y: Tensor, range: SourceRange) throws -> Tensor? {
        let ops = Ops(evaluator: self, range: range)
        let slopes: Value?
        switch builtin.derivative {
        case .elementwise(let derivative):
            slopes = try derivative(.tensor(x), .tensor(y), ops)
        case .pullback(let rule, _):
            let input = PullbackInput(inputs: [.traced(Node(value: x))], output: .tensor(y), cotangent: .tensor(Tensor(repeating: 1, shape: y.shape)), ops: ops)
            slopes = try rule(input).first ?? nil
        case .none:
            slopes = .tensor(Tensor(repeating: 0, shape: y.shape))
        case .transparent, .unsupported:
            slopes = nil
        }
        guard let numbers = slopes?.numbers, numbers.count == y.count else { return nil }
        return Tensor(shape: y.shape, scalars: numbers.scalars)
    }

    static func scaled(_ v: AxisValue, _ c: Double) -> AxisValue {
        AxisValue(axes: v.axes, tensor: Tensor(shape: v.tensor.shape, scalars: v.tensor.scalars.map { $0 * c }))
    }

    private static func scaled(_ d: AxisDerivative, _ c: Double) -> AxisDerivative {
        switch d {
        case .dense(let v): .dense(scaled(v, c))
        case .diagonal(let a, let scale): .diagonal(a: a, scale: scaled(scale, c))
        }
    }

    /// d + sign·e. Two δ_aj forms combine their scales; a δ form and a full table are written as one
    /// copy of the table with the δ form added onto its diagonal, so δ is never laid out.
    private static func sum(_ d: AxisDerivative?, _ e: AxisDerivative?, sign: Double = 1, letter j: String, sizes: [String: Int]) throws(TooLarge) -> AxisDerivative? {
        guard let e else { return d }
        guard let d else { return sign == 1 ? e : scaled(e, sign) }
        let op: BinaryOperator = sign == 1 ? .add : .subtract
        switch (d, e) {
        case (.diagonal(let a, let s), .diagonal(let b, let t)) where a == b:
            return .diagonal(a: a, scale: try fits(combined(s, t, sizes: sizes, op)))
        case (.dense(let v), .diagonal(let a, let s)):
            if let onto = addedOnDiagonal(sign == 1 ? s : scaled(s, sign), a: a, to: v, times: 1, letter: j, sizes: sizes) { return .dense(onto) }
        case (.diagonal(let a, let s), .dense(let v)):
            if let onto = addedOnDiagonal(s, a: a, to: v, times: sign, letter: j, sizes: sizes) { return .dense(onto) }
        default:
            break
        }
        return .dense(try fits(combined(try dense(d, letter: j, sizes: sizes), try dense(e, letter: j, sizes: sizes), sizes: sizes, op)))
    }

    /// An array operation's result was over the size limit: the caller falls back to element by element.
    private struct TooLarge: Error {}

    private static func fits(_ v: AxisValue?) throws(TooLarge) -> AxisValue {
        guard let v else { throw TooLarge() }
        return v
    }

    /// d op w for a value w (× or ÷): a δ_aj form stays one while w has no axis j.
    private static func combined(_ d: AxisDerivative?, _ w: AxisValue, _ op: BinaryOperator, letter j: String, sizes: [String: Int]) throws(TooLarge) -> AxisDerivative? {
        guard let d else { return nil }
        switch d {
        case .diagonal(let a, let s) where !w.axes.contains(j):
            return .diagonal(a: a, scale: try fits(combined(s, w, sizes: sizes, op)))
        default:
            let v = try dense(d, letter: j, sizes: sizes)
            // w·v rather than v·w, so j stays the last axis (as the result is laid out: no transposing copy).
            return .dense(try fits(op == .multiply ? combined(w, v, sizes: sizes, op) : combined(v, w, sizes: sizes, op)))
        }
    }

    /// Σ over k: of δ_kj·v it is v at k = j, read off without a sum.
    private static func summed(_ d: AxisDerivative, over k: String, count n: Int, letter j: String, sizes: [String: Int]) throws(TooLarge) -> AxisDerivative {
        switch d {
        case .dense(let v):
            return .dense(try fits(summed(v, over: k, count: n, sizes: sizes)))
        case .diagonal(let a, let s) where a == k:
            // Σ_k δ_kj·s_k = s_j; an s constant along k is the same for every j.
            return .dense(AxisValue(axes: s.axes.map { $0 == k ? j : $0 }, tensor: s.tensor))
        case .diagonal(let a, let s):
            return .diagonal(a: a, scale: try fits(summed(s, over: k, count: n, sizes: sizes)))
        }
    }

    /// The entries of a derivative: a δ_aj form laid out over its scale's axes, a and j, zero off the diagonal.
    private static func dense(_ d: AxisDerivative, letter j: String, sizes: [String: Int]) throws(TooLarge) -> AxisValue {
        let (a, s): (String, AxisValue)
        switch d {
        case .dense(let v): return v
        case .diagonal(let axis, let scale): (a, s) = (axis, scale)
        }
        let outer = s.axes.filter { $0 != a }
        let axes = outer + [a, j]
        guard let n = sizes[a], let m = sizes[j], let total = count(axes, sizes: sizes), let inner = count(outer + [a], sizes: sizes) else { throw TooLarge() }
        let scale = laid(s, along: outer + [a], sizes: sizes).scalars
        var scalars = [Double](repeating: 0, count: total)
        for o in 0..<(inner / max(n, 1)) {
            for i in 0..<min(n, m) { scalars[(o * n + i) * m + i] = scale[o * n + i] }
        }
        return AxisValue(axes: axes, tensor: Tensor(shape: axes.map { sizes[$0] ?? 1 }, scalars: scalars))
    }

    /// c·v + δ_aj·s: a copy of v, times c, with s added onto its diagonal; nil unless v has axes a and j
    /// and every axis of s.
    private static func addedOnDiagonal(_ s: AxisValue, a: String, to v: AxisValue, times c: Double, letter j: String, sizes: [String: Int]) -> AxisValue? {
        guard a != j, v.axes.contains(a), v.axes.contains(j), Set(s.axes).isSubset(of: Set(v.axes)) else { return nil }
        var out = c == 1 ? v.tensor.scalars : v.tensor.scalars.map { c * $0 }
        let axes = v.axes.filter { $0 != j }
        let shape = axes.map { sizes[$0] ?? 1 }
        let own = strides(of: v, along: v.axes, sizes: sizes)
        let jStride = own[v.axes.firstIndex(of: j) ?? 0]
        let vStrides = axes.map { own[v.axes.firstIndex(of: $0) ?? 0] + ($0 == a ? jStride : 0) }
        let sStrides = strides(of: s, along: axes, sizes: sizes)
        let total = shape.reduce(1, *)
        var counter = [Int](repeating: 0, count: axes.count)
        var p = 0, q = 0
        for _ in 0..<total {
            out[p] += s.tensor.scalars[q]
            var axis = axes.count - 1
            while axis >= 0 {
                counter[axis] += 1
                p += vStrides[axis]
                q += sStrides[axis]
                if counter[axis] < shape[axis] { break }
                p -= vStrides[axis] * shape[axis]
                q -= sStrides[axis] * shape[axis]
                counter[axis] = 0
                axis -= 1
            }
        }
        return AxisValue(axes: v.axes, tensor: Tensor(shape: v.tensor.shape, scalars: out))
    }

    /// Whether the expression mentions the name (as itself or as the base of an element).
    static func mentions(_ expr: Expr, _ name: String) -> Bool {
        expr.freeNames().contains { $0.name == name || IndexedName.parse($0.name, range: $0.range)?.base == name }
    }
}
