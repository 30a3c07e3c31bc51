import Foundation
import XCTest

/// `jacobi present … --output FILE` over what is already there, without a terminal to ask at.
final class HandoutOutputTests: CommandLineTestCase {
    private func file(_ name: String) -> String { home.appendingPathComponent(name).path }

    func testAnExistingFileNeedsForce() throws {
        let handout = file("handout.md")
        try "my notes\n".write(toFile: handout, atomically: false, encoding: .utf8)
        XCTAssertEqual(chmod(handout, 0o600), 0)
        let refused = try jacobi(["present", "1", "--output", handout])
        XCTAssertEqual(refused.status, 1)
        XCTAssertEqual(refused.err, "jacobi: \(handout) already exists; not overwritten (--force replaces it)\n")
        XCTAssertEqual(try String(contentsOfFile: handout, encoding: .utf8), "my notes\n")

        let forced = try jacobi(["present", "1", "--output", handout, "--force"])
        XCTAssertEqual(forced.status, 0, forced.err)
        XCTAssertTrue(try String(contentsOfFile: handout, encoding: .utf8).hasPrefix("# A tour"))
        var info = stat()
        XCTAssertEqual(lstat(handout, &info), 0)
        XCTAssertEqual(info.st_mode & 0o7777, 0o600, "the file keeps its mode")
    }

    func testASymbolicLinkIsRefusedNamingWhereItPoints() throws {
        let target = file("target.md"), link = file("link.md")
        try "theirs\n".write(toFile: target, atomically: false, encoding: .utf8)
        XCTAssertEqual(symlink(target, link), 0)
        let refused = try jacobi(["present", "1", "--output", link])
        XCTAssertEqual(refused.status, 1)
        XCTAssertEqual(refused.err, "jacobi: \(link) is a symbolic link to \(target); not written (--force writes through it)\n")
        XCTAssertEqual(try String(contentsOfFile: target, encoding: .utf8), "theirs\n")
    }

    func testDevNullIsWrittenInPlace() throws {
        let run = try jacobi(["present", "1", "--output", "/dev/null"])
        XCTAssertEqual(run.status, 0, run.err)
        XCTAssertEqual(run.err, "")
    }

    func testForceGoesWithOutput() throws {
        XCTAssertNotEqual(try jacobi(["present", "1", "--force"]).status, 0)
    }

    func testRunReadsARegularFileOrAStreamButNotADirectory() throws {
        let run = try jacobi(["run", home.path])
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.err, "jacobi: cannot read \(home.path): it is a directory\n")
        let fromDevice = try jacobi(["run", "/dev/null"])
        XCTAssertEqual(fromDevice.status, 0, "a device is read by jacobi run (as <(…) is), and /dev/null is empty")
    }
}
