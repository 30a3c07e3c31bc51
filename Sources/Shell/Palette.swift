import VectorLang

/// How output looks: ANSI colours when the terminal wants them, plain text otherwise.
///
/// Colour is the shell's business only: the session returns plain text and structured errors, and
/// this turns them into what the terminal shows. `Palette(enabled: false)` gives exactly the text the
/// transcripts and scripts see.
///
/// It is also the output gate: every text it is given is passed through `TerminalText.shown` before
/// it is painted, so the escape sequences of its styles are the only ones that reach the terminal,
/// whatever a lesson, a script or the user wrote. Text written without a palette goes through
/// `TerminalText.shown` where it is written (`ScriptRunner`, the launchers).
struct Palette {
    let enabled: Bool

    enum Style: String {
        case bold = "1", dim = "2", italic = "3", red = "31", green = "32", yellow = "33", cyan = "36"
        case boldRed = "1;31", boldGreen = "1;32"
    }

    /// `text`, shown safely, in `style` when colour is on.
    func paint(_ text: String, _ style: Style) -> String {
        paint(text, code: style.rawValue)
    }

    /// `text`, shown safely, with the SGR parameters `code` when colour is on.
    func paint(_ text: String, code: String) -> String {
        let text = TerminalText.shown(text)
        return enabled && !text.isEmpty ? "\u{1B}[\(code)m" + text + "\u{1B}[0m" : text
    }

    /// The SGR foreground parameters of a picture's tint: `31` or `91`, `38;5;N`, `38;2;R;G;B`.
    ///
    /// Numbers are clamped to their ranges, so no tint can make a sequence the terminal reads otherwise.
    static func code(for tint: Tint) -> String {
        let clamp = { (x: Int, top: Int) in min(max(x, 0), top) }
        switch tint {
        case .basic(let n):
            let n = clamp(n, 15)
            return n < 8 ? "\(30 + n)" : "\(90 + n - 8)"
        case .palette(let n): return "38;5;\(clamp(n, 255))"
        case .rgb(let r, let g, let b): return "38;2;\(clamp(r, 255));\(clamp(g, 255));\(clamp(b, 255))"
        }
    }

    /// A prompt for readline: escape codes between \001 and \002, so readline knows they take no columns
    /// and the cursor and line wrapping stay right.
    /// The text is shown safely (a lesson's name is part of it); the markers are the palette's own.
    func prompt(_ text: String, continuation: Bool) -> String {
        let text = TerminalText.shown(text)
        guard enabled else { return text }
        // Colour the prompt's text, not the space the user types after.
        let body = String(text.reversed().drop { $0 == " " }.reversed())
        let trailing = String(repeating: " ", count: text.count - body.count)
        let style: Style = continuation ? .dim : .boldGreen
        return "\u{1}\u{1B}[\(style.rawValue)m\u{2}" + body + "\u{1}\u{1B}[0m\u{2}" + trailing
    }

    /// The text to show for one output and whether it belongs on standard error; nil for `.quit`.
    /// The output as text, its lines broken to fit `width` columns (nil: left whole): results, notices
    /// and styled text; help aligns its own columns, and an error's caret points into its line as it is.
    func render(_ output: ShellSession.Output, width: Int? = nil) -> (text: String, isError: Bool)? {
        // Shown safely before fitting, so lines are broken where the text as shown is too wide.
        let fit = { (text: String) in
            TerminalText.shown(text).split(separator: "\n", omittingEmptySubsequences: false)
                .flatMap { LineBreaker.wrap(String($0), width: width, style: .prose) }.joined(separator: "\n")
        }
        let fitted = { (lines: [StyledLine]) in lines.flatMap { $0.shown.fitted(to: width) } }
        switch output {
        case .result(let text): return (paint(fit(text), .cyan), false)
        case .info(let text): return (paint(fit(text), .yellow), false)
        case .help(let text): return (help(text), false)
        case .error(let diagnostic, let source, let prefix): return (error(diagnostic, source: source, prefix: prefix), true)
        case .styled(let lines): return (styled(fitted(lines)), false)
        // All at once; the REPL, which can wait for a key between pages, does not come here for them.
        case .pages(let pages): return (styled(fitted(pages.flatMap { $0 })), false)
        case .quit: return nil
        }
    }

    /// Headings bold; in entries, the name before the two-space gap green.
    func help(_ text: String) -> String {
        let text = TerminalText.shown(text)
        guard enabled else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard line.hasPrefix("  ") else { return paint(String(line), .bold) }
            let body = Array(line.dropFirst(2))
            guard let gap = body.indices.first(where: { $0 + 1 < body.count && body[$0] == " " && body[$0 + 1] == " " }) else {
                return String(line)
            }
            return "  " + paint(String(body[..<gap]), .green) + String(body[gap...])
        }.joined(separator: "\n")
    }

    /// The diagnostic as `Diagnostic.rendered` writes it (shown safely, its caret placed on the line as
    /// shown), with the label, caret, note and help coloured.
    func error(_ diagnostic: Diagnostic, source: String, prefix: String) -> String {
        let plain = diagnostic.rendered(source: source, prefix: prefix)
        guard enabled else { return plain }
        let prefix = TerminalText.shown(prefix)
        let lines = plain.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return lines.enumerated().map { index, line in
            switch index {
            case 0:
                let head = prefix + "error: "
                return line.hasPrefix(head) ? prefix + paint("error:", .boldRed) + " " + paint(String(line.dropFirst(head.count)), .bold) : line
            case 1: return line
            case 2: return paint(line, .boldRed)
            default:
                for (label, style) in [("  note:", Style.cyan), ("  help:", Style.green)] where line.hasPrefix(label) {
                    return paint(label, style) + line.dropFirst(label.count)
                }
                return line
            }
        }.joined(separator: "\n")
    }
}
