#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import Shell
import VectorLang

/// Dispatches on the first word: a subcommand (`jacobi derive …`) or the root command (`jacobi FILE`).
///
/// The root takes an optional script as its positional argument, which swift-argument-parser would
/// otherwise read `derive` into; so subcommands are chosen by name here, before parsing.
@main
enum Entry {
    /// The root command's own subcommands, by the name each declares: one list, for help and dispatch.
    static let subcommands: [String: any ParsableCommand.Type] = Dictionary(
        JacobiCommand.configuration.subcommands.compactMap { command in command.configuration.commandName.map { ($0, command) } },
        uniquingKeysWith: { first, _ in first })

    static func main() {
        StartupTrace.markMain()
        // First, so that even swift-argument-parser's help reaches standard output or says why not.
        StandardOutput.install()
        LargeStack.runToExit(dispatch)
    }

    /// Runs the command the arguments name; every branch ends the process.
    static func dispatch() -> Never {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.isEmpty { JacobiCommand.startBare() }
        if CompletionCommand.handles(arguments) { CompletionCommand.mainShowingSafely(arguments) }
        if let first = arguments.first, first == DeriveSubcommand.configuration.commandName {
            DeriveSubcommand.mainWithUsageStatus(Array(arguments.dropFirst()))
        } else if let first = arguments.first, first == CheckSubcommand.configuration.commandName {
            CheckSubcommand.mainWithUsageStatus(Array(arguments.dropFirst()))
        } else if let first = arguments.first, first == DrillSubcommand.configuration.commandName {
            DrillSubcommand.mainWithUsageStatus(Array(arguments.dropFirst()))
        } else if let first = arguments.first, let command = subcommands[first] {
            command.mainShowingSafely(Array(arguments.dropFirst()))
        } else {
            JacobiCommand.mainShowingSafely(arguments)
        }
    }
}

/// The command line: argument parsing only, then one call into the shell.
struct JacobiCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jacobi",
        abstract: "Explore, derive and learn the derivatives that machine learning runs on.",
        discussion: """
            With no arguments, jacobi starts an interactive session on a terminal, or runs standard input \
            as a script when it is not a terminal.
            """,
        version: Version.text,
        subcommands: [RunCommand.self, DeriveSubcommand.self, CheckSubcommand.self, DrillSubcommand.self, LessonSubcommand.self, LessonsCommand.self,
                      PresentSubcommand.self, BenchSubcommand.self]
    )

    @Option(name: .customShort("e"), parsing: .unconditionalSingleValue, help: ArgumentHelp("Evaluate EXPR and print the result (repeatable; one session).", valueName: "EXPR"))
    var expressions: [String] = []

    @Argument(help: "A script to run.")
    var file: String?

    @OptionGroup var common: CommonOptions

    func run() throws {
        let options = try common.shellOptions()
        let status: Int32
        if !expressions.isEmpty {
            status = Launcher.evaluate(expressions, options: options)
        } else if let file {
            status = Launcher.runScript(at: file, options: options)
        } else {
            status = Launcher.start(options: options)
        }
        try exitOnFailure(status)
    }
}

extension JacobiCommand {
    /// `jacobi` with no arguments, the REPL, without swift-argument-parser: parsing builds the whole
    /// command tree (every subcommand's options, read by reflection), half of the time to the first
    /// prompt, for a command line with nothing in it. An option that cannot be read (a bad
    /// JACOBI_MEMORY) goes the usual way, so it is reported as the parser reports it.
    static func startBare() -> Never {
        guard let options = try? CommonOptions.bareShellOptions() else { mainShowingSafely([]) }
        let status = Launcher.start(options: options)
        if status == 0 { self.exit() }
        self.exit(withError: ExitCode(status))
    }
}

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Run a script of Jacobi lines.")

    @Argument(help: "The script to run.")
    var file: String

    @OptionGroup var common: CommonOptions

    func run() throws {
        try exitOnFailure(Launcher.runScript(at: file, options: try common.shellOptions()))
    }
}

/// Options every mode shares.
struct CommonOptions: ParsableArguments {
    @Option(help: "Significant digits shown (1 to 17).")
    var precision: Int = 4

    @Flag(help: "Print results as exact JSON.")
    var json = false

    @Flag(help: "Never use colour (NO_COLOR is honoured too).")
    var noColor = false

    @Flag(help: "Use ASCII only, for terminals without Unicode.")
    var ascii = false

    @Flag(help: "Stop a script at its first error.")
    var stopOnError = false

    @Option(help: ArgumentHelp("The most memory the session's numbers may take, such as 2G or 500M (default: JACOBI_MEMORY, else half of the machine's).",
                               valueName: "SIZE"))
    var memory: String?

    func shellOptions() throws -> ShellOptions {
        guard (1...17).contains(precision) else {
            throw ValidationError("--precision must be from 1 to 17, got \(precision)")
        }
        let budget = try memoryBudget()
        return ShellOptions(precision: precision, json: json, color: !noColor, ascii: ascii, stopOnError: stopOnError, memory: budget)
    }

    /// The one variable the memory budget reads, without building Foundation's copy of the whole environment.
    private static var memoryEnvironment: [String: String] {
        getenv("JACOBI_MEMORY").map { ["JACOBI_MEMORY": String(cString: $0)] } ?? [:]
    }

    /// What `shellOptions()` gives when nothing was given: ShellOptions' defaults are these options' defaults.
    static func bareShellOptions() throws -> ShellOptions {
        ShellOptions(memory: try ShellOptions.memoryBudget(flag: nil, environment: memoryEnvironment))
    }

    private func memoryBudget() throws -> MemoryBudget {
        do {
            return try ShellOptions.memoryBudget(flag: memory, environment: Self.memoryEnvironment)
        } catch {
            throw ValidationError(error.description)
        }
    }
}

/// Ends the command with `status` when it is not 0: the shell returns statuses, and swift-argument-parser
/// exits through a thrown `ExitCode`.
func exitOnFailure(_ status: Int32) throws {
    if status != 0 { throw ExitCode(status) }
}
