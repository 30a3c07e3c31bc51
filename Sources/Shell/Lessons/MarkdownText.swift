import VectorLang

/// A lesson's Markdown narrative laid out for the terminal: paragraphs and list items reflowed to the
/// width, code kept as written, inline code marked for the palette.
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
                out.append(StyledLine(String(line.drop { $0 == "#" }).trimmingSpaces, .strong))
                continue
            }
            if line.hasPrefix("|") {
                flush()
                out.append(StyledLine(raw))
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

    /// The paragraph broken into words, inline code (between backticks) kept whole as one piece.
    private static func words(_ text: String) -> [Word] {
        var words: [Word] = []
        var current: Word = []
        var plain = ""
        var code: String?
        func endPlain() {
            if !plain.isEmpty { current.append(StyledLine.Span(plain)) }
            plain = ""
        }
        func endWord() {
            endPlain()
            if !current.isEmpty { words.append(current) }
            current = []
        }
        for character in text {
            if var inside = code {
                if character == "`" {
                    current.append(StyledLine.Span(inside, .code))
                    code = nil
                } else {
                    inside.append(character)
                    code = inside
                }
            } else if character == "`" {
                endPlain()
                code = ""
            } else if character == " " || character == "\t" {
                endWord()
            } else {
                plain.append(character)
            }
        }
        // An unclosed backtick is only a character.
        if let inside = code { plain += "`" + inside }
        endWord()
        return words
    }

    /// Greedy filling: as many words on a line as fit; `first` leads the first line, `rest` the others.
    ///
    /// The words are measured as shown (`TerminalText.shown`), so a control character in a lesson's
    /// text takes the columns of its visible form.
    static func wrap(_ text: String, width: Int, first: String = "", rest: String = "") -> [StyledLine] {
        let text = TerminalText.shown(text)
        var lines: [StyledLine] = []
        var spans: [StyledLine.Span] = []
        var length = 0
        var prefix = first
        for word in words(text) {
            let size = word.reduce(0) { $0 + $1.plain.count }
            if !spans.isEmpty, prefix.count + length + 1 + size > width {
                lines.append(StyledLine([StyledLine.Span(prefix)] + spans))
                spans = []
                length = 0
                prefix = rest
            }
            if !spans.isEmpty {
                spans.append(StyledLine.Span(" "))
                length += 1
            }
            spans += word
            length += size
        }
        if !spans.isEmpty || lines.isEmpty { lines.append(StyledLine([StyledLine.Span(prefix)] + spans)) }
        return lines
    }
}
