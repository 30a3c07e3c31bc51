import Foundation
import XCTest

/// The built `jacobi` running in a real pseudo-terminal inside a private tmux server.
///
/// Each session has its own tmux socket (`-L`), its own HOME and XDG_STATE_HOME in a temporary
/// directory, and a clean environment, so tests neither see nor touch the user's history or tmux.
/// Waits poll the screen until a condition holds or a timeout passes; nothing sleeps a fixed time.
final class TmuxSession {
    let socket = "jacobi-test-\(UUID().uuidString.prefix(8))"
    let name = "jacobi"
    let home: URL
    private static let tmux = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Starts `jacobi` at `width` × `height`; `environment` adds to (or, with "", removes from) the basics.
    /// `after` follows the binary on the shell's command line: `| cat` sends its output through a pipe.
    init(environment: [String: String] = [:], width: Int = 100, height: Int = 40, after: String = "",
         file: StaticString = #filePath) throws {
        guard TmuxSession.tmux != nil else { throw XCTSkip("tmux is not installed, so the terminal tests cannot run") }
        guard let binary = TmuxSession.binary() else {
            throw XCTSkip("the jacobi binary was not found beside the tests; run swift build first")
        }
        home = FileManager.default.temporaryDirectory.appendingPathComponent("jacobi-tty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        var variables = [
            "HOME": home.path, "XDG_STATE_HOME": home.appendingPathComponent("state").path,
            "TERM": "xterm-256color", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin",
        ]
        for (key, value) in environment { variables[key] = value }
        let assignments = variables.sorted { $0.key < $1.key }.map { "\($0.key)=\(TmuxSession.quote($0.value))" }
        // The shell tmux runs the command with writes jacobi's exit status into the pane, where it is
        // read back; tmux's own #{pane_dead_status} is sometimes left empty when the pane dies quickly.
        let command = "env -i " + assignments.joined(separator: " ") + " " + TmuxSession.quote(binary) + " " + after
            + "; echo \"\(TmuxSession.exitMarker)$?]\""
        // remain-on-exit, set for the whole server before the pane exists, keeps the pane after jacobi
        // exits, so its exit status can be read however quickly it exits.
        try run(["start-server", ";", "set-window-option", "-g", "remain-on-exit", "on",
                 ";", "new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", command])
    }

    deinit {
        _ = try? run(["kill-server"])
        try? FileManager.default.removeItem(at: home)
    }

    /// The `jacobi` built with the tests: beside the test bundle, or in the package's `.build/debug`.
    static func binary() -> String? {
        var candidates: [URL] = []
        if let bundle = ProcessInfo.processInfo.arguments.first {
            candidates.append(URL(fileURLWithPath: bundle).deletingLastPathComponent().appendingPathComponent("jacobi"))
        }
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(package.appendingPathComponent(".build/debug/jacobi"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }?.path
    }

    /// Types text as it is, character by character.
    func type(_ text: String) throws { try run(["send-keys", "-t", name, "-l", text]) }

    /// Pastes `text` as a terminal does; `bracketed` marks it as a paste when the program asked for that.
    func paste(_ text: String, bracketed: Bool = false) throws {
        let file = home.appendingPathComponent("paste-\(UUID().uuidString)").path
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        try run(["load-buffer", file])
        try run(["paste-buffer", "-d", "-t", name] + (bracketed ? ["-p"] : []))
    }

    /// Presses named keys: `Enter`, `Up`, `Tab`, `C-c`, `C-d`.
    func press(_ keys: String...) throws { try run(["send-keys", "-t", name] + keys) }

    /// The whole pane, scrollback included; with `escapes`, the colour escape sequences too.
    func screen(escapes: Bool = false) throws -> String {
        try run(["capture-pane", "-p", "-J", "-t", name, "-S", "-"] + (escapes ? ["-e"] : []))
    }

    /// Only what is on the screen now, no scrollback: what a clear-screen sequence would have wiped.
    func visibleScreen() throws -> String {
        try run(["capture-pane", "-p", "-J", "-t", name])
    }

    /// The pane's title, which OSC 0 and OSC 2 set: what a terminal would show in its title bar.
    func title() throws -> String {
        try run(["display-message", "-p", "-t", name, "#{pane_title}"]).trimmingCharacters(in: .newlines)
    }

    /// The last line with text on it (where the cursor's prompt is), without spaces at either end.
    static func lastLine(of screen: String) -> String {
        screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.last { !$0.isEmpty } ?? ""
    }

    /// Waits until `condition` holds for the screen; fails the test with the screen if it never does.
    @discardableResult
    func wait(_ what: String, timeout: TimeInterval = 15, file: StaticString = #filePath, line: UInt = #line,
              until condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var text = ""
        while Date() < deadline {
            text = try screen()
            if condition(text) { return text }
            Thread.sleep(forTimeInterval: 0.02)
        }
        XCTFail("timed out waiting for \(what); the screen was:\n\(text)", file: file, line: line)
        throw CancellationError()
    }

    /// Waits until the last line of text is `expected` (spaces at either end aside).
    func waitForLastLine(_ expected: String, timeout: TimeInterval = 15, file: StaticString = #filePath, line: UInt = #line) throws {
        try wait("the last line to be \"\(expected)\"", timeout: timeout, file: file, line: line) { screen in
            TmuxSession.lastLine(of: screen) == expected.trimmingCharacters(in: .whitespaces)
        }
    }

    static let exitMarker = "[jacobi exited with status "

    /// The exit status once jacobi has exited, or nil while it runs.
    func exitStatus() throws -> Int32? {
        let line = try screen().split(separator: "\n").last { $0.hasPrefix(TmuxSession.exitMarker) }
        return line.flatMap { Int32($0.dropFirst(TmuxSession.exitMarker.count).prefix { $0 != "]" }) }
    }

    /// Resizes the terminal, as dragging the window's edge would.
    func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
    }

    /// Runs one tmux command and returns what it printed.
    ///
    /// Output goes through a file, not a pipe: the server that `new-session` starts would inherit a
    /// pipe's write end, which would then never reach end-of-file. The child is spawned and reaped
    /// directly (posix_spawn, waitpid), so a command that hangs is stopped after `timeout`.
    @discardableResult
    private func run(_ arguments: [String], timeout: TimeInterval = 10) throws -> String {
        let output = home.appendingPathComponent("tmux-output-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let argv = [TmuxSession.tmux ?? "/usr/bin/tmux", "-L", socket, "-f", "/dev/null"] + arguments
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, cArguments, environ)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO) }
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            if Date() > deadline {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                throw CancellationError()
            }
            Thread.sleep(forTimeInterval: 0.002)
        }
        return (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
    }

    /// A value in single quotes for the shell tmux runs the command with.
    static func quote(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}
