import Foundation
import XCTest

/// End to end through a real pseudo-terminal: keys typed into the built `jacobi` running in tmux.
///
/// These check what only a terminal shows: readline's history and completion, the continuation
/// prompt, Ctrl-C and Ctrl-D, colours and the width. They skip, with a message, where tmux is missing.
final class TerminalTests: XCTestCase {
    static let prompt = "jacobi>"

    private func start(_ environment: [String: String] = [:], width: Int = 100) throws -> TmuxSession {
        let tty = try TmuxSession(environment: environment, width: width)
        try tty.waitForLastLine(TerminalTests.prompt)
        return tty
    }

    /// Types a line, presses Enter, and waits for a fresh prompt with `expected` shown since the line
    /// (the line is found by its prompt, so output that happens to end the same way is not mistaken for it).
    private func enter(_ tty: TmuxSession, _ line: String, expect expected: String, file: StaticString = #filePath, line number: UInt = #line) throws {
        let typed = line.trimmingCharacters(in: .whitespaces)
        let echoes = { (screen: String) in
            screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.enumerated()
                .filter { ($0.element.hasPrefix("jacobi>") || $0.element.hasPrefix("...>")) && $0.element.hasSuffix(typed) }.map(\.offset)
        }
        let before = echoes(try tty.screen()).count
        try tty.type(line)
        try tty.press("Enter")
        try tty.wait("\"\(expected)\" after \(line)", file: file, line: number) { screen in
            let lines = screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            let found = echoes(screen)
            guard found.count > before, let i = found.last else { return false }
            return lines[(i + 1)...].contains { $0.contains(expected) } && TmuxSession.lastLine(of: screen) == TerminalTests.prompt
        }
    }

    func testUpArrowRecallsThePreviousLine() throws {
        let tty = try start()
        try enter(tty, "z = [2, 1, 0.1]", expect: "[2, 1, 0.1]")
        try tty.press("Up")
        try tty.waitForLastLine("jacobi> z = [2, 1, 0.1]")
        try tty.press("C-c")
        try tty.waitForLastLine(TerminalTests.prompt)
    }

    func testCtrlRSearchesTheHistory() throws {
        let tty = try start()
        try enter(tty, "zeta = 5", expect: "5")
        try enter(tty, "1 + 1", expect: "2")
        try tty.press("C-r")
        try tty.type("zet")
        try tty.waitForLastLine("(reverse-i-search)`zet': zeta = 5")
        try tty.press("Enter")
        try tty.wait("the found line to run again") { $0.components(separatedBy: "\n5\n").count == 3 }
    }

    func testTabCompletesABuiltinWithItsParenthesis() throws {
        let tty = try start()
        try tty.type("softm")
        try tty.press("Tab")
        try tty.waitForLastLine("jacobi> softmax(")
        try tty.type("[2, 1, 0.1])")
        try tty.press("Enter")
        try tty.wait("softmax's value") { $0.contains("[0.659, 0.2424, 0.09857]") }
    }

    func testAnOpenBracketGivesTheContinuationPrompt() throws {
        let tty = try start()
        try tty.type("M = [[1, 2],")
        try tty.press("Enter")
        try tty.waitForLastLine("...>")
        try tty.type("[3, 4]]")
        try tty.press("Enter")
        try tty.wait("the matrix") { $0.contains("[[1, 2],\n [3, 4]]") }
    }

    func testCtrlCStopsALongEvaluationAndKeepsTheSession() throws {
        let tty = try start()
        try enter(tty, "z = [2, 1, 0.1]", expect: "[2, 1, 0.1]")
        // Minutes in a debug build, over a second even in release: it must be stopped, not finished.
        try tty.type("x = ones(3000, 3000) @ ones(3000, 3000)")
        try tty.press("Enter")
        try tty.wait("the evaluation to start") { TmuxSession.lastLine(of: $0) == "jacobi> x = ones(3000, 3000) @ ones(3000, 3000)" }
        Thread.sleep(forTimeInterval: 0.3)
        let pressed = Date()
        try tty.press("C-c")
        try tty.wait("interrupted", timeout: 10) { $0.contains("interrupted") }
        let elapsed = Date().timeIntervalSince(pressed)
        // Timing is reported, not asserted to the millisecond (tests never assert wall-clock times);
        // the generous bound only tells an interrupted evaluation from a finished one.
        print("Ctrl-C to \"interrupted\" on the screen: \(Int(elapsed * 1000)) ms (including polling)")
        XCTAssertLessThan(elapsed, 5)
        try tty.waitForLastLine(TerminalTests.prompt)
        try enter(tty, "z", expect: "[2, 1, 0.1]")
        try enter(tty, "x", expect: "unknown name 'x'")
        try tty.press("Up")
        try tty.waitForLastLine("jacobi> x")
    }

    func testCtrlCAtThePromptDiscardsTheLine() throws {
        let tty = try start()
        try tty.type("[1, 2,")
        try tty.press("Enter")
        try tty.waitForLastLine("...>")
        try tty.type("3 nonsense")
        try tty.press("C-c")
        try tty.waitForLastLine(TerminalTests.prompt)
        XCTAssertTrue(try tty.screen().contains("...> 3 nonsense^C"))
        try enter(tty, "1 + 1", expect: "2")
    }

    func testCtrlDExitsWithZeroAndTheHistoryHoldsTheLines() throws {
        let tty = try start()
        try enter(tty, "a = 1", expect: "1")
        try enter(tty, "a = 1", expect: "1")
        try tty.type("b = [a,")
        try tty.press("Enter")
        try tty.waitForLastLine("...>")
        try enter(tty, " 2]", expect: "[1, 2]")
        try tty.press("Enter")
        try tty.press("C-d")
        try tty.wait("jacobi to exit") { _ in (try? tty.exitStatus()) != nil }
        XCTAssertEqual(try tty.exitStatus(), 0)
        let history = try String(contentsOf: tty.home.appendingPathComponent("state/jacobi/history"), encoding: .utf8)
        XCTAssertEqual(history, "a = 1\nb = [a, 2]\n")
    }

    func testQuitWritesTheHistoryToJacobiHistory() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("jacobi-history-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let tty = try start(["JACOBI_HISTORY": path])
        try enter(tty, "softmax([1, 2])", expect: "[0.2689, 0.7311]")
        try tty.type(":quit")
        try tty.press("Enter")
        try tty.wait("jacobi to exit") { _ in (try? tty.exitStatus()) != nil }
        XCTAssertEqual(try tty.exitStatus(), 0)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "softmax([1, 2])\n:quit\n")
    }

    func testAnEmptyJacobiHistoryTurnsHistoryOff() throws {
        let tty = try start(["JACOBI_HISTORY": ""])
        try enter(tty, "1", expect: "1")
        try tty.press("C-d")
        try tty.wait("jacobi to exit") { _ in (try? tty.exitStatus()) != nil }
        XCTAssertFalse(FileManager.default.fileExists(atPath: tty.home.appendingPathComponent("state/jacobi").path))
    }

    func testNoColorMeansNoEscapeSequences() throws {
        let coloured = try start()
        try enter(coloured, "softmx(1)", expect: "did you mean")
        XCTAssertTrue(try coloured.screen(escapes: true).contains("\u{1B}["), "the control: colour is on without NO_COLOR")

        let plain = try start(["NO_COLOR": "1"])
        try enter(plain, "z = [2, 1, 0.1]", expect: "[2, 1, 0.1]")
        try enter(plain, "softmx(z)", expect: "did you mean")
        try enter(plain, ":help sum", expect: "example:")
        XCTAssertFalse(try plain.screen(escapes: true).contains("\u{1B}"))
    }

    /// `:derive softmax --step`: one key per step with no Enter, q for the rest, and nothing of the
    /// paging left in the scrollback: no hint, no prompt line between the blocks.
    func testDeriveStepReadsSingleKeysAndLeavesNoPromptLines() throws {
        let tty = try start()
        let hint = "⏎ next step · q: all the rest"
        try tty.type(":derive softmax --step")
        try tty.press("Enter")
        try tty.wait("the header, the start and the hint") { TmuxSession.lastLine(of: $0) == hint && $0.contains("  ∂pᵢ/∂zⱼ") }
        try tty.press("Space")
        try tty.wait("step 1 after Space") { TmuxSession.lastLine(of: $0) == hint && $0.contains("[1] definition of softmax") }
        try tty.press("j")
        try tty.wait("step 2 after j") { TmuxSession.lastLine(of: $0) == hint && $0.contains("[2] quotient rule") }
        XCTAssertFalse(try tty.screen().contains("[3] "), "one step per key")
        try tty.press("q")
        let screen = try tty.wait("the rest and the prompt") {
            $0.contains("check: every step agrees") && TmuxSession.lastLine(of: $0) == TerminalTests.prompt
        }
        let lines = screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        XCTAssertFalse(screen.contains("next step"), "a hint was left behind:\n\(screen)")
        XCTAssertEqual(lines.filter { $0.hasPrefix("jacobi>") }, ["jacobi> :derive softmax --step", "jacobi>"], screen)
        // The blocks follow each other directly: the start's value, then step 1.
        let one = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("[1] definition of softmax") })
        XCTAssertTrue(lines[one - 1].hasPrefix("≈ [["), lines[one - 1])
        // The terminal is given back: readline edits again, and Ctrl-C at the prompt only drops the line.
        try enter(tty, "1 + 1", expect: "2")
        try tty.type("3 nonsense")
        try tty.press("C-c")
        try tty.waitForLastLine(TerminalTests.prompt)
        try enter(tty, "2 + 2", expect: "4")
    }

    /// Ctrl-C while a derivation is paged stops it there and keeps the session.
    func testCtrlCStopsDeriveStep() throws {
        let tty = try start()
        try enter(tty, "z = [1, 2, 3]", expect: "[1, 2, 3]")
        try tty.type(":derive softmax --step")
        try tty.press("Enter")
        try tty.wait("the hint") { TmuxSession.lastLine(of: $0) == "⏎ next step · q: all the rest" }
        try tty.press("C-c")
        try tty.waitForLastLine(TerminalTests.prompt)
        let screen = try tty.screen()
        XCTAssertFalse(screen.contains("[1] definition"), screen)
        XCTAssertFalse(screen.contains("next step"), screen)
        try enter(tty, "z", expect: "[1, 2, 3]")
    }

    func testAResizeIsPickedUpForTheNextOutput() throws {
        let tty = try start(width: 100)
        try enter(tty, "linspace(0, 1, 100)", expect: "(vector of 100)")
        try tty.resize(width: 50, height: 40)
        try enter(tty, "linspace(0, 1, 101)", expect: "(vector of 101)")
        let line = try XCTUnwrap(try tty.screen().split(separator: "\n").last { $0.contains("(vector of 101)") })
        XCTAssertLessThanOrEqual(line.count, 50, String(line))
    }
}
