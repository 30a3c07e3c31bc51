import ArgumentParser
import Shell

/// `jacobi check FILE [--format text|json] [--json] [--ascii] [--explain]`.
struct CheckSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a derivation of your own, line by line: the first wrong step, and the slip.",
        discussion: """
            FILE holds a derivation in Jacobi's input syntax: set-up lines (p := softmax(z), \
            z = [2, 1, 0.1], assume sum(y) = 1), a start such as partial(p_i, z_j), then steps \
            starting with =. A blank line begins another derivation; - reads standard input. \
            Each step must equal the line before it at random numbers of several sizes; the \
            first wrong one is shown with where it differs and the common slip that explains it.

            Exit status: 0 every step holds; 1 a step is wrong or a line has an error; 2 the \
            file cannot be read.
            """
    )

    enum Format: String, ExpressibleByArgument { case text, json }

    @Argument(help: "The derivation file, or - for standard input.")
    var file: String

    @Option(help: "text or json.")
    var format: Format = .text

    @Flag(help: "Show the engine's derivation of the same start at the first wrong line.")
    var explain = false

    @OptionGroup var common: CommonOptions

    func run() throws {
        let json = format == .json || common.json
        try exitOnFailure(Launcher.check(path: file, json: json, ascii: common.ascii, explain: explain))
    }
}
