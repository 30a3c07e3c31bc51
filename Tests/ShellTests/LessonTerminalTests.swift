import Foundation
import XCTest

/// `jacobi lesson`, `jacobi present` and `jacobi derive --step` in a real terminal (tmux): the resume
/// question at the prompt, and raw mode given back however the presenter or the paging ends.
final class LessonTerminalTests: XCTestCase {
    var state: URL!

    override func setUpWithError() throws {
        state = FileManager.default.temporaryDirectory.appendingPathComponent("jacobi-lesson-tty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: state)
    }

    /// `jacobi ARGUMENTS`, then `stty -a` once it has exited, in a clean environment.
    func start(_ arguments: String, width: Int = 100, height: Int = 40) throws -> Pane {
        guard let binary = TmuxSession.binary() else { throw XCTSkip("the jacobi binary was not found; run swift build first") }
        let environment = "HOME=\(state.path) XDG_STATE_HOME=\(state.path)/state TERM=xterm-256color LANG=C.UTF-8 PATH=/usr/bin:/bin"
        return try Pane("env -i \(environment) sh -c '\(binary) \(arguments); echo \"[exit $?]\"; stty -a; sleep 60'", state: state,
                        width: width, height: height)
    }

    func testALessonResumesAfterAsking() throws {
        let first = try start("lesson 1")
        try first.wait("the lesson's prompt") { Pane.lastLine($0) == "lesson 1·1>" }
        try first.type("z[end]")
        try first.press("Enter")
        try first.wait("the verdict") { $0.contains("✓ Correct.") && Pane.lastLine($0) == "lesson 1·1>" }
        try first.press("Enter")
        try first.wait("step 2") { Pane.lastLine($0) == "lesson 1·2>" }
        try first.type(":quit")
        try first.press("Enter")
        try first.wait("the normal prompt") { Pane.lastLine($0) == "jacobi>" }
        try first.press("C-d")
        try first.wait("the exit") { $0.contains("[exit 0]") }

        let second = try start("lesson tour")
        try second.wait("the question") { Pane.lastLine($0) == "continue lesson 1 at step 2? [Y/n]" }
        try second.press("Enter")
        try second.wait("step 2 again") { $0.contains("Continuing at step 2 of 7.") && Pane.lastLine($0) == "lesson 1·2>" }
    }

    func testDeriveStepOnTheCommandLineGivesTheTerminalBack() throws {
        for key in ["q", "C-c"] {
            let pane = try start("derive sigmoid --step")
            try pane.wait("the hint") { Pane.lastLine($0) == "⏎ next step · q: all the rest" && $0.contains("∂σ(x)/∂x") }
            try pane.press("Enter")
            try pane.wait("step 1") { Pane.lastLine($0) == "⏎ next step · q: all the rest" && $0.contains("[1] definition of sigmoid") }
            try pane.press(key)
            let screen = try pane.wait("stty's report after \(key)") { $0.contains("[exit ") && $0.contains("icanon") }
            XCTAssertEqual(screen.contains("check: every step agrees"), key == "q", screen)
            XCTAssertFalse(screen.contains("next step"), "a hint was left behind:\n\(screen)")
            let words = Set(screen.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init))
            XCTAssertTrue(words.isSuperset(of: ["icanon", "echo", "isig"]), "terminal left raw after \(key):\n\(screen)")
        }
    }
}

/// A private tmux server running one command; the screen is polled, nothing sleeps a fixed time.
final class Pane {
    private let socket = "jacobi-lesson-\(UUID().uuidString.prefix(8))"
    private let scratch: URL

    init(_ command: String, state: URL, width: Int = 100, height: Int = 40) throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") else { throw XCTSkip("tmux is not installed") }
        scratch = state
        try tmux(["new-session", "-d", "-s", "p", "-x", "\(width)", "-y", "\(height)", command])
    }

    deinit {
        _ = try? tmux(["kill-server"])
        // The server leaves its socket file behind.
        let directory = ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp"
        try? FileManager.default.removeItem(atPath: "\(directory)/tmux-\(getuid())/\(socket)")
    }

    func type(_ text: String) throws { try tmux(["send-keys", "-t", "p", "-l", text]) }

    func resize(width: Int, height: Int) throws { try tmux(["resize-window", "-t", "p", "-x", "\(width)", "-y", "\(height)"]) }

    /// A tmux format for the pane: `#{alternate_on}` is 1 on the alternate screen, `#{cursor_flag}` 1
    /// while the cursor is shown.
    func format(_ format: String) throws -> String {
        try tmux(["display-message", "-p", "-t", "p", format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The process id of the pane's shell's child: the jacobi it runs.
    func child() throws -> pid_t {
        let shell = try format("#{pane_pid}")
        let children = try String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)
        guard let first = children.split(separator: " ").first, let pid = pid_t(first) else {
            throw XCTSkip("no child of the pane's shell in /proc")
        }
        return pid
    }
    func press(_ key: String) throws { try tmux(["send-keys", "-t", "p", key]) }

    @discardableResult
    func wait(_ what: String, visibleOnly: Bool = false, timeout: TimeInterval = 20, file: StaticString = #filePath, line: UInt = #line,
              until condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = try tmux(["capture-pane", "-p", "-J", "-t", "p"] + (visibleOnly ? [] : ["-S", "-"]))
            if condition(screen) { return screen }
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTFail("timed out waiting for \(what); the screen was:\n\(screen)", file: file, line: line)
        throw CancellationError()
    }

    static func lastLine(_ screen: String) -> String {
        screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.last { !$0.isEmpty } ?? ""
    }

    /// One tmux command and what it printed. It runs through system(3), which waits for the tmux
    /// client alone (the server that `new-session` starts lives on), and writes into a file, which the
    /// server cannot hold open as it would a pipe.
    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        let output = scratch.appendingPathComponent("tmux-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let words = ["/usr/bin/tmux", "-L", socket, "-f", "/dev/null"] + arguments
        _ = system(words.map(Pane.quote).joined(separator: " ") + " < /dev/null > \(Pane.quote(output)) 2> /dev/null")
        return (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
    }

    /// `text` as one word for the shell.
    static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
