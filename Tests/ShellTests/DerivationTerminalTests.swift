import Foundation
import XCTest

/// A derivation in a real 60-column terminal: every line jacobi writes fits, so the terminal never
/// wraps one for it (`capture-pane -J` joins lines the terminal wrapped, and would show them too long).
final class DerivationTerminalTests: XCTestCase {
    func testDeriveSoftmaxFitsSixtyColumns() throws {
        let tty = try TmuxSession(width: 60, height: 200)
        try tty.waitForLastLine("jacobi>")
        try tty.type(":derive softmax")
        try tty.press("Enter")
        let screen = try tty.wait("the check line and a new prompt") { screen in
            screen.contains("check: every step agrees") && TmuxSession.lastLine(of: screen) == "jacobi>"
        }
        let lines = screen.split(separator: "\n").map(String.init)
        for line in lines {
            XCTAssertLessThanOrEqual(line.count, 60, line)
        }
        // The matrix at the start and the end is printed in rows, each number whole.
        XCTAssertEqual(lines.filter { $0.contains("≈ [[ 0.2247, -0.1598, -0.0650],") }.count, 2, screen)
        XCTAssertTrue(lines.contains { $0.hasPrefix("    the elements of a vector are independent") }, screen)
    }
}
