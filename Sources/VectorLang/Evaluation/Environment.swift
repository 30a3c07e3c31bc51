/// The session's named values: what `z = …` and `f(x) = …` define, and `ans`.
///
/// A class, because every closure defined in the session reads the current bindings when it is called.
public final class Environment {
    /// Bindings in the order they were first made, so `:vars` and `:save` list them as the user wrote them.
    public private(set) var names: [String] = []
    private var values: [String: Value] = [:]

    public init() {}

    public subscript(name: String) -> Value? {
        values[name]
    }

    public func bind(_ name: String, to value: Value) {
        if values.updateValue(value, forKey: name) == nil { names.append(name) }
    }

    @discardableResult
    public func remove(_ name: String) -> Bool {
        guard values.removeValue(forKey: name) != nil else { return false }
        names.removeAll { $0 == name }
        return true
    }

    /// An independent environment with the same bindings, in the same order (values are copied on write).
    public func copy() -> Environment {
        let copy = Environment()
        copy.names = names
        copy.values = values
        return copy
    }

    public func removeAll() {
        names = []
        values = [:]
    }
}
