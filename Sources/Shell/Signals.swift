#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import VectorLang

/// The signals the REPL handles itself: SIGINT (Ctrl-C) raises `Interrupt`, SIGWINCH notes a resize.
///
/// A handler may only touch lock-free state, and each writes one atomic. They are installed without
/// SA_RESTART, so a Ctrl-C or a resize wakes the reader's poll with EINTR and it acts at once; during
/// an evaluation the evaluator sees the raised flag at its next check.
enum Signals {
    private static let resized = Atomic<Bool>(false)

    static func install() {
        // Touch both flags first, so no static is lazily initialised for the first time inside a handler.
        _ = Interrupt.isRaised
        _ = resized.load(ordering: .relaxed)
        handle(SIGINT) { _ in Interrupt.raise() }
        handle(SIGWINCH) { _ in Signals.resized.store(true, ordering: .relaxed) }
    }

    /// Only the resize handler, for the presenter: it is in raw mode, where Ctrl-C is a key, and
    /// `RawTerminal` handles the signals that end or stop it.
    static func watchResize() {
        _ = resized.exchange(false, ordering: .relaxed)
        handle(SIGWINCH) { _ in Signals.resized.store(true, ordering: .relaxed) }
    }

    /// Whether the terminal was resized since the last call.
    static func takeResize() -> Bool { resized.exchange(false, ordering: .relaxed) }

    /// The set of the two signals, for blocking them around the check before a wait.
    static var handled: sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGWINCH)
        return set
    }

    private static func handle(_ signal: Int32, _ handler: @convention(c) (Int32) -> Void) {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(signal, &action, nil)
    }
}
