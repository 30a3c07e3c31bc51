import XCTest
import VectorLang
@testable import LessonKit

/// A learner answering the four questions that used to accept what they should not (issue 15), in
/// `Fixtures/Judging/01-rules.md`: `allow:`, `require:` and `forbid:`, arities, and the learner's own
/// definitions and functions read through.
final class AnswerRulesTests: XCTestCase {
    func testInZAloneOnlyZMayBeUsed() throws {
        let runner = try JudgingFixtures.runner("01-rules.md")
        XCTAssertEqual(runner.told("p[1] / p[3]"), .incorrect(feedback: "The question asks for an answer using only z: p is not allowed."))
        XCTAssertEqual(runner.savedAttempts, 1, "right in value, but an answer: it counts")
        // A name the lesson set stays a name: r is not read as p[1] / p[3].
        XCTAssertEqual(runner.told("r"), .incorrect(feedback: "The question asks for an answer using only z: r is not allowed."))
        XCTAssertEqual(runner.told("softmax(z)[1] / softmax(z)[3]"),
                       .incorrect(feedback: "The question asks for an answer without softmax: yours uses it."))
        // Builtins stay usable, and the learner's own names are read as what they stand for.
        XCTAssertEqual(runner.told("w = exp(z)"), .looked)
        XCTAssertEqual(runner.told("w[1] / w[3]"), .correct(explanation: nil))
    }

    func testADefinitionOfTheLearnersIsReadThrough() throws {
        let runner = try JudgingFixtures.runner("01-rules.md")
        _ = runner.submit("q := p")
        XCTAssertEqual(runner.told("q[1] / q[3]"),
                       .incorrect(feedback: "The question asks for an answer using only z: p is not allowed, in your definition of q."))
        // Index notation counts as the name it indexes.
        XCTAssertEqual(runner.told("p_1 / p_3"), .incorrect(feedback: "The question asks for an answer using only z: p is not allowed."))
        XCTAssertEqual(runner.told("exp(z_1 - z_3)"), .correct(explanation: nil))
    }

    func testSoftmaxWithOneArgument() throws {
        let runner = try JudgingFixtures.runner("01-rules.md", step: 1)
        XCTAssertEqual(runner.told("softmax(z, T)"),
                       .incorrect(feedback: "The question asks for an answer that does not call softmax with two arguments: yours does."))
        // Answering with a name bound to it is caught too, and the feedback says where.
        XCTAssertEqual(runner.told("a = softmax(z, T)"), .looked)
        XCTAssertEqual(runner.told("a"), .incorrect(
            feedback: "The question asks for an answer that does not call softmax with two arguments: yours does, in your definition of a."))
        XCTAssertEqual(runner.savedAttempts, 2, "a bare name whose value is right counts: the rule, not the value, refuses it")
        // So is a function value under another name, called with two arguments.
        _ = runner.submit("s = softmax")
        XCTAssertEqual(runner.told("s(z, T)"), .incorrect(
            feedback: "The question asks for an answer that does not call softmax with two arguments: yours does, in your definition of s."))
        XCTAssertEqual(runner.told("exp(z / T) / sum(exp(z / T))"),
                       .incorrect(feedback: "The question asks for an answer using softmax with one argument: yours does not use softmax."))
        XCTAssertEqual(runner.told("s(z / T)"), .correct(explanation: nil))
    }

    func testARequiredArityNamesTheCallThatWasMadeInstead() {
        let question = Question(line: 1, prompt: "?", kind: .expression(expected: "softmax(z / T)"), variations: [Variation(name: "z")],
                                rules: AnswerRules(require: [NameRule("softmax", arity: 1)]))
        let judge = AnswerJudge(question: question, lessonLines: [SourceLine("z = [2, 1, 0.1]", line: 1), SourceLine("T = 0.5", line: 2)], seed: 7)
        let broken = BrokenRule.missing(NameRule("softmax", arity: 1), instead: NameUse(name: "softmax", arity: 2))
        XCTAssertEqual(judge.judge("softmax(z, T)"), .incorrect(
            feedback: "The question asks for an answer using softmax with one argument: yours calls softmax with two arguments.",
            reason: .brokenRule(broken, rightValue: true)))
        XCTAssertEqual(judge.judge("softmax(z / T)"), .correct)
    }

    func testUsingJAndG() throws {
        let runner = try JudgingFixtures.runner("01-rules.md", step: 2)
        XCTAssertEqual(runner.told("p - y"), .incorrect(feedback: "The question asks for an answer using only J and g: p is not allowed."))
        // A wrong value that breaks the rule is told the rule; a bare name with a wrong value is a look.
        XCTAssertEqual(runner.told("2 * y"), .incorrect(feedback: "The question asks for an answer using only J and g: y is not allowed."))
        XCTAssertEqual(runner.told("y"), .looked)
        XCTAssertEqual(runner.savedAttempts, 2)
        XCTAssertEqual(runner.told("transpose(J) @ g"), .correct(explanation: nil))
    }

    func testUsingAbsThroughAFunctionOfTheLearners() throws {
        let runner = try JudgingFixtures.runner("01-rules.md", step: 3)
        XCTAssertEqual(runner.told("step(x)"), .incorrect(feedback: "The question asks for an answer without step: yours uses it."))
        XCTAssertEqual(runner.told("h(v) = step(v)"), .looked)
        XCTAssertEqual(runner.told("h(x)"), .incorrect(feedback: "The question asks for an answer without step: yours uses it, in your definition of h."))
        XCTAssertEqual(runner.told("(1 + x / sqrt(x^2)) / 2"),
                       .incorrect(feedback: "The question asks for an answer using abs: yours does not use abs."))
        _ = runner.submit("f(v) = abs(v)")
        XCTAssertEqual(runner.told("(1 + x / f(x)) / 2"), .correct(explanation: nil))
        XCTAssertEqual(runner.progress.questions["4.1"], QuestionRecord(outcome: .correct, attempts: 3))
    }

    /// `a = a + a` sixty times doubles the expression each time; each binding is read once, so the
    /// check takes sixty steps, not 2⁶⁰.
    func testAChainOfSelfReferencesIsReadOnce() {
        let question = Question(line: 1, prompt: "?", kind: .expression(expected: "z"), rules: AnswerRules(allow: [NameRule("z")]))
        let judge = AnswerJudge(question: question, lessonLines: [SourceLine("z = [2, 1, 0.1]", line: 1)], seed: 1)
        let history = [HistoryLine("z = [2, 1, 0.1]", byLearner: false), HistoryLine("a = z", byLearner: true)]
            + Array(repeating: HistoryLine("a = a + a", byLearner: true), count: 60)
        XCTAssertNil(judge.brokenRule(in: "a", history: history))
        let tainted = history + [HistoryLine("b = 2", byLearner: false), HistoryLine("a = a + b", byLearner: true)]
        XCTAssertEqual(judge.brokenRule(in: "a", history: tainted),
                       .notAllowed(allowed: [NameRule("z")], used: NameUse(name: "b", via: "a")))
    }

    func testTheRulesAreReadFromTheLessonFile() throws {
        let questions = try JudgingFixtures.lesson("01-rules.md").questions.map(\.question)
        XCTAssertEqual(questions[0].rules.allow, [NameRule("z")])
        XCTAssertEqual(questions[1].rules.require, [NameRule("softmax", arity: 1)])
        XCTAssertEqual(questions[1].rules.forbid, [NameRule("naive_softmax"), NameRule("softmax", arity: 2)])
        XCTAssertEqual(questions[2].rules.allow, [NameRule("J"), NameRule("g")])
        XCTAssertEqual(questions[3].rules.require, [NameRule("abs")])
        let bad = "# B\n- minutes: 1\n\n## S\n```jacobi question\nask: ?\nexpect: 1\nallow: z/x\n```\n"
        XCTAssertThrowsError(try LessonParser.parse(bad, file: "b.md")) { error in
            XCTAssertEqual("\(error)", "b.md:8: expected names separated by commas after 'allow:', each optionally with its number of arguments (softmax/1); got 'z/x'")
        }
    }

    /// The fixture's expected answers and equivalents keep their rules: the author's check passes.
    func testTheAuthorsCheckPassesTheFixtures() throws {
        let report = LessonChecker(derive: FakeDerivations.provider).check(try LessonLibrary(directory: JudgingFixtures.folder))
        XCTAssertTrue(report.passed, report.text)
    }
}
