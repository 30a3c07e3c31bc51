/// What a line reader saw: a line, a Ctrl-C at the prompt, or the end of input (Ctrl-D).
enum LineEvent: Equatable {
    case line(String)
    case interrupt
    case end
}

/// Where the REPL's lines come from: readline on a terminal, a list of events in tests.
///
/// The REPL loop is the same whatever the reader, so the tests that drive it with a scripted reader
/// check the continuation prompts, history and exits that a person gets at the terminal.
protocol LineReader: AnyObject {
    /// Shows `prompt` and waits for the next event.
    func read(prompt: String) -> LineEvent
    /// Adds one complete input to the history (the policy on duplicates is the reader's).
    func remember(_ entry: String)
    /// Called once on every way out of the REPL: the place to write the history.
    func close()
    /// Whether more input is already waiting (see the extension's default).
    var hasWaitingInput: Bool { get }
}

extension LineReader {
    /// Whether more input is already waiting, typed or pasted before the REPL asked for it: the lines
    /// of one paste arrive together, so this tells a paste's lines from lines typed one by one
    /// (`PromptFilter`). Readers that cannot tell say no.
    var hasWaitingInput: Bool { false }
}
