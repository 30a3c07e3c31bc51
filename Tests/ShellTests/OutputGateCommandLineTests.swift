import Foundation
import XCTest

/// The output gate end to end: the built `jacobi` given a hostile lesson folder, script, answers and
/// arguments writes no control character on standard output or standard error (colour is off here,
/// so there are no escape sequences at all), and shows each one written out.
final class OutputGateCommandLineTests: CommandLineTestCase {
    static let osc = "\u{1B}]0;pwned\u{07}"
    static let shownOSC = "^[]0;pwned^G"

    /// A folder holding the fixture lesson with the OSC 0 payload in every field.
    func hostileCourse() throws -> String {
        let folder = home.appendingPathComponent("course")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try OutputGateTests.lesson(with: Self.osc).write(to: folder.appendingPathComponent("01-attack.md"), atomically: true, encoding: .utf8)
        return folder.path
    }

    func assertShownSafely(_ run: Run, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(OutputGateTests.rawControls(in: run.out + run.err), [], "\(what)\n\(run.out)\(run.err)", file: file, line: line)
        XCTAssertTrue((run.out + run.err).contains(Self.shownOSC), "\(what): the payload is shown\n\(run.out)\(run.err)", file: file, line: line)
    }

    func testEveryLessonCommandShowsAHostileLessonSafely() throws {
        let course = try hostileCourse()
        let environment = ["JACOBI_LESSONS": course, "JACOBI_PROGRESS": ""]
        // The learner's answers come from a file too, and are echoed after the prompt.
        let answers = ["z[1] # " + Self.osc, ":hint", ":skip", "", "1", ":skip", "", ""].joined(separator: "\n") + "\n"
        let lesson = try jacobi(["lesson", "1"], input: answers, environment: environment)
        XCTAssertEqual(lesson.status, 0, lesson.err)
        assertShownSafely(lesson, "jacobi lesson")
        XCTAssertTrue(lesson.out.contains("lesson 1·1> z[1] # " + Self.shownOSC), lesson.out)
        for field in OutputGateTests.learnerFields {
            XCTAssertTrue(lesson.out.contains(field + Self.shownOSC + "END"), "\(field)\n\(lesson.out)")
        }

        assertShownSafely(try jacobi(["lessons"], environment: environment), "jacobi lessons")
        let present = try jacobi(["present", "1"], environment: environment)
        XCTAssertEqual(present.status, 0, present.err)
        assertShownSafely(present, "jacobi present")
        let handout = try jacobi(["present", "1", "--export", "markdown"], environment: environment)
        assertShownSafely(handout, "jacobi present --export markdown")
        XCTAssertTrue(handout.out.hasPrefix("# TITLE" + Self.shownOSC + "END\n"), handout.out)

        let check = try jacobi(["lessons", "check", course])
        XCTAssertEqual(check.status, 1, "control characters fail the check")
        assertShownSafely(check, "jacobi lessons check")
        XCTAssertTrue(check.out.contains(course + "/01-attack.md:1: control characters U+001B at column 8, U+0007 at column 17"), check.out)
    }

    func testScriptsExpressionsAndArgumentsAreShownSafely() throws {
        let script = home.appendingPathComponent("pw\(Self.osc)ned.jac")
        try "z = [1, 2] # \(Self.osc)\nz +\(Self.osc) 1\n:help \(Self.osc)\n".write(to: script, atomically: true, encoding: .utf8)
        let run = try jacobi([script.path])
        XCTAssertEqual(run.status, 1)
        assertShownSafely(run, "jacobi FILE")
        XCTAssertTrue(run.err.contains("pw\(Self.shownOSC)ned.jac:2:4: error: unexpected character '^['\n  z +\(Self.shownOSC) 1\n     ^^"), run.err)

        assertShownSafely(try jacobi(["-e", "1 + " + Self.osc]), "jacobi -e")
        assertShownSafely(try jacobi([home.appendingPathComponent("missing\(Self.osc).jac").path]), "a missing file's name")
        assertShownSafely(try jacobi(["lesson", Self.osc]), "an unknown lesson")
        assertShownSafely(try jacobi(["derive", "soft" + Self.osc + "max"]), "jacobi derive SUBJECT")
        let at = try jacobi(["derive", "softmax", "--at", "z=[1," + Self.osc + "]"])
        XCTAssertEqual(at.status, 2)
        assertShownSafely(at, "jacobi derive --at")
        // swift-argument-parser's own messages quote the command line.
        assertShownSafely(try jacobi(["--precision", Self.osc]), "--precision")
        assertShownSafely(try jacobi(["derive", "--precision", Self.osc, "softmax"]), "derive --precision")
        assertShownSafely(try jacobi(["lessons", "--bogus" + Self.osc]), "an unknown option")
        assertShownSafely(try jacobi(["present", "1", "--export", Self.osc]), "present --export")
    }

    /// `--json` strings escape what the gate shows, and stay valid JSON.
    func testJSONOutputHasNoRawControls() throws {
        let run = try jacobi(["--json", "-e", "f(x) = x + 1 # " + Self.osc, "-e", "f", "-e", "1 + " + Self.osc])
        XCTAssertEqual(OutputGateTests.rawControls(in: run.out + run.err), [])
        let value = try JSONSerialization.jsonObject(with: Data(run.out.split(separator: "\n").last.map { Data($0.utf8) } ?? Data()), options: .fragmentsAllowed)
        XCTAssertEqual(value as? String, "f(x) = x + 1")
    }
}
