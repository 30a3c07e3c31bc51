import Foundation
import XCTest

/// The output gate in a real terminal (tmux), which would obey an escape sequence if one reached it:
/// a hostile lesson leaves the window's title and the screen alone, and Tab never offers a file name
/// that readline would print byte for byte.
final class OutputGateTerminalTests: XCTestCase {
    func testAHostileLessonNeitherRetitlesNorClears() throws {
        let course = FileManager.default.temporaryDirectory.appendingPathComponent("jacobi-gate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: course, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: course) }
        // OSC 0 in every field but one, where the screen is cleared: the title would be "pwned", and the
        // line typed before the lesson would be gone.
        let text = OutputGateTests.lesson(with: "\u{1B}]0;pwned\u{07}").replacing("NARRATIVE\u{1B}]0;pwned\u{07}", with: "NARRATIVE\u{1B}[H\u{1B}[2J")
        try text.write(to: course.appendingPathComponent("01-attack.md"), atomically: true, encoding: .utf8)
        let tty = try TmuxSession(environment: ["JACOBI_LESSONS": course.path, "JACOBI_PROGRESS": ""])
        try tty.waitForLastLine("jacobi>")
        let title = try tty.title()
        try tty.type("1 + 41")
        try tty.press("Enter")
        try tty.wait("the sum") { $0.contains("\n42\n") }
        try tty.type(":lesson 1")
        try tty.press("Enter")
        let screen = try tty.wait("the lesson's prompt") { TmuxSession.lastLine(of: $0) == "lesson 1·1>" }
        XCTAssertTrue(screen.contains("TITLE^[]0;pwned^GEND"), screen)
        XCTAssertTrue(screen.contains("NARRATIVE^[[H^[[2JEND"), screen)
        // tmux keeps what a clear screen wipes in its scrollback; the screen itself must still show it.
        let visible = try tty.visibleScreen()
        XCTAssertTrue(visible.contains("jacobi> 1 + 41\n42\n"), "the screen was cleared:\n\(visible)")
        XCTAssertEqual(try tty.title(), title, "the window's title is unchanged")
        XCTAssertNotEqual(try tty.title(), "pwned")
    }

    func testTabOffersOnlyFileNamesWithoutControlCharacters() throws {
        let tty = try TmuxSession()
        try tty.waitForLastLine("jacobi>")
        let folder = tty.home.appendingPathComponent("scripts")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["good.jac", "go\u{202E}caj.evil", "go\u{1B}]0;pwned\u{07}.jac"] {
            XCTAssertTrue(FileManager.default.createFile(atPath: folder.appendingPathComponent(name).path, contents: Data()))
        }
        // Three names start with "go"; only one can be shown as it is, so it is the completion.
        try tty.type(":load \(folder.path)/go")
        try tty.press("Tab")
        try tty.waitForLastLine("jacobi> :load \(folder.path)/good.jac")
        XCTAssertNotEqual(try tty.title(), "pwned")
    }
}
