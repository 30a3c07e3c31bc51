/// One lexical unit of a line, with where it is.
public struct Token: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case number(Double)
        case identifier(String)
        case plus, minus, star, slash, caret, at, apostrophe
        case equals, arrow, comma, colon, semicolon
        /// `:=` (or `≔`): a definition, as in `p := softmax(z)`.
        case define
        case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
        case end
    }

    public var kind: Kind
    public var range: SourceRange

    public init(_ kind: Kind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}

extension Token.Kind {
    /// How the token is written, for messages such as "expected ')'".
    public var spelling: String {
        switch self {
        case .number(let value): return String(value)
        case .identifier(let name): return name
        case .plus: return "+"
        case .minus: return "-"
        case .star: return "*"
        case .slash: return "/"
        case .caret: return "^"
        case .at: return "@"
        case .apostrophe: return "'"
        case .equals: return "="
        case .arrow: return "->"
        case .comma: return ","
        case .colon: return ":"
        case .define: return ":="
        case .semicolon: return ";"
        case .leftParen: return "("
        case .rightParen: return ")"
        case .leftBracket: return "["
        case .rightBracket: return "]"
        case .leftBrace: return "{"
        case .rightBrace: return "}"
        case .end: return "end of input"
        }
    }
}
