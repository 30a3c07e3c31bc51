import Foundation
import XCTest

/// `:save` over an existing file at a real terminal: the question is asked, and Enter keeps the file.
final class SaveTerminalTests: XCTestCase {
    func testSavingOverAFileAsksAndEnterKeepsIt() throws {
        let tty = try TmuxSession()
        try tty.waitForLastLine("jacobi>")
        let file = tty.home.appendingPathComponent("s.jac").path
        try "keep me\n".write(toFile: file, atomically: false, encoding: .utf8)
        try tty.type("z = 1")
        try tty.press("Enter")
        try tty.waitForLastLine("jacobi>")
        try tty.type(":save \(file)")
        try tty.press("Enter")
        try tty.waitForLastLine("\(file) exists; overwrite it? [y/N]")
        try tty.press("Enter")
        try tty.wait("the file kept") { $0.contains("not saved; \(file) is as it was") && TmuxSession.lastLine(of: $0) == "jacobi>" }
        XCTAssertEqual(try String(contentsOfFile: file, encoding: .utf8), "keep me\n")
        try tty.type(":save \(file)")
        try tty.press("Enter")
        try tty.waitForLastLine("\(file) exists; overwrite it? [y/N]")
        try tty.type("y")
        try tty.press("Enter")
        try tty.wait("the file replaced") { $0.contains("saved 1 name to \(file)") && TmuxSession.lastLine(of: $0) == "jacobi>" }
        XCTAssertTrue(try String(contentsOfFile: file, encoding: .utf8).hasSuffix("z = 1\n"))
    }
}
