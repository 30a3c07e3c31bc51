import ArgumentParser
import Derivation
import Shell

/// `jacobi drill [TOPIC] [--wrt V] [--seed N] [--slip KIND] [--format text|json] [--answers]`.
struct DrillSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drill",
        abstract: "Find the error: a derivation with one planted slip; name the wrong line, then the slip.",
        discussion: """
            TOPIC is a catalog entry (jacobi derive --list) or an expression with --wrt; with none, \
            the seed picks an entry. One slip (a sign, a transpose, a lost delta case, a dropped term or \
            factor, a factor of 2, a fact used but not assumed, the wrong variable) is planted in one \
            step and carried through the steps after it. On a terminal the drill runs at the prompt; \
            on a pipe, standard input's lines are the answers. The same --seed gives the same drill.

            Exit status: 0 the drill was finished or left with :quit; 1 the input ended first; 2 the \
            drill cannot be made.
            """
    )

    enum Format: String, ExpressibleByArgument { case text, json }

    @Argument(help: "A catalog entry or an expression.", completion: .catalogNames)
    var topic: [String] = []

    @Option(help: "The variable, for an expression (z_j, x).")
    var wrt: String?

    @Option(help: "Makes the drill reproducible: the same seed gives the same drill.")
    var seed: UInt64?

    @Option(help: ArgumentHelp("Plants this kind of slip.", valueName: DrillSlip.allCases.map(\.rawValue).joined(separator: "|")))
    var slip: String?

    @Option(help: "text (asks the questions) or json (prints the drill).")
    var format: Format = .text

    @Flag(help: "Print the drill with what was planted (a teacher's key); asks nothing.")
    var answers = false

    @OptionGroup var common: CommonOptions

    func validate() throws {
        if let slip, DrillSlip(rawValue: slip) == nil {
            throw ValidationError("unknown slip '\(slip)'; expected one of: \(DrillSlip.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        let request = DrillRequest(topic: topic.isEmpty ? nil : topic.joined(separator: " "), wrt: wrt, seed: seed,
                                   slip: slip.flatMap(DrillSlip.init(rawValue:)))
        try exitOnFailure(Launcher.drill(request, json: format == .json || common.json, answers: answers, options: try common.shellOptions()))
    }
}
