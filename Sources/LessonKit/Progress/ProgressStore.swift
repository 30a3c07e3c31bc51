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
/// file or the new one, never a half-written one.
///
/// A file that reads but does not parse is renamed to `….corrupt` and reported; progress starts
/// afresh. A file that cannot be read at all (EACCES, EIO, a directory, a symbolic link: neither the
/// file nor its lock is opened through one) is left where it is, and saving is off for the life of
/// this store, so a passing fault never costs the learner their progress.
public final class ProgressStore {
    public let path: String
    /// Reads the file; tests substitute failures that cannot be made for real.
    private let read: (String) -> ProgressRead
    /// Why saving is off, once it is: the file could not be read, or a newer Jacobi wrote it.
    public private(set) var savingOff: String?
    /// Runs between writing the temporary file and renaming it; the kill test widens that window with it.
    @_spi(Testing) public var beforeRename: (() -> Void)?

    public init(path: String, read: @escaping (String) -> ProgressRead = ProgressFile.contents(at:)) {
        self.path = path
        self.read = read
    }

    /// What `load` found, and a warning to show when the file was set aside or could not be read.
    public struct Loaded: Sendable {
        public var progress: CourseProgress
        public var warning: String?
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    // MARK: - Reading

    /// The saved progress; an empty record when there is no file yet, or it was set aside or unreadable.
    public func load() -> Loaded {
        let data: Data
        switch read(path) {
        case .missing: return Loaded(progress: CourseProgress())
        case .unreadable(let reason):
            return turnSavingOff("cannot read \(path): \(reason); progress will not be saved this session")
        case .contents(let contents): data = contents
        }
        do {
            let progress = try JSONDecoder().decode(CourseProgress.self, from: data)
            guard progress.version <= CourseProgress.currentVersion else {
                return turnSavingOff("\(path) was written by a newer Jacobi (format \(progress.version)); it is left as it is, and progress is not saved over it")
            }
            return Loaded(progress: progress)
        } catch {
            return Loaded(progress: CourseProgress(), warning: setAside())
        }
    }

    /// One lesson's saved progress, if any.
    public func progress(for lesson: String) -> LessonProgress? {
        load().progress.lessons[lesson]
    }

    private func turnSavingOff(_ reason: String) -> Loaded {
        savingOff = reason
        return Loaded(progress: CourseProgress(), warning: reason)
    }

    /// Renames a file that is not progress JSON out of the way, to the first free `….corrupt[.k]`.
    private func setAside() -> String {
        let why = "is not a progress file Jacobi can read"
        for k in 0..<100 {
            let target = path + ".corrupt" + (k == 0 ? "" : ".\(k)")
            var info = stat()
            if lstat(target, &info) == 0 { continue }
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
        if let savingOff { throw Failure(description: savingOff) }
        try createDirectory()
        return try withLock {
            let loaded = load()
            if let savingOff { throw Failure(description: savingOff) }
            var progress = loaded.progress
            change(&progress)
            try save(progress)
            return loaded.warning
        }
    }

    /// Writes the whole file atomically: temporary file, fsync, rename, fsync of the directory.
    public func save(_ progress: CourseProgress) throws {
        if let savingOff { throw Failure(description: savingOff) }
        try createDirectory()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(progress) + Data("\n".utf8)
        let temporary = temporaryPath(pid: getpid())
        // The name is this process's own, so whatever is there is a leftover of a killed process that
        // had the same pid (or a link someone put there): it goes, and the file is made anew, never
        // opened through a link.
        unlink(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure("cannot create \(temporary)") }
        // The file keeps the mode it had (a learner may have made it private).
        var old = stat()
        if lstat(path, &old) == 0, old.st_mode & S_IFMT == S_IFREG { fchmod(fd, old.st_mode & 0o7777) }
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

    /// Creates the directories above the file that do not exist yet, private to the user as XDG asks.
    private func createDirectory() throws {
        guard !directory.isEmpty else { return }
        var prefix = ""
        for (i, part) in directory.split(separator: "/", omittingEmptySubsequences: false).enumerated() {
            prefix += (i == 0 ? "" : "/") + part
            if part.isEmpty || mkdir(prefix, 0o700) == 0 || errno == EEXIST { continue }
            throw failure("cannot create the directory \(prefix)")
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

    /// Serialises load–change–save between processes with an advisory lock on `….lock`, which is
    /// never opened through a symbolic link (O_NOFOLLOW): a link there is an error, not followed.
    private func withLock<T>(_ body: () throws -> T) throws -> T {
        let fd = open(path + ".lock", O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw Failure(description: "cannot open the lock file \(path).lock: \(ProgressRead.describe(errno))") }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    private func failure(_ what: String) -> Failure {
        Failure(description: "\(what): \(String(cString: strerror(errno)))")
    }
}
