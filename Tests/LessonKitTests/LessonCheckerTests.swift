import XCTest
import VectorLang
@testable import LessonKit

final class LessonCheckerTests: XCTestCase {
    /// Deliberately broken lessons in `Fixtures/Broken`: every failure is named with its file and line,
    /// and the summary counts them.
    func testBrokenLessonsFailWithPreciseMessages() throws {
        let directory = Paths.fixtures + "/Broken"
        let report = LessonChecker(derive: FakeDerivations.provider).check(try LessonLibrary(directory: directory))
        XCTAssertFalse(report.passed)
        let lines = report.text.split(separator: "\n").map { String($0).replacing(directory + "/", with: "") }
        XCTAssertEqual(lines, [
            "06-malformed.md:11: unknown question field 'answer'; expected one of: ask, expect, equivalent, vary, points, tolerance, hint, mistake, explain, allow, require, forbid, skip, derive, given",
            "01-demo-fails.md:12: demo line fails: element index 5 is out of range (in 'z[5]')",
            "02-answer-fails.md:16: the expected answer fails at the lesson's values: unknown name 'q'",
            "03-mistake-is-right.md:17: the equivalent answer 'p^2 - p' is not accepted: Not quite: the shape is right, but 3 of 3 entries differ (the first at 1).",
            "03-mistake-is-right.md:20: the mistake 'p - p^2' is accepted as a correct answer",
            "03-mistake-is-right.md:22: the mistake '1 - p + 0' is never reached: the mistake on line 21 matches the same answers first",
            "04-derivation-unknown.md:10: derive softmax-jacobian --at z=[2,1,0.1] fails: 'softmax-jacobian' is not in the catalog",
            "05-vary-unassigned.md:16: 'vary: w', but no line before the question assigns w",
            "07-forbidden-answer.md:16: the expected answer uses 'jacobian', which the question forbids",
            "07-forbidden-answer.md:25: choice 1 is wrong but has no feedback: add ' -> ' and why a learner might pick it, and why it is wrong",
            "08-broken-rules.md:18: the expected answer uses 'p', which the question does not allow (allow: z)",
            "08-broken-rules.md:27: the equivalent answer 'softmax(z, T)' uses 'softmax' with two arguments, which the question forbids",
            "08-broken-rules.md:24: 'forbid: jacobain' names neither a builtin nor a variable the lesson sets before the question",
            "08-broken-rules.md:37: choice 3 is wrong but has no feedback: add ' -> ' and why a learner might pick it, and why it is wrong",
            "08-broken-rules.md:38: choice 4 is wrong but has no feedback: add ' -> ' and why a learner might pick it, and why it is wrong",
            "08-broken-rules.md:37: choice 3 reads the same as choice 2 when typed as words (case, spaces and punctuation do not count)",
            // The rule-breaking answers are also in their questions' text: the leak check says so too.
            "08-broken-rules.md:16: question \"Write p[1] / p[3] in z alone.\" leaks its answer: its own text (line 16) shows p[1]/p[3]",
            "08-broken-rules.md:24: question \"Write softmax(z, T) using softmax with one argu…\" leaks its answer: its own text (line 24) shows softmax(z,T)",
            "09-derive-wrong-expect.md:17: the expected result '-s_i * (1 - s_i) * delta(i, j)' does not equal 'partial(s_i, x_j)' at random points "
                + "(sign: this line is minus the line before; lost δ term: it agrees only where i ≠ j; the i = j case (the δ term) is lost)",
            "8 lessons, 8 steps, 9 questions, 14 demo lines, 1 derivation: 19 failures in 9 files",
        ])
        XCTAssertEqual(report.failures.first?.file, directory + "/06-malformed.md")
    }

    /// Without an engine, a derivation cannot be checked: that is a failure, not a pass.
    func testAMissingEngineFailsDerivationSteps() throws {
        let lesson = try LessonParser.parse("# D\n- minutes: 1\n\n## S\n```jacobi derive\nsoftmax\n```\n", file: "d.md")
        let report = LessonChecker(derive: nil).check(lesson)
        XCTAssertEqual(report.text, "d.md:6: no derivation engine to run 'derive softmax'\n1 lesson, 1 step, 0 questions, 0 demo lines, 1 derivation: 1 failure in 1 file")
    }

    /// A failing set-up line is reported at its own line, and so is an error inside a line that
    /// continues over several lines of the file.
    func testSetupFailuresPointAtTheirLines() throws {
        let text = "# S\n- minutes: 1\n\n## S\n```jacobi setup\nz = [2, 1, 0.1]\nq = softmax(z,\n  0)\n```\n"
        let report = LessonChecker(derive: nil).check(try LessonParser.parse(text, file: "s.md"))
        XCTAssertEqual(report.failures.count, 1)
        XCTAssertEqual(report.failures.first?.line, 8, "the bad argument, 0, is on the second line of the statement")
        XCTAssertTrue(report.failures.first?.message.hasPrefix("set-up line fails:") == true, report.text)
    }

    /// Control characters anywhere in a file (text, a question, a code block, the file's name) fail the
    /// check at their line, named by code point and column; a byte-order mark in front and Windows line
    /// ends do not.
    func testControlCharactersFailAtTheirLines() throws {
        let text = "\u{FEFF}# Title \u{1B}]0;pwned\u{07}\r\n- minutes: 1\r\n\r\nSummary.\r\n\r\n## Step\r\n"
            + "Text \u{202E}reversed\u{202C} and \u{9B}2J.\r\n\r\n```jacobi question\r\nask: Why\u{0}?\r\nexpect: 1\r\n```\r\n"
        let library = LessonLibrary(sources: [("lessons/01-x\u{1B}[2J.md", text), ("lessons/02-clean.md", LessonRunnerTests.text)])
        let report = LessonChecker(derive: FakeDerivations.provider).check(library)
        XCTAssertEqual(report.failures.map(\.description), [
            "lessons/01-x\u{1B}[2J.md:1: the file's name holds control character U+001B at column 5 (a learner sees ^[, written out, not obeyed; remove it)",
            "lessons/01-x\u{1B}[2J.md:1: control characters U+001B at column 9, U+0007 at column 18 (a learner sees ^[, ^G, written out, not obeyed; remove them)",
            "lessons/01-x\u{1B}[2J.md:7: control characters U+202E at column 6, U+202C at column 15, U+009B at column 21 "
                + "(a learner sees \\u{202E}, \\u{202C}, \\u{9B}, written out, not obeyed; remove them)",
            "lessons/01-x\u{1B}[2J.md:10: control character U+0000 at column 9 (a learner sees ^@, written out, not obeyed; remove it)",
        ])
        XCTAssertEqual(library.lessons.count, 2, "a lesson with control characters still loads: they are shown, not obeyed")
        XCTAssertTrue(LessonChecker(derive: FakeDerivations.provider).check(LessonLibrary(sources: [("02-clean.md", LessonRunnerTests.text)])).passed)
    }

    func testAPassingReport() throws {
        let lesson = try LessonParser.parse(LessonRunnerTests.text, file: "runner.md")
        let report = LessonChecker(derive: FakeDerivations.provider).check(lesson)
        XCTAssertEqual(report.text, "1 lesson, 3 steps, 3 questions, 2 demo lines, 1 derivation: all passed")
    }
}
