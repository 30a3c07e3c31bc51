import Derivation
import VectorLang

/// The session as the shell sees it: language lines go to `Session`; lines starting with `:` are
/// meta-commands, looked up in a table that later layers can extend.
///
/// Pure (no terminal): the REPL, scripts and the transcript tests all drive this object, so a test
/// sees exactly what a person sees. Only `:load`, `:run` and `:save` touch files.
public final class ShellSession {
    public let session: Session
    public var options: ShellOptions
    /// Every meta-command, in the order `:help` lists them.
    public private(set) var commands: [MetaCommand] = []
    /// Names offered after `:derive ` (the derivation catalog fills this in when it exists).
    public var derivationNames: () -> [String] = { [] }
    /// Names offered after `:lesson ` (the lesson library fills this in when it exists).
    public var lessonNames: () -> [String] = { [] }
    /// Runs a piece of work and says how long it took; tests substitute a fixed answer for `:time`.
    public var stopwatch: (() -> Void) -> Duration = { work in ContinuousClock().measure(work) }
    /// Asks a yes-or-no question at the terminal (true, false, or nil when cancelled); the REPL sets it.
    /// Without it (a script, a pipe, `-e`) nobody could answer, so what would need asking is refused:
    /// `:save` over an existing file says to use `:save!`.
    public var confirm: ((String) -> Bool?)?
    /// How many `:load`s are running inside each other, so a file that loads itself stops.
    var loadDepth = 0
    /// The lines of a derivation typed after `:check`, until a blank line; nil when not collecting.
    var collectedDerivation: [String]?
    /// Whether the last evaluation was stopped by Ctrl-C (so `:load` stops the rest of its file).
    public private(set) var wasInterrupted = false
    /// The lesson being taken, if any, and where the course and the progress file are.
    public let lessons = LessonController()
    static let maximumLoadDepth = 8

    public init(options: ShellOptions) {
        self.options = options
        self.session = Session(options: options.printOptions, json: options.json)
        session.evaluator.memoryBudget = options.memory
        for command in MetaCommand.standard + [.derive, .check] + MetaCommand.lessonCommands + [.drill] { register(command) }
        derivationNames = { Catalog.names }
        lessonNames = { [lessons] in lessons.names }
    }

    /// One piece of what a submitted line produced, in order.
    public enum Output: Equatable {
        /// A value, as the printer wrote it.
        case result(String)
        /// A short notice: "saved 3 definitions", "time: 1.2 ms", "interrupted".
        case info(String)
        /// Help and listings: unindented lines are headings, indented ones entries.
        case help(String)
        /// A failure, with the text it points into and a location prefix (`file:3:5: `) when it came from a file.
        case error(Diagnostic, source: String, prefix: String = "")
        /// Lesson and presenter text, each piece with its role for the palette.
        case styled([StyledLine])
        /// A derivation's blocks to show one at a time (`:derive --step`): the REPL waits for a key
        /// between them, scripts and transcripts print them all.
        case pages([[StyledLine]])
        /// The user asked to leave.
        case quit
    }

    /// Whether the REPL has said, once, that :derive explains what grad and jacobian compute.
    var derivationOffered = false

    /// Columns text is broken to fit (derivations); nil leaves lines whole, as on a pipe without
    /// `COLUMNS`. The launcher and the REPL set it from the terminal (`Terminal.textWidth`).
    public var textWidth: Int?

    /// Columns available for output; the REPL sets it from the terminal before each line.
    public var width: Int {
        get { session.options.width }
        set { session.options.width = newValue }
    }

    /// Adds a command, replacing any of the same name.
    public func register(_ command: MetaCommand) {
        commands.removeAll { $0.name == command.name }
        commands.append(command)
    }

    /// The command called `name` (without its colon), by name or alias.
    public func command(named name: String) -> MetaCommand? {
        commands.first { $0.name == name } ?? commands.first { $0.aliases.contains(name) }
    }

    /// Runs one complete input (it may span lines when brackets were open).
    public func submit(_ input: String) -> [Output] {
        if isCollectingDerivation { return collect(input) }
        // Before the lesson sees it: `exit` in a lesson leaves the lesson, `?softmax` is help there too.
        if let shorthand = shorthand(input) { return run(shorthand, typed: input) }
        // During a lesson, its commands and the learner's language lines go to the lesson.
        if let routed = lessons.route(input, in: self) { return routed }
        let scalars = Array(input.unicodeScalars)
        var start = 0
        while start < scalars.count, scalars[start] == " " || scalars[start] == "\t" { start += 1 }
        guard start < scalars.count, scalars[start] == ":" else { return evaluate(input) }
        return runCommand(input, scalars: scalars, colon: start)
    }

    /// Evaluates language text; an evaluation stopped by Ctrl-C reports "interrupted" and nothing more.
    ///
    /// The interrupt is recognised by the flag still being up when the "interrupted" diagnostic
    /// arrives, and then lowered, so the next line starts clean.
    func evaluate(_ text: String) -> [Output] {
        shellOutputs(session.submit(text))
    }

    /// What the language session printed, as the shell shows it; also for the lines a lesson runs.
    func shellOutputs(_ printed: [Session.Output]) -> [Output] {
        wasInterrupted = false
        let outputs = printed.map { output -> Output in
            switch output {
            case .result(let text): return .result(text)
            case .note(let text): return .info(text)
            case .picture(let lines): return .styled(lines.map(StyledLine.init(tinted:)))
            case .error(let diagnostic, let source):
                if diagnostic.message == "interrupted", Interrupt.isRaised {
                    wasInterrupted = true
                    return .info("interrupted")
                }
                return .error(diagnostic, source: source)
            }
        }
        Interrupt.clear()
        return outputs
    }

    private func runCommand(_ input: String, scalars: [Unicode.Scalar], colon: Int) -> [Output] {
        var end = colon + 1
        while end < scalars.count, scalars[end] != " ", scalars[end] != "\t" { end += 1 }
        let name = String(String.UnicodeScalarView(scalars[(colon + 1)..<end]))
        var argumentStart = end
        while argumentStart < scalars.count, scalars[argumentStart] == " " || scalars[argumentStart] == "\t" { argumentStart += 1 }
        var argumentEnd = scalars.count
        while argumentEnd > argumentStart, scalars[argumentEnd - 1] == " " || scalars[argumentEnd - 1] == "\t" { argumentEnd -= 1 }
        let invocation = MetaCommand.Invocation(
            source: input, argument: String(String.UnicodeScalarView(scalars[argumentStart..<argumentEnd])),
            nameRange: SourceRange(colon, end),
            argumentRange: argumentEnd > argumentStart ? SourceRange(argumentStart, argumentEnd) : .point(end))
        guard let command = command(named: name) else {
            if name.isEmpty {
                return [invocation.error("a command name should follow ':'", suggestion: ":help lists the commands", atName: true)]
            }
            let guess = Suggestions.closest(to: name, among: commands.map(\.name) + commands.flatMap(\.aliases))
            return [invocation.error("unknown command ':\(name)'", note: ":help lists the commands",
                                     suggestion: guess.map { "did you mean :\($0)?" }, atName: true)]
        }
        if case .none = command.argument, !invocation.argument.isEmpty {
            return [invocation.error(":\(command.name) takes no argument", suggestion: "type \(command.usage)")]
        }
        return command.run(self, invocation)
    }

    /// Every name `:help` knows: builtins, commands and the session's own.
    var helpTopics: [String] {
        Builtins.all.map(\.name) + commands.map(\.name) + session.environment.names
    }
}
