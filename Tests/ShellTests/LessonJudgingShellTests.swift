import Foundation
import LessonKit
import XCTest
@testable import Shell

/// Judging at the shell's prompt, on the lessons in `Tests/LessonKitTests/Fixtures/Judging`: what a
/// learner sees for a look and for words at a choice, where the answering rule is stated, and that
/// attempts are kept across a quit (and unknown in a progress file written before they were).
final class LessonJudgingShellTests: ShellTestCase {
    static let folder = LessonFixtures.root.appendingPathComponent("Tests/LessonKitTests/Fixtures/Judging").path
    var progressPath: String { directory.appendingPathComponent("progress.json").path }

    /// A new shell each time, as a new run of Jacobi would be.
    override func shell() -> ShellSession {
        let shell = super.shell()
        shell.lessons.folder = .success(Self.folder)
        shell.lessons.progressPath = progressPath
        return shell
    }

    func text(_ shell: ShellSession, _ input: String) -> String { LessonFixtures.text(shell.submit(input)) }

    func saved(_ lesson: String) -> LessonProgress? {
        ProgressStore(path: progressPath).load().progress.lessons[lesson]
    }

    func testTheRuleIsStatedWhereALessonStartsAndInHelp() {
        let s = shell()
        let start = text(s, ":lesson looking")
        XCTAssertTrue(start.contains("\nWhile a question is open, a right answer always counts."), start)
        let help = text(s, ":help lesson").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        XCTAssertTrue(help.contains("While a question is open, a right answer always counts."), help)
        XCTAssertTrue(help.contains("only looked at, marked (looked, not judged)"), help)
    }

    func testALookIsMarkedAndAMetaCommandIsNotAnAttempt() throws {
        let s = shell()
        _ = s.submit(":lesson looking")
        XCTAssertEqual(text(s, "z"), "[2, 1, 0.1]\n(looked, not judged)")
        XCTAssertTrue(text(s, ":vars").contains("z    vector of 3  [2, 1, 0.1]"))
        XCTAssertEqual(text(s, "p * (1 + p)"), "[1.093, 0.3012, 0.1083]\n✗ Not yet. Not quite: the shape is right, but 3 of 3 entries differ (the first\n  at 1).")
        XCTAssertEqual(saved("looking")?.unanswered["1.1"], QuestionRecord.Tries(attempts: 1))
    }

    func testWordsAtAChoiceListTheChoicesWithoutAParserError() {
        let s = shell()
        _ = s.submit(":lesson choices")
        let words = text(s, "neither of them, surely")
        XCTAssertEqual(words, """
            That is not one of the choices: type a choice's number, 1 to 4, or its words.
            ❯ What is ReLU's derivative at exactly x = 0?
              1. 1/2, the average of the two sides
              2. It does not exist; frameworks use a convention, usually 0
              3. At x = 0 it is 0, because relu(0) = 0
              4. At x = 0 it is 1
            """)
        XCTAssertTrue(text(s, "at x = 0").hasPrefix("'at x = 0' starts choices 3 and 4: type more of its words, or its number.\n❯ What is"))
        XCTAssertEqual(text(s, "at x = 0 it is 1"), "✗ Not yet. That is the slope to the right only.", "the words are not echoed as a result")
        XCTAssertTrue(text(s, "It does not exist").hasPrefix("✓ Correct."))
    }

    /// Two wrong attempts and a hint, then `:quit`; a new Jacobi continues and answers: the record has them.
    /// A third attempt made before the shell went away without `:quit` (Ctrl-D) is kept too.
    func testAttemptsSurviveAQuit() throws {
        var s = shell()
        _ = s.submit(":lesson looking")
        _ = s.submit("p * (1 + p)")
        _ = s.submit(":hint")
        _ = s.submit("p[1]")
        _ = s.submit("p")
        _ = s.submit(":quit")
        XCTAssertEqual(saved("looking")?.unanswered["1.1"], QuestionRecord.Tries(attempts: 2, hints: 1), "the look at p[1] is not an attempt")

        s = shell()
        XCTAssertTrue(text(s, ":lesson looking").contains("Continuing at step 1 of 2."))
        _ = s.submit("2 * p")
        XCTAssertEqual(saved("looking")?.unanswered["1.1"], QuestionRecord.Tries(attempts: 3, hints: 1))

        s = shell()
        _ = s.submit(":lesson looking")
        XCTAssertTrue(text(s, "p - p^2").hasPrefix("[0.2247, 0.1837, 0.08885]\n✓ Correct."))
        XCTAssertEqual(saved("looking")?.questions["1.1"], QuestionRecord(outcome: .correct, attempts: 3, hints: 1))
        XCTAssertEqual(saved("looking")?.unanswered, [:])
        for answer in ["", "log(2)", "exp(-5.3)", "softmax(z)"] { _ = s.submit(answer) }
        let summary = text(s, "")
        XCTAssertTrue(summary.contains("4 questions: 3 right at the first try, 1 after a hint or another try; 1 hint"), summary)
    }

    /// A progress file written before attempts were saved: counts of 0 (or none at all) are unknown,
    /// so the summary does not claim a first try; the file is saved in the new format afterwards.
    func testAnOldProgressFileLoadsWithAttemptsUnknown() throws {
        let old = """
            {"version": 1, "lessons": {"looking": {"lesson": "looking", "step": 1, "stepCount": 2, "completed": false,
              "questions": {"1.1": {"outcome": "correct", "attempts": 0, "hints": 0},
                            "2.1": {"outcome": "correct", "hints": 0},
                            "2.2": {"outcome": "correct", "attempts": 2, "hints": 0}}}}}
            """
        try Data(old.utf8).write(to: URL(fileURLWithPath: progressPath))
        let loaded = try XCTUnwrap(saved("looking"))
        XCTAssertEqual(loaded.questions["1.1"], QuestionRecord(outcome: .correct, attempts: nil))
        XCTAssertEqual(loaded.questions["2.1"], QuestionRecord(outcome: .correct, attempts: nil))
        XCTAssertEqual(loaded.questions["2.2"], QuestionRecord(outcome: .correct, attempts: 2), "more than none is known not to be a first try")

        let s = shell()
        XCTAssertTrue(text(s, ":lesson looking").contains("Continuing at step 2 of 2."))
        _ = s.submit("softmax(z)")
        let summary = text(s, "")
        XCTAssertTrue(summary.contains("4 questions: 1 right at the first try, 2 right (tries not recorded), 1 after a hint or another try; 0 hints"), summary)
        let file = try String(contentsOfFile: progressPath, encoding: .utf8)
        XCTAssertTrue(file.contains("\"version\" : 2"), file)
    }
}
