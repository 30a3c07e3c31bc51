import XCTest
import VectorLang
@testable import LessonKit

/// Numbers typed in that are close to the answer (`Fixtures/Judging/02-looking.md`, step 2): told how
/// many significant digits the tolerance needs.
final class NearMissTests: XCTestCase {
    func testANumberRoundedTooSoonIsToldTheDigitsItNeeds() throws {
        let runner = try JudgingFixtures.runner("02-looking.md", step: 1)
        // log(2) = 0.6931…, tolerance 1e-3: three digits are enough.
        XCTAssertEqual(runner.told("0.69"), .incorrect(feedback: "Close: give 3 significant digits."))
        XCTAssertEqual(runner.told("0.7"), .incorrect(feedback: "Close: give 3 significant digits."))
        XCTAssertEqual(runner.told("0.695"),
                       .incorrect(feedback: "Close, but not within the tolerance: 3 significant digits, correctly rounded, are enough; check yours."))
        // Not close (more than 5 % off), or not only numbers: the plain feedback.
        XCTAssertEqual(runner.told("0.8"), .incorrect(feedback: "Not quite: that number is not the answer."))
        XCTAssertEqual(runner.told("log(2) + 0.01"), .incorrect(feedback: "Not quite: that number is not the answer."))
        XCTAssertEqual(runner.savedAttempts, 5, "near misses are attempts")
        XCTAssertEqual(runner.told("0.693"), .correct(explanation: nil))

        // exp(-5.3) = 0.004991…, at the default tolerance 1e-6: "about 5e-3" needs four digits.
        XCTAssertEqual(runner.told("0.005"), .incorrect(feedback: "Close: give 4 significant digits."))
        XCTAssertEqual(runner.told("5e-3"), .incorrect(feedback: "Close: give 4 significant digits."))
        XCTAssertEqual(runner.told("-0.005"), .incorrect(feedback: "Not quite: that number is not the answer."))
        XCTAssertEqual(runner.told("0.004992"), .correct(explanation: nil))

        // A vector typed in: every entry within 5 %.
        XCTAssertEqual(runner.told("[0.66, 0.24, 0.1]"), .incorrect(feedback: "Close: give 3 significant digits."))
        XCTAssertEqual(runner.told("[0.659, 0.242, 0.0986]"), .correct(explanation: nil))
    }

    /// Where the answer must hold for other values too, typed numbers are never near: more digits would
    /// not make them right.
    func testNoNearMissWhenTheAnswerVaries() {
        let question = Question(line: 1, prompt: "?", kind: .expression(expected: "p[1]"), variations: [Variation(name: "z")])
        let judge = AnswerJudge(question: question, lessonLines: [SourceLine("z = [2, 1, 0.1]", line: 1), SourceLine("p = softmax(z)", line: 2)], seed: 3)
        guard case .incorrect(_, .values) = judge.judge("0.66") else { return XCTFail("\(judge.judge("0.66"))") }
    }

    func testRounding() {
        XCTAssertEqual(NearMiss.rounded(0.693147, significantDigits: 3), 0.693)
        XCTAssertEqual(NearMiss.rounded(1234.5, significantDigits: 2), 1200)
        XCTAssertEqual(NearMiss.rounded(-0.004991593, significantDigits: 4), -0.004992)
        XCTAssertEqual(NearMiss.rounded(0, significantDigits: 2), 0)
        XCTAssertEqual(NearMiss.significantDigits(of: 0.2239), 4)
        XCTAssertEqual(NearMiss.significantDigits(of: 1200), 2)
        XCTAssertEqual(NearMiss.significantDigits(of: 5e-3), 1)
        let e = Tensor(1.204)
        XCTAssertEqual(NearMiss.digits(answer: Tensor(1.2), expected: e, tolerance: .default), 4)
        XCTAssertNil(NearMiss.digits(answer: Tensor(1.3), expected: e, tolerance: .default), "8 % off is not near")
        XCTAssertNil(NearMiss.digits(answer: Tensor(1.204), expected: e, tolerance: .default), "within the tolerance is right")
    }
}
