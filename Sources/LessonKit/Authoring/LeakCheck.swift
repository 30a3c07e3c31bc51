#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import VectorLang

/// Finds questions that give their answer away before they are asked.
///
/// A learner who has just read `exp(z) / sum(exp(z))` in a demo and is then asked to write softmax
/// copies it and learns nothing. Everything shown since the step began counts: the prose, each demo
/// line and its output, each derivation, the earlier questions of the step with their explanations
/// and answers, and the question's own text. A question leaks its answer when
///
/// - its `expect:` or an `equivalent:` appears in that text, once whitespace, backticks and the
///   Unicode operators are written as the language writes them (`LeakText`);
/// - a demo line, a derivation step (in the engine's input syntax) or an earlier answer evaluates
///   equal to the expected answer at the lesson's values and at every random point of the question;
/// - a printed number, or a printed list of numbers, equals the expected answer at every point, within
///   the question's tolerance or the rounding of the printed digits.
///
/// Multiple-choice questions have no expression to look for and are not checked; a derivation
/// question's result is looked for as text only. Lines that fail are
/// the other checks' business; here they show nothing.
struct LeakCheck {
    let derive: DerivationProvider?

    func leaks(in lesson: Lesson) -> [LessonDiagnostic] {
        let session = Session()
        var leaks: [LessonDiagnostic] = []
        for (s, step) in lesson.steps.enumerated() {
            var shown: [Shown] = []
            for (i, part) in step.parts.enumerated() {
                let before = lesson.lines(before: s, part: i)
                switch part {
                case .narrative(let text, let line):
                    shown.append(Shown(kind: .text, name: "the text", line: line, text: text.components(separatedBy: "\n")))
                case .setup(let lines):
                    for line in lines { _ = session.submit(line.text) }
                case .demo(let lines):
                    for (k, line) in lines.enumerated() {
                        shown.append(demo(line, output: session.submit(line.text), before: before + lines[..<k]))
                    }
                case .derivation(let arguments, let line):
                    shown.append(derivation(arguments, line: line, session: session, before: before))
                case .question(let question):
                    let own = Shown(kind: .other, name: "its own text", line: question.line, text: [question.prompt])
                    var check = QuestionLeak(question: question, lesson: lesson, before: before)
                    if let leak = check.find(in: shown + [own]) {
                        let ask = question.prompt.count > 48 ? String(question.prompt.prefix(47)) + "…" : question.prompt
                        leaks.append(LessonDiagnostic(file: lesson.file, line: question.line,
                                                      message: "question \"\(ask)\" leaks its answer: \(leak)"))
                    }
                    shown.append(answered(question, before: before))
                }
            }
        }
        return leaks
    }

    private func demo(_ line: SourceLine, output: [Session.Output], before: [SourceLine]) -> Shown {
        let printed = output.compactMap { if case .result(let text) = $0 { text } else { nil } }
        var probe: Probe?
        if let statements = try? Parser.parse(line.text), let last = statements.last {
            switch last {
            case .expression: probe = Probe(text: line.text, before: before)
            case .assignment(let name, _, _): probe = Probe(text: name, before: before + [line])
            case .definition, .lazyDefinition: probe = nil
            }
        }
        let quoted = line.text.count > 40 ? String(line.text.prefix(39)) + "…" : line.text
        return Shown(kind: .other, name: "the demo line '\(quoted)'", line: line.line, text: [line.text] + printed,
                     printed: printed, probes: probe.map { [$0] } ?? [])
    }

    /// The derivation as the learner reads it, and its steps in the engine's input syntax (from its
    /// JSON form) to evaluate, after the derivation's own definitions (`p := softmax(z)`).
    private func derivation(_ arguments: String, line: Int, session: Session, before: [SourceLine]) -> Shown {
        var shown = Shown(kind: .derivation, name: "the derivation", line: line, text: [])
        guard let derive, let blocks = try? derive(arguments, session) else { return shown }
        // A step's number, "[3]", is not something it shows.
        shown.text = blocks.lines.map { line in
            guard line.hasPrefix("["), let close = line.firstIndex(of: "]"), line[line.index(after: line.startIndex)..<close].allSatisfy(\.isNumber) else { return line }
            return String(line[line.index(after: close)...])
        }
        // Only the values count as printed numbers, not the step numbers and the rules' statements.
        shown.printed = blocks.lines.compactMap { line in line.firstIndex(of: "≈").map { String(line[$0...].dropFirst()) } }
        guard !arguments.contains("--format"),
              let json = try? derive(arguments + " --format json", session).lines.joined(separator: "\n"),
              let derivation = try? JSONDecoder().decode(DerivationSteps.self, from: Data(json.utf8)) else { return shown }
        let definitions = derivation.definitions ?? []
        shown.probes = derivation.steps.compactMap(\.expression).map { Probe(text: $0, before: before, prelude: definitions) }
        return shown
    }

    private func answered(_ question: Question, before: [SourceLine]) -> Shown {
        var shown = Shown(kind: .other, name: "the earlier question", line: question.line,
                          text: [question.prompt, question.answerText, question.explanation ?? ""])
        if case .expression(let expected) = question.kind { shown.probes = [Probe(text: expected, before: before)] }
        return shown
    }
}

extension LeakCheck {
    /// The parts of `derive … --format json` the check reads: each step's expression, and the
    /// definitions the steps use.
    struct DerivationSteps: Decodable {
        struct Step: Decodable {
            let expression: String?
        }

        let steps: [Step]
        let definitions: [String]?
    }

    /// Something shown to the learner before a question: text to search, printed numbers, and
    /// expressions to evaluate.
    struct Shown {
        enum Kind {
            /// Prose, whose lines are named one by one.
            case text
            /// A derivation, whose probes are its steps.
            case derivation
            case other
        }

        var kind: Kind
        /// How a message names it: "the demo line 'p - y'".
        var name: String
        var line: Int
        /// The lines as the learner reads them.
        var text: [String]
        /// Output printed by the program, whose numbers count.
        var printed: [String] = []
        var probes: [Probe] = []
    }

    /// An expression shown to the learner, evaluated where it was shown: after the lesson's lines in
    /// `before`, and the derivation's definitions in `prelude`.
    struct Probe {
        var text: String
        var before: [SourceLine]
        var prelude: [String] = []
    }
}

/// One question's expected answer, at the lesson's values and the question's random points, and how
/// to tell whether something shown gives it away.
private struct QuestionLeak {
    let question: Question
    let answers: [String]
    let expected: [Tensor]?
    let points: Int
    let seed: UInt64
    private var cache: [Int: [Replay]] = [:]

    init(question: Question, lesson: Lesson, before: [SourceLine]) {
        self.question = question
        seed = lesson.seed(forQuestionAt: question.line)
        points = question.variations.isEmpty ? 0 : question.points
        if case .derivation(_, let result, _) = question.kind {
            // A result in index notation (p_j - y_j) has no value at the lesson's numbers: only its text is looked for.
            answers = [LeakText.normalised(result)]
            expected = nil
            return
        }
        guard case .expression(let expect) = question.kind else {
            answers = []
            expected = nil
            return
        }
        answers = ([expect] + question.equivalents.map(\.text)).map(LeakText.normalised)
        var values: [Tensor] = []
        for point in 0...points {
            let replay = Replay(lines: before, variations: question.variations, point: point, seed: seed)
            guard replay.problems.isEmpty, case .success(let value) = replay.evaluate(expect), let tensor = value.numbers else { break }
            values.append(tensor)
        }
        expected = values.count == points + 1 ? values : nil
    }

    /// What gives the answer away first, said in words; nil when nothing does.
    mutating func find(in shown: [LeakCheck.Shown]) -> String? {
        guard !answers.isEmpty else { return nil }
        for item in shown {
            for (k, text) in item.text.enumerated() {
                let normal = LeakText.normalised(text)
                if let answer = answers.first(where: { LeakText.contains(normal, $0) }) {
                    let line = item.kind == .text ? " at line \(item.line + k)" : " (line \(item.line))"
                    return "\(item.name)\(line) shows \(answer)"
                }
            }
            // An answer the text wraps over two lines.
            let whole = LeakText.normalised(item.text.joined(separator: " "))
            if item.text.count > 1, let answer = answers.first(where: { LeakText.contains(whole, $0) }) {
                return "\(item.name) (line \(item.line)) shows \(answer)"
            }
            guard let expected else { continue }
            let at = points == 0 ? "at the lesson's values" : "at the lesson's values and at \(points) random points"
            for (k, probe) in item.probes.enumerated() where equalEverywhere(probe, expected) {
                guard item.kind == .derivation else { return "\(item.name) (line \(item.line)) equals it \(at)" }
                let which = k == 0 ? "the start of" : "step [\(k)] of"
                return "\(which) the derivation (line \(item.line)), \(probe.text), equals it \(at)"
            }
            for output in item.printed {
                for group in LeakText.numbers(in: output) where expected.allSatisfy({ LeakText.matches(group, $0.scalars, tolerance: question.tolerance) }) {
                    let numbers = group.map { Printer.format(.tensor(Tensor($0.value)), options: PrintOptions()) }.joined(separator: ", ")
                    return "\(item.name) (line \(item.line)) prints \(group.count == 1 ? numbers : "[" + numbers + "]"), which is the answer \(at)"
                }
            }
        }
        return nil
    }

    private mutating func equalEverywhere(_ probe: LeakCheck.Probe, _ expected: [Tensor]) -> Bool {
        for point in 0...points {
            let replay: Replay
            if probe.prelude.isEmpty {
                replay = replays(probe.before)[point]
            } else {
                replay = Replay(lines: probe.before, variations: question.variations, point: point, seed: seed)
                for definition in probe.prelude { _ = replay.session.submit(definition) }
            }
            guard case .success(let value) = replay.evaluate(probe.text), let tensor = value.numbers,
                  ValueComparison.equal(tensor, expected[point], tolerance: question.tolerance) else { return false }
        }
        return true
    }

    /// Replays of the lesson's first lines at every point, kept: every probe's lines are a prefix of
    /// the same sequence, so their count names them.
    private mutating func replays(_ lines: [SourceLine]) -> [Replay] {
        if let cached = cache[lines.count] { return cached }
        let made = (0...points).map { Replay(lines: lines, variations: question.variations, point: $0, seed: seed) }
        cache[lines.count] = made
        return made
    }
}
