import VectorLang

/// Every name the history binds, in the order bound, with what it was bound to as written.
struct SessionBindings {
    enum Body {
        /// `a = expression`: evaluated where it was written, so its names mean what they meant then.
        case value(Expr)
        /// `a := expression`: evaluated where it is used.
        case lazy(Expr)
        /// `f(x) = body`, or `f = x -> body`: its free names are read when it is called.
        case function(parameters: [String], body: Expr)
    }

    struct Entry {
        let name: String
        let body: Body
        let byLearner: Bool
    }

    private(set) var entries: [Entry] = []

    init(_ history: [HistoryLine]) {
        for line in history {
            // A line that does not parse bound nothing in the session either.
            guard let statements = try? Parser.parse(line.text) else { continue }
            for case let (name, body)? in statements.map(SessionBindings.binding) {
                entries.append(Entry(name: name, body: body, byLearner: line.byLearner))
            }
        }
    }

    /// What a statement binds, if it binds a name.
    private static func binding(_ statement: Statement) -> (String, Body)? {
        switch statement {
        case .expression: return nil
        case .assignment(let name, .lambda(let parameters, let body, _), _): return (name, .function(parameters: parameters, body: body))
        case .assignment(let name, let value, _): return (name, .value(value))
        case .lazyDefinition(let name, let body, _): return (name, .lazy(body))
        case .definition(let name, let parameters, let body, _): return (name, .function(parameters: parameters, body: body))
        }
    }

    /// The binding of `name` in force at `position` (the number of entries bound before it), if any.
    func latest(_ name: String, before position: Int) -> (index: Int, entry: Entry)? {
        var k = min(position, entries.count) - 1
        while k >= 0 {
            if entries[k].name == name { return (k, entries[k]) }
            k -= 1
        }
        return nil
    }

    /// Whether `name` is bound anywhere in the history.
    func binds(_ name: String) -> Bool { entries.contains { $0.name == name } }
}
