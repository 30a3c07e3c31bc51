import XCTest
@testable import Shell

/// Calls with the wrong number of arguments used to reach the derivation engine unchecked and trap.
///
/// These fail until the engine checks arity (the in-process one brings the test run down with it
/// while the trap is there): they state what must hold once it does.
final class DeriveCrashTests: CommandLineTestCase {
    func testAnArityErrorInTheSubjectIsAUsageErrorWithACaret() throws {
        let run = try jacobi(["derive", "x / (1 + exp())", "--wrt", "x"])
        XCTAssertEqual(run.status, 2, run.out + run.err)
        let lines = run.err.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains { $0.hasPrefix("error: ") }, run.err)
        XCTAssertTrue(lines.contains("  'x / (1 + exp())' --wrt x"), run.err)
        XCTAssertTrue(lines.contains { line in line.hasPrefix("  ") && line.contains("^") && line.allSatisfy { $0 == " " || $0 == "^" } },
                      "a caret line: " + run.err)
    }

    func testTheSessionSurvivesAStepCallWithNoArgument() {
        let shell = ShellSession(options: ShellOptions(color: false))
        let outputs = shell.submit(":derive step() * x")
        XCTAssertTrue(outputs.contains { if case .error = $0 { true } else { false } }, "\(outputs)")
        XCTAssertEqual(shell.submit("1 + 1"), [.result("2")], "the session goes on")
    }
}
