/// Definitions, `p := softmax(z)`: refused when they would be circular, and evaluated afresh wherever
/// their name is used, in the locals of that place, so `grad(z -> sum(p), z)` differentiates through p.
extension Evaluator {
    /// Runs `name := body`: checks the name and the cycle, binds it, and evaluates it now if it can be.
    ///
    /// A body that cannot be evaluated yet (`p := softmax(w)` before `w` exists) is still defined: it is
    /// resolved when used, and the error, if any, comes then.
    func executeDefinition(_ name: String, _ body: Expr, range: SourceRange) throws -> Outcome {
        try checkAssignable(name, at: range)
        try checkAcyclic(name, body)
        let definition = environment.define(name, as: body, source: Evaluator.text(of: body.range, in: source),
                                            line: String(String.UnicodeScalarView(source)))
        let current: Value?
        do {
            current = try value(of: definition)
        } catch where !Interrupt.isRaised {
            current = nil
        }
        return .definedLazily(definition, current: current)
    }

    /// The value `definition` has now, at the session's bindings, with the depth and call limits of any
    /// evaluation. Errors point into `definition.line`.
    public func value(of definition: Environment.Definition) throws -> Value {
        try evaluateBody(of: definition, locals: [:])
    }

    /// A name's value where it is used: a local, then a session value, then a definition evaluated here.
    /// Nil for a name bound to neither (a builtin, index notation or an unknown name).
    func boundValue(_ name: String, locals: [String: Value], at range: SourceRange) throws -> Value? {
        if let value = locals[name] ?? environment[name] { return value }
        guard let definition = environment.definition(named: name) else { return nil }
        return try value(of: definition, locals: locals, at: range)
    }

    /// Whether `name` is a local or a session name of either kind, without evaluating anything.
    func isBound(_ name: String, locals: [String: Value]) -> Bool {
        locals[name] != nil || environment.binding(named: name) != nil
    }

    /// `definition` evaluated at a use of its name (`range`): errors in its body point at the use, and the
    /// note says where in the definition they happened, as for a function written on another line.
    func value(of definition: Environment.Definition, locals: [String: Value], at range: SourceRange) throws -> Value {
        do {
            return try evaluateBody(of: definition, locals: locals)
        } catch var diagnostic as Diagnostic {
            if diagnostic.note?.hasPrefix("in ") != true {
                let excerpt = Evaluator.text(of: diagnostic.range, in: Array(definition.line.unicodeScalars))
                diagnostic.note = "in \(definition.name) := \(definition.source), at '\(excerpt)'" + (diagnostic.note.map { "; \($0)" } ?? "")
            }
            diagnostic.range = range
            throw diagnostic
        }
    }

    /// The body evaluated in `locals`, its own free indices enumerated, or the value it had already in
    /// this evaluation with the same inputs (see `DefinitionMemo`).
    ///
    /// Each resolution counts one level against the evaluation budget, besides the levels of the body, so
    /// definitions nested in definitions hundreds deep (or a cycle made by `Environment.define` directly)
    /// stop with "too deeply nested", never by overflowing the stack.
    private func evaluateBody(of definition: Environment.Definition, locals: [String: Value]) throws -> Value {
        try enterLevel(at: definition.body.range)
        defer { leaveLevel() }
        let inner = Evaluator.definitionLocals(locals)
        let inputs = memo.inputs(of: definition, locals: inner, in: environment)
        if let known = memo.value(of: definition.name, inputs: inputs) { return known }
        // The body's ranges point into the line it was written on; lambdas made inside it take their text from there.
        let usingLine = source
        source = Array(definition.line.unicodeScalars)
        defer { source = usingLine }
        let value = try evaluateWithFreeIndices(definition.body, locals: inner)
        memo.store(value, of: definition.name, inputs: inputs)
        return value
    }

    /// The locals a definition sees: those of its use, less the index letters that an enumeration or a sum
    /// around the use has bound (each kept beside its range key). A definition's free indices are its own,
    /// as a function body's are, so `p := exp(z_i) / sum_k(exp(z_k))` is the whole vector even inside `p_i`.
    static func definitionLocals(_ locals: [String: Value]) -> [String: Value] {
        let letters = locals.keys.filter { $0.hasPrefix("#") }
        guard !letters.isEmpty else { return locals }
        var inner = locals
        for key in letters {
            inner[key] = nil
            inner[String(key.dropFirst())] = nil
        }
        return inner
    }
}
