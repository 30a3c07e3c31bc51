import Foundation
import XCTest

/// `:bench` at a real terminal: its report, and Ctrl-C stopping it with the session intact.
final class BenchTerminalTests: XCTestCase {
    private let prompt = "jacobi>"

    func testBenchReportsAtThePrompt() throws {
        let tty = try TmuxSession(environment: ["NO_COLOR": "1"])
        try tty.waitForLastLine(prompt)
        try tty.type(":bench --budget 100ms softmax([2, 1, 0.1])")
        try tty.press("Enter")
        let screen = try tty.wait("the report and a fresh prompt") { screen in
            screen.contains("memory: ") && TmuxSession.lastLine(of: screen) == self.prompt
        }
        XCTAssertTrue(screen.contains("median "), screen)
        XCTAssertTrue(screen.contains(" runs: "), screen)
    }

    func testCtrlCStopsABenchAndKeepsTheSession() throws {
        let tty = try TmuxSession(environment: ["NO_COLOR": "1"])
        try tty.waitForLastLine(prompt)
        try tty.type("keep = 7")
        try tty.press("Enter")
        try tty.wait("keep to be bound") { TmuxSession.lastLine(of: $0) == self.prompt && $0.contains("\n7") }
        // Ten minutes' budget: only Ctrl-C ends it within the wait below.
        try tty.type(":bench --budget 600s ones(100, 100) @ ones(100, 100)")
        try tty.press("Enter")
        try tty.wait("the bench to start") { TmuxSession.lastLine(of: $0).hasSuffix("ones(100, 100) @ ones(100, 100)") }
        Thread.sleep(forTimeInterval: 0.5)
        try tty.press("C-c")
        try tty.wait("interrupted", timeout: 20) { $0.contains("interrupted") && TmuxSession.lastLine(of: $0) == self.prompt }
        try tty.type("keep")
        try tty.press("Enter")
        try tty.wait("keep to be kept") { $0.components(separatedBy: "\n").filter { $0 == "7" }.count == 2 }
    }
}
