/// Splits a line into tokens.
///
/// Identifiers may hold letters of any script (so `σ`, `δ_ij` and `Σ_k` read as names), digits and `_`.
/// `#` starts a comment that runs to the end of the line.
public struct Lexer {
    private let scalars: [Unicode.Scalar]
    private var position = 0

    public init(_ source: String) {
        scalars = Array(source.unicodeScalars)
    }

    /// All tokens of the line, ending with `.end`.
    public static func tokenize(_ source: String) throws(Diagnostic) -> [Token] {
        var lexer = Lexer(source)
        var tokens: [Token] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    public mutating func next() throws(Diagnostic) -> Token {
        skipSpaceAndComments()
        guard position < scalars.count else { return Token(.end, .point(position)) }
        let start = position
        let c = scalars[position]
        if Lexer.isDigit(c) || (c == "." && position + 1 < scalars.count && Lexer.isDigit(scalars[position + 1])) {
            return try number()
        }
        if Lexer.isIdentifierStart(c) {
            while position < scalars.count, Lexer.isIdentifierContinue(scalars[position]) { position += 1 }
            return Token(.identifier(String(String.UnicodeScalarView(scalars[start..<position]))), SourceRange(start, position))
        }
        position += 1
        let kind: Token.Kind
        switch c {
        case "+": kind = .plus
        case "-": kind = consume(">") ? .arrow : .minus
        case "→": kind = .arrow
        case "*", "·", "×": kind = .star
        case "/", "÷": kind = .slash
        case "^": kind = .caret
        case "@": kind = .at
        case "'", "ᵀ": kind = .apostrophe
        case "=": kind = .equals
        case ",": kind = .comma
        // `:=` is one token; a `:` before anything else is a range's (`x[1:2]`, `x[:]`).
        case ":": kind = consume("=") ? .define : .colon
        case "≔": kind = .define
        case ";": kind = .semicolon
        case "(": kind = .leftParen
        case ")": kind = .rightParen
        case "[": kind = .leftBracket
        case "]": kind = .rightBracket
        case "{": kind = .leftBrace
        case "}": kind = .rightBrace
        case "−": kind = .minus
        default:
            throw Diagnostic("unexpected character '\(c)'", at: SourceRange(start, position),
                             suggestion: Lexer.hint(for: c))
        }
        return Token(kind, SourceRange(start, position))
    }

    /// Moves past `c` if it comes next, for the two-character tokens `->` and `:=`.
    private mutating func consume(_ c: Unicode.Scalar) -> Bool {
        guard position < scalars.count, scalars[position] == c else { return false }
        position += 1
        return true
    }

    private mutating func skipSpaceAndComments() {
        while position < scalars.count {
            let c = scalars[position]
            if c == "#" {
                position = scalars.count
            } else if c == " " || c == "\t" || c == "\r" || c == "\n" || c == "\u{A0}" {
                position += 1
            } else {
                return
            }
        }
    }

    /// `2 * e` for the `2e` at `start..<e` of `scalars`: what a number followed by a bare e may have meant.
    private static func times(_ start: Int, _ e: Int, in scalars: [Unicode.Scalar]) -> String {
        String(String.UnicodeScalarView(scalars[start..<e])) + " * e"
    }

    /// Digits, an optional fraction and an optional exponent: `2`, `2.5`, `.5`, `1e-3`.
    private mutating func number() throws(Diagnostic) -> Token {
        let start = position
        digits()
        if position < scalars.count, scalars[position] == "." {
            position += 1
            digits()
        }
        if position < scalars.count, scalars[position] == "e" || scalars[position] == "E" {
            let exponentStart = position
            position += 1
            if position < scalars.count, scalars[position] == "+" || scalars[position] == "-" { position += 1 }
            let digitsStart = position
            digits()
            if position == digitsStart {
                // `2e` followed by a name (`2exp`) is an error too: implicit multiplication is not in the language.
                while position < scalars.count, Lexer.isIdentifierContinue(scalars[position]) { position += 1 }
                throw Diagnostic("malformed number: the exponent has no digits", at: SourceRange(start, position),
                                 note: "an exponent is written like 1e-3 or 2.5E+4",
                                 suggestion: exponentStart + 1 < position ? nil : "write the exponent's digits, as in 1e3, or \(Lexer.times(start, exponentStart, in: scalars)) for a multiple of Euler's number")
            }
        }
        if position < scalars.count, scalars[position] == "." || Lexer.isIdentifierStart(scalars[position]) {
            let isDot = scalars[position] == "."
            while position < scalars.count, scalars[position] == "." || Lexer.isIdentifierContinue(scalars[position]) {
                position += 1
            }
            throw Diagnostic("malformed number", at: SourceRange(start, position),
                             suggestion: isDot ? "a number has at most one decimal point"
                                               : "write the multiplication: 2*x, not 2x")
        }
        let text = String(String.UnicodeScalarView(scalars[start..<position]))
        guard let value = Double(text) else {
            throw Diagnostic("malformed number", at: SourceRange(start, position))
        }
        return Token(.number(value), SourceRange(start, position))
    }

    private mutating func digits() {
        while position < scalars.count, Lexer.isDigit(scalars[position]) { position += 1 }
    }

    static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }

    static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
        c == "_" || c.properties.isAlphabetic && !isSubscriptOrSuperscript(c) || c == "∂" || c == "∑"
    }

    static func isIdentifierContinue(_ c: Unicode.Scalar) -> Bool {
        isIdentifierStart(c) || isDigit(c)
    }

    private static func isSubscriptOrSuperscript(_ c: Unicode.Scalar) -> Bool {
        c == "ᵀ"
    }

    private static func hint(for c: Unicode.Scalar) -> String? {
        switch c {
        case "\"": return "Jacobi has no strings; write numbers, vectors and names"
        case "!", "&", "|", "<", ">", "%": return "Jacobi's operators are + - * / ^ @ and ' (transpose)"
        case "{", "}": return "write a matrix with brackets: [[1, 2], [3, 4]]"
        default: return nil
        }
    }
}
