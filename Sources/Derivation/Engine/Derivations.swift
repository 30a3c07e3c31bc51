import VectorLang

/// The entry point for the shell: derive a catalog entry by name, or an expression as typed — both by
/// the one path in `derive(input:…)`.
public enum Derivations {
    /// A derivation ready to render: the result, a title, the input it came from, and example bindings.
    public struct Request: Sendable {
        public let result: DerivationResult
        public let title: String?
        public let name: String?
        public let example: [String]
        /// The input as typed, and its syntax tree: the numeric check differentiates this, not the terms.
        public let input: String
        public let expression: Expr
        /// The reader with the derivation's names, to read another expression as the derivation would.
        let reader: TermReader

        /// `text` read in the derivation's names (softmax(z)_i is the derivation's pᵢ): for comparing
        /// a result with a form written by hand.
        func read(_ text: String) throws -> Term {
            var copy = reader
            var term = try copy.read(try Parser.parseExpression(text))
            // A log_softmax the derivation did not name is the log of its softmax: qₓ = log pₓ.
            for new in copy.definitions.dropFirst(reader.definitions.count) {
                guard case .logSoftmax(let logits) = new.kind,
                      let p = copy.definitions.first(where: { $0.kind == .softmax(logits: logits) }) else { continue }
                term = term.replacingElements(of: new.name) { Term.log(.indexed(p.name, $0)) }
            }
            return term
        }
    }

    /// A request that cannot be met, with where in `text` the trouble is.
    public struct Failure: Error, Sendable {
        public let message: String
        public let range: SourceRange?
        public let suggestion: String?
    }

    /// What the caller knows beyond the text: declared facts, and the session's names.
    public struct Options: Sendable {
        /// Facts declared with `--assume` or `assume`, as typed (`sum(y) = 1`).
        public var assumptions: [String] = []
        /// Names bound in the session: a name given to a recognised part never takes one of these.
        public var reserved: Set<String> = []
        /// Index letters bound to numbers (`--at a=2`): such an index is a constant, not a free index.
        public var fixedIndices: Set<String> = []
        /// The session's own functions (`f(x) = x^2`): a call is read as the body with the arguments put in.
        public var functions: [String: UserFunction] = [:]
        /// How many indices each bound value takes (0 for a number, 1 for a vector, 2 for a matrix).
        public var ranks: [String: Int] = [:]
        /// The session's definitions (`p := softmax(z)`): a name read as what it stands for.
        public var sessionDefinitions: [String: Expr] = [:]
        public init() {}
    }

    /// `text` is a catalog name (`softmax`) or an expression (`exp(z_i)/sum_k(exp(z_k))`); `wrt` is `z_j`, `x`, …
    public static func derive(_ text: String, wrt: String? = nil, options: Options = Options()) throws(Failure) -> Request {
        let trimmed = String(text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
        if let entry = Catalog.entry(named: trimmed), wrt == nil || wrt?.filter({ $0 != " " }) == entry.wrt {
            return try entry.derive(options: options)
        }
        // A word with a hyphen (softmax-jacobian) is a catalog name, never an expression.
        if trimmed.contains("-"), trimmed.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) {
            let guess = Suggestions.closest(to: trimmed, among: Catalog.names)
            throw Failure(message: "no catalog entry named \(trimmed)", range: SourceRange(0, trimmed.unicodeScalars.count),
                          suggestion: guess.map { "did you mean \($0)? (jacobi derive --list shows them all)" }
                              ?? "jacobi derive --list shows the catalog")
        }
        return try derive(input: trimmed, wrt: wrt, options: options, entry: nil)
    }

    /// The one path: read the input, name its parts, gather its facts, derive.
    static func derive(input: String, wrt: String?, options: Options, entry: CatalogEntry?) throws(Failure) -> Request {
        let expr: Expr
        do {
            expr = try Parser.parseExpression(input)
        } catch {
            let guess = Suggestions.closest(to: input, among: Catalog.names)
            throw Failure(message: error.message, range: error.range, suggestion: guess.map { "did you mean the catalog entry \($0)?" })
        }
        var reader = TermReader(reserving: options.reserved, functions: options.functions, ranks: options.ranks)
        reader.sessionDefinitions = options.sessionDefinitions
        let target: Term
        do {
            target = try reader.readInput(expr)
        } catch let failure as TermReader.Failure {
            throw Failure(message: failure.message, range: failure.range, suggestion: failure.suggestion)
        } catch {
            throw Failure(message: "\(error)", range: nil, suggestion: nil)
        }
        reader.recogniseSoftmaxes(in: target)
        let fixed = Set(options.fixedIndices.map(Index.init))
        let variable = try variable(wrt, for: target, reader: reader, fixed: fixed)
        var plan = Deriver.Plan()
        plan.definitions = reader.definitions
        plan.facts = reader.facts
        for text in options.assumptions {
            let assumption: Assumption
            do {
                assumption = try Assumption(parsing: text)
            } catch {
                throw Failure(message: "in the assumption '\(text)': \(error.message)", range: nil, suggestion: error.suggestion)
            }
            let reason = entry == nil ? "assumed (\(assumption))" : "assumed by this derivation (\(assumption))"
            if !plan.facts.contains(where: { $0.assumption == assumption }) { plan.facts.append(Fact(assumption, because: reason)) }
        }
        plan.lemmas = plan.definitions.flatMap(Lemma.all(about:))
        plan.citesTarget = !(entry?.cites ?? []).isEmpty
        let names = Set(plan.definitions.map(\.name))
        plan.assumptions = plan.facts.filter { !names.contains($0.assumption.name) }
            .map { "assumed: \($0.assumption) (\($0.reason))" } + (entry?.notes ?? [])
        plan.size = variable.indices.isEmpty ? "1" : "len(\(variable.name))"
        plan.fixed = fixed
        plan.taken = reader.taken.union(plan.definitions.map(\.name))
        if TermReader.isVectorNotation(expr), !target.freeIndices.isEmpty || !variable.indices.isEmpty || TermReader.usesVectors(expr) {
            plan.typed = input
            plan.indexNotation = TermReader.indexNotation(of: expr, definitions: plan.definitions)
        }
        let result = entry?.wrt == nil && entry != nil
            ? Deriver().simplify(target, plan: plan)
            : Deriver().derive(target, wrt: variable, plan: plan)
        return Request(result: result, title: entry?.title, name: entry?.name,
                       example: entry?.example ?? example(reader, facts: plan.facts), input: input, expression: expr,
                       reader: reader)
    }

    private static func variable(_ wrt: String?, for target: Term, reader: TermReader, fixed: Set<Index>) throws(Failure) -> Variable {
        if let wrt {
            let trimmed = String(wrt.filter { $0 != " " })
            let range = SourceRange(0, trimmed.unicodeScalars.count)
            if let parts = IndexedName.parse(trimmed, range: range) {
                guard !parts.isDelta, parts.letters.count == parts.subscripts.count else {
                    throw Failure(message: "write the variable as z_j (an element) or x (a number)", range: nil, suggestion: nil)
                }
                let indices = parts.letters.map(Index.init)
                if let clash = indices.first(where: fixed.contains) {
                    throw Failure(message: "the index \(clash) is bound to a number", range: nil,
                                  suggestion: "differentiate with respect to another letter, as in \(parts.base)_\(fresh(target, avoiding: fixed))")
                }
                return Variable(parts.base, indices)
            }
            guard trimmed.unicodeScalars.first.map({ $0.properties.isAlphabetic }) == true,
                  trimmed.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0 == "_" || ("0"..."9").contains($0) }) else {
                throw Failure(message: "write the variable as z_j (an element) or x (a number)", range: nil, suggestion: nil)
            }
            // A whole vector or matrix (`wrt W`): one letter per axis, so the result has its shape.
            return Variable(trimmed, letters(for: reader.variables[trimmed] ?? 0, target: target, fixed: fixed))
        }
        // What the input is a function of: a vector a named part is computed from first, then any vector
        // with no fact declared about it (a target is data), then a number.
        let targets = Set(reader.facts.map(\.assumption.name))
        let names = Set(reader.definitions.map(\.name))
        let vectors = reader.variables.filter { $0.value >= 1 && !names.contains($0.key) }.keys.sorted()
        let inputs = reader.definitions.flatMap(\.arguments).filter { !names.contains($0) }
        if let z = inputs.first ?? vectors.first(where: { !targets.contains($0) }) ?? vectors.first {
            return Variable(z, letters(for: max(1, reader.variables[z] ?? 1), target: target, fixed: fixed))
        }
        if let x = reader.variables.filter({ $0.value == 0 }).keys.sorted().first { return Variable(x) }
        throw Failure(message: "nothing to differentiate with respect to", range: nil, suggestion: "add wrt z_j or wrt x")
    }

    /// Fresh letters for a variable's axes, in alphabetical order (rows before columns), none free in the target.
    private static func letters(for rank: Int, target: Term, fixed: Set<Index>) -> [Index] {
        var avoid = target.freeIndices.union(fixed)
        var indices: [Index] = []
        for _ in 0..<rank {
            let letter = Index(fresh(target, avoiding: avoid.union(indices.isEmpty ? [] : Set(Term.indexLetters.filter { $0 < indices[indices.count - 1] }))))
            indices.append(letter)
            avoid.insert(letter)
        }
        return indices
    }

    /// A letter free neither in the term nor in `avoid`, preferring j.
    static func fresh(_ term: Term, avoiding avoid: Set<Index> = []) -> String {
        let used = term.freeIndices.union(avoid)
        return (["j", "l", "m", "a", "b", "r", "s", "t"].map(Index.init) + Term.indexLetters).first { !used.contains($0) }?.name ?? "q"
    }

    /// Random values for the names the expression uses, satisfying the facts about them: vectors of 3,
    /// matrices 3×3, numbers in [0.5, 1.5).
    private static func example(_ reader: TermReader, facts: [Fact]) -> [String] {
        let random = RandomSource(seed: 1)
        let names = Set(reader.definitions.map(\.name))
        var lines: [String] = []
        for (name, rank) in reader.variables.sorted(by: { $0.key < $1.key }) where !names.contains(name) {
            let about = facts.map(\.assumption).filter { $0.name == name }
            let shape = rank == 0 ? [] : rank == 1 ? [3] : [3, 3]
            let value = AssumptionSampler.draw(shape: shape, facts: rank == 0 ? about + [Assumption(.positive, name)] : about, random: random)
            lines.append("\(name) = \(literal(value, sumsToOne: about.contains { $0.impliesSumToOne }))")
        }
        return lines
    }

    /// A value as input, rounded to three decimals; a row that sums to one still does after rounding.
    private static func literal(_ t: Tensor, sumsToOne: Bool) -> String {
        func rounded(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }
        func row(_ xs: ArraySlice<Double>) -> String {
            var r = xs.map(rounded)
            if sumsToOne, let last = r.indices.last { r[last] = rounded(1 - r.dropLast().reduce(0, +)) }
            return "[" + r.map { Printer.format(number: $0, precision: 6) }.joined(separator: ", ") + "]"
        }
        switch t.rank {
        case 0: return Printer.format(number: rounded(t.scalars[0]), precision: 6)
        case 1: return row(t.scalars[...])
        default:
            let n = t.shape[1]
            return "[" + (0..<t.shape[0]).map { row(t.scalars[($0 * n)..<(($0 + 1) * n)]) }.joined(separator: ", ") + "]"
        }
    }
}

/// A function the user defined, as the derivation reads it.
public struct UserFunction: Sendable {
    public let parameters: [String]
    public let body: Expr
    public init(parameters: [String], body: Expr) {
        self.parameters = parameters
        self.body = body
    }
}

extension CatalogEntry {
    /// The entry derived from its input, by the same path as anything typed.
    public func derive(options: Derivations.Options = Derivations.Options()) throws(Derivations.Failure) -> Derivations.Request {
        var chosen = options
        chosen.assumptions = assumes + options.assumptions
        return try Derivations.derive(input: input, wrt: wrt, options: chosen, entry: self)
    }
}

extension Derivations {
    /// The second derivative (`--order 2`): the finished first derivative differentiated again by the
    /// same variable, with a new letter, as a textbook derives a Hessian from the gradient. Its numbers
    /// are checked against automatic differentiation of the input differentiated twice.
    public static func secondDerivative(of first: Request) throws(Failure) -> Request {
        let d = first.result
        guard let wrt = d.wrt, d.complete else {
            throw Failure(message: "the first derivative is unfinished, so it cannot be differentiated again", range: nil, suggestion: nil)
        }
        guard wrt.indices.count <= 1, d.target.freeIndices.subtracting(d.plan.fixed).isEmpty else {
            throw Failure(message: "a second derivative here would have more than two indices; --order 2 takes a number-valued function of a vector or a number",
                          range: nil, suggestion: nil)
        }
        let letter = wrt.indices.isEmpty ? [] : [Index(fresh(d.result, avoiding: Set(wrt.indices).union(d.plan.fixed)))]
        let again = Variable(wrt.name, letter)
        var plan = d.plan
        plan.typed = nil
        plan.citesTarget = false
        let result = Deriver().derive(d.result, wrt: again, plan: plan)
        let nowhere = SourceRange(0, 0)
        let element = Expr.variable(wrt.indices.isEmpty ? wrt.name : wrt.name + "_" + wrt.indices.map(\.name).joined(), range: nowhere)
        let gradient = Expr.call(.variable("partial", range: nowhere), arguments: [first.expression, element], range: nowhere)
        let title = "The second derivative of \(first.input) by \(wrt.name), from the first"
        return Request(result: result, title: title, name: first.name, example: first.example, input: first.input,
                       expression: gradient, reader: first.reader)
    }
}
