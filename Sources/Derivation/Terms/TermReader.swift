import VectorLang

/// Reads an expression typed in Jacobi's syntax (`exp(z_i)/sum_k(exp(z_k))`) into a term, naming the
/// parts it recognises (softmax(z)_i becomes pᵢ with p = softmax(z)).
///
/// What a function is comes from its builtin entry alone: its arity, and its partial derivatives
/// (`Builtin.partials`) for the chain rule. No name of a variable means anything here: facts come from
/// builtin arguments (cross_entropy's target sums to one) or are declared, never from a letter.
struct TermReader {
    struct Failure: Error {
        let message: String
        let range: SourceRange?
        var suggestion: String?
    }

    /// Names given to recognised parts, dependencies first.
    var definitions: [Definition] = []
    var facts: [Fact] = []
    /// The names the expression uses, with how many indices each takes (0 for a number).
    private(set) var variables: [String: Int] = [:]
    /// Names a recognised part must not take: the input's own and the session's.
    var taken: Set<String>
    /// The session's functions, read through their bodies.
    let functions: [String: UserFunction]
    /// How many indices the session's values take (0 for a number), to read `softmax(z - c)` elementwise.
    let ranks: [String: Int]
    /// Calls of session functions being read, to refuse one that calls itself.
    private var expanding: [String] = []
    /// Ranks of names the session has not bound, read off how vector notation uses them (`inferRanks`).
    var assumedRanks: [String: Int] = [:]
    /// The session's definitions (`p := softmax(z)`), read as what they stand for wherever they are used.
    var sessionDefinitions: [String: Expr] = [:]

    init(reserving names: Set<String> = [], functions: [String: UserFunction] = [:], ranks: [String: Int] = [:]) {
        taken = names
        self.functions = functions
        self.ranks = ranks
    }

    /// Reads the whole input: index notation as typed, vector notation (`W @ x`) lowered into it.
    mutating func readInput(_ expr: Expr) throws -> Term {
        taken.formUnion(TermReader.names(in: expr))
        guard TermReader.isVectorNotation(expr) else { return try read(expr) }
        inferRanks(expr)
        return try readVectorInput(expr)
    }

    mutating func read(_ expr: Expr) throws -> Term {
        switch expr {
        case .number(let x, _):
            return .number(x)
        case .variable(let name, let range):
            return try readName(name, range: range)
        case .unary(let op, let e, _):
            let t = try read(e)
            return op == .negate ? -t : t
        case .binary(let op, let a, let b, let opRange, _):
            if op == .matrixProduct {
                throw Failure(message: "derivations work element by element; write the product with a sum, as sum_k(W_ik * x_k)", range: opRange)
            }
            let x = try read(a), y = try read(b)
            switch op {
            case .add: return x + y
            case .subtract: return x - y
            case .multiply: return x * y
            case .divide: return .quotient(x, y)
            case .power, .matrixProduct: return .raise(x, to: y)
            }
        case .call(.variable(let f, let fRange), let args, let range):
            return try call(f, args, fRange: fRange, range: range)
        case .index(let base, let subscripts, let range):
            var letters: [Index] = []
            for s in subscripts {
                guard case .single(let item) = s, let index = TermReader.index(item) else {
                    throw Failure(message: "an index in a derivation is a letter or a position, as in z_i, z_2 or softmax(z)_i", range: range)
                }
                letters.append(index)
            }
            return try component(of: base, letters, range: range)
        default:
            throw Failure(message: "this cannot be derived symbolically", range: expr.range)
        }
    }

    /// An index written as a letter (`i`) or a position (`2`).
    private static func index(_ expr: Expr) -> Index? {
        switch expr {
        case .variable(let v, _) where v.unicodeScalars.count == 1 && v.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) }):
            return Index(v)
        case .number(let n, _) where n >= 1 && n == n.rounded() && n < 1e15:
            return Index(String(Int(n)))
        default:
            return nil
        }
    }

    private mutating func readName(_ name: String, range: SourceRange) throws -> Term {
        if let parts = IndexedName.parse(name, range: range) {
            let indices = parts.subscripts.map { s -> Index in
                switch s {
                case .letter(let l, _): return Index(l)
                case .position(let n, _): return Index(String(n))
                }
            }
            if parts.isDelta {
                guard indices.count == 2 else { throw Failure(message: "the delta takes two indices, as in δ_ij", range: range) }
                return .kronecker(indices[0], indices[1])
            }
            // p_i of a session definition p := softmax(z) is an element of what p stands for.
            if sessionDefinitions[parts.base] != nil, indices.count == 1 {
                return try element(of: .variable(parts.base, range: range), at: indices)
            }
            use(parts.base, rank: indices.count)
            return .indexed(parts.base, indices)
        }
        if let builtin = Builtins.named[name] {
            throw Failure(message: "\(name) is a function; call it, as in \(builtin.signatures.first ?? name + "(z)")", range: range)
        }
        use(name, rank: 0)
        return .symbol(name)
    }

    /// Whether `name` reads as a builtin constant (π, e), which it does not once the session binds it (`e = [1, 2]`).
    func isConstant(_ name: String) -> Bool {
        Builtins.constants[name] != nil && ranks[name] == nil && sessionDefinitions[name] == nil
    }

    mutating func use(_ name: String, rank: Int) {
        variables[name] = max(variables[name] ?? 0, rank)
    }

    private mutating func call(_ f: String, _ args: [Expr], fRange: SourceRange, range: SourceRange) throws -> Term {
        if let k = IndexedName.summationLetter(f) {
            guard k.unicodeScalars.count == 1, args.count == 1 else {
                throw Failure(message: "write a sum as sum_k(body), with one letter after sum_", range: fRange)
            }
            return .indexSum(Index(k), try read(args[0]))
        }
        if let user = functions[f] { return try inline(f, user, args, fRange: fRange, range: range) }
        guard let builtin = Builtins.named[f] else { throw TermReader.unknownFunction(f, at: fRange) }
        guard builtin.arity.contains(args.count) else {
            let a = builtin.arity
            let expected = a.lowerBound == a.upperBound ? "\(a.lowerBound)" : "\(a.lowerBound) to \(a.upperBound)"
            throw Failure(message: "\(f) takes \(expected) argument\(a.upperBound == 1 ? "" : "s"), but \(args.count) \(args.count == 1 ? "was" : "were") given",
                          range: range, suggestion: "usage: " + builtin.signatures.joined(separator: " or "))
        }
        switch f {
        case "delta":
            guard let a = TermReader.index(args[0]), let b = TermReader.index(args[1]) else {
                throw Failure(message: "delta takes two indices, as in delta(i, j)", range: range)
            }
            return .kronecker(a, b)
        case "partial":
            throw Failure(message: "derive the expression itself; partial(…) is what derive produces", range: fRange)
        case "logsumexp":
            let k = Term.fresh(avoiding: [])  // bound by the sum: any letter will do
            let logits = try element(of: args[0], at: [Definition.slot])
            _ = try define(.softmax(logits: logits), typed: .call(.variable("softmax", range: fRange), arguments: args, range: range))
            return .log(.indexSum(k, .exp(logits.renaming(Definition.slot, to: k))))
        case "cross_entropy", "cross_entropy_logits", "nll":
            return try crossEntropy(f, args, fRange: fRange, range: range)
        default:
            guard builtin.partials.contains(where: { $0.parameters.count == args.count }) else {
                throw Failure(message: "no derivation rules for \(f)", range: fRange,
                              suggestion: "write it out in index notation, or differentiate it numerically with grad or jacobian")
            }
            return .apply(f, try args.map { try read($0) })
        }
    }

    /// A session function's body with the arguments put in for its parameters, read as if typed there.
    private mutating func inline(_ f: String, _ user: UserFunction, _ args: [Expr], fRange: SourceRange, range: SourceRange) throws -> Term {
        guard args.count == user.parameters.count else {
            throw Failure(message: "\(f) takes \(user.parameters.count) argument\(user.parameters.count == 1 ? "" : "s"), but \(args.count) \(args.count == 1 ? "was" : "were") given", range: range)
        }
        guard !expanding.contains(f), expanding.count < 32 else {
            throw Failure(message: "\(f) calls itself, so it cannot be written out", range: fRange)
        }
        expanding.append(f)
        defer { expanding.removeLast() }
        let body = ExprSubstitution.replacing(names: Dictionary(zip(user.parameters, args), uniquingKeysWith: { a, _ in a }), in: user.body)
        return try read(body)
    }

    static func unknownFunction(_ f: String, at range: SourceRange) -> Failure {
        let guess = Suggestions.closest(to: f, among: Builtins.all.map(\.name).filter { $0.first?.isLetter == true })
        return Failure(message: "unknown function '\(f)'", range: range, suggestion: guess.map { "did you mean \($0)?" })
    }

    mutating func addFact(_ fact: Fact) {
        if !facts.contains(where: { $0.assumption == fact.assumption }) { facts.append(fact) }
    }

    /// Every identifier in the expression, and the base of every indexed name (z of z_i).
    static func names(in expr: Expr) -> Set<String> {
        var found: Set<String> = []
        var stack = [expr]
        while let e = stack.popLast() {
            switch e {
            case .variable(let name, let range):
                found.insert(name)
                if let parts = IndexedName.parse(name, range: range) { found.insert(parts.base) }
            case .number: break
            case .array(let items, _): stack += items
            case .unary(_, let a, _), .transpose(let a, _): stack.append(a)
            case .binary(_, let a, let b, _, _): stack += [a, b]
            case .call(let f, let args, _): stack += [f] + args
            case .index(let base, let subs, _):
                stack.append(base)
                for s in subs { if case .single(let item) = s { stack.append(item) } }
            case .lambda(let parameters, let body, _):
                found.formUnion(parameters)
                stack.append(body)
            }
        }
        return found
    }
}
