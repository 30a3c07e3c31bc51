/// Turns the tokens of one line into statements, by recursive descent.
///
/// Precedence, loosest first: `->` (lambda), `+ -`, `* / @`, unary `-` and `Σ_k`, `^` (right-associative,
/// so `-2^2` is −4 as on paper), then postfix call `f(…)`, index `x[…]`, subscript `(…)_i` and transpose `A'`.
/// A line is one or more statements separated by `;`. Index notation's forms are in `IndexNotation/IndexNotationSyntax.swift`.
public struct Parser {
    /// Deeper nesting than this is refused with a message instead of overflowing the stack.
    public static let maximumDepth = 200
    /// More operators than this in one statement are refused: `1+1+…` builds a tree as deep as it is long,
    /// and evaluating or even freeing a tree of 100,000 levels overflows the stack.
    public static let maximumOperations = 20_000

    let tokens: [Token]
    /// The current token; internal so that the index-notation forms, in their own file, can advance it.
    var position = 0
    private var depth = 0
    /// Operators read so far in the current statement (`maximumOperations`).
    private var operations = 0

    public init(tokens: [Token]) {
        self.tokens = tokens
    }

    /// Parses a whole line: statements separated by `;` (empty statements are skipped).
    public static func parse(_ source: String) throws(Diagnostic) -> [Statement] {
        var parser = Parser(tokens: try Lexer.tokenize(source))
        return try parser.statements()
    }

    /// Parses a line that must be one expression (as after `:time` or `jacobi derive`).
    public static func parseExpression(_ source: String) throws(Diagnostic) -> Expr {
        var parser = Parser(tokens: try Lexer.tokenize(source))
        let expr = try parser.expression()
        try parser.expectEnd()
        return expr
    }

    mutating func statements() throws(Diagnostic) -> [Statement] {
        var result: [Statement] = []
        while true {
            while peek.kind == .semicolon { position += 1 }
            if peek.kind == .end { return result }
            operations = 0
            result.append(try statement())
            if peek.kind == .semicolon { continue }
            try expectEnd()
        }
    }

    /// One more operator in the statement; past `maximumOperations`, a message instead of a tree too deep to use.
    private mutating func count(_ token: Token) throws(Diagnostic) {
        operations += 1
        guard operations <= Parser.maximumOperations else {
            throw Diagnostic("expression too long: more than \(Parser.maximumOperations) operators in one statement", at: token.range,
                             suggestion: "split it into parts with names (s1 = …; s2 = …), or use sum(…) over a vector")
        }
    }

    mutating func expression() throws(Diagnostic) -> Expr {
        try nested { (p: inout Parser) throws(Diagnostic) -> Expr in
            if let lambda = try p.lambdaIfPresent() { return lambda }
            return try p.additive()
        }
    }

    /// `x -> body` or `(x, y) -> body`; nil (and nothing consumed) if the tokens are not a lambda head.
    private mutating func lambdaIfPresent() throws(Diagnostic) -> Expr? {
        let start = peek.range
        var parameters: [String] = []
        var cursor = position
        if case .identifier(let name) = tokens[cursor].kind, tokens[cursor + 1].kind == .arrow {
            parameters = [name]
            cursor += 1
        } else if tokens[cursor].kind == .leftParen {
            cursor += 1
            while case .identifier(let name) = tokens[cursor].kind {
                parameters.append(name)
                cursor += 1
                if tokens[cursor].kind == .comma { cursor += 1 } else { break }
            }
            guard tokens[cursor].kind == .rightParen, tokens[cursor + 1].kind == .arrow else { return nil }
            cursor += 1
        } else {
            return nil
        }
        position = cursor + 1
        let body = try expression()
        return .lambda(parameters: parameters, body: body, range: start.union(body.range))
    }

    private mutating func additive() throws(Diagnostic) -> Expr {
        var lhs = try multiplicative()
        while true {
            let op: BinaryOperator
            switch peek.kind {
            case .plus: op = .add
            case .minus: op = .subtract
            default: return lhs
            }
            let opToken = advance()
            try count(opToken)
            let rhs = try multiplicative()
            lhs = .binary(op, lhs, rhs, operatorRange: opToken.range, range: lhs.range.union(rhs.range))
        }
    }

    mutating func multiplicative() throws(Diagnostic) -> Expr {
        var lhs = try unary()
        while true {
            let op: BinaryOperator
            switch peek.kind {
            case .star: op = .multiply
            case .slash: op = .divide
            case .at: op = .matrixProduct
            default: return lhs
            }
            let opToken = advance()
            try count(opToken)
            let rhs = try unary()
            lhs = .binary(op, lhs, rhs, operatorRange: opToken.range, range: lhs.range.union(rhs.range))
        }
    }

    private mutating func unary() throws(Diagnostic) -> Expr {
        try nested { (p: inout Parser) throws(Diagnostic) -> Expr in
            switch p.peek.kind {
            case .minus, .plus:
                let token = p.advance()
                let operand = try p.unary()
                return .unary(token.kind == .minus ? .negate : .plus, operand, range: token.range.union(operand.range))
            default:
                if let sum = try p.prefixSumIfPresent() { return sum }
                return try p.power()
            }
        }
    }

    private mutating func power() throws(Diagnostic) -> Expr {
        let base = try postfix()
        guard peek.kind == .caret else { return base }
        let opToken = advance()
        let exponent = try unary()
        return .binary(.power, base, exponent, operatorRange: opToken.range, range: base.range.union(exponent.range))
    }

    private mutating func postfix() throws(Diagnostic) -> Expr {
        var expr = try primary()
        while true {
            if [.leftParen, .leftBracket, .apostrophe].contains(peek.kind) { try count(peek) }
            switch peek.kind {
            case .leftParen:
                let open = advance()
                let arguments = try list(closing: .rightParen, opening: open) { (p: inout Parser) throws(Diagnostic) in
                    try p.expression()
                }
                expr = .call(expr, arguments: arguments.items, range: expr.range.union(arguments.close))
            case .leftBracket:
                let open = advance()
                let subscripts = try list(closing: .rightBracket, opening: open) { (p: inout Parser) throws(Diagnostic) in
                    try p.indexArgument()
                }
                if subscripts.items.isEmpty {
                    throw Diagnostic("empty index", at: open.range.union(subscripts.close),
                                     suggestion: "indices start at 1: write x[1]")
                }
                expr = .index(expr, subscripts.items, range: expr.range.union(subscripts.close))
            case .apostrophe:
                let tick = advance()
                expr = .transpose(expr, range: expr.range.union(tick.range))
            case .identifier(let name) where name.hasPrefix("_") && subscriptFollowsImmediately:
                let token = advance()
                let subscripts = try subscripts(after: token, written: name.unicodeScalars.dropFirst())
                expr = .index(expr, subscripts.items, range: expr.range.union(subscripts.end))
            default:
                return expr
            }
        }
    }

    private mutating func indexArgument() throws(Diagnostic) -> IndexArgument {
        let start = peek.range
        var lower: Expr?
        if peek.kind != .colon { lower = try expression() }
        guard peek.kind == .colon else {
            if let lower { return .single(lower) }
            throw unexpected(expected: "an index")
        }
        let colon = advance()
        if peek.kind == .comma || peek.kind == .rightBracket {
            return lower.map { .range(lower: $0, upper: nil, range: start.union(colon.range)) } ?? .all(range: colon.range)
        }
        let upper = try expression()
        return .range(lower: lower, upper: upper, range: start.union(upper.range))
    }

    private mutating func primary() throws(Diagnostic) -> Expr {
        let token = peek
        switch token.kind {
        case .number(let value):
            position += 1
            return .number(value, range: token.range)
        case .identifier(let name):
            if let indexed = try indexNotationName() { return indexed }
            position += 1
            return .variable(name, range: token.range)
        case .leftParen:
            position += 1
            let inner = try expression()
            guard peek.kind == .rightParen else {
                throw unclosed(token, expected: ")")
            }
            let close = advance()
            return inner.withRange(token.range.union(close.range))
        case .leftBracket:
            position += 1
            let elements = try list(closing: .rightBracket, opening: token) { (p: inout Parser) throws(Diagnostic) in
                try p.expression()
            }
            return .array(elements.items, range: token.range.union(elements.close))
        case .leftBrace:
            throw Diagnostic("braces are not used for values", at: token.range,
                             suggestion: "write a vector as [1, 2, 3] and a matrix as [[1, 2], [3, 4]]")
        default:
            throw unexpected(expected: "a number, a name, '(' or '['")
        }
    }

    /// Comma-separated items up to `closing`; returns them and the closing token's range.
    mutating func list<T>(
        closing: Token.Kind, opening: Token, item: (inout Parser) throws(Diagnostic) -> T
    ) throws(Diagnostic) -> (items: [T], close: SourceRange) {
        var items: [T] = []
        if peek.kind == closing { return (items, advance().range) }
        while true {
            items.append(try nested(item))
            switch peek.kind {
            case .comma:
                position += 1
                if peek.kind == closing {
                    throw Diagnostic("expected a value after ','", at: peek.range, suggestion: "remove the trailing comma")
                }
            case closing:
                return (items, advance().range)
            case .end:
                throw unclosed(opening, expected: closing.spelling)
            default:
                throw unexpected(expected: "',' or '\(closing.spelling)'")
            }
        }
    }

    private mutating func nested<T>(_ body: (inout Parser) throws(Diagnostic) -> T) throws(Diagnostic) -> T {
        depth += 1
        defer { depth -= 1 }
        if depth > Parser.maximumDepth {
            throw Diagnostic("expression nested too deeply (more than \(Parser.maximumDepth) levels)", at: peek.range)
        }
        return try body(&self)
    }

    mutating func expectEnd() throws(Diagnostic) {
        guard peek.kind != .end else { return }
        switch peek.kind {
        case .rightParen, .rightBracket:
            throw Diagnostic("unmatched '\(peek.kind.spelling)'", at: peek.range, suggestion: "remove it, or open it earlier")
        case .leftParen, .leftBracket, .identifier, .number:
            throw Diagnostic("expected an operator before this", at: peek.range,
                             suggestion: "write the operation explicitly, as in 2*x or f(x)")
        default:
            throw unexpected(expected: "end of statement")
        }
    }

    var peek: Token { tokens[min(position, tokens.count - 1)] }

    @discardableResult
    mutating func advance() -> Token {
        let token = peek
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    private func unexpected(expected: String) -> Diagnostic {
        if peek.kind == .end {
            return Diagnostic("unexpected end of input; expected \(expected)", at: peek.range)
        }
        return Diagnostic("unexpected '\(peek.kind.spelling)'; expected \(expected)", at: peek.range)
    }

    private func unclosed(_ opening: Token, expected: String) -> Diagnostic {
        if peek.kind == .end {
            return Diagnostic("unclosed '\(opening.kind.spelling)'", at: opening.range, suggestion: "add '\(expected)' at the end")
        }
        return Diagnostic("expected '\(expected)' to close the '\(opening.kind.spelling)'", at: peek.range,
                          note: "the '\(opening.kind.spelling)' opened at column \(opening.range.start + 1)")
    }
}
