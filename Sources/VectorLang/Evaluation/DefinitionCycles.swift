/// Circular definitions are refused on the line that would close the circle: `p := q + 1` is fine, and
/// `q := 2 * p` after it is an error, because evaluating either would never end (the language has no
/// conditionals, so no circle can stop).
///
/// The check reads the bodies as written. A cycle that only runs through a user function (`p := f(1)`
/// with `f(x) = p`) is not seen here, since functions may be rebound later; the evaluation budget stops
/// it with a message when it is used.
extension Evaluator {
    /// Throws if `body` reaches `name` again through the session's definitions (the old definition of
    /// `name` is the one being replaced, so it is not followed). The caret is under the name in `body`
    /// where the circle starts; the note names the whole circle, `q → p → q`.
    func checkAcyclic(_ name: String, _ body: Expr) throws {
        for (written, range) in body.freeNames() {
            guard let reference = definitionName(written, target: name),
                  let path = path(from: reference, to: name) else { continue }
            let cycle = [name] + path
            let through = path.dropLast().compactMap { environment.definition(named: $0) }
                .map { "\($0.name) := \($0.source)" }
            let bodyText = Evaluator.text(of: body.range, in: source)
            throw Diagnostic("circular definition: \(name) would depend on itself", at: range,
                             note: "the cycle: " + cycle.joined(separator: " → ") + (through.isEmpty ? "" : ", where " + through.joined(separator: " and ")),
                             suggestion: through.isEmpty
                                 ? "to change \(name)'s value, assign it: \(name) = \(bodyText)"
                                 : "define one of them without the others, or give one a value with '='")
        }
    }

    /// The definition a name written in a body refers to: the name itself, or the base of index notation
    /// (`p_i`, `p_1` for p) when the whole name is not bound. Nil when it refers to no definition.
    private func definitionName(_ written: String, target: String) -> String? {
        if written == target || environment.definition(named: written) != nil { return written }
        guard environment.binding(named: written) == nil, let parts = IndexedName.parse(written, range: .point(0)) else { return nil }
        return parts.base == target || environment.definition(named: parts.base) != nil ? parts.base : nil
    }

    /// The chain of definitions from `start` to `target`, both included, or nil if there is none.
    ///
    /// Breadth first, so the circle reported is a shortest one, and with a queue rather than recursion,
    /// so a chain of thousands of definitions cannot overflow the stack.
    private func path(from start: String, to target: String) -> [String]? {
        if start == target { return [target] }
        var parent: [String: String] = [start: start]
        var queue = [start]
        var head = 0
        while head < queue.count {
            let current = queue[head]
            head += 1
            guard let definition = environment.definition(named: current) else { continue }
            for (written, _) in definition.body.freeNames() {
                guard let next = definitionName(written, target: target), parent[next] == nil else { continue }
                parent[next] = current
                if next == target {
                    var chain = [target]
                    var node = current
                    while node != start, let up = parent[node] {
                        chain.append(node)
                        node = up
                    }
                    chain.append(start)
                    return chain.reversed()
                }
                queue.append(next)
            }
        }
        return nil
    }
}
