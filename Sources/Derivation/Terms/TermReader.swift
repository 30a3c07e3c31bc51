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
    private(set) var definitions: [Definition] = []
    private(set) var facts: [Fact] = []
    /// The names the expression uses, with how many indices each takes (0 for a number).
    private(set) var variables: [String: Int] = [:]
    /// Names a recognised part must not take: the input's own and the session's.
    private var taken: Set<String>
    /// The session's functions, read through their bodies.
    private let functions: [String: UserFunction]
    /// Calls of session functions being read, to refuse one that calls itself.
    private var expanding: [String] = []

    init(reserving names: Set<String> = [], functions: [String: UserFunction] = [:]) {
        taken = names
        self.functions = functions
    }

    /// Reads the whole input.
    mutating func readInput(_ expr: Expr) throws -> Term {
        taken.formUnion(TermReader.names(in: expr))
        return try read(expr)
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
            use(parts.base, rank: indices.count)
            return .indexed(parts.base, indices)
        }
        if let builtin = Builtins.named[name] {
            throw Failure(message: "\(name) is a function; call it, as in \(builtin.signatures.first ?? name + "(z)")", range: range)
        }
        use(name, rank: 0)
        return .symbol(name)
    }

    private mutating func use(_ name: String, rank: Int) {
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
            let z = try vectorName(args[0], of: f, range: range)
            _ = try define(.softmax(temperature: nil), of: [z], typed: .call(.variable("softmax", range: fRange), arguments: args, range: range))
            let k = Index("k")
            return .log(.indexSum(k, .exp(.indexed(z, [k]))))
        case "cross_entropy", "cross_entropy_logits", "nll":
            guard args.count == 2, case .variable(let y, _) = args[1] else {
                throw Failure(message: "\(f) needs a target vector by name, as in \(f)(softmax(z), y)", range: range)
            }
            use(y, rank: 1)
            let k = Index("k")
            let p: Term
            switch f {
            case "cross_entropy_logits":
                p = try component(of: .call(.variable("softmax", range: fRange), arguments: [args[0]], range: range), [k], range: range)
            case "nll": p = .exp(try component(of: args[0], [k], range: range))
            default: p = try component(of: args[0], [k], range: range)
            }
            addFact(Fact(Assumption(.sumsToOne, y), because: "\(y) is \(f)'s target, one-hot or a probability vector"))
            return -.indexSum(k, .indexed(y, [k]) * .log(p))
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

    private static func unknownFunction(_ f: String, at range: SourceRange) -> Failure {
        let guess = Suggestions.closest(to: f, among: Builtins.all.map(\.name).filter { $0.first?.isLetter == true })
        return Failure(message: "unknown function '\(f)'", range: range, suggestion: guess.map { "did you mean \($0)?" })
    }

    /// Element X of a vector-valued expression: softmax(z)_i, log_softmax(z)_i, (W @ x)_i, or a named vector.
    private mutating func component(of base: Expr, _ letters: [Index], range: SourceRange) throws -> Term {
        if case .variable(let v, _) = base {
            guard IndexedName.parse(v, range: range) == nil, Builtins.named[v] == nil else {
                throw Failure(message: "index notation on this is not supported; name it first (p = …)", range: range)
            }
            use(v, rank: letters.count)
            return .indexed(v, letters)
        }
        let name = try abbreviate(base, rank: letters.count, range: range)
        return .indexed(name, letters)
    }

    /// The name of the definition for a vector-valued expression, made if it is new.
    private mutating func abbreviate(_ base: Expr, rank: Int, range: SourceRange) throws -> String {
        if case .binary(.matrixProduct, let w, let x, _, _) = base, rank == 1,
           case .variable(let wName, _) = w, case .variable(let xName, _) = x {
            use(wName, rank: 2)
            use(xName, rank: 1)
            return try define(.linear, of: [wName, xName], typed: base)
        }
        guard case .call(.variable(let f, let fRange), let args, _) = base, let first = args.first else {
            throw Failure(message: "index notation on this is not supported; name it first (p = …)", range: range)
        }
        guard Builtins.named[f] != nil else { throw TermReader.unknownFunction(f, at: fRange) }
        let z: String
        if case .variable(let v, _) = first, IndexedName.parse(v, range: range) == nil {
            use(v, rank: rank)
            z = v
        } else if rank == 1, case .binary(.matrixProduct, _, _, _, _) = first {
            z = try abbreviate(first, rank: 1, range: range)
        } else {
            throw Failure(message: "name the vector, as in \(f)(z)", range: first.range)
        }
        switch (f, args.count, rank) {
        case ("softmax", 1, 1): return try define(.softmax(temperature: nil), of: [z], typed: base)
        case ("softmax", 2, 1): return try define(.softmax(temperature: try read(args[1])), of: [z], typed: base)
        case ("softmax", 1, 2): return try define(.rowSoftmax, of: [z], typed: base)
        case ("log_softmax", 1, 1):
            _ = try define(.softmax(temperature: nil), of: [z], typed: .call(.variable("softmax", range: range), arguments: args, range: range))
            return try define(.logSoftmax, of: [z], typed: base)
        default: throw Failure(message: "no element-wise definition of \(f) with \(args.count) argument\(args.count == 1 ? "" : "s") for a derivation", range: range)
        }
    }

    /// Makes p = softmax(z) available, so that a written-out Σₖ exp(zₖ) can be folded back into it.
    mutating func recogniseSoftmax(of z: String) {
        let nowhere = SourceRange(0, 0)
        _ = try? define(.softmax(temperature: nil), of: [z],
                        typed: .call(.variable("softmax", range: nowhere), arguments: [.variable(z, range: nowhere)], range: nowhere))
    }

    /// A definition of `kind` over `arguments`, reusing one with the same meaning; its name is new.
    private mutating func define(_ kind: Definition.Kind, of arguments: [String], typed: Expr) throws -> String {
        let meaning = TermReader.meaning(kind, arguments)
        if let existing = definitions.first(where: { $0.meaning == meaning }) { return existing.name }
        let name = fresh(preferring: TermReader.preferredNames(kind))
        let expression = expand(typed)
        let d = Definition(name: name, kind: kind, meaning: meaning, expression: expression, arguments: arguments)
        definitions.append(d)
        if d.sumsToOne {
            addFact(Fact(Assumption(.sumsToOne, name), because: d.rank == 2 ? "each row of a softmax sums to one" : "softmax outputs sum to one"))
        }
        return name
    }

    /// `typed` with every definition's name replaced by what it stands for, as typed.
    private func expand(_ typed: Expr) -> Expr {
        ExprSubstitution.replacing(names: Dictionary(definitions.map { ($0.name, $0.expression) }, uniquingKeysWith: { a, _ in a }), in: typed)
    }

    private static func meaning(_ kind: Definition.Kind, _ arguments: [String]) -> String {
        switch kind {
        case .softmax(let t?): return "softmax(\(arguments[0]), \(TermRenderer(.input).render(t)))"
        case .softmax(nil), .rowSoftmax: return "softmax(\(arguments[0]))"
        case .logSoftmax: return "log_softmax(\(arguments[0]))"
        case .linear: return "\(arguments[0]) @ \(arguments[1])"
        }
    }

    private static func preferredNames(_ kind: Definition.Kind) -> [String] {
        switch kind {
        case .softmax: return ["p", "q", "s", "r", "a", "b", "c"]
        case .rowSoftmax: return ["P", "Q", "S", "R"]
        case .logSoftmax: return ["q", "l", "s", "r", "p"]
        case .linear: return ["u", "h", "a", "v", "o"]
        }
    }

    /// The first preferred name not taken (then p1, p2, …), and takes it.
    private mutating func fresh(preferring names: [String]) -> String {
        let name = names.first { !taken.contains($0) } ?? {
            var n = 1
            while taken.contains("\(names[0])\(n)") { n += 1 }
            return "\(names[0])\(n)"
        }()
        taken.insert(name)
        return name
    }

    private mutating func vectorName(_ arg: Expr, of f: String, range: SourceRange) throws -> String {
        guard case .variable(let z, _) = arg, IndexedName.parse(z, range: range) == nil else {
            throw Failure(message: "name the vector, as in \(f)(z)", range: arg.range)
        }
        use(z, rank: 1)
        return z
    }

    private mutating func addFact(_ fact: Fact) {
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
