import Foundation
import XCTest

/// Tests that run the built `jacobi` binary as a user runs it, in a clean environment with its own
/// HOME and state directory, and an empty temporary directory as the current one.
class CommandLineTestCase: XCTestCase {
    var home: URL!

    override func setUpWithError() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("jacobi-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: home)
    }

    struct Run {
        var status: Int32
        var out: String
        var err: String
    }

    /// Runs the binary with `arguments`, standard input from `input` (nothing when nil), standard output
    /// to `output` when given (`/dev/full`; `out` is then empty).
    func jacobi(_ arguments: [String], input: String? = nil, environment: [String: String] = [:], output: FileHandle? = nil) throws -> Run {
        guard let binary = TmuxSession.binary() else { throw XCTSkip("the jacobi binary was not found; run swift build first") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = home
        var variables = ["HOME": home.path, "XDG_STATE_HOME": home.appendingPathComponent("state").path,
                         "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "NO_COLOR": "1"]
        for (key, value) in environment { variables[key] = value }
        process.environment = variables
        // Files rather than pipes: a handout is larger than a pipe's buffer.
        let id = UUID().uuidString
        let paths = ["in", "out", "err"].map { home.appendingPathComponent("\($0)-\(id)").path }
        for (path, contents) in zip(paths, [Data((input ?? "").utf8), nil, nil]) {
            XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: contents), path)
        }
        process.standardInput = FileHandle(forReadingAtPath: paths[0])
        process.standardOutput = output ?? FileHandle(forWritingAtPath: paths[1])
        process.standardError = FileHandle(forWritingAtPath: paths[2])
        try process.run()
        process.waitUntilExit()
        let read = { (path: String) in (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
        return Run(status: process.terminationStatus, out: read(paths[1]), err: read(paths[2]))
    }
}
