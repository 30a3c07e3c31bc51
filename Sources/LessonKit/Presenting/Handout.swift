import VectorLang

/// The lesson as a Markdown handout (`jacobi present LESSON --export markdown`): the same text, with
/// every demo's output filled in, each derivation written out, and each answer folded under its
/// question in a `<details>` block that GitHub and most Markdown viewers render closed.
///
/// The whole handout is shown safely (`TerminalText.shown`): it is printed on standard output as often
/// as it is written to a file, and read with `cat` as often as rendered, so a control character in the
/// lesson is written out visibly (`^[`, `\u{202E}`) in either place, never passed on.
public enum Handout {
    public static func markdown(_ lesson: Lesson, in session: Session, derive: DerivationProvider?) -> String {
        var out: [String] = ["# \(lesson.title)", "", "*About \(lesson.minutes) minutes.*"]
        if !lesson.summary.isEmpty { out += ["", lesson.summary] }
        for (s, items) in Playback.play(lesson, in: session, derive: derive).enumerated() {
            out += ["", "## \(lesson.steps[s].title)"]
            for item in items {
                out.append("")
                switch item {
                case .narrative(let text):
                    out.append(text)
                case .setup(let lines):
                    out += ["```"] + lines.map { "jacobi> " + $0.replacing("\n", with: "\n   ...> ") } + ["```"]
                case .demo(let lines):
                    out.append("```")
                    for line in lines {
                        out.append("jacobi> " + line.input.replacing("\n", with: "\n   ...> "))
                        for output in line.outputs {
                            switch output {
                            case .result(let text): out.append(text)
                            case .error(let diagnostic, let source): out.append(diagnostic.rendered(source: source))
                            }
                        }
                    }
                    out.append("```")
                case .derivation(let arguments, let blocks):
                    out += ["Derivation (`:derive \(arguments)`):", "", "```"] + blocks.lines + ["```"]
                case .question(let question):
                    out.append("**Question.** " + question.prompt)
                    if case .choice(let choices) = question.kind {
                        out.append("")
                        out += choices.enumerated().map { "\($0.offset + 1). \($0.element.text)" }
                    }
                    out += ["", "<details><summary>Answer</summary>", "", answer(question)]
                    if let explanation = question.explanation { out += ["", explanation] }
                    out += ["", "</details>"]
                case .problem(let message):
                    out.append("> **Problem:** \(message)")
                }
            }
        }
        return TerminalText.shown(out.joined(separator: "\n") + "\n")
    }

    private static func answer(_ question: Question) -> String {
        switch question.kind {
        case .expression(let expected): return "`\(expected)`"
        case .choice: return question.answerText
        }
    }
}
