import XCTest
@testable import Shell

/// The interactive loop, driven by a scripted reader: prompts, continuation, history and exits.
final class REPLTests: XCTestCase {
    private func run(_ events: [LineEvent], color: Bool = false) -> (status: Int32, out: String, err: String, reader: ScriptedReader) {
        let reader = ScriptedReader(events)
        var out = "", err = ""
        var repl = REPL(shell: ShellSession(options: ShellOptions(color: color)), reader: reader, palette: Palette(enabled: color))
        repl.width = { 80 }
        repl.textWidth = { nil }
        repl.write = { text, isError in if isError { err += text } else { out += text } }
        return (repl.run(), out, err, reader)
    }

    func testAnOpenBracketAsksForMore() {
        let r = run([.line("z = [1,"), .line("2]"), .line("z * 2"), .end])
        XCTAssertEqual(r.reader.prompts, ["jacobi> ", "   ...> ", "jacobi> ", "jacobi> "])
        XCTAssertEqual(r.out, "[1, 2]\n[2, 4]\n\n")
        XCTAssertEqual(r.reader.remembered, ["z = [1, 2]", "z * 2"])
        XCTAssertEqual(r.status, 0)
        XCTAssertEqual(r.reader.closeCount, 1)
    }

    func testADerivativeMentionsDeriveOnceAndDimly() {
        let r = run([.line("z = [1, 2]"), .line("grad(v -> sum(v^2), z)"), .line("jacobian(softmax, z)"), .line("hessian(logsumexp, z)"), .end])
        XCTAssertEqual(r.out.components(separatedBy: "(:derive EXPR wrt VARIABLE shows the steps").count - 1, 1, r.out)
        let colored = run([.line("grad(v -> sum(v^2), [1, 2])"), .end], color: true)
        XCTAssertTrue(colored.out.contains("\u{1B}[2m(:derive"), colored.out)
        XCTAssertFalse(run([.line("grad(v -> sum(v^2), [1, 2)"), .end]).out.contains(":derive"), "not after an error")
    }

    func testCtrlCDropsThePendingInput() {
        let r = run([.line("z = [1,"), .interrupt, .line("z"), .end])
        XCTAssertEqual(r.reader.prompts, ["jacobi> ", "   ...> ", "jacobi> ", "jacobi> "])
        XCTAssertTrue(r.err.contains("unknown name 'z'"), r.err)
        XCTAssertEqual(r.reader.remembered, ["z"])
    }

    func testCtrlDInAContinuationDropsItAndGoesOn() {
        let r = run([.line("[1,"), .end, .line("3"), .end])
        XCTAssertEqual(r.out, "\n3\n\n")
        XCTAssertEqual(r.status, 0)
    }

    func testQuitStopsReadingAndClosesTheReader() {
        let r = run([.line("1"), .line(":quit"), .line("2")])
        XCTAssertEqual(r.out, "1\n")
        XCTAssertEqual(r.reader.prompts.count, 2)
        XCTAssertEqual(r.reader.remembered, ["1", ":quit"])
        XCTAssertEqual(r.reader.closeCount, 1)
        XCTAssertEqual(r.status, 0)
    }

    func testAPasteOfSeveralLinesRunsEach() {
        let r = run([.line("a = 1\nb = [a,\n 2]\nb"), .end])
        XCTAssertEqual(r.out, "1\n[1, 2]\n[1, 2]\n\n")
        XCTAssertEqual(r.reader.remembered, ["a = 1", "b = [a, 2]", "b"])
    }

    func testBlankLinesAreNotRemembered() {
        let r = run([.line(""), .line("   "), .line("1"), .end])
        XCTAssertEqual(r.reader.remembered, ["1"])
    }

    func testACommandLineNeverContinues() {
        let r = run([.line(":help (("), .end])
        XCTAssertEqual(r.reader.prompts, ["jacobi> ", "jacobi> "])
        XCTAssertTrue(r.err.contains("no builtin, command or variable called '(('"), r.err)
    }

    func testColour() {
        let r = run([.line("1"), .line("nope"), .end], color: true)
        XCTAssertTrue(r.reader.prompts[0].contains("\u{1B}[1;32m"))
        XCTAssertEqual(r.out, "\u{1B}[36m1\u{1B}[0m\n\n")
        XCTAssertTrue(r.err.hasPrefix("\u{1B}[1;31merror:"), r.err)
    }
}
