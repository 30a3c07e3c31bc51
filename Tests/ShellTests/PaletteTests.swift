import XCTest
import VectorLang
@testable import Shell

/// Colours on and off: off is exactly the plain text; on wraps the parts in ANSI codes.
final class PaletteTests: XCTestCase {
    let diagnostic = Diagnostic("unknown name 'softmx'", at: SourceRange(0, 6), note: "a note", suggestion: "did you mean softmax?")

    func testPlainWhenDisabled() {
        let palette = Palette(enabled: false)
        XCTAssertEqual(palette.prompt("jacobi> ", continuation: false), "jacobi> ")
        XCTAssertEqual(palette.render(.result("[1, 2]"))?.text, "[1, 2]")
        let error = palette.render(.error(diagnostic, source: "softmx(z)"))
        XCTAssertEqual(error?.text, diagnostic.rendered(source: "softmx(z)"))
        XCTAssertEqual(error?.isError, true)
        XCTAssertNil(palette.render(.quit))
    }

    func testColoursWhenEnabled() throws {
        let palette = Palette(enabled: true)
        // readline must be told which bytes of the prompt take no columns: \001 … \002.
        XCTAssertEqual(palette.prompt("jacobi> ", continuation: false), "\u{1}\u{1B}[1;32m\u{2}jacobi>\u{1}\u{1B}[0m\u{2} ")
        XCTAssertEqual(palette.prompt("   ...> ", continuation: true), "\u{1}\u{1B}[2m\u{2}   ...>\u{1}\u{1B}[0m\u{2} ")
        XCTAssertEqual(palette.render(.result("[1, 2]"))?.text, "\u{1B}[36m[1, 2]\u{1B}[0m")
        let lines = try XCTUnwrap(palette.render(.error(diagnostic, source: "softmx(z)"))?.text).split(separator: "\n")
        XCTAssertEqual(lines[0], "\u{1B}[1;31merror:\u{1B}[0m \u{1B}[1munknown name 'softmx'\u{1B}[0m")
        XCTAssertEqual(lines[1], "  softmx(z)")
        XCTAssertEqual(lines[2], "\u{1B}[1;31m  ^^^^^^\u{1B}[0m")
        XCTAssertEqual(lines[3], "\u{1B}[36m  note:\u{1B}[0m a note")
        XCTAssertEqual(lines[4], "\u{1B}[32m  help:\u{1B}[0m did you mean softmax?")
    }

    func testHelpHeadingsAndEntries() {
        let text = Palette(enabled: true).help("Losses\n  mse(a, b)   Mean squared error.\n  plain line")
        XCTAssertEqual(text, "\u{1B}[1mLosses\u{1B}[0m\n  \u{1B}[32mmse(a, b)\u{1B}[0m   Mean squared error.\n  plain line")
    }
}
