/// The written forms of index notation that need more than one token.
///
/// `z_i` and `W_ij` are single identifiers and stay names for the evaluator to read; what the parser
/// adds is: subscripts on any expression (`softmax(z)_i`, `(p - y)_j`), braced subscripts (`W_{i,j}`,
/// `δ_{i,j}`), and sums written as on paper (`Σ_k exp(z_k)`). All of it is spelled with subscripts
/// written right after what they subscript, so adding a space never silently changes a meaning
/// elsewhere in the language: a name followed by `_x` after a space is still an error.
extension Parser {
    /// The token `offset` places from the current one (the end token past the end).
    func token(at offset: Int) -> Token { tokens[max(0, min(position + offset, tokens.count - 1))] }

    /// Whether the `_…` identifier at the current token is written right after a `)`, `]`, `'` or name,
    /// with no space: then it subscripts the expression before it (`softmax(z)_i`, `W'_ij`).
    var subscriptFollowsImmediately: Bool {
        guard position > 0 else { return false }
        let previous = token(at: -1)
        switch previous.kind {
        case .rightParen, .rightBracket, .apostrophe, .identifier: return previous.range.end == peek.range.start
        default: return false
        }
    }

    /// The subscripts written after `_` (`text` is what follows the underscore in `token`): one per letter
    /// (`_ij`), a 1-based position (`_2`), or a braced list right after a bare `_` (`_{i, j}`).
    mutating func subscripts(
        after token: Token, written text: Substring.UnicodeScalarView
    ) throws(Diagnostic) -> (items: [IndexArgument], end: SourceRange) {
        let scalars = Array(text)
        let first = token.range.end - scalars.count
        if scalars.isEmpty {
            guard peek.kind == .leftBrace, peek.range.start == token.range.end else {
                throw Diagnostic("expected a subscript after '_'", at: token.range, suggestion: "write softmax(z)_i, or _{i,j} for two")
            }
            return try bracedSubscripts()
        }
        if scalars.allSatisfy(IndexedName.isIndexLetter) {
            let items = scalars.enumerated().map { offset, c in
                IndexArgument.single(.variable(String(Character(c)), range: SourceRange(first + offset, first + offset + 1)))
            }
            return (items, token.range)
        }
        if scalars.allSatisfy(Lexer.isDigit), scalars.count <= 15, let n = Double(String(String.UnicodeScalarView(scalars))) {
            return ([.single(.number(n, range: SourceRange(first, token.range.end)))], token.range)
        }
        throw Diagnostic("a subscript is one lowercase letter per dimension (_ij) or a position (_2)", at: token.range,
                         suggestion: "for anything else, use brackets: (…)[k + 1]")
    }

    /// `{i, j}` right after an underscore. Each item is an expression (`z_{k+1}`); a lone two-letter
    /// name reads as two subscripts (`W_{ij}`, as LaTeX writes it).
    private mutating func bracedSubscripts() throws(Diagnostic) -> (items: [IndexArgument], end: SourceRange) {
        let open = advance()
        let list = try list(closing: .rightBrace, opening: open) { (p: inout Parser) throws(Diagnostic) in try p.expression() }
        if list.items.isEmpty {
            throw Diagnostic("empty subscript", at: open.range.union(list.close), suggestion: "write W_{i,j}")
        }
        if list.items.count == 1, case .variable(let name, let range) = list.items[0] {
            let letters = Array(name.unicodeScalars)
            if letters.count == 2, letters.allSatisfy(IndexedName.isIndexLetter) {
                let items = letters.enumerated().map { offset, c in
                    IndexArgument.single(.variable(String(Character(c)), range: SourceRange(range.start + offset, range.start + offset + 1)))
                }
                return (items, list.close)
            }
        }
        return (list.items.map { .single($0) }, list.close)
    }

    /// At an identifier: `W_{i,j}` (an index of W), `δ_{i,j}` (a call of delta), or a braced sum name
    /// `Σ_{k}` (read as `Σ_k`). Nil, with nothing consumed, for an ordinary name.
    mutating func indexNotationName() throws(Diagnostic) -> Expr? {
        if let head = sumHead(), head.length > 1 {
            position += head.length
            return .variable(head.name, range: head.range)
        }
        let token = peek
        guard case .identifier(let name) = token.kind, name.unicodeScalars.count > 1, name.hasSuffix("_"),
              self.token(at: 1).kind == .leftBrace, self.token(at: 1).range.start == token.range.end else { return nil }
        advance()
        let base = String(name.dropLast())
        let baseRange = SourceRange(token.range.start, token.range.end - 1)
        let subscripts = try bracedSubscripts()
        let range = token.range.union(subscripts.end)
        guard base == "δ" || base == "delta" else {
            return .index(.variable(base, range: baseRange), subscripts.items, range: range)
        }
        guard subscripts.items.count == 2, case .single(let a) = subscripts.items[0], case .single(let b) = subscripts.items[1] else {
            throw Diagnostic("the Kronecker delta takes two indices, as in δ_{i,j}", at: range)
        }
        return .call(.variable("delta", range: baseRange), arguments: [a, b], range: range)
    }

    /// `Σ_k body` without parentheses, as on paper: the body is a product-level expression, so
    /// `Σ_k exp(z_k) * y_k + 1` is `(Σ_k exp(z_k) * y_k) + 1`, and `2 * Σ_k z_k * y_k` is 2 times the sum.
    ///
    /// With a parenthesis right after the name (`Σ_k(…)`) it is a call instead, whose parentheses hold the
    /// whole body; with a space (`Σ_k (a + b) * c`) the parentheses start a product-level body, as on paper.
    /// `sum_k`, `Σ_k` and `∑_k` are all read this way; the result is `.call(sum_k, [body])`.
    mutating func prefixSumIfPresent() throws(Diagnostic) -> Expr? {
        guard let head = sumHead(), let letter = IndexedName.summationLetter(head.name) else { return nil }
        let next = token(at: head.length)
        switch next.kind {
        case .leftParen where next.range.start == head.range.end: return nil
        case .number, .identifier, .leftParen, .leftBracket: break
        default: return nil
        }
        position += head.length
        let body = try multiplicative()
        return .call(.variable("sum_" + letter, range: head.range), arguments: [body], range: head.range.union(body.range))
    }

    /// A sum's name at the current token: `sum_k`, `Σ_k`, `∑_k` (one token) or `Σ_{k}` (four), with the
    /// name as one token would spell it and how many tokens it spans.
    private func sumHead() -> (name: String, range: SourceRange, length: Int)? {
        guard case .identifier(let name) = peek.kind else { return nil }
        if IndexedName.summationLetter(name) != nil { return (name, peek.range, 1) }
        guard name == "sum_" || name == "Σ_" || name == "∑_", token(at: 1).kind == .leftBrace, token(at: 1).range.start == peek.range.end,
              case .identifier(let letter) = token(at: 2).kind, IndexedName.isIndexLetter(letter), token(at: 3).kind == .rightBrace
        else { return nil }
        return (name + letter, peek.range.union(token(at: 3).range), 4)
    }
}
