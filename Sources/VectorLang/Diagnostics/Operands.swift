/// The operands of a call as the user wrote them, for messages and suggestions in their own terms
/// (`v' @ A`, not "transpose the left operand").
extension Arguments {
    /// How argument `i` was written, when it is short enough to quote in a message; nil otherwise.
    ///
    /// Inside a derivative's pullback every range is the whole call, so the text may not be the
    /// operand; those operations never fail on shapes the forward pass accepted.
    public func written(_ i: Int) -> String? {
        guard i < ranges.count else { return nil }
        let text = Evaluator.text(of: ranges[i], in: evaluator.source)
        let trimmed = String(text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
        guard !trimmed.isEmpty, trimmed.count <= 24, !trimmed.contains("\n") else { return nil }
        return trimmed
    }

    /// Argument `i` as written, or `fallback` (a letter such as `v` that a message then explains).
    func written(_ i: Int, or fallback: String) -> String { written(i) ?? fallback }
}

/// Small edits of written operands for suggestions.
enum Written {
    /// `text`, parenthesised unless it is already one piece (a name, a call, a bracket, a transpose of one),
    /// so that an operator written after it applies to all of it.
    static func atom(_ text: String) -> String {
        var depth = 0
        for c in text {
            switch c {
            case "(", "[", "{": depth += 1
            case ")", "]", "}": depth -= 1
            default: if depth == 0, " +-*/^@,;=<>".contains(c) { return "(\(text))" }
            }
        }
        return text
    }

    /// The transpose of `text`: `v` becomes `v'`, and `v'` becomes `v`.
    static func transposed(_ text: String) -> String {
        if text.hasSuffix("'") {
            let inner = String(text.dropLast())
            if atom(inner) == inner { return inner }
        }
        return atom(text) + "'"
    }

    /// `x_i` for a name, or `element i of x` for anything longer.
    static func element(_ text: String, _ index: String) -> String {
        text.allSatisfy { $0.isLetter || $0.isNumber } && text.first?.isLetter == true ? "\(text)_\(index)" : "element \(index) of \(text)"
    }
}
