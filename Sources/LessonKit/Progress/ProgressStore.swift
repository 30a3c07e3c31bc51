#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The learner's progress file: JSON at a path the caller chooses (the shell passes
/// `$XDG_STATE_HOME/jacobi/progress.json`).
///
/// Every save writes a temporary file in the same directory, flushes it to disk and renames it over
/// the old file; rename is atomic on POSIX file systems, so a kill at any moment leaves either the old
/// file or the new one, never a half-written one. A file that cannot be read is renamed to
/// `….corrupt` and reported as a warning; progress starts afresh rather than crashing.
public final class ProgressStore {
    public let path: String
    /// Runs between writing the temporary file and renaming it; the kill test widens that window with it.
    var beforeRename: (() -> Void)?

    public init(path: String) {
        self.path = path
    }

    /// What `load` found, and a warning to show when the file was set aside.
    public struct Loaded: Sendable {
        public var progress: CourseProgress
        public var warning: String?
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    // MARK: - Reading

    /// The saved progress; an empty record when there is no file yet or it was unreadable.
    public func load() -> Loaded {
        guard FileManager.default.fileExists(atPath: path) else { return Loaded(progress: CourseProgress()) }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let progress = try JSONDecoder().decode(CourseProgress.self, from: data)
            guard progress.version <= CourseProgress.currentVersion else {
                return Loaded(progress: CourseProgress(),
                              warning: "\(path) was written by a newer Jacobi (format \(progress.version)); it is left as it is, and progress is not saved over it")
            }
            return Loaded(progress: progress)
        } catch {
            return Loaded(progress: CourseProgress(), warning: setAside(because: error))
        }
    }

    /// One lesson's saved progress, if any.
    public func progress(for lesson: String) -> LessonProgress? {
        load().progress.lessons[lesson]
    }

    private func setAside(because error: any Error) -> String {
        let why = error is DecodingError ? "is not a progress file Jacobi can read" : "could not be read (\(error))"
        for k in 0..<100 {
            let target = path + ".corrupt" + (k == 0 ? "" : ".\(k)")
            if FileManager.default.fileExists(atPath: target) { continue }
            if rename(path, target) == 0 {
                return "your progress file \(path) \(why); it was moved to \(target) and progress starts afresh"
            }
            break
        }
        return "your progress file \(path) \(why), and could not be moved aside; progress starts afresh"
    }

    // MARK: - Writing

    /// Replaces one lesson's record, keeping the others as they are on disk now (another Jacobi may
    /// have saved a different lesson meanwhile). Returns a warning if the file had to be set aside.
    @discardableResult
    public func record(_ lesson: LessonProgress) throws -> String? {
        try update { $0.lessons[lesson.lesson] = lesson }
    }

    /// Forgets one lesson's progress (`:lesson reset NAME`).
    @discardableResult
    public func reset(lesson: String) throws -> String? {
        try update { $0.lessons[lesson] = nil }
    }

    private func update(_ change: (inout CourseProgress) -> Void) throws -> String? {
        try createDirectory()
        return try withLock {
            let loaded = load()
            if loaded.warning?.contains("newer Jacobi") == true { throw Failure(description: loaded.warning ?? "") }
            var progress = loaded.progress
            change(&progress)
            try save(progress)
            return loaded.warning
        }
    }

    /// Writes the whole file atomically: temporary file, fsync, rename, fsync of the directory.
    public func save(_ progress: CourseProgress) throws {
        try createDirectory()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(progress) + Data("\n".utf8)
        let temporary = temporaryPath(pid: getpid())
        // The name is this process's own, so a file already there is a leftover of a killed process
        // that had the same pid: truncating it is safe.
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure("cannot create \(temporary)") }
        var written = 0
        let ok = data.withUnsafeBytes { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            while written < buffer.count {
                let n = write(fd, base + written, buffer.count - written)
                if n < 0 { if errno == EINTR { continue }; return false }
                written += n
            }
            return fsync(fd) == 0
        }
        close(fd)
        guard ok else {
            unlink(temporary)
            throw failure("cannot write \(temporary)")
        }
        beforeRename?()
        guard rename(temporary, path) == 0 else {
            let error = failure("cannot rename \(temporary) to \(path)")
            unlink(temporary)
            throw error
        }
        syncDirectory()
        removeStaleTemporaries()
    }

    private var directory: String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
    private var fileName: String { path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path }

    private func temporaryPath(pid: pid_t) -> String {
        (directory.isEmpty ? "" : directory + "/") + ".\(fileName).\(pid).tmp"
    }

    private func createDirectory() throws {
        guard !directory.isEmpty else { return }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw Failure(description: "cannot create the directory \(directory): \(error)")
        }
    }

    /// Makes the rename itself durable: the directory entry lives in the directory's own blocks.
    private func syncDirectory() {
        let fd = open(directory.isEmpty ? "." : directory, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    /// Temporary files left by a process killed mid-save; another live process's are left alone.
    private func removeStaleTemporaries() {
        let prefix = ".\(fileName)."
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.isEmpty ? "." : directory) else { return }
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
            guard let pid = pid_t(name.dropFirst(prefix.count).dropLast(4)), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink(temporaryPath(pid: pid)) }
        }
    }

    /// Serialises load–change–save between processes with an advisory lock on `….lock`.
    private func withLock<T>(_ body: () throws -> T) throws -> T {
        let fd = open(path + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return try body() }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    private func failure(_ what: String) -> Failure {
        Failure(description: "\(what): \(String(cString: strerror(errno)))")
    }
}
