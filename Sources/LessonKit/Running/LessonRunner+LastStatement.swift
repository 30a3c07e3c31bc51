import VectorLang

extension LessonRunner {
    /// The text of the last `;`-separated statement of a line, without the comment: the answer in
    /// `q = p * (1 - p); diag(q)`. (An expression's own range leaves out enclosing parentheses.)
    static func lastStatement(of line: String) -> String? {
        guard let tokens = try? Lexer.tokenize(line) else { return nil }
        let code = tokens.filter { $0.kind != .end }
        guard let last = code.lastIndex(where: { $0.kind != .semicolon }) else { return nil }
        let start = code[..<last].lastIndex { $0.kind == .semicolon }.map { code[$0].range.end } ?? 0
        let scalars = Array(line.unicodeScalars)
        let end = min(code[last].range.end, scalars.count)
        guard start < end else { return nil }
        return String(String.UnicodeScalarView(scalars[start..<end]))
    }
}
