import VectorLang

/// Reading the REPL's own notation (`W @ x`, `x' @ A @ x`, `sum((A @ x - b)^2)`, `softmax(W @ x)`) into
/// index notation, as a textbook does before differentiating: (W @ x)ᵢ = Σₘ Wᵢₘxₘ, xᵀAx = Σᵢ Σₖ xᵢAᵢₖxₖ.
///
/// Vectors are columns, as in the mathematics printed and in the evaluator: a vector's element is at the
/// row slot, `x'` is a row (its element at the column slot), and an elementwise operation of a column
/// and a row is a matrix. A value is read as a term over the slots it has, so broadcasting is nothing
/// more than putting two such terms together.
extension TermReader {
    /// Where a value's rows and columns are, before they get letters.
    static let rowSlot = Index("#r")
    static let columnSlot = Index("#c")

    /// The shape of a value in vector notation: which slots its element has.
    enum Shape: Equatable, Sendable {
        case scalar, column, row, matrix

        var slots: [Index] {
            switch self {
            case .scalar: return []
            case .column: return [TermReader.rowSlot]
            case .row: return [TermReader.columnSlot]
            case .matrix: return [TermReader.rowSlot, TermReader.columnSlot]
            }
        }

        var rank: Int { slots.count }

        /// What an elementwise operation of two values gives: the slots of both.
        func broadcast(with other: Shape) -> Shape {
            let slots = Set(self.slots + other.slots)
            switch (slots.contains(TermReader.rowSlot), slots.contains(TermReader.columnSlot)) {
            case (false, false): return .scalar
            case (true, false): return .column
            case (false, true): return .row
            case (true, true): return .matrix
            }
        }

        var said: String {
            switch self {
            case .scalar: return "a number"
            case .column: return "a vector"
            case .row: return "a row"
            case .matrix: return "a matrix"
            }
        }
    }

    /// A value read from vector notation: its shape, and its element over the shape's slots.
    struct VectorTerm {
        let shape: Shape
        let term: Term
    }

    /// Whether the expression is written in vector notation: no index letters, sums over letters or
    /// deltas anywhere (those are index notation, read as typed).
    static func isVectorNotation(_ expr: Expr) -> Bool {
        var stack = [expr]
        while let e = stack.popLast() {
            switch e {
            case .variable(let name, let range):
                if IndexedName.parse(name, range: range) != nil { return false }
            case .index: return false
            case .call(.variable(let f, _), let args, _):
                if IndexedName.summationLetter(f) != nil || f == "delta" || f == "partial" { return false }
                stack += args
            case .call(let f, let args, _): stack += [f] + args
            case .unary(_, let a, _), .transpose(let a, _): stack.append(a)
            case .binary(_, let a, let b, _, _): stack += [a, b]
            case .array(let items, _): stack += items
            case .number, .lambda: break
            }
        }
        return true
    }

    /// Whether the expression has anything only vector notation has: a matrix product or a transpose.
    static func usesVectors(_ expr: Expr) -> Bool { uses(expr) { if case .transpose = $0 { return true } else { return false } } || usesProduct(expr) }

    private static func usesProduct(_ expr: Expr) -> Bool {
        uses(expr) { if case .binary(.matrixProduct, _, _, _, _) = $0 { return true } else { return false } }
    }

    private static func uses(_ expr: Expr, _ what: (Expr) -> Bool) -> Bool {
        if what(expr) { return true }
        switch expr {
        case .binary(_, let a, let b, _, _): return uses(a, what) || uses(b, what)
        case .unary(_, let a, _), .transpose(let a, _): return uses(a, what)
        case .call(_, let args, _): return args.contains { uses($0, what) }
        default: return false
        }
    }

    /// What reading the expression in index notation took, in words: the products and transposes it
    /// has (vectors are columns), and each named product uᵢ = Σₘ Wᵢₘ xₘ.
    static func indexNotation(of expr: Expr, definitions: [Definition]) -> String {
        var said: [String] = []
        if usesProduct(expr) { said.append("(Ax)ᵢ = Σₘ Aᵢₘ xₘ") }
        if uses(expr, { if case .transpose = $0 { return true } else { return false } }) { said.append("(xᵀ)ⱼ = xⱼ") }
        if !said.isEmpty { said[0] = "vectors are columns, " + said[0] }
        for d in definitions where d.kind == .linear {
            let parts = d.meaning.split(separator: "@").map { String($0.filter { $0 != " " }) }
            if parts.count == 2 { said.append("\(d.name)ᵢ = Σₘ \(parts[0])ᵢₘ \(parts[1])ₘ") }
        }
        return said.isEmpty ? "each vector by its elements" : said.joined(separator: "; ")
    }

    /// The whole input in vector notation, with letters for its slots (i for rows, j for columns).
    mutating func readVectorInput(_ expr: Expr) throws -> Term {
        let value = try lower(expr)
        // Rows and columns get the first letters free in the term, in alphabetical order, as the evaluator
        // orders a result's free indices.
        let row = Term.fresh(avoiding: value.term.allIndices, preferring: Term.outputLetters[0])
        let column = Term.fresh(avoiding: value.term.allIndices.union(Term.indexLetters.filter { $0 <= row }).union([row]),
                                preferring: Term.outputLetters[1])
        return value.term.renaming(TermReader.rowSlot, to: row).renaming(TermReader.columnSlot, to: column)
    }

    /// The operands of a left-nested chain of + and − (or of ×), in the order written, each with
    /// whether it is subtracted.
    static func chain(_ expr: Expr, multiplying: Bool) -> [(operand: Expr, negated: Bool)] {
        var operands: [(operand: Expr, negated: Bool)] = []
        var node = expr
        while case .binary(let op, let a, let b, _, _) = node, multiplying ? op == .multiply : (op == .add || op == .subtract) {
            operands.append((b, op == .subtract))
            node = a
        }
        operands.append((node, false))
        return operands.reversed()
    }

    /// `expr` read as a value over slots. A name's rank comes from the session (`ranks`) or, when the
    /// numbers are not bound yet, from how the expression uses it (`inferRanks`).
    mutating func lower(_ expr: Expr) throws -> VectorTerm {
        switch expr {
        case .number(let n, _):
            return VectorTerm(shape: .scalar, term: .number(n))
        case .variable(let name, let range):
            if Builtins.named[name] != nil || isConstant(name) || IndexedName.parse(name, range: range) != nil {
                return VectorTerm(shape: .scalar, term: try read(expr))
            }
            if let body = sessionDefinitions[name] {
                // A definition is read through; one that reached itself would have been refused by the session.
                var inner = self
                inner.sessionDefinitions[name] = nil
                let value = try inner.lower(body)
                self = inner
                sessionDefinitions[name] = body
                return value
            }
            // Unbound and not inferred: a number where the input uses it as one (z_i / T), else a vector.
            let rank = ranks[name] ?? assumedRanks[name] ?? (variables[name] == 0 ? 0 : 1)
            use(name, rank: rank)
            switch rank {
            case 0: return VectorTerm(shape: .scalar, term: .symbol(name))
            case 1: return VectorTerm(shape: .column, term: .indexed(name, [TermReader.rowSlot]))
            default: return VectorTerm(shape: .matrix, term: .indexed(name, [TermReader.rowSlot, TermReader.columnSlot]))
            }
        case .unary(let op, let e, _):
            let v = try lower(e)
            return op == .negate ? VectorTerm(shape: v.shape, term: -v.term) : v
        case .transpose(let e, _):
            return TermReader.transposed(try lower(e))
        case .binary(.matrixProduct, let a, let b, let opRange, _):
            return try matrixProduct(a, b, expr: expr, at: opRange)
        case .binary(let op, _, _, _, _) where op == .add || op == .subtract || op == .multiply:
            // A chain a + b − c or a·b·c is read as one sum or product, in one pass: nested two at a
            // time, x*x*…*x of 20,000 factors copied the growing product at every level.
            var shape: Shape?
            var terms: [Term] = []
            for (operand, negated) in TermReader.chain(expr, multiplying: op == .multiply) {
                let v = try lower(operand)
                shape = shape.map { $0.broadcast(with: v.shape) } ?? v.shape
                terms.append(negated ? -v.term : v.term)
            }
            return VectorTerm(shape: shape ?? .scalar, term: op == .multiply ? .product(of: terms) : .sum(of: terms))
        case .binary(let op, let a, let b, _, _):
            let l = try lower(a), r = try lower(b)
            let term: Term
            switch op {
            case .add: term = l.term + r.term
            case .subtract: term = l.term - r.term
            case .multiply: term = l.term * r.term
            case .divide: term = .quotient(l.term, r.term)
            case .power, .matrixProduct: term = .raise(l.term, to: r.term)
            }
            return VectorTerm(shape: l.shape.broadcast(with: r.shape), term: term)
        case .call(.variable(let f, let fRange), let args, let range):
            return try lowerCall(f, args, expr: expr, fRange: fRange, range: range)
        default:
            throw Failure(message: "this cannot be derived symbolically", range: expr.range)
        }
    }

    /// A value's transpose: a column becomes a row, a matrix's slots swap.
    static func transposed(_ v: VectorTerm) -> VectorTerm {
        let swap = Index("#t")
        switch v.shape {
        case .scalar: return v
        case .column: return VectorTerm(shape: .row, term: v.term.renaming(rowSlot, to: columnSlot))
        case .row: return VectorTerm(shape: .column, term: v.term.renaming(columnSlot, to: rowSlot))
        case .matrix:
            let t = v.term.renaming(rowSlot, to: swap).renaming(columnSlot, to: rowSlot).renaming(swap, to: columnSlot)
            return VectorTerm(shape: .matrix, term: t)
        }
    }

    /// `a @ b` as a sum over the shared slot: (A @ x)ᵢ = Σₘ Aᵢₘxₘ; a column times a row is the outer product.
    private mutating func matrixProduct(_ a: Expr, _ b: Expr, expr: Expr, at opRange: SourceRange) throws -> VectorTerm {
        let l = try lower(a), r = try lower(b)
        // W @ x of two names gets a name of its own (u = W @ x), so a softmax of it is cited through u.
        if l.shape == .matrix, r.shape == .column, case .variable(let w, _) = a, case .variable(let v, _) = b,
           ranks[w] != 0, ranks[v] != 0, Builtins.named[w] == nil, Builtins.named[v] == nil {
            let u = try define(.linear, typed: expr, arguments: [w, v], meaning: "\(w) @ \(v)")
            return VectorTerm(shape: .column, term: .indexed(u, [TermReader.rowSlot]))
        }
        let used = l.term.allIndices.union(r.term.allIndices)
        let m = Term.fresh(avoiding: used)
        switch (l.shape, r.shape) {
        case (.column, .row):
            return VectorTerm(shape: .matrix, term: l.term * r.term)
        case (.matrix, .column), (.matrix, .matrix), (.row, .column), (.row, .matrix):
            let left = l.term.renaming(TermReader.columnSlot, to: m), right = r.term.renaming(TermReader.rowSlot, to: m)
            let shape: Shape = l.shape == .matrix ? (r.shape == .matrix ? .matrix : .column) : (r.shape == .matrix ? .row : .scalar)
            return VectorTerm(shape: shape, term: .indexSum(m, left * right))
        default:
            let fix = l.shape == .column && r.shape != .scalar ? "; for a row times it, write the left side transposed (x' @ …)" : ""
            throw Failure(message: "@ multiplies a matrix or a row by a vector or a matrix, but here the left is \(l.shape.said) and the right \(r.shape.said)\(fix)",
                          range: opRange)
        }
    }

    /// The reductions and vector functions a derivation reads, and every elementwise builtin.
    private mutating func lowerCall(_ f: String, _ args: [Expr], expr: Expr, fRange: SourceRange, range: SourceRange) throws -> VectorTerm {
        if let user = functions[f] {
            guard args.count == user.parameters.count else {
                throw Failure(message: "\(f) takes \(user.parameters.count) argument\(user.parameters.count == 1 ? "" : "s"), but \(args.count) \(args.count == 1 ? "was" : "were") given", range: range)
            }
            return try lower(ExprSubstitution.replacing(names: Dictionary(zip(user.parameters, args), uniquingKeysWith: { a, _ in a }), in: user.body))
        }
        guard let builtin = Builtins.named[f] else { throw TermReader.unknownFunction(f, at: fRange) }
        guard builtin.arity.contains(args.count) else {
            throw Failure(message: "\(f) takes \(builtin.arity.lowerBound) argument\(builtin.arity.upperBound == 1 ? "" : "s"), but \(args.count) were given",
                          range: range, suggestion: "usage: " + builtin.signatures.joined(separator: " or "))
        }
        switch f {
        case "sum", "mean", "dot":
            let v = f == "dot" ? try elementwiseProduct(args) : try lower(args[0])
            var term = v.term
            var count: [Term] = []
            // sum(A, 1) sums down the columns (a row is left), sum(A, 2) along the rows (a column).
            var over = v.shape.slots
            var left = Shape.scalar
            if f != "dot", args.count == 2 {
                guard case .number(let n, _) = args[1], n == 1 || n == 2, v.shape == .matrix else {
                    throw Failure(message: "\(f) along a dimension takes a matrix and 1 or 2, as in \(f)(A, 1)", range: range)
                }
                over = [n == 1 ? TermReader.rowSlot : TermReader.columnSlot]
                left = n == 1 ? .row : .column
            }
            for slot in over {
                let k = Term.fresh(avoiding: term.allIndices)
                if f == "mean" { count.append(try length(of: v.term, along: slot, at: range)) }
                term = .indexSum(k, term.renaming(slot, to: k))
            }
            if f == "mean", !count.isEmpty { term = .quotient(term, .product(of: count)) }
            return VectorTerm(shape: left, term: term)
        case "outer":
            let a = try lower(args[0]), b = try lower(args[1])
            guard a.shape == .column, b.shape == .column else {
                throw Failure(message: "outer takes two vectors, but here they are \(a.shape.said) and \(b.shape.said)", range: range)
            }
            return VectorTerm(shape: .matrix, term: a.term * TermReader.transposed(b).term)
        case "diag":
            let v = try lower(args[0])
            switch v.shape {
            case .column: return VectorTerm(shape: .matrix, term: .kronecker(TermReader.rowSlot, TermReader.columnSlot) * v.term)
            case .matrix: return VectorTerm(shape: .column, term: v.term.renaming(TermReader.columnSlot, to: TermReader.rowSlot))
            default: throw Failure(message: "diag takes a vector or a square matrix, but here it is \(v.shape.said)", range: range)
            }
        case "softmax", "log_softmax", "logsumexp":
            return try softmaxFamily(f, args, expr: expr, fRange: fRange, range: range)
        case "cross_entropy", "cross_entropy_logits", "nll":
            return VectorTerm(shape: .scalar, term: try crossEntropy(f, args, fRange: fRange, range: range))
        default:
            guard builtin.partials.contains(where: { $0.parameters.count == args.count }) else {
                throw Failure(message: "no derivation rules for \(f)", range: fRange,
                              suggestion: "write it out in index notation, or differentiate it numerically with grad or jacobian")
            }
            let values = try args.map { try lower($0) }
            let shape = values.reduce(Shape.scalar) { $0.broadcast(with: $1.shape) }
            return VectorTerm(shape: shape, term: .apply(f, values.map(\.term)))
        }
    }

    /// `dot(a, b)`'s summand: a ⊙ b of two vectors.
    private mutating func elementwiseProduct(_ args: [Expr]) throws -> VectorTerm {
        let a = try lower(args[0]), b = try lower(args[1])
        guard a.shape == .column, b.shape == .column else {
            throw Failure(message: "dot takes two vectors, but here they are \(a.shape.said) and \(b.shape.said)", range: args[0].range)
        }
        return VectorTerm(shape: .column, term: a.term * b.term)
    }

    /// How many elements a value has along a slot, from a name indexed there: len(z) for the rows of z.
    private func length(of term: Term, along slot: Index, at range: SourceRange) throws -> Term {
        // A name of the input's own (y) rather than one given to a part (u = X @ w): it reads as typed.
        var found: [String] = []
        func visit(_ t: Term) {
            // len counts a vector's elements and a matrix's rows.
            if case .indexed(let name, let x) = t, x.count == 1 && x[0] == slot || x.count == 2 && x[0] == slot && slot == TermReader.rowSlot {
                found.append(name)
            }
            t.children.forEach(visit)
        }
        visit(term)
        let parts = Set(definitions.map(\.name))
        guard let name = found.first(where: { !parts.contains($0) }) ?? found.first else {
            throw Failure(message: "mean of this is not supported in a derivation; write sum(…) / n", range: range)
        }
        return .apply("len", [.symbol(name)])
    }

    /// softmax and log_softmax of a vector get a name (p = softmax(W @ x)), so their Jacobian is cited;
    /// logsumexp is log Σₖ exp, whose gradient is that softmax.
    private mutating func softmaxFamily(_ f: String, _ args: [Expr], expr: Expr, fRange: SourceRange, range: SourceRange) throws -> VectorTerm {
        let v = try lower(args[0])
        if v.shape == .matrix, f != "logsumexp", args.count == 1 {
            let letters = [TermReader.rowSlot, TermReader.columnSlot]
            return VectorTerm(shape: .matrix, term: try component(of: expr, letters, range: range))
        }
        guard v.shape == .column else {
            throw Failure(message: "\(f) of \(v.shape.said) is not supported in a derivation; it takes a vector", range: range)
        }
        var logits = v.term.renaming(TermReader.rowSlot, to: Definition.slot)
        if args.count == 2 { logits = .quotient(logits, try read(args[1])) }
        let softmax = Expr.call(.variable("softmax", range: fRange), arguments: args, range: range)
        if f == "logsumexp" {
            _ = try define(.softmax(logits: logits), typed: softmax)
            let k = Term.fresh(avoiding: logits.allIndices)
            return VectorTerm(shape: .scalar, term: .log(.indexSum(k, .exp(logits.renaming(Definition.slot, to: k)))))
        }
        if f == "log_softmax" { _ = try define(.softmax(logits: logits), typed: softmax) }
        let name = try define(f == "softmax" ? .softmax(logits: logits) : .logSoftmax(logits: logits), typed: expr)
        return VectorTerm(shape: .column, term: .indexed(name, [TermReader.rowSlot]))
    }
}
