import XCTest
import VectorLang
@testable import Shell

/// The colour depth the shell reads from the environment, and how the palette paints a picture's tints.
final class ColorDepthTests: XCTestCase {
    private func depth(_ variables: [String: String]) -> ColorDepth {
        Terminal.colorDepth { variables[$0] }
    }

    func testDepthFromTheEnvironment() {
        XCTAssertEqual(depth(["TERM": "xterm"]), .sixteen)
        XCTAssertEqual(depth([:]), .sixteen)
        XCTAssertEqual(depth(["TERM": "xterm-256color"]), .palette256)
        XCTAssertEqual(depth(["TERM": "screen-256color", "COLORTERM": "truecolor"]), .trueColor)
        XCTAssertEqual(depth(["TERM": "xterm", "COLORTERM": "24bit"]), .trueColor)
        XCTAssertEqual(depth(["TERM": "xterm-256color", "COLORTERM": "yes"]), .palette256)
        XCTAssertEqual(depth(["TERM": "xterm-256color", "COLORTERM": "truecolor", "NO_COLOR": "1"]), .none)
        XCTAssertEqual(depth(["TERM": "dumb", "COLORTERM": "truecolor"]), .none)
        XCTAssertEqual(depth(["TERM": "xterm", "NO_COLOR": ""]), .sixteen, "an empty NO_COLOR is not set (no-color.org)")
    }

    func testTintsBecomeForegroundColours() {
        XCTAssertEqual(Palette.code(for: .basic(1)), "31")
        XCTAssertEqual(Palette.code(for: .basic(12)), "94")
        XCTAssertEqual(Palette.code(for: .palette(124)), "38;5;124")
        XCTAssertEqual(Palette.code(for: .rgb(red: 178, green: 24, blue: 43)), "38;2;178;24;43")
        XCTAssertEqual(Palette.code(for: .rgb(red: 999, green: -4, blue: 43)), "38;2;255;0;43", "clamped, never another sequence")
    }

    /// A tinted picture passes the output gate as every output does: its escapes are the palette's only.
    func testTintedPicturesGoThroughTheOutputGate() {
        let hostile = StyledLine(tinted: TintedLine([.init("\u{1B}[2J", .basic(1)), .init(" f\u{1B}]0;x\u{7}")]))
        let painted = Palette(enabled: true).styled([hostile])
        XCTAssertEqual(painted, "\u{1B}[31m^[[2J\u{1B}[0m\u{1B}[36m f^[]0;x^G\u{1B}[0m")
        XCTAssertEqual(Palette(enabled: false).styled([hostile]), "^[[2J f^[]0;x^G")
    }

    func testTheREPLSessionDrawsInColourOnlyWhenAsked() {
        let shell = ShellSession(options: ShellOptions(color: false))
        guard case .result? = shell.submit("heatmap([[1, -1]])").first else { return XCTFail("plain by default") }
        shell.session.options.colors = .palette256
        guard case .styled(let lines)? = shell.submit("heatmap([[1, -1]])").first else { return XCTFail("styled in colour") }
        XCTAssertTrue(lines[2].spans.contains { $0.role == .tinted(.palette(124)) }, "\(lines[2])")
    }
}
