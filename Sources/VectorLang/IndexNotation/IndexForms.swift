/// The two calls of index notation that must see their arguments unevaluated: `sum_k(body)` binds k in
/// its body, and `partial(f, z_j)` evaluates f with z replaced by a variable being differentiated.
extension Evaluator {
    /// The value of `callee(arguments…)` when it is an index sum or `partial`; nil for any other call.
    ///
    /// A local or session variable of the same name is an ordinary call (a parameter named `partial`).
    func evaluateIndexForm(_ callee: Expr, _ arguments: [Expr], range: SourceRange, locals: [String: Value]) throws -> Value? {
        guard case .variable(let name, let head) = callee, !isBound(name, locals: locals) else { return nil }
        if name == "partial" { return try partial(arguments, range: range, locals: locals) }
        guard Builtins.named[name] == nil, Builtins.constants[name] == nil, let letter = IndexedName.summationLetter(name) else {
            return nil
        }
        guard arguments.count == 1 else { throw IndexAnalysis.sumArity(name, range: range) }
        // A whole sum (Σᵢ Σⱼ zᵢ zⱼ) is one array reduction when it can be; otherwise term by term.
        if let whole = try arrayEvaluation(.call(callee, arguments: arguments, range: range), free: [], locals: locals) { return whole }
        return try indexSum(letter, arguments[0], head: head, range: range, locals: locals)
    }

    /// Σ_k body for k = 1…n, n the length of what k subscripts in the body; the body may be any numbers
    /// (entries add with broadcasting), and traced bodies give a traced sum.
    private func indexSum(_ letter: String, _ body: Expr, head: SourceRange, range: SourceRange, locals: [String: Value]) throws -> Value {
        var analysis = IndexAnalysis(evaluator: self, locals: locals)
        guard let n = try analysis.summationCount(letter, in: body, head: head) else {
            throw IndexAnalysis.noRange(summing: letter, at: head)
        }
        let ops = Ops(evaluator: self, range: range)
        var inner = locals
        inner[IndexAnalysis.rangeKey(letter)] = .scalar(Double(n))
        var total: Value = .scalar(0)
        for k in 0..<n {
            try Interrupt.check(at: range)
            inner[letter] = .scalar(Double(k + 1))
            let term = try evaluate(body, locals: inner)
            guard term.numbers != nil else {
                throw Diagnostic("the body of a sum must be numbers, not a \(term.kindDescription)", at: body.range)
            }
            total = k == 0 ? term : try ops.add(total, term)
        }
        return total
    }

    /// ∂f/∂(what `wrt` names), by automatic differentiation at the current bindings: f is evaluated with
    /// the variable replaced by a fresh traced copy (so the session's value is shadowed, not changed), and
    /// a cotangent of 1 is pulled back to it.
    ///
    /// When the variable is itself traced (`partial` inside `partial`, or inside `grad`), the copy is an
    /// identity of it, so the derivative stays a function of the outer variable and can be differentiated again.
    private func partial(_ arguments: [Expr], range: SourceRange, locals: [String: Value]) throws -> Value {
        guard arguments.count == 2 else {
            throw Diagnostic("partial takes 2 arguments, but \(arguments.count) \(arguments.count == 1 ? "was" : "were") given", at: range,
                             note: "usage: partial(f, z_j), partial(f, W_ij) or partial(f, x)")
        }
        let (f, wrt) = (arguments[0], arguments[1])
        let target = try differentiationTarget(wrt, locals: locals)
        let variable: Node
        if let outer = target.value.node {
            variable = Node(value: outer.value, inputs: [outer])
            variable.pullback = { g in [g] }
        } else {
            variable = Node(value: target.numbers)
        }
        var inner = locals
        inner[target.name] = .traced(variable)
        let y = try evaluate(f, locals: inner)
        guard let output = y.numbers, output.count == 1 else {
            throw Diagnostic("partial differentiates one number, but this is a \(y.kindDescription)", at: f.range,
                             suggestion: "take one element of it, as in partial(softmax(z)_i, z_j)")
        }
        let ops = Ops(evaluator: self, range: range)
        let g = try Backpropagation.cotangent(of: variable, output: y, seed: .tensor(Tensor(repeating: 1, shape: output.shape)), ops: ops)
        return Tracing.gather(g, positions: [target.position], shape: [])
    }

    /// What `partial` differentiates by: a variable bound to numbers and the flat position of the element.
    private struct Target {
        let name: String
        let value: Value
        let numbers: Tensor
        let position: Int
    }

    /// Reads `x`, `z_j`, `W_ij`, `z_1`, `W_{i,j}` or `z[j]` in the second argument of `partial`.
    private func differentiationTarget(_ wrt: Expr, locals: [String: Value]) throws -> Target {
        func notAVariable() -> Diagnostic {
            return Diagnostic("partial differentiates by a variable or one of its elements, such as x, z_j or W_ij", at: wrt.range,
                              suggestion: "name a variable bound to numbers: partial(f, z_j)")
        }
        // A definition (u := W @ x) is differentiated by as if it were free, at its current value: what
        // depends on it sees the traced value first, as a local. That is the ∂L/∂u of the chain rule.
        func bound(_ name: String) throws -> (Value, Tensor)? {
            guard let value = try boundValue(name, locals: locals, at: wrt.range), let numbers = value.numbers else { return nil }
            return (value, numbers)
        }
        switch wrt {
        case .variable(let name, let range):
            if let (value, numbers) = try bound(name) {
                guard numbers.count == 1 else {
                    throw Diagnostic("partial differentiates by one number, but \(name) is a \(Tensor.describe(shape: numbers.shape))", at: range,
                                     suggestion: "name one element: partial(f, \(name)_\(numbers.isMatrix ? "ij" : "j"))")
                }
                return Target(name: name, value: value, numbers: numbers, position: 0)
            }
            guard let parts = IndexedName.parse(name, range: range), let (value, numbers) = try bound(parts.base) else { throw notAVariable() }
            let positions = try parts.subscripts.map { sub -> (Int, SourceRange) in
                switch sub {
                case .position(let n, let r): return (n, r)
                case .letter(let letter, let r): return (try wholeNumber(.variable(letter, range: r), locals: locals), r)
                }
            }
            let flat = try IndexNotation.flatPosition(positions, in: numbers.shape, of: parts.base, written: name, at: range)
            return Target(name: parts.base, value: value, numbers: numbers, position: flat)
        case .index(.variable(let name, _), let subscripts, let range):
            guard let (value, numbers) = try bound(name) else { throw notAVariable() }
            let positions = try subscripts.map { sub -> (Int, SourceRange) in
                guard case .single(let expr) = sub else {
                    throw Diagnostic("partial differentiates by one element; a range selects several", at: range)
                }
                return (try wholeNumber(expr, locals: locals), expr.range)
            }
            let flat = try IndexNotation.flatPosition(positions, in: numbers.shape, of: name, written: "this", at: range)
            return Target(name: name, value: value, numbers: numbers, position: flat)
        default:
            throw notAVariable()
        }
    }

    /// A subscript's value as a whole number.
    private func wholeNumber(_ expr: Expr, locals: [String: Value]) throws -> Int {
        let value = try evaluate(expr, locals: locals)
        guard let x = value.numbers?.scalarValue, x.isFinite, x == x.rounded(), Swift.abs(x) < 1e15 else {
            throw Diagnostic("an index must be a single whole number", at: expr.range)
        }
        return Int(x)
    }
}
