/// A failure at any stage of reading or evaluating a line, with the text it is about.
///
/// The shell renders it with a caret under `range`; scripts print it with the line and column.
/// `note` adds context ("valid indices are 1…3"), `suggestion` a likely fix ("did you mean softmax?").
public struct Diagnostic: Error, Equatable, Sendable {
    public var message: String
    public var range: SourceRange
    public var note: String?
    public var suggestion: String?

    public init(_ message: String, at range: SourceRange, note: String? = nil, suggestion: String? = nil) {
        self.message = message
        self.range = range
        self.note = note
        self.suggestion = suggestion
    }
}

extension Diagnostic {
    /// The line and column (both 1-based) where the range starts in `source`, which may span several lines.
    public func location(in source: String) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for (offset, scalar) in source.unicodeScalars.enumerated() {
            if offset == range.start { break }
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }

    /// The diagnostic as plain text: message, the source line, a caret line, then note and suggestion.
    ///
    /// `source` is the text the range refers to; if it has several lines, the one holding the range is shown.
    /// Colour is the shell's business; this is the uncoloured form used in scripts, tests and on standard error.
    ///
    /// Every part is passed through `TerminalText.shown`, as the source line and the message may hold
    /// what a file or a user typed, control characters included; and the caret is placed on the text
    /// as shown, where ESC takes the two columns of `^[`, so it still points at what the range covers.
    public func rendered(source: String, label: String = "error", prefix: String = "") -> String {
        let all = Array(source.unicodeScalars)
        let start = min(range.start, all.count)
        var lineStart = start
        while lineStart > 0, all[lineStart - 1] != "\n" { lineStart -= 1 }
        var lineEnd = start
        while lineEnd < all.count, all[lineEnd] != "\n" { lineEnd += 1 }
        // A long line (a pasted megabyte) is shown as a window around the caret, cut with …, so an error
        // is a few lines whatever the input.
        let from = lineEnd - lineStart > Diagnostic.longestLine ? max(lineStart, start - Diagnostic.context) : lineStart
        let to = min(lineEnd, from + Diagnostic.longestLine)
        let before = from > lineStart ? "…" : "", after = to < lineEnd ? "…" : ""
        let line = before + TerminalText.shown(String(String.UnicodeScalarView(all[from..<to]))) + after
        var caretLine = before.isEmpty ? "" : " "
        for i in from..<start {
            caretLine += all[i] == "\t" ? "\t" : String(repeating: " ", count: TerminalText.shownWidth(of: all[i]))
        }
        // The range's characters as shown, and one column more when it runs past the line's end (a
        // missing bracket is pointed at just after the last character).
        let covered = all[min(start, to)..<max(min(start, to), min(range.end, to))].reduce(0) { $0 + TerminalText.shownWidth(of: $1) }
        let width = max(1, covered + (range.end > lineEnd ? 1 : 0))
        caretLine += String(repeating: "^", count: width)
        let shown = { (text: String) in Diagnostic.clipped(TerminalText.shown(text)) }
        var text = "\(shown(prefix))\(shown(label)): \(shown(message))\n  \(line)\n  \(caretLine)"
        if let note { text += "\n  note: \(shown(note))" }
        if let suggestion { text += "\n  help: \(shown(suggestion))" }
        return text
    }

    /// Columns of source shown at most, and before the caret, when a line is longer.
    static let longestLine = 160
    static let context = 60

    /// A message that quotes a huge input (a megabyte-long name) keeps its start and end, not all of it.
    static func clipped(_ text: String, to limit: Int = 400) -> String {
        guard text.unicodeScalars.count > limit else { return text }
        let scalars = Array(text.unicodeScalars)
        return String(String.UnicodeScalarView(scalars.prefix(limit / 2))) + " … " + String(String.UnicodeScalarView(scalars.suffix(limit / 4)))
    }
}
