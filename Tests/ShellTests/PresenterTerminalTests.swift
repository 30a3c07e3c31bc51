import Foundation
import XCTest

/// `jacobi present` in a real terminal (tmux): the keys, the alternate screen left on every way out
/// (so the shell's screen is there again, not the last frame), a resized pane drawn again at its new
/// width, and the terminal's settings given back after q, Ctrl-C and the signals that end or stop it.
final class PresenterTerminalTests: XCTestCase {
    var state: URL!

    override func setUpWithError() throws {
        state = FileManager.default.temporaryDirectory.appendingPathComponent("jacobi-present-tty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: state)
    }

    /// `script` run by bash with job control (so Ctrl-Z stops jacobi and the script goes on), or by sh
    /// (bash ends its script when a child dies of SIGINT), `JACOBI` standing for the binary, in a clean
    /// environment; it ends with a long sleep so the pane stays.
    private func start(_ script: String, jobControl: Bool = true, width: Int = 100, height: Int = 30) throws -> Pane {
        guard let binary = TmuxSession.binary() else { throw XCTSkip("the jacobi binary was not found; run swift build first") }
        let environment = "HOME=\(state.path) XDG_STATE_HOME=\(state.path)/state TERM=xterm-256color LANG=C.UTF-8 PATH=/usr/bin:/bin"
        let body = script.replacingOccurrences(of: "JACOBI", with: binary) + "; sleep 60"
        let shell = jobControl ? "bash --norc -c \(Pane.quote("set -m; " + body))" : "sh -c \(Pane.quote(body))"
        return try Pane("env -i \(environment) \(shell)", state: state, width: width, height: height)
    }

    /// The words of `stty -a`'s report: cooked mode is `icanon echo isig`, raw mode `-icanon -echo -isig`.
    private func assertCooked(_ screen: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        let words = Set(screen.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init))
        XCTAssertTrue(words.isSuperset(of: ["icanon", "echo", "isig"]), "terminal left raw after \(what):\n\(screen)", file: file, line: line)
    }

    func testKeysAndTheScreenAfterQuitting() throws {
        for key in ["q", "C-c", "Escape"] {
            let pane = try start("echo 'the shell was here'; JACOBI present 1; echo \"[exit $?]\"; stty -a")
            try pane.wait("the title slide", visibleOnly: true) { $0.contains("Lesson 1 · A tour") && $0.contains("title   Space → next") }
            XCTAssertEqual(try pane.format("#{alternate_on} #{cursor_flag}"), "1 0", "the alternate screen, the cursor hidden")
            try pane.press("Enter")
            try pane.wait("step 1 with the titles", visibleOnly: true) { $0.contains("step 1/7") && $0.contains("── Vectors at the prompt") }
            try pane.press("Space")
            try pane.wait("the answer", visibleOnly: true) { $0.contains("Answer: z[3]") }
            try pane.press("Left")
            try pane.wait("the step again, without the answer", visibleOnly: true) { !$0.contains("Answer: z[3]") && $0.contains(" 1/") }
            try pane.type("3")
            try pane.wait("the typed number", visibleOnly: true) { $0.contains("go to step 3") }
            try pane.press("Enter")
            try pane.wait("step 3", visibleOnly: true) { $0.contains("step 3/7") }
            try pane.press("p")
            try pane.wait("step 2", visibleOnly: true) { $0.contains("step 2/7") }
            try pane.press("n")
            try pane.wait("step 3 again", visibleOnly: true) { $0.contains("step 3/7") }
            try pane.type("?")
            try pane.wait("the keys", visibleOnly: true) { $0.contains("Keys (any key closes this)") && $0.contains("n / p") }
            try pane.press("Space")
            try pane.wait("the keys closed", visibleOnly: true) { !$0.contains("Keys (any key") && $0.contains("step 3/7") }
            try pane.press(key)
            let screen = try pane.wait("stty's report after \(key)", visibleOnly: true) { $0.contains("[exit 0]") && $0.contains("icanon") }
            assertCooked(screen, key)
            XCTAssertTrue(screen.contains("the shell was here"), "the shell's screen is back:\n\(screen)")
            XCTAssertFalse(screen.contains("Lesson 1 · A tour") || screen.contains("step 3/7"), "the last frame stayed:\n\(screen)")
            XCTAssertEqual(try pane.format("#{alternate_on} #{cursor_flag}"), "0 1")
        }
    }

    /// Lesson 3 on a 60-column projector, through its first derivation a step per key: every line the
    /// presenter writes fits (`capture-pane -J` would join a line the terminal had to wrap).
    func testPresentingLessonThreeFitsSixtyColumns() throws {
        let pane = try start("JACOBI present 3; echo \"[exit $?]\"", width: 60, height: 50)
        try pane.wait("the title slide", visibleOnly: true) { $0.contains("title   Space") }
        // Every frame's screen: the derivation is taller than the pane, so its first steps scroll away.
        var screens = ""
        for press in 1...60 {
            try pane.press("Space")
            let screen = try pane.wait("frame \(press)", visibleOnly: true) { $0.contains("  \(press)/") }
            for line in screen.split(separator: "\n") {
                XCTAssertLessThanOrEqual(line.count, 60, String(line))
            }
            screens += screen
            if screen.contains("check: every step agrees") { break }
        }
        XCTAssertTrue(screens.contains("[2] quotient rule"), screens)
        XCTAssertTrue(screens.contains("check: every step agrees"), screens)
        try pane.press("q")
        try pane.wait("the exit") { $0.contains("[exit 0]") }
    }

    /// A narrower and then a wider pane: the frame is drawn again at each width, its title line ending
    /// at the new right edge (a pane that was only cut or padded would not have it there).
    func testAResizedPaneIsDrawnAgainAtItsWidth() throws {
        let pane = try start("JACOBI present 3; echo \"[exit $?]\"", width: 100, height: 30)
        try pane.wait("the title slide", visibleOnly: true) { $0.contains("title   Space") }
        try pane.press("Enter")
        // Without the spaces at the end that capture-pane -J keeps.
        func titleLine(_ screen: String) -> String { String((screen.split(separator: "\n").first ?? "").reversed().drop { $0 == " " }.reversed()) }
        try pane.wait("step 1 at 100 columns", visibleOnly: true) { titleLine($0).count == 98 && titleLine($0).hasSuffix("step 1/10") }
        for width in [60, 120] {
            try pane.resize(width: width, height: 30)
            let screen = try pane.wait("step 1 at \(width) columns", visibleOnly: true) { screen in
                titleLine(screen).count == width - 2 && titleLine(screen).hasSuffix("step 1/10")
            }
            for line in screen.split(separator: "\n") { XCTAssertLessThanOrEqual(line.count, width, String(line)) }
            XCTAssertTrue(screen.contains("── Every output depends on every input"), screen)
        }
        try pane.press("q")
        try pane.wait("the exit") { $0.contains("[exit 0]") }
    }

    /// kill -TERM, -HUP and -INT from outside: jacobi dies of the signal, and the terminal is cooked,
    /// on its normal screen, with the cursor shown.
    func testSignalsThatEndThePresenterGiveTheTerminalBack() throws {
        for (signal, name) in [(SIGTERM, "TERM"), (SIGHUP, "HUP"), (SIGINT, "INT")] {
            let pane = try start("JACOBI present 1; echo \"[exit $?]\"; stty -a", jobControl: false)
            try pane.wait("the title slide", visibleOnly: true) { $0.contains("title   Space") }
            try pane.press("Enter")
            try pane.wait("step 1", visibleOnly: true) { $0.contains("step 1/7") }
            XCTAssertEqual(kill(try pane.child(), signal), 0)
            let screen = try pane.wait("stty's report after SIG\(name)", visibleOnly: true) { $0.contains("[exit \(128 + signal)]") && $0.contains("icanon") }
            assertCooked(screen, "SIG\(name)")
            XCTAssertFalse(screen.contains("step 1/7"), "the last frame stayed after SIG\(name):\n\(screen)")
            XCTAssertEqual(try pane.format("#{alternate_on} #{cursor_flag}"), "0 1", "after SIG\(name)")
        }
    }

    /// Ctrl-Z and kill -TSTP stop the presenter with the terminal cooked and the shell's screen back;
    /// `fg` brings the presentation back where it was, in raw mode again (a key still works).
    func testSuspendingGivesTheTerminalBackAndFgTakesItAgain() throws {
        for how in ["C-z", "TSTP"] {
            let pane = try start("JACOBI present 1; echo \"[stopped $?]\"; stty -a; read line; fg; echo \"[exit $?]\"")
            try pane.wait("the title slide", visibleOnly: true) { $0.contains("title   Space") }
            try pane.press("Enter")
            try pane.wait("step 1", visibleOnly: true) { $0.contains("step 1/7") }
            if how == "C-z" { try pane.press("C-z") } else { XCTAssertEqual(kill(try pane.child(), SIGTSTP), 0) }
            let stopped = try pane.wait("the shell after \(how)", visibleOnly: true) { $0.contains("[stopped 148]") && $0.contains("icanon") }
            assertCooked(stopped, how)
            XCTAssertFalse(stopped.contains("step 1/7"), stopped)
            XCTAssertEqual(try pane.format("#{alternate_on} #{cursor_flag}"), "0 1", "stopped by \(how)")
            try pane.press("Enter")
            try pane.wait("the presentation again", visibleOnly: true) { $0.contains("step 1/7") && $0.contains("── Vectors at the prompt") }
            XCTAssertEqual(try pane.format("#{alternate_on} #{cursor_flag}"), "1 0")
            try pane.press("Space")
            try pane.wait("the next frame, so raw mode is back", visibleOnly: true) { $0.contains("Answer: z[3]") }
            try pane.press("q")
            try pane.wait("the exit") { $0.contains("[exit 0]") }
        }
    }
}
