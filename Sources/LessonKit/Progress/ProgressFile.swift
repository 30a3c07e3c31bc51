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

/// What reading the progress file found.
///
/// Reading is separate from deciding what to do about it, so tests can hand `ProgressStore` any
/// failure (EACCES and EIO cannot be made for real when the tests run as root).
public enum ProgressRead: Equatable, Sendable {
    /// No file yet: progress starts afresh, and the first save creates it.
    case missing
    case contents(Data)
    /// The file is there but could not be read; why, in words ("Is a directory").
    case unreadable(String)

    /// A read that failed with the C library's error `code`, said in words.
    public static func failed(_ code: Int32) -> ProgressRead { .unreadable(describe(code)) }

    /// The C library's error `code` in words, as strerror says it, except for a link refused by O_NOFOLLOW.
    static func describe(_ code: Int32) -> String {
        // O_NOFOLLOW reports a link as ELOOP, "Too many levels of symbolic links", which would mislead.
        if code == ELOOP { return "it is a symbolic link, which Jacobi does not follow there" }
        return String(cString: strerror(code))
    }
}

/// Reading the progress file from disk: without following a symbolic link (O_NOFOLLOW), and only a
/// regular file (O_NONBLOCK, so a FIFO put in its place cannot make Jacobi wait for a writer).
public enum ProgressFile {
    public static func contents(at path: String) -> ProgressRead {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return errno == ENOENT ? .missing : .failed(errno) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .failed(errno) }
        switch info.st_mode & S_IFMT {
        // A directory opens; its read fails with EISDIR, said as such.
        case S_IFREG, S_IFDIR: break
        default: return .unreadable("it is not a regular file")
        }
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return .contents(data) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failed(errno)
            }
            data.append(contentsOf: chunk[..<count])
        }
    }
}
