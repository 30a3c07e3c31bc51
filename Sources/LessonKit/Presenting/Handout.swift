import VectorLang

/// The lesson as a Markdown handout (`jacobi present LESSON --export markdown`): the same text with
/// its maths as `$…$` LaTeX, every demo's output filled in, and each derivation written out.
///
/// It is made for pandoc as much as for GitHub: `pandoc handout.md -o handout.pdf` compiles it with
/// pdflatex, which sets only the characters it knows, so prose maths goes through `HandoutMath`, demos
/// are printed in ASCII (the session's options say so), and derivations come as LaTeX when the
/// provider gives them so (`Options.latexDerivations`).
///
/// The student's handout asks each question and gives nothing away; the teacher's (`--teacher`) adds
/// under each question its answer, the other accepted forms, the hints, the mistakes the lesson
/// expects with what a learner is told, and the explanation.
///
/// The whole handout is shown safely (`TerminalText.shown`): it is printed on standard output as often
/// as it is written to a file, and read with `cat` as often as rendered, so a control character in the
/// lesson is written out visibly (`^[`, `\u{202E}`) in either place, never passed on.
public enum Handout {
    public struct Options: Sendable {
        /// The answers, hints and expected mistakes under each question.
        public var teacher: Bool
        /// Whether the provider's derivations are LaTeX (`header`: an `align*` block, as
        /// `jacobi derive --format latex` writes it; `footer`: the check) rather than text.
        public var latexDerivations: Bool

        public init(teacher: Bool = false, latexDerivations: Bool = false) {
            self.teacher = teacher
            self.latexDerivations = latexDerivations
        }
    }

    public static func markdown(_ lesson: Lesson, in session: Session, derive: DerivationProvider?, options: Options = Options()) -> String {
        let math = HandoutMath.markdown
        var out: [String] = ["# \(math(lesson.title))", "", "*About \(lesson.minutes) minutes\(options.teacher ? "; teacher's version, with the answers" : "").*"]
        if !lesson.summary.isEmpty { out += ["", math(lesson.summary)] }
        for (s, items) in Playback.play(lesson, in: session, derive: derive).enumerated() {
            out += ["", "## \(math(lesson.steps[s].title))"]
            for item in items {
                out.append("")
                switch item {
                case .narrative(let text):
                    out.append(math(text))
                case .setup(let lines):
                    out += ["```"] + lines.map { "jacobi> " + $0.replacing("\n", with: "\n   ...> ") } + ["```"]
                case .demo(let lines):
                    out += demo(lines)
                case .derivation(let arguments, let blocks):
                    out += ["Derivation (`:derive \(arguments)`):", ""]
                    out += options.latexDerivations ? typeset(blocks) : ["```"] + blocks.lines + ["```"]
                case .question(let question):
                    out += self.question(question, teacher: options.teacher)
                case .problem(let message):
                    out.append("> **Problem:** \(message)")
                }
            }
        }
        return TerminalText.shown(out.joined(separator: "\n") + "\n")
    }

    private static func demo(_ lines: [DemoLine]) -> [String] {
        var out = ["```"]
        for line in lines {
            out.append("jacobi> " + line.input.replacing("\n", with: "\n   ...> "))
            for output in line.outputs {
                switch output {
                case .result(let text), .note(let text): out.append(text)
                case .picture(let lines): out += lines.map(\.plain)
                case .error(let diagnostic, let source): out.append(diagnostic.rendered(source: source))
                }
            }
        }
        return out + ["```"]
    }

    /// An `align*` block as display maths that pandoc and GitHub both read (`$$\begin{aligned}…$$`),
    /// its `% where q = …` comments as a line of text, and the check under it as a paragraph.
    private static func typeset(_ blocks: DerivationBlocks) -> [String] {
        var body: [String] = [], notes: [String] = []
        for line in blocks.header.flatMap({ $0.split(separator: "\n").map(String.init) }) {
            if line.hasPrefix("% where ") {
                notes.append("`" + line.dropFirst("% where ".count) + "`")
            } else if !line.hasPrefix("%") {
                body.append(line.replacing("{align*}", with: "{aligned}"))
            }
        }
        var out = ["$$"] + body + ["$$"]
        if !notes.isEmpty { out += ["", "where " + notes.joined(separator: ", ") + "."] }
        // A paragraph, not code, so a long check line wraps on paper.
        let check = blocks.footer.map { $0.trimmingCharacters(in: " ") }.filter { !$0.isEmpty }
        if !check.isEmpty { out += ["", HandoutMath.inline(check.joined(separator: " "))] }
        return out
    }

    private static func question(_ question: Question, teacher: Bool) -> [String] {
        let math = HandoutMath.markdown
        var out = ["**Question.** " + math(question.prompt)]
        if case .choice(let choices) = question.kind {
            out.append("")
            out += choices.enumerated().map { "\($0.offset + 1). \(math($0.element.text))" }
        }
        if case .derivation(let start, _, let given) = question.kind {
            out += ["", "Derive, a step per line starting with `=`, from:", "", "```"] + given + [start, "```"]
        }
        guard teacher else { return out }
        out += ["", "**Answer:** " + answer(question)]
        if !question.equivalents.isEmpty {
            out += ["", "**Also accepted:** " + question.equivalents.map { "`\($0.text)`" }.joined(separator: ", ")]
        }
        let rules = question.rules
        if let allowed = rules.allow {
            out += ["", "**Only these names in the answer** (and builtins): " + allowed.map { "`\($0)`" }.joined(separator: ", ")]
        }
        if !rules.require.isEmpty {
            out += ["", "**The answer must use:** " + rules.require.map { "`\($0)`" }.joined(separator: ", ")]
        }
        if !rules.forbid.isEmpty {
            out += ["", "**Not allowed in the answer:** " + rules.forbid.map { "`\($0)`" }.joined(separator: ", ")]
        }
        if !question.hints.isEmpty {
            out += ["", "**Hints**, in the order `:hint` gives them:", ""]
            out += question.hints.enumerated().map { "\($0.offset + 1). \(math($0.element))" }
        }
        var mistakes = question.mistakes.map { "- `\($0.expression)`: \(math($0.feedback))" }
        if case .choice(let choices) = question.kind {
            mistakes += choices.enumerated().compactMap { k, choice in
                choice.feedback.map { "- choice \(k + 1), \(math(choice.text)): \(math($0))" }
            }
        }
        if !mistakes.isEmpty { out += ["", "**Expected mistakes** and what the learner is told:", ""] + mistakes }
        if let explanation = question.explanation { out += ["", "**Explanation:** " + math(explanation)] }
        return out
    }

    private static func answer(_ question: Question) -> String {
        switch question.kind {
        case .expression(let expected), .derivation(_, let expected, _): return "`\(expected)`"
        case .choice: return HandoutMath.markdown(question.answerText)
        }
    }
}
