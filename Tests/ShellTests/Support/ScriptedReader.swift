@testable import Shell

/// A line reader that plays back a list of events and records what the REPL did with it.
final class ScriptedReader: LineReader {
    private var events: [LineEvent]
    private(set) var prompts: [String] = []
    private(set) var remembered: [String] = []
    private(set) var closeCount = 0

    init(_ events: [LineEvent]) { self.events = events }

    func read(prompt: String) -> LineEvent {
        prompts.append(prompt)
        return events.isEmpty ? .end : events.removeFirst()
    }

    /// Whether the lines arrive as one paste: then, while another line follows, input is waiting.
    var pasted = false
    var hasWaitingInput: Bool {
        guard pasted, case .line? = events.first else { return false }
        return true
    }

    func remember(_ entry: String) { remembered.append(entry) }
    func close() { closeCount += 1 }
}

/// Keys for `--step`, played back from a list (the end of the list is the end of input: `.quit`).
final class ScriptedKeys: KeyReader {
    private var keys: [RawTerminal.Key]
    /// Whether there is a "terminal" to read keys from.
    private let available: Bool
    private(set) var begun = 0
    private(set) var ended = 0

    init(_ keys: [RawTerminal.Key], available: Bool = true) {
        self.keys = keys
        self.available = available
    }

    func begin() -> Bool {
        begun += 1
        return available
    }

    func read() -> RawTerminal.Key { keys.isEmpty ? .quit : keys.removeFirst() }
    func end() { ended += 1 }
}
