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
        XCTAssertTrue(lines.contains { $0.hasPrefix(LessonFixtures.broken + "/09-derive-wrong-expect.md:17: the expected result '-s_i * (1 - s_i) * delta(i, j)' "
                                                  + "does not equal 'partial(s_i, x_j)' at random points (sign") }, run.out)
        XCTAssertTrue(lines.last?.hasSuffix(" failures in 9 files") == true, run.out)
        // JACOBI_LESSONS chooses the folder when none is given.
        XCTAssertEqual(try jacobi(["lessons", "check"], environment: ["JACOBI_LESSONS": LessonFixtures.broken]).status, 1)
    }

    /// The course as it was before issue 15, kept as a fixture: the leak check finds the questions
    /// whose answer the step showed first (a demo, a derivation, the text, a printed number).
    func testLessonsCheckFindsTheLeaksOfTheOldCourse() throws {
        let folder = LessonFixtures.root.appendingPathComponent("Tests/LessonKitTests/Fixtures/LeakyCourse").path
        let run = try jacobi(["lessons", "check", folder])
        XCTAssertEqual(run.status, 1)
        let lines = run.out.split(separator: "\n").map { String($0).replacing(folder + "/", with: "") }
        XCTAssertTrue(lines.dropLast().allSatisfy { $0.contains(" leaks its answer: ") }, run.out)
        XCTAssertEqual(lines.dropLast().map { String($0.prefix { $0 != " " }) }, [
            "01-tour.md:27:", "01-tour.md:54:", "01-tour.md:137:",
            "02-stability.md:63:", "02-stability.md:90:", "02-stability.md:122:", "02-stability.md:169:",
            "03-softmax-jacobian.md:26:", "03-softmax-jacobian.md:156:", "03-softmax-jacobian.md:201:",
            "04-cross-entropy.md:29:", "04-cross-entropy.md:78:", "04-cross-entropy.md:107:", "04-cross-entropy.md:134:", "04-cross-entropy.md:161:",
            "05-activations.md:28:", "05-activations.md:76:", "05-activations.md:110:", "05-activations.md:146:", "05-activations.md:167:",
            "05-activations.md:185:", "05-activations.md:222:",
            "06-softmax-layer.md:35:", "06-softmax-layer.md:66:", "06-softmax-layer.md:93:", "06-softmax-layer.md:134:",
            "07-gradient-checking.md:174:",
            "08-beyond.md:30:", "08-beyond.md:78:", "08-beyond.md:112:", "08-beyond.md:156:", "08-beyond.md:196:",
        ], run.out)
        XCTAssertTrue(lines.contains("04-cross-entropy.md:107: question \"Write ∂L/∂z as an expression in p and y.\" leaks its answer: "
                                     + "the start of the derivation (line 104), partial(-sum_k(y_k * log(q_k)), z_j), "
                                     + "equals it at the lesson's values and at 3 random points"), run.out)
        XCTAssertEqual(lines.last, folder + ": 8 lessons, 61 steps, 54 questions, 166 demo lines, 21 derivations: 32 failures in 8 files")
    }

    /// The README's small example asks before its derivation; with the derivation first, the real
    /// engine's steps give the answer away and the check says so.
    func testTheReadmeExampleAsksBeforeItsDerivation() throws {
        let readme = try String(contentsOfFile: LessonFixtures.course + "/README.md", encoding: .utf8)
        let start = try XCTUnwrap(readme.firstRange(of: "````markdown\n"))
        let end = try XCTUnwrap(readme[start.upperBound...].firstRange(of: "\n````"))
        let example = String(readme[start.upperBound..<end.lowerBound])
        let folder = home.appendingPathComponent("readme-example")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("01-sigmoid.md")
        try example.write(to: file, atomically: true, encoding: .utf8)
        let run = try jacobi(["lessons", "check", folder.path])
        XCTAssertEqual(run.status, 0, run.out + run.err)

        let derivation = "```jacobi derive\nsigmoid --at x=0.5\n```\n\n"
        let told = example.replacing(derivation, with: "").replacing("## Its derivative\n", with: "## Its derivative\n\n" + derivation, maxReplacements: 1)
        let derived = try XCTUnwrap(told.firstRange(of: derivation)), asked = try XCTUnwrap(told.firstRange(of: "ask: Write the derivative"))
        XCTAssertLessThan(derived.lowerBound, asked.lowerBound, "the derivation moved before the question")
        try told.write(to: file, atomically: true, encoding: .utf8)
        let leaky = try jacobi(["lessons", "check", folder.path])
        XCTAssertEqual(leaky.status, 1)
        XCTAssertTrue(leaky.out.contains("01-sigmoid.md:"), leaky.out)
        XCTAssertTrue(leaky.out.contains("\"Write the derivative of the sigmoid at every x,…\" leaks its answer: step ["), leaky.out)
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
        XCTAssertEqual((tour?["questions"] as? [String: Any])?.count, 7)
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
        XCTAssertFalse(run.out.contains("`z[3]`"), "the student's handout keeps the answers back:\n\(run.out)")
        XCTAssertTrue(run.out.contains("Derivation (`:derive softmax-temperature --at z=[2,1,0.1]`):\n\n$$\n\\begin{aligned}"), run.out)
        let teacher = try jacobi(["present", "1", "--export", "markdown", "--teacher"])
        XCTAssertEqual(teacher.status, 0, teacher.err)
        XCTAssertTrue(teacher.out.contains("**Answer:** `z[3]`"), teacher.out)
        XCTAssertNotEqual(try jacobi(["present", "1", "--teacher"]).status, 0, "--teacher goes with a handout")
        let file = home.appendingPathComponent("handout.md").path
        XCTAssertEqual(try jacobi(["present", "tour", "--output", file]).status, 0)
        XCTAssertEqual(try String(contentsOfFile: file, encoding: .utf8), run.out)
        XCTAssertNotEqual(try jacobi(["present", "1", "--export", "html"]).status, 0)
    }

    func testPresentWithoutATerminalPrintsEveryFrame() throws {
        let run = try jacobi(["present", "1"])
        XCTAssertEqual(run.status, 0, run.err)
        XCTAssertTrue(run.out.contains("  ❯ Using indexing, type the last element of z (not the number itself).\n\n  Answer: z[3]"), run.out)
        XCTAssertTrue(run.out.contains("  ── Step 7 of 7 · Summary"), run.out)
        XCTAssertTrue(run.out.hasSuffix("  ✓ End of A tour: vectors, softmax, temperature\n"), run.out)
        XCTAssertFalse(run.out.contains("\u{1B}"), "no escape codes without a terminal")
        XCTAssertFalse(FileManager.default.fileExists(atPath: home.appendingPathComponent("state/jacobi/progress.json").path), "nothing saved")
    }
}
