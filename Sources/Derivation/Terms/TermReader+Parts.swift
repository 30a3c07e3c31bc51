import VectorLang

/// Reading vector-valued parts: softmax(z - c)_i, log_softmax(z)_i, (W @ x)_i, cross-entropy; each
/// recognised part gets a name of its own.
extension TermReader {
    /// Element X of a vector-valued expression: a named vector, or a part (softmax(z)_i, (W @ x)_i).
    mutating func component(of base: Expr, _ letters: [Index], range: SourceRange) throws -> Term {
        if case .variable(let v, _) = base, sessionDefinitions[v] != nil, letters.count == 1 { return try element(of: base, at: letters) }
        if case .variable(let v, _) = base {
            guard IndexedName.parse(v, range: range) == nil, Builtins.named[v] == nil else {
                throw Failure(message: "index notation on this is not supported; name it first (p = …)", range: range)
            }
            use(v, rank: letters.count)
            return .indexed(v, letters)
        }
        if letters.count == 2, case .call(.variable(let f, _), let args, _) = base, args.count == 1,
           f == "softmax" || f == "log_softmax", case .variable(let z, _) = args[0], IndexedName.parse(z, range: range) == nil {
            use(z, rank: 2)
            // Its derivative is written with the row softmax, as log_softmax's is with softmax.
            let nowhere = SourceRange(0, 0)
            _ = try define(.rowSoftmax, typed: .call(.variable("softmax", range: nowhere), arguments: args, range: nowhere), arguments: [z],
                           meaning: "softmax(\(z))")
            let name = f == "softmax" ? try define(.rowSoftmax, typed: base, arguments: [z], meaning: "softmax(\(z))")
                : try define(.rowLogSoftmax, typed: base, arguments: [z], meaning: "log_softmax(\(z))")
            return .indexed(name, letters)
        }
        guard letters.count == 1 else {
            throw Failure(message: "index notation with \(letters.count) indices on this is not supported; name it first (P = …)", range: range)
        }
        return try element(of: base, at: letters)
    }

    /// The element at X of an expression in vector notation (`softmax(W @ x)_i`, `(A @ x - b)_i`).
    mutating func element(of expr: Expr, at x: [Index]) throws -> Term {
        // In index notation the whole input was not read for ranks; this vector part is (W of W @ x is a matrix).
        if assumedRanks.isEmpty, TermReader.usesVectors(expr) { inferRanks(expr) }
        let value = try lower(expr)
        switch value.shape {
        case .scalar: return value.term
        case .column: return value.term.renaming(TermReader.rowSlot, to: x[0])
        default: throw Failure(message: "this is \(value.shape.said); index notation here takes a vector", range: expr.range)
        }
    }

    /// −Σₖ yₖ log pₖ for a vector target; for a matrix target (a batch), the mean over its rows.
    mutating func crossEntropy(_ f: String, _ args: [Expr], fRange: SourceRange, range: SourceRange) throws -> Term {
        guard args.count == 2, case .variable(let y, _) = args[1] else {
            throw Failure(message: "\(f) needs a target vector by name, as in \(f)(softmax(z), y)", range: range)
        }
        let batch = (ranks[y] ?? assumedRanks[y] ?? variables[y] ?? 1) == 2
        // Bound letters: any will do, the sums bind them.
        let k = Term.fresh(avoiding: []), r = Term.fresh(avoiding: [k])
        let letters = batch ? [r, k] : [k]
        use(y, rank: letters.count)
        let scores = f == "cross_entropy_logits" ? Expr.call(.variable("softmax", range: fRange), arguments: [args[0]], range: range) : args[0]
        var p = try component(of: scores, letters, range: range)
        if f == "nll" { p = .exp(p) }
        addFact(Fact(Assumption(.sumsToOne, y), because: batch ? "each row of \(y), \(f)'s target, is one-hot or a probability vector"
                                                          : "\(y) is \(f)'s target, one-hot or a probability vector"))
        let total = Term.indexSum(k, .indexed(y, letters) * .log(p))
        guard batch else { return -total }
        return -(.quotient(.indexSum(r, total), .apply("len", [.symbol(y)])))
    }

    /// Reads every Σₖ exp(aₖ) written out in `term` as the denominator of softmax(a), whatever the letters,
    /// the scaling (aₖ = zₖ/T) or the shift (zₖ − c), so that exp(aᵢ)/Σₖ exp(aₖ) can be folded into a
    /// name and its Jacobian cited; Σₖ exp(Zᵣₖ) is a row of softmax(Z).
    mutating func recogniseSoftmaxes(in term: Term) {
        if case .sum(let k, .apply("exp", let args)) = term, args.count == 1, args[0].freeIndices.contains(k) {
            let logits = args[0]
            let others = logits.freeIndices.subtracting([k])
            if others.isEmpty {
                // With a shift (aₖ − c), the unshifted softmax too: softmax(a − c) = softmax(a) is an identity to show.
                let shifted = logits.terms.filter { $0.freeIndices.contains(k) }
                for a in (shifted.count < logits.terms.count ? [Term.sum(of: shifted)] : []) + [logits] {
                    let kind = Definition.Kind.softmax(logits: a.renaming(k, to: Definition.slot))
                    if let (meaning, _) = try? describe(kind, nil, nil), let typed = try? Parser.parseExpression(meaning) {
                        _ = try? define(kind, typed: typed)
                    }
                }
            } else if case .indexed(let z, let x) = logits, x.count == 2, x[1] == k, others == [x[0]], (variables[z] ?? 0) == 2 {
                _ = try? define(.rowSoftmax, typed: .call(.variable("softmax", range: SourceRange(0, 0)), arguments: [.variable(z, range: SourceRange(0, 0))],
                                                          range: SourceRange(0, 0)), arguments: [z], meaning: "softmax(\(z))")
            }
        }
        for child in term.children { recogniseSoftmaxes(in: child) }
    }

    /// A definition of `kind`, reusing one that stands for the same; its name is new.
    mutating func define(_ kind: Definition.Kind, typed: Expr, arguments givenArguments: [String]? = nil, meaning givenMeaning: String? = nil) throws -> String {
        if let existing = definitions.first(where: { $0.kind == kind && (givenArguments == nil || $0.arguments == givenArguments) }) { return existing.name }
        let (meaning, arguments) = try describe(kind, givenMeaning, givenArguments)
        let name = fresh(preferring: TermReader.preferredNames(kind))
        let expression = ExprSubstitution.replacing(names: Dictionary(definitions.map { ($0.name, $0.expression) }, uniquingKeysWith: { a, _ in a }),
                                                    in: typed)
        let d = Definition(name: name, kind: kind, meaning: meaning, expression: expression, arguments: arguments)
        definitions.append(d)
        if d.sumsToOne {
            addFact(Fact(Assumption(.sumsToOne, name), because: d.rank == 2 ? "each row of a softmax sums to one" : "softmax outputs sum to one"))
        }
        return name
    }

    /// The meaning in input syntax and the names it depends on, for a softmax of logits.
    func describe(_ kind: Definition.Kind, _ meaning: String?, _ arguments: [String]?) throws -> (String, [String]) {
        if let meaning, let arguments { return (meaning, arguments) }
        let logits: Term, f: String
        switch kind {
        case .softmax(let l): logits = l; f = "softmax"
        case .logSoftmax(let l): logits = l; f = "log_softmax"
        default: return (meaning ?? "", arguments ?? [])
        }
        guard let form = Vectorizer(size: "n").vectorForm(of: logits, over: Definition.slot) else {
            throw Failure(message: "the argument of \(f) cannot be written as a vector", range: nil)
        }
        return ("\(f)(\(form))", logits.variableNames.sorted())
    }

    static func preferredNames(_ kind: Definition.Kind) -> [String] {
        switch kind {
        case .softmax: return ["p", "q", "s", "r", "a", "b", "c"]
        case .rowSoftmax: return ["P", "Q", "S", "R"]
        case .logSoftmax: return ["q", "l", "s", "r", "p"]
        case .rowLogSoftmax: return ["L", "Q", "S"]
        case .linear: return ["u", "h", "a", "v", "o"]
        case .intermediate: return []
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
}
