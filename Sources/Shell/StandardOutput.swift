#if canImport(Glibc)
import Glibc
#endif
import CReadline
import Synchronization

/// Standard output written with write(2) and every failure acted on, so lost output is never
/// reported as success.
///
/// `print` hides errors: the C library buffers the text, and a failed flush at exit still exits 0, so
/// `jacobi -e 'bar(ones(1000))' > /dev/full` looked as if it worked. Here:
///
/// - A closed pipe (EPIPE: `jacobi … | head`) ends the process quietly, killed by SIGPIPE as `yes | head`
///   is: no message, and the shell sees status 141. SIGPIPE itself is ignored while Jacobi runs, so a
///   write fails with EPIPE instead of killing the process mid-write; the terminal settings are put
///   back before the signal is raised again.
/// - Any other failure (ENOSPC, EIO, …) prints one line on standard error,
///   `jacobi: cannot write to standard output: No space left on device`, and exits with status 1.
public enum StandardOutput {
    /// Set once a failure has been reported, so the check at exit does not report it again.
    private static let failed = Atomic<Bool>(false)

    /// Ignores SIGPIPE and checks at exit what the C library still holds for standard output (the
    /// help swift-argument-parser prints, readline's prompts). The command line calls this first.
    public static func install() {
        _ = failed.load(ordering: .relaxed)
        signal(SIGPIPE, SIG_IGN)
        atexit { StandardOutput.checkAtExit() }
    }

    /// Writes all of `text`, or ends the process as described above.
    static func write(_ text: String) {
        // Text that `print` or readline left in the C library's buffer goes first, so the order holds.
        if jacobi_flush_stdout() != 0 { fail(errno) }
        let code = TextFile.writeAll(STDOUT_FILENO, text)
        if code != 0 { fail(code) }
    }

    /// Flushes the C library's standard output, ending the process if that fails.
    static func flush() {
        if jacobi_flush_stdout() != 0 { fail(errno) }
    }

    /// Ends the process after a failed write to standard output with error `code`.
    static func fail(_ code: Int32) -> Never {
        failed.store(true, ordering: .relaxed)
        RawTerminal.restoreSettings()
        if code == EPIPE { dieOfBrokenPipe() }
        Terminal.writeError("jacobi: " + message(for: code) + "\n")
        exit(1)
    }

    /// The one line said about a failure: `cannot write to standard output: No space left on device`.
    static func message(for code: Int32) -> String {
        "cannot write to standard output: " + String(cString: strerror(code))
    }

    /// What a process that did not ignore SIGPIPE would have done: die of it.
    private static func dieOfBrokenPipe() -> Never {
        signal(SIGPIPE, SIG_DFL)
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGPIPE)
        sigprocmask(SIG_UNBLOCK, &set, nil)
        raise(SIGPIPE)
        _exit(128 + SIGPIPE)
    }

    /// At exit: what the C library still buffers for standard output must reach it too.
    private static func checkAtExit() {
        guard !failed.load(ordering: .relaxed) else { return }
        let flushed = jacobi_flush_stdout() == 0
        let code = flushed ? EIO : errno
        guard !flushed || jacobi_stdout_failed() != 0 else { return }
        failed.store(true, ordering: .relaxed)
        if code == EPIPE { dieOfBrokenPipe() }
        Terminal.writeError("jacobi: " + message(for: code) + "\n")
        // exit() may not be called again from an atexit handler.
        _exit(1)
    }
}
