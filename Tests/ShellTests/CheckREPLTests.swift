import XCTest
@testable import Shell

/// `:check` in the REPL: a derivation typed after it until a blank line, or a file.
final class CheckREPLTests: XCTestCase {
    private func run(_ events: [LineEvent]) -> (out: String, err: String, reader: ScriptedReader) {
        let reader = ScriptedReader(events)
        var out = "", err = ""
        var repl = REPL(shell: ShellSession(options: ShellOptions(color: false)), reader: reader, palette: Palette(enabled: false))
        repl.width = { 80 }
        repl.textWidth = { nil }
        repl.write = { text, isError in if isError { err += text } else { out += text } }
        _ = repl.run()
        return (out, err, reader)
    }

    func testLinesUntilABlankLineAreChecked() {
        let r = run([.line(":check"), .line("p := softmax(z)"), .line("partial(p_i, z_j)"), .line("= p_i * (delta(i, j) - p_j"),
                     .line("= -p_i * (delta(i, j) - p_j)"), .line(""), .line("1 + 1"), .end])
        XCTAssertEqual(r.reader.prompts, ["jacobi> ", "   ...> ", "   ...> ", "   ...> ", "   ...> ", "   ...> ", "jacobi> ", "jacobi> "],
                       "an open bracket does not wait for more: each line is one line of the derivation")
        XCTAssertTrue(r.out.contains("? 3  = p_i * (delta(i, j) - p_j\n"), r.out)
        XCTAssertTrue(r.out.contains("✗ 4  = -p_i * (delta(i, j) - p_j)"), r.out)
        XCTAssertTrue(r.out.contains("diagnosis: sign"), r.out)
        XCTAssertTrue(r.out.hasSuffix("2\n\n"), "the session goes on after the check: \(r.out)")
    }

    func testCtrlCDropsTheDerivation() {
        let r = run([.line(":check"), .line("partial(z_j^2, z_j)"), .interrupt, .line(""), .line("3"), .end])
        XCTAssertFalse(r.out.contains("every step holds"), r.out)
        XCTAssertTrue(r.out.hasSuffix("3\n\n"), r.out)
    }

    func testAFileIsCheckedAndAMissingOneIsAnError() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("check-\(UUID().uuidString).txt").path
        try "partial(z_j^2, z_j)\n= 2 * z_j\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = run([.line(":check \(path)"), .line(":check no-such-file"), .end])
        XCTAssertTrue(r.out.contains("✓ 2  = 2 * z_j\nevery step holds (1 step)"), r.out)
        XCTAssertTrue(r.err.contains("cannot open no-such-file"), r.err)
    }

    func testHelpListsCheck() {
        let r = run([.line(":help"), .end])
        XCTAssertTrue(r.out.contains(":check [FILE]"), r.out)
    }
}
