import Foundation
import LessonKit
import XCTest
@testable import Shell

/// Lessons at the shell's prompt, driven through `ShellSession.submit` as the REPL drives it: starting,
/// routing the lesson commands and the learner's lines, saving and resuming progress.
final class LessonShellTests: XCTestCase {
    var directory: URL!
    var progressPath: String { directory.appendingPathComponent("state/jacobi/progress.json").path }

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("jacobi-lessons-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func shell() -> ShellSession {
        let shell = ShellSession(options: ShellOptions(color: false))
        shell.width = 80
        shell.lessons.folder = .success(LessonFixtures.course)
        shell.lessons.progressPath = progressPath
        return shell
    }

    func saved(_ lesson: String) -> LessonProgress? {
        ProgressStore(path: progressPath).load().progress.lessons[lesson]
    }

    func testLessonsListsEveryLessonWithTheLearnersProgress() {
        let s = shell()
        let before = LessonFixtures.text(s.submit(":lessons"))
        XCTAssertTrue(before.contains("  1  tour               A tour: vectors, softmax, temperat"), before)
        XCTAssertTrue(before.contains("15 min  not started"), before)
        XCTAssertEqual(before.components(separatedBy: "not started").count - 1, 8, before)
        _ = s.submit(":lesson tour")
        _ = s.submit("z[end]")
        _ = s.submit(":next")
        let after = LessonFixtures.text(s.submit(":lessons"))
        XCTAssertTrue(after.contains("15 min  step 2 of 7"), after)
    }

    func testLessonCommandsAndLinesGoToTheLesson() throws {
        let s = shell()
        let start = LessonFixtures.text(s.submit(":lesson tour"))
        XCTAssertTrue(start.hasPrefix("Lesson 1 · A tour: vectors, softmax, temperature   about 15 minutes, 7 steps"), start)
        XCTAssertTrue(start.contains("── Step 1 of 7 · Vectors at the prompt ──"), start)
        XCTAssertTrue(start.contains("jacobi> z = [2, 1, 0.1]\n[2, 1, 0.1]"), start)
        XCTAssertTrue(start.contains("❯ Using indexing, type the last element of z (not the number itself)."), start)
        XCTAssertEqual(s.lessons.prompt(ascii: false), "lesson 1·1> ")
        XCTAssertEqual(s.lessons.prompt(ascii: true), "lesson 1:1> ")

        XCTAssertTrue(LessonFixtures.text(s.submit(":next")).hasPrefix("Answer the question first"))
        XCTAssertTrue(LessonFixtures.text(s.submit("")).hasPrefix("Answer the question first"), "an empty line is :next")
        XCTAssertEqual(LessonFixtures.text(s.submit(":hint")), "Hint 1 of 2: Elements are numbered from 1, so the last of three is number 3.")
        let wrong = LessonFixtures.text(s.submit("z[2]"))
        XCTAssertTrue(wrong.hasPrefix("1\n✗ Not yet. Jacobi counts from 1, as mathematics does"), wrong)
        // Other meta-commands are still the shell's, and see the lesson's variables.
        XCTAssertTrue(LessonFixtures.text(s.submit(":vars")).contains("z    vector of 3  [2, 1, 0.1]"))
        let right = LessonFixtures.text(s.submit("z[end]"))
        XCTAssertTrue(right.hasPrefix("0.1\n✓ Correct.\n  Python and NumPy count from 0"), right)
        XCTAssertTrue(right.hasSuffix("(Enter or :next for the next step)"), right)

        let second = LessonFixtures.text(s.submit(""))
        XCTAssertTrue(second.hasPrefix("\n── Step 2 of 7 · Scores into probabilities"), second)
        XCTAssertEqual(s.lessons.prompt(ascii: false), "lesson 1·2> ")
        let skipped = LessonFixtures.text(s.submit(":skip"))
        XCTAssertTrue(skipped.hasPrefix("Skipped. The answer: exp(z) / sum(exp(z))"), skipped)
        XCTAssertTrue(LessonFixtures.text(s.submit(":show")).contains("── Step 2 of 7"))
        XCTAssertTrue(LessonFixtures.text(s.submit(":back")).contains("── Step 1 of 7"))
        _ = s.submit(":next")

        // :quit leaves the lesson, not Jacobi; the progress is kept.
        let quit = s.submit(":quit")
        XCTAssertFalse(quit.contains(.quit))
        XCTAssertEqual(LessonFixtures.text(quit), "left the lesson at step 2 of 7; your progress is kept, and :lesson 1 continues it")
        XCTAssertNil(s.lessons.prompt(ascii: false))
        XCTAssertEqual(s.submit("1 + 1"), [.result("2")])
        XCTAssertEqual(s.submit(":next"), [.info("no lesson is running; :lessons lists them, and :lesson NAME starts one")])
        let progress = try XCTUnwrap(saved("tour"))
        XCTAssertEqual(progress.step, 1)
        XCTAssertEqual(progress.questions["1.1"], QuestionRecord(outcome: .correct, attempts: 1, hints: 1))
        XCTAssertEqual(progress.questions["2.1"], QuestionRecord(outcome: .skipped))
        XCTAssertEqual(s.submit(":quit"), [.quit], "outside a lesson :quit leaves Jacobi")
    }

    /// At the REPL (`stepByStep`), a derivation comes a step per empty line and `:next` shows the
    /// rest; the prose after it waits, and a line typed in between only runs.
    func testADerivationIsRevealedAStepPerEmptyLine() throws {
        try ProgressStore(path: progressPath).record(LessonProgress(lesson: "tour", step: 5, stepCount: 7))
        let s = shell()
        s.lessons.stepByStep = true
        let hint = "(Enter: next step of the derivation · :next: all of it)"
        // The question comes first; the derivation that answers it starts once it is answered.
        let question = LessonFixtures.text(s.submit(":lesson tour"))
        XCTAssertTrue(question.contains("❯ Write the Jacobian of softmax(z, T)"), question)
        XCTAssertFalse(question.contains(":derive"), question)
        let start = LessonFixtures.text(s.submit(LessonFixtures.temperatureJacobian))
        XCTAssertTrue(start.contains("✓ Correct."), start)
        XCTAssertTrue(start.contains("jacobi> :derive softmax-temperature --at z=[2,1,0.1]\nThe softmax Jacobian with a temperature"), start)
        XCTAssertTrue(start.hasSuffix("\n" + hint), start)
        XCTAssertFalse(start.contains("[1] "), start)
        XCTAssertFalse(start.contains("The result is (diag(pT)"), "the prose after the derivation waits: \(start)")

        let first = LessonFixtures.text(s.submit(""))
        XCTAssertTrue(first.hasPrefix("[1] "), first)
        XCTAssertTrue(first.hasSuffix("\n" + hint), first)
        XCTAssertEqual(LessonFixtures.text(s.submit("two = 1 + 1")), "2", "exploring in the middle of a derivation")
        XCTAssertTrue(LessonFixtures.text(s.submit(":show")).hasSuffix(first), "what is revealed, with the hint once")

        let rest = LessonFixtures.text(s.submit(":next"))
        XCTAssertTrue(rest.hasPrefix("[2] "), rest)
        XCTAssertTrue(rest.contains("check: every step agrees"), rest)
        XCTAssertTrue(rest.contains("The result is (diag(pT) − pT pTᵀ)/T"), rest)
        XCTAssertTrue(rest.hasSuffix("(Enter or :next for the next step)"), rest)
        XCTAssertFalse(rest.contains(hint), rest)
        XCTAssertEqual(s.lessons.prompt(ascii: false), "lesson 1·6> ")
        XCTAssertEqual(LessonView(width: 80, ascii: true).awaitingDerivationStep().map(\.plain),
                       ["(Enter: next step of the derivation - :next: all of it)"])
    }

    func testEveryStepIsSavedAsItIsReached() throws {
        let s = shell()
        _ = s.submit(":lesson 1")
        XCTAssertEqual(saved("tour")?.step, 0)
        _ = s.submit("z[3]")
        XCTAssertEqual(saved("tour")?.questions.count, 1, "an answer is saved at once")
        _ = s.submit(":next")
        XCTAssertEqual(saved("tour")?.step, 1)
    }

    func testTheLessonRunsToTheEnd() throws {
        let s = shell()
        var text = LessonFixtures.text(s.submit(":lesson tour"))
        for line in LessonFixtures.tourAnswers { text += "\n" + LessonFixtures.text(s.submit(line)) }
        XCTAssertTrue(text.contains("✓ Lesson complete: A tour: vectors, softmax, temperature\n"
                                    + "  7 questions: 5 right at the first try, 1 after a hint or another try, 1 skipped; 1 hint\n"
                                    + "  Next: Numerical stability: the max shift, log_softmax and logsumexp (:lesson 2)"), text)
        // The derivation block ran through the real engine.
        XCTAssertTrue(text.contains("jacobi> :derive softmax-temperature --at z=[2,1,0.1]\nThe softmax Jacobian with a temperature"), text)
        XCTAssertFalse(text.contains("problem in the lesson"), text)
        // A multiple-choice answer gets its verdict without the number echoed back as a result.
        XCTAssertTrue(text.contains("(type the number of your answer; :hint for a hint, :skip to see the answer)\n✓ Correct."), text)
        XCTAssertFalse(s.lessons.isRunning)
        XCTAssertEqual(s.lessons.ended, .finished)
        XCTAssertEqual(saved("tour")?.completed, true)
        XCTAssertTrue(LessonFixtures.text(s.submit(":lessons")).contains("15 min  complete"))
    }

    func testSavedProgressIsResumedAfterAsking() throws {
        try ProgressStore(path: progressPath).record(LessonProgress(lesson: "tour", step: 2, stepCount: 7, questions: ["1.1": QuestionRecord(outcome: .correct)]))
        var asked: [String] = []
        let yes = shell()
        yes.lessons.ask = { asked.append($0); return true }
        let text = LessonFixtures.text(yes.submit(":lesson tour"))
        XCTAssertEqual(asked, ["continue lesson 1 at step 3? [Y/n] "])
        XCTAssertTrue(text.contains("Continuing at step 3 of 7.\n\n── Step 3 of 7 · Why not just divide by the sum?"), text)
        // The earlier steps' lines ran silently, so their variables exist.
        XCTAssertEqual(yes.submit("q = p[1]").first, .result("0.659"))

        let no = shell()
        no.lessons.ask = { _ in false }
        XCTAssertTrue(LessonFixtures.text(no.submit(":lesson tour")).contains("── Step 1 of 7"))

        try ProgressStore(path: progressPath).record(LessonProgress(lesson: "tour", step: 2, stepCount: 7))
        let cancelled = shell()
        cancelled.lessons.ask = { _ in nil }
        XCTAssertEqual(cancelled.submit(":lesson tour"), [.info("lesson 1 not started")])
        XCTAssertFalse(cancelled.lessons.isRunning)
    }

    /// Scripts and pipes have no one to ask: the lesson continues where it stopped.
    func testWithNoOneToAskTheLessonContinues() throws {
        try ProgressStore(path: progressPath).record(LessonProgress(lesson: "tour", step: 3, stepCount: 7))
        let s = shell()
        XCTAssertTrue(LessonFixtures.text(s.submit(":lesson 1")).contains("── Step 4 of 7 · The maximum is exaggerated"))
    }

    func testLessonResetForgetsOneLesson() throws {
        let store = ProgressStore(path: progressPath)
        try store.record(LessonProgress(lesson: "tour", step: 3, stepCount: 7))
        try store.record(LessonProgress(lesson: "stability", step: 1, stepCount: 8))
        let s = shell()
        XCTAssertEqual(s.submit(":lesson reset 1"), [.info("forgot the progress of tour; it starts from the beginning next time")])
        XCTAssertNil(saved("tour"))
        XCTAssertNotNil(saved("stability"))
        XCTAssertEqual(s.submit(":lesson reset tour"), [.info("no saved progress for tour")])
        guard case .error(let diagnostic, _, _)? = s.submit(":lesson reset").first else { return XCTFail() }
        XCTAssertEqual(diagnostic.message, ":lesson reset needs the lesson to forget")
    }

    func testAProgressFileThatDoesNotParseIsSetAsideWithAWarning() throws {
        try FileManager.default.createDirectory(atPath: (progressPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try "{ not json".write(toFile: progressPath, atomically: true, encoding: .utf8)
        let s = shell()
        let text = LessonFixtures.text(s.submit(":lesson tour"))
        XCTAssertTrue(text.hasPrefix("warning: your progress file \(progressPath) is not a progress file Jacobi can read; "
                                     + "it was moved to \(progressPath).corrupt and progress starts afresh"), text)
        XCTAssertTrue(FileManager.default.fileExists(atPath: progressPath + ".corrupt"))
        XCTAssertEqual(saved("tour")?.step, 0, "a fresh file is written at the first checkpoint")
    }

    /// A progress file that cannot be read is not taken for a corrupt one: it stays, and the lesson
    /// goes on without saving, said once when it starts (and again by :lessons), in words.
    func testAProgressFileThatCannotBeReadIsLeftAndSavingStops() throws {
        try FileManager.default.createDirectory(atPath: progressPath, withIntermediateDirectories: true)
        let s = shell()
        let warning = "warning: cannot read \(progressPath): Is a directory; progress will not be saved this session"
        let start = LessonFixtures.text(s.submit(":lesson tour"))
        XCTAssertTrue(start.hasPrefix(warning + "\n"), start)
        let later = LessonFixtures.text(s.submit("z[end]") + s.submit(":next"))
        XCTAssertFalse(later.contains("warning"), later)
        XCTAssertEqual(s.lessons.prompt(ascii: false), "lesson 1·2> ", "the lesson goes on")
        XCTAssertTrue(LessonFixtures.text(s.submit(":lessons")).hasPrefix(warning), "said again where progress is shown")
        var isDirectory: ObjCBool = false
        XCTAssertTrue(FileManager.default.fileExists(atPath: progressPath, isDirectory: &isDirectory) && isDirectory.boolValue)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: (progressPath as NSString).deletingLastPathComponent),
                       ["progress.json"], "nothing set aside, nothing written beside it")
        XCTAssertEqual(s.submit(":lesson reset tour"), [.info(warning)])
    }

    func testUnknownLessonsGetASuggestion() {
        let s = shell()
        XCTAssertEqual(s.submit(":lesson tuor"), [.info("no lesson called 'tuor'; did you mean tour?")])
        XCTAssertEqual(s.submit(":lesson zzzzzzzz"), [.info("no lesson called 'zzzzzzzz'; :lessons lists them")])
        s.lessons.folder = .failure(LessonPaths.NotFound(candidates: ["/nowhere/Lessons"]))
        XCTAssertEqual(LessonFixtures.text(s.submit(":lessons")),
                       "cannot find the lessons folder (looked in /nowhere/Lessons); set JACOBI_LESSONS to the folder that holds the lesson files")
    }

    func testAFileLoadedDuringALessonIsNotTakenForAnswers() throws {
        let s = shell()
        _ = s.submit(":lesson tour")
        let file = directory.appendingPathComponent("defs.jac").path
        try "a = 1\n\nz[end]\n".write(toFile: file, atomically: true, encoding: .utf8)
        XCTAssertEqual(s.submit(":load \(file)"), [.info("loaded 1 name from \(file)")])
        XCTAssertEqual(s.lessons.prompt(ascii: false), "lesson 1·1> ", "the blank line was not :next")
        XCTAssertNil(saved("tour")?.questions["1.1"], "z[end] in the file did not answer the question")
    }

    func testResetDuringALessonSetsItsVariablesAgain() {
        let s = shell()
        _ = s.submit(":lesson tour")
        let reset = s.submit(":reset")
        XCTAssertEqual(reset.last, .info("the lesson's own variables are set again, so its next steps still work"))
        XCTAssertEqual(s.submit("w = z").first, .result("[2, 1, 0.1]"))
    }

    func testLessonAndDeriveNamesAreCompleted() {
        let s = shell()
        let completer = Completer(shell: s)
        XCTAssertEqual(completer.complete(":lesson so"), .candidates([.init(word: "softmax-jacobian", suffix: ""), .init(word: "softmax-layer", suffix: "")]))
        guard case .candidates(let names) = completer.complete(":derive softmax-t") else { return XCTFail() }
        XCTAssertEqual(names.map(\.word), ["softmax-temperature"])
    }
}

/// The course and a learner's answers to its first lesson, shared by the lesson tests.
enum LessonFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let course = root.appendingPathComponent("Lessons").path
    static let broken = root.appendingPathComponent("Tests/LessonKitTests/Fixtures/Broken").path

    /// Lesson 1 taken with a wrong answer, a hint, a skip, multiple choice and empty lines for `:next`.
    static let tourAnswers = [
        "z[end]", "", "exp(z)/sum(exp(z))", "", "2", "", ":hint", "exp(z[1]-z[3])", "", ":skip", "1", "", temperatureJacobian, "", "",
    ]

    /// The answer to lesson 1's question before its derivation (step 6).
    static let temperatureJacobian = "(diag(pT) - pT @ pT') / T"

    /// What a learner without colour sees for the outputs.
    static func text(_ outputs: [ShellSession.Output]) -> String {
        let palette = Palette(enabled: false)
        return outputs.compactMap { palette.render($0)?.text }.joined(separator: "\n")
    }
}
