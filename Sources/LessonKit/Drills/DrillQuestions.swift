import Derivation

/// A drill as two questions of a lesson, asked in turn: which line is the first wrong one (its lines
/// are the choices), then which slip it is (the slips are). Both are ordinary multiple-choice
/// questions, so picking by number or words, hints, `:skip`, attempts and progress are the lesson's own.
public enum DrillQuestions {
    /// The parts a drill block stands for in its step: the two questions.
    public static func parts(for drill: Drill, line: Int) -> [StepPart] {
        [.question(whichLine(drill, line: line)), .question(whichSlip(drill, line: line))]
    }

    /// The drill made from a block, or the reason it cannot be, as a lesson diagnostic.
    public static func make(_ spec: DrillSpec, file: String) throws(LessonDiagnostic) -> Drill {
        do {
            return try DrillMaker.make(topic: spec.topic, wrt: spec.wrt, seed: spec.seed, slip: spec.slip)
        } catch {
            throw LessonDiagnostic(file: file, line: spec.line, message: "this drill cannot be made: \(error.message)")
        }
    }

    static func whichLine(_ drill: Drill, line: Int) -> Question {
        var said = "Find the error. \(drill.title): each line claims to follow from the one before it by the rule in brackets."
        if !drill.definitions.isEmpty { said += " Here " + drill.definitions.map(DrillQuestions.shown).joined(separator: ", ") + "." }
        said += drill.assumptions.isEmpty ? " Nothing is assumed about the inputs." : " Assumed: " + drill.assumptions.joined(separator: ", ") + "."
        let prompt = [said, "The start: \(drill.lines[0].text)", "Which line is the first wrong one?"]
        let choices = drill.lines.dropFirst().map { l in
            Choice(text: "= \(l.text)   [\(l.rule)]" + (l.cases.isEmpty ? "" : "   (" + l.cases.joined(separator: "; ") + ")"),
                   isCorrect: l.number == drill.planted.line,
                   feedback: l.number == drill.planted.line ? nil : drill.judgeLine(l.number).feedback.joined(separator: " "), line: line)
        }
        return Question(line: line, prompt: prompt.joined(separator: "\n\n"), kind: .choice(choices), points: 0, hints: drill.hints,
                        explanation: "Line \(drill.planted.line) is where the slip is; every line after it follows from it correctly.")
    }

    static func whichSlip(_ drill: Drill, line: Int) -> Question {
        let k = drill.planted.line
        let choices = Drill.choices.map { slip in
            Choice(text: slip.choice, isCorrect: drill.planted.accepted.contains(slip),
                   feedback: drill.planted.accepted.contains(slip) ? nil : drill.judgeSlip(slip).feedback.joined(separator: " "), line: line)
        }
        var hints = ["Put line \(k - 1) and line \(k) side by side: what changed that the rule does not allow?"]
        if let exposed = drill.planted.exposed {
            let (entry, values) = exposed.split
            hints.append("At \(exposed.inputs.joined(separator: ", ")) and \(entry), line \(k) gives \(values.wrong) and line \(k - 1) gives \(values.before).")
        }
        return Question(line: line, prompt: "Line \(k) is the first wrong line. Which slip is it?", kind: .choice(choices), points: 0,
                        hints: hints, explanation: drill.reveal.joined(separator: "\n\n"))
    }

    /// `p := softmax(z)` as a reader says it: p = softmax(z).
    static func shown(_ definition: String) -> String {
        guard let colon = definition.firstIndex(of: ":") else { return definition }
        return String(definition[..<colon]).trimmed + " = " + String(definition[definition.index(after: colon)...].drop { $0 == "=" }).trimmed
    }
}

extension Lesson {
    /// A drill on its own, as a one-step lesson: `:drill` and `jacobi drill` run it through the lesson
    /// runner, so its answers, hints and progress work as a lesson's do. Its name holds the topic and the
    /// seed, so each drill's progress is its own and `jacobi lessons` can count drills by topic.
    public static func drill(_ drill: Drill) -> Lesson {
        let slug = String(drill.topic.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" }.prefix(40))
        let command = "jacobi drill \(drill.topic.contains(" ") ? "'\(drill.topic)'" : drill.topic) --seed \(drill.seed)"
        var lesson = Lesson(name: "\(Lesson.drillPrefix)\(slug)-\(drill.seed)", number: nil, file: "(drill)", title: "Find the error: \(drill.title)", minutes: 5,
                            skipAllowed: true,
                            summary: "One line of this derivation has a slip, carried on through the lines after it. Name the line, then the slip. "
                                + "Seed \(drill.seed): `\(command)` gives this drill again.",
                            steps: [LessonStep(title: drill.title, line: 1, parts: DrillQuestions.parts(for: drill, line: 1))])
        lesson.promptLabel = "drill"
        return lesson
    }

    /// Names of drills' progress start with this, then the topic.
    public static let drillPrefix = "drill:"
}
