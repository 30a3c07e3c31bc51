import Derivation
import VectorLang

/// Typos caught before deriving: `sofmax` alone, or a call of `sofmax`, is a misspelt name to point
/// at, not a new variable to differentiate (`∂sofmax/∂sofmax = 1` helps nobody).
enum DeriveSubjectCheck {
    /// A diagnostic, its range counted in `subject`, when the subject names something that does not exist.
    ///
    /// A bare name must be a catalog entry, a builtin, a name in `bound` (the session's and `--at`'s),
    /// or the variable of `wrt`; an element such as `z_i` is a variable and passes. Every function
    /// called must be a builtin, a sum (`sum_k`) or bound. Whatever does not parse is left to the
    /// engine, which says why.
    static func problem(in subject: String, wrt: String?, bound: [String]) -> Diagnostic? {
        guard Catalog.entry(named: subject.trimmingSpaces) == nil, let expr = try? Parser.parseExpression(subject) else { return nil }
        let known = Set(bound)
        if case .variable(let name, let range) = expr {
            return bareName(name, at: range, wrt: wrt, known: known)
        }
        return unknownCall(in: expr, known: known)
    }

    private static func bareName(_ name: String, at range: SourceRange, wrt: String?, known: Set<String>) -> Diagnostic? {
        let variable = wrt.map { base(of: $0.filter { $0 != " " }) }
        if isElement(name) || Builtins.named[name] != nil || Builtins.constants[name] != nil || known.contains(name) || name == variable {
            return nil
        }
        let guess = Suggestions.closest(to: name, among: Catalog.names + Builtins.all.map(\.name) + known.sorted())
        let message = "unknown name '\(name)': not a catalog entry, a builtin or a bound variable"
        if let guess { return Diagnostic(message, at: range, suggestion: "did you mean \(guess)?") }
        return Diagnostic(message, at: range, note: "to differentiate a variable, bind it (--at \(name)=2) or say wrt \(name)",
                          suggestion: "--list shows the catalog")
    }

    /// The first call, left to right, of a function nobody defined.
    private static func unknownCall(in expr: Expr, known: Set<String>) -> Diagnostic? {
        switch expr {
        case .number, .variable: return nil
        case .array(let items, _): return items.lazy.compactMap { unknownCall(in: $0, known: known) }.first
        case .unary(_, let e, _), .transpose(let e, _): return unknownCall(in: e, known: known)
        case .binary(_, let a, let b, _, _): return unknownCall(in: a, known: known) ?? unknownCall(in: b, known: known)
        case .lambda(let parameters, let body, _): return unknownCall(in: body, known: known.union(parameters))
        case .index(let base, let subscripts, _):
            let inner = subscripts.lazy.compactMap { s -> Diagnostic? in
                if case .single(let e) = s { return unknownCall(in: e, known: known) }
                return nil
            }
            return unknownCall(in: base, known: known) ?? inner.first
        case .call(let function, let arguments, _):
            if case .variable(let name, let range) = function, Builtins.named[name] == nil, !known.contains(name), !isSum(name) {
                let guess = Suggestions.closest(to: name, among: Builtins.all.map(\.name) + known.sorted())
                return Diagnostic("unknown function '\(name)'", at: range, suggestion: guess.map { "did you mean \($0)?" })
            }
            return unknownCall(in: function, known: known) ?? arguments.lazy.compactMap { unknownCall(in: $0, known: known) }.first
        }
    }

    /// `z_i`, `W_ij`, `z_3`: an element, read as a variable of the derivation.
    ///
    /// At most three index letters, so that `log_sofmax` is still taken for a misspelt name.
    private static func isElement(_ name: String) -> Bool {
        guard let underscore = name.lastIndex(of: "_"), underscore != name.startIndex else { return false }
        let suffix = name[name.index(after: underscore)...]
        return !suffix.isEmpty && (suffix.allSatisfy(\.isWholeNumberDigit) || suffix.count <= 3 && suffix.allSatisfy(\.isIndexLetter))
    }

    /// `sum_k`, `Σ_k`, `∑_k`: a sum over one index letter.
    private static func isSum(_ name: String) -> Bool {
        ["sum_", "Σ_", "∑_"].contains { name.hasPrefix($0) && name.count == $0.count + 1 && name.last?.isIndexLetter == true }
    }

    /// `z` for `z_j`, the name itself for `x`.
    private static func base(of name: String) -> String {
        isElement(name) ? String(name[..<(name.lastIndex(of: "_") ?? name.endIndex)]) : name
    }
}

private extension Character {
    var isIndexLetter: Bool { ("a"..."z").contains(self) }
    var isWholeNumberDigit: Bool { ("0"..."9").contains(self) }
}
