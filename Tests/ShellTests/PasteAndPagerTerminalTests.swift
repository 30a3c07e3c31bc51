import Foundation
import XCTest

/// The pager and pasting, end to end through a real pseudo-terminal (tmux): what only a terminal
/// shows, such as `less` taking the screen and giving it back to readline, and a paste's lines arriving
/// together.
final class PasteAndPagerTerminalTests: XCTestCase {
    private func start(_ environment: [String: String] = [:], height: Int = 20, after: String = "") throws -> TmuxSession {
        let tty = try TmuxSession(environment: environment, height: height, after: after)
        try tty.waitForLastLine("jacobi>")
        return tty
    }

    /// The lines of the screen, without spaces at either end.
    private func lines(_ screen: String) -> [String] {
        screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    func testLongHelpOpensThePagerAndQGivesTheScreenBackToReadline() throws {
        let tty = try start(["PAGER": "less"])
        try tty.type(":help")
        try tty.press("Enter")
        try tty.wait("less's prompt at the bottom") { TmuxSession.lastLine(of: $0) == ":" }
        try tty.press("G")
        try tty.wait("less at the end of the help") { $0.contains("(END)") }
        try tty.press("q")
        try tty.waitForLastLine("jacobi>")
        // readline has the terminal again: history, editing and evaluation work as before.
        try tty.press("Up")
        try tty.waitForLastLine("jacobi> :help")
        try tty.press("C-u")
        try tty.type("1 + 41")
        try tty.press("Enter")
        try tty.wait("the result after the pager") { self.lines($0).suffix(2) == ["42", "jacobi>"] }
        XCTAssertNil(try tty.exitStatus())
    }

    func testHelpThatFitsIsPrintedWithoutThePager() throws {
        let tty = try start(["PAGER": "less"], height: 40)
        try tty.type("?relu")
        try tty.press("Enter")
        try tty.wait("the help and a prompt") { self.lines($0).suffix(2) == ["[0, 0, 3]", "jacobi>"] }
        XCTAssertFalse(try tty.screen().contains("(END)"))
    }

    func testOutputThroughAPipeIsNeverPaged() throws {
        let tty = try start(["PAGER": "less"], after: "| cat")
        try tty.type(":help")
        try tty.press("Enter")
        let screen = try tty.wait("the whole help, unpaged") { $0.contains(":help NAME shows one in full, with an example.") }
        XCTAssertFalse(screen.contains("(END)"), screen)
        XCTAssertFalse(lines(screen).contains(":"), screen)
    }

    func testAPagerThatCannotStartLeavesTheHelpPrinted() throws {
        let tty = try start(["PAGER": "/nonexistent/pager"])
        try tty.type(":help")
        try tty.press("Enter")
        try tty.wait("the help printed after all") { screen in
            screen.contains(":help NAME shows one in full, with an example.") && TmuxSession.lastLine(of: screen) == "jacobi>"
        }
    }

    func testAPastedSessionRunsItsInputsAndSkipsItsOutput() throws {
        let tty = try start(height: 40)
        try tty.paste("jacobi> 1 + 1\n2\njacobi> 3*3\n9\n")
        let screen = try tty.wait("both inputs run") { screen in
            self.lines(screen).contains("jacobi> 9") && TmuxSession.lastLine(of: screen) == "jacobi>"
        }
        let shown = lines(screen)
        XCTAssertEqual(shown.filter { $0 == "2" }.count, 1, screen)
        XCTAssertEqual(shown.filter { $0 == "9" }.count, 1, screen)
        XCTAssertFalse(screen.contains("error"), screen)
    }

    func testABracketedPasteRunsItsInputsAndSkipsItsOutput() throws {
        let tty = try start(height: 40)
        try tty.paste("jacobi> z = [1,\n   ...> 2]\n[1, 2]\njacobi> z * 3\n[3, 6]\n", bracketed: true)
        // readline holds the whole paste until Enter, as a shell does.
        try tty.wait("the paste in readline's line") { $0.contains("[3, 6]") }
        try tty.press("Enter")
        let screen = try tty.wait("both inputs run") { screen in
            self.lines(screen).filter { $0 == "[3, 6]" }.count == 2 && TmuxSession.lastLine(of: screen) == "jacobi>"
        }
        XCTAssertEqual(lines(screen).filter { $0 == "[1, 2]" }.count, 2, "the pasted copy and the result: \(screen)")
        XCTAssertFalse(screen.contains("error"), screen)
    }
}
