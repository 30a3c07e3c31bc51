import XCTest
import LessonKit
@testable import Shell

/// Bytes from a terminal in raw mode as named keys, and those keys as the presenter's commands.
final class TerminalKeyTests: XCTestCase {
    func testBytesAndSequences() {
        let cases: [([UInt8], TerminalKey, Int)] = [
            ([13], .enter, 1), ([10], .enter, 1), ([127], .backspace, 1), ([3], .control("c"), 1), ([26], .control("z"), 1),
            (Array("q".utf8), .character("q"), 1), (Array("42".utf8), .character("4"), 1),
            (Array("\u{1B}[C".utf8), .right, 3), (Array("\u{1B}OD".utf8), .left, 3), (Array("\u{1B}[A".utf8), .up, 3),
            (Array("\u{1B}[6~".utf8), .pageDown, 4), (Array("\u{1B}[5~".utf8), .pageUp, 4),
            (Array("\u{1B}[H".utf8), .home, 3), (Array("\u{1B}[1~".utf8), .home, 4), (Array("\u{1B}[4~".utf8), .end, 4),
            (Array("\u{1B}[1;5C".utf8), .right, 6), (Array("\u{1B}[15~".utf8), .unknown, 5),
            ([27], .escape, 1), (Array("\u{1B}q".utf8), .escape, 1), ([], .endOfInput, 0), ([0xC3, 0xA9], .unknown, 1),
        ]
        for (bytes, key, length) in cases {
            let decoded = TerminalKey.decode(bytes)
            XCTAssertEqual(decoded.key, key, "\(bytes)")
            XCTAssertEqual(decoded.length, length, "\(bytes)")
        }
    }

    func testPresenterKeys() {
        let cases: [(TerminalKey, PresenterNavigation.Command?)] = [
            (.character(" "), .forward), (.right, .forward), (.pageDown, .forward), (.down, .forward), (.enter, .enter),
            (.left, .backward), (.pageUp, .backward), (.character("b"), .backward), (.backspace, .backward),
            (.character("n"), .nextStep), (.character("p"), .previousStep), (.character("7"), .digit(7)), (.character("g"), .go),
            (.home, .first), (.end, .last), (.character("?"), .help), (.escape, .cancel),
            (.character("q"), .quit), (.control("c"), .quit), (.endOfInput, .quit), (.character("x"), nil), (.unknown, nil),
        ]
        for (key, command) in cases {
            XCTAssertEqual(PresenterLoop.command(for: key), command, "\(key)")
        }
    }
}
