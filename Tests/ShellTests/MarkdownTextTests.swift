import XCTest
import VectorLang
@testable import Shell

/// Inline Markdown in the terminal: with colour, `*emphasis*`, `**strong**` and `code` are styled
/// without their markers; without colour (NO_COLOR, a pipe) they are plain text without them.
final class MarkdownTextTests: XCTestCase {
    func testInlineMarkupBecomesRolesWithoutMarkers() {
        XCTAssertEqual(MarkdownText.inline("the *Kronecker delta*, **one** and `eye(n)`."), [
            .init("the "), .init("Kronecker delta", .emphasis), .init(", "), .init("one", .strong),
            .init(" and "), .init("eye(n)", .code), .init("."),
        ])
    }

    /// An asterisk between spaces is multiplication, an unpaired one a character, and nothing inside
    /// code is markup.
    func testAsterisksThatAreNotMarkupStay() {
        XCTAssertEqual(MarkdownText.inline("p * (1 - p) and 2*"), [.init("p * (1 - p) and 2*")])
        XCTAssertEqual(MarkdownText.inline("`a * b *c*` *d"), [.init("a * b *c*", .code), .init(" *d")])
        XCTAssertEqual(MarkdownText.inline("a `b"), [.init("a `b")])
        XCTAssertEqual(MarkdownText.inline("*open `x*` close*"), [.init("open ", .emphasis), .init("x*", .code), .init(" close", .emphasis)])
    }

    func testPlainTextHasNoMarkers() {
        let text = "A *long* paragraph with **strong words** and `code(z)` in it, reflowed to fit."
        let lines = MarkdownText.lines(text, width: 30)
        let plain = Palette(enabled: false).styled(lines)
        XCTAssertEqual(plain, "A long paragraph with strong\nwords and code(z) in it,\nreflowed to fit.")
        XCTAssertFalse(plain.contains("*") || plain.contains("`"), plain)
    }

    func testColourStylesEachRole() {
        let painted = Palette(enabled: true).styled(MarkdownText.lines("*a* **b** `c`", width: 40))
        XCTAssertEqual(painted, "\u{1B}[3ma\u{1B}[0m \u{1B}[1mb\u{1B}[0m \u{1B}[36mc\u{1B}[0m")
        // Several words in one emphasis are one run of italics, the spaces between them included.
        XCTAssertEqual(Palette(enabled: true).styled(MarkdownText.lines("the *Kronecker delta* is", width: 40)),
                       "the \u{1B}[3mKronecker delta\u{1B}[0m is")
    }

    /// Headings, list items and quotes take inline markup too, and a control character inside markup
    /// still goes through the output gate.
    func testMarkupEverywhereAndThroughTheGate() {
        let lines = MarkdownText.lines("### The *delta*\n\n- item `x`\n> a **quote**\n\nbad *\u{1B}[2J*", width: 40)
        XCTAssertEqual(Palette(enabled: false).styled(lines), "The delta\n\n- item x\n│ a quote\n\nbad ^[[2J")
        XCTAssertFalse(Palette(enabled: true).styled(lines).contains("\u{1B}[2J"))
    }
}
