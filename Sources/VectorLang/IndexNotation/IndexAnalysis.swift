/// A free index of an expression and how far it runs (1…count).
struct FreeIndex: Equatable {
    let name: String
    let count: Int
    /// Its first use, for carets.
    let range: SourceRange
}

/// Reads an expression's index notation before it is evaluated: which index letters are free, and the
/// range 1…n of each, taken from the vectors and matrices they subscript.
///
/// An index letter is a single lowercase ASCII letter that is not bound (a local, a session variable or
/// definition, a builtin or a constant), or the letter of a sum in scope, which shadows any binding. A
/// letter counts as an index only where it subscripts (`z_i`, `W_{i,j}`, `softmax(z)_i`, `z[i]`) or is an
/// argument of the Kronecker delta; elsewhere an unbound letter is left for the evaluator to report as an
/// unknown name. Lambda bodies are not read: a function's free indices are its own, found when it is called.
///
/// The delta lends a range: in `δ_ij − p_j`, i subscripts nothing, but δ_ij pairs it with j, so i runs
/// over j's range, as on paper. A letter's own ranges come first (a rectangular δ is allowed).
struct IndexAnalysis {
    /// One place an index letter is used, and the length of the dimension it subscripts there (nil: none, as in delta(i, j)).
    struct Use {
        let size: Int?
        /// What it subscripts, for messages: `z (vector of 3)`.
        let source: String
        let range: SourceRange
        /// A range lent through a delta, used only when the letter has none of its own.
        var lent = false
    }

    /// Two index letters that a delta pairs.
    private struct Link {
        let a: String, b: String
        let range: SourceRange
    }

    /// A sum whose letter only meets an outer index in deltas (`Σ_k δ_kj f`): it runs over that index's range.
    private struct Deferred {
        let letter: String, partner: String
        let head: SourceRange
    }

    let evaluator: Evaluator
    let locals: [String: Value]
    private var uses: [String: [Use]] = [:]
    /// The letters of the sums around the part being read.
    private(set) var summed: Set<String> = []
    private var links: [Link] = []
    private var deferred: [Deferred] = []

    init(evaluator: Evaluator, locals: [String: Value]) {
        self.evaluator = evaluator
        self.locals = locals
    }

    /// Where an enumerated or summed index's range is kept beside its value, so a sum inside can borrow it
    /// through a delta. `#` starts a comment, so no typed name can collide with it.
    static func rangeKey(_ letter: String) -> String { "#" + letter }

    /// The free indices of `expr`, in alphabetical order, with their ranges.
    ///
    /// Throws, with a caret, for a free index with no range, an index used with two lengths, more than
    /// two free indices (a value has at most two dimensions), and a sum whose letter has no range.
    mutating func freeIndices(of expr: Expr) throws -> [FreeIndex] {
        try visit(expr)
        var counts: [String: Int] = [:]
        for (letter, list) in uses {
            counts[letter] = try IndexAnalysis.agreedCount(letter, list) ?? list.first { $0.lent }?.size
        }
        // Ranges lent across deltas, until nothing changes (a chain δ_ij δ_jk lends along it).
        var changed = true
        while changed {
            changed = false
            for link in links {
                if counts[link.a] == nil, let n = counts[link.b] { counts[link.a] = n; changed = true }
                if counts[link.b] == nil, let n = counts[link.a] { counts[link.b] = n; changed = true }
            }
        }
        var free: [FreeIndex] = []
        for letter in uses.keys.sorted() {
            let list = uses[letter] ?? []
            guard let count = counts[letter], let first = list.first else {
                throw Diagnostic("index \(letter) has no range", at: list.first?.range ?? expr.range,
                                 note: "a free index runs over 1…n, n taken from a vector or matrix it subscripts, as in z_\(letter)",
                                 suggestion: "subscript a vector with \(letter) too, or bind it to a number: \(letter) = 1")
            }
            free.append(FreeIndex(name: letter, count: count, range: first.range))
        }
        if let unsettled = deferred.first(where: { counts[$0.partner] == nil }) {
            throw IndexAnalysis.noRange(summing: unsettled.letter, at: unsettled.head)
        }
        if free.count > 2 {
            throw Diagnostic("too many free indices: \(free.map(\.name).joined(separator: ", "))", at: free[2].range,
                             note: "an expression with free indices is a vector (one index) or a matrix (two, rows first in alphabetical order)",
                             suggestion: "sum over one of them with sum_\(free[2].name)(…), or bind it to a number")
        }
        return free
    }

    /// How far the summation letter runs in `body`: the length of what it subscripts there. Nil when it
    /// only meets an outer index in deltas, whose range is not known yet (it is when the sum is evaluated).
    mutating func summationCount(_ letter: String, in body: Expr, head: SourceRange) throws -> Int? {
        let outer = uses.removeValue(forKey: letter)
        let wasSummed = summed.contains(letter)
        summed.insert(letter)
        let linksBefore = links.count
        try visit(body)
        let inner = uses.removeValue(forKey: letter) ?? []
        if !wasSummed { summed.remove(letter) }
        if let outer { uses[letter] = outer }
        let count = try IndexAnalysis.agreedCount(letter, inner) ?? inner.first { $0.lent }?.size
        // The body's deltas pairing this letter with another lend it this range, and end with the sum.
        let bodyLinks = links[linksBefore...]
        links.removeSubrange(linksBefore...)
        var partners: [String] = []
        for link in bodyLinks {
            guard link.a == letter || link.b == letter else {
                links.append(link)
                continue
            }
            let other = link.a == letter ? link.b : link.a
            guard other != letter else { continue }
            if let count {
                record(other, Use(size: count, source: "a delta with \(letter)", range: link.range, lent: true))
            } else {
                partners.append(other)
            }
        }
        if count != nil { deferred.removeAll { $0.partner == letter } }
        if count == nil {
            guard let partner = partners.first else { throw IndexAnalysis.noRange(summing: letter, at: head) }
            deferred.append(Deferred(letter: letter, partner: partner, head: head))
        }
        return count
    }

    // MARK: - Reading the tree

    /// The value of a local or session name, a definition evaluated here (at `range`, its use).
    func value(_ name: String, at range: SourceRange) throws -> Value? {
        try evaluator.boundValue(name, locals: locals, at: range)
    }

    private func isBound(_ name: String) -> Bool {
        evaluator.isBound(name, locals: locals) || Builtins.named[name] != nil || Builtins.constants[name] != nil
    }

    /// Whether `name` is an index letter here (see the type's documentation).
    func isIndex(_ name: String) -> Bool {
        summed.contains(name) || IndexedName.isIndexLetter(name) && !isBound(name)
    }

    /// The range of a letter bound as an enumerated or summed index, kept under `rangeKey`.
    private func knownRange(_ letter: String) -> Int? {
        guard locals[letter] != nil, let n = locals[IndexAnalysis.rangeKey(letter)]?.numbers?.scalarValue else { return nil }
        return Int(exactly: n)
    }

    private mutating func record(_ letter: String, _ use: Use) {
        uses[letter, default: []].append(use)
    }

    private mutating func visit(_ expr: Expr) throws {
        // Reading may evaluate (a subscripted call's shape, a definition), so its levels are part of the
        // stack the evaluation budget bounds.
        try evaluator.enterLevel(at: expr.range)
        defer { evaluator.leaveLevel() }
        switch expr {
        case .number, .lambda:
            return
        case .variable(let name, let range):
            try visitName(name, range: range)
        case .array(let items, _):
            for item in items { try visit(item) }
        case .unary(_, let operand, _), .transpose(let operand, _):
            try visit(operand)
        case .binary:
            // A chain such as 1 + 1 + … + 1 nests to the left as deep as it is long: walk its spine in a
            // loop (still left to right), so reading a line never needs more stack than evaluating it.
            var operands: [Expr] = []
            var leftmost = expr
            while case .binary(_, let lhs, let rhs, _, _) = leftmost {
                operands.append(rhs)
                leftmost = lhs
            }
            try visit(leftmost)
            for operand in operands.reversed() { try visit(operand) }
        case .call(let callee, let arguments, let range):
            try visitCall(callee, arguments, range: range)
        case .index(let base, let subscripts, _):
            try visitIndex(base, subscripts)
        }
    }

    /// `z_i`, `W_ij`, `δ_ij`: an unbound name whose base is bound to numbers (or is the delta).
    private mutating func visitName(_ name: String, range: SourceRange) throws {
        guard !isBound(name), let parts = IndexedName.parse(name, range: range) else { return }
        let base = try value(parts.base, at: range)?.numbers
        if parts.isDelta, base == nil {
            visitDelta(parts.subscripts.map { sub in
                if case .letter(let letter, let r) = sub { return (letter, r) } else { return nil }
            }, source: name, at: range)
            return
        }
        guard let shape = base?.shape, parts.subscripts.count == shape.count else { return }
        for (d, sub) in parts.subscripts.enumerated() {
            if case .letter(let letter, let r) = sub, isIndex(letter) {
                record(letter, Use(size: shape[d], source: "\(parts.base) (\(Tensor.describe(shape: shape)))", range: r))
            }
        }
    }

    /// The delta's letters (nil for an argument that is not a letter): index letters are paired, and an
    /// index letter beside a bound index whose range is known borrows that range.
    private mutating func visitDelta(_ letters: [(String, SourceRange)?], source: String, at range: SourceRange) {
        var indices: [String] = []
        var known: Int?
        for case let (letter, r)? in letters {
            if isIndex(letter) {
                record(letter, Use(size: nil, source: source, range: r))
                indices.append(letter)
            } else if let n = knownRange(letter) {
                known = n
            }
        }
        if indices.count == 2 { links.append(Link(a: indices[0], b: indices[1], range: range)) }
        if indices.count == 1, let known {
            record(indices[0], Use(size: known, source: "a delta", range: range, lent: true))
        }
    }

    private mutating func visitCall(_ callee: Expr, _ arguments: [Expr], range: SourceRange) throws {
        if case .variable(let name, let head) = callee {
            if !isBound(name), let letter = IndexedName.summationLetter(name) {
                guard arguments.count == 1 else { throw IndexAnalysis.sumArity(name, range: range) }
                _ = try summationCount(letter, in: arguments[0], head: head)
                return
            }
            if name == "delta", !evaluator.isBound(name, locals: locals) {
                var letters: [(String, SourceRange)?] = []
                for argument in arguments {
                    if case .variable(let letter, let r) = argument, IndexedName.isIndexLetter(letter) {
                        letters.append((letter, r))
                    } else {
                        letters.append(nil)
                        try visit(argument)
                    }
                }
                visitDelta(letters, source: "delta", at: range)
                return
            }
        }
        try visit(callee)
        for argument in arguments { try visit(argument) }
    }

    private mutating func visitIndex(_ base: Expr, _ subscripts: [IndexArgument]) throws {
        try visit(base)
        var shape: [Int]?
        var measured = false
        for (d, sub) in subscripts.enumerated() {
            switch sub {
            case .single(.variable(let letter, let r)) where isIndex(letter):
                if !measured {
                    shape = try self.shape(of: base)
                    measured = true
                }
                let size = shape.flatMap { d < $0.count ? $0[d] : nil }
                record(letter, Use(size: size, source: IndexAnalysis.describe(base, shape: shape), range: r))
            case .single(let expr):
                try visit(expr)
            case .range(let lower, let upper, _):
                if let lower { try visit(lower) }
                if let upper { try visit(upper) }
            case .all:
                break
            }
        }
    }

    /// The shape of a subscripted expression: a bound name's, or else evaluated once, with the index
    /// letters inside it bound to 1 (a shape does not depend on which element is taken).
    private func shape(of base: Expr) throws -> [Int]? {
        if case .variable(let name, let range) = base, let bound = try value(name, at: range) { return bound.numbers?.shape }
        var inner = locals
        for letter in IndexAnalysis.subscriptLetters(in: base) where isIndex(letter) { inner[letter] = .scalar(1) }
        return try evaluator.evaluate(base, locals: inner).numbers?.shape
    }

}
