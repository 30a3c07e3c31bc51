#if canImport(Glibc)
import Glibc
#endif
import VectorLang

/// Help and derivations longer than the screen, shown through the user's pager, as git and man do.
///
/// `$PAGER` when set, else `less`; `LESS=FRX` is added when `LESS` is unset (quit at the end of a
/// short text, pass colours through, leave the text on the screen). `PAGER=` (empty) or `PAGER=cat`
/// turn paging off, as in git. Only the REPL pages, only on a terminal, and only what
/// `ShellSession.isPageable` allows; the text it is given has been through the palette already.
///
/// The terminal is the pager's while it runs: the REPL calls this between two reads, when readline's
/// handler is removed and the terminal is in its normal mode, so readline prepares it afresh at the
/// next prompt. A Ctrl-C meant for the pager also reaches Jacobi; it is cleared afterwards.
struct Pager {
    /// The shell command line that runs the pager.
    let command: String
    /// `NAME=value` pairs for the pager's environment.
    let environment: [String]

    /// The pager the environment asks for; nil when paging is turned off.
    static func fromEnvironment(_ variable: (String) -> String? = { getenv($0).map { String(cString: $0) } }) -> Pager? {
        let chosen = variable("PAGER") ?? "less"
        guard !chosen.trimmingSpaces.isEmpty, chosen.trimmingSpaces != "cat" else { return nil }
        var environment: [String] = []
        var entry = environ
        while let pointer = entry.pointee {
            environment.append(String(cString: pointer))
            entry += 1
        }
        if variable("LESS") == nil { environment.append("LESS=FRX") }
        return Pager(command: chosen, environment: environment)
    }

    /// Lines `text` takes on a screen `width` columns wide (escape sequences take none).
    static func screenLines(_ text: String, width: Int) -> Int {
        let columns = max(width, 1)
        return text.split(separator: "\n", omittingEmptySubsequences: false).reduce(0) { total, line in
            total + max(1, (visibleWidth(line) + columns - 1) / columns)
        }
    }

    private static func visibleWidth(_ line: Substring) -> Int {
        var count = 0, inEscape = false
        for scalar in line.unicodeScalars {
            if inEscape {
                if scalar.properties.isAlphabetic { inEscape = false }
            } else if scalar == "\u{1B}" {
                inEscape = true
            } else {
                count += 1
            }
        }
        return count
    }

    /// Shows `text` in the pager and waits for it; false when the pager could not be started (the
    /// caller prints the text instead).
    func show(_ text: String) -> Bool {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return false }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, ends[0], STDIN_FILENO)
        posix_spawn_file_actions_addclose(&actions, ends[0])
        posix_spawn_file_actions_addclose(&actions, ends[1])
        let copy = { (text: String) -> UnsafeMutablePointer<CChar>? in strdup(text) }
        let arguments = ["/bin/sh", "-c", command].map(copy) + [nil]
        let variables = environment.map(copy) + [nil]
        defer { (arguments + variables).forEach { free($0) } }
        Terminal.flush()
        var pid = pid_t()
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, nil, arguments, variables)
        close(ends[0])
        guard spawned == 0 else {
            close(ends[1])
            return false
        }
        // A pager quit before reading everything makes this fail with EPIPE (SIGPIPE is ignored): fine.
        _ = TextFile.writeAll(ends[1], text)
        close(ends[1])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        Interrupt.clear()
        // The shell's 126 and 127: the pager was not found or could not run, so nothing was shown.
        let exited = status & 0x7f == 0
        let code = (status >> 8) & 0xff
        return !(exited && (code == 126 || code == 127))
    }
}
