/// The session's names: what `z = …`, `f(x) = …` and `p := …` bind, and `ans`.
///
/// A name is bound either to a value (`z = [2, 1, 0.1]`, a function) or to a definition (`p := softmax(z)`),
/// never both: binding one kind replaces the other, in the name's original place. A class, because every
/// closure defined in the session reads the current bindings when it is called.
public final class Environment {
    /// `p := softmax(z)`: a name for an expression, evaluated afresh wherever the name is used.
    ///
    /// The body is kept as syntax, not as a value, so that inside `z -> sum(p)` the `z` of `softmax(z)` is the
    /// lambda's parameter, and rebinding `z` changes what `p` is.
    public struct Definition: Sendable {
        public let name: String
        /// The expression the name stands for.
        public let body: Expr
        /// The body as it was written (`softmax(z)`), for echoes, `:vars` and `:save`.
        public let source: String
        /// The whole input the body was parsed from: its source ranges point into this text.
        public let line: String

        public init(name: String, body: Expr, source: String, line: String) {
            self.name = name
            self.body = body
            self.source = source
            self.line = line
        }
    }

    /// What a name is bound to.
    public enum Binding {
        case value(Value)
        case definition(Definition)
    }

    /// Names in the order they were first bound, so `:vars` and `:save` list them as the user wrote them.
    public private(set) var names: [String] = []
    private var bindings: [String: Binding] = [:]
    /// How many bindings have been made, and at which count each name was last bound.
    public private(set) var bindingCount = 0
    private var boundAt: [String: Int] = [:]

    public init() {}

    /// The names bound (or bound again) since `bindingCount` was `count`, in `names` order.
    ///
    /// `:load` counts what a file bound this way, the same thing `:save` counts when it writes them.
    public func names(boundSince count: Int) -> [String] {
        names.filter { (boundAt[$0] ?? 0) > count }
    }

    /// The value bound to `name`; nil for an unbound name and for a definition (which needs evaluating).
    public subscript(name: String) -> Value? {
        if case .value(let value)? = bindings[name] { return value }
        return nil
    }

    /// What `name` is bound to, value or definition.
    public func binding(named name: String) -> Binding? {
        bindings[name]
    }

    /// The definition `name` stands for, if it was bound with `:=`.
    public func definition(named name: String) -> Definition? {
        if case .definition(let definition)? = bindings[name] { return definition }
        return nil
    }

    /// Binds `name` to a value, replacing any value or definition it had.
    public func bind(_ name: String, to value: Value) {
        set(name, .value(value))
    }

    /// Binds `name` to `body`, replacing any value or definition it had.
    ///
    /// `source` is the body's text; `line` is the text `body` was parsed from, when that is more than
    /// `source` (its ranges point into it). No check for cycles is made here: the evaluator refuses a cyclic
    /// `:=` line, and its depth budget stops any cycle made by calling this directly.
    @discardableResult
    public func define(_ name: String, as body: Expr, source: String, line: String? = nil) -> Definition {
        let definition = Definition(name: name, body: body, source: source, line: line ?? source)
        set(name, .definition(definition))
        return definition
    }

    private func set(_ name: String, _ binding: Binding) {
        if bindings.updateValue(binding, forKey: name) == nil { names.append(name) }
        bindingCount += 1
        boundAt[name] = bindingCount
    }

    @discardableResult
    public func remove(_ name: String) -> Bool {
        guard bindings.removeValue(forKey: name) != nil else { return false }
        names.removeAll { $0 == name }
        boundAt[name] = nil
        return true
    }

    /// An independent environment with the same values and definitions, in the same order (values are
    /// copied on write).
    public func copy() -> Environment {
        let copy = Environment()
        copy.names = names
        copy.bindings = bindings
        copy.bindingCount = bindingCount
        copy.boundAt = boundAt
        return copy
    }

    public func removeAll() {
        names = []
        bindings = [:]
        boundAt = [:]
    }
}
