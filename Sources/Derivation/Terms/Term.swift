/// A symbolic expression in index notation: what the derivation engine rewrites.
///
/// Subtraction is addition of a product with −1 and division is its own node (so a quotient reads
/// as one, as the quotient rule needs); smart constructors in `Term+Construction.swift` keep terms
/// free of `0·x`, `1·x`, nested sums and `δ_ii`.
public indirect enum Term: Sendable {
    case number(Double)
    /// A scalar variable or constant: `x`, `y`, `T`, `n`, `c`.
    case symbol(String)
    /// An element of a vector or matrix: `z_i`, `W_ij`, `p_k` (an abbreviation such as p = softmax(z)).
    case indexed(String, [Index])
    /// The Kronecker delta δ_ab.
    case delta(Index, Index)
    case add([Term])
    case multiply([Term])
    case divide(Term, Term)
    case power(Term, Term)
    /// An elementwise function of scalars: `exp`, `log`, `sigmoid`, `tanh`, `relu`, `abs`, `sign`,
    /// `step`, `softplus`, `softsign`, `leaky_relu`, and `log` with a base as a second argument.
    case apply(String, [Term])
    /// Σ_k body, with k running over 1…n. The sum binds k: terms are equal up to the letter it uses
    /// (see `Term+Binders.swift`), and the letter shown is chosen when printing.
    case sum(Index, Term)
    /// ∂body/∂variable, not yet worked out.
    case partial(Term, Variable)
}

/// An index letter: i, j, k, …
public struct Index: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let name: String
    public init(_ name: String) { self.name = name }
    public var description: String { name }
    /// A literal position (z_2), a constant rather than an index that ranges.
    public var isPosition: Bool { name.first?.isNumber == true }
    public static func < (a: Index, b: Index) -> Bool { a.name < b.name }
}

/// What a derivative is taken with respect to: a scalar `x` or an element `z_j`, `W_ij`.
public struct Variable: Hashable, Sendable {
    public let name: String
    public let indices: [Index]
    public init(_ name: String, _ indices: [Index] = []) {
        self.name = name
        self.indices = indices
    }

    public var term: Term { indices.isEmpty ? .symbol(name) : .indexed(name, indices) }
}

extension Term {
    public static let zero = Term.number(0)
    public static let one = Term.number(1)

    public var isZero: Bool { self == .number(0) }
    public var isOne: Bool { self == .number(1) }

    /// The immediate subterms, in order.
    public var children: [Term] {
        switch self {
        case .number, .symbol, .indexed, .delta: return []
        case .add(let terms), .multiply(let terms), .apply(_, let terms): return terms
        case .divide(let a, let b), .power(let a, let b): return [a, b]
        case .sum(_, let body), .partial(let body, _): return [body]
        }
    }

    /// The same node with new children (in the order `children` gives them), rebuilt by the smart constructors.
    public func with(children new: [Term]) -> Term {
        switch self {
        case .number, .symbol, .indexed, .delta: return self
        case .add: return .sum(of: new)
        case .multiply: return .product(of: new)
        case .apply(let f, _): return .apply(f, new)
        case .divide: return .quotient(new[0], new[1])
        case .power: return .raise(new[0], to: new[1])
        case .sum(let k, _): return .indexSum(k, new[0])
        case .partial(_, let v): return .partial(new[0], v)
        }
    }

    /// Whether the term depends on the named variable (any of its elements).
    public func mentions(_ name: String) -> Bool {
        switch self {
        case .symbol(let s): return s == name
        case .indexed(let s, _): return s == name
        case .partial(let body, let v): return v.name == name || body.mentions(name)
        default: return children.contains { $0.mentions(name) }
        }
    }

    /// Indices that occur free (not bound by a Σ).
    public var freeIndices: Set<Index> {
        switch self {
        case .indexed(_, let indices): return Set(indices.filter { !$0.isPosition })
        case .delta(let a, let b): return Set([a, b].filter { !$0.isPosition })
        case .sum(let k, let body): return body.freeIndices.subtracting([k])
        case .partial(let body, let v): return body.freeIndices.union(v.indices.filter { !$0.isPosition })
        default: return children.reduce(into: Set<Index>()) { $0.formUnion($1.freeIndices) }
        }
    }

    /// Every index letter used anywhere, bound or free (to pick fresh ones).
    public var allIndices: Set<Index> {
        switch self {
        case .sum(let k, let body): return body.allIndices.union([k])
        case .partial(let body, let v): return body.allIndices.union(v.indices)
        default: return freeIndices.union(children.reduce(into: Set<Index>()) { $0.formUnion($1.allIndices) })
        }
    }

    /// The number of nodes, to compare how simple two equal forms are.
    public var size: Int { 1 + children.reduce(0) { $0 + $1.size } }

    public var isNumber: Bool {
        if case .number = self { return true }
        return false
    }

    /// How many times `part` occurs in the term.
    func occurrences(of part: Term) -> Int {
        self == part ? 1 : children.reduce(0) { $0 + $1.occurrences(of: part) }
    }

    /// A number, a name or an element: what a definition is written of (σ(x), not σ(2x)).
    public var isAtom: Bool {
        switch self {
        case .number, .symbol, .indexed: return true
        default: return false
        }
    }

    public var containsPartial: Bool {
        if case .partial = self { return true }
        return children.contains { $0.containsPartial }
    }
}
