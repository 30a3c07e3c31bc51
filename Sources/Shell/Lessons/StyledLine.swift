import VectorLang

/// A line of text whose pieces say what they are (a heading, code, a verdict), for the palette to colour.
///
/// Lessons and the presenter speak in more voices than a result or an error: narrative with inline
/// code, a question, "correct" and "not yet", a hint. The session stays free of escape codes by
/// returning these; `Palette.styled` paints them. Without colour (NO_COLOR, a pipe) the text is plain:
/// the backticks and asterisks of the Markdown it came from are gone there too, as in a rendered page.
public struct StyledLine: Equatable, Sendable {
    public enum Role: Equatable, Sendable {
        /// `code` is inline code; `literal` a block of code or output; `emphasis` and `strong` are
        /// Markdown's `*…*` and `**…**` (and a heading inside a step).
        case plain, heading, strong, emphasis, code, literal, prompt, dim, question, good, bad, hint, notice
        /// A part of a picture in the colour it chose (a heatmap cell).
        case tinted(Tint)
    }

    public struct Span: Equatable, Sendable {
        public var text: String
        public var role: Role

        public init(_ text: String, _ role: Role = .plain) {
            self.text = text
            self.role = role
        }
    }

    public var spans: [Span]

    /// The spans, with neighbours in the same role joined (so a painted line has one colour change
    /// per role, not one per word) and empty ones dropped.
    public init(_ spans: [Span]) {
        var joined: [Span] = []
        for span in spans where !span.text.isEmpty {
            if let last = joined.last, last.role == span.role {
                joined[joined.count - 1].text += span.text
            } else {
                joined.append(span)
            }
        }
        self.spans = joined
    }

    /// A line in one role.
    public init(_ text: String, _ role: Role = .plain) {
        self.spans = text.isEmpty ? [] : [Span(text, role)]
    }

    public static let blank = StyledLine([])

    /// A picture's line as a result: its tinted parts in their colours, the rest as results are shown.
    init(tinted line: TintedLine) {
        self.init(line.spans.map { Span($0.text, $0.tint.map(Role.tinted) ?? .literal) })
    }

    /// The line as plain text.
    public var plain: String { spans.map(\.text).joined() }

    /// The line with each span's text shown safely (`TerminalText.shown`), for measuring and painting.
    var shown: StyledLine { StyledLine(spans.map { Span(TerminalText.shown($0.text), $0.role) }) }

    /// The line with its plain text in `role`; inline code keeps its own colour.
    func tinted(_ role: Role) -> StyledLine {
        StyledLine(spans.map { Span($0.text, $0.role == .plain ? role : $0.role) })
    }
}

extension Palette {
    /// The lines painted, one per line; without colour, their plain text; shown safely either way.
    func styled(_ lines: [StyledLine]) -> String {
        lines.map(\.shown).map { line in
            guard enabled else { return line.plain }
            return line.spans.map { span in
                if case .tinted(let tint) = span.role { return paint(span.text, code: Palette.code(for: tint)) }
                guard let style = Palette.style(for: span.role) else { return span.text }
                return paint(span.text, style)
            }.joined()
        }.joined(separator: "\n")
    }

    static func style(for role: StyledLine.Role) -> Style? {
        switch role {
        case .plain: return nil
        case .heading: return .boldGreen
        case .strong, .question: return .bold
        case .emphasis: return .italic
        case .code, .literal: return .cyan
        case .prompt: return .green
        case .dim: return .dim
        case .good: return .boldGreen
        case .bad: return .boldRed
        case .hint, .notice: return .yellow
        case .tinted: return nil
        }
    }
}

extension StyledLine {
    /// The line broken to `width` columns as `LineBreaker` breaks prose, each piece keeping its spans'
    /// roles.
    func fitted(to width: Int?) -> [StyledLine] {
        var characters: [Character] = []
        var roles: [Role] = []
        for span in spans {
            characters += span.text
            roles += Array(repeating: span.role, count: span.text.count)
        }
        let pieces = LineBreaker.pieces(characters, width: width, style: .prose)
        guard pieces.count > 1 else { return [self] }
        return pieces.map { piece in
            var spans = [Span(String(repeating: " ", count: piece.indent))]
            for i in piece.range { spans.append(Span(String(characters[i]), roles[i])) }
            return StyledLine(spans)
        }
    }
}
