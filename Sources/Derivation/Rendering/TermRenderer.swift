/// Writes a term in one notation, with as few parentheses as precedence allows.
public struct TermRenderer: Sendable {
    public let notation: Notation
    /// Bound indices shown so far, innermost last, with the letter each is shown as.
    private var binders: [(index: Index, shown: String)] = []
    /// Letters a binder must not be shown as: the free indices of the whole term.
    private var reserved: Set<String> = []
    /// Bound letters shown by depth (#1, #2, …), so that terms equal up to their bound letters render alike.
    var canonicalBinders = false

    public init(_ notation: Notation) {
        self.notation = notation
    }

    /// The whole term; bound indices get letters here, never the free ones' and never an enclosing sum's.
    public func render(_ term: Term) -> String {
        var root = self
        root.binders = []
        root.reserved = Set(term.freeIndices.map(\.name)).union(term.variableNames)
        return root.write(term, context: .top)
    }

    /// A part, inside the scope of the binders around it.
    private func inner(_ term: Term) -> String { write(term, context: .top) }

    /// The letter an index is shown as: its binder's, or its own when free.
    private func shown(_ index: Index) -> String {
        binders.last { $0.index == index }?.shown ?? index.name
    }

    /// This renderer inside Σ over `k`, with the letter chosen for k.
    private func entering(_ k: Index) -> (TermRenderer, String) {
        var inside = self
        let letter: String
        if canonicalBinders {
            letter = "#\(binders.count + 1)"
        } else {
            let taken = reserved.union(binders.map(\.shown))
            letter = ([k] + Term.indexLetters).map(\.name).first { !taken.contains($0) }
                ?? Term.fresh(avoiding: Set(taken.map(Index.init))).name
        }
        inside.binders.append((k, letter))
        return (inside, letter)
    }

    /// How tightly the surrounding operator binds, to decide on parentheses.
    enum Level: Int, Comparable {
        case top = 0, sum, product, factor, power, atom
        static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    }

    private func write(_ term: Term, context: Level) -> String {
        let (text, level) = writeBare(term)
        guard level < context else { return text }
        return notation == .latex ? "\\left(" + text + "\\right)" : "(" + text + ")"
    }

    private func writeBare(_ term: Term) -> (String, Level) {
        switch term {
        case .number(let x):
            return (number(x), x < 0 ? .sum : .atom)
        case .symbol(let s):
            return (symbol(s), .atom)
        case .indexed(let name, let indices):
            return (indexed(name, indices), .atom)
        case .delta(let x, let y):
            // δ is symmetric: for a sort key (canonical binders) δ_ab and δ_ba must write alike.
            let (a, b) = canonicalBinders ? (min(shown(x), shown(y)), max(shown(x), shown(y))) : (shown(x), shown(y))
            switch notation {
            case .input: return ("delta(\(a), \(b))", .atom)
            case .unicode: return ("δ" + subscripted(a + b), .atom)
            case .ascii: return ("delta_\(a)\(b)", .atom)
            case .latex: return ("\\delta_{\(a)\(b)}", .atom)
            }
        case .add(let terms):
            var text = ""
            for (n, t) in terms.enumerated() {
                let (c, rest) = t.coefficientAndRest
                if n > 0 {
                    text += c < 0 ? " \(minus) " : " + "
                    text += c < 0 ? write(Term.product(of: [.number(-c), rest]), context: .product) : write(t, context: .product)
                } else if c < 0 {
                    text += minus + write(Term.product(of: [.number(-c), rest]), context: .product)
                } else {
                    text += write(t, context: .product)
                }
            }
            return (text, .sum)
        case .multiply(let factors):
            return product(factors)
        case .divide(let a, let b):
            if notation == .latex { return ("\\frac{\(inner(a))}{\(inner(b))}", .atom) }
            let (c, rest) = a.coefficientAndRest
            if c < 0 {
                // −pᵢpⱼ / T rather than (−pᵢpⱼ) / T
                return (minus + write(Term.product(of: [.number(-c), rest]), context: .product) + " / " + write(b, context: .factor), .sum)
            }
            return (write(a, context: .product) + " / " + write(b, context: .factor), .product)
        case .power(let base, let exponent):
            return power(base, exponent)
        case .apply(let f, let args):
            return (function(f, args), .atom)
        case .sum(let index, let body):
            let (inside, k) = entering(index)
            switch notation {
            case .input: return ("sum_\(k)(\(inside.inner(body)))", .atom)
            case .unicode: return ("Σ" + subscripted(k) + " " + inside.write(body, context: .power), .factor)
            case .ascii: return ("sum_\(k) " + inside.write(body, context: .power), .factor)
            case .latex: return ("\\sum_{\(k)} " + inside.write(body, context: .power), .factor)
            }
        case .partial(let body, let v):
            return (partial(body, v), .atom)
        }
    }

    private var minus: String { notation == .unicode ? "−" : "-" }

    private func number(_ x: Double) -> String {
        let text: String
        if x == x.rounded(), abs(x) < 1e15 { text = String(Int(x)) } else { text = String(x) }
        return notation == .unicode && text.hasPrefix("-") ? "−" + text.dropFirst() : text
    }

    private func symbol(_ s: String) -> String {
        switch notation {
        case .latex: return s.count == 1 ? s : "\\mathrm{\(s)}"
        default: return s
        }
    }

    private func indexed(_ name: String, _ indices: [Index]) -> String {
        let letters = indices.map(shown).joined()
        switch notation {
        case .input:
            // A position among letters (K_{1,m}) needs the braced list; letters alone or one position do not.
            if indices.count > 1, indices.contains(where: \.isPosition) { return "\(name)_{\(indices.map(shown).joined(separator: ","))}" }
            return "\(name)_\(letters)"
        case .unicode: return name + subscripted(letters)
        case .ascii: return "\(name)_\(letters)"
        case .latex: return "\(name)_{\(letters)}"
        }
    }

    private func product(_ factors: [Term]) -> (String, Level) {
        var factors = factors
        var sign = ""
        if case .number(let c) = factors[0], c < 0 {
            sign = minus
            if c == -1 { factors.removeFirst() } else { factors[0] = .number(-c) }
        }
        var text = ""
        for (n, f) in factors.enumerated() {
            let piece = write(f, context: .factor)
            if n > 0 {
                switch notation {
                case .input: text += " * "
                case .latex: text += piece.hasPrefix("\\left(") ? "" : " "
                case .unicode, .ascii: text += piece.hasPrefix("(") ? "" : (notation == .unicode ? "·" : "*")
                }
            }
            text += piece
        }
        return (sign + text, sign.isEmpty ? .product : .sum)
    }

    private func power(_ base: Term, _ exponent: Term) -> (String, Level) {
        let b = write(base, context: .atom)
        if case .number(let e) = exponent, e == e.rounded(), abs(e) < 10 {
            switch notation {
            case .unicode: return (b + superscripted(String(Int(e))), .power)
            case .latex: return (b + "^{\(Int(e))}", .power)
            default: break
            }
        }
        switch notation {
        case .latex: return (b + "^{\(inner(exponent))}", .power)
        default: return (b + "^" + write(exponent, context: .atom), .power)
        }
    }

    private func function(_ f: String, _ args: [Term]) -> String {
        let inner = args.map(self.inner).joined(separator: ", ")
        switch notation {
        case .input, .ascii: return "\(f)(\(inner))"
        case .unicode: return (f == "sigmoid" ? "σ" : f) + "(\(inner))"
        case .latex:
            if f == "log", args.count == 2 { return "\\log_{\(self.inner(args[1]))}\\left(\(self.inner(args[0]))\\right)" }
            let names = ["exp": "\\exp", "log": "\\log", "tanh": "\\tanh", "sigmoid": "\\sigma"]
            return (names[f] ?? "\\operatorname{\(f.split(separator: "_").joined(separator: "\\_"))}") + "\\left(\(inner)\\right)"
        }
    }

    private func partial(_ body: Term, _ v: Variable) -> String {
        let wrt = inner(v.term)
        switch notation {
        case .input:
            return "partial(\(inner(body)), \(wrt))"
        case .latex:
            switch body {
            case .symbol, .indexed, .apply: return "\\frac{\\partial \(inner(body))}{\\partial \(wrt)}"
            default: return "\\frac{\\partial}{\\partial \(wrt)}\\left(\(inner(body))\\right)"
            }
        case .unicode, .ascii:
            let d = notation == .unicode ? "∂" : "d"
            let simple: Bool
            switch body {
            case .symbol, .indexed: simple = true
            case .apply: simple = notation == .unicode
            default: simple = false
            }
            return simple ? "\(d)\(inner(body))/\(d)\(wrt)" : "\(d)/\(d)\(wrt) [\(inner(body))]"
        }
    }

    private func subscripted(_ letters: String) -> String {
        let map: [Character: Character] = [
            "i": "ᵢ", "j": "ⱼ", "k": "ₖ", "m": "ₘ", "n": "ₙ", "a": "ₐ", "e": "ₑ", "o": "ₒ", "x": "ₓ", "h": "ₕ",
            "l": "ₗ", "p": "ₚ", "s": "ₛ", "t": "ₜ", "r": "ᵣ", "u": "ᵤ", "v": "ᵥ",
            "0": "₀", "1": "₁", "2": "₂", "3": "₃", "4": "₄", "5": "₅", "6": "₆", "7": "₇", "8": "₈", "9": "₉",
        ]
        let converted = letters.compactMap { map[$0] }
        return converted.count == letters.count ? String(converted) : "_" + letters
    }

    private func superscripted(_ digits: String) -> String {
        let map: [Character: Character] = [
            "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻",
        ]
        return String(digits.compactMap { map[$0] })
    }
}
