#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Single keypresses for the presenter and `--step`: the terminal in raw mode (no line buffering, no
/// echo), put back as it was on every way out.
///
/// Ctrl-C and Ctrl-Z arrive as bytes (ISIG is off), so they go through the normal paths. A signal from
/// outside runs a handler that uses only async-signal-safe calls (`tcsetattr`, `write`, `sigaction`,
/// `raise`): SIGINT, SIGTERM, SIGHUP and SIGQUIT put the terminal back (settings, cursor, the normal
/// screen) and die of the same signal; SIGTSTP puts it back, stops, and on SIGCONT takes it again and
/// asks for a redraw (`takeContinued`), as does a SIGCONT after a SIGSTOP, which cannot be caught.
/// `leave` gives back the handlers `enter` found, so the REPL's own Ctrl-C handling survives a
/// `:derive --step`.
enum RawTerminal {
    /// `quit` is q, Esc, Ctrl-D or the end of input; `interrupt` is Ctrl-C, which the pager tells apart.
    enum Key: Equatable { case next, back, quit, interrupt, other }

    nonisolated(unsafe) private static var saved = termios()
    nonisolated(unsafe) private static var raw = termios()
    nonisolated(unsafe) private static var active = false
    /// Whether `enter` switched to the alternate screen, which every way out must leave.
    nonisolated(unsafe) private static var alternate = false
    /// The signal handlers that were in place before `enter`, in the order of `signals`.
    nonisolated(unsafe) private static var previous: [sigaction] = []
    /// Bytes read but not yet decoded: a terminal may deliver several keys in one read.
    nonisolated(unsafe) private static var pending: [UInt8] = []
    private static let continued = Atomic<Bool>(false)
    private static let fatal = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
    private static let signals = fatal + [SIGTSTP, SIGCONT]
    static let hideCursor = "\u{1B}[?25l"
    static let showCursor = "\u{1B}[?25h"
    static let enterAlternateScreen = "\u{1B}[?1049h"
    static let leaveAlternateScreen = "\u{1B}[?1049l"

    /// Raw mode on standard input; false (and nothing changed) when it is not a terminal. With
    /// `alternateScreen`, the screen is the terminal's second one, so whatever was on the first (the
    /// shell and its scrollback) is there again, untouched, after `leave`.
    static func enter(alternateScreen: Bool = false) -> Bool {
        guard !active, tcgetattr(STDIN_FILENO, &saved) == 0 else { return false }
        raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG)
        withUnsafeMutableBytes(of: &raw.c_cc) { bytes in
            bytes[Int(VMIN)] = 1
            bytes[Int(VTIME)] = 0
        }
        // Touched here, so no static is lazily initialised for the first time inside a handler.
        _ = continued.exchange(false, ordering: .relaxed)
        alternate = alternateScreen
        previous = fatal.map { handle($0, restoreAndDie) } + [handle(SIGTSTP, suspend), handle(SIGCONT, resume)]
        guard tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw) == 0 else {
            restoreHandlers()
            return false
        }
        active = true
        pending = []
        Terminal.writeOut((alternateScreen ? enterAlternateScreen : "") + hideCursor)
        Terminal.flush()
        return true
    }

    /// Back to the settings `enter` found, with the cursor shown and the normal screen back.
    static func leave() {
        guard active else { return }
        Terminal.writeOut(showCursor + (alternate ? leaveAlternateScreen : ""))
        Terminal.flush()
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
        active = false
        alternate = false
        restoreHandlers()
    }

    /// The settings `enter` found, put back without writing anything: for a process about to end
    /// because standard output failed, where writing the cursor back would fail too.
    static func restoreSettings() {
        guard active else { return }
        tcsetattr(STDIN_FILENO, TCSANOW, &saved)
        active = false
    }

    /// Columns and rows of the terminal on standard output, read afresh so a resize is seen; 80 × 24
    /// when it cannot be read.
    static func size() -> (columns: Int, rows: Int) {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 else {
            return (Terminal.width, 24)
        }
        return (Int(size.ws_col), Int(size.ws_row))
    }

    /// Whether the process was stopped and continued since the last call: the screen needs drawing again.
    static func takeContinued() -> Bool { continued.exchange(false, ordering: .relaxed) }

    /// Stops the process as Ctrl-Z would with the terminal cooked: the SIGTSTP handler gives the
    /// terminal back first, and takes it again when the shell continues the process.
    static func suspendSelf() { raise(SIGTSTP) }

    private static func restoreHandlers() {
        for (signal, action) in zip(signals, previous) {
            var action = action
            sigaction(signal, &action, nil)
        }
        previous = []
    }

    /// Waits for one key for the pager: Enter, Space, →, ↓, Page Down, n or j go on; ←, ↑, Page Up, b,
    /// p, k or Backspace go back; q, Esc or Ctrl-D (and the end of input) quit; Ctrl-C interrupts.
    static func readKey() -> Key {
        while true {
            guard let key = readTerminalKey(milliseconds: -1) else { continue }
            switch key {
            case .enter, .character(" "), .character("n"), .character("j"), .right, .down, .pageDown: return .next
            case .backspace, .character("b"), .character("p"), .character("k"), .left, .up, .pageUp: return .back
            case .control("c"): return .interrupt
            case .control("d"), .character("q"), .character("Q"), .escape, .endOfInput: return .quit
            default: return .other
            }
        }
    }

    /// The next key, or nil when none came within `milliseconds` (-1: no limit) or a signal came
    /// first, so the caller can look at what the signal asked for (a resize, a continue).
    static func readTerminalKey(milliseconds: Int32) -> TerminalKey? {
        if pending.isEmpty {
            guard waitForByte(milliseconds: milliseconds) else { return nil }
            guard fill() else { return .endOfInput }
        }
        // An escape may be the first byte of an arrow's sequence whose rest is still on its way.
        if pending == [27], waitForByte(milliseconds: 40) { _ = fill() }
        let (key, length) = TerminalKey.decode(pending)
        pending.removeFirst(min(max(length, 1), pending.count))
        return key
    }

    /// Reads what is there (at least one byte) onto `pending`; false at the end of input.
    private static func fill() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let count = read(STDIN_FILENO, &buffer, buffer.count)
            if count > 0 {
                pending += buffer[0..<count]
                return true
            }
            if count < 0 && errno == EINTR { continue }
            return false
        }
    }

    /// Whether a byte is ready within `milliseconds`; false too when a signal interrupts the wait.
    private static func waitForByte(milliseconds: Int32) -> Bool {
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, milliseconds) > 0
    }

    private static let restoreAndDie: @convention(c) (Int32) -> Void = { signal in
        RawTerminal.giveBack()
        Glibc.signal(signal, SIG_DFL)
        raise(signal)
    }

    /// SIGTSTP: the terminal given back, then stopped by the default action; the code after `raise`
    /// runs once the process is continued, and takes the terminal again. (In an orphaned process group
    /// the system ignores the stop, and `raise` returns at once: the terminal is taken straight back.)
    private static let suspend: @convention(c) (Int32) -> Void = { _ in
        RawTerminal.giveBack()
        Glibc.signal(SIGTSTP, SIG_DFL)
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGTSTP)
        // The handler runs with SIGTSTP blocked; the stop needs it delivered now.
        sigprocmask(SIG_UNBLOCK, &set, nil)
        raise(SIGTSTP)
        sigprocmask(SIG_BLOCK, &set, nil)
        RawTerminal.handle(SIGTSTP, RawTerminal.suspend)
        RawTerminal.retake()
    }

    /// SIGCONT, after a stop or on its own: the terminal is taken again (a SIGSTOP, which cannot be
    /// caught, left it raw but the shell may have changed it since).
    private static let resume: @convention(c) (Int32) -> Void = { _ in RawTerminal.retake() }

    /// Raw mode, the hidden cursor and the alternate screen again, and a redraw asked for.
    private static func retake() {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw)
        emit(alternate ? "\u{1B}[?1049h\u{1B}[?25l" : "\u{1B}[?25l")
        continued.store(true, ordering: .relaxed)
    }

    /// The settings, the cursor and the normal screen put back, from a signal handler.
    private static func giveBack() {
        tcsetattr(STDIN_FILENO, TCSANOW, &saved)
        emit(alternate ? "\u{1B}[?25h\u{1B}[?1049l" : "\u{1B}[?25h")
    }

    /// Writes straight to the terminal from a signal handler: a StaticString, so nothing is allocated,
    /// and `write`, which is async-signal-safe (the buffered `Terminal.writeOut` is not).
    private static func emit(_ text: StaticString) {
        _ = write(STDOUT_FILENO, text.utf8Start, text.utf8CodeUnitCount)
    }

    /// Installs `handler` for `signal`, without SA_RESTART so a wait for a key wakes; returns the
    /// action it replaces.
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
