import Foundation
import XCTest

/// `exit`, `?NAME` and copied sessions in scripts, end to end through the built binary: standard
/// input that is not a terminal, and `jacobi FILE`.
final class ShorthandCommandLineTests: CommandLineTestCase {
    func testExitEndsAScriptWithStatusZeroAndRunsNothingAfterIt() throws {
        let piped = try jacobi([], input: "1 + 1\nexit\n3 + 3\n")
        XCTAssertEqual(piped.status, 0, piped.err)
        XCTAssertEqual(piped.out, "2\n")
        XCTAssertEqual(piped.err, "")
        let file = home.appendingPathComponent("stop.jac").path
        try "a = 1\nquit\nnosuchname\n".write(toFile: file, atomically: true, encoding: .utf8)
        let run = try jacobi([file])
        XCTAssertEqual(run.status, 0, run.err)
        XCTAssertEqual(run.out, "1\n")
        XCTAssertEqual(run.err, "")
    }

    func testABoundExitIsEvaluatedInAScript() throws {
        let run = try jacobi([], input: "exit = 4\nexit\nexit + 1\n")
        XCTAssertEqual(run.status, 0, run.err)
        XCTAssertEqual(run.out, "4\n4\n5\n")
    }

    func testHelpShorthandsInAScriptPrintTheHelpAndNeverPage() throws {
        // A pager that would leave a mark: scripts never page, whatever PAGER says.
        let run = try jacobi([], input: "?relu\nhelp\n", environment: ["PAGER": "echo PAGED"])
        XCTAssertEqual(run.status, 0, run.err)
        XCTAssertTrue(run.out.hasPrefix("relu(x)\n"), run.out)
        XCTAssertTrue(run.out.contains("At the prompt"), run.out)
        XCTAssertFalse(run.out.contains("PAGED"), run.out)
    }

    func testAnUnknownTopicIsAnErrorWithItsLocation() throws {
        let run = try jacobi([], input: "?softmx\n")
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.err.hasPrefix("<stdin>:1:2: error: no builtin, command or variable called 'softmx'"), run.err)
        XCTAssertTrue(run.err.contains("did you mean softmax?"), run.err)
    }

    func testACopiedSessionRunsAsAScript() throws {
        let file = home.appendingPathComponent("copied.txt").path
        try "jacobi> z = [1,\n   ...> 2]\n[1, 2]\njacobi> z * 3\n[3, 6]\njacobi> 3*3\n9\n".write(toFile: file, atomically: true, encoding: .utf8)
        let run = try jacobi([file])
        XCTAssertEqual(run.status, 0, run.err)
        XCTAssertEqual(run.out, "[1, 2]\n[3, 6]\n9\n")
        XCTAssertEqual(run.err, "")
        let piped = try jacobi([], input: "jacobi> 1 + 1\n2\njacobi> 3*3\n9\n")
        XCTAssertEqual(piped.out, "2\n9\n")
        XCTAssertEqual(piped.err, "")
    }

    func testAnErrorInACopiedSessionIsLocatedInTheFileWithItsPrompt() throws {
        let run = try jacobi([], input: "jacobi> z = [1, 2]\n[1, 2]\njacobi> z + [1,\n   ...>      foo]\n")
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.err.hasPrefix("<stdin>:4:14: error: unknown name 'foo'"), run.err)
    }

    func testExitInALessonOnAPipeLeavesTheLesson() throws {
        let run = try jacobi(["lesson", "1"], input: "?softmax\nexit\n", environment: ["JACOBI_PROGRESS": ""])
        XCTAssertEqual(run.status, 0, run.err)
        XCTAssertTrue(run.out.contains("softmax(z, T)"), run.out)
        XCTAssertTrue(run.out.contains("left the lesson at step 1"), run.out)
    }
}
