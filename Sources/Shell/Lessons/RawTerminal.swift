#if canImport(Glibc)
import Glibc
#endif

/// Single keypresses for the presenter and `--step`: the terminal in raw mode (no line buffering, no
/// echo), put back as it was on every way out.
///
/// Ctrl-C arrives as a byte (ISIG is off), so it ends the presentation or the paging through the
/// normal path that restores the terminal. A signal from outside (SIGTERM, SIGHUP, SIGQUIT, SIGINT sent
/// with `kill`) runs a handler that restores the settings and the cursor, then dies of the same signal;
/// it uses only `tcsetattr` and `write`, which are async-signal-safe. `leave` gives back the handlers
/// `enter` found, so the REPL's own Ctrl-C handling survives a `:derive --step`.
enum RawTerminal {
    /// `quit` is q, Esc, Ctrl-D or the end of input; `interrupt` is Ctrl-C, which the pager tells apart.
    enum Key: Equatable { case next, back, quit, interrupt, other }

    nonisolated(unsafe) private static var saved = termios()
    nonisolated(unsafe) private static var active = false
    /// The signal handlers that were in place before `enter`, in the order of `signals`.
    nonisolated(unsafe) private static var previous: [sigaction] = []
    private static let signals = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
    static let hideCursor = "\u{1B}[?25l"
    static let showCursor = "\u{1B}[?25h"

    /// Raw mode on standard input; false (and nothing changed) when it is not a terminal.
    static func enter() -> Bool {
        guard !active, tcgetattr(STDIN_FILENO, &saved) == 0 else { return false }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG)
        withUnsafeMutableBytes(of: &raw.c_cc) { bytes in
            bytes[Int(VMIN)] = 1
            bytes[Int(VTIME)] = 0
        }
        previous = signals.map { handle($0, restoreAndDie) }
        guard tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw) == 0 else {
            restoreHandlers()
            return false
        }
        active = true
        Terminal.writeOut(hideCursor)
        Terminal.flush()
        return true
    }

    /// Back to the settings `enter` found, with the cursor shown.
    static func leave() {
        guard active else { return }
        Terminal.writeOut(showCursor)
        Terminal.flush()
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
        active = false
        restoreHandlers()
    }

    /// The settings `enter` found, put back without writing anything: for a process about to end
    /// because standard output failed, where writing the cursor back would fail too.
    static func restoreSettings() {
        guard active else { return }
        tcsetattr(STDIN_FILENO, TCSANOW, &saved)
        active = false
    }

    private static func restoreHandlers() {
        for (signal, action) in zip(signals, previous) {
            var action = action
            sigaction(signal, &action, nil)
        }
        previous = []
    }

    /// Waits for one key: Enter, Space, →, ↓, Page Down, n or j go on; ←, ↑, Page Up, b, p, k or
    /// Backspace go back; q, Esc or Ctrl-D (and the end of input) quit; Ctrl-C interrupts.
    static func readKey() -> Key {
        guard let byte = readByte() else { return .quit }
        switch byte {
        case 10, 13, 32, UInt8(ascii: "n"), UInt8(ascii: "j"): return .next
        case 8, 127, UInt8(ascii: "b"), UInt8(ascii: "p"), UInt8(ascii: "k"): return .back
        case 3: return .interrupt
        case 4, UInt8(ascii: "q"), UInt8(ascii: "Q"): return .quit
        case 27:
            // Esc alone, or the start of an arrow's or Page key's sequence (ESC [ C, ESC [ 6 ~).
            guard waitForByte(milliseconds: 40), let bracket = readByte(), bracket == UInt8(ascii: "[") || bracket == UInt8(ascii: "O") else { return .quit }
            guard let code = readByte() else { return .quit }
            if code == UInt8(ascii: "5") || code == UInt8(ascii: "6") {
                _ = readByte() // the closing ~
                return code == UInt8(ascii: "6") ? .next : .back
            }
            switch code {
            case UInt8(ascii: "C"), UInt8(ascii: "B"): return .next
            case UInt8(ascii: "D"), UInt8(ascii: "A"): return .back
            default: return .other
            }
        default: return .other
        }
    }

    private static func readByte() -> UInt8? {
        var byte: UInt8 = 0
        while true {
            let count = read(STDIN_FILENO, &byte, 1)
            if count == 1 { return byte }
            if count < 0 && errno == EINTR { continue }
            return nil
        }
    }

    private static func waitForByte(milliseconds: Int32) -> Bool {
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, milliseconds) > 0
    }

    private static let restoreAndDie: @convention(c) (Int32) -> Void = { signal in
        tcsetattr(STDIN_FILENO, TCSANOW, &RawTerminal.saved)
        // A StaticString, so nothing is allocated in the handler.
        let show: StaticString = "\u{1B}[?25h"
        _ = write(STDOUT_FILENO, show.utf8Start, show.utf8CodeUnitCount)
        Glibc.signal(signal, SIG_DFL)
        raise(signal)
    }

    /// Installs `handler` for `signal`; returns the action it replaces.
    @discardableResult
    private static func handle(_ signal: Int32, _ handler: (@convention(c) (Int32) -> Void)?) -> sigaction {
        var action = sigaction(), old = sigaction()
        action.__sigaction_handler.sa_handler = handler
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(signal, &action, &old)
        return old
    }
}
