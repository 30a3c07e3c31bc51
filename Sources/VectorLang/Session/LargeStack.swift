#if canImport(Glibc)
import Glibc
#endif

/// Runs work on a thread with a stack large enough for the deepest input the parser accepts.
///
/// The parser refuses a statement of more than `Parser.maximumOperations` operators, so every tree
/// Jacobi builds from input is at most that deep; the printers, the evaluator, the index analysis and
/// the derivation engine walk such trees recursively. A main thread's 8 MB holds about two thousand
/// levels of the engine's walk; this stack is reserved address space, and only the pages a walk
/// touches are ever backed by memory. Compilers do the same (rustc and swiftc run on large stacks).
///
/// The thread is a POSIX thread, not Foundation's `Thread`: every start of jacobi comes through here,
/// and loading Foundation (with ICU) took longer than all the rest of the start-up to the first prompt.
public enum LargeStack {
    /// 2 GiB reserved: room for `Parser.maximumOperations` levels of the deepest walk in a debug build.
    public static let size = 2 << 30

    /// `body`'s result, computed on a thread with `size` bytes of stack while this thread waits.
    public static func run<T>(_ body: @escaping () throws -> T) throws -> T {
        let box = ResultBox(body)
        guard let thread = start({ box.run() }) else {
            // No thread to be had (a limit on threads or address space): the work runs here, on the
            // stack there is, rather than not at all.
            box.run()
            return try box.result()
        }
        pthread_join(thread, nil)
        return try box.result()
    }

    /// `body` on a large stack, for work that ends the process itself (`exit`): this thread waits for ever.
    public static func runToExit(_ body: @escaping () -> Never) -> Never {
        // Signals sent to the process (Ctrl-C, a resize) go to the worker, where the REPL's wait
        // expects them to interrupt it: this thread, which only waits, takes none of them. The worker
        // is made with the mask as it was, so it keeps them.
        guard start({ body() }) != nil else { body() }
        var all = sigset_t()
        sigfillset(&all)
        for synchronous in [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP] { sigdelset(&all, synchronous) }
        pthread_sigmask(SIG_BLOCK, &all, nil)
        while true { sleep(3600) }
    }

    /// A new thread with `size` bytes of stack running `work`; nil when the system would not make one.
    private static func start(_ work: @escaping () -> Void) -> pthread_t? {
        var attributes = pthread_attr_t()
        guard pthread_attr_init(&attributes) == 0 else { return nil }
        defer { pthread_attr_destroy(&attributes) }
        guard pthread_attr_setstacksize(&attributes, size) == 0 else { return nil }
        let context = Unmanaged.passRetained(Work(work)).toOpaque()
        var thread = pthread_t()
        let status = pthread_create(&thread, &attributes, { context in
            guard let context else { return nil }
            Unmanaged<Work>.fromOpaque(context).takeRetainedValue().run()
            return nil
        }, context)
        guard status == 0 else {
            Unmanaged<Work>.fromOpaque(context).release()
            return nil
        }
        return thread
    }
}

/// A closure handed to the one thread that runs it.
private final class Work: @unchecked Sendable {
    let run: () -> Void
    init(_ run: @escaping () -> Void) { self.run = run }
}

/// Hands a closure and its result between two threads, one of which waits for the other (pthread_join
/// orders the worker's write before the waiter's read).
private final class ResultBox<T>: @unchecked Sendable {
    private let body: () throws -> T
    private var outcome: Result<T, Error>?

    init(_ body: @escaping () throws -> T) { self.body = body }

    func run() { outcome = Result { try body() } }

    func result() throws -> T {
        guard let outcome else { throw CancellationError() }
        return try outcome.get()
    }
}
