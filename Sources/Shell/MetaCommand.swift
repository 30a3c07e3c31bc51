import VectorLang

/// One meta-command (`:help`, `:load`, …): everything dispatch, `:help` and tab completion need.
///
/// There is one entry per command and no second list anywhere: `:help` reads `usage`, `summary` and
/// `detail`, completion reads `name` and `argument`, and `ShellSession` calls `run`. Later layers add
/// commands (`:derive`, `:lesson`) with `ShellSession.register`.
public struct MetaCommand {
    /// What the text after the command is, so completion can offer the right names.
    public enum Argument {
        /// Nothing follows the command.
        case none
        /// Free text with nothing to complete (`:precision 6`).
        case text
        /// A language expression (`:time EXPR`): completed like a line at the prompt.
        case expression
        /// A file name (`:load FILE`): completed from the file system.
        case fileName
        /// One of the names this returns (`:help softmax`, `:clear z`, `:derive softmax`).
        case names((ShellSession) -> [String])
    }

    /// How `:help` groups commands.
    public enum Group: String, CaseIterable, Sendable {
        case session = "Session"
        case files = "Files"
        case derivations = "Derivations"
        case lessons = "Lessons"
    }

    /// The name without its colon: `help`.
    public let name: String
    /// Other names that run it: `q` and `exit` for `quit`.
    public let aliases: [String]
    /// How it is typed: `:help [NAME]`.
    public let usage: String
    /// One line: what it does.
    public let summary: String
    /// More lines for `:help :name`: details and examples.
    public let detail: [String]
    public let group: Group
    public let argument: Argument
    public let run: (ShellSession, Invocation) -> [ShellSession.Output]

    public init(
        _ name: String, aliases: [String] = [], usage: String, _ summary: String, detail: [String] = [],
        group: Group = .session, argument: Argument = .none,
        run: @escaping (ShellSession, Invocation) -> [ShellSession.Output]
    ) {
        self.name = name
        self.aliases = aliases
        self.usage = usage
        self.summary = summary
        self.detail = detail
        self.group = group
        self.argument = argument
        self.run = run
    }

    /// One use of a command: the whole input, and where its parts are, so errors can point at them.
    public struct Invocation {
        /// The input as typed, which diagnostics point into.
        public let source: String
        /// The text after the command name, without surrounding spaces.
        public let argument: String
        /// Where `:name` is in `source`.
        public let nameRange: SourceRange
        /// Where the argument is in `source` (just after the name when there is none).
        public let argumentRange: SourceRange

        /// An error pointing at the argument (or at the command name when `atName`).
        public func error(_ message: String, note: String? = nil, suggestion: String? = nil, atName: Bool = false) -> ShellSession.Output {
            .error(Diagnostic(message, at: atName ? nameRange : argumentRange, note: note, suggestion: suggestion), source: source)
        }

        /// The command's name as typed, without its colon: `save!` for `:save! x.jac`, where `name` is `save`.
        public var typedName: String {
            let scalars = Array(source.unicodeScalars)
            guard nameRange.start + 1 < nameRange.end, nameRange.end <= scalars.count else { return "" }
            return String(String.UnicodeScalarView(scalars[(nameRange.start + 1)..<nameRange.end]))
        }

        /// The argument split at spaces: `:clear a b` gives `["a", "b"]`.
        public var words: [String] { argument.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init) }
    }
}
