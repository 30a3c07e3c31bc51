#if canImport(Glibc)
import Glibc
#endif

/// Reading and writing whole text files with the C library, which keeps Foundation (and its start-up
/// cost) out of the binary.
enum TextFile {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The file's lines, without their newline characters.
    static func lines(at path: String) throws -> [String] {
        guard let file = fopen(path, "r") else {
            throw Failure(description: "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        return readLines(from: file)
    }

    /// Every line of an open stream, up to its end.
    static func readLines(from file: UnsafeMutablePointer<FILE>) -> [String] {
        var lines: [String] = []
        while let line = readLine(from: file) { lines.append(line) }
        return lines
    }

    /// One line of `file` without its newline, or nil at the end.
    static func readLine(from file: UnsafeMutablePointer<FILE>) -> String? {
        var buffer: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(buffer) }
        let count = getline(&buffer, &capacity, file)
        guard count >= 0, let buffer else { return nil }
        var line = String(cString: buffer)
        if line.hasSuffix("\n") { line.removeLast() }
        if line.hasSuffix("\r") { line.removeLast() }
        return line
    }

    /// Writes `text` to a temporary file beside `path`, then renames it over `path`, so a crash
    /// mid-write never leaves a half-written file.
    static func writeAtomically(_ text: String, to path: String) throws {
        let temporary = path + ".tmp\(getpid())"
        guard let file = fopen(temporary, "w") else {
            throw Failure(description: "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        let written = fputs(text, file) >= 0
        let flushed = fflush(file) == 0 && fsync(fileno(file)) == 0
        fclose(file)
        guard written, flushed, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw Failure(description: "cannot write \(path): \(String(cString: strerror(errno)))")
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
