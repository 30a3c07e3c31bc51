import Foundation

/// Runs work on a thread with a stack large enough for the deepest input the parser accepts.
///
/// The parser refuses a statement of more than `Parser.maximumOperations` operators, so every tree
/// Jacobi builds from input is at most that deep; the printers, the evaluator, the index analysis and
/// the derivation engine walk such trees recursively. A main thread's 8 MB holds about two thousand
/// levels of the engine's walk; this stack is reserved address space, and only the pages a walk
/// touches are ever backed by memory. Compilers do the same (rustc and swiftc run on large stacks).
public enum LargeStack {
    /// 2 GiB reserved: room for `Parser.maximumOperations` levels of the deepest walk in a debug build.
    public static let size = 2 << 30

    /// `body`'s result, computed on a thread with `size` bytes of stack while this thread waits.
    public static func run<T>(_ body: @escaping () throws -> T) throws -> T {
        let box = ResultBox(body)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.run()
            done.signal()
        }
        thread.stackSize = size
        thread.start()
        done.wait()
        return try box.result()
    }

    /// `body` on a large stack, for work that ends the process itself (`exit`): this thread waits for ever.
    public static func runToExit(_ body: @escaping () -> Never) -> Never {
        let work = Unchecked(value: body)
        let thread = Thread { work.value() }
        thread.stackSize = size
        thread.start()
        // Signals sent to the process (Ctrl-C, a resize) go to the worker, where the REPL's wait
        // expects them to interrupt it: this thread, which only waits, takes none of them. The worker
        // was made with the mask as it was, so it keeps them.
        var all = sigset_t()
        sigfillset(&all)
        for synchronous in [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP] { sigdelset(&all, synchronous) }
        pthread_sigmask(SIG_BLOCK, &all, nil)
        while true { sleep(3600) }
    }
}

/// Hands a closure and its result between two threads, one of which waits for the other.
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

/// A closure handed to the one thread that runs it.
private struct Unchecked<T>: @unchecked Sendable {
    let value: T
}
