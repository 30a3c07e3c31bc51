import XCTest
@testable import Shell

/// The REPL with a copied session pasted in, and with long help sent to a pager, driven by a
/// scripted reader and a pager that records what it was given.
final class REPLPasteAndPagerTests: XCTestCase {
    private struct Run {
        var status: Int32
        var out: String
        var err: String
        var paged: [String]
        var reader: ScriptedReader
    }

    private func run(_ events: [LineEvent], pasted: Bool = false, height: Int = 20,
                     pagerWorks: Bool? = true, before: [String] = []) -> Run {
        let reader = ScriptedReader(events)
        reader.pasted = pasted
        var out = "", err = ""
        var paged: [String] = []
        let shell = ShellSession(options: ShellOptions(color: false))
        for line in before { _ = shell.submit(line) }
        var repl = REPL(shell: shell, reader: reader, palette: Palette(enabled: false))
        repl.width = { 80 }
        repl.textWidth = { nil }
        repl.height = { height }
        if let pagerWorks {
            repl.pager = { text in
                paged.append(text)
                return pagerWorks
            }
        }
        repl.write = { text, isError in if isError { err += text } else { out += text } }
        let status = repl.run()
        return Run(status: status, out: out, err: err, paged: paged, reader: reader)
    }

    // MARK: - Paste

    func testAPastedSessionRunsItsInputsAndSkipsItsOutput() {
        let lines = ["jacobi> 1 + 1", "2", "jacobi> 3*3", "9"]
        let r = run(lines.map(LineEvent.line) + [.end], pasted: true)
        XCTAssertEqual(r.out, "2\n9\n\n")
        XCTAssertEqual(r.err, "")
        XCTAssertEqual(r.reader.remembered, ["1 + 1", "3*3"], "history holds the inputs, without prompts")
    }

    func testABracketedPasteIsOneBlock() {
        let r = run([.line("jacobi> z = [1,\n   ...> 2]\n[1, 2]\njacobi> z * 2\n[2, 4]"), .end])
        XCTAssertEqual(r.out, "[1, 2]\n[2, 4]\n\n")
        XCTAssertEqual(r.err, "")
        XCTAssertEqual(r.reader.remembered, ["z = [1, 2]", "z * 2"])
    }

    func testATypedLineAfterACopiedOneRuns() {
        // Not a paste: the REPL waited for each line, so the second is the user's, not copied output.
        let r = run([.line("jacobi> 1 + 1"), .line("2"), .end])
        XCTAssertEqual(r.out, "2\n2\n\n")
    }

    func testAPasteWithoutPromptsRunsEveryLine() {
        let r = run([.line("1 + 1"), .line("2"), .end], pasted: true)
        XCTAssertEqual(r.out, "2\n2\n\n")
    }

    func testACopiedLessonPromptIsTakenOff() {
        let r = run([.line("lesson 1·1> 2 + 3"), .line("5"), .end], pasted: true)
        XCTAssertEqual(r.out, "5\n\n")
        XCTAssertEqual(r.err, "")
    }

    // MARK: - Pager

    func testLongHelpGoesToThePagerOnce() {
        let r = run([.line(":help"), .line("?"), .end])
        guard r.paged.count == 2 else { return XCTFail("paged \(r.paged.count) times:\n\(r.out)") }
        XCTAssertTrue(r.paged[0].hasPrefix("Type an expression"), r.paged[0])
        XCTAssertTrue(r.paged[0].contains("At the prompt"))
        XCTAssertFalse(r.out.contains("Type an expression"), "paged text is not printed as well")
        XCTAssertEqual(r.paged[0], r.paged[1])
    }

    func testHelpThatFitsTheScreenIsPrintedNotPaged() {
        let r = run([.line("?relu"), .end], height: 40)
        XCTAssertEqual(r.paged, [])
        XCTAssertTrue(r.out.hasPrefix("relu(x)"), r.out)
    }

    func testALongDerivationIsPaged() {
        let r = run([.line(":derive softmax"), .end], height: 10)
        XCTAssertEqual(r.paged.count, 1)
        XCTAssertTrue(r.paged.first?.contains("quotient rule") == true, r.out)
    }

    func testResultsAndErrorsAreNeverPaged() {
        let r = run([.line("ones(300)"), .line("?nosuchname"), .line(":vars"), .end], height: 2, before: ["a = 1", "b = 2", "c = 3"])
        XCTAssertEqual(r.paged, [])
        XCTAssertTrue(r.err.contains("no builtin, command or variable called 'nosuchname'"), r.err)
    }

    func testWhenThePagerCannotRunTheHelpIsPrinted() {
        let r = run([.line(":help"), .end], pagerWorks: false)
        XCTAssertEqual(r.paged.count, 1)
        XCTAssertTrue(r.out.hasPrefix("Type an expression"), r.out)
    }

    func testWithoutAPagerNothingIsPaged() {
        let r = run([.line(":help"), .end], pagerWorks: nil)
        XCTAssertTrue(r.out.hasPrefix("Type an expression"), r.out)
    }

    func testScreenLinesCountWrappedLinesAndIgnoreColour() {
        XCTAssertEqual(Pager.screenLines("a\nb\n", width: 80), 3)
        XCTAssertEqual(Pager.screenLines(String(repeating: "x", count: 161), width: 80), 3)
        XCTAssertEqual(Pager.screenLines("\u{1B}[1m" + String(repeating: "x", count: 80) + "\u{1B}[0m", width: 80), 1)
    }

    func testThePagerComesFromTheEnvironment() {
        let environment = { (values: [String: String]) in { (name: String) in values[name] } }
        XCTAssertEqual(Pager.fromEnvironment(environment([:]))?.command, "less")
        XCTAssertEqual(Pager.fromEnvironment(environment([:]))?.environment.last, "LESS=FRX")
        XCTAssertEqual(Pager.fromEnvironment(environment(["PAGER": "more"]))?.command, "more")
        XCTAssertNotEqual(Pager.fromEnvironment(environment(["LESS": "-R"]))?.environment.last, "LESS=FRX")
        XCTAssertNil(Pager.fromEnvironment(environment(["PAGER": ""])))
        XCTAssertNil(Pager.fromEnvironment(environment(["PAGER": "cat"])))
    }

    func testARealPagerReceivesTheTextAndAMissingOneIsReported() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("jacobi-pager-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        XCTAssertTrue(Pager(command: "cat > '\(file)'", environment: []).show("one\ntwo\n"))
        XCTAssertEqual(try String(contentsOfFile: file, encoding: .utf8), "one\ntwo\n")
        XCTAssertFalse(Pager(command: "/nonexistent/pager 2>/dev/null", environment: []).show("text"))
    }
}
