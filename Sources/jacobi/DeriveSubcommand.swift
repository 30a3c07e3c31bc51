import ArgumentParser
import Shell

/// `jacobi derive EXPR|NAME [--wrt z_j] [--at NAME=VALUE]… [--format …] [--step]` and `jacobi derive --list`.
struct DeriveSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "derive",
        abstract: "Derive a catalog entry or an expression step by step, with the numbers beside each step.",
        discussion: "Examples: jacobi derive softmax; jacobi derive 'sum_k(z_k^2)/2' --wrt z_j --at 'z=[1,2,3]'"
    )

    @Argument(help: "A catalog name (see --list) or an expression in index notation.")
    var subject: [String] = []

    @Option(help: ArgumentHelp("The variable: an element such as z_j, or a number such as x.", valueName: "VARIABLE"))
    var wrt: String?

    @Option(help: ArgumentHelp("Bind a name for the numbers, e.g. 'z=[2,1,0.1]' (repeatable).", valueName: "NAME=VALUE"))
    var at: [String] = []

    @Option(help: "text, ascii, latex, markdown or json.")
    var format: String = "text"

    @Flag(help: "Reveal one step per Enter, for teaching.")
    var step = false

    @Flag(help: "List the catalog.")
    var list = false

    @OptionGroup var common: CommonOptions

    func run() throws {
        let options = try common.shellOptions()
        if list {
            Launcher.listDerivations(ascii: options.ascii)
            return
        }
        guard !subject.isEmpty else { throw ValidationError("say what to derive: a catalog name (jacobi derive --list) or an expression") }
        guard var chosen = DeriveCommand.Format(rawValue: format) else {
            throw ValidationError("--format must be one of text, ascii, latex, markdown, json")
        }
        if options.ascii, chosen == .text { chosen = .ascii }
        let request = DeriveCommand.Request(subject: subject.joined(separator: " "), wrt: wrt, at: at, format: chosen, step: step)
        try exitOnFailure(Launcher.derive(request, options: options))
    }
}
