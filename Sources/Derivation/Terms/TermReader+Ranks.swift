import VectorLang

/// Ranks for names vector notation uses before the session binds them: the reading that makes the
/// expression well formed, with the smallest result and as many vectors as it can.
extension TermReader {
    /// Nodes in the expression, to bound the work of reading it several ways.
    static func size(of expr: Expr) -> Int {
        switch expr {
        case .unary(_, let a, _), .transpose(let a, _): return 1 + size(of: a)
        case .binary(_, let a, let b, _, _): return 1 + size(of: a) + size(of: b)
        case .call(_, let args, _): return 1 + args.reduce(0) { $0 + size(of: $1) }
        case .array(let items, _): return 1 + items.reduce(0) { $0 + size(of: $1) }
        case .index(let base, _, _): return 1 + size(of: base)
        default: return 1
        }
    }

    /// The plain names of an expression, left to right, each once.
    static func namesInOrder(_ expr: Expr) -> [String] {
        var seen: [String] = []
        for (name, _) in expr.freeNames() where !seen.contains(name) { seen.append(name) }
        return seen
    }

    /// Ranks for the names the session has not bound, read off the expression: every way of making them
    /// numbers, vectors or matrices is tried, and the one kept makes the expression well formed, its
    /// value as small as it can be (a loss is a number) and as many names vectors as it can. `W @ x`
    /// needs W to be a matrix; in `sum((X @ w - y)^2) + lambda * sum(w^2)`, lambda is then a number.
    mutating func inferRanks(_ expr: Expr) {
        // In order of first appearance, so a tie is settled by the expression's shape, never by its letters.
        let names = TermReader.namesInOrder(expr).filter { name in
            ranks[name] == nil && functions[name] == nil && Builtins.named[name] == nil && Builtins.constants[name] == nil
                && IndexedName.parse(name, range: SourceRange(0, 0)) == nil
        }
        // 3⁷ readings at most, and of a modest expression: beyond that names stay vectors, and the reading
        // says what does not fit.
        let readings = (0..<names.count).reduce(1) { n, _ in n * 3 }
        guard !names.isEmpty, names.count <= 7, readings * TermReader.size(of: expr) <= 100_000 else { return }
        var best: (score: [Int], ranks: [String: Int])?
        var assignment = [Int](repeating: 0, count: names.count)
        let choices = [1, 2, 0]
        while true {
            let candidate = Dictionary(uniqueKeysWithValues: zip(names, assignment.map { choices[$0] }))
            var scratch = self
            scratch.assumedRanks = candidate
            if let value = try? scratch.lower(expr) {
                let score = [value.shape.rank, assignment.reduce(0, +)]
                if best.map({ score.lexicographicallyPrecedes($0.score) }) ?? true { best = (score, candidate) }
            }
            // The next assignment, counting in base 3 from the last name.
            var position = names.count - 1
            while position >= 0, assignment[position] == choices.count - 1 {
                assignment[position] = 0
                position -= 1
            }
            guard position >= 0 else { break }
            assignment[position] += 1
        }
        if let best { assumedRanks = best.ranks }
    }
}
