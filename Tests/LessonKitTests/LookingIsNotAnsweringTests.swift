import XCTest
import VectorLang
@testable import LessonKit

/// A learner exploring at the prompt while a question is open (`Fixtures/Judging/02-looking.md`):
/// only answers count as attempts, everything else is looked at, and after ✓ nothing is judged.
final class LookingIsNotAnsweringTests: XCTestCase {
    func testExploringCostsNothing() throws {
        let runner = try JudgingFixtures.runner("02-looking.md")
        // A bare name, an assignment, a definition, a value of another shape: looked at, not counted.
        XCTAssertEqual(runner.submit("z"), [.output(.result("[2, 1, 0.1]")), .looked])
        XCTAssertEqual(runner.told("q = p * (1 - p)"), .looked)
        XCTAssertEqual(runner.told("d(v) = diag(v)"), .looked)
        XCTAssertEqual(runner.told("p[1]"), .looked, "a number where a vector is asked for")
        XCTAssertEqual(runner.told("d(p)"), .looked, "a matrix where a vector is asked for")
        // An error shows the error, and nothing else.
        let error = runner.submit("nosuch(p)")
        XCTAssertEqual(error.count, 1)
        guard case .output(.error) = error.first else { return XCTFail("\(error)") }
        XCTAssertEqual(runner.savedAttempts, 0)
        XCTAssertTrue(runner.progress.unanswered.isEmpty, "nothing to save")
    }

    func testAnswersCount() throws {
        let runner = try JudgingFixtures.runner("02-looking.md")
        // An expression of the answer's shape is an answer.
        XCTAssertEqual(runner.told("p * (1 + p)"),
                       .incorrect(feedback: "Not quite: the shape is right, but 3 of 3 entries differ (the first at 1)."))
        XCTAssertEqual(runner.savedAttempts, 1)
        // So is a bare name the lesson names as a mistake.
        XCTAssertEqual(runner.told("p"), .incorrect(feedback: "That is p itself; the −p_i² term is missing."))
        XCTAssertEqual(runner.savedAttempts, 2)
        // The last expression of a line with assignments before it is an answer.
        XCTAssertEqual(runner.told("r = 2 * p; r * (1 - r)"), .incorrect(
            feedback: "Not quite: the shape is right, but 3 of 3 entries differ (the first at 1)."))
        XCTAssertEqual(runner.savedAttempts, 3)
        // A right answer always counts, a bare name too.
        _ = runner.submit("q = p - p^2")
        XCTAssertEqual(runner.told("q"), .correct(explanation: nil))
        XCTAssertEqual(runner.progress.questions["1.1"], QuestionRecord(outcome: .correct, attempts: 3))
        XCTAssertNil(runner.progress.unanswered["1.1"])
    }

    func testAfterTheRightAnswerNothingIsJudged() throws {
        let runner = try JudgingFixtures.runner("02-looking.md")
        XCTAssertEqual(runner.told("p * (1 - p)"), .correct(explanation: nil))
        let progress = runner.progress
        XCTAssertEqual(runner.submit("p * (1 + p)"), [.output(.result("[1.093, 0.3012, 0.1083]"))])
        XCTAssertEqual(runner.submit("p"), [.output(.result("[0.659, 0.2424, 0.09857]"))])
        XCTAssertEqual(runner.submit("p - p^2"), [.output(.result("[0.2247, 0.1837, 0.08885]"))])
        XCTAssertEqual(runner.submit("w = z"), [.output(.result("[2, 1, 0.1]"))])
        XCTAssertEqual(runner.progress, progress)
    }

    /// Back at a question answered before, nothing is judged either.
    func testARevisitedAnsweredQuestionIsNotJudged() throws {
        let runner = try JudgingFixtures.runner("02-looking.md")
        XCTAssertEqual(runner.told("p * (1 - p)"), .correct(explanation: nil))
        _ = runner.perform(.next)
        _ = runner.perform(.back)
        XCTAssertNil(runner.told("p * (1 + p)"))
    }

    func testTheRuleIsWrittenOnceForTheLessonHeaderAndHelp() {
        XCTAssertTrue(Attempt.rule.contains("a right answer always counts"))
        XCTAssertTrue(Attempt.rule.contains("(looked, not judged)"))
        XCTAssertTrue(Attempt.rule.contains("After a right answer (or a skip) nothing is judged"), "in words, which --ascii shows as written")
    }
}
