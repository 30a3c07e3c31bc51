/// Unicode mathematics spelled in ASCII, for `--ascii` and terminals that are not UTF-8: every character
/// that has an ASCII form keeps it, so ∂zₖ/∂zⱼ = δₖⱼ reads `dz_k/dz_j = delta_kj`, the way the same
/// terms are written in ASCII everywhere else; a character with no ASCII form becomes `?`.
public enum ASCIIText {
    /// Subscripts: a run of them after a name becomes `_` and the letters (`δₖⱼ` → `delta_kj`).
    static let subscripts: [Character: Character] = [
        "₀": "0", "₁": "1", "₂": "2", "₃": "3", "₄": "4", "₅": "5", "₆": "6", "₇": "7", "₈": "8", "₉": "9",
        "ₐ": "a", "ₑ": "e", "ₒ": "o", "ₓ": "x", "ₕ": "h", "ₖ": "k", "ₗ": "l", "ₘ": "m", "ₙ": "n", "ₚ": "p",
        "ₛ": "s", "ₜ": "t", "ᵢ": "i", "ⱼ": "j", "ᵣ": "r", "ᵤ": "u", "ᵥ": "v", "₊": "+", "₋": "-",
    ]

    /// Superscripts: a run of them becomes `^` and the characters (`⁻¹` → `^-1`, `ᵀ` → `^T`).
    static let superscripts: [Character: Character] = [
        "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9",
        "⁺": "+", "⁻": "-", "ⁿ": "n", "ⁱ": "i", "ᵀ": "T", "ᵏ": "k", "ʲ": "j",
    ]

    static let words: [Character: String] = [
        "∂": "d", "Σ": "sum", "∑": "sum", "δ": "delta", "σ": "sigmoid", "−": "-", "·": "*", "⋅": "*", "×": "x",
        "⊙": "*", "′": "'", "″": "''", "≠": "!=", "≤": "<=", "≥": ">=", "≈": "~", "→": "->", "⇒": "=>", "…": "...",
        "—": "-", "–": "-", "𝟏": "1", "✓": "ok", "✗": "x", "⏎": "Enter", "∞": "Inf", "√": "sqrt", "∇": "grad",
        "∈": "in", "ℝ": "R", "‖": "||", "⟨": "<", "⟩": ">", "“": "\"", "”": "\"", "‘": "'", "’": "'", "❯": ">",
        "α": "alpha", "β": "beta", "γ": "gamma", "ε": "eps", "η": "eta", "θ": "theta", "λ": "lambda", "μ": "mu",
        "π": "pi", "τ": "tau", "φ": "phi", "ω": "omega", "Δ": "Delta", "\u{00A0}": " ",
    ]

    public static func spell(_ text: String) -> String {
        var result = ""
        var superscript = ""
        /// A run of superscripts is one exponent: `^2`, `^-1`, and in parentheses when longer (`^(n-1)`).
        func closeSuperscript() {
            guard !superscript.isEmpty else { return }
            let simple = superscript.count == 1 || (superscript.first == "-" && superscript.dropFirst().allSatisfy(\.isNumber))
            result += simple ? "^" + superscript : "^(" + superscript + ")"
            superscript = ""
        }
        var previous: Character?
        for c in text {
            defer { previous = c }
            if let sup = superscripts[c] {
                superscript.append(sup)
                continue
            }
            closeSuperscript()
            if let sub = subscripts[c] {
                if previous.map({ subscripts[$0] == nil }) ?? true { result += "_" }
                result.append(sub)
            } else if let word = words[c] {
                result += word
            } else {
                result.append(c.isASCII ? c : "?")
            }
        }
        closeSuperscript()
        return result
    }
}
