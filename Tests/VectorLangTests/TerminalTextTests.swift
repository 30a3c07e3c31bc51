import Foundation
import XCTest
@testable import VectorLang

/// The output gate's text: what a terminal would obey is written out, everything printable passes.
final class TerminalTextTests: XCTestCase {
    func testControlsAreWrittenOutInCaretNotation() {
        XCTAssertEqual(TerminalText.shown("\u{1B}]0;pwned\u{07}"), "^[]0;pwned^G")
        XCTAssertEqual(TerminalText.shown("\u{1B}[2J\u{1B}[?1049h\u{1B}[6n"), "^[[2J^[[?1049h^[[6n")
        XCTAssertEqual(TerminalText.shown("a\u{0}b"), "a^@b")
        XCTAssertEqual(TerminalText.shown("over\rwrite"), "over^Mwrite")
        XCTAssertEqual(TerminalText.shown("\u{8}\u{1F}\u{7F}"), "^H^_^?")
    }

    func testC1BidiAndByteOrderMarksAreWrittenAsEscapes() {
        XCTAssertEqual(TerminalText.shown("\u{9B}2J"), "\\u{9B}2J")
        XCTAssertEqual(TerminalText.shown("\u{80}\u{9F}"), "\\u{80}\\u{9F}")
        XCTAssertEqual(TerminalText.shown("abc\u{202E}fed"), "abc\\u{202E}fed")
        let marks = "\u{200E}\u{200F}\u{202A}\u{202B}\u{202C}\u{202D}\u{2066}\u{2067}\u{2068}\u{2069}\u{FEFF}"
        XCTAssertEqual(TerminalText.shown(marks),
                       "\\u{200E}\\u{200F}\\u{202A}\\u{202B}\\u{202C}\\u{202D}\\u{2066}\\u{2067}\\u{2068}\\u{2069}\\u{FEFF}")
    }

    func testPrintableTextNewlinesAndTabsPassUnchanged() {
        let text = "∂zₖ/∂zⱼ = δₖⱼ\tΣₖ pₖ = 1\n softmax 软最大值 🙂 é (e\u{301}) ‖x‖² \u{A0}\u{2028}\u{200B}"
        XCTAssertEqual(TerminalText.shown(text), text)
        // Neighbours of the ranges shown: U+00A0, U+2010, U+2029, U+206A, U+FEFE pass.
        let neighbours = "\u{A0}\u{200D}\u{2010}\u{2029}\u{202F}\u{2065}\u{206A}\u{FEFE}\u{FF00}"
        XCTAssertEqual(TerminalText.shown(neighbours), neighbours)
    }

    func testShowingTwiceChangesNothing() {
        let once = TerminalText.shown("\u{1B}]52;c;cHduZWQ=\u{07}\u{9B}\u{202E}\u{0}")
        XCTAssertEqual(TerminalText.shown(once), once)
        XCTAssertFalse(once.unicodeScalars.contains(where: TerminalText.isShownVisibly))
    }

    func testEveryScalarOfTheFirstPlanesIsShownOrPrinted() {
        // Whatever the input, nothing the gate lets through is a control it should have caught.
        var all = String.UnicodeScalarView()
        for value in 0..<0x3000 { if let scalar = Unicode.Scalar(value) { all.append(scalar) } }
        all.append("\u{FEFF}")
        let leaked = TerminalText.shown(String(all)).unicodeScalars.filter { scalar in
            (scalar.value < 0x20 && scalar != "\n" && scalar != "\t") || (0x7F...0x9F).contains(scalar.value)
                || [0x200E, 0x200F, 0x202A, 0x202E, 0x2066, 0x2069, 0xFEFF].contains(scalar.value)
        }
        XCTAssertEqual(leaked.map { "U+" + String($0.value, radix: 16) }, [])
    }

    // MARK: - Diagnostics

    /// The caret stays under the character it points at when the characters before it are shown wider.
    func testTheCaretPointsIntoTheLineAsShown() {
        let source = "x = \u{1B}[2J + bogus"
        let scalars = Array(source.unicodeScalars)
        let start = scalars.firstIndex(of: "b") ?? 0
        let rendered = Diagnostic("unknown name 'bogus'", at: SourceRange(start, start + 5)).rendered(source: source)
        let lines = rendered.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines[1], "  x = ^[[2J + bogus")
        XCTAssertEqual(lines[2], "              ^^^^^")
        XCTAssertEqual(lines[1].distance(of: "bogus"), lines[2].distance(of: "^"))
    }

    func testTheCaretCoversAControlCharacterAsShown() {
        let source = "1 + \u{1B} + \u{202E}2"
        let esc = Diagnostic("unexpected character", at: SourceRange(4, 5)).rendered(source: source).split(separator: "\n")
        XCTAssertEqual(esc[1], "  1 + ^[ + \\u{202E}2")
        XCTAssertEqual(esc[2], "      ^^")
        let bidi = Diagnostic("unexpected character", at: SourceRange(8, 9)).rendered(source: source).split(separator: "\n")
        XCTAssertEqual(bidi[2], "           ^^^^^^^^")
        // Past the end of the line (a missing bracket), one column after the last character as shown.
        let end = Diagnostic("unclosed", at: SourceRange(9, 11)).rendered(source: source).split(separator: "\n")
        XCTAssertEqual(end[2], "                   ^^")
    }

    func testEveryPartOfADiagnosticIsShownSafely() {
        let d = Diagnostic("no name '\u{1B}]0;x\u{07}'", at: SourceRange(0, 1), note: "note \u{9B}", suggestion: "help \u{202E}")
        let rendered = d.rendered(source: "\u{1B}", prefix: "file\u{1B}.jac:1:1: ")
        XCTAssertEqual(rendered, "file^[.jac:1:1: error: no name '^[]0;x^G'\n  ^[\n  ^^\n  note: note \\u{9B}\n  help: help \\u{202E}")
    }

    // MARK: - JSON

    func testJSONStringsEscapeWhatTheGateShows() throws {
        let text = "a\u{1B}]0;pwned\u{07}b\u{7F}\u{9B}\u{202E}\u{FEFF}\u{0}\n\t\"\\δ"
        let json = JSONPrinter.string(text)
        XCTAssertEqual(json, "\"a\\u001b]0;pwned\\u0007b\\u007f\\u009b\\u202e\\ufeff\\u0000\\n\\t\\\"\\\\δ\"")
        XCTAssertFalse(json.unicodeScalars.contains(where: TerminalText.isShownVisibly))
        // A JSON reader gets the original string back.
        let decoded = try JSONDecoder().decode(String.self, from: Data(json.utf8))
        XCTAssertEqual(decoded, text)
    }
}

private extension String {
    /// Characters before the first `needle`, or -1.
    func distance(of needle: String) -> Int {
        guard let range = range(of: needle) else { return -1 }
        return self.distance(from: startIndex, to: range.lowerBound)
    }
}
