import Foundation
import LessonKit
import VectorLang
import XCTest
@testable import Shell

/// A stranger's lesson, a script or a typed line cannot drive the terminal: every field a lesson shows,
/// every echo of what was typed, reaches the screen with its control characters written out, and the
/// only escape sequences left are the palette's own colours.
final class OutputGateTests: ShellTestCase {
    /// The attacks of issue 13, each with what a learner sees instead.
    static let attacks: [(name: String, payload: String, shown: String)] = [
        ("OSC 0 (window title)", "\u{1B}]0;pwned\u{07}", "^[]0;pwned^G"),
        ("OSC 52 (clipboard)", "\u{1B}]52;c;cHduZWQ=\u{07}", "^[]52;c;cHduZWQ=^G"),
        ("clear screen", "\u{1B}[2J", "^[[2J"),
        ("alternate screen", "\u{1B}[?1049h", "^[[?1049h"),
        ("cursor report (types into the input)", "\u{1B}[6n", "^[[6n"),
        ("C1 CSI", "\u{9B}2J", "\\u{9B}2J"),
        ("bidi override", "\u{202E}", "\\u{202E}"),
        ("NUL", "\u{0}", "^@"),
    ]

    /// A lesson with `payload` in every field a learner or a class is shown, each between a field's
    /// name and END, so a test can find each field as shown.
    static func lesson(with payload: String) -> String {
        let p = payload
        return """
            # TITLE\(p)END

            - minutes: 5

            SUMMARY\(p)END

            ## STEP\(p)END

            NARRATIVE\(p)END and `CODE\(p)END`.

            ```jacobi
            z = [2, 1, 0.1] # DEMO\(p)END
            nosuchname # ERROR\(p)END
            ```

            ```jacobi question
            ask: ASK\(p)END
            expect: z[3] # ANSWER\(p)END
            hint: HINT\(p)END
            mistake: z[1] -> MISTAKE\(p)END
            explain: EXPLAIN\(p)END
            ```

            ## Choices

            ```jacobi question
            ask: Pick one.
            - [ ] CHOICE\(p)END -> FEEDBACK\(p)END
            - [x] RIGHT\(p)END
            ```

            """
    }

    /// The fields a learner at the prompt meets, in `learnerTranscript`.
    static let learnerFields = ["TITLE", "SUMMARY", "STEP", "NARRATIVE", "CODE", "DEMO", "ERROR", "ASK", "HINT", "MISTAKE",
                                "ANSWER", "EXPLAIN", "CHOICE", "FEEDBACK", "RIGHT"]
    /// The fields the presenter and the handout show (hints and feedback are for a learner answering).
    static let presentedFields = ["TITLE", "SUMMARY", "STEP", "NARRATIVE", "CODE", "DEMO", "ERROR", "ASK", "ANSWER", "EXPLAIN",
                                  "CHOICE", "RIGHT"]

    /// The lesson file in a fresh folder of this test's directory; the folder's path.
    func course(_ text: String, file: String = "01-attack.md") throws -> String {
        let folder = directory.appendingPathComponent("course-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try text.write(to: folder.appendingPathComponent(file), atomically: true, encoding: .utf8)
        return folder.path
    }

    /// A shell whose lessons are in `folder`, with saving off.
    func lessonShell(_ folder: String) -> ShellSession {
        let shell = shell()
        shell.lessons.folder = .success(folder)
        shell.lessons.progressPath = nil
        return shell
    }

    /// Everything a learner sees, with colour on, going through every field: the listing, the start,
    /// a listed mistake, a hint, a skip (answer and explanation), a wrong choice, its skip and the end.
    func learnerTranscript(_ folder: String) -> String {
        let shell = lessonShell(folder)
        let palette = Palette(enabled: true)
        var text = ""
        for input in [":lessons", ":lesson 1", "z[1]", ":hint", ":skip", ":next", "1", ":skip", ":next"] {
            text += shell.submit(input).compactMap { palette.render($0, width: 80)?.text }.joined(separator: "\n") + "\n"
            if input == ":lesson 1" { text += palette.prompt(shell.lessons.prompt(ascii: false) ?? "", continuation: false) + "\n" }
        }
        return text
    }

    func testEveryLessonFieldIsShownNotObeyedAtThePrompt() throws {
        for attack in Self.attacks {
            let text = learnerTranscript(try course(Self.lesson(with: attack.payload)))
            Self.assertOnlyPaletteEscapes(text, attack.name)
            let plain = Self.withoutColours(text)
            for field in Self.learnerFields {
                XCTAssertTrue(plain.contains(field + attack.shown + "END"), "\(attack.name): \(field) not shown as \(attack.shown)\n\(plain)")
            }
            XCTAssertTrue(plain.contains("Lesson complete: TITLE" + attack.shown + "END"), attack.name)
        }
    }

    func testEveryLessonFieldIsShownNotObeyedByThePresenterAndTheHandout() throws {
        for attack in Self.attacks {
            let folder = try course(Self.lesson(with: attack.payload))
            let lesson = try XCTUnwrap(LessonLibrary(directory: folder).lessons.first)
            let transcript = Presenter.of(lesson, options: ShellOptions(color: true), palette: Palette(enabled: true), width: 80).transcript()
            Self.assertOnlyPaletteEscapes(transcript, attack.name)
            // The teacher's handout, which has every field (the student's keeps the answers back).
            let handout = Handout.markdown(lesson, in: Session(), derive: nil, options: Handout.Options(teacher: true))
            XCTAssertEqual(Self.rawControls(in: handout), [], "\(attack.name): the handout has no escapes at all")
            XCTAssertEqual(Self.rawControls(in: Handout.markdown(lesson, in: Session(), derive: nil)), [], attack.name)
            for field in Self.presentedFields {
                XCTAssertTrue(Self.withoutColours(transcript).contains(field + attack.shown + "END"), "\(attack.name): \(field) in the presenter")
                XCTAssertTrue(handout.contains(field + attack.shown + "END"), "\(attack.name): \(field) in the handout\n\(handout)")
            }
        }
    }

    /// A lesson's name is its file's: the prompt, the listing and the check show it written out.
    func testALessonNamedWithControlCharactersIsShownSafely() throws {
        let folder = try course(Self.lesson(with: ""), file: "pw\u{1B}]0;x\u{07}ned.md")
        let shell = lessonShell(folder)
        let palette = Palette(enabled: true)
        let listing = shell.submit(":lessons").compactMap { palette.render($0, width: 80)?.text }.joined(separator: "\n")
        Self.assertOnlyPaletteEscapes(listing, "listing")
        XCTAssertTrue(Self.withoutColours(listing).contains("pw^[]0;x^Gned  TITLEEND"), listing)
        _ = shell.submit(":lesson pw\u{1B}]0;x\u{07}ned")
        XCTAssertEqual(shell.lessons.prompt(ascii: false), "lesson pw^[]0;x^Gned·1> ")
        let prompt = palette.prompt(try XCTUnwrap(shell.lessons.prompt(ascii: false)), continuation: false)
        XCTAssertEqual(prompt, "\u{1}\u{1B}[1;32m\u{2}lesson pw^[]0;x^Gned·1>\u{1}\u{1B}[0m\u{2} ", "readline's markers stay the palette's")
        let report = LessonChecker(derive: nil).check(try LessonLibrary(directory: folder))
        XCTAssertTrue(report.failures.contains { $0.line == 1 && $0.message.hasPrefix("the file's name holds control characters U+001B at column 3, U+0007 at column 8") })
    }

    // MARK: - What the user typed, echoed back

    /// The caret stands under the name the error is about, on the line as shown, with colour on.
    func testAnErrorAfterAnEscapePointsAtTheRightColumn() throws {
        let text = try XCTUnwrap(Palette(enabled: true).render(shell().submit("1 + \u{1B}]0;x\u{07}").first ?? .quit)?.text)
        Self.assertOnlyPaletteEscapes(text, "error")
        let lines = Self.withoutColours(text).split(separator: "\n").map(String.init)
        XCTAssertEqual(lines[0], "error: unexpected character '^['")
        XCTAssertEqual(lines[1], "  1 + ^[]0;x^G")
        XCTAssertEqual(lines[2], "      ^^")
    }

    func testHelpOfANameWithAnEscape() throws {
        let outputs = shell().submit(":help \u{1B}[2Jsoftmx")
        let text = outputs.compactMap { Palette(enabled: true).render($0)?.text }.joined(separator: "\n")
        Self.assertOnlyPaletteEscapes(text, ":help")
        let lines = Self.withoutColours(text).split(separator: "\n").map(String.init)
        XCTAssertEqual(lines[0], "error: no builtin, command or variable called '^[[2Jsoftmx'")
        XCTAssertEqual(lines[1], "  :help ^[[2Jsoftmx")
        XCTAssertEqual(lines[2], "        ^^^^^^^^^^^", "the caret covers the name as shown, ESC as two columns")
    }

    func testDeriveOfASubjectAndAnAtWithEscapes() throws {
        for line in [":derive soft\u{1B}[6nmax", ":derive softmax --at z=[1,\u{1B}]52;c;eA==\u{07}2]", ":derive softmax --at 'z=[1, \u{9B}2J]'"] {
            let text = shell().submit(line).compactMap { Palette(enabled: true).render($0)?.text }.joined(separator: "\n")
            Self.assertOnlyPaletteEscapes(text, line)
            let plain = Self.withoutColours(text).split(separator: "\n").map(String.init)
            XCTAssertTrue(plain[0].hasPrefix("error: ") && plain[0].contains("unexpected character"), plain.joined(separator: "\n"))
            // The caret's first column is where the offending character is shown.
            let caret = try XCTUnwrap(plain[2].firstIndex(of: "^")).utf16Offset(in: plain[2])
            let shownAt = try XCTUnwrap(plain[1].range(of: "^[") ?? plain[1].range(of: "\\u{9B}")).lowerBound.utf16Offset(in: plain[1])
            XCTAssertLessThanOrEqual(caret, shownAt, plain.joined(separator: "\n"))
        }
    }

    /// A script's lines and a learner's answers are shown safely by the plain writers too.
    func testAScriptsResultsAndErrorsAreShownSafely() throws {
        let text = try XCTUnwrap(Palette(enabled: false).render(shell().submit(":precision \u{1B}[2J").first ?? .quit)?.text)
        XCTAssertEqual(Self.rawControls(in: text), [], text)
        XCTAssertTrue(text.contains("got '^[[2J'"), text)
    }

    // MARK: - Helpers

    /// The text without the palette's colour codes (ESC [ digits and semicolons m, and in a prompt the
    /// same between readline's \001 and \002), and nothing else.
    static func withoutColours(_ text: String) -> String {
        text.replacing(/\x{01}\x{1B}\[[0-9;]*m\x{02}/, with: "").replacing(/\x{1B}\[[0-9;]*m/, with: "")
    }

    /// Characters a terminal would obey, listed without `TerminalText`'s help: C0 except newline and
    /// tab, DEL, C1, the bidi controls, U+FEFF.
    static func rawControls(in text: String) -> [String] {
        text.unicodeScalars.filter { scalar in
            let v = scalar.value
            return (v < 0x20 && v != 0x0A && v != 0x09) || (0x7F...0x9F).contains(v) || v == 0x200E || v == 0x200F
                || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0xFEFF
        }.map { "U+" + String($0.value, radix: 16, uppercase: true) }
    }

    /// Fails unless the only escape sequences in `text` are the palette's colour codes.
    static func assertOnlyPaletteEscapes(_ text: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(rawControls(in: withoutColours(text)), [], "\(what): raw control characters reach the terminal", file: file, line: line)
        XCTAssertNotEqual(withoutColours(text), text, "\(what): the palette was on, so there should be colours", file: file, line: line)
    }
}
