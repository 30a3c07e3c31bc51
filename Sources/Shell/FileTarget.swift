#if canImport(Glibc)
import Glibc
#endif

/// A file the user named for Jacobi to write (`:save FILE`, `jacobi present … --output FILE`), looked
/// at before anything is written, so that no write replaces what it was not asked to.
///
/// What is at the path decides how it is written:
/// - nothing: the file is created with O_EXCL, so a file that appears meanwhile is not replaced;
/// - a regular file: replaced only with consent, `force` or a yes from `confirm` (asked at a terminal;
///   without one the write is refused, so nothing waits for an answer that cannot come). The text
///   goes to a temporary file beside it that takes the old file's owner (where the system allows) and
///   mode, and is renamed over it, so a crash mid-write leaves the old file whole;
/// - a FIFO or a character device (`/dev/null`, a terminal): written in place, as a shell's `>` does;
///   a rename would turn it into a plain file;
/// - a directory, a socket or a block device: refused;
/// - a symbolic link to a FIFO or a character device (`/dev/stdout`): written in place through it; to
///   anything else, refused unless `force`, naming where it points. With `force` the file it points to
///   is written by the rules above, and the link stays.
struct FileTarget {
    /// The path as the user typed it, for messages.
    let name: String
    /// Where the text goes: the path, or with `force` the file a symbolic link points to.
    let path: String
    let kind: Kind

    enum Kind {
        case absent
        /// An existing regular file as `lstat` saw it: its owner and mode to keep, and its identity to
        /// check just before the rename.
        case regular(stat)
        /// A FIFO or a character device, written in place.
        case stream
    }

    /// Writes `text` to `path` (which the user wrote as `name`) by the rules above; false when the user
    /// was asked and did not agree. `override` says in messages how to force it (`:save! x.jac`).
    static func write(_ text: String, to path: String, name: String, force: Bool, override: String,
                      confirm: ((String) -> Bool?)?) throws -> Bool {
        let target = try inspect(path, name: name, force: force, override: override)
        if case .regular = target.kind, !force {
            guard let confirm else {
                throw TextFile.Failure(description: "\(name) already exists; not overwritten (\(override) replaces it)")
            }
            guard confirm("\(name) exists; overwrite it? [y/N] ") == true else { return false }
        }
        try target.write(text)
        return true
    }

    /// What is at `path`, or a refusal saying why it cannot be written.
    static func inspect(_ path: String, name: String, force: Bool, override: String, links: Int = 0) throws -> FileTarget {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            let code = errno
            guard code == ENOENT else { throw failure(name, code) }
            return FileTarget(name: name, path: path, kind: .absent)
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return FileTarget(name: name, path: path, kind: .regular(info))
        case S_IFIFO, S_IFCHR: return FileTarget(name: name, path: path, kind: .stream)
        case S_IFLNK:
            var final = stat()
            if stat(path, &final) == 0, isStream(final) { return FileTarget(name: name, path: path, kind: .stream) }
            let resolved = resolve(link: path)
            guard force else {
                throw TextFile.Failure(description: "\(name) is a symbolic link to \(resolved); not written (\(override) writes through it)")
            }
            guard links < 8 else { throw failure(name, ELOOP) }
            return try inspect(resolved, name: name, force: force, override: override, links: links + 1)
        case S_IFDIR: throw refusal(name, "it is a directory")
        case S_IFSOCK: throw refusal(name, "it is a socket")
        case S_IFBLK: throw refusal(name, "it is a block device")
        default: throw refusal(name, "it is not a regular file")
        }
    }

    func write(_ text: String) throws {
        switch kind {
        case .absent: try create(text)
        case .regular(let original): try replace(original, with: text)
        case .stream: try writeInPlace(text)
        }
    }

    // MARK: - The three ways of writing

    private func create(_ text: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw FileTarget.failure(name, errno) }
        let code = FileTarget.finish(descriptor, writing: text, sync: true)
        guard code == 0 else {
            // Only what this call created is removed.
            unlink(path)
            throw FileTarget.failure(name, code)
        }
    }

    private func replace(_ original: stat, with text: String) throws {
        let (temporary, descriptor) = FileTarget.temporaryFile(beside: path)
        guard descriptor >= 0 else { throw FileTarget.failure(name, errno) }
        // The owner first: chown clears the set-user-ID and set-group-ID bits, which fchmod puts back.
        // Only root may give a file away; anyone else keeps at least the group where they belong to it.
        if fchown(descriptor, original.st_uid, original.st_gid) != 0 { fchown(descriptor, uid_t.max, original.st_gid) }
        var code: Int32 = fchmod(descriptor, original.st_mode & 0o7777) == 0 ? 0 : errno
        if code == 0 { code = FileTarget.finish(descriptor, writing: text, sync: true) } else { close(descriptor) }
        if code == 0 {
            // Still the file that was looked at: one swapped for a link meanwhile is not replaced.
            var now = stat()
            guard lstat(path, &now) == 0, now.st_dev == original.st_dev, now.st_ino == original.st_ino else {
                unlink(temporary)
                throw FileTarget.refusal(name, "it changed while it was being written, and was left as it is")
            }
            if rename(temporary, path) != 0 { code = errno }
        }
        guard code == 0 else {
            unlink(temporary)
            throw FileTarget.failure(name, code)
        }
    }

    private func writeInPlace(_ text: String) throws {
        // Through a link here is fine: `inspect` saw that it ends at a FIFO or a device.
        let descriptor = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileTarget.failure(name, errno) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, FileTarget.isStream(info) else {
            close(descriptor)
            throw FileTarget.refusal(name, "it changed while it was being written, and was left as it is")
        }
        let code = FileTarget.finish(descriptor, writing: text, sync: false)
        guard code == 0 else { throw FileTarget.failure(name, code) }
    }

    // MARK: - Helpers

    /// Writes all of `text`, syncs when asked and closes the descriptor; 0, or the first error.
    private static func finish(_ descriptor: Int32, writing text: String, sync: Bool) -> Int32 {
        var code = TextFile.writeAll(descriptor, text)
        // EINVAL: a file system that cannot sync, which is no reason to call the write failed.
        if code == 0, sync, fsync(descriptor) != 0, errno != EINVAL { code = errno }
        if close(descriptor) != 0, code == 0 { code = errno }
        return code
    }

    /// A new file beside `path`, open for writing and readable by the user alone until its mode is set.
    private static func temporaryFile(beside path: String) -> (String, Int32) {
        let (directory, base) = split(path)
        var temporary = ""
        for attempt in 0..<16 {
            temporary = directory + ".\(base).\(getpid())-\(attempt).tmp"
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if descriptor >= 0 || errno != EEXIST { return (temporary, descriptor) }
        }
        return (temporary, -1)
    }

    /// `a/b/c.jac` as `("a/b/", "c.jac")`; `c.jac` as `("", "c.jac")`.
    private static func split(_ path: String) -> (directory: String, base: String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        return (String(path[...slash]), String(path[path.index(after: slash)...]))
    }

    /// Where the link at `path` leads, as an absolute path: the file at the end of the chain, or for a
    /// link to nothing, the path it holds.
    static func resolve(link path: String) -> String {
        if let real = realpath(path, nil) {
            defer { free(real) }
            return String(cString: real)
        }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count > 0 else { return path }
        let target = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if target.hasPrefix("/") { return target }
        let directory = split(path).directory
        if directory.hasPrefix("/") { return directory + target }
        guard let cwd = getcwd(nil, 0) else { return directory + target }
        defer { free(cwd) }
        return String(cString: cwd) + "/" + directory + target
    }

    private static func isStream(_ info: stat) -> Bool {
        let type = info.st_mode & S_IFMT
        return type == S_IFIFO || type == S_IFCHR
    }

    private static func failure(_ name: String, _ code: Int32) -> TextFile.Failure {
        TextFile.Failure(description: "cannot write \(name): \(String(cString: strerror(code)))")
    }

    private static func refusal(_ name: String, _ reason: String) -> TextFile.Failure {
        TextFile.Failure(description: "cannot write \(name): \(reason)")
    }
}
