import Foundation
import XCTest

/// `jacobi lesson`, `jacobi lessons`, `jacobi lessons check` and `jacobi present`, end to end through
/// the built binary, in a clean environment with its own HOME and state directory.
///
/// The current directory is an empty temporary one, so the course is found the way an installed
/// binary finds it: going up from the executable (`.build/…/debug/jacobi` up to the package).
final class LessonCommandLineTests: CommandLineTestCase {
    // MARK: - The author's check

    func testLessonsCheckPassesOnTheCourse() throws {
        let run = try jacobi(["lessons", "check"])
        XCTAssertEqual(run.status, 0, run.out + run.err)
        let summary = run.out.split(separator: "\n").last.map(String.init) ?? ""
        XCTAssertTrue(summary.hasPrefix(LessonFixtures.course + ": 8 lessons,"), summary)
        XCTAssertTrue(summary.hasSuffix(": all passed"), summary)
    }

    func testLessonsCheckFailsWithPreciseMessagesOnBrokenLessons() throws {
        let run = try jacobi(["lessons", "check", LessonFixtures.broken])
        XCTAssertEqual(run.status, 1)
        let lines = run.out.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains(LessonFixtures.broken + "/01-demo-fails.md:12: demo line fails: element index 5 is out of range (in 'z[5]')"), run.out)
        XCTAssertTrue(lines.contains(LessonFixtures.broken + "/03-mistake-is-right.md:20: the mistake 'p - p^2' is accepted as a correct answer"), run.out)
        for file in try FileManager.default.contentsOfDirectory(atPath: LessonFixtures.broken) {
            XCTAssertTrue(lines.contains { $0.hasPrefix(LessonFixtures.broken + "/" + file + ":") }, "no failure reported for \(file)")
        }
        XCTAssertTrue(lines.last?.hasSuffix(" failures in 8 files") == true, run.out)
        // JACOBI_LESSONS chooses the folder when none is given.
        XCTAssertEqual(try jacobi(["lessons", "check"], environment: ["JACOBI_LESSONS": LessonFixtures.broken]).status, 1)
    }

    // MARK: - A learner on a pipe

    func testALessonRunsWithAnswersFromStandardInput() throws {
        let run = try jacobi(["lesson", "tour"], input: LessonFixtures.tourAnswers.joined(separator: "\n") + "\n")
        XCTAssertEqual(run.status, 0, run.err)
        XCTAssertEqual(run.err, "")
        XCTAssertTrue(run.out.contains("lesson 1·1> z[end]\n0.1\n✓ Correct."), run.out)
        XCTAssertTrue(run.out.contains("lesson 1·4> :hint\nHint 1 of 2:"), run.out)
        XCTAssertTrue(run.out.contains("✓ Lesson complete: A tour: vectors, softmax, temperature"), run.out)
        let file = home.appendingPathComponent("state/jacobi/progress.json")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any]
        let tour = (json?["lessons"] as? [String: Any])?["tour"] as? [String: Any]
        XCTAssertEqual(tour?["completed"] as? Bool, true)
        XCTAssertEqual((tour?["questions"] as? [String: Any])?.count, 6)
        XCTAssertTrue(try jacobi(["lessons"]).out.contains("15 min  complete"))
    }

    func testInputThatEndsEarlyKeepsTheProgressAndFails() throws {
        let path = home.appendingPathComponent("elsewhere/progress.json").path
        let run = try jacobi(["lesson", "1"], input: "z[end]\n\n", environment: ["JACOBI_PROGRESS": path])
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.err, "jacobi: the input ended before the lesson did at step 2 of 7; the progress is saved\n")
        XCTAssertTrue(FileManager.default.fileExists(atPath: path), "JACOBI_PROGRESS chooses the file")
        let again = try jacobi(["lesson", "1", "--reset"], input: ":quit\n", environment: ["JACOBI_PROGRESS": path])
        XCTAssertEqual(again.status, 0)
        XCTAssertTrue(again.out.hasPrefix("forgot the progress of tour"), again.out)
        XCTAssertTrue(again.out.contains("── Step 1 of 7"), again.out)
    }

    func testAnUnknownLessonIsAnError() throws {
        let run = try jacobi(["lesson", "tuor"])
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.err, "jacobi: no lesson called 'tuor'; did you mean tour?\n")
    }

    // MARK: - The classroom

    func testPresentExportsAMarkdownHandout() throws {
        let run = try jacobi(["present", "1", "--export", "markdown"])
        XCTAssertEqual(run.status, 0, run.err)
        XCTAssertTrue(run.out.hasPrefix("# A tour: vectors, softmax, temperature\n\n*About 15 minutes.*\n"), run.out)
        XCTAssertTrue(run.out.contains("jacobi> p = softmax(z)\n[0.659, 0.2424, 0.09857]\n"), run.out)
        XCTAssertTrue(run.out.contains("<details><summary>Answer</summary>\n\n`z[3]`"), run.out)
        XCTAssertTrue(run.out.contains("Derivation (`:derive softmax-temperature --at z=[2,1,0.1]`):"), run.out)
        let file = home.appendingPathComponent("handout.md").path
        XCTAssertEqual(try jacobi(["present", "tour", "--output", file]).status, 0)
        XCTAssertEqual(try String(contentsOfFile: file, encoding: .utf8), run.out)
        XCTAssertNotEqual(try jacobi(["present", "1", "--export", "html"]).status, 0)
    }

    func testPresentWithoutATerminalPrintsEveryFrame() throws {
        let run = try jacobi(["present", "1"])
        XCTAssertEqual(run.status, 0, run.err)
        XCTAssertTrue(run.out.contains("  ❯ Using indexing, type the last element of z (not the number itself).\n\n  Answer: `z[3]`"), run.out)
        XCTAssertTrue(run.out.contains("  ── Step 7 of 7 · Summary"), run.out)
        XCTAssertTrue(run.out.hasSuffix("  ✓ End of A tour: vectors, softmax, temperature\n"), run.out)
        XCTAssertFalse(run.out.contains("\u{1B}"), "no escape codes without a terminal")
        XCTAssertFalse(FileManager.default.fileExists(atPath: home.appendingPathComponent("state/jacobi/progress.json").path), "nothing saved")
    }
}
