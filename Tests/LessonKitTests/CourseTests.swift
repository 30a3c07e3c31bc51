import XCTest
import VectorLang
@testable import LessonKit

/// The course in `Lessons/`: it passes the author's check, and a scripted learner can take every lesson.
final class CourseTests: XCTestCase {
    static let expectedLessons = [
        "tour", "stability", "softmax-jacobian", "cross-entropy", "activations", "softmax-layer", "gradient-checking", "beyond",
    ]

    func library() throws -> LessonLibrary {
        try LessonLibrary(directory: Paths.lessons)
    }

    func testTheCourseHasTheEightLessonsInOrder() throws {
        let library = try library()
        XCTAssertEqual(library.errors, [])
        XCTAssertEqual(library.names, Self.expectedLessons)
        XCTAssertEqual(library.lessons.map(\.number), Array(1...8).map(Optional.some))
        for lesson in library.lessons {
            XCTAssertTrue((10...25).contains(lesson.minutes), "\(lesson.name): \(lesson.minutes) minutes")
            XCTAssertGreaterThanOrEqual(lesson.questions.count, 4, "\(lesson.name) needs several questions")
            XCTAssertFalse(lesson.summary.isEmpty, lesson.name)
            let derivations = lesson.steps.flatMap(\.parts).filter { if case .derivation = $0 { return true } else { return false } }
            XCTAssertFalse(derivations.isEmpty, "\(lesson.name) has no derivation step")
            for (_, question) in lesson.questions {
                let at = "\(lesson.file):\(question.line)"
                if case .expression = question.kind {
                    XCTAssertFalse(question.hints.isEmpty, "\(at): a question without hints")
                    XCTAssertFalse(question.mistakes.isEmpty, "\(at): a question without expected mistakes")
                    XCTAssertFalse(question.equivalents.isEmpty, "\(at): a question without another correct form")
                }
            }
        }
    }

    /// The table in `Lessons/README.md` lists every lesson, with its file and minutes.
    func testTheReadmeListsEveryLesson() throws {
        let readme = try String(contentsOfFile: Paths.lessons + "/README.md", encoding: .utf8)
        for lesson in try library().lessons {
            let file = lesson.file.split(separator: "/").last.map(String.init) ?? ""
            XCTAssertTrue(readme.contains("](\(file)) | \(lesson.minutes) |"), "README.md does not list \(file) with \(lesson.minutes) minutes")
        }
    }

    /// `jacobi lessons check` on the course: everything runs, every answer passes, every mistake fails.
    func testTheCoursePassesTheAuthorsCheck() throws {
        let report = LessonChecker(derive: FakeDerivations.provider).check(try library())
        XCTAssertTrue(report.passed, "\n" + report.text)
        print(report.summary)
    }

    // MARK: - A scripted learner

    /// Every lesson, start to finish, as a learner with a mixed record: right answers, right answers in
    /// another form, expected mistakes, other wrong answers, hints, skips, `:next` refused, a `:quit`
    /// halfway and a resume from the saved progress file, a `:back`, a `:show`.
    func testAScriptedLearnerTakesEveryLesson() throws {
        let directory = NSTemporaryDirectory() + "jacobi-course-\(getpid())"
        try? FileManager.default.removeItem(atPath: directory)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = ProgressStore(path: directory + "/state/progress.json")
        for lesson in try library().lessons {
            try ScriptedLearner(lesson: lesson, store: store, test: self).takeLesson()
        }
        XCTAssertEqual(Set(store.load().progress.lessons.keys), Set(Self.expectedLessons))
        XCTAssertTrue(store.load().progress.lessons.values.allSatisfy(\.completed))
    }
}

/// A learner who follows a fixed pattern through a lesson, and checks every response on the way.
struct ScriptedLearner {
    let lesson: Lesson
    let store: ProgressStore
    let test: XCTestCase

    /// How each question went, by key, to compare with the progress file at the end.
    private final class Record {
        var expected: [String: QuestionRecord] = [:]
        var questionCount = 0
        var step = 0
        var pending: Question?
        var pendingKey = ""
        /// A derivation is partly shown; how many derivations have begun.
        var revealing = false
        var derivations = 0
        var lookedBack = false
    }

    func takeLesson() throws {
        let record = Record()
        var runner = LessonRunner(lesson: lesson, session: Session(), progress: store.progress(for: lesson.name),
                                  derive: FakeDerivations.provider)
        var resumed = false
        try observe(runner.start(), record)
        var guardCount = 0
        while runner.state == .running {
            guardCount += 1
            guard guardCount < 1000 else { return XCTFail("\(lesson.name): the learner is stuck") }
            if let question = record.pending {
                try answer(question, runner: runner, record: record)
                continue
            }
            if record.revealing {
                // Enter through one derivation a step at a time, :next for the rest of the next one.
                try observe(record.derivations % 2 == 1 ? runner.proceed() : runner.perform(.next), record)
                continue
            }
            if !resumed, record.step == lesson.steps.count / 2 {
                // Quit halfway, and come back tomorrow in a new session.
                try observe(runner.perform(.quit), record)
                XCTAssertEqual(runner.state, .quit)
                let saved = try XCTUnwrap(store.progress(for: lesson.name), "\(lesson.name): progress was saved")
                XCTAssertEqual(saved.step, record.step, "\(lesson.name): saved at the step where the learner quit")
                runner = LessonRunner(lesson: lesson, session: Session(), progress: saved, derive: FakeDerivations.provider)
                XCTAssertEqual(runner.resumeStep, record.step)
                try observe(runner.start(), record)
                resumed = true
                continue
            }
            if record.step == 1, !record.lookedBack {
                // A look back, and the current step again.
                record.lookedBack = true
                let back = runner.perform(.back)
                XCTAssertEqual(back.first, .step(number: 1, of: lesson.steps.count, title: lesson.steps[0].title))
                try observe(back, record)
                // Step 1's derivation, if it has one, at once; then on.
                if record.revealing { try observe(runner.perform(.next), record) }
                try observe(runner.perform(.next), record)
                XCTAssertEqual(runner.perform(.show).first, .step(number: 2, of: lesson.steps.count, title: lesson.steps[1].title))
                if record.pending != nil || record.revealing { continue }
            }
            try observe(runner.perform(.next), record)
        }
        XCTAssertEqual(runner.state, .finished, lesson.name)
        XCTAssertEqual(record.questionCount, lesson.questions.count, "\(lesson.name): every question was asked")
        let saved = try XCTUnwrap(store.progress(for: lesson.name))
        XCTAssertTrue(saved.completed, lesson.name)
        XCTAssertEqual(saved.step, 0, "\(lesson.name): a finished lesson starts again from the top")
        XCTAssertEqual(saved.questions, record.expected, lesson.name)
    }

    /// Answers the open question according to its number in the lesson, checking each verdict.
    private func answer(_ question: Question, runner: LessonRunner, record: Record) throws {
        let k = record.questionCount
        let key = record.pendingKey
        let at = "\(lesson.file):\(question.line)"
        var attempts = 0, hints = 0
        var outcome = QuestionRecord.Outcome.correct
        let canSkip = question.skipAllowed ?? lesson.skipAllowed
        switch question.kind {
        case .expression(let expected):
            switch k % 4 {
            case 0:
                // An expected mistake gets its own feedback; then a hint; then another correct form.
                let mistake = question.mistakes[0]
                XCTAssertEqual(verdicts(runner.submit(mistake.expression), record), [.incorrect(feedback: mistake.feedback)], at)
                attempts += 1
                XCTAssertEqual(runner.perform(.hint).first, .hint(question.hints[0], number: 1, of: question.hints.count), at)
                hints += 1
                XCTAssertEqual(verdicts(runner.submit(question.equivalents[0].text), record).first, .correct(explanation: question.explanation), at)
            case 1:
                XCTAssertEqual(verdicts(runner.submit(expected), record).first, .correct(explanation: question.explanation), at)
            case 2:
                // A wrong answer of its own, :next refused, then a skip (or, where skipping is forbidden, the answer).
                let wrong = verdicts(runner.submit("(\(expected)) + 1"), record)
                XCTAssertEqual(wrong.count, 1, at)
                if case .incorrect = wrong.first {} else { XCTFail("\(at): \(wrong)") }
                attempts += 1
                XCTAssertEqual(runner.perform(.next).count, 1, at)
                XCTAssertEqual(runner.openQuestion, question, at)
                if canSkip {
                    try observe(runner.perform(.skip), record)
                    outcome = .skipped
                } else {
                    XCTAssertEqual(verdicts(runner.submit(expected), record).first, .correct(explanation: question.explanation), at)
                }
            default:
                let form = question.equivalents[question.equivalents.count - 1].text
                XCTAssertEqual(verdicts(runner.submit(form), record).first, .correct(explanation: question.explanation), at)
            }
        case .derivation(_, let expected, _):
            // Steps are collected, not judged, until :done (or a blank line); a sign slip is an attempt.
            if k % 2 == 0 {
                XCTAssertEqual(runner.submit("= -(\(expected))"), [], at)
                let wrong = verdicts(runner.proceed(), record)
                XCTAssertEqual(wrong, [.incorrect(feedback: "Step 1 does not follow from the line before it.")], at)
                attempts += 1
            }
            XCTAssertEqual(runner.submit("= \(expected)"), [], at)
            XCTAssertEqual(verdicts(runner.perform(.done), record).first, .correct(explanation: question.explanation), at)
        case .choice(let choices):
            let right = try XCTUnwrap(choices.firstIndex(where: \.isCorrect))
            let wrong = try XCTUnwrap(choices.firstIndex(where: { !$0.isCorrect }))
            XCTAssertEqual(verdicts(runner.submit("\(wrong + 1)"), record), [.incorrect(feedback: choices[wrong].feedback ?? "Not that one.")], at)
            attempts += 1
            if k % 4 == 2, canSkip {
                try observe(runner.perform(.skip), record)
                outcome = .skipped
            } else {
                XCTAssertEqual(verdicts(runner.submit("\(right + 1)"), record).first, .correct(explanation: question.explanation), at)
            }
        }
        // Resolved: nothing is open, or the step's next question already is.
        XCTAssertTrue(record.pending == nil || record.pendingKey != key, "\(at): the question is resolved")
        record.expected[key] = QuestionRecord(outcome: outcome, attempts: attempts, hints: hints)
    }

    /// The verdicts among the events (dropping the echo of the line), after noting what they change.
    private func verdicts(_ events: [LessonEvent], _ record: Record) -> [LessonEvent] {
        do { try observe(events, record) } catch { XCTFail("\(error)") }
        return events.filter {
            switch $0 {
            case .correct, .incorrect: return true
            default: return false
            }
        }
    }

    /// Follows the events: the step, the open question, a derivation being revealed, checkpoints
    /// saved, and no problems.
    private func observe(_ events: [LessonEvent], _ record: Record) throws {
        record.revealing = events.last == .awaitingDerivationStep
        for event in events {
            switch event {
            case .step(let number, let of, _):
                XCTAssertEqual(of, lesson.steps.count)
                record.step = number - 1
            case .question(let question, let answered):
                if !answered {
                    record.pending = question
                    record.questionCount += 1
                    let ordinal = (lesson.steps[record.step].questions.firstIndex(of: question) ?? -1) + 1
                    record.pendingKey = "\(record.step + 1).\(ordinal)"
                }
            case .correct, .skipped:
                record.pending = nil
            case .derivation:
                record.derivations += 1
                XCTAssertNil(record.pending, "\(lesson.name): a derivation while a question is open")
            case .derivationStep:
                XCTAssertNil(record.pending, "\(lesson.name): a question was asked before the derivation above it ended")
            case .problem(let message):
                XCTFail("\(lesson.name): \(message)")
            case .checkpoint(let progress):
                try store.record(progress)
            case .output(.error(let diagnostic, let source)):
                XCTFail("\(lesson.name): the learner's line '\(source)' failed: \(diagnostic.message)")
            default:
                break
            }
        }
    }
}
