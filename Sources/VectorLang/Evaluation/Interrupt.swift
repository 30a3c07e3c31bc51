import Synchronization

/// The flag that Ctrl-C raises and the evaluator's loops check.
///
/// A signal handler may only touch lock-free state, so this is a single atomic; the evaluator polls it
/// between operations and inside long kernels, and stops with an "interrupted" diagnostic.
public enum Interrupt {
    private static let flag = Atomic<Bool>(false)

    public static func raise() { flag.store(true, ordering: .relaxed) }
    public static func clear() { flag.store(false, ordering: .relaxed) }
    public static var isRaised: Bool { flag.load(ordering: .relaxed) }

    /// Throws if the user pressed Ctrl-C since the flag was last cleared.
    public static func check(at range: SourceRange) throws {
        if isRaised { throw Diagnostic("interrupted", at: range) }
    }
}
