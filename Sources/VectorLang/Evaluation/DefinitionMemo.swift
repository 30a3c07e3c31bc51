/// The values of definitions already resolved during one evaluation, so that a definition used many
/// times is evaluated once per distinct input rather than exponentially often.
///
/// Without it, `d2 := [d1_1, 0]`, `d3 := [d2_1, 0]`, … doubles the work at each link (the index-notation
/// reading evaluates `d1` for its shape, then the evaluation evaluates it again), and so does `a := b + b`;
/// thirty links would take minutes.
///
/// A definition's value depends only on the session's bindings, which no evaluation changes, and on the
/// locals that its body, or a definition it uses, reads. An entry is kept with those locals and matches
/// only when each is the same value: the same traced node or closure, equal numbers. The evaluator empties
/// the memo when an evaluation ends, so the next statement sees rebound names. Within one evaluation a
/// random definition (`r := randn(3)`) is therefore drawn once, as a `let` would be.
struct DefinitionMemo {
    private struct Entry {
        let inputs: [Value?]
        let value: Value
    }

    /// Entries kept per definition: enough for an enumeration's few distinct locals, bounded for long ones.
    static let entriesPerName = 16

    private var entries: [String: [Entry]] = [:]
    /// The names each definition reads, directly or through the definitions it uses.
    private var reads: [String: [String]] = [:]

    var isEmpty: Bool { entries.isEmpty && reads.isEmpty }

    mutating func removeAll() {
        entries = [:]
        reads = [:]
    }

    /// The locals `definition` reads, in a fixed order, as they are at this use (nil where unbound).
    mutating func inputs(of definition: Environment.Definition, locals: [String: Value], in environment: Environment) -> [Value?] {
        guard !locals.isEmpty else { return [] }
        let names = reads[definition.name] ?? DefinitionMemo.names(readBy: definition, in: environment)
        reads[definition.name] = names
        return names.map { locals[$0] }
    }

    func value(of name: String, inputs: [Value?]) -> Value? {
        entries[name]?.first { entry in
            entry.inputs.count == inputs.count && zip(entry.inputs, inputs).allSatisfy(DefinitionMemo.same)
        }?.value
    }

    mutating func store(_ value: Value, of name: String, inputs: [Value?]) {
        var list = entries[name] ?? []
        if list.count >= DefinitionMemo.entriesPerName { list.removeFirst() }
        list.append(Entry(inputs: inputs, value: value))
        entries[name] = list
    }

    /// Every name the body reads, and the base and letters of its index notation (`z_i` reads z and i),
    /// through the definitions it uses; sorted, so inputs line up from one use to the next.
    private static func names(readBy definition: Environment.Definition, in environment: Environment) -> [String] {
        var found: Set<String> = []
        var visited: Set<String> = [definition.name]
        var pending = [definition]
        while let current = pending.popLast() {
            for (name, range) in current.body.freeNames() {
                var read = [name]
                if let parts = IndexedName.parse(name, range: range) { read += [parts.base] + parts.letters }
                for n in read {
                    found.insert(n)
                    if let next = environment.definition(named: n), visited.insert(n).inserted { pending.append(next) }
                }
            }
        }
        return found.sorted()
    }

    /// Whether two inputs are the same value: identical for what has identity (traced nodes, closures),
    /// equal for numbers. Pictures never match, so a definition that reads one is not kept.
    private static func same(_ a: Value?, _ b: Value?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case (.tensor(let x)?, .tensor(let y)?): return x == y
        case (.traced(let x)?, .traced(let y)?): return x === y
        case (.function(.closure(let f))?, .function(.closure(let g))?): return f === g
        case (.function(.builtin(let f))?, .function(.builtin(let g))?): return f.name == g.name
        case (.list(let xs)?, .list(let ys)?): return xs.count == ys.count && zip(xs, ys).allSatisfy(same)
        default: return false
        }
    }
}
