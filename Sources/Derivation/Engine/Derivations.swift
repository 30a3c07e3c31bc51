import VectorLang

/// The entry point for the shell: derive a catalog entry by name, or an expression as typed.
public enum Derivations {
    /// A derivation ready to render: the result, a title, and example bindings for its numbers.
    public struct Request: Sendable {
        public let result: DerivationResult
        public let title: String?
        public let name: String?
        public let example: [String]
    }

    /// A request that cannot be met, with where in `text` the trouble is.
    public struct Failure: Error, Sendable {
        public let message: String
        public let range: SourceRange?
        public let suggestion: String?
    }

    /// `text` is a catalog name (`softmax`) or an expression (`exp(z_i)/sum_k(exp(z_k))`); `wrt` is `z_j`, `x`, …
    public static func derive(_ text: String, wrt: String? = nil) throws(Failure) -> Request {
        let trimmed = String(text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
        if let entry = Catalog.entry(named: trimmed), wrt == nil || wrt == entry.wrt.map({ TermRenderer(.input).render($0.term) }) {
            return Request(result: entry.derive(), title: entry.title, name: entry.name, example: entry.example)
        }
        // A word with a hyphen (softmax-jacobian) is a catalog name, never an expression.
        if trimmed.contains("-"), trimmed.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) {
            let guess = Suggestions.closest(to: trimmed, among: Catalog.names)
            throw Failure(message: "no catalog entry named \(trimmed)", range: SourceRange(0, trimmed.unicodeScalars.count),
                          suggestion: guess.map { "did you mean \($0)? (jacobi derive --list shows them all)" }
                              ?? "jacobi derive --list shows the catalog")
        }
        let expr: Expr
        do {
            expr = try Parser.parseExpression(trimmed)
        } catch {
            let guess = Suggestions.closest(to: trimmed, among: Catalog.names)
            throw Failure(message: error.message, range: error.range, suggestion: guess.map { "did you mean the catalog entry \($0)?" })
        }
        var reader = TermReader()
        let target: Term
        do {
            target = try reader.read(expr)
        } catch let failure as TermReader.Failure {
            throw Failure(message: failure.message, range: failure.range, suggestion: nil)
        } catch {
            throw Failure(message: "\(error)", range: nil, suggestion: nil)
        }
        let variable = try variable(wrt, for: target, reader: reader)
        var plan = Deriver.Plan()
        plan.definitions = reader.definitions
        plan.facts = reader.facts
        plan.opening = reader.definitions.map(UnfoldingRules.abbreviation)
        // Σₖ exp(zₖ) in what is typed: p = softmax(z) may be folded back, as in the catalog.
        for z in reader.vectors where !plan.definitions.contains(where: { $0.argument == z && $0.name == "softmax" }) {
            let sum = Term.indexSum(Index("k"), .exp(.indexed(z, [Index("k")])))
            if contains(sum, in: target), !reader.vectors.contains("p") {
                plan.definitions.append(.softmax(of: z))
                plan.facts.append(Fact(sumOf: "p", isOneBecause: "softmax outputs sum to one"))
            }
        }
        plan.assumptions = plan.facts.filter { $0.vector != "p" }.map { "assumed: Σₖ \($0.vector)ₖ = 1 (\($0.reason))" }
        plan.size = variable.indices.isEmpty ? "1" : "len(\(variable.name))"
        let result = Deriver().derive(target, wrt: variable, plan: plan)
        return Request(result: result, title: nil, name: nil, example: example(reader, wrt: variable))
    }

    private static func contains(_ pattern: Term, in term: Term) -> Bool {
        term.isEquivalent(to: pattern) || term.children.contains { contains(pattern, in: $0) }
    }

    private static func variable(_ wrt: String?, for target: Term, reader: TermReader) throws(Failure) -> Variable {
        if let wrt {
            let trimmed = String(wrt.filter { $0 != " " })
            if let u = trimmed.lastIndex(of: "_") {
                let base = String(trimmed[..<u]), letters = trimmed[trimmed.index(after: u)...]
                guard !base.isEmpty, !letters.isEmpty, letters.allSatisfy({ $0.isLowercase && $0.isASCII }) else {
                    throw Failure(message: "write the variable as z_j (an element) or x (a number)", range: nil, suggestion: nil)
                }
                let indices = letters.map { Index(String($0)) }
                let used = target.allIndices
                if let clash = indices.first(where: used.contains) {
                    throw Failure(message: "the index \(clash) is already used in the expression", range: nil,
                                  suggestion: "differentiate with respect to another letter, as in \(base)_\(fresh(target))")
                }
                return Variable(base, indices)
            }
            return Variable(trimmed)
        }
        if let z = reader.vectors.sorted().first(where: { v in v != "y" && !reader.definitions.contains { $0.abbreviation == v } })
            ?? reader.definitions.first?.argument {
            return Variable(z, [Index(fresh(target))])
        }
        if let x = reader.scalars.sorted().first { return Variable(x) }
        throw Failure(message: "nothing to differentiate with respect to", range: nil, suggestion: "add wrt z_j or wrt x")
    }

    /// A letter not used in the term, preferring j.
    static func fresh(_ term: Term) -> String {
        let used = term.allIndices.map(\.name)
        return ["j", "l", "m", "a", "b", "r", "s", "t"].first { !used.contains($0) } ?? "q"
    }

    /// Random values for the names the expression uses, when the session binds none: vectors of 3.
    private static func example(_ reader: TermReader, wrt: Variable) -> [String] {
        var lines = ["seed(1)"]
        for v in reader.vectors.sorted() where !reader.definitions.contains(where: { $0.abbreviation == v }) {
            lines.append(v == "y" ? "y = onehot(1, 3)" : "\(v) = randn(3)")
        }
        for m in reader.matrices.sorted() { lines.append("\(m) = randn(3, 3)") }
        for s in reader.scalars.sorted() { lines.append("\(s) = rand() + 0.5") }
        return lines
    }
}
