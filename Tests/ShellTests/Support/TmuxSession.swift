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
    init(environment: [String: String] = [:], width: Int = 100, height: Int = 40, file: StaticString = #filePath) throws {
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
        let command = "env -i " + assignments.joined(separator: " ") + " " + TmuxSession.quote(binary)
        // remain-on-exit keeps the pane after jacobi exits, so its exit status can be read.
        try run(["new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", command,
                 ";", "set-option", "-t", name, "remain-on-exit", "on"])
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

    /// Presses named keys: `Enter`, `Up`, `Tab`, `C-c`, `C-d`.
    func press(_ keys: String...) throws { try run(["send-keys", "-t", name] + keys) }

    /// The whole pane, scrollback included; with `escapes`, the colour escape sequences too.
    func screen(escapes: Bool = false) throws -> String {
        try run(["capture-pane", "-p", "-J", "-t", name, "-S", "-"] + (escapes ? ["-e"] : []))
    }

    /// The last line with text on it (where the cursor's prompt is).
    func lastLine() throws -> String {
        try screen().split(separator: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map(String.init) ?? ""
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

    /// Waits until the last line of text is exactly `line`.
    func waitForLastLine(_ expected: String, timeout: TimeInterval = 15, file: StaticString = #filePath, line: UInt = #line) throws {
        try wait("the last line to be \"\(expected)\"", timeout: timeout, file: file, line: line) { screen in
            screen.split(separator: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map(String.init) == expected
        }
    }

    /// The exit status once jacobi has exited, or nil while it runs.
    func exitStatus() throws -> Int32? {
        let fields = try run(["display-message", "-p", "-t", name, "#{pane_dead} #{pane_dead_status}"])
            .trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ")
        guard fields.first == "1", fields.count == 2 else { return nil }
        return Int32(fields[1])
    }

    /// Resizes the terminal, as dragging the window's edge would.
    func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
    }

    @discardableResult
    private func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TmuxSession.tmux ?? "/usr/bin/tmux")
        process.arguments = ["-L", socket, "-f", "/dev/null"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// A value in single quotes for the shell tmux runs the command with.
    static func quote(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}
