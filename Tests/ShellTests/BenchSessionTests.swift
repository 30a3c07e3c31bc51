import Foundation
import XCTest
@testable import Shell
import VectorLang

/// `:bench` through the shell session: its report, its errors with carets, and Ctrl-C.
final class BenchSessionTests: ShellTestCase {
    func testTheReportGivesTheMedianTheSpreadTheRunsAndMemory() throws {
        let s = shell()
        XCTAssertEqual(s.submit("z = [2, 1, 0.1];"), [])
        let outputs = s.submit(":bench --budget 50ms softmax(z)")
        XCTAssertEqual(outputs.count, 3, "\(outputs)")
        let lines = outputs.compactMap { output -> String? in if case .info(let text) = output { text } else { nil } }
        XCTAssertEqual(lines.count, 3, "\(outputs)")
        XCTAssertTrue(lines[0].hasPrefix("median ") && lines[0].contains(" per run, IQR ") && lines[0].contains(", max "), lines[0])
        XCTAssertTrue(lines[1].contains(" runs: ") && lines[1].hasSuffix("after 1 warm-up run and 1 for memory"), lines[1])
        // glibc here has mallinfo2, so the bytes held are measured: the result, three doubles, and more.
        XCTAssertTrue(lines[2].hasPrefix("memory: ") && lines[2].contains("held after a run (malloc bytes in use, mallinfo2"), lines[2])
        XCTAssertTrue(lines[2].contains("peak RSS rose "), lines[2])
        // The runs evaluated the expression: ans is its value.
        XCTAssertEqual(s.submit("ans"), s.submit("softmax(z)"))
    }

    func testAnErrorInTheExpressionPointsIntoTheWholeLine() {
        let s = shell()
        let outputs = s.submit(":bench --budget 50ms softmx(1)")
        guard case .error(let diagnostic, let source, _) = outputs.first else { return XCTFail("\(outputs)") }
        XCTAssertEqual(source, ":bench --budget 50ms softmx(1)")
        XCTAssertEqual(diagnostic.range, SourceRange(21, 27))
        XCTAssertTrue(diagnostic.message.contains("softmx"), diagnostic.message)
        XCTAssertEqual(outputs.count, 1)
    }

    func testAParseErrorAndAMissingExpressionAreErrors() {
        let s = shell()
        guard case .error(let unfinished, _, _) = s.submit(":bench 1 +").first else { return XCTFail("1 + was timed") }
        XCTAssertEqual(unfinished.range.start, 10)
        guard case .error(let empty, _, _) = s.submit(":bench --budget 1s").first else { return XCTFail("nothing was timed") }
        XCTAssertEqual(empty.message, ":bench needs an expression to time")
        guard case .error(let badBudget, _, _) = s.submit(":bench --budget soon 1").first else { return XCTFail("'soon' was a budget") }
        XCTAssertEqual(badBudget.range, SourceRange(16, 20))
    }

    func testCtrlCStopsALongBenchAndKeepsTheSession() {
        let s = shell()
        XCTAssertEqual(s.submit("keep = 7;"), [])
        // A minute's budget, and Ctrl-C's flag raised a little after the start: the bench must stop
        // with the notice, not run out its budget.
        let raise = DispatchWorkItem { Interrupt.raise() }
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3, execute: raise)
        let started = Date()
        let outputs = s.submit(":bench --budget 60s ones(200, 200) @ ones(200, 200)")
        XCTAssertEqual(outputs, [.info("interrupted")])
        XCTAssertTrue(s.wasInterrupted)
        XCTAssertLessThan(Date().timeIntervalSince(started), 30, "the bench ran on after Ctrl-C")
        XCTAssertFalse(Interrupt.isRaised, "the flag is lowered for the next line")
        XCTAssertEqual(s.submit("keep"), [.result("7")])
    }
}
