import VectorLang

/// Reads an expression typed in Jacobi's syntax (`exp(z_i)/sum_k(exp(z_k))`) into a term, noting the
/// abbreviations it needs (softmax(z)_i becomes pᵢ with p = softmax(z)).
struct TermReader {
    struct Failure: Error {
        let message: String
        let range: SourceRange?
    }

    /// Abbreviations introduced while reading, to unfold first and fold back at the end.
    private(set) var definitions: [Definition] = []
    private(set) var facts: [Fact] = []
    private(set) var assumptions: [String] = []
    /// Vectors and scalars the expression uses, for a random example when nothing is bound.
    private(set) var vectors: Set<String> = []
    private(set) var matrices: Set<String> = []
    private(set) var scalars: Set<String> = []

    static let functions: Set<String> = ["exp", "log", "sigmoid", "tanh", "relu", "softplus", "softsign", "abs", "sqrt",
                                         "leaky_relu", "step", "sign"]

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
            let x = try read(a), y = try read(b)
            switch op {
            case .add: return x + y
            case .subtract: return x - y
            case .multiply: return x * y
            case .divide: return .quotient(x, y)
            case .power: return .raise(x, to: y)
            case .matrixProduct:
                throw Failure(message: "derivations work element by element; write the product with a sum, as sum_k(W_ik * x_k)", range: opRange)
            }
        case .call(.variable(let f, let fRange), let args, let range):
            return try call(f, args, fRange: fRange, range: range)
        case .index(let base, let subscripts, let range):
            var letters: [Index] = []
            for s in subscripts {
                guard case .single(.variable(let v, _)) = s, v.count == 1 else {
                    throw Failure(message: "an index in a derivation is a letter, as in z_i or softmax(z)_i", range: range)
                }
                letters.append(Index(v))
            }
            if case .variable(let v, _) = base { vectors.insert(v); return .indexed(v, letters) }
            return try component(of: base, letters, range: range)
        default:
            throw Failure(message: "this cannot be derived symbolically", range: expr.range)
        }
    }

    private mutating func readName(_ name: String, range: SourceRange) throws -> Term {
        if let underscore = name.lastIndex(of: "_") {
            let base = String(name[..<underscore])
            let letters = name[name.index(after: underscore)...]
            if !base.isEmpty, !letters.isEmpty, letters.allSatisfy({ $0.isLowercase && $0.isASCII }) {
                let indices = letters.map { Index(String($0)) }
                if base == "delta" || base == "δ", indices.count == 2 { return .kronecker(indices[0], indices[1]) }
                if indices.count == 1 { vectors.insert(base) } else { matrices.insert(base) }
                return .indexed(base, indices)
            }
        }
        if Builtins.named[name] != nil {
            throw Failure(message: "\(name) is a function; call it, as in \(name)(z)", range: range)
        }
        scalars.insert(name)
        return .symbol(name)
    }

    private mutating func call(_ f: String, _ args: [Expr], fRange: SourceRange, range: SourceRange) throws -> Term {
        if f.hasPrefix("sum_") || f.hasPrefix("Σ_") || f.hasPrefix("∑_") {
            let k = String(f.drop { $0 != "_" }.dropFirst())
            guard k.count == 1, args.count == 1 else {
                throw Failure(message: "write a sum as sum_k(body), with one letter after sum_", range: fRange)
            }
            return .indexSum(Index(k), try read(args[0]))
        }
        switch f {
        case "delta":
            guard args.count == 2, case .variable(let a, _) = args[0], case .variable(let b, _) = args[1] else {
                throw Failure(message: "delta takes two index letters, as in delta(i, j)", range: range)
            }
            return .kronecker(Index(a), Index(b))
        case "partial":
            throw Failure(message: "derive the expression itself; partial(…) is what derive produces", range: fRange)
        case "logsumexp":
            let z = try vectorName(args, range: range)
            return .log(.indexSum(Index("k"), .exp(.indexed(z, [Index("k")]))))
        case "cross_entropy", "cross_entropy_logits", "nll":
            guard args.count == 2, case .variable(let y, _) = args[1] else {
                throw Failure(message: "\(f) needs a target vector by name, as in \(f)(softmax(z), y)", range: range)
            }
            vectors.insert(y)
            let k = Index("k")
            let p: Term
            if f == "cross_entropy_logits" {
                p = try abbreviate(.call(.variable("softmax", range: fRange), arguments: [args[0]], range: range), [k], range: range)
            } else if f == "nll" {
                p = .exp(try component(of: args[0], [k], range: range))
            } else {
                p = try component(of: args[0], [k], range: range)
            }
            addFact(Fact(sumOf: y, isOneBecause: "\(y) is one-hot or a probability vector"))
            return -.indexSum(k, .indexed(y, [k]) * .log(p))
        default:
            guard TermReader.functions.contains(f) else {
                throw Failure(message: "no derivation rules for \(f)", range: fRange)
            }
            return .apply(f, try args.map { try read($0) })
        }
    }

    /// Element X of a vector-valued expression: softmax(z)_i, log_softmax(z)_i, or a named vector.
    private mutating func component(of base: Expr, _ letters: [Index], range: SourceRange) throws -> Term {
        if case .variable(let v, _) = base { vectors.insert(v); return .indexed(v, letters) }
        return try abbreviate(base, letters, range: range)
    }

    private mutating func abbreviate(_ base: Expr, _ letters: [Index], range: SourceRange) throws -> Term {
        guard case .call(.variable(let f, _), let args, _) = base, letters.count == 1 else {
            throw Failure(message: "index notation on this is not supported; name it first (p = …)", range: range)
        }
        let z = try vectorName(Array(args.prefix(1)), range: range)
        let definition: Definition
        switch (f, args.count) {
        case ("softmax", 1): definition = .softmax(of: z)
        case ("softmax", 2): definition = .softmax(of: z, temperature: try read(args[1]))
        case ("log_softmax", 1): definition = .logSoftmax(of: z)
        default: throw Failure(message: "no element-wise definition of \(f) for a derivation", range: range)
        }
        if !definitions.contains(where: { $0.abbreviation == definition.abbreviation }) { definitions.append(definition) }
        if f == "softmax" { addFact(Fact(sumOf: definition.abbreviation, isOneBecause: "softmax outputs sum to one")) }
        return .indexed(definition.abbreviation, letters)
    }

    private mutating func vectorName(_ args: [Expr], range: SourceRange) throws -> String {
        guard args.count == 1, case .variable(let z, _) = args[0] else {
            throw Failure(message: "name the vector, as in softmax(z)", range: range)
        }
        vectors.insert(z)
        return z
    }

    private mutating func addFact(_ fact: Fact) {
        if !facts.contains(fact) { facts.append(fact) }
    }
}
