/// A derivation as terminal text: each step's rule, then "= expression", then its value when known.
public struct PlainRenderer: Sendable {
    public let notation: Notation
    public init(ascii: Bool) { notation = ascii ? .ascii : .unicode }

    func explanation(_ pieces: Explanation) -> String {
        let r = TermRenderer(notation)
        return pieces.map { piece in
            switch piece {
            case .text(let s): return notation == .ascii ? ASCIIFallback.convert(s) : s
            case .term(let t): return r.render(t)
            case .binding(let name, let t): return "\(name) = \(r.render(t))"
            }
        }.joined()
    }

    /// The lines of the derivation, without numbers.
    public func lines(_ d: DerivationResult) -> [String] {
        let r = TermRenderer(notation)
        var out: [String] = []
        for (n, step) in d.steps.enumerated() {
            out.append(contentsOf: lines(step, number: n, renderer: r))
        }
        return out
    }

    func lines(_ step: Step, number n: Int, renderer r: TermRenderer) -> [String] {
        var out: [String] = []
        let statement = notation == .ascii ? ASCIIFallback.convert(step.statement) : step.statement
        if n == 0 {
            out.append("  " + r.render(step.expression))
            return out
        }
        let rule = notation == .ascii ? ASCIIFallback.convert(step.rule) : step.rule
        out.append("[\(n)] \(rule): \(statement)")
        let why = explanation(step.explanation)
        if !why.isEmpty { out.append("    " + why) }
        if !step.cases.isEmpty {
            for c in step.cases {
                let when = c.when.text(notation)
                out.append("    \(when):  " + r.render(c.expression))
            }
        } else if let v = step.vectorForm {
            out.append("  = " + (notation == .ascii ? ASCIIFallback.convert(v.unicode) : v.unicode) + "      (jacobi: \(v.input))")
        } else {
            out.append("  = " + r.render(step.expression))
        }
        return out
    }
}

/// Replaces the Unicode of rule statements with ASCII spellings for `--ascii`.
enum ASCIIFallback {
    static let table: [(String, String)] = [
        ("∂", "d"), ("Σ", "sum_"), ("δ", "delta_"), ("σ", "sigmoid"), ("−", "-"), ("·", "*"), ("′", "'"), ("≠", "!="),
        ("ᵢ", "i"), ("ⱼ", "j"), ("ₖ", "k"), ("ₘ", "m"), ("ᵀ", "^T"), ("²", "^2"), ("ⁿ", "^n"), ("⁻¹", "^-1"), ("⊙", "*"),
        ("𝟏", "1"), ("→", "->"), ("…", "..."), ("≤", "<="), ("≥", ">="), ("×", "x"), ("—", "-"),
    ]

    static func convert(_ s: String) -> String {
        var result = ""
        var rest = Substring(s)
        outer: while !rest.isEmpty {
            for (from, to) in table where rest.hasPrefix(from) {
                result += to
                rest = rest.dropFirst(from.count)
                continue outer
            }
            if let c = rest.first {
                result.append(c.isASCII ? c : "?")
                rest = rest.dropFirst()
            }
        }
        return result
    }
}
