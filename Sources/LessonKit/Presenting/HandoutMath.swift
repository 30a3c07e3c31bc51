/// The mathematics of a lesson's prose as `$…$` LaTeX, for a handout that pandoc turns into a PDF with
/// pdflatex and that GitHub renders with its maths.
///
/// Lessons write maths as plain Unicode inside sentences ("so ∂p_i/∂z_j = p_i(δ_ij − p_j), and the
/// matrix diag(p) − ppᵀ"). A run of words that is maths is found by its tokens: one holding a maths
/// symbol (∂, Σ, δ, ᵀ, ², ≈ …) or a subscript (`z_j`), operators standing alone (`=`, `−`, `≠`), and the
/// letters, numbers and function names between them; English words end a run, and so does punctuation
/// that ends a clause (outside brackets). Each run becomes one `$…$`; a single letter or number is only
/// maths next to an operator, so "a 3×3 matrix" keeps its article. Code spans are Jacobi input and stay
/// code. What is not maths keeps its text, with the few symbols pdflatex cannot set in text (−, →, ✓)
/// made maths one by one.
enum HandoutMath {
    /// `markdown` with its maths as LaTeX; fenced code is left as written.
    static func markdown(_ markdown: String) -> String {
        var fence: String?
        return markdown.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let trimmed = String(line.drop { $0 == " " })
            if let open = fence {
                if trimmed.hasPrefix(open) { fence = nil }
                return String(line)
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = String(trimmed.prefix(3))
                return String(line)
            }
            if line.hasPrefix("    ") { return String(line) }
            let lead = String(line.prefix(line.count - trimmed.count)) + structure(trimmed)
            return lead + inline(String(line.dropFirst(lead.count)))
        }.joined(separator: "\n")
    }

    /// The Markdown that starts a line (`## `, `- `, `12. `, `> `, `- [x] `), kept out of the maths.
    private static func structure(_ line: String) -> String {
        let hashes = line.prefix { $0 == "#" }
        if !hashes.isEmpty, line.dropFirst(hashes.count).hasPrefix(" ") { return hashes + " " }
        let digits = line.prefix(while: \.isNumber)
        var marker = ""
        if ["- ", "* ", "+ ", "> "].contains(where: line.hasPrefix) {
            marker = String(line.prefix(2))
        } else if !digits.isEmpty, line.dropFirst(digits.count).hasPrefix(". ") {
            marker = digits + ". "
        }
        for box in ["[ ] ", "[x] "] where line.dropFirst(marker.count).hasPrefix(box) && !marker.isEmpty { marker += box }
        return marker
    }

    /// A line's text with code spans kept and everything between them converted.
    static func inline(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "`") {
            guard let close = rest[rest.index(after: open)...].firstIndex(of: "`") else { break }
            out += prose(String(rest[..<open]))
            let code = rest[rest.index(after: open)..<close]
            // Code that pdflatex cannot set in its typewriter font is maths written as code.
            out += code.allSatisfy(\.isASCII) ? "`\(code)`" : "$" + latex(String(code)) + "$"
            rest = rest[rest.index(after: close)...]
        }
        return out + prose(String(rest))
    }

    private enum Kind { case word, atom, symbol, operation }

    /// Plain text: its runs of maths as `$…$`.
    static func prose(_ text: String) -> String {
        let tokens = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        var out: [String] = []
        var i = 0
        while i < tokens.count {
            guard let (run, end, trailing) = run(tokens, from: i) else {
                out.append(textOnly(tokens[i]))
                i += 1
                continue
            }
            out += tokens[i..<run.lowerBound].map(textOnly)
            let math = tokens[run].joined(separator: " ")
            let (open, body, close) = unbalanced(String(math.dropLast(trailing.count)))
            out.append(open + "$" + latex(body) + "$" + close + trailing)
            i = end
        }
        return out.joined(separator: " ")
    }

    /// The run of maths that starts at `start`, if one does: the tokens it takes (fewer, after edges
    /// are trimmed, than the tokens it consumed up to `end`) and the punctuation that ends it.
    private static func run(_ tokens: [String], from start: Int) -> (Range<Int>, end: Int, trailing: String)? {
        guard kind(tokens[start]) != .word else { return nil }
        var end = start, level = 0
        var trailing = ""
        while end < tokens.count, kind(tokens[end]) != .word {
            let token = tokens[end]
            level += token.filter { "([{".contains($0) }.count - token.filter { ")]}".contains($0) }.count
            end += 1
            if let last = token.last, ".,;:!?".contains(last), level <= 0 || last != "," {
                trailing = String(token.reversed().prefix { ".,;:!?".contains($0) }.reversed())
                break
            }
        }
        var kinds = tokens[start..<end].map { kind($0) }
        var lower = start, upper = end
        // An atom at an edge is maths only beside an operation: "a 3×3 matrix", "= 1 (y is".
        while lower < upper, kinds.first == .atom, kinds.dropFirst().first != .operation {
            lower += 1
            kinds.removeFirst()
        }
        // …but an atom that closes a bracket of the run stays: "p = (0.66, 0.24, 0.10) is".
        while lower < upper, kinds.last == .operation
            || (kinds.last == .atom && kinds.dropLast().last != .operation && depth(Substring(tokens[lower..<(upper - 1)].joined())) <= 0) {
            upper -= 1
            kinds.removeLast()
        }
        guard lower < upper, kinds.contains(where: { $0 == .symbol || $0 == .operation }) else { return nil }
        // Trimmed at the end: the run's own trailing punctuation stays with the token that had it.
        if upper < end { trailing = "" }
        return (lower..<upper, upper == end ? end : upper, trailing)
    }

    private static func kind(_ token: String) -> Kind {
        let core = String(token.reversed().drop { ".,;:!?".contains($0) }.reversed())
        if core.isEmpty { return .word }
        if operations.contains(core) { return .operation }
        if core.contains(where: { symbols[$0] != nil || superscripts[$0] != nil || subscripts[$0] != nil })
            || core.contains(/[A-Za-z0-9)]_[A-Za-z0-9(]|[A-Za-z0-9)]\^[A-Za-z0-9(]/) {
            return .symbol
        }
        let bare = core.trimmingCharacters { "([|\"“*".contains($0) } trailing: { ")]|\"”*".contains($0) }
        if bare.wholeMatch(of: /[A-Za-z]|[0-9]+(\.[0-9]+)?|[A-Za-z]\([A-Za-z0-9.]*\)?/) != nil || functions[bare] != nil
            || bare.wholeMatch(of: /[a-z_]+\(.*/).map({ functions[String($0.output.prefix { $0 != "(" })] != nil }) == true {
            return .atom
        }
        return .word
    }

    /// Quotation marks, and brackets the run opens without closing or closes without opening, moved
    /// outside the `$`.
    private static func unbalanced(_ math: String) -> (String, String, String) {
        var body = Substring(math), open = "", close = ""
        while let first = body.first, "\"“*".contains(first) || "([".contains(first) && depth(body) > 0 {
            open.append(first)
            body = body.dropFirst()
        }
        while let last = body.last, "\"”*".contains(last) || ")]".contains(last) && depth(body) < 0 {
            close = String(last) + close
            body = body.dropLast()
        }
        return (open, String(body), close)
    }

    private static func depth(_ text: Substring) -> Int {
        text.filter { "([".contains($0) }.count - text.filter { ")]".contains($0) }.count
    }

    /// A word outside the maths: symbols that pdflatex cannot set in text become maths of their own.
    private static func textOnly(_ word: String) -> String {
        word.map { c in symbols[c].map { "$" + $0.trimmingCharacters(in: " ") + "$" } ?? String(c) }.joined()
    }
}

extension HandoutMath {
    static let operations: Set<String> = ["=", "−", "+", "/", "·", "×", "≈", "≠", "≤", "≥", "<", ">", "→", "←", "⇒", "∈", "∝", "±", "≡", "*"]

    /// Unicode maths symbols and their LaTeX (a control word ends with a space, which TeX drops).
    static let symbols: [Character: String] = [
        "α": "\\alpha ", "β": "\\beta ", "γ": "\\gamma ", "δ": "\\delta ", "ε": "\\varepsilon ", "ζ": "\\zeta ",
        "η": "\\eta ", "θ": "\\theta ", "κ": "\\kappa ", "λ": "\\lambda ", "μ": "\\mu ", "ν": "\\nu ", "ξ": "\\xi ",
        "π": "\\pi ", "ρ": "\\rho ", "σ": "\\sigma ", "τ": "\\tau ", "φ": "\\varphi ", "χ": "\\chi ", "ψ": "\\psi ",
        "ω": "\\omega ", "Γ": "\\Gamma ", "Δ": "\\Delta ", "Θ": "\\Theta ", "Λ": "\\Lambda ", "Φ": "\\Phi ",
        "Ψ": "\\Psi ", "Ω": "\\Omega ", "Σ": "\\sum ", "∑": "\\sum ", "Π": "\\prod ", "∏": "\\prod ",
        "∂": "\\partial ", "∇": "\\nabla ", "√": "\\surd ", "∞": "\\infty ", "≈": "\\approx ", "≠": "\\neq ",
        "≤": "\\leq ", "≥": "\\geq ", "×": "\\times ", "·": "\\cdot ", "−": "-", "±": "\\pm ", "→": "\\to ",
        "←": "\\leftarrow ", "⇒": "\\Rightarrow ", "∈": "\\in ", "∝": "\\propto ", "≡": "\\equiv ", "′": "'",
        "″": "''", "‖": "\\| ", "⊙": "\\odot ", "∘": "\\circ ", "⊤": "\\top ", "𝟏": "\\mathbf{1}", "✓": "\\checkmark ",
        "✗": "\\times ", "⋯": "\\cdots ", "∀": "\\forall ", "∃": "\\exists ", "ℓ": "\\ell ",
    ]

    static let superscripts: [Character: String] = [
        "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9",
        "⁺": "+", "⁻": "-", "ⁿ": "n", "ⁱ": "i", "ʲ": "j", "ᵏ": "k", "ᵀ": "\\top ", "ᵗ": "t",
    ]

    static let subscripts: [Character: String] = [
        "₀": "0", "₁": "1", "₂": "2", "₃": "3", "₄": "4", "₅": "5", "₆": "6", "₇": "7", "₈": "8", "₉": "9",
        "ᵢ": "i", "ⱼ": "j", "ₖ": "k", "ₗ": "l", "ₘ": "m", "ₙ": "n", "ₐ": "a", "ₑ": "e", "ₒ": "o", "ₓ": "x",
        "ᵣ": "r", "ₚ": "p", "ₛ": "s", "ₜ": "t", "ᵤ": "u", "ᵥ": "v", "ₕ": "h", "₊": "+", "₋": "-",
    ]

    /// Names set upright: LaTeX's own operators, and the builtins lessons write as functions.
    static let functions: [String: String] = {
        var names: [String: String] = [:]
        for name in ["exp", "log", "ln", "max", "min", "tanh", "sin", "cos", "det", "arg", "sup", "inf"] { names[name] = "\\\(name) " }
        for name in ["softmax", "log_softmax", "logsumexp", "diag", "sigmoid", "relu", "outer", "sum", "eye", "grad",
                     "jacobian", "argmax", "onehot", "mean", "abs", "sign", "step", "tr", "sech", "softplus", "CE", "MSE", "BCE"] {
            names[name] = "\\operatorname{\(name.replacing("_", with: "\\_"))}"
        }
        return names
    }()

    /// One run of maths in LaTeX: symbols replaced, `_ij` and `ᵢⱼ` as `_{ij}`, `²ᵀ` as `^{2\top}`, known
    /// function names upright, TeX's special characters escaped.
    static func latex(_ math: String) -> String {
        let characters = Array(math)
        var out = ""
        var i = 0
        func script(_ table: [Character: String], _ mark: String) {
            var inside = ""
            while i < characters.count, let piece = table[characters[i]] {
                inside += piece
                i += 1
            }
            out += mark + "{" + inside.trimmingCharacters(in: " ") + "}"
        }
        while i < characters.count {
            let c = characters[i]
            if c.isASCII, c.isLetter {
                var name = ""
                while i < characters.count, characters[i].isASCII, characters[i].isLetter || characters[i] == "_" && functions[name + "_" + String(characters[(i + 1)...].prefix { $0.isLetter })] != nil {
                    name.append(characters[i])
                    i += 1
                }
                out += functions[name] ?? name
            } else if c == "_" || c == "^" {
                i += 1
                // `_ij`, `^2`: letters and digits; `_(i+1)` keeps its bracket as a group.
                var inside = String(characters[i...].prefix { $0.isASCII && ($0.isLetter || $0.isNumber) })
                if inside.isEmpty, i < characters.count, characters[i] == "(" {
                    inside = String(characters[i...].prefix { $0 != ")" }) + ")"
                }
                i += inside.count
                out += String(c) + "{" + latex(inside) + "}"
            } else if superscripts[c] != nil {
                script(superscripts, "^")
            } else if subscripts[c] != nil {
                script(subscripts, "_")
            } else if let symbol = symbols[c] {
                out += symbol
                i += 1
            } else {
                switch c {
                case "{", "}", "%", "#", "&", "$": out += "\\" + String(c)
                case "\\": out += "\\backslash "
                case "~": out += "\\sim "
                default: out.append(c)
                }
                i += 1
            }
        }
        return out.trimmingCharacters(in: " ")
    }
}

extension String {
    /// The string without the characters of `set` at either end.
    func trimmingCharacters(in set: String) -> String {
        trimmingCharacters { set.contains($0) } trailing: { set.contains($0) }
    }

    func trimmingCharacters(_ leading: (Character) -> Bool, trailing: (Character) -> Bool) -> String {
        String(drop(while: leading).reversed().drop(while: trailing).reversed())
    }
}
