import XCTest
import VectorLang
@testable import LessonKit

final class LessonRunnerTests: XCTestCase {
    static let text = """
    # Runner test

    - minutes: 5

    A lesson to drive the runner.

    ## Numbers

    Look at these.

    ```jacobi setup
    z = [2, 1, 0.1]
    ```

    ```jacobi
    p = softmax(z)
    ```

    ## The diagonal

    ```jacobi derive
    softmax
    ```

    ```jacobi question
    ask: The diagonal of the Jacobian, in p?
    expect: p * (1 - p)
    vary: z
    hint: First hint.
    hint: Second hint.
    mistake: p -> That is p itself.
    explain: Because of the quotient rule.
    ```

    After the question.

    ## Must answer

    ```jacobi question
    ask: sum(p)?
    expect: 1
    skip: no
    ```

    ```jacobi question
    ask: Pick the second.
    - [ ] first -> Not the first.
    - [x] second
    ```
    """

    var lesson: Lesson!

    override func setUpWithError() throws {
        lesson = try LessonParser.parse(Self.text, file: "runner.md")
    }

    func testAWholeRunWithEveryCommand() throws {
        let session = Session()
        let runner = LessonRunner(lesson: lesson, session: session, derive: FakeDerivations.provider)
        var events = runner.start()
        XCTAssertEqual(events, [
            .step(number: 1, of: 3, title: "Numbers"),
            .checkpoint(LessonProgress(lesson: "runner", step: 0, stepCount: 3)),
            .narrative("Look at these."),
            .demo([DemoLine(input: "p = softmax(z)", outputs: [.result("[0.659, 0.2424, 0.09857]")])]),
            .awaitingNext(last: false),
        ])
        XCTAssertEqual(runner.perform(.hint), [.notice("There is no question open; :next to continue.")])
        XCTAssertEqual(runner.perform(.back), [.notice("This is the first step.")])

        events = runner.perform(.next)
        let question = try XCTUnwrap(lesson.steps[1].questions.first)
        XCTAssertEqual(events, [
            .step(number: 2, of: 3, title: "The diagonal"),
            .checkpoint(LessonProgress(lesson: "runner", step: 1, stepCount: 3)),
            .derivation(arguments: "softmax", lines: FakeBlocks.first),
            .awaitingDerivationStep,
        ])
        // :next shows the rest of the derivation at once, then the question after it.
        XCTAssertEqual(runner.perform(.next), [.derivationStep(FakeBlocks.second), .derivationStep(FakeBlocks.last), .question(question, answered: false)])
        XCTAssertEqual(runner.openQuestion, question)
        XCTAssertEqual(runner.perform(.next),
                       [.notice("Answer the question first: type an expression at the prompt; :hint for a hint, or :skip to see the answer.")])

        // Exploring is not answering: assignments print and are only looked at, errors only show the error.
        XCTAssertEqual(runner.submit("q = p * (1 - p)"), [.output(.result("[0.2247, 0.1837, 0.08885]")), .looked])
        let error = runner.submit("nosuch(p)")
        XCTAssertEqual(error.count, 1)
        guard case .output(.error) = error[0] else { return XCTFail("\(error)") }

        // A bare name the lesson names as a mistake is an answer; each attempt and hint is saved at once.
        var progress = LessonProgress(lesson: "runner", step: 1, stepCount: 3, unanswered: ["2.1": QuestionRecord.Tries(attempts: 1)])
        XCTAssertEqual(runner.submit("p"), [.output(.result("[0.659, 0.2424, 0.09857]")), .incorrect(feedback: "That is p itself."), .checkpoint(progress)])
        progress.unanswered["2.1"]?.hints = 1
        XCTAssertEqual(runner.perform(.hint), [.hint("First hint.", number: 1, of: 2), .checkpoint(progress)])
        progress.unanswered["2.1"]?.hints = 2
        XCTAssertEqual(runner.perform(.hint), [.hint("Second hint.", number: 2, of: 2), .checkpoint(progress)])
        XCTAssertEqual(runner.perform(.hint), [.notice("That was the last hint; :skip shows the answer.")])
        XCTAssertEqual(runner.perform(.show).suffix(3), [
            .question(question, answered: false), .hint("First hint.", number: 1, of: 2), .hint("Second hint.", number: 2, of: 2),
        ])

        // A correct answer in the learner's own terms (q was defined above) and another form.
        events = runner.submit("q")
        progress = LessonProgress(lesson: "runner", step: 1, stepCount: 3,
                                  questions: ["2.1": QuestionRecord(outcome: .correct, attempts: 1, hints: 2)])
        XCTAssertEqual(events, [
            .output(.result("[0.2247, 0.1837, 0.08885]")),
            .correct(explanation: "Because of the quotient rule."),
            .checkpoint(progress),
            .narrative("After the question."),
            .awaitingNext(last: false),
        ])
        XCTAssertEqual(runner.submit("p - p^2"), [.output(.result("[0.2247, 0.1837, 0.08885]"))], "after ✓ nothing is judged")
        XCTAssertEqual(runner.progress, progress, "practice after the answer changes nothing")

        events = runner.perform(.next)
        XCTAssertEqual(events.first, .step(number: 3, of: 3, title: "Must answer"))
        XCTAssertEqual(runner.perform(.skip), [.notice("This question cannot be skipped; :hint for a hint.")])
        XCTAssertEqual(runner.perform(.hint), [.notice("This question has no hints.")])
        XCTAssertEqual(runner.perform(.next),
                       [.notice("Answer the question first: type an expression at the prompt; :hint for a hint (this one cannot be skipped).")])
        events = runner.submit("sum(p)")
        progress.step = 2
        progress.questions["3.1"] = QuestionRecord(outcome: .correct)
        guard case .question(let choice, answered: false) = events.last else { return XCTFail("\(events)") }
        XCTAssertEqual(choice.answerText, "2. second")
        // A choice's number is not run: only the verdict shows. A number that is no choice is not an attempt.
        progress.unanswered["3.2"] = QuestionRecord.Tries(attempts: 1)
        XCTAssertEqual(runner.submit("1"), [.incorrect(feedback: "Not the first."), .checkpoint(progress)])
        XCTAssertEqual(runner.submit("7"), [.chooseAgain("There is no choice 7: type a choice's number, 1 to 2, or its words.", choice)])
        events = runner.perform(.skip)
        progress.unanswered = [:]
        progress.questions["3.2"] = QuestionRecord(outcome: .skipped, attempts: 1)
        XCTAssertEqual(events, [.skipped(answer: "2. second", explanation: nil), .checkpoint(progress), .awaitingNext(last: true)])

        // Back to step 2: its derivation is revealed again; its question is answered, so it does not hold up :next.
        XCTAssertEqual(runner.perform(.back).last, .awaitingDerivationStep)
        events = runner.perform(.next)
        XCTAssertTrue(events.contains(.question(question, answered: true)), "\(events)")
        XCTAssertEqual(events.last, .awaitingNext(last: false))
        XCTAssertEqual(runner.perform(.next).first, .step(number: 3, of: 3, title: "Must answer"))

        events = runner.perform(.next)
        progress.step = 0
        progress.completed = true
        XCTAssertEqual(events, [.checkpoint(progress), .finished(LessonSummary(questions: 3, firstTry: 1, correct: 2, skipped: 1, hints: 2))])
        XCTAssertEqual(runner.state, .finished)
        XCTAssertEqual(runner.perform(.next), [.notice("The lesson is finished.")])
    }

    /// Resuming replays the earlier steps' lines silently, so their variables exist in a new session.
    func testResumeAtASavedStep() throws {
        let first = LessonRunner(lesson: lesson, session: Session(), derive: FakeDerivations.provider)
        _ = first.start()
        _ = first.perform(.next)
        XCTAssertEqual(first.perform(.quit), [.checkpoint(LessonProgress(lesson: "runner", step: 1, stepCount: 3)), .quit])
        XCTAssertEqual(first.state, .quit)

        let session = Session()
        let second = LessonRunner(lesson: lesson, session: session, progress: first.progress, derive: FakeDerivations.provider)
        XCTAssertEqual(second.resumeStep, 1)
        let events = second.start()
        XCTAssertEqual(events.first, .step(number: 2, of: 3, title: "The diagonal"))
        XCTAssertEqual(session.submit("p"), [.result("[0.659, 0.2424, 0.09857]")])
        XCTAssertEqual(events.last, .awaitingDerivationStep, "the step's derivation begins again")
        _ = second.perform(.next)
        XCTAssertTrue(second.submit("p * (1 - p)").contains(.correct(explanation: "Because of the quotient rule.")))
    }

    func testADerivationWithoutAnEngineIsAProblemNotACrash() {
        let runner = LessonRunner(lesson: lesson, session: Session())
        let events = runner.start(at: 1)
        XCTAssertTrue(events.contains(.problem("runner.md:22: no derivation engine is available for 'derive softmax'")), "\(events)")
        XCTAssertNotNil(runner.openQuestion)
    }

    func testAFailingDemoLineIsReportedWithItsLine() throws {
        let broken = try LessonParser.parse("# B\n- minutes: 1\n\n## S\n```jacobi\nz = [1, 2]\nz[5]\n```\n", file: "b.md")
        let events = LessonRunner(lesson: broken, session: Session()).start()
        XCTAssertTrue(events.contains(.problem("b.md:7: this demo line failed")), "\(events)")
    }

    /// After the shell clears the session, the lesson's variables can be restored.
    func testRestoringTheLessonsVariables() {
        let session = Session()
        let runner = LessonRunner(lesson: lesson, session: session, derive: FakeDerivations.provider)
        _ = runner.start(at: 1)
        session.environment.removeAll()
        XCTAssertEqual(runner.restoreLessonVariables(), [])
        XCTAssertEqual(session.submit("p"), [.result("[0.659, 0.2424, 0.09857]")])
    }

    func testCommandsParse() {
        XCTAssertEqual(LessonCommand(":next"), .next)
        XCTAssertEqual(LessonCommand("  :hint "), .hint)
        XCTAssertEqual(LessonCommand("skip"), .skip)
        XCTAssertNil(LessonCommand(":vars"))
        XCTAssertEqual(LessonCommand(":done"), .done)
        XCTAssertEqual(LessonCommand.allCases.count, 7)
    }
}

/// A derivation revealed a step at a time: Enter (`proceed`) shows one block, `:next` the rest, and
/// what comes after it in the step waits until it is all on the screen.
final class DerivationRevealTests: XCTestCase {
    var lesson: Lesson!
    var question: Question!
    let header = LessonEvent.step(number: 2, of: 3, title: "The diagonal")

    override func setUpWithError() throws {
        lesson = try LessonParser.parse(LessonRunnerTests.text, file: "runner.md")
        question = try XCTUnwrap(lesson.steps[1].questions.first)
    }

    private func runnerAtTheDerivation(stepByStep: Bool = true) -> LessonRunner {
        let runner = LessonRunner(lesson: lesson, session: Session(), derive: FakeDerivations.provider, stepByStep: stepByStep)
        _ = runner.start()
        return runner
    }

    func testEnterRevealsOneStepAtATimeAndHoldsTheQuestion() {
        let runner = runnerAtTheDerivation()
        XCTAssertEqual(runner.perform(.next).suffix(2), [.derivation(arguments: "softmax", lines: FakeBlocks.first), .awaitingDerivationStep])
        XCTAssertNil(runner.openQuestion, "the question after the derivation is not asked yet")
        XCTAssertEqual(runner.proceed(), [.derivationStep(FakeBlocks.second), .awaitingDerivationStep])
        XCTAssertNil(runner.openQuestion)
        XCTAssertEqual(runner.proceed(), [.derivationStep(FakeBlocks.last), .question(question, answered: false)])
        XCTAssertEqual(runner.openQuestion, question)
        // With the derivation shown, Enter is :next again, and the question holds it up.
        XCTAssertEqual(runner.proceed(), runner.perform(.next))
        XCTAssertEqual(runner.stepIndex, 1)
    }

    func testNextShowsTheRestAtOnceAfterSomeSteps() {
        let runner = runnerAtTheDerivation()
        _ = runner.perform(.next)
        _ = runner.proceed()
        XCTAssertEqual(runner.perform(.next), [.derivationStep(FakeBlocks.last), .question(question, answered: false)])
    }

    /// Language lines mid-reveal run in the session (exploring is allowed) and leave the reveal where it was.
    func testExploringDuringARevealDoesNotAdvanceIt() {
        let runner = runnerAtTheDerivation()
        _ = runner.perform(.next)
        XCTAssertEqual(runner.submit("q = p * (1 - p)"), [.output(.result("[0.2247, 0.1837, 0.08885]"))])
        XCTAssertEqual(runner.submit("p * (1 - p)"), [.output(.result("[0.2247, 0.1837, 0.08885]"))],
                       "no verdict: the question is not asked yet")
        XCTAssertEqual(runner.perform(.hint), [.notice("There is no question open; :next to continue.")])
        XCTAssertEqual(runner.proceed(), [.derivationStep(FakeBlocks.second), .awaitingDerivationStep])
        XCTAssertEqual(runner.session.submit("q"), [.result("[0.2247, 0.1837, 0.08885]")], "the learner's variable stays")
    }

    func testShowRepeatsWhatIsRevealedWithOneHint() {
        let runner = runnerAtTheDerivation()
        _ = runner.perform(.next)
        _ = runner.proceed()
        XCTAssertEqual(runner.perform(.show), [
            header, .derivation(arguments: "softmax", lines: FakeBlocks.first), .derivationStep(FakeBlocks.second), .awaitingDerivationStep,
        ])
        _ = runner.proceed()
        XCTAssertEqual(runner.perform(.show), [
            header, .derivation(arguments: "softmax", lines: FakeBlocks.first), .derivationStep(FakeBlocks.second),
            .derivationStep(FakeBlocks.last), .question(question, answered: false),
        ])
    }

    func testBackAndMovingOnResetTheReveal() {
        let runner = runnerAtTheDerivation()
        _ = runner.perform(.next)
        _ = runner.proceed()
        XCTAssertEqual(runner.perform(.back).first, .step(number: 1, of: 3, title: "Numbers"))
        // Step 1 has nothing to reveal, so Enter goes on, and the derivation starts again from its header.
        let again = runner.proceed()
        XCTAssertEqual(again.first, header)
        XCTAssertEqual(again.suffix(2), [.derivation(arguments: "softmax", lines: FakeBlocks.first), .awaitingDerivationStep])
        XCTAssertEqual(runner.proceed(), [.derivationStep(FakeBlocks.second), .awaitingDerivationStep])
    }

    /// Without step-by-step (a pipe), the derivation is shown whole and an empty line is :next.
    func testWithoutStepByStepTheDerivationIsWhole() {
        let runner = runnerAtTheDerivation(stepByStep: false)
        let events = runner.proceed()
        XCTAssertEqual(events.suffix(2), [
            .derivation(arguments: "softmax", lines: FakeBlocks.first + FakeBlocks.second + FakeBlocks.last), .question(question, answered: false),
        ])
    }

    /// A derivation with nothing to reveal (another format, the catalog list) is shown at once.
    func testASingleBlockIsNotRevealed() {
        let runner = LessonRunner(lesson: lesson, session: Session(), derive: { _, _ in DerivationBlocks(header: ["\\frac{a}{b}"]) })
        XCTAssertEqual(runner.start(at: 1).suffix(2), [.derivation(arguments: "softmax", lines: ["\\frac{a}{b}"]), .question(question, answered: false)])
    }

    func testRevealsGroupTheHeaderWithTheStartAndTheCheckWithTheLastStep() {
        XCTAssertEqual(DerivationBlocks(header: ["h"], steps: [["s0"], ["s1"], ["s2"]], footer: ["f"]).reveals, [["h", "s0"], ["s1"], ["s2", "f"]])
        XCTAssertEqual(DerivationBlocks(header: ["h"], steps: [["s0"]], footer: ["f"]).reveals, [["h", "s0", "f"]])
        XCTAssertEqual(DerivationBlocks(header: ["a", "b"]).reveals, [["a", "b"]])
        XCTAssertEqual(DerivationBlocks(header: ["h"], steps: [["s0"], ["s1"]], footer: ["f"]).lines, ["h", "s0", "s1", "f"])
    }
}

final class LastStatementTests: XCTestCase {
    func testTheAnswerIsTheLastStatement() {
        XCTAssertEqual(LessonRunner.lastStatement(of: "p * (1 - p)"), "p * (1 - p)")
        XCTAssertEqual(LessonRunner.lastStatement(of: "q = p; (diag(q) - outer(q, q))  # the Jacobian"), " (diag(q) - outer(q, q))")
        XCTAssertEqual(LessonRunner.lastStatement(of: "(1 - p);"), "(1 - p)")
        XCTAssertNil(LessonRunner.lastStatement(of: "# only a comment"))
    }
}

final class RunnerRobustnessTests: XCTestCase {
    func testALessonWithoutStepsDoesNotCrash() {
        let empty = Lesson(name: "empty", number: nil, file: "e.md", title: "E", minutes: 1, skipAllowed: true, summary: "", steps: [])
        let runner = LessonRunner(lesson: empty, session: Session())
        XCTAssertEqual(runner.start(at: 3), [.notice("This lesson has no steps.")])
        XCTAssertEqual(runner.perform(.next), [.notice("The lesson is finished.")])
        XCTAssertEqual(runner.submit("1 + 1"), [.output(.result("2"))])
    }

    func testOutOfRangeStartsAreClamped() throws {
        let lesson = try LessonParser.parse(LessonRunnerTests.text, file: "runner.md")
        XCTAssertEqual(LessonRunner(lesson: lesson, session: Session()).start(at: 99).first, .step(number: 3, of: 3, title: "Must answer"))
        XCTAssertEqual(LessonRunner(lesson: lesson, session: Session()).start(at: -5).first, .step(number: 1, of: 3, title: "Numbers"))
        let stale = LessonProgress(lesson: "runner", step: 40, stepCount: 50)
        XCTAssertEqual(LessonRunner(lesson: lesson, session: Session(), progress: stale).resumeStep, 2)
    }
}
