import LessonKit
import VectorLang

/// One screenful of the presentation, as lines to draw from the top: pure, so tests see exactly what
/// the terminal gets.
extension Presenter {
    /// The screen at `navigation`'s position, `height` rows: the lesson's title with where we are,
    /// the step's title, what the frame shows (its newest lines, when it is taller than the room),
    /// and a status line at the bottom with the keys.
    func screen(_ navigation: PresenterNavigation, height: Int) -> [String] {
        let position = navigation.position
        let frame = position >= 0 && position < frames.count ? frames[position] : nil
        let place = frame.map { "step \($0.step)/\($0.stepCount)" } ?? (position < 0 ? "title" : "end")
        var lines = [titleLine(right: place), stepLine(frame)]
        var body: [ShellSession.Output]
        // The line where what this key revealed begins, which must be on the screen.
        var revealed = 0
        if navigation.showingHelp {
            body = [.styled(keys())]
        } else if let frame {
            body = items(frame, from: 0, to: frame.firstNew)
            revealed = lineCount(body)
            body += items(frame, from: frame.firstNew)
        } else {
            body = position < 0 ? title() : ending() + [.styled([StyledLine(ascii ? "(b goes back, q quits)" : "(← goes back, q quits)", .dim)])]
        }
        // A blank row between the frame and the status line, so the last line never touches it.
        let room = max(height - lines.count - 2, 3)
        var content = rendered(body).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while content.last == "" { content.removeLast() }
        if content.count > room {
            content = window(content, room: room, showing: revealed)
        }
        lines += content
        lines += Array(repeating: "", count: max(height - 1 - lines.count, 0))
        lines.append(status(navigation))
        return lines
    }

    /// `room` lines of a frame taller than the screen, with a dim line for those above or below: the
    /// newest lines when the part this key revealed fits (with the line before it), else that part
    /// from its start.
    private func window(_ content: [String], room: Int, showing revealed: Int) -> [String] {
        let mark = ascii ? "..." : "⋮"
        func note(_ count: Int, _ place: String) -> String {
            Presenter.margin + palette.paint("\(mark) \(count) more line\(count == 1 ? "" : "s") \(place)", .dim)
        }
        let bottom = content.count - (room - 1)
        let start = max(revealed - 1, 0)
        if bottom <= start { return [note(bottom, "above")] + content[bottom...] }
        if start == 0 { return content[0..<(room - 1)] + [note(content.count - room + 1, "below")] }
        let end = start + room - 2
        return [note(start, "above")] + content[start..<end] + [note(content.count - end, "below")]
    }

    private func lineCount(_ outputs: [ShellSession.Output]) -> Int {
        rendered(outputs).reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
    }

    /// `Lesson 3 · The softmax Jacobian` and, at the right edge, `step 2/9`; the title is cut (with an
    /// ellipsis) rather than the line wrapped.
    private func titleLine(right: String) -> String {
        let label = lesson.number.map { "Lesson \($0)" } ?? "Lesson \(lesson.name)"
        var left = TerminalText.shown("\(label)\(ascii ? ":" : " ·") \(lesson.title)")
        let room = max(width - 2 * Presenter.margin.count - right.count - 2, 4)
        if left.count > room { left = String(left.prefix(room - 1)) + (ascii ? "~" : "…") }
        let gap = String(repeating: " ", count: max(width - 2 * Presenter.margin.count - left.count - right.count, 2))
        return Presenter.margin + palette.paint(left, .boldGreen) + gap + palette.paint(right, .dim)
    }

    /// The step's title as a rule (`── Two cases ─────`), or an empty line on the title and end slides.
    private func stepLine(_ frame: PresenterFrame?) -> String {
        guard let frame else { return "" }
        let rule = ascii ? "-" : "─"
        var text = "\(rule)\(rule) \(TerminalText.shown(frame.title)) "
        let inside = Presenter.contentWidth(of: width)
        if text.count > inside { text = String(text.prefix(inside - 1)) + " " }
        return Presenter.margin + palette.paint(text + String(repeating: rule, count: max(inside - text.count, 0)), .boldGreen)
    }

    /// What the keys do, for `?`; the same list as the README's.
    func keys() -> [StyledLine] {
        let (next, back) = ascii ? ("Space, Enter, Right, Down, PgDn, j", "Left, Up, PgUp, Backspace, b, k")
            : ("Space, Enter, →, ↓, PgDn, j", "←, ↑, PgUp, Backspace, b, k")
        let rows = [
            (next, "next"),
            (back, "back"),
            ("n / p", "next step / step before"),
            ("4 Enter, 4 g", "step 4 (0: the title)"),
            ("Home / End", "title / last part"),
            ("r, Ctrl-L", "redraw"),
            ("Ctrl-Z", "suspend (fg resumes)"),
            ("?", "these keys"),
            ("q, Esc, Ctrl-C", "quit"),
        ]
        let column = rows.map(\.0.count).max() ?? 0
        return [.blank, StyledLine("Keys (any key closes this)", .strong)] + rows.map { keys, what in
            StyledLine([StyledLine.Span("  " + keys + String(repeating: " ", count: column + 3 - keys.count), .code), StyledLine.Span(what)])
        }
    }

    /// `5/40   Space → next · ← back · ? keys · q quit · n/p step · 4⏎ step 4`, or the step number
    /// being typed, or a notice; dim, cut to the width, as it must stay one line.
    private func status(_ navigation: PresenterNavigation) -> String {
        let text: String
        if !navigation.typed.isEmpty {
            text = "go to step \(navigation.typed)\(ascii ? "_" : "▏")  (Enter or g goes; Esc forgets it)"
        } else if let notice = navigation.notice {
            text = notice
        } else {
            let position = navigation.position
            let place = position < 0 ? "title" : position >= frames.count ? "end" : "\(position + 1)/\(frames.count)"
            // As many as fit, the most needed first: `?` lists them all.
            let keys = ascii ? ["Space: next", "b: back", "?: keys", "q: quit", "n/p: step", "4 Enter: step 4"]
                : ["Space → next", "← back", "? keys", "q quit", "n/p step", "4⏎ step 4"]
            var line = place + "  "
            for (k, key) in keys.enumerated() where line.count + key.count + 3 <= Presenter.contentWidth(of: width) {
                line += (k == 0 ? " " : ascii ? "  " : " · ") + key
            }
            text = line
        }
        return Presenter.margin + palette.paint(String(text.prefix(Presenter.contentWidth(of: width))), .dim)
    }
}
