import ArgumentParser
import Shell

/// `jacobi bench [--budget TIME] [--setup LINE …] EXPR`.
struct BenchSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time an expression over many runs: median, spread, runs and memory.",
        discussion: """
            EXPR runs once to warm up, then in batches until the budget is spent. The report gives the \
            median time per run, the interquartile range (the middle half of the samples), the minimum and \
            maximum, the number of runs, the bytes malloc still holds after a run (mallinfo2; what a run frees \
            again is not counted) and how far the peak resident set size rose. The same as :bench at the prompt.
            """
    )

    @Argument(help: "The expression to time, such as 'softmax(randn(1000))'.")
    var expression: String

    @Option(help: ArgumentHelp("How long to keep timing: 3s, 500ms, or seconds (default 1s).", valueName: "TIME"))
    var budget: String?

    @Option(help: ArgumentHelp("A line to run once before timing, such as 'z = randn(1000)' (repeatable).", valueName: "LINE"))
    var setup: [String] = []

    @OptionGroup var common: CommonOptions

    func run() throws {
        var duration = BenchBudget.standard
        if let budget {
            guard let parsed = BenchBudget.parse(budget) else {
                throw ValidationError("--budget takes \(BenchBudget.accepted), got '\(budget)'")
            }
            duration = parsed
        }
        try exitOnFailure(Launcher.bench(expression, budget: duration, setup: setup, options: try common.shellOptions()))
    }
}
