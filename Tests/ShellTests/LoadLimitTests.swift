import Foundation
import XCTest
@testable import Shell

/// `:load` reads regular files only, and at most `TextFile.maximumSize` of them.
final class LoadLimitTests: ShellTestCase {
    private func message(_ outputs: [ShellSession.Output]) -> String {
        guard case .error(let diagnostic, _, _)? = outputs.first else { return "\(outputs)" }
        return diagnostic.message
    }

    func testADirectoryIsRefusedNotLoadedAsNothing() {
        XCTAssertEqual(message(shell().submit(":load \(directory.path)")), "cannot read \(directory.path): it is a directory")
        XCTAssertEqual(message(shell().submit(":run \(directory.path)")), "cannot read \(directory.path): it is a directory")
    }

    /// A FIFO with no writer would wait forever; it is refused at once.
    func testAFIFOIsRefusedWithoutWaiting() {
        let fifo = directory.appendingPathComponent("pipe").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        XCTAssertEqual(message(shell().submit(":load \(fifo)")), "cannot read \(fifo): it is a FIFO, not a regular file")
    }

    func testADeviceIsRefused() {
        XCTAssertEqual(message(shell().submit(":load /dev/urandom")), "cannot read /dev/urandom: it is a character device, not a regular file")
    }

    /// A file past the limit is refused before it is read (this one is sparse, so it costs no disk).
    func testAFileOverTheLimitIsRefused() throws {
        let file = directory.appendingPathComponent("huge.jac").path
        XCTAssertTrue(FileManager.default.createFile(atPath: file, contents: Data("1\n".utf8)))
        XCTAssertEqual(truncate(file, off_t(TextFile.maximumSize + 1)), 0)
        XCTAssertEqual(message(shell().submit(":load \(file)")), "cannot read \(file): it is larger than 10 MB, the most Jacobi reads as a script")
        XCTAssertEqual(truncate(file, off_t(TextFile.maximumSize)), 0)
        XCTAssertEqual(try TextFile.lines(at: file).count, 2, "exactly the limit is read")
    }

    /// Lines end at \n, with or without a \r before it (a String would take \r\n for one character).
    func testLinesSplitAtNewlinesWithOrWithoutCarriageReturns() {
        XCTAssertEqual(TextFile.split(Array("a = 1\r\nb = 2\n\nc\r\n".utf8)), ["a = 1", "b = 2", "", "c"])
        XCTAssertEqual(TextFile.split(Array("no newline".utf8)), ["no newline"])
        XCTAssertEqual(TextFile.split([]), [])
    }
}
