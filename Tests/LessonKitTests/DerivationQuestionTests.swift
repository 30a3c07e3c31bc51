import LessonKit
import VectorLang
import XCTest

/// A `derive:` question: the learner's steps are collected until `:done` or a blank line, then checked
/// by the derivation checker, each step against the one before it.
final class DerivationQuestionTests: XCTestCase {
    static let lesson = """
    # Softmax by hand

    - minutes: 5

    Derive it.

    ## The Jacobian

    ```jacobi setup
    z = [2, 1, 0.1]
    ```

    ```jacobi question
    ask: Derive ∂p_i/∂z_j, a step per line starting with =.
    derive: partial(p_i, z_j)
    given: p := softmax(z)
    expect: p_i * delta(i, j) - p_i * p_j
    hint: The quotient rule.
    explain: One formula for every entry.
    ```

    ## After

    Done.
    """

    func runner() throws -> LessonRunner {
        let runner = LessonRunner(lesson: try LessonParser.parseForTest(Self.lesson), session: Session(), stepByStep: false)
        _ = runner.start()
        return runner
    }

    static let quotient = "= (delta(i, j) * exp(z_i) * sum_k(exp(z_k)) - exp(z_i) * exp(z_j)) / sum_k(exp(z_k))^2"

    func testTheQuestionReadsItsStartResultAndGivenLines() throws {
        let question = try XCTUnwrap(LessonParser.parseForTest(Self.lesson).questions.first?.question)
        XCTAssertEqual(question.kind, .derivation(start: "partial(p_i, z_j)", expected: "p_i * delta(i, j) - p_i * p_j", given: ["p := softmax(z)"]))
        XCTAssertEqual(question.answerText, "p_i * delta(i, j) - p_i * p_j")
    }

    func testARightDerivationIsCorrectAndEveryStepIsMarked() throws {
        let runner = try runner()
        XCTAssertEqual(runner.submit("= partial(exp(z_i) / sum_k(exp(z_k)), z_j)"), [])
        XCTAssertTrue(runner.isCollectingSteps)
        XCTAssertEqual(runner.submit(Self.quotient), [])
        XCTAssertEqual(runner.submit("= p_i * delta(i, j) - p_i * p_j"), [])
        let events = runner.perform(.done)
        guard case .derivationChecked(let report) = events.first else { return XCTFail("\(events)") }
        XCTAssertEqual(report.map { String($0.prefix(4)) }, ["✓ 1 ", "✓ 2 ", "✓ 3 "])
        XCTAssertEqual(events.dropFirst().first, .correct(explanation: "One formula for every entry."))
        XCTAssertFalse(runner.isCollectingSteps)
        XCTAssertEqual(runner.progress.questions["1.1"]?.attempts, 0)
    }

    func testASignSlipIsNamedAtItsLineAndCountsAsAnAttempt() throws {
        let runner = try runner()
        _ = runner.submit(Self.quotient)
        _ = runner.submit("= p_i * p_j - p_i * delta(i, j)")
        // A blank line (Enter) ends the derivation: it checks the steps and does not go to the next step.
        let events = runner.proceed()
        guard case .derivationChecked(let report) = events.first else { return XCTFail("\(events)") }
        XCTAssertTrue(report[0].hasPrefix("✓ 1 "), "\(report)")
        XCTAssertEqual(report[1], "✗ 2  = p_i * p_j - p_i * delta(i, j)")
        XCTAssertTrue(report.contains { $0.contains("diagnosis: sign") }, "\(report)")
        XCTAssertTrue(events.contains(.incorrect(feedback: "Step 2 does not follow from the line before it.")), "\(events)")
        XCTAssertEqual(runner.progress.unanswered["1.1"]?.attempts, 1)
        XCTAssertEqual(runner.stepIndex, 0)
        XCTAssertNotNil(runner.openQuestion)
    }

    func testADerivationEndingInTheWrongResultIsWrongAtItsLastLine() throws {
        let runner = try runner()
        _ = runner.submit(Self.quotient)
        _ = runner.submit("= p_i * (1 - p_i)")
        let events = runner.perform(.done)
        guard case .derivationChecked(let report) = events.first else { return XCTFail("\(events)") }
        XCTAssertTrue(report.contains { $0.hasPrefix("✗ 2  = p_i * (1 - p_i)") }, "\(report)")
        XCTAssertTrue(report.contains { $0.contains("diagnosis: ") }, "\(report)")
        XCTAssertTrue(events.contains(.incorrect(feedback: "Step 2 does not follow from the line before it.")), "\(events)")
    }

    func testEveryStepHoldingIsNotEnoughWhenTheLastLineIsNotTheResult() throws {
        let judge = DerivationJudge(start: "partial(p_i, z_j)", expected: "p_i * delta(i, j) - p_i * p_j", given: ["p := softmax(z)", "q := 2 * softmax(z)"])
        XCTAssertTrue(judge.judge([Self.quotient]).isCorrect, "a step equal to the start has the result's value")
        let other = DerivationJudge(start: "partial(p_i, z_j)", expected: "q_i * delta(i, j)", given: ["p := softmax(z)", "q := softmax(z)"])
        let outcome = other.judge(["= p_i * delta(i, j) - p_i * p_j"])
        XCTAssertFalse(outcome.isCorrect)
        XCTAssertEqual(outcome.feedback, "Every step holds, but the last line is not the result asked for: carry on.")
    }

    /// A step that does not read is a typo: it is shown with its caret, and costs no try; a wrong step does.
    func testAStepThatDoesNotReadIsNotATry() throws {
        let judge = DerivationJudge(start: "partial(p_i, z_j)", expected: "p_i * delta(i, j) - p_i * p_j", given: ["p := softmax(z)"])
        let typo = judge.judge(["= p_i * (delta(i, j) - p_j"])
        XCTAssertFalse(typo.isCorrect)
        XCTAssertFalse(typo.countsAsAttempt, typo.feedback)
        XCTAssertTrue(typo.report.contains { $0.hasPrefix("? 1") }, "\(typo.report)")
        let slip = judge.judge(["= -p_i * (delta(i, j) - p_j)"])
        XCTAssertTrue(slip.countsAsAttempt)
        XCTAssertFalse(judge.judge([]).countsAsAttempt)
    }

    /// Restating the start (or any line that still differentiates) has the result's value, but is no derivation.
    func testALastLineThatStillDifferentiatesIsNotTheResult() throws {
        let judge = DerivationJudge(start: "partial(p_i, z_j)", expected: "p_i * delta(i, j) - p_i * p_j", given: ["p := softmax(z)"])
        for steps in [["= partial(p_i, z_j)"], ["= partial(exp(z_i) / sum_k(exp(z_k)), z_j)"], [Self.quotient, "= partial(p_i, z_j)"]] {
            let outcome = judge.judge(steps)
            XCTAssertFalse(outcome.isCorrect, "\(steps)")
            XCTAssertEqual(outcome.feedback, "Every step holds, but the last line still takes a derivative: carry on until no partial(…) is left.")
        }
        XCTAssertTrue(judge.judge(["= partial(exp(z_i) / sum_k(exp(z_k)), z_j)", "= p_i * delta(i, j) - p_i * p_j"]).isCorrect)
    }

    func testTheLearnerMayExploreAndNextIsRefusedUntilTheDerivationIsRight() throws {
        let runner = try runner()
        XCTAssertEqual(runner.submit("softmax(z)").last, .looked)
        XCTAssertEqual(runner.perform(.done).count, 1, "nothing typed: a notice")
        XCTAssertEqual(runner.proceed(), [.notice("Answer the question first: type each step on its own line, starting with =, "
                                                   + "then a blank line or :done; :hint for a hint, or :skip to see the answer.")])
    }

    func testAWrongResultFailsTheAuthorsCheck() throws {
        let wrong = Self.lesson.replacing("expect: p_i * delta(i, j) - p_i * p_j", with: "expect: p_i * p_j - p_i * delta(i, j)")
        let report = LessonChecker(derive: nil).check(LessonLibrary(sources: [("test.md", wrong)]))
        XCTAssertFalse(report.passed)
        XCTAssertTrue(report.text.contains("test.md:17: the expected result 'p_i * p_j - p_i * delta(i, j)' does not equal 'partial(p_i, z_j)' at random points (sign"),
                      report.text)
        let right = LessonChecker(derive: nil).check(LessonLibrary(sources: [("test.md", Self.lesson)]))
        XCTAssertTrue(right.passed, right.text)
    }
}
