import XCTest
import VectorLang
@testable import LessonKit

final class PresenterTests: XCTestCase {
    var lesson: Lesson!

    override func setUpWithError() throws {
        lesson = try LessonParser.parse(LessonRunnerTests.text, file: "runner.md")
    }

    /// One press per frame: a step up to its first pause, each derivation block (the header with the
    /// start, then a step at a time, the check with the last), each question and then its answer.
    func testFramesRevealDerivationsStepByStepAndAnswersAfterQuestions() throws {
        let frames = Playback.frames(lesson, in: Session(), derive: FakeDerivations.provider)
        XCTAssertEqual(frames.map { "\($0.step):\($0.firstNew)-\($0.items.count)" },
                       ["1:0-2", "2:0-1", "2:1-2", "2:2-3", "2:3-4", "2:4-5", "2:5-6", "3:0-1", "3:1-2", "3:2-3", "3:3-4"])
        XCTAssertEqual(frames[0].items, [
            .narrative("Look at these."),
            .demo([DemoLine(input: "p = softmax(z)", outputs: [.result("[0.659, 0.2424, 0.09857]")])]),
        ])
        XCTAssertEqual(frames[1].items, [.derivationBlock(FakeBlocks.first)])
        XCTAssertEqual(frames[2].items, [.derivationBlock(FakeBlocks.first), .derivationBlock(FakeBlocks.second)])
        XCTAssertEqual(frames[3].items.last, .derivationBlock(FakeBlocks.last))
        guard case .question(let question) = frames[4].items.last else { return XCTFail("\(frames[4])") }
        XCTAssertEqual(question.prompt, "The diagonal of the Jacobian, in p?")
        XCTAssertEqual(frames[5].items.last, .answer("p * (1 - p)", explanation: "Because of the quotient rule."))
        XCTAssertEqual(frames[6].items.last, .narrative("After the question."))
        XCTAssertEqual(frames[10].items.last, .answer("2. second", explanation: nil))
        XCTAssertTrue(frames.allSatisfy { $0.stepCount == 3 })
        XCTAssertEqual(frames[7].title, "Must answer")
    }

    func testFramesForEveryLessonOfTheCourse() throws {
        for lesson in try LessonLibrary(directory: Paths.lessons).lessons {
            let frames = Playback.frames(lesson, in: Session(), derive: FakeDerivations.provider)
            XCTAssertEqual(Set(frames.map(\.step)), Set(1...lesson.steps.count), lesson.name)
            for frame in frames {
                for item in frame.items {
                    if case .problem(let message) = item { XCTFail(message) }
                }
            }
        }
    }

    /// The student's handout: every output filled in, each question asked and nothing given away.
    func testTheHandoutFillsInEveryOutput() throws {
        let handout = Handout.markdown(lesson, in: Session(), derive: FakeDerivations.provider)
        XCTAssertEqual(handout, """
        # Runner test

        *About 5 minutes.*

        A lesson to drive the runner.

        ## Numbers

        Look at these.

        ```
        jacobi> z = [2, 1, 0.1]
        ```

        ```
        jacobi> p = softmax(z)
        [0.659, 0.2424, 0.09857]
        ```

        ## The diagonal

        Derivation (`:derive softmax`):

        ```
        derivation of softmax
          start
        [1] a rule
          = a step
        [2] a rule
          = the result
        check: fine
        ```

        **Question.** The diagonal of the Jacobian, in p?

        After the question.

        ## Must answer

        **Question.** sum(p)?

        **Question.** Pick the second.

        1. first
        2. second

        """)
    }

    /// The teacher's handout: under each question its answer, hints, expected mistakes and explanation.
    func testTheTeachersHandoutHasTheAnswers() throws {
        let handout = Handout.markdown(lesson, in: Session(), derive: FakeDerivations.provider, options: Handout.Options(teacher: true))
        XCTAssertTrue(handout.contains("*About 5 minutes; teacher's version, with the answers.*"), handout)
        XCTAssertTrue(handout.contains("""
            **Question.** The diagonal of the Jacobian, in p?

            **Answer:** `p * (1 - p)`

            **Hints**, in the order `:hint` gives them:

            1. First hint.
            2. Second hint.

            **Expected mistakes** and what the learner is told:

            - `p`: That is p itself.

            **Explanation:** Because of the quotient rule.

            After the question.
            """), handout)
        XCTAssertTrue(handout.contains("**Question.** sum(p)?\n\n**Answer:** `1`\n\n**Question.** Pick the second."), handout)
        XCTAssertTrue(handout.hasSuffix("""
            1. first
            2. second

            **Answer:** 2. second

            **Expected mistakes** and what the learner is told:

            - choice 1, first: Not the first.

            """), handout)
    }

    /// Derivations given as LaTeX become display maths, with the check under them as text.
    func testLaTeXDerivationsAreDisplayMaths() throws {
        let latex: DerivationProvider = { _, _ in
            DerivationBlocks(header: ["% The title\n% where q = softmax(z)\n\\begin{align*}\n  x\n  &= y && \\text{a rule}\n\\end{align*}"],
                             footer: ["", "check: fine"])
        }
        let handout = Handout.markdown(lesson, in: Session(), derive: latex, options: Handout.Options(latexDerivations: true))
        XCTAssertTrue(handout.contains("""
            Derivation (`:derive softmax`):

            $$
            \\begin{aligned}
              x
              &= y && \\text{a rule}
            \\end{aligned}
            $$

            where `q = softmax(z)`.

            check: fine
            """), handout)
    }

    /// The handout of a lesson whose derivation fails says so in place, rather than failing.
    func testAHandoutWithoutAnEngineMarksTheProblem() {
        let handout = Handout.markdown(lesson, in: Session(), derive: nil)
        XCTAssertTrue(handout.contains("> **Problem:** runner.md:22: derive softmax: no derivation engine is available"), handout)
    }
}
