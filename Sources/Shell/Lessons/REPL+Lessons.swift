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

    /// A yes-or-no question at the prompt: y for yes, n for no, Enter for `answer` (yes unless said);
    /// Ctrl-C or Ctrl-D cancels.
    func ask(_ question: String, default answer: Bool = true) -> Bool? {
        while true {
            switch reader.read(prompt: palette.prompt(question, continuation: false)) {
            case .interrupt: return nil
            case .end:
                write("\n", false)
                return nil
            case .line(let text):
                switch text.trimmingSpaces.lowercased() {
                case "": return answer
                case "y", "yes": return true
                case "n", "no": return false
                default: write(palette.paint("please answer y or n", .yellow) + "\n", false)
                }
            }
        }
    }

    /// Shows a derivation's blocks one key at a time (`:derive --step`, see `StepPager`); all at once
    /// when there are no keys to read.
    func page(_ blocks: [[StyledLine]]) {
        let pager = StepPager(hint: palette.paint(StepPager.hint(ascii: shell.options.ascii), .dim), write: { write($0, false) })
        pager.show(blocks.map(palette.styled), keys: keys)
    }
}
