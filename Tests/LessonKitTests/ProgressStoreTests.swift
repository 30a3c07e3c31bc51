import XCTest
import Foundation
@_spi(Testing) @testable import LessonKit

final class ProgressStoreTests: XCTestCase {
    var directory: String!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "jacobi-progress-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func files() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    }

    func testRecordsLoadAndReset() throws {
        let store = ProgressStore(path: directory + "/state/jacobi/progress.json")
        XCTAssertEqual(store.load().progress, CourseProgress())
        XCTAssertNil(store.load().warning)
        let tour = LessonProgress(lesson: "tour", step: 3, stepCount: 8, questions: ["2.1": QuestionRecord(outcome: .correct, attempts: 1)])
        let jacobian = LessonProgress(lesson: "softmax-jacobian", step: 0, stepCount: 10, completed: true)
        XCTAssertNil(try store.record(tour))
        try store.record(jacobian)
        XCTAssertEqual(store.load().progress.lessons, ["tour": tour, "softmax-jacobian": jacobian])
        XCTAssertEqual(store.progress(for: "tour")?.description, "step 4 of 8")
        XCTAssertEqual(store.progress(for: "softmax-jacobian")?.description, "complete")
        try store.reset(lesson: "tour")
        XCTAssertEqual(store.load().progress.lessons, ["softmax-jacobian": jacobian])

        // The file is readable JSON, sorted, for people too.
        let text = try String(contentsOfFile: store.path, encoding: .utf8)
        XCTAssertTrue(text.contains("\"lesson\" : \"softmax-jacobian\""), text)
        XCTAssertTrue(text.contains("\"version\" : 2"), text)
    }

    /// A save replaces the file by rename and leaves no temporary file behind.
    func testSaveIsAtomicRename() throws {
        let path = directory + "/progress.json"
        let store = ProgressStore(path: path)
        try store.record(LessonProgress(lesson: "tour", stepCount: 8))
        let before = try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int
        var seenDuringWrite: [String] = []
        store.beforeRename = {
            // Between write and rename the old file is intact and the new one is a hidden temporary.
            seenDuringWrite = (try? self.files()) ?? []
            XCTAssertEqual(ProgressStore(path: path).load().progress.lessons["tour"]?.step, 0)
        }
        try store.record(LessonProgress(lesson: "tour", step: 5, stepCount: 8))
        XCTAssertEqual(seenDuringWrite, [".progress.json.\(getpid()).tmp", "progress.json", "progress.json.lock"])
        let after = try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int
        XCTAssertNotEqual(before, after, "a new inode: the file was renamed into place, not rewritten")
        XCTAssertEqual(try files(), ["progress.json", "progress.json.lock"])
        XCTAssertEqual(store.load().progress.lessons["tour"]?.step, 5)
    }

    func testAFileThatDoesNotParseIsSetAsideWithAWarning() throws {
        let path = directory + "/progress.json"
        try Data("{\"version\": 1, \"lessons\": {\"tour\": ".utf8).write(to: URL(fileURLWithPath: path))
        let store = ProgressStore(path: path)
        let loaded = store.load()
        XCTAssertEqual(loaded.progress, CourseProgress())
        XCTAssertEqual(loaded.warning, "your progress file \(path) is not a progress file Jacobi can read; it was moved to \(path).corrupt and progress starts afresh")
        XCTAssertEqual(try files(), ["progress.json.corrupt"])

        // A second bad file does not overwrite the first one set aside.
        try Data([0xFF, 0xFE, 0x00]).write(to: URL(fileURLWithPath: path))
        let warning = try store.record(LessonProgress(lesson: "tour", step: 2, stepCount: 8))
        XCTAssertEqual(warning?.contains("moved to \(path).corrupt.1"), true, warning ?? "")
        XCTAssertEqual(try files(), ["progress.json", "progress.json.corrupt", "progress.json.corrupt.1", "progress.json.lock"])
        XCTAssertEqual(store.load().progress.lessons["tour"]?.step, 2)
    }

    // MARK: - Files that cannot be read are left alone

    /// A directory where the file should be: read(2) fails with EISDIR, for real.
    func testADirectoryInPlaceOfTheFileIsLeftAndSavingStops() throws {
        let path = directory + "/progress.json"
        try FileManager.default.createDirectory(atPath: path + "/inside", withIntermediateDirectories: true)
        let store = ProgressStore(path: path)
        let loaded = store.load()
        XCTAssertEqual(loaded.progress, CourseProgress())
        XCTAssertEqual(loaded.warning, "cannot read \(path): Is a directory; progress will not be saved this session")
        XCTAssertEqual(store.savingOff, loaded.warning)
        XCTAssertThrowsError(try store.record(LessonProgress(lesson: "tour", stepCount: 8))) { error in
            XCTAssertEqual("\(error)", loaded.warning, "in words, not a raw CocoaError")
        }
        XCTAssertEqual(try files(), ["progress.json"], "nothing moved aside, no lock, no temporary file")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: path), ["inside"])
    }

    /// Failures that root cannot be made to meet (CI runs as root) are handed in through the reader.
    func testInjectedReadFailuresLeaveTheFileAndStopSaving() throws {
        let path = directory + "/progress.json"
        let original = Data("{\"version\": 1, \"lessons\": {}}".utf8)
        try original.write(to: URL(fileURLWithPath: path))
        for (code, words) in [(EACCES, "Permission denied"), (EIO, "Input/output error")] {
            let store = ProgressStore(path: path, read: { _ in .failed(code) })
            XCTAssertEqual(store.load().warning, "cannot read \(path): \(words); progress will not be saved this session")
            XCTAssertThrowsError(try store.record(LessonProgress(lesson: "tour", stepCount: 8)))
            XCTAssertThrowsError(try store.reset(lesson: "tour"))
            XCTAssertThrowsError(try store.save(CourseProgress()))
            XCTAssertEqual(try files(), ["progress.json"])
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), original)
        }
    }

    /// Saving stays off for the store's life, even if a later read works.
    func testSavingStaysOffOnceTurnedOff() throws {
        let path = directory + "/progress.json"
        var failing = true
        let store = ProgressStore(path: path, read: { failing ? .failed(EIO) : ProgressFile.contents(at: $0) })
        XCTAssertNotNil(store.load().warning)
        failing = false
        XCTAssertNil(store.load().warning)
        XCTAssertThrowsError(try store.record(LessonProgress(lesson: "tour", stepCount: 8)))
        XCTAssertEqual(try files(), [])
    }

    func testASymbolicLinkIsNotFollowed() throws {
        let path = directory + "/progress.json", elsewhere = directory + "/elsewhere.json"
        let original = Data("{\"version\": 1, \"lessons\": {}}".utf8)
        try original.write(to: URL(fileURLWithPath: elsewhere))
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: elsewhere)
        let store = ProgressStore(path: path)
        XCTAssertEqual(store.load().warning,
                       "cannot read \(path): it is a symbolic link, which Jacobi does not follow there; progress will not be saved this session")
        XCTAssertThrowsError(try store.record(LessonProgress(lesson: "tour", stepCount: 8)))
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: path), elsewhere, "the link is left as it is")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: elsewhere)), original)
    }

    /// A link where the lock file goes is not followed: it would create or lock whatever it names.
    func testALinkedLockFileIsNotFollowed() throws {
        let path = directory + "/progress.json", victim = directory + "/victim"
        try FileManager.default.createSymbolicLink(atPath: path + ".lock", withDestinationPath: victim)
        let store = ProgressStore(path: path)
        XCTAssertThrowsError(try store.record(LessonProgress(lesson: "tour", stepCount: 8))) { error in
            XCTAssertEqual("\(error)", "cannot open the lock file \(path).lock: it is a symbolic link, which Jacobi does not follow there")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: victim), "nothing created through the link")
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
    }

    /// A FIFO in place of the file would wait for a writer if opened plainly; it is refused at once.
    func testAFIFOInPlaceOfTheFileIsRefusedWithoutWaiting() throws {
        let path = directory + "/progress.json"
        XCTAssertEqual(mkfifo(path, 0o600), 0)
        XCTAssertEqual(ProgressStore(path: path).load().warning,
                       "cannot read \(path): it is not a regular file; progress will not be saved this session")
    }

    /// A learner who made the file private keeps it private.
    func testASavedFileKeepsItsMode() throws {
        let path = directory + "/progress.json"
        let store = ProgressStore(path: path)
        try store.record(LessonProgress(lesson: "tour", stepCount: 8))
        XCTAssertEqual(chmod(path, 0o600), 0)
        try store.record(LessonProgress(lesson: "tour", step: 1, stepCount: 8))
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o600)
    }

    func testWrongShapedJSONIsSetAsideToo() throws {
        let path = directory + "/progress.json"
        try Data("[1, 2, 3]".utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertNotNil(ProgressStore(path: path).load().warning)
        XCTAssertEqual(try files(), ["progress.json.corrupt"])
    }

    func testAFileFromANewerJacobiIsLeftAlone() throws {
        let path = directory + "/progress.json"
        try Data("{\"version\": 99, \"lessons\": {}}".utf8).write(to: URL(fileURLWithPath: path))
        let store = ProgressStore(path: path)
        XCTAssertEqual(store.load().warning?.contains("newer Jacobi"), true)
        XCTAssertThrowsError(try store.record(LessonProgress(lesson: "tour", stepCount: 8)))
        XCTAssertEqual(try files().filter { !$0.hasSuffix(".lock") }, ["progress.json"])
    }

    func testAnUnwritableDirectoryIsAnErrorNotACrash() throws {
        let store = ProgressStore(path: "/proc/jacobi-cannot-write-here/progress.json")
        XCTAssertThrowsError(try store.record(LessonProgress(lesson: "tour", stepCount: 8)))
    }

    /// The runner's checkpoints, saved as the shell will save them, restore the learner's place.
    func testCheckpointsSavedByTheShellResumeTheLesson() throws {
        let lesson = try LessonParser.parse(LessonRunnerTests.text, file: "runner.md")
        let store = ProgressStore(path: directory + "/progress.json")
        let runner = LessonRunner(lesson: lesson, session: .init(), progress: store.progress(for: lesson.name), derive: FakeDerivations.provider)
        func save(_ events: [LessonEvent]) throws {
            for case .checkpoint(let progress) in events { try store.record(progress) }
        }
        try save(runner.start())
        try save(runner.perform(.next))
        try save(runner.perform(.next)) // the rest of the derivation, then the question
        try save(runner.submit("p - p^2"))
        try save(runner.perform(.quit))
        let saved = try XCTUnwrap(store.progress(for: "runner"))
        XCTAssertEqual(saved.step, 1)
        XCTAssertEqual(saved.questions["2.1"]?.outcome, .correct)
        let resumed = LessonRunner(lesson: lesson, session: .init(), progress: saved)
        XCTAssertEqual(resumed.resumeStep, 1)
    }
}

/// SIGKILL a process again and again while it saves progress: every time, the file left behind loads.
///
/// The child is `ProgressWriter` (Tests/ProgressWriter), built beside the tests, which saves forever.
/// It pauses between writing the temporary file and renaming it, which widens the window a kill must
/// hit to matter. Half the kills are aimed at that window (as soon as the temporary file appears), half
/// land at random; the test counts the kills that left a temporary file behind, so it shows that the
/// window was really hit.
final class ProgressKillTests: XCTestCase {
    func testKilledDuringSavesLeavesALoadableFile() throws {
        // Missing, the test fails rather than skips: without the child there is no test.
        let binary = try XCTUnwrap(Paths.executable(named: "ProgressWriter"), "ProgressWriter was not built beside the tests")
        let directory = NSTemporaryDirectory() + "jacobi-kill-\(getpid())"
        try? FileManager.default.removeItem(atPath: directory)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/progress.json"
        let store = ProgressStore(path: path)

        func counter() -> Int? {
            let loaded = store.load()
            XCTAssertNil(loaded.warning, "after a kill the file must load")
            return loaded.progress.lessons["counter"]?.step
        }

        var previous = 0
        var killsInsideTheWindow = 0
        let kills = 16
        for k in 0..<kills {
            let child = Process()
            child.executableURL = URL(fileURLWithPath: binary)
            child.arguments = [path]
            child.standardOutput = FileHandle.nullDevice
            child.standardError = FileHandle.nullDevice
            try child.run()
            // Wait until this child has saved at least once, then kill it at a random moment.
            let deadline = Date().addingTimeInterval(60)
            while (counter() ?? 0) <= previous, Date() < deadline, child.isRunning { usleep(2_000) }
            if k % 2 == 0 {
                // Aim: kill as soon as a temporary file exists, inside the pause before the rename.
                let tmp = directory + "/.progress.json.\(child.processIdentifier).tmp"
                while !FileManager.default.fileExists(atPath: tmp), Date() < deadline, child.isRunning { usleep(200) }
            } else {
                usleep(UInt32.random(in: 0...40_000))
            }
            kill(child.processIdentifier, SIGKILL)
            child.waitUntilExit()
            XCTAssertEqual(child.terminationReason, .uncaughtSignal, "the child was killed, not finished")

            let now = try XCTUnwrap(counter(), "the file loads and holds the counter")
            XCTAssertGreaterThan(now, previous, "each child saved before it was killed")
            XCTAssertEqual(store.load().progress.lessons.count, 61)
            previous = now
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".tmp") }
            if !leftovers.isEmpty { killsInsideTheWindow += 1 }
        }
        print("kill test: \(kills) kills, \(killsInsideTheWindow) between writing the temporary file and renaming it")
        XCTAssertGreaterThanOrEqual(killsInsideTheWindow, kills / 4, "too few kills landed between write and rename; the test did not exercise the window")

        // The next save clears what the killed writers left.
        try store.record(LessonProgress(lesson: "tour", stepCount: 8))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".tmp") }, [])
    }
}
