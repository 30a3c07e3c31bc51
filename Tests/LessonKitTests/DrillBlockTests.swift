import XCTest
import VectorLang
import Derivation
@testable import LessonKit

/// A `jacobi drill` block in a lesson: read into two choice questions that the runner asks in turn,
/// judged by the drill, saved as progress, and counted toward the topic.
final class DrillBlockTests: XCTestCase {
    static func lesson(_ block: String) -> String {
        """
        # Drill

        - minutes: 5

        ## Find it

        ```jacobi drill
        \(block)
        ```
        """
    }

    func testABlockBecomesTheLineQuestionThenTheSlipQuestion() throws {
        let lesson = try LessonParser.parse(Self.lesson("topic: log_softmax\nseed: 4\nslip: sign"), file: "drill.md")
        let questions = lesson.steps[0].questions
        XCTAssertEqual(questions.count, 2)
        let drill = try DrillMaker.make(topic: "log_softmax", seed: 4, slip: .sign)
        guard case .choice(let lines) = questions[0].kind, case .choice(let slips) = questions[1].kind else { return XCTFail("two choices") }
        XCTAssertEqual(lines.count, drill.stepCount)
        XCTAssertEqual(lines.indices.filter { lines[$0].isCorrect }, [drill.planted.line - 1])
        XCTAssertTrue(lines.allSatisfy { $0.isCorrect || $0.feedback?.isEmpty == false }, "every wrong line says why")
        XCTAssertEqual(slips.count, DrillSlip.allCases.count)
        XCTAssertTrue(slips[DrillSlip.allCases.firstIndex(of: .sign) ?? 0].isCorrect)
        XCTAssertEqual(questions[0].hints, drill.hints)
        XCTAssertTrue(questions[1].explanation?.contains("Planted at line \(drill.planted.line)") == true)
    }

    func testTheRunnerAsksTheLineThenTheSlipAndSavesBoth() throws {
        let lesson = try LessonParser.parse(Self.lesson("topic: softmax\nseed: 9\nslip: dropped-term"), file: "drill.md")
        let drill = try DrillMaker.make(topic: "softmax", seed: 9, slip: .droppedTerm)
        let runner = LessonRunner(lesson: lesson, session: Session())
        _ = runner.start()
        let wrongLine = drill.planted.line == 1 ? 2 : 1
        XCTAssertTrue(runner.submit("\(wrongLine)").contains { if case .incorrect = $0 { return true } else { return false } })
        let found = runner.submit("\(drill.planted.line)")
        XCTAssertTrue(found.contains { if case .correct = $0 { return true } else { return false } })
        XCTAssertTrue(found.contains { if case .question(let q, _) = $0 { return q.prompt.contains("Which slip") } else { return false } },
                      "the slip is asked only once the line is found")
        let slip = DrillSlip.allCases.firstIndex(of: .droppedTerm).map { $0 + 1 } ?? 0
        let named = runner.submit("\(slip)")
        XCTAssertTrue(named.contains { if case .correct(let e) = $0 { return e?.contains("Line \(drill.planted.line) should read") == true } else { return false } })
        XCTAssertEqual(runner.progress.questions.count, 2)
        XCTAssertEqual(runner.progress.questions.values.map(\.attempts).reduce(0) { $0 + ($1 ?? 0) }, 1)
    }

    func testBadBlocksAreErrorsAtTheirLines() {
        let cases: [(String, String)] = [
            ("seed: 4", "needs 'topic: NAME'"),
            ("topic: softmax\nseed: many", "whole number"),
            ("topic: softmax\nslip: typo", "unknown slip 'typo'"),
            ("topic: softmax\ncolour: red", "unknown field 'colour'"),
            ("topic: softmax\njust words", "expected 'field: value'"),
            ("topic: softmx", "did you mean softmax?"),
            ("topic: softmax\nslip: fact-not-assumed", "cannot be made"),
        ]
        for (block, message) in cases {
            XCTAssertThrowsError(try LessonParser.parse(Self.lesson(block), file: "drill.md"), block) { error in
                XCTAssertTrue("\(error)".contains(message), "\(block): \(error)")
                XCTAssertTrue("\(error)".hasPrefix("drill.md:"), "\(error)")
            }
        }
    }

    func testWithoutASeedTheBlocksPlaceChoosesOne() throws {
        let a = try LessonParser.parse(Self.lesson("topic: softmax"), file: "a.md"), b = try LessonParser.parse(Self.lesson("topic: softmax"), file: "a.md")
        XCTAssertEqual(a.steps[0].questions.map(\.prompt), b.steps[0].questions.map(\.prompt))
        XCTAssertNotEqual(DrillSpec.seed(file: "a.md", line: 5), DrillSpec.seed(file: "b.md", line: 5))
    }

    func testDrillsCountTowardTheirTopic() {
        func record(_ attempts: Int, _ hints: Int) -> QuestionRecord { QuestionRecord(outcome: .correct, attempts: attempts, hints: hints) }
        let progress: [String: LessonProgress] = [
            "drill:softmax-3": LessonProgress(lesson: "drill:softmax-3", stepCount: 1, completed: true, questions: ["1.1": record(0, 0), "1.2": record(0, 0)]),
            "drill:softmax-8": LessonProgress(lesson: "drill:softmax-8", stepCount: 1, completed: true, questions: ["1.1": record(2, 1), "1.2": record(0, 0)]),
            "drill:cross-entropy-softmax-5": LessonProgress(lesson: "drill:cross-entropy-softmax-5", stepCount: 1, questions: ["1.1": record(0, 0)]),
            "softmax-jacobian": LessonProgress(lesson: "softmax-jacobian", stepCount: 9),
        ]
        let tallies = DrillTally.byTopic(progress)
        XCTAssertEqual(tallies.map(\.topic), ["cross-entropy-softmax", "softmax"])
        XCTAssertEqual(tallies[1].solved, 2)
        XCTAssertEqual(tallies[1].firstTry, 1)
        XCTAssertEqual(tallies[0].unfinished, 1)
        XCTAssertEqual(tallies[1].description, "2 found (1 at the first try)")
    }
}
