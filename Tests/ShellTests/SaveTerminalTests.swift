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

        /// Types `:save FILE`, waits for the question, answers it, and waits for `expected` and the prompt.
        func save(answer: String, expect expected: String) throws {
            try tty.type(":save \(file)")
            try tty.press("Enter")
            try tty.waitForLastLine("\(file) exists; overwrite it? [y/N]")
            if !answer.isEmpty { try tty.type(answer) }
            try tty.press("Enter")
            try tty.wait(expected) { $0.contains(expected) && TmuxSession.lastLine(of: $0) == "jacobi>" }
        }
        try save(answer: "", expect: "not saved; \(file) is as it was")
        XCTAssertEqual(try String(contentsOfFile: file, encoding: .utf8), "keep me\n")
        try save(answer: "y", expect: "saved 1 name to \(file)")
        XCTAssertTrue(try String(contentsOfFile: file, encoding: .utf8).hasSuffix("z = 1\n"))
    }
}
