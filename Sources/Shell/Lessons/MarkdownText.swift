import VectorLang

/// A lesson's Markdown narrative laid out for the terminal: paragraphs and list items reflowed to the
/// width, code kept as written, inline code, emphasis and strong text marked for the palette.
///
/// Authors wrap their files at whatever width suits an editor; a learner's terminal (or a projector's
/// large font) is often narrower, and a line broken by the terminal mid-word is hard to read. So
/// paragraphs are reflowed, while what is laid out by hand (fenced and indented code, tables) is not.
/// Only the Markdown that lessons use is understood; anything else shows as written.
enum MarkdownText {
    /// The lines of `text` at most `width` columns wide (a word longer than that gets a line of its own).
    static func lines(_ text: String, width: Int, ascii: Bool = false) -> [StyledLine] {
        var out: [StyledLine] = []
        var paragraph: [String] = []
        // The first-line prefix and the indent of its continuation lines: "- " and "  " for a list item.
        var marker = ("", "")
        var fence: String?

        func flush() {
            guard !paragraph.isEmpty else { return }
            out += wrap(paragraph.joined(separator: " "), width: width, first: marker.0, rest: marker.1)
            paragraph = []
            marker = ("", "")
        }
        func blank() {
            flush()
            if let last = out.last, last != .blank { out.append(.blank) }
        }

        for raw in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let line = raw.trimmingSpaces
            if let open = fence {
                if line.hasPrefix(open) { fence = nil } else { out.append(StyledLine("    " + raw, .literal)) }
                continue
            }
            if line.hasPrefix("```") || line.hasPrefix("~~~") {
                flush()
                fence = String(line.prefix(3))
                continue
            }
            if line.isEmpty { blank(); continue }
            if line.hasPrefix("#") {
                flush()
                out.append(StyledLine(inline(String(line.drop { $0 == "#" }).trimmingSpaces)).tinted(.strong))
                continue
            }
            if line.hasPrefix("|") {
                flush()
                out.append(StyledLine(inline(raw)))
                continue
            }
            if raw.hasPrefix("    "), paragraph.isEmpty {
                out.append(StyledLine(raw, .literal))
                continue
            }
            if let item = listMarker(line) {
                flush()
                marker = (item, String(repeating: " ", count: item.count))
                paragraph = [String(line.dropFirst(item.count)).trimmingSpaces]
                continue
            }
            if line.hasPrefix(">") {
                let bar = ascii ? "| " : "│ "
                if marker.0 != bar {
                    flush()
                    marker = (bar, bar)
                }
                paragraph.append(String(line.dropFirst()).trimmingSpaces)
                continue
            }
            paragraph.append(line)
        }
        flush()
        while out.last == .blank { out.removeLast() }
        return out
    }

    /// `- `, `* `, `+ ` or `12. ` at the start of a line, with its space.
    static func listMarker(_ line: String) -> String? {
        for bullet in ["- ", "* ", "+ "] where line.hasPrefix(bullet) { return bullet }
        let digits = line.prefix { $0.isNumber }
        guard !digits.isEmpty, line.dropFirst(digits.count).hasPrefix(". ") else { return nil }
        return digits + ". "
    }

    /// One word of a paragraph: pieces with no space between them (`` `softmax(z)`, `` is code then a comma).
    private typealias Word = [StyledLine.Span]

    /// The paragraph's inline Markdown as spans: `code`, `**strong**` and `*emphasis*` in their roles,
    /// without their backticks and asterisks.
    ///
    /// As in CommonMark, an asterisk opens only before a non-space and closes only after one, and only
    /// when its partner is there, so `p * (1 - p)` and a lone `*` stay as written; an unclosed backtick
    /// is only a character. Code is taken first: nothing inside it is markup.
    static func inline(_ text: String) -> [StyledLine.Span] {
        let characters = Array(text)
        var spans: [StyledLine.Span] = []
        var plain = ""
        var emphasis = false, strong = false
        var role: StyledLine.Role { strong ? .strong : emphasis ? .emphasis : .plain }
        func end() {
            if !plain.isEmpty { spans.append(StyledLine.Span(plain, role)) }
            plain = ""
        }
        func isSpace(_ i: Int) -> Bool { i < 0 || i >= characters.count || characters[i] == " " || characters[i] == "\t" }
        /// Whether a run of `count` asterisks closing at some later index can pair with one opening at `i`.
        func closes(after i: Int, count: Int) -> Bool {
            var j = i + count
            while j < characters.count {
                if characters[j] == "`", let close = characters[(j + 1)...].firstIndex(of: "`") { j = close + 1; continue }
                let run = characters[j...].prefix { $0 == "*" }.count
                if run == count, !isSpace(j - 1) { return true }
                j += max(run, 1)
            }
            return false
        }
        var i = 0
        while i < characters.count {
            let c = characters[i]
            if c == "`", let close = characters[(i + 1)...].firstIndex(of: "`") {
                end()
                spans.append(StyledLine.Span(String(characters[(i + 1)..<close]), .code))
                i = close + 1
                continue
            }
            if c == "*" {
                let count = min(characters[i...].prefix { $0 == "*" }.count, 2)
                let open = count == 2 ? strong : emphasis
                if open, !isSpace(i - 1) {
                    end()
                    if count == 2 { strong = false } else { emphasis = false }
                    i += count
                    continue
                }
                if !open, !isSpace(i + count), closes(after: i, count: count) {
                    end()
                    if count == 2 { strong = true } else { emphasis = true }
                    i += count
                    continue
                }
                plain += String(repeating: "*", count: count)
                i += count
                continue
            }
            plain.append(c)
            i += 1
        }
        end()
        return spans
    }

    /// The paragraph broken into words at its spaces (not those inside code), each piece keeping its role.
    private static func words(_ text: String) -> [Word] {
        var words: [Word] = []
        var current: Word = []
        for span in inline(text) {
            guard span.role != .code else {
                current.append(span)
                continue
            }
            var piece = ""
            for character in span.text {
                if character == " " || character == "\t" {
                    if !piece.isEmpty { current.append(StyledLine.Span(piece, span.role)) }
                    piece = ""
                    if !current.isEmpty { words.append(current) }
                    current = []
                } else {
                    piece.append(character)
                }
            }
            if !piece.isEmpty { current.append(StyledLine.Span(piece, span.role)) }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// Greedy filling: as many words on a line as fit; `first` leads the first line, `rest` the others.
    ///
    /// The words are measured as shown (`TerminalText.shown`), so a control character in a lesson's
    /// text takes the columns of its visible form.
    /// Paragraphs (split at blank lines) each wrapped, a blank line between them; `first` leads the
    /// first line of the first paragraph only.
    static func wrapParagraphs(_ text: String, width: Int, first: String = "", rest: String = "") -> [StyledLine] {
        var paragraphs: [String] = [], current: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy({ $0 == " " }) {
                if !current.isEmpty { paragraphs.append(current.joined(separator: "\n")) }
                current = []
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { paragraphs.append(current.joined(separator: "\n")) }
        guard paragraphs.count > 1 else { return wrap(text, width: width, first: first, rest: rest) }
        return paragraphs.enumerated().flatMap { n, paragraph in
            (n == 0 ? [] : [StyledLine("")]) + wrap(paragraph, width: width, first: n == 0 ? first : rest, rest: rest)
        }
    }

    static func wrap(_ text: String, width: Int, first: String = "", rest: String = "") -> [StyledLine] {
        let text = TerminalText.shown(text)
        var lines: [StyledLine] = []
        var spans: [StyledLine.Span] = []
        var length = 0
        var prefix = first
        for word in words(text) {
            let size = word.reduce(0) { $0 + $1.text.count }
            if !spans.isEmpty, prefix.count + length + 1 + size > width {
                lines.append(StyledLine([StyledLine.Span(prefix)] + spans))
                spans = []
                length = 0
                prefix = rest
            }
            if !spans.isEmpty {
                // Inside an emphasis or a code span that goes on, the space is part of it, so the
                // style runs unbroken across the words.
                let role = spans.last?.role == word.first?.role ? spans.last?.role ?? .plain : .plain
                spans.append(StyledLine.Span(" ", role))
                length += 1
            }
            spans += word
            length += size
        }
        if !spans.isEmpty || lines.isEmpty { lines.append(StyledLine([StyledLine.Span(prefix)] + spans)) }
        return lines
    }
}
