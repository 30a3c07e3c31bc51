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

    func remember(_ entry: String) { remembered.append(entry) }
    func close() { closeCount += 1 }
}
