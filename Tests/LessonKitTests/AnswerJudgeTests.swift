import XCTest
import VectorLang
@testable import LessonKit

final class AnswerJudgeTests: XCTestCase {
    static let setup = [SourceLine("z = [2, 1, 0.1]", line: 1), SourceLine("p = softmax(z)", line: 2)]

    func judge(_ expected: String, vary: [Variation] = [Variation(name: "z")], tolerance: Tolerance = .default,
               mistakes: [Mistake] = [], rules: AnswerRules = .none, lines: [SourceLine] = setup) -> AnswerJudge {
        let question = Question(line: 10, prompt: "?", kind: .expression(expected: expected), variations: vary,
                                tolerance: tolerance, mistakes: mistakes, rules: rules)
        return AnswerJudge(question: question, lessonLines: lines, seed: 42)
    }

    func testEveryCorrectFormPasses() {
        let j = judge("p * (1 - p)")
        for answer in ["p * (1 - p)", "p - p^2", "(p * (1 - p))'", "(p * (1 - p))''", "p - p * p", "-(p^2 - p)", "softmax(z) * (1 - softmax(z))", "diag(jacobian(softmax, z))"] {
            XCTAssertEqual(j.judge(answer), .correct, answer)
        }
    }

    func testTheFullJacobianInAnyForm() {
        let j = judge("diag(p) - outer(p, p)")
        for answer in ["diag(p) - outer(p, p)", "jacobian(softmax, z)", "diag(p) @ (eye(3) - outer(ones(3), p))",
                       "diag(p) - outer(p, p)'", "(diag(z) - diag(z) + diag(p)) - outer(p, p)"] {
            XCTAssertEqual(j.judge(answer), .correct, answer)
        }
    }

    func testAWrongFormFails() {
        let j = judge("p * (1 - p)")
        guard case .incorrect(let feedback, .values) = j.judge("p * (1 + p)") else { return XCTFail() }
        XCTAssertEqual(feedback, "Not quite: the shape is right, but 3 of 3 entries differ (the first at 1).")
        guard case .incorrect(_, .values) = j.judge("p * (1 - p) + 1e-3") else { return XCTFail() }
    }

    func testTheShapeIsNamedWhenItIsWrong() {
        let j = judge("diag(p) - outer(p, p)")
        XCTAssertEqual(j.judge("p * (1 - p)"),
                       .incorrect(feedback: "The answer is a 3×3 matrix; yours is a vector of 3.", reason: .shape))
        XCTAssertEqual(j.judge("sum(p)"),
                       .incorrect(feedback: "The answer is a 3×3 matrix; yours is a single number.", reason: .shape))
        XCTAssertEqual(j.judge("softmax"),
                       .incorrect(feedback: "Your answer cannot be checked: it is a function, not numbers.", reason: .error))
    }

    func testExpectedMistakesGetTheirFeedback() {
        let j = judge("diag(p) - outer(p, p)", mistakes: [
            Mistake(expression: "diag(p * (1 - p))", feedback: "That's only the diagonal.", line: 11),
            Mistake(expression: "outer(p, p) - diag(p)", feedback: "The sign is flipped.", line: 12),
        ])
        XCTAssertEqual(j.judge("diag(p - p^2)"), .incorrect(feedback: "That's only the diagonal.", reason: .mistake(0)))
        XCTAssertEqual(j.judge("-(diag(p) - outer(p, p))"), .incorrect(feedback: "The sign is flipped.", reason: .mistake(1)))
    }

    /// Numbers typed in are right at the lesson's values only; the random points catch that.
    func testNumbersTypedInAreRightOnlyAtTheLessonsValues() {
        let j = judge("p * (1 - p)")
        guard case .incorrect(let feedback, .onlyAtLessonValues) = j.judge("[0.2247186, 0.1836592, 0.0888507]") else {
            return XCTFail("\(j.judge("[0.2247186, 0.1836592, 0.0888507]"))")
        }
        XCTAssertTrue(feedback.contains("not for other values of z"), feedback)
        // With nothing varied, a number within the tolerance is simply right.
        let numeric = judge("p[1] * (1 - p[1])", vary: [], tolerance: .mixed(1e-3))
        XCTAssertEqual(numeric.judge("0.2247"), .correct)
        XCTAssertEqual(numeric.judge("0.225"), .correct)
        XCTAssertEqual(numeric.judge("0.23").isCorrect, false)
    }

    func testTolerance() {
        XCTAssertTrue(Tolerance.mixed(1e-3).accepts(1000.5, 1000))
        XCTAssertFalse(Tolerance.mixed(1e-3).accepts(1002, 1000))
        XCTAssertTrue(Tolerance.mixed(1e-3).accepts(0.0005, 0))
        XCTAssertTrue(Tolerance.relative(0.01).accepts(99.5, 100))
        XCTAssertFalse(Tolerance.relative(0.01).accepts(98, 100))
        XCTAssertTrue(Tolerance.default.accepts(.nan, .nan))
        XCTAssertTrue(Tolerance.default.accepts(.infinity, .infinity))
        XCTAssertFalse(Tolerance.default.accepts(.infinity, 1e300))
        let loose = judge("p[1]", vary: [], tolerance: .relative(0.01))
        XCTAssertEqual(loose.judge("0.655"), .correct)
        XCTAssertEqual(loose.judge("0.64").isCorrect, false)
    }

    /// Dependent definitions follow the varied variable: p is recomputed from each random z.
    func testDependentDefinitionsFollowTheVariedVariable() {
        let j = judge("p")
        XCTAssertEqual(j.judge("softmax(z)"), .correct)
        XCTAssertEqual(j.judge("exp(z) / sum(exp(z))"), .correct)
        XCTAssertEqual(j.judge("softmax(z - max(z))"), .correct)
        XCTAssertEqual(j.judge("softmax(z + 1)"), .correct)
        XCTAssertEqual(j.judge("softmax(2 * z)").isCorrect, false)
    }

    func testDistributions() {
        let random = RandomSource(seed: 7)
        let like = Tensor(shape: [2, 4], scalars: Array(repeating: 0, count: 8))
        let simplex = Variation(name: "p", distribution: .simplex).sample(like: like, random: random)
        for r in 0..<2 {
            let row = simplex.row(r)
            XCTAssertEqual(row.reduce(0, +), 1, accuracy: 1e-12)
            XCTAssertTrue(row.allSatisfy { $0 > 0 })
        }
        let onehot = Variation(name: "y", distribution: .onehot).sample(like: like, random: random)
        for r in 0..<2 { XCTAssertEqual(onehot.row(r).sorted(), [0, 0, 0, 1]) }
        let uniform = Variation(name: "x", distribution: .uniform(lower: 0.5, upper: 0.75)).sample(like: like, random: random)
        XCTAssertEqual(uniform.shape, [2, 4])
        XCTAssertTrue(uniform.scalars.allSatisfy { $0 >= 0.5 && $0 <= 0.75 })
    }

    func testVaryingAOneHotTargetKeepsItOneHot() {
        let lines = Self.setup + [SourceLine("y = onehot(1, 3)", line: 3)]
        let j = judge("p - y", vary: [Variation(name: "z"), Variation(name: "y", distribution: .onehot)], lines: lines)
        XCTAssertEqual(j.judge("grad(v -> cross_entropy(softmax(v), y), z)"), .correct)
        XCTAssertEqual(j.judge("softmax(z) - y"), .correct)
        XCTAssertEqual(j.judge("p - onehot(1, 3)"), .incorrect(
            feedback: "That is right at the lesson's values, but not for other values of z, y: write an expression that holds for any z, y, in the lesson's variables rather than numbers.",
            reason: .onlyAtLessonValues))
    }

    func testForbiddenNames() {
        let rule = NameRule("jacobian")
        let j = judge("diag(p) - outer(p, p)", rules: AnswerRules(forbid: [rule, NameRule("numjacobian")]))
        XCTAssertEqual(j.judge("jacobian(softmax, z)"), .incorrect(
            feedback: "The question asks for an answer without jacobian: yours uses it.",
            reason: .brokenRule(.forbidden(rule, used: NameUse(name: "jacobian")), rightValue: true)))
        XCTAssertEqual(j.judge("diag(p) - outer(p, p)"), .correct)
    }

    /// The learner's own definitions are replayed, at every point, before their answer is evaluated.
    func testTheLearnersOwnDefinitionsCount() {
        let j = judge("diag(p) - outer(p, p)")
        let history = (Self.setup.map(\.text) + ["q = outer(p, p)", "d(v) = diag(v)"]).map { HistoryLine($0, byLearner: true) }
        XCTAssertEqual(j.judge("d(p) - q", history: history), .correct)
        // A value the learner froze at the lesson's numbers does not follow z.
        let frozen = (Self.setup.map(\.text) + ["q = outer([0.659, 0.2424, 0.09857], [0.659, 0.2424, 0.09857])"]).map { HistoryLine($0, byLearner: true) }
        guard case .incorrect(_, let reason) = j.judge("diag(p) - q", history: frozen) else { return XCTFail() }
        XCTAssertEqual(reason, .values, "not equal within 1e-6 even at the lesson's values: the numbers were rounded")
    }

    /// A learner who went `:back` ran the lesson's lines twice; the random points must not change.
    func testLinesRunTwiceSeeTheSameRandomValues() {
        let j = judge("p * (1 - p)")
        let twice = (Self.setup.map(\.text) + Self.setup.map(\.text)).map { HistoryLine($0, byLearner: false) }
        XCTAssertEqual(j.judge("p - p^2", history: twice), .correct)
        // A lesson that assigns two different values gets two different random ones.
        let lines = Self.setup + [SourceLine("z = [1000, 999, 998]", line: 3), SourceLine("p = softmax(z)", line: 4)]
        let later = judge("p", lines: lines)
        XCTAssertEqual(later.judge("softmax(z)"), .correct)
        XCTAssertEqual(later.judge("softmax([1000, 999, 998])").isCorrect, false)
    }

    func testChoices() {
        let question = Question(line: 1, prompt: "Pick", kind: .choice([
            Choice(text: "a", isCorrect: false, feedback: "Not a.", line: 2),
            Choice(text: "b", isCorrect: true, line: 3),
            Choice(text: "c", isCorrect: false, line: 4),
        ]))
        let j = AnswerJudge(question: question, lessonLines: [], seed: 1)
        XCTAssertEqual(j.judge("2"), .correct)
        XCTAssertEqual(j.judge("b"), .correct, "a choice's words pick it")
        XCTAssertEqual(j.judge("1"), .incorrect(feedback: "Not a.", reason: .wrongChoice(0)))
        XCTAssertEqual(j.judge("3"), .incorrect(feedback: "Not that one.", reason: .wrongChoice(2)))
        XCTAssertEqual(j.judge("4"), .incorrect(feedback: "Type the number of your choice, 1 to 3, or its words.", reason: .notAChoice))
        XCTAssertEqual(j.judge("1 + 1").isCorrect, false, "a choice is picked by its number, not by arithmetic")
        XCTAssertEqual(j.judge("1.5").isCorrect, false)
        XCTAssertEqual(j.judge("[1, 2]").isCorrect, false)
    }

    func testTheSameQuestionGivesTheSameVerdictEveryRun() {
        let a = judge("p * (1 - p)").judge("p * (1 - p) + 0.01 * z^2")
        let b = judge("p * (1 - p)").judge("p * (1 - p) + 0.01 * z^2")
        XCTAssertEqual(a, b)
    }

    func testReferenceProblemsAreReported() {
        let unassigned = judge("x + 1", vary: [Variation(name: "x")])
        XCTAssertEqual(unassigned.referenceProblems.map(\.message).first, "'vary: x', but no line before the question assigns x")
        let broken = judge("nosuch(p)")
        XCTAssertTrue(broken.referenceProblems.contains { $0.message.contains("the expected answer fails at the lesson's values: unknown name 'nosuch'") },
                      "\(broken.referenceProblems)")
    }
}
