import Foundation
import XCTest
@testable import Shell

/// `:save` over whatever the path names: nothing, a file, a FIFO, a device, a link, a directory, a socket.
/// No write replaces what it was not asked to, and nothing waits for an answer on a pipe.
final class SafeSaveTests: ShellTestCase {
    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// A shell with one variable to save, and (when `answers` is given) someone at the terminal to ask.
    private func shell(answers: [Bool?]? = nil) -> (ShellSession, Questions) {
        let s = shell()
        _ = s.submit("z = [1, 2]")
        let questions = Questions(answers ?? [])
        if answers != nil { s.confirm = { questions.ask($0) } }
        return (s, questions)
    }

    final class Questions {
        var answers: [Bool?]
        var asked: [String] = []
        init(_ answers: [Bool?]) { self.answers = answers }
        func ask(_ question: String) -> Bool? {
            asked.append(question)
            return answers.isEmpty ? nil : answers.removeFirst()
        }
    }

    private func info(_ path: String) throws -> stat {
        var info = stat()
        guard lstat(path, &info) == 0 else { throw XCTSkip("lstat \(path): \(String(cString: strerror(errno)))") }
        return info
    }

    private func message(_ outputs: [ShellSession.Output]) -> String {
        guard case .error(let diagnostic, _, _)? = outputs.first else { return "\(outputs)" }
        return diagnostic.message
    }

    private let saved = "# Jacobi session, written by :save; restore it with :load FILE\nz = [1, 2]\n"

    func testANewFileIsCreated() throws {
        let (s, questions) = shell(answers: [])
        XCTAssertEqual(s.submit(":save \(path("new.jac"))"), [.info("saved 1 name to \(path("new.jac"))")])
        XCTAssertEqual(try String(contentsOfFile: path("new.jac"), encoding: .utf8), saved)
        XCTAssertEqual(questions.asked, [], "nothing to ask about a new file")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), ["new.jac"], "no temporary file left")
    }

    func testAnExistingFileIsRefusedWithoutATerminal() throws {
        let file = path("old.jac")
        try "keep me\n".write(toFile: file, atomically: false, encoding: .utf8)
        let (s, _) = shell()
        XCTAssertEqual(message(s.submit(":save \(file)")), "\(file) already exists; not overwritten (:save! \(file) replaces it)")
        XCTAssertEqual(try String(contentsOfFile: file, encoding: .utf8), "keep me\n")
        XCTAssertEqual(s.submit(":save! \(file)"), [.info("saved 1 name to \(file)")])
        XCTAssertEqual(try String(contentsOfFile: file, encoding: .utf8), saved)
    }

    func testAnExistingFileIsReplacedOnlyWhenTheUserAgrees() throws {
        let file = path("old.jac")
        try "keep me\n".write(toFile: file, atomically: false, encoding: .utf8)
        let (s, questions) = shell(answers: [false, nil, true])
        XCTAssertEqual(s.submit(":save \(file)"), [.info("not saved; \(file) is as it was")])
        XCTAssertEqual(s.submit(":save \(file)"), [.info("not saved; \(file) is as it was")], "Ctrl-C at the question")
        XCTAssertEqual(try String(contentsOfFile: file, encoding: .utf8), "keep me\n")
        XCTAssertEqual(s.submit(":save \(file)"), [.info("saved 1 name to \(file)")])
        XCTAssertEqual(try String(contentsOfFile: file, encoding: .utf8), saved)
        XCTAssertEqual(questions.asked, Array(repeating: "\(file) exists; overwrite it? [y/N] ", count: 3))
        XCTAssertEqual(s.submit(":save! \(file)").count, 1)
        XCTAssertEqual(questions.asked.count, 3, ":save! does not ask")
    }

    /// A 0600 file stays 0600, with its owner and group (root gives the file away first to see that).
    func testAReplacedFileKeepsItsModeAndOwner() throws {
        let file = path("private.jac")
        try "secret\n".write(toFile: file, atomically: false, encoding: .utf8)
        XCTAssertEqual(chmod(file, 0o600), 0)
        let root = getuid() == 0
        if root { XCTAssertEqual(chown(file, 1234, 5678), 0) }
        let before = try info(file)
        let (s, _) = shell()
        XCTAssertEqual(s.submit(":save! \(file)"), [.info("saved 1 name to \(file)")])
        let after = try info(file)
        XCTAssertNotEqual(after.st_ino, before.st_ino, "replaced by rename, not rewritten")
        XCTAssertEqual(after.st_mode & 0o7777, 0o600)
        XCTAssertEqual(after.st_uid, before.st_uid)
        XCTAssertEqual(after.st_gid, before.st_gid)
        if root { XCTAssertEqual(after.st_uid, 1234) }
        XCTAssertEqual(try String(contentsOfFile: file, encoding: .utf8), saved)
    }

    func testASymbolicLinkIsRefusedNamingItsTarget() throws {
        let target = path("real.jac"), link = path("link.jac")
        try "the real file\n".write(toFile: target, atomically: false, encoding: .utf8)
        XCTAssertEqual(symlink(target, link), 0)
        let (s, questions) = shell(answers: [true])
        let resolved = FileTarget.resolve(link: link)
        XCTAssertTrue(resolved.hasSuffix("/real.jac") && resolved.hasPrefix("/"), resolved)
        XCTAssertEqual(message(s.submit(":save \(link)")), "\(link) is a symbolic link to \(resolved); not written (:save! \(link) writes through it)")
        XCTAssertEqual(questions.asked, [], "a link is refused, not asked about")
        XCTAssertEqual(try String(contentsOfFile: target, encoding: .utf8), "the real file\n")

        // :save! writes the file it points to, and the link stays a link.
        XCTAssertEqual(s.submit(":save! \(link)"), [.info("saved 1 name to \(link)")])
        XCTAssertEqual(try info(link).st_mode & S_IFMT, S_IFLNK)
        XCTAssertEqual(try String(contentsOfFile: target, encoding: .utf8), saved)
    }

    func testALinkToNothingIsRefusedToo() throws {
        let link = path("dangling.jac")
        XCTAssertEqual(symlink("elsewhere.jac", link), 0)
        let (s, _) = shell()
        let refused = message(s.submit(":save \(link)"))
        XCTAssertTrue(refused.hasPrefix("\(link) is a symbolic link to /") && refused.contains("/elsewhere.jac; not written"), refused)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("elsewhere.jac")))
        XCTAssertEqual(s.submit(":save! \(link)"), [.info("saved 1 name to \(link)")])
        XCTAssertEqual(try String(contentsOfFile: path("elsewhere.jac"), encoding: .utf8), saved)
    }

    /// A FIFO is written in place, as `>` would: a reader gets the text, and the FIFO is still a FIFO.
    func testAFIFOIsWrittenInPlace() throws {
        let fifo = path("pipe")
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let received = expectation(description: "the reader got the text")
        nonisolated(unsafe) var text = ""
        Thread.detachNewThread {
            // Opening blocks until :save opens the other end; reading ends when it closes it.
            if let handle = FileHandle(forReadingAtPath: fifo) {
                text = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
            }
            received.fulfill()
        }
        let (s, questions) = shell(answers: [])
        XCTAssertEqual(s.submit(":save \(fifo)"), [.info("saved 1 name to \(fifo)")])
        wait(for: [received], timeout: 10)
        XCTAssertEqual(text, saved)
        XCTAssertEqual(try info(fifo).st_mode & S_IFMT, S_IFIFO)
        XCTAssertEqual(questions.asked, [], "writing into a FIFO replaces nothing, so nothing is asked")
    }

    func testDevNullIsWrittenInPlace() throws {
        let (s, _) = shell()
        XCTAssertEqual(s.submit(":save /dev/null"), [.info("saved 1 name to /dev/null")])
        XCTAssertEqual(try info("/dev/null").st_mode & S_IFMT, S_IFCHR, "still the device")
    }

    /// A character device made in the temporary folder (with /dev/null's device number, so writing to
    /// it is harmless), which only root may create.
    func testADeviceNodeIsWrittenInPlace() throws {
        let device = path("null")
        let null = try info("/dev/null").st_rdev
        guard mknod(device, S_IFCHR | 0o666, null) == 0 else {
            throw XCTSkip("cannot create a device node here (\(String(cString: strerror(errno)))); /dev/null is tested instead")
        }
        let (s, _) = shell()
        XCTAssertEqual(s.submit(":save \(device)"), [.info("saved 1 name to \(device)")])
        XCTAssertEqual(s.submit(":save! \(device)"), [.info("saved 1 name to \(device)")])
        let after = try info(device)
        XCTAssertEqual(after.st_mode & S_IFMT, S_IFCHR, "not turned into a plain file")
        XCTAssertEqual(after.st_rdev, null)
    }

    func testADirectoryAndASocketAreRefused() throws {
        let folder = path("folder")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        let (s, _) = shell()
        XCTAssertEqual(message(s.submit(":save \(folder)")), "cannot write \(folder): it is a directory")
        XCTAssertEqual(message(s.submit(":save! \(folder)")), "cannot write \(folder): it is a directory")

        let socketPath = path("socket")
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { bytes in
            for (i, byte) in socketPath.utf8.prefix(bytes.count - 1).enumerated() { bytes[i] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0 else { throw XCTSkip("cannot bind a socket at \(socketPath)") }
        XCTAssertEqual(message(s.submit(":save! \(socketPath)")), "cannot write \(socketPath): it is a socket")
        XCTAssertEqual(try info(socketPath).st_mode & S_IFMT, S_IFSOCK)
    }

    /// At the REPL, Enter at the overwrite question means no; y replaces the file.
    func testTheREPLAsksAndEnterMeansNo() throws {
        let file = path("old.jac")
        try "keep me\n".write(toFile: file, atomically: false, encoding: .utf8)
        func run(_ events: [LineEvent]) -> ScriptedReader {
            let reader = ScriptedReader(events)
            var repl = REPL(shell: ShellSession(options: ShellOptions(color: false)), reader: reader, palette: Palette(enabled: false))
            repl.width = { 80 }
            repl.textWidth = { nil }
            repl.write = { _, _ in }
            _ = repl.run()
            return reader
        }
        let declined = run([.line("z = 1"), .line(":save \(file)"), .line(""), .end])
        XCTAssertEqual(declined.prompts[2], "\(file) exists; overwrite it? [y/N] ")
        XCTAssertEqual(try String(contentsOfFile: file, encoding: .utf8), "keep me\n")
        _ = run([.line("z = 1"), .line(":save \(file)"), .line("y"), .end])
        XCTAssertEqual(try String(contentsOfFile: file, encoding: .utf8), "# Jacobi session, written by :save; restore it with :load FILE\nz = 1\n")
    }
}
