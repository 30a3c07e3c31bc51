import VectorLang

/// The session as the shell sees it: language lines go to `Session`; lines starting with `:` are
/// meta-commands. Pure (no terminal), so transcripts test exactly what the REPL shows.
public final class ShellSession {
    public let session: Session
    public var options: ShellOptions

    public init(options: ShellOptions) {
        self.options = options
        self.session = Session(options: options.printOptions, json: options.json)
    }

    /// One piece of what a submitted line produced, in order.
    public enum Output: Equatable {
        case result(String)
        case error(String)
        case quit
    }

    /// Runs one complete input (it may span lines when brackets were open).
    public func submit(_ input: String) -> [Output] {
        let trimmed = input.trimmingSpaces
        if trimmed == ":quit" || trimmed == ":q" || trimmed == ":exit" { return [.quit] }
        return session.submit(input).map { output in
            switch output {
            case .result(let text): return .result(text)
            case .error(let diagnostic, let source): return .error(diagnostic.rendered(source: source))
            }
        }
    }
}
