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
/// An index letter is a single lowercase ASCII letter that is not bound (a local, a session variable, a
/// builtin or a constant), or the letter of a sum in scope, which shadows any binding. A letter counts as
/// an index only where it subscripts (`z_i`, `W_{i,j}`, `softmax(z)_i`, `z[i]`) or is an argument of the
/// Kronecker delta; elsewhere an unbound letter is left for the evaluator to report as an unknown name.
/// Lambda bodies are not read: a function's free indices are its own, found when it is called.
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
        /// A range lent by a delta with a summation letter, used only when the letter has none of its own.
        var lent = false
    }

    private let evaluator: Evaluator
    private let locals: [String: Value]
    private var uses: [String: [Use]] = [:]
    /// The letters of the sums around the part being read.
    private var summed: Set<String> = []
    /// Pairs of letters that a delta relates, with where.
    private var links: [(String, String, SourceRange)] = []

    init(evaluator: Evaluator, locals: [String: Value]) {
        self.evaluator = evaluator
        self.locals = locals
    }

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
            for (a, b, _) in links {
                if counts[a] == nil, let n = counts[b] { counts[a] = n; changed = true }
                if counts[b] == nil, let n = counts[a] { counts[b] = n; changed = true }
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
        if free.count > 2 {
            throw Diagnostic("too many free indices: \(free.map(\.name).joined(separator: ", "))", at: free[2].range,
                             note: "an expression with free indices is a vector (one index) or a matrix (two, rows first in alphabetical order)",
                             suggestion: "sum over one of them with sum_\(free[2].name)(…), or bind it to a number")
        }
        return free
    }

    /// How far the summation letter runs in `body`: the length of what it subscripts there.
    mutating func summationCount(_ letter: String, in body: Expr, head: SourceRange) throws -> Int {
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
        for (a, b, range) in bodyLinks {
            guard a == letter || b == letter else {
                links.append((a, b, range))
                continue
            }
            if let count { record(a == letter ? b : a, Use(size: count, source: "a delta with \(letter)", range: range, lent: true)) }
        }
        guard let count else {
            throw Diagnostic("index \(letter) has no range", at: head,
                             note: "sum_\(letter) runs over 1…n, n taken from a vector or matrix that \(letter) subscripts in its body, as in sum_\(letter)(z_\(letter))",
                             suggestion: "for n copies of c, write n * c")
        }
        return count
    }

    /// The one length all sized uses agree on; nil if no use has a size.
    private static func agreedCount(_ letter: String, _ list: [Use]) throws -> Int? {
        var first: Use?
        for use in list {
            guard let size = use.size, !use.lent else { continue }
            guard let earlier = first, let known = earlier.size else {
                first = use
                continue
            }
            if known != size {
                throw Diagnostic("index \(letter) has two ranges: 1…\(known) from \(earlier.source) and 1…\(size) from \(use.source)",
                                 at: use.range, note: "an index runs over the positions of what it subscripts, so their lengths must agree")
            }
        }
        return first?.size
    }

    // MARK: - Reading the tree

    private func value(_ name: String) -> Value? { locals[name] ?? evaluator.environment[name] }

    private func isBound(_ name: String) -> Bool {
        value(name) != nil || Builtins.named[name] != nil || Builtins.constants[name] != nil
    }

    /// Whether `name` is an index letter here (see the type's documentation).
    private func isIndex(_ name: String) -> Bool {
        summed.contains(name) || IndexedName.isIndexLetter(name) && !isBound(name)
    }

    private mutating func record(_ letter: String, _ use: Use) {
        uses[letter, default: []].append(use)
    }

    private mutating func visit(_ expr: Expr) throws {
        switch expr {
        case .number, .lambda:
            return
        case .variable(let name, let range):
            visitName(name, range: range)
        case .array(let items, _):
            for item in items { try visit(item) }
        case .unary(_, let operand, _), .transpose(let operand, _):
            try visit(operand)
        case .binary(_, let lhs, let rhs, _, _):
            try visit(lhs)
            try visit(rhs)
        case .call(let callee, let arguments, let range):
            try visitCall(callee, arguments, range: range)
        case .index(let base, let subscripts, _):
            try visitIndex(base, subscripts)
        }
    }

    /// `z_i`, `W_ij`, `δ_ij`: an unbound name whose base is bound to numbers (or is the delta).
    private mutating func visitName(_ name: String, range: SourceRange) {
        guard !isBound(name), let parts = IndexedName.parse(name, range: range) else { return }
        let base = value(parts.base)?.numbers
        if parts.isDelta, base == nil {
            var letters: [String] = []
            for case .letter(let letter, let r) in parts.subscripts where isIndex(letter) {
                record(letter, Use(size: nil, source: name, range: r))
                letters.append(letter)
            }
            if letters.count == 2 { links.append((letters[0], letters[1], range)) }
            return
        }
        guard let shape = base?.shape, parts.subscripts.count == shape.count else { return }
        for (d, sub) in parts.subscripts.enumerated() {
            if case .letter(let letter, let r) = sub, isIndex(letter) {
                record(letter, Use(size: shape[d], source: "\(parts.base) (\(Tensor.describe(shape: shape)))", range: r))
            }
        }
    }

    private mutating func visitCall(_ callee: Expr, _ arguments: [Expr], range: SourceRange) throws {
        if case .variable(let name, let head) = callee {
            if !isBound(name), let letter = IndexedName.summationLetter(name) {
                guard arguments.count == 1 else { throw IndexAnalysis.sumArity(name, range: range) }
                _ = try summationCount(letter, in: arguments[0], head: head)
                return
            }
            if name == "delta", value(name) == nil {
                var letters: [String] = []
                for argument in arguments {
                    if case .variable(let letter, let r) = argument, isIndex(letter) {
                        record(letter, Use(size: nil, source: "delta", range: r))
                        letters.append(letter)
                    } else {
                        try visit(argument)
                    }
                }
                if letters.count == 2 { links.append((letters[0], letters[1], range)) }
                return
            }
        }
        try visit(callee)
        for argument in arguments { try visit(argument) }
    }

    static func sumArity(_ name: String, range: SourceRange) -> Diagnostic {
        Diagnostic("\(name) takes one expression, the body of the sum", at: range, suggestion: "write \(name)(z_k * y_k)")
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
        if case .variable(let name, _) = base, let bound = value(name) { return bound.numbers?.shape }
        var inner = locals
        for letter in IndexAnalysis.subscriptLetters(in: base) where isIndex(letter) { inner[letter] = .scalar(1) }
        return try evaluator.evaluate(base, locals: inner).numbers?.shape
    }

    /// Every letter written in an index position inside `expr` (a superset of the indices it uses).
    private static func subscriptLetters(in expr: Expr) -> Set<String> {
        var letters: Set<String> = []
        func walk(_ e: Expr) {
            switch e {
            case .number, .lambda: return
            case .variable(let name, let range):
                if let parts = IndexedName.parse(name, range: range) { letters.formUnion(parts.letters) }
            case .array(let items, _): items.forEach(walk)
            case .unary(_, let a, _), .transpose(let a, _): walk(a)
            case .binary(_, let a, let b, _, _): walk(a); walk(b)
            case .call(let callee, let arguments, _):
                if case .variable(let name, _) = callee {
                    if let k = IndexedName.summationLetter(name) { letters.insert(k) }
                    if name == "delta" {
                        for case .variable(let l, _) in arguments where IndexedName.isIndexLetter(l) { letters.insert(l) }
                    }
                }
                walk(callee)
                arguments.forEach(walk)
            case .index(let base, let subscripts, _):
                walk(base)
                for sub in subscripts {
                    switch sub {
                    case .single(.variable(let l, _)) where IndexedName.isIndexLetter(l): letters.insert(l)
                    case .single(let e): walk(e)
                    case .range(let lower, let upper, _): lower.map(walk); upper.map(walk)
                    case .all: break
                    }
                }
            }
        }
        walk(expr)
        return letters
    }

    /// `softmax(…) (vector of 3)`: how a subscripted expression is named in a message about ranges.
    private static func describe(_ base: Expr, shape: [Int]?) -> String {
        let name: String
        switch base {
        case .variable(let n, _): name = n
        case .call(.variable(let f, _), _, _): name = "\(f)(…)"
        case .array: name = "[…]"
        default: name = "(…)"
        }
        return shape.map { "\(name) (\(Tensor.describe(shape: $0)))" } ?? name
    }
}
