/// Single keypresses for `--step`: the terminal in raw mode at the prompt, a list of keys in tests.
protocol KeyReader: AnyObject {
    /// Gets ready to read keys; false (with nothing changed) when there is no terminal to read them from.
    func begin() -> Bool
    /// Waits for the next key.
    func read() -> RawTerminal.Key
    /// Puts back what `begin` changed.
    func end()
}

/// The keyboard itself, through `RawTerminal`; only when the output is a terminal too, so a
/// derivation sent to a file or a pipe has no hints in it and does not wait.
final class TerminalKeys: KeyReader {
    func begin() -> Bool { Terminal.standardInputIsTerminal && Terminal.standardOutputIsTerminal && RawTerminal.enter() }
    func read() -> RawTerminal.Key { RawTerminal.readKey() }
    func end() { RawTerminal.leave() }
}

/// `:derive … --step` and `jacobi derive … --step`: a derivation's blocks one key at a time.
///
/// After each block a dim hint waits on its own line, without a newline; one key is read, and the
/// hint is erased (`\r`, then ESC [2K clears the line) before anything else is written, so the
/// scrollback holds the derivation and nothing of the paging. Enter, Space, j or → show the next
/// block; q or Esc the rest at once; Ctrl-C stops. Without a terminal every block is written at once.
struct StepPager {
    /// The hint, painted, with no newline.
    let hint: String
    /// Where the blocks and the hint go.
    let write: (String) -> Void
    /// Writes out what `write` has buffered, so the hint shows before the wait.
    var flush: () -> Void = { Terminal.flush() }

    static let eraseLine = "\r\u{1B}[2K"

    /// "⏎ next step · q: all the rest", or its ASCII form.
    static func hint(ascii: Bool) -> String {
        ascii ? "  (Enter: next step - q: all the rest)" : "  ⏎ next step · q: all the rest"
    }

    /// Shows `blocks` (each a block's text, without its final newline), reading keys from `keys`.
    func show(_ blocks: [String], keys: KeyReader?) {
        guard blocks.count > 1, let keys, keys.begin() else {
            if !blocks.isEmpty { write(blocks.joined(separator: "\n") + "\n") }
            return
        }
        // Raw mode is left on every way out, Ctrl-C included (it arrives as a key, not a signal).
        defer { keys.end() }
        for (n, block) in blocks.enumerated() {
            write(block + "\n")
            guard n + 1 < blocks.count else { return }
            write(hint)
            flush()
            let key = StepPager.nextDecisiveKey(keys)
            write(StepPager.eraseLine)
            switch key {
            case .next: continue
            case .interrupt: return
            default:
                write(blocks[(n + 1)...].joined(separator: "\n") + "\n")
                return
            }
        }
    }

    /// The next key that means something here: going back is not offered, and other keys are ignored.
    private static func nextDecisiveKey(_ keys: KeyReader) -> RawTerminal.Key {
        while true {
            let key = keys.read()
            if key != .back && key != .other { return key }
        }
    }
}
