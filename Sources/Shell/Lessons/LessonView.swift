import LessonKit
import VectorLang

/// How a lesson looks at the prompt and on the projector: one function per kind of thing shown.
///
/// Shared by the learner's runner (`:lesson`) and the presenter (`jacobi present`), so a demo or a
/// question reads the same in both. Everything is returned as shell outputs, which the palette
/// colours and the transcripts read as plain text; nothing here writes or saves.
struct LessonView {
    var width: Int
    var ascii: Bool

    /// Narrative is kept to a comfortable measure even on a wide terminal.
    var textWidth: Int { max(min(width, 88), 30) }

    var check: String { ascii ? "ok" : "✓" }
    var cross: String { ascii ? "x" : "✗" }

    /// `── Step 2 of 7 · Scores into probabilities ─────`, a rule to the text's width.
    func stepHeader(number: Int, of count: Int, title: String) -> [StyledLine] {
        let (rule, dot) = ascii ? ("-", ":") : ("─", " ·")
        // Shown safely first, so the rule is measured against the title as it appears.
        let text = "\(rule)\(rule) Step \(number) of \(count)\(dot) \(TerminalText.shown(title)) "
        let fill = String(repeating: rule, count: max(textWidth - text.count, 2))
        return [.blank, StyledLine(text + fill, .heading)]
    }

    /// The lesson's title, length and summary, and (when starting) how to move around.
    func intro(_ lesson: Lesson, resumingAt step: Int?, tips: Bool = true) -> [StyledLine] {
        let label = lesson.number.map { "Lesson \($0)" } ?? "Lesson \(lesson.name)"
        var lines = [StyledLine([StyledLine.Span("\(label)\(ascii ? ":" : " ·") \(lesson.title)", .heading),
                                 StyledLine.Span("   about \(lesson.minutes) minutes, \(lesson.steps.count) step\(lesson.steps.count == 1 ? "" : "s")", .dim)])]
        if let step {
            lines.append(StyledLine("Continuing at step \(step + 1) of \(lesson.steps.count).", .dim))
            return lines
        }
        if !lesson.summary.isEmpty { lines += [.blank] + MarkdownText.lines(lesson.summary, width: textWidth, ascii: ascii) }
        guard tips else { return lines }
        lines += [.blank] + MarkdownText.wrap(
            "You are at the normal prompt: type anything, and your variables stay. Enter or `:next` goes on, "
                + "`:back` goes back, `:hint` helps, `:skip` shows an answer, `:show` repeats the step, and `:quit` "
                + "leaves (your progress is kept). A derivation comes a step per Enter; `:next` shows the rest of it.",
            width: textWidth).map { $0.tinted(.dim) }
        return lines
    }

    func narrative(_ text: String) -> [StyledLine] {
        [.blank] + MarkdownText.lines(text, width: textWidth, ascii: ascii)
    }

    /// Each line as if typed at the prompt, then what it printed.
    func demo(_ lines: [DemoLine]) -> [ShellSession.Output] {
        var outputs: [ShellSession.Output] = [.styled([.blank])]
        for line in lines {
            outputs.append(.styled(echo(line.input)))
            outputs += line.outputs.map(LessonView.output)
        }
        return outputs
    }

    /// `jacobi> input`, continuation lines under `...>` as at the prompt.
    func echo(_ input: String) -> [StyledLine] {
        input.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { index, text in
            StyledLine([StyledLine.Span(index == 0 ? REPL.prompt : REPL.continuationPrompt, .prompt), StyledLine.Span(String(text))])
        }
    }

    static func output(_ output: Session.Output) -> ShellSession.Output {
        switch output {
        case .result(let text): return .result(text)
        case .note(let text): return .info(text)
        case .picture(let lines): return .styled(lines.map(StyledLine.init(tinted:)))
        case .error(let diagnostic, let source): return .error(diagnostic, source: source)
        }
    }

    /// A derivation as if typed at the prompt, with its first block (or all of it).
    func derivation(arguments: String, lines: [String]) -> [ShellSession.Output] {
        [.styled([.blank] + echo(":derive " + arguments)), derivationBlock(lines)]
    }

    /// One block of a derivation as it is shown: the one place where lessons and the presenter turn a
    /// derivation's lines (already fitted to the width by the renderer) into output.
    func derivationBlock(_ lines: [String]) -> ShellSession.Output {
        .result(lines.joined(separator: "\n"))
    }

    /// After each block of a derivation revealed a step at a time: how to see more.
    func awaitingDerivationStep() -> [StyledLine] {
        [StyledLine(ascii ? "(Enter: next step of the derivation - :next: all of it)" : "(Enter: next step of the derivation · :next: all of it)", .dim)]
    }

    /// The question, its choices, and what the learner can do about it.
    func question(_ question: Question, answered: Bool, canSkip: Bool?) -> [StyledLine] {
        var lines: [StyledLine] = [.blank]
        lines += MarkdownText.wrapParagraphs(question.prompt, width: textWidth, first: ascii ? "? " : "❯ ", rest: "  ")
            .map { $0.tinted(.question) }
        if case .choice(let choices) = question.kind {
            for (k, choice) in choices.enumerated() {
                lines += MarkdownText.wrap(choice.text, width: textWidth, first: "  \(k + 1). ", rest: "     ")
            }
        }
        if case .derivation(let start, _, let given) = question.kind {
            lines += given.map { StyledLine("    " + TerminalText.shown($0)) }
            lines.append(StyledLine("    " + TerminalText.shown(start)))
        }
        guard let canSkip else { return lines }
        let how = switch question.kind {
        case .choice: "type the number of your answer"
        case .derivation: "type each step on its own line, starting with =, then a blank line or :done"
        case .expression: "type your answer at the prompt"
        }
        let tip = answered ? "(answered before; Enter or :next goes on)"
            : "(\(how); :hint for a hint" + (canSkip ? ", :skip to see the answer)" : ")")
        return lines + [StyledLine("  " + tip, .dim)]
    }

    /// A learner's derivation as checked: each line as the checker marked it, never rewrapped.
    func derivationChecked(_ lines: [String]) -> [StyledLine] {
        lines.map { StyledLine(ascii ? ASCIIText.spell($0) : $0) }
    }

    func correct(explanation: String?) -> [StyledLine] {
        [StyledLine("\(check) Correct.", .good)] + explained(explanation)
    }

    func incorrect(feedback: String) -> [StyledLine] {
        MarkdownText.wrap(feedback, width: textWidth, first: "\(cross) Not yet. ", rest: "  ")
            .map { line in StyledLine(line.spans.enumerated().map { $0.offset == 0 ? StyledLine.Span($0.element.text, .bad) : $0.element }) }
    }

    func hint(_ text: String, number: Int, of count: Int) -> [StyledLine] {
        MarkdownText.wrap(text, width: textWidth, first: "Hint \(number) of \(count): ", rest: "  ")
            .map { $0.tinted(.hint) }
    }

    func answer(_ answer: String, explanation: String?, skipped: Bool) -> [StyledLine] {
        let lead = skipped ? "Skipped. The answer: " : "Answer: "
        return [StyledLine([StyledLine.Span(lead, .notice), StyledLine.Span(answer, .code)])] + explained(explanation)
    }

    private func explained(_ explanation: String?) -> [StyledLine] {
        guard let explanation, !explanation.isEmpty else { return [] }
        return MarkdownText.wrapParagraphs(explanation, width: textWidth, first: "  ", rest: "  ")
    }

    func awaitingNext(last: Bool) -> [StyledLine] {
        [.blank, StyledLine(last ? "(Enter or :next finishes the lesson)" : "(Enter or :next for the next step)", .dim)]
    }

    func problem(_ message: String) -> [StyledLine] {
        [StyledLine([StyledLine.Span("problem in the lesson: ", .bad), StyledLine.Span(message)])]
    }

    func finished(_ lesson: Lesson, _ summary: LessonSummary, next: Lesson?) -> [StyledLine] {
        var lines = [.blank, StyledLine("\(check) Lesson complete: \(lesson.title)", .good)]
        if summary.questions > 0 {
            let helped = summary.correct - summary.firstTry - summary.unknownTries
            var parts = ["\(summary.firstTry) right at the first try"]
            if summary.unknownTries > 0 { parts.append("\(summary.unknownTries) right (tries not recorded)") }
            if helped > 0 { parts.append("\(helped) after a hint or another try") }
            if summary.skipped > 0 { parts.append("\(summary.skipped) skipped") }
            let hints = summary.hints == 1 ? "1 hint" : "\(summary.hints) hints"
            lines.append(StyledLine("  \(summary.questions) question\(summary.questions == 1 ? "" : "s"): " + parts.joined(separator: ", ") + "; \(hints)"))
        }
        if let next {
            let key = next.number.map(String.init) ?? next.name
            lines.append(StyledLine([StyledLine.Span("  Next: \(next.title) ("), StyledLine.Span(":lesson \(key)", .code), StyledLine.Span(")")]))
        }
        return lines
    }
}
