import CReadline
#if canImport(Glibc)
import Glibc
#endif
import VectorLang

/// Lines from GNU readline, with history, tab completion and Ctrl-C, through its callback interface.
///
/// Why callbacks rather than `readline()`: Jacobi then waits for input in its own `pselect`, so a Ctrl-C
/// (which raises `Interrupt` and ends the wait with EINTR) is seen at once; the half-typed line is
/// dropped as readline's own SIGINT handling would (`rl_free_line_state`, `rl_callback_sigcleanup`)
/// and a fresh prompt installed. readline's handlers are off (`rl_catch_signals = 0`), so during an
/// evaluation, when readline is not even active, Ctrl-C reaches only Jacobi's handler. This is the
/// structure of the readline manual's "Alternate Interface" example.
final class ReadlineReader: LineReader {
    /// readline calls plain C functions, which cannot capture, so they reach the reader through this.
    /// readline is single-threaded and calls back on the thread that called it, the main thread.
    nonisolated(unsafe) private static var current: ReadlineReader?
    /// readline keeps these pointers, so they live for the whole process.
    nonisolated(unsafe) private static let name = strdup("jacobi")
    nonisolated(unsafe) private static let languageBreaks = strdup(Completer.languageBreaks)
    nonisolated(unsafe) private static let commandBreaks = strdup(Completer.commandBreaks)

    private let completer: Completer
    private var historyPath: String?
    /// What the line handler received: nil while waiting, `.some(nil)` at the end of input.
    private var received: String??
    private var lastEntry: String?

    init(completer: Completer, historyPath: String?) {
        self.completer = completer
        self.historyPath = historyPath
        ReadlineReader.current = self
        // Multi-byte characters (δ, σ, →) are one character to edit, not three; numbers keep their "C" format.
        setlocale(LC_CTYPE, "")
        jacobi_rl_set_name(ReadlineReader.name)
        jacobi_rl_set_catch_signals(0)
        jacobi_rl_set_change_environment(0)
        jacobi_rl_set_attempted_completion(ReadlineReader.attemptCompletion)
        jacobi_rl_set_word_break_hook(ReadlineReader.wordBreaks)
        using_history()
        stifle_history(Int32(HistoryPolicy.capacity))
        loadHistory()
    }

    func read(prompt: String) -> LineEvent {
        ReadlineReader.current = self
        received = nil
        Interrupt.clear()
        Terminal.flush()
        rl_callback_handler_install(prompt, ReadlineReader.lineHandler)
        var blocked = Signals.handled, previous = sigset_t()
        while true {
            // Block the signals while checking their flags, and let pselect unblock them atomically,
            // so a Ctrl-C between the check and the wait cannot be missed.
            sigprocmask(SIG_BLOCK, &blocked, &previous)
            if Interrupt.isRaised {
                sigprocmask(SIG_SETMASK, &previous, nil)
                Interrupt.clear()
                jacobi_rl_discard_line()
                return .interrupt
            }
            if Signals.takeResize() { rl_resize_terminal() }
            let ready = jacobi_wait_readable(STDIN_FILENO, &previous)
            let failure = errno
            sigprocmask(SIG_SETMASK, &previous, nil)
            if ready < 0 {
                if failure == EINTR { continue }
                rl_callback_handler_remove()
                return .end
            }
            rl_callback_read_char()
            if let line = received { return line.map(LineEvent.line) ?? .end }
        }
    }

    /// readline reads a byte at a time, so what a paste still holds is waiting on standard input.
    var hasWaitingInput: Bool {
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 0) > 0 && descriptor.revents & Int16(POLLIN) != 0
    }

    func remember(_ entry: String) {
        guard HistoryPolicy.shouldAdd(entry, after: lastEntry) else { return }
        add_history(entry)
        lastEntry = entry
        // Appending each line as it is entered keeps the history even if the process is killed.
        if let historyPath { append_history(1, historyPath) }
    }

    func close() {
        if let historyPath { history_truncate_file(historyPath, Int32(HistoryPolicy.capacity)) }
        ReadlineReader.current = nil
    }

    /// Reads the history file, creating it and its directory first; on failure, history stays in memory.
    private func loadHistory() {
        guard let path = historyPath else { return }
        guard TextFile.createDirectories(forFile: path), TextFile.touch(path) else {
            Launcher.complain("history is off this session: cannot create \(path): \(String(cString: strerror(errno)))")
            historyPath = nil
            return
        }
        read_history(path)
        lastEntry = jacobi_history_last().map { String(cString: $0) }
    }

    // MARK: - Callbacks

    private static let lineHandler: @convention(c) (UnsafeMutablePointer<CChar>?) -> Void = { raw in
        // Leave callback mode before the REPL evaluates: the terminal is back to normal (so Ctrl-C
        // signals) and readline will not redraw the prompt until the next read.
        rl_callback_handler_remove()
        let line = raw.map { String(cString: $0) }
        free(raw)
        current?.received = .some(line)
    }

    /// The text from the start of the line to the cursor.
    private static func lineBeforeCursor() -> String {
        guard let buffer = jacobi_rl_line_buffer() else { return "" }
        let length = min(Int(jacobi_rl_point()), strlen(buffer))
        return buffer.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }

    private static let wordBreaks: @convention(c) () -> UnsafeMutablePointer<CChar>? = {
        guard let completer = current?.completer else { return languageBreaks }
        return completer.wordBreaks(lineBeforeCursor()) == Completer.commandBreaks ? commandBreaks : languageBreaks
    }

    private static let attemptCompletion: @convention(c) (UnsafePointer<CChar>?, Int32, Int32)
        -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = { text, _, _ in
        // Never fall back to readline's file-name completion; suffixes (`softmax(`) are our own.
        jacobi_rl_set_completion_over(1)
        jacobi_rl_set_suppress_append(1)
        guard let completer = current?.completer else { return nil }
        switch completer.complete(lineBeforeCursor()) {
        case .fileNames:
            guard let text else { return nil }
            jacobi_rl_set_suppress_append(0)
            return showableFileNames(jacobi_rl_filename_matches(text))
        case .candidates(let candidates):
            return matches(candidates)
        }
    }

    /// readline's file-name matches without the names that hold control characters (see `Completer`),
    /// or the array itself when none does, so readline completes as it always has.
    private static func showableFileNames(_ found: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?)
        -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        guard let found else { return nil }
        var all: [String] = []
        var count = 0
        while let name = found[count] {
            all.append(String(cString: name))
            count += 1
        }
        // One match comes alone; several come after their common prefix.
        let names = count == 1 ? all : Array(all.dropFirst())
        let showable = Completer.showable(names)
        guard showable.count < names.count else { return found }
        for i in 0..<count { free(found[i]) }
        free(found)
        return matches(showable.map { Completer.Candidate(word: $0, suffix: "") })
    }

    /// The array readline wants: the replacement text first, then (for several) each candidate, then
    /// NULL; readline frees it and its strings.
    private static func matches(_ candidates: [Completer.Candidate]) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        guard let insertion = Completer.insertion(for: candidates) else { return nil }
        let words = candidates.count == 1 ? [insertion] : [insertion] + candidates.map(\.word)
        guard let memory = malloc((words.count + 1) * MemoryLayout<UnsafeMutablePointer<CChar>?>.stride) else { return nil }
        let array = memory.bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: words.count + 1)
        for (i, word) in words.enumerated() { array[i] = strdup(word) }
        array[words.count] = nil
        return array
    }
}
