#if canImport(Glibc)
import Glibc
#endif

/// Reading and writing text files with the C library, which keeps Foundation (and its start-up cost)
/// out of the binary. Writing a file the user named goes through `FileTarget`.
enum TextFile {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The most a script may hold: far beyond any session saved by hand, and small enough that
    /// `:load /dev/urandom`-like mistakes end with a message rather than filling memory.
    static let maximumSize = 10 * 1024 * 1024

    /// The file's lines, without their newline characters (invalid UTF-8 is read as U+FFFD).
    ///
    /// Only a regular file is read unless `streams` allows FIFOs and character devices too (`jacobi run
    /// <(…)`); `:load` refuses them, since a FIFO would wait for a writer and a device may never end. A
    /// directory is refused with a message rather than read as nothing, and more than `maximumSize`
    /// bytes is refused too, before or while reading.
    static func lines(at path: String, streams: Bool = false) throws -> [String] {
        // O_NONBLOCK: opening a FIFO would otherwise wait for a writer before its type could be seen.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | (streams ? 0 : O_NONBLOCK))
        guard descriptor >= 0 else { throw Failure(description: "cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw failure(reading: path, errno) }
        let type = info.st_mode & S_IFMT
        switch type {
        case S_IFREG: break
        case S_IFDIR: throw Failure(description: "cannot read \(path): it is a directory")
        case S_IFIFO where streams, S_IFCHR where streams: break
        default: throw Failure(description: "cannot read \(path): it is \(describe(type)), not a regular file")
        }
        if info.st_size > maximumSize { throw tooLarge(path) }
        let bytes = try readAll(descriptor, path: path)
        return split(bytes)
    }

    /// Every byte up to the end, refusing at more than `maximumSize` (a file may grow as it is read).
    private static func readAll(_ descriptor: Int32, path: String) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return bytes }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(reading: path, errno)
            }
            bytes += chunk[..<count]
            if bytes.count > maximumSize { throw tooLarge(path) }
        }
    }

    /// The lines of `bytes`: split at `\n` (as bytes: in a String, `\r\n` is one Character), a `\r`
    /// before it dropped, and no empty last line for a final newline.
    static func split(_ bytes: [UInt8]) -> [String] {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            String(decoding: line.last == UInt8(ascii: "\r") ? line.dropLast() : line, as: UTF8.self)
        }
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    private static func describe(_ type: mode_t) -> String {
        switch type {
        case S_IFIFO: return "a FIFO"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        default: return "a special file"
        }
    }

    private static func tooLarge(_ path: String) -> Failure {
        Failure(description: "cannot read \(path): it is larger than \(maximumSize / (1024 * 1024)) MB, the most Jacobi reads as a script")
    }

    private static func failure(reading path: String, _ code: Int32) -> Failure {
        Failure(description: "cannot read \(path): \(String(cString: strerror(code)))")
    }

    /// Writes every byte of `text` to `descriptor`; 0, or the error that stopped it.
    static func writeAll(_ descriptor: Int32, _ text: String) -> Int32 {
        var text = text
        return text.withUTF8 { bytes -> Int32 in
            guard let base = bytes.baseAddress else { return 0 }
            var offset = 0
            while offset < bytes.count {
                let written = write(descriptor, base + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return 0
        }
    }

    /// Creates the directories above `path` that do not exist yet (private to the user, as XDG asks);
    /// false if one could not be made.
    static func createDirectories(forFile path: String) -> Bool {
        var prefix = ""
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropLast()
        for (i, part) in parts.enumerated() {
            prefix += (i == 0 ? "" : "/") + part
            if prefix.isEmpty || part.isEmpty { continue }
            if mkdir(prefix, 0o700) != 0 && errno != EEXIST { return false }
        }
        return true
    }

    /// Creates `path` empty if it does not exist (readable by the user alone); false if it cannot.
    static func touch(_ path: String) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        guard descriptor >= 0 else { return false }
        close(descriptor)
        return true
    }
}
