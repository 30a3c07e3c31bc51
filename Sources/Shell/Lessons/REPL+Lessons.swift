import VectorLang

extension REPL {
    /// `jacobi> `, or during a lesson `lesson 3·2> ` (lesson 3, step 2), coloured for readline.
    var mainPrompt: String {
        palette.prompt(shell.lessons.prompt(ascii: shell.options.ascii) ?? REPL.prompt, continuation: false)
    }

    /// `...> ` under the end of whichever prompt is showing, so continued brackets line up.
    var continuationPrompt: String {
        let main = shell.lessons.prompt(ascii: shell.options.ascii) ?? REPL.prompt
        let padding = String(repeating: " ", count: max(main.count - "...> ".count, 0))
        return palette.prompt(padding + "...> ", continuation: true)
    }

    /// A yes-or-no question at the prompt: Enter or y for yes, n for no; Ctrl-C or Ctrl-D cancels.
    func ask(_ question: String) -> Bool? {
        while true {
            switch reader.read(prompt: palette.prompt(question, continuation: false)) {
            case .interrupt: return nil
            case .end:
                write("\n", false)
                return nil
            case .line(let text):
                switch text.trimmingSpaces.lowercased() {
                case "", "y", "yes": return true
                case "n", "no": return false
                default: write(palette.paint("please answer y or n", .yellow) + "\n", false)
                }
            }
        }
    }

    /// Shows pages one at a time (`:derive --step`), waiting for Enter between them; q (or Ctrl-D)
    /// shows the rest at once, and Ctrl-C stops.
    func page(_ pages: [String]) {
        let hint = shell.options.ascii ? "  (Enter: next step, q: all the rest) " : "  ⏎ next step, q: all the rest "
        for (n, text) in pages.enumerated() {
            write(palette.paint(text, .cyan) + "\n", false)
            guard n < pages.count - 1 else { break }
            Terminal.flush()
            let event = reader.read(prompt: palette.prompt(hint, continuation: true))
            if case .line(let typed) = event, typed.trimmingSpaces.isEmpty { continue }
            if case .interrupt = event { return }
            if case .end = event { write("\n", false) }
            write(palette.paint(pages[(n + 1)...].joined(separator: "\n"), .cyan) + "\n", false)
            return
        }
    }
}
