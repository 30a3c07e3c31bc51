import VectorLang

/// Runs every lesson without a learner, as an author (and CI) needs: every set-up and demo line runs
/// without error, every derivation succeeds, every question's expected answer passes its own check,
/// and every listed mistake fails it with its own feedback; and no file holds control characters.
public struct LessonChecker {
    private let derive: DerivationProvider?

    /// - Parameter derive: the derivation engine; without it, each `jacobi derive` block is a failure.
    public init(derive: DerivationProvider?) {
        self.derive = derive
    }

    /// Checks every lesson of the library; files that did not parse, and lines with control
    /// characters, are failures too.
    public func check(_ library: LessonLibrary) -> CheckReport {
        var report = CheckReport()
        report.files = library.lessons.count + library.errors.count
        report.failures = library.errors + library.controlCharacters
        for lesson in library.lessons { check(lesson, into: &report) }
        return report
    }

    public func check(_ lesson: Lesson) -> CheckReport {
        var report = CheckReport()
        report.files = 1
        check(lesson, into: &report)
        return report
    }

    private func check(_ lesson: Lesson, into report: inout CheckReport) {
        report.lessons += 1
        let session = Session()
        func fail(_ line: Int, _ message: String) {
            report.failures.append(LessonDiagnostic(file: lesson.file, line: line, message: message))
        }
        for (s, step) in lesson.steps.enumerated() {
            report.steps += 1
            for (i, part) in step.parts.enumerated() {
                switch part {
                case .narrative: break
                case .setup(let lines), .demo(let lines):
                    let kind = if case .setup = part { "set-up" } else { "demo" }
                    for line in lines {
                        report.demoLines += 1
                        for case .error(let diagnostic, let source) in session.submit(line.text) {
                            let at = diagnostic.location(in: source)
                            fail(line.line + at.line - 1, "\(kind) line fails: \(diagnostic.message) (in '\(line.text)')")
                        }
                    }
                case .derivation(let arguments, let line):
                    report.derivations += 1
                    guard let derive else {
                        fail(line, "no derivation engine to run 'derive \(arguments)'")
                        continue
                    }
                    do {
                        if try derive(arguments, session).lines.isEmpty { fail(line, "derive \(arguments) produced no lines") }
                    } catch {
                        fail(line, "derive \(arguments) fails: \((error as? Diagnostic)?.message ?? "\(error)")")
                    }
                case .question(let question):
                    report.questions += 1
                    let judge = AnswerJudge(question: question, lessonLines: lesson.lines(before: s, part: i),
                                            seed: lesson.seed(forQuestionAt: question.line))
                    for failure in check(question, judge: judge) { fail(failure.line, failure.message) }
                }
            }
        }
        report.failures += LeakCheck(derive: derive).leaks(in: lesson)
    }

    private func check(_ question: Question, judge: AnswerJudge) -> [(line: Int, message: String)] {
        var failures = judge.referenceProblems.map { (line: $0.line ?? question.line, message: $0.message) }
        guard failures.isEmpty else { return failures }
        switch question.kind {
        case .expression(let expected):
            failures += AnswerRulesCheck.failures(question, judge: judge)
            if case .incorrect(let feedback, _) = judge.judge(expected), judge.brokenRule(in: expected) == nil {
                failures.append((question.answerLine, "the expected answer '\(expected)' does not pass its own check: \(feedback)"))
            }
            for equivalent in question.equivalents {
                if case .incorrect(let feedback, _) = judge.judge(equivalent.text), judge.brokenRule(in: equivalent.text) == nil {
                    failures.append((equivalent.line, "the equivalent answer '\(equivalent.text)' is not accepted: \(feedback)"))
                }
            }
            for (k, mistake) in question.mistakes.enumerated() {
                switch judge.judge(mistake.expression) {
                case .correct:
                    failures.append((mistake.line, "the mistake '\(mistake.expression)' is accepted as a correct answer"))
                case .incorrect(_, .mistake(let j)) where j != k:
                    failures.append((mistake.line, "the mistake '\(mistake.expression)' is never reached: the mistake on line \(question.mistakes[j].line) matches the same answers first"))
                case .incorrect(_, .mistake): break
                case .incorrect(let feedback, _):
                    failures.append((mistake.line, "the mistake '\(mistake.expression)' does not get its own feedback: \(feedback)"))
                }
            }
        case .derivation(let start, let expected, let given):
            if let problem = DerivationJudge(start: start, expected: expected, given: given).problem() {
                failures.append((question.answerLine, problem))
            }
        case .choice(let choices):
            failures += ChoiceFeedbackCheck.failures(question)
            for (k, choice) in choices.enumerated() where judge.judge("\(k + 1)").isCorrect != choice.isCorrect {
                failures.append((choice.line, "choice \(k + 1) is not judged as marked"))
            }
        }
        return failures
    }
}

/// What `jacobi lessons check` prints: each failure as `file:line: message`, then a summary line.
public struct CheckReport: Equatable, Sendable {
    public var files = 0
    public var lessons = 0
    public var steps = 0
    public var questions = 0
    public var demoLines = 0
    public var derivations = 0
    public var failures: [LessonDiagnostic] = []

    public var passed: Bool { failures.isEmpty }

    /// "8 lessons, 74 steps, 52 questions, 140 demo lines, 19 derivations: all passed" or "…: 3 failures in 2 files".
    public var summary: String {
        let counts = "\(plural(lessons, "lesson")), \(plural(steps, "step")), \(plural(questions, "question")), "
            + "\(plural(demoLines, "demo line")), \(plural(derivations, "derivation"))"
        guard !passed else { return counts + ": all passed" }
        let files = Set(failures.map(\.file)).count
        return counts + ": \(plural(failures.count, "failure")) in \(plural(files, "file"))"
    }

    /// The failures, one per line, then the summary.
    public var text: String {
        (failures.map(\.description) + [summary]).joined(separator: "\n")
    }

    private func plural(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}
