import Foundation
import XCTest

/// `jacobi bench` and `:bench` in a script, through the built binary.
final class BenchCommandLineTests: CommandLineTestCase {
    func testBenchReportsTimesRunsAndMemory() throws {
        let run = try jacobi(["bench", "--budget", "100ms", "--setup", "z = randn(1000)", "softmax(z)"])
        XCTAssertEqual(run.status, 0, run.err)
        XCTAssertEqual(run.err, "")
        let lines = run.out.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 3, run.out)
        XCTAssertTrue(lines[0].hasPrefix("median "), run.out)
        XCTAssertTrue(lines[1].contains(" runs: "), run.out)
        XCTAssertTrue(lines[2].hasPrefix("memory: "), run.out)
    }

    func testBenchOfAWrongExpressionShowsTheCaretAndFails() throws {
        let run = try jacobi(["bench", "softmx([1, 2])"])
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.out, "")
        XCTAssertTrue(run.err.hasPrefix("bench:1:1: error: unknown name 'softmx'"), run.err)
        XCTAssertTrue(run.err.contains("\n  ^^^^^^\n"), run.err)
    }

    func testASetupLineWithAnErrorStopsBeforeTiming() throws {
        let run = try jacobi(["bench", "--setup", "z = [1, 2", "z"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.err.hasPrefix("--setup #1:1:"), run.err)
        XCTAssertFalse(run.out.contains("median"), run.out)
    }

    func testABadBudgetIsAUsageError() throws {
        let run = try jacobi(["bench", "--budget", "forever", "1"])
        XCTAssertNotEqual(run.status, 0)
        XCTAssertTrue(run.err.contains("--budget takes a time from 1ms to 600s"), run.err)
    }

    func testBenchAtThePromptOfAScript() throws {
        let run = try jacobi([], input: ":bench --budget 50ms sum(ones(100))\n:bench nope(1)\n")
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.out.hasPrefix("median "), run.out)
        XCTAssertTrue(run.err.hasPrefix("<stdin>:2:8: error: unknown name 'nope'"), run.err)
    }
}
