/// `partial(f, z_j)` computed as arrays, by forward mode: alongside each value over its axes goes its
/// derivative by z_j, the same value with axis j added. ∂zᵢ/∂zⱼ is δᵢⱼ, and each operation carries the
/// derivative by its rule (product, quotient, chain), so the whole Jacobian comes out of one pass over
/// the expression instead of one automatic differentiation per entry.
///
/// Only a vector variable by a free letter, and only the forms `axisValue` takes with the functions
/// whose derivative is written here; anything else is left to the element-by-element evaluation.
extension Evaluator {
    /// A value and its derivative by the variable (nil: zero, the value does not depend on it).
    private struct Dual {
        var value: AxisValue
        var derivative: AxisValue?
    }

    func partialAsArrays(_ f: Expr, by wrt: Expr, sizes: inout [String: Int], locals: [String: Value]) throws -> AxisValue? {
        guard case .variable(let name, let range) = wrt, let parts = IndexedName.parse(name, range: range), !parts.isDelta,
              parts.subscripts.count == 1, case .letter(let j, _) = parts.subscripts[0], let n = sizes[j],
              case .tensor(let z)? = try boundValue(parts.base, locals: locals, at: range), z.rank == 1, z.count == n else { return nil }
        guard let dual = try dual(f, variable: parts.base, letter: j, sizes: &sizes, locals: locals) else { return nil }
        // Zero by z_j where nothing depends on it; the caller lays the result over every free letter.
        guard let d = dual.derivative else { return AxisValue(axes: [j], tensor: Tensor(shape: [n], scalars: [Double](repeating: 0, count: n))) }
        // A product with a zero of δ gives −0 where element-by-element differentiation gives 0: written as 0.
        return AxisValue(axes: d.axes, tensor: Tensor(shape: d.tensor.shape, scalars: d.tensor.scalars.map { $0 == 0 ? 0 : $0 }))
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
                return Dual(value: value, derivative: AxisValue(axes: [j], tensor: Tensor(shape: [n], scalars: [Double](repeating: 1, count: n))))
            }
            return Dual(value: value, derivative: Evaluator.delta(a, j, sizes: sizes))
        case .unary(let op, let e, _):
            guard var d = try go(e) else { return nil }
            if op == .negate {
                d.value = Evaluator.scaled(d.value, -1)
                d.derivative = d.derivative.map { Evaluator.scaled($0, -1) }
            }
            return d
        case .binary(let op, let a, let b, _, _) where op != .matrixProduct:
            guard let l = try go(a), let r = try go(b), let value = Evaluator.combined(l.value, r.value, sizes: sizes, op) else { return nil }
            let d: AxisValue?
            switch op {
            case .add, .subtract:
                d = Evaluator.sum(l.derivative, op == .add ? r.derivative : r.derivative.map { Evaluator.scaled($0, -1) }, sizes: sizes)
            case .multiply:
                d = Evaluator.sum(Evaluator.product(l.derivative, r.value, sizes: sizes), Evaluator.product(r.derivative, l.value, sizes: sizes), sizes: sizes)
            case .divide:
                // (l/r)′ = l′/r − (l/r)·r′/r
                let first = l.derivative.flatMap { Evaluator.combined($0, r.value, sizes: sizes, .divide) }
                let second = r.derivative.flatMap { rd in Evaluator.combined(value, r.value, sizes: sizes, .divide).flatMap { Evaluator.combined($0, rd, sizes: sizes, .multiply) } }
                d = Evaluator.sum(first, second.map { Evaluator.scaled($0, -1) }, sizes: sizes)
            case .power:
                guard r.derivative == nil, r.value.axes.isEmpty, r.value.tensor.count == 1 else { return nil }
                let e = r.value.tensor.scalars[0]
                let lower = AxisValue(axes: l.value.axes, tensor: Tensor(shape: l.value.tensor.shape, scalars: l.value.tensor.scalars.map { e * _pow($0, e - 1) }))
                d = Evaluator.product(l.derivative, lower, sizes: sizes)
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
                return Dual(value: value, derivative: body.derivative.flatMap { Evaluator.summed($0, over: k, count: n, sizes: sizes) })
            }
            guard let u = try go(args[0]), let value = try axisValue(expr, sizes: &sizes, locals: locals) else { return nil }
            guard let du = u.derivative else { return Dual(value: value, derivative: nil) }
            // f′(u), from the value where that is shortest.
            let slope: [Double]
            let x = u.value.tensor.scalars, y = value.tensor.scalars
            guard value.axes == u.value.axes else { return nil }
            switch f {
            case "exp": slope = y
            case "log": slope = x.map { 1 / $0 }
            case "tanh": slope = y.map { 1 - $0 * $0 }
            case "sigmoid": slope = y.map { $0 * (1 - $0) }
            case "sqrt": slope = y.map { 0.5 / $0 }
            default: return nil
            }
            let factor = AxisValue(axes: value.axes, tensor: Tensor(shape: value.tensor.shape, scalars: slope))
            return Dual(value: value, derivative: Evaluator.product(du, factor, sizes: sizes))
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
            return Dual(value: value, derivative: AxisValue(axes: [a, j], tensor: Tensor(shape: [n, n], scalars: scalars)))
        default:
            // δ and other forms with no variable in them are constants; anything else is not handled.
            guard Evaluator.mentions(expr, variable) == false, let value = try axisValue(expr, sizes: &sizes, locals: locals) else { return nil }
            return Dual(value: value, derivative: nil)
        }
    }

    static func scaled(_ v: AxisValue, _ c: Double) -> AxisValue {
        AxisValue(axes: v.axes, tensor: Tensor(shape: v.tensor.shape, scalars: v.tensor.scalars.map { $0 * c }))
    }

    private static func sum(_ a: AxisValue?, _ b: AxisValue?, sizes: [String: Int]) -> AxisValue? {
        guard let a else { return b }
        guard let b else { return a }
        return combined(a, b, sizes: sizes, .add)
    }

    private static func product(_ derivative: AxisValue?, _ value: AxisValue, sizes: [String: Int]) -> AxisValue? {
        derivative.flatMap { combined($0, value, sizes: sizes, .multiply) }
    }

    /// Whether the expression mentions the name (as itself or as the base of an element).
    static func mentions(_ expr: Expr, _ name: String) -> Bool {
        expr.freeNames().contains { $0.name == name || IndexedName.parse($0.name, range: $0.range)?.base == name }
    }
}
