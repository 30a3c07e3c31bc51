import Foundation
import XCTest

/// Output that does not arrive is not success: a full disk or a broken device gives one line on
/// standard error and status 1; a reader that went away (`| head`) ends the process quietly, killed by
/// SIGPIPE as `yes | head` is.
final class LostOutputTests: CommandLineTestCase {
    private func full() throws -> FileHandle {
        guard let handle = FileHandle(forWritingAtPath: "/dev/full") else { throw XCTSkip("this system has no /dev/full") }
        return handle
    }

    private let noSpace = "jacobi: cannot write to standard output: No space left on device\n"

    func testAFullDeviceOnStandardOutputIsAnError() throws {
        let run = try jacobi(["-e", "bar(ones(1000))"], output: try full())
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.err, noSpace)
    }

    func testAHandoutToAFullDeviceIsAnError() throws {
        let run = try jacobi(["present", "1", "--export", "markdown"], output: try full())
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.err, noSpace)
    }

    func testAHandoutWrittenWithOutputToAFullDeviceIsAnError() throws {
        _ = try full()
        let run = try jacobi(["present", "1", "--output", "/dev/full"])
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.err, "jacobi: cannot write /dev/full: No space left on device\n")
    }

    /// swift-argument-parser's help is printed through the C library's buffer; the check at exit sees it fail.
    func testHelpToAFullDeviceIsAnError() throws {
        let run = try jacobi(["--help"], output: try full())
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.err, noSpace)
    }

    /// 100 000 lines of output into a pipe whose reader stops after 10 bytes.
    func testABrokenPipeEndsQuietlyAsYesDoes() throws {
        guard let binary = TmuxSession.binary() else { throw XCTSkip("the jacobi binary was not found; run swift build first") }
        let script = home.appendingPathComponent("long.jac").path
        try (1...100_000).map(String.init).joined(separator: "\n").write(toFile: script, atomically: true, encoding: .utf8)
        let errors = home.appendingPathComponent("err").path
        XCTAssertTrue(FileManager.default.createFile(atPath: errors, contents: nil))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["run", script]
        process.environment = ["HOME": home.path, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle(forWritingAtPath: errors)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try pipe.fileHandleForWriting.close()
        let head = try pipe.fileHandleForReading.read(upToCount: 10)
        XCTAssertEqual(head.map { String(decoding: $0, as: UTF8.self) }?.hasPrefix("1\n2\n"), true)
        try pipe.fileHandleForReading.close()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .uncaughtSignal, "killed by SIGPIPE, as yes | head is")
        XCTAssertEqual(process.terminationStatus, SIGPIPE)
        XCTAssertEqual(try String(contentsOfFile: errors, encoding: .utf8), "", "quietly")
    }
}
