/// Evaluates statements in a session's environment.
///
/// It knows nothing of terminals: it takes syntax trees and returns values or throws a `Diagnostic`.
/// Operators are builtin entries too (`+` is `Builtins.named["+"]`), so every computation goes through
/// one door, `apply`, where later layers (automatic differentiation) hook in.
public final class Evaluator {
    public let environment: Environment
    public let random: RandomSource
    /// How many bytes of numbers the session may hold (`--memory`, `JACOBI_MEMORY`).
    public var memoryBudget = MemoryBudget.machineDefault
    /// User-function calls deeper than this are refused, so `f(x) = f(x)` gives a message, not a crash.
    public static let maximumCallDepth = 64
    private var callDepth = 0
    /// Levels of nesting on the stack now: nodes being evaluated or read for index notation, and definitions
    /// being resolved, each counted by `enterLevel`.
    private var evaluationDepth = 0
    /// Definitions resolved in the evaluation under way; emptied when it ends.
    var memo = DefinitionMemo()
    static let maximumEvaluationDepth = 400
    /// Kinks that derivative rules met exactly (relu at 0), for gradcheck's warning.
    var kinks: Set<String> = []
    /// The text of the statement being run, so a closure can remember how its body was written.
    var source: [Unicode.Scalar] = []

    public init(environment: Environment = Environment(), random: RandomSource = RandomSource()) {
        self.environment = environment
        self.random = random
    }

    /// What a statement did, for the printer.
    public enum Outcome {
        case value(Value)
        case assigned(name: String, Value)
        case defined(name: String, Closure)
        /// `p := softmax(z)`, with the value it has now, or nil when it cannot be evaluated yet.
        case definedLazily(Environment.Definition, current: Value?)
    }

    /// Runs one statement of `line`.
    public func execute(_ statement: Statement, in line: String) throws -> Outcome {
        source = Array(line.unicodeScalars)
        callDepth = 0
        // One level for the whole statement, so that what it resolves (see `memo`) is kept from the reading
        // of its index notation through every entry it enumerates, and dropped when it is done.
        try enterLevel(at: statement.range)
        defer { leaveLevel() }
        switch statement {
        case .expression(let expr):
            let value = try evaluateWithFreeIndices(expr, locals: [:])
            environment.bind("ans", to: value)
            return .value(value)
        case .assignment(let name, let expr, let range):
            try checkAssignable(name, at: range)
            let value: Value
            if case .lambda(let parameters, let body, _) = expr {
                value = .function(.closure(closure(named: name, parameters: parameters, body: body, locals: [:])))
            } else {
                value = try evaluateWithFreeIndices(expr, locals: [:])
            }
            environment.bind(name, to: value)
            return .assigned(name: name, value)
        case .definition(let name, let parameters, let body, let range):
            try checkAssignable(name, at: range)
            let f = closure(named: name, parameters: parameters, body: body, locals: [:])
            environment.bind(name, to: .function(.closure(f)))
            return .defined(name: name, f)
        case .lazyDefinition(let name, let body, let range):
            return try executeDefinition(name, body, range: range)
        }
    }

    func checkAssignable(_ name: String, at range: SourceRange) throws {
        let nameRange = SourceRange(range.start, range.start + name.unicodeScalars.count)
        if Builtins.named[name] != nil || (Builtins.constants[name] != nil && !Builtins.shadowableConstants.contains(name)) {
            throw Diagnostic("'\(name)' is a builtin and cannot be redefined", at: nameRange,
                             suggestion: "choose another name, such as my_\(name)")
        }
        if name == "ans" || name == "end" {
            throw Diagnostic("'\(name)' is reserved", at: nameRange, suggestion: "choose another name")
        }
    }

    private func closure(named name: String?, parameters: [String], body: Expr, locals: [String: Value]) -> Closure {
        Closure(name: name, parameters: parameters, body: body, captured: locals, source: Evaluator.text(of: body.range, in: source),
                line: String(String.UnicodeScalarView(source)))
    }

    /// The text `range` covers in `line`; empty where the range is not inside it.
    static func text(of range: SourceRange, in line: [Unicode.Scalar]) -> String {
        guard range.start >= 0, range.start <= range.end, range.end <= line.count else { return "" }
        return String(String.UnicodeScalarView(line[range.start..<range.end]))
    }

    // MARK: - Expressions

    public func evaluate(_ expr: Expr, locals: [String: Value]) throws -> Value {
        try Interrupt.check(at: expr.range)
        // Calls multiply nesting (64 calls of a body nested 200 deep): a budget on the whole depth keeps
        // the stack well inside its 8 MB, whatever the combination.
        try enterLevel(at: expr.range)
        defer { leaveLevel() }
        switch expr {
        case .number(let x, _):
            return .scalar(x)
        case .variable(let name, let range):
            return try lookup(name, at: range, locals: locals)
        case .array(let elements, let range):
            let values = try elements.map { try evaluate($0, locals: locals) }
            return try ArrayLiteral.build(values, elements: elements, range: range)
        case .unary(let op, let operand, let range):
            let value = try evaluate(operand, locals: locals)
            guard op == .negate else { return value }
            return try apply(Builtins.negate, [value], ranges: [operand.range], callRange: range)
        case .binary:
            return try evaluateChain(expr, locals: locals)
        case .call(let callee, let arguments, let range):
            if let value = try evaluateIndexForm(callee, arguments, range: range, locals: locals) { return value }
            let f = try evaluate(callee, locals: locals)
            guard case .function(let function) = f else {
                var suggestion: String?
                if case .variable(let name, _) = callee, case .tensor = f {
                    suggestion = "to index, use brackets: \(name)[…]; to multiply, use *"
                }
                throw Diagnostic("cannot call a \(f.kindDescription); it is not a function", at: callee.range,
                                 suggestion: suggestion)
            }
            let values = try arguments.map { try evaluate($0, locals: locals) }
            return try call(function, values, ranges: arguments.map(\.range), callRange: range)
        case .index(let base, let subscripts, let range):
            let value = try evaluate(base, locals: locals)
            guard let tensor = value.numbers else {
                throw Diagnostic("cannot index a \(value.kindDescription)", at: base.range)
            }
            let selection = try Indexing.select(tensor, subscripts, baseRange: base.range, range: range) { expr, end in
                var inner = locals
                inner["end"] = .scalar(Double(end))
                return try self.evaluate(expr, locals: inner)
            }
            return Tracing.gather(value, positions: selection.positions, shape: selection.shape)
        case .transpose(let operand, let range):
            let value = try evaluate(operand, locals: locals)
            return try apply(Builtins.transpose, [value], ranges: [operand.range], callRange: range)
        case .lambda(let parameters, let body, _):
            return .function(.closure(closure(named: nil, parameters: parameters, body: body, locals: locals)))
        }
    }

    /// Counts one more level of nesting against the budget (the caller defers `leaveLevel()`); throws,
    /// counting nothing, when the budget is spent.
    ///
    /// Every walk that recurses on the stack and can lead back into evaluation counts here: `evaluate`, the
    /// index-notation reading that may evaluate a subscripted call or a definition, and each definition
    /// resolved. So no combination of them can go deeper than the budget.
    func enterLevel(at range: SourceRange) throws {
        guard evaluationDepth < Evaluator.maximumEvaluationDepth else {
            throw Diagnostic("too deeply nested to evaluate (more than \(Evaluator.maximumEvaluationDepth) levels, counting calls)",
                             at: range, note: "a function calling itself, or an expression nested hundreds deep, gets here")
        }
        evaluationDepth += 1
    }

    func leaveLevel() {
        evaluationDepth -= 1
        // An evaluation has ended: what it resolved may be rebound before the next one.
        if evaluationDepth == 0, !memo.isEmpty { memo.removeAll() }
    }

    /// `a + b - c * d …`: the left spine of a chain of operators is walked in a loop, not by recursion,
    /// so a sum of ten thousand terms cannot overflow the stack.
    private func evaluateChain(_ expr: Expr, locals: [String: Value]) throws -> Value {
        var spine: [(BinaryOperator, lhs: SourceRange, rhs: Expr, SourceRange)] = []
        var node = expr
        while case .binary(let op, let lhs, let rhs, let operatorRange, _) = node {
            spine.append((op, lhs.range, rhs, operatorRange))
            node = lhs
        }
        var value = try evaluate(node, locals: locals)
        for (op, lhsRange, rhs, operatorRange) in spine.reversed() {
            let b = try evaluate(rhs, locals: locals)
            guard let builtin = Builtins.named[op.rawValue] else {
                throw Diagnostic("operator \(op.rawValue) is not defined", at: operatorRange)
            }
            value = try apply(builtin, [value, b], ranges: [lhsRange, rhs.range], callRange: operatorRange)
        }
        return value
    }

    private func lookup(_ name: String, at range: SourceRange, locals: [String: Value]) throws -> Value {
        if let value = try boundValue(name, locals: locals, at: range) { return value }
        if let builtin = Builtins.named[name] { return .function(.builtin(builtin)) }
        if let constant = Builtins.constants[name] { return .scalar(constant) }
        if let element = try indexedElement(name, at: range, locals: locals) { return element }
        if name == "end" {
            throw Diagnostic("'end' means the last index, and only inside brackets", at: range,
                             suggestion: "write z[end] for the last element")
        }
        var candidates = Array(locals.keys) + environment.names + Builtins.all.map(\.name) + Builtins.constants.keys
        candidates.removeAll { $0 == "end" || $0.first.map { !$0.isLetter } ?? true }
        let guess = Suggestions.closest(to: name, among: candidates)
        throw Diagnostic("unknown name '\(name)'", at: range, suggestion: guess.map { "did you mean \($0)?" })
    }

    // MARK: - Calls

    /// Calls any function value with already-evaluated arguments.
    public func call(_ function: Function, _ values: [Value], ranges: [SourceRange], callRange: SourceRange) throws -> Value {
        let arity = function.arity
        guard arity.contains(values.count) else {
            let expected = arity.lowerBound == arity.upperBound ? "\(arity.lowerBound)" : "\(arity.lowerBound) to \(arity.upperBound)"
            let noun = arity.upperBound == 1 ? "argument" : "arguments"
            var note: String?
            if case .builtin(let b) = function { note = "usage: " + b.signatures.joined(separator: " or ") }
            throw Diagnostic("\(function.name ?? "this function") takes \(expected) \(noun), but \(values.count) \(values.count == 1 ? "was" : "were") given",
                             at: callRange, note: note)
        }
        switch function {
        case .builtin(let builtin):
            return try apply(builtin, values, ranges: ranges, callRange: callRange)
        case .closure(let closure):
            guard callDepth < Evaluator.maximumCallDepth else {
                throw Diagnostic("too many nested calls (more than \(Evaluator.maximumCallDepth))", at: callRange,
                                 note: "a function that calls itself never stops; Jacobi has no conditionals for a base case")
            }
            callDepth += 1
            defer { callDepth -= 1 }
            var locals = closure.captured
            for (parameter, value) in zip(closure.parameters, values) { locals[parameter] = value }
            // The body's ranges point into the line it was written on; lambdas made inside it take their
            // text from there too.
            let callingLine = source
            source = Array(closure.line.unicodeScalars)
            defer { source = callingLine }
            do {
                return try evaluateWithFreeIndices(closure.body, locals: locals)
            } catch var diagnostic as Diagnostic where closure.line != String(String.UnicodeScalarView(callingLine)) {
                // The body was written on another line, so its ranges mean nothing here: point at the
                // call, and say where inside the function it went wrong.
                if diagnostic.note?.hasPrefix("in ") != true {
                    let head = closure.name.map { "\($0)(\(closure.parameters.joined(separator: ", ")))" }
                        ?? "(\(closure.parameters.joined(separator: ", "))) ->"
                    let excerpt = Evaluator.text(of: diagnostic.range, in: Array(closure.line.unicodeScalars))
                    diagnostic.note = "in \(head) = \(closure.source), at '\(excerpt)'" + (diagnostic.note.map { "; \($0)" } ?? "")
                }
                diagnostic.range = callRange
                throw diagnostic
            }
        }
    }

    /// The one door every builtin and operator goes through.
    public func apply(_ builtin: Builtin, _ values: [Value], ranges: [SourceRange], callRange: SourceRange) throws -> Value {
        if case .transparent = builtin.derivative {} else if values.contains(where: { $0.node != nil }) {
            return try applyTraced(builtin, values, ranges: ranges, callRange: callRange)
        }
        let result = try builtin.kernel(Arguments(name: builtin.name, values: values, ranges: ranges, callRange: callRange, evaluator: self))
        if let made = result.numbers { try admit(made, at: callRange) }
        return result
    }
}
