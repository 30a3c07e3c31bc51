import ArgumentParser
import Shell

/// `jacobi derive SUBJECT… [wrt NAME] [--at NAME=VALUE]… [--format …] [--order 1|2] [--step]` and `jacobi derive --list`.
///
/// swift-argument-parser reads the common options written before the subject, and writes the help;
/// every other word goes, in order, to `DeriveArguments`, the parser `:derive` and lessons use too,
/// which hands back the common options written after the subject. `captureForPassthrough` keeps `--`
/// and words that start with `-` (an expression such as `-sum_k(…)`), which declared options would not.
struct DeriveSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "derive",
        abstract: "Derive a catalog entry or an expression step by step, with the numbers beside each step.",
        usage: """
            jacobi derive SUBJECT… [wrt NAME] [--wrt NAME] [--at NAME=VALUE]…
                          [--assume FACT]… [--format text|ascii|latex|markdown|json]
                          [--order 1|2] [--step] [--ascii] [--list] [--] [SUBJECT…]
            """,
        discussion: """
            SUBJECT is a catalog name (see --list), an expression in index notation, or
            one as typed at the prompt (W @ x, x' @ A @ x, softmax(W @ x); vectors are
            columns), read into index notation first.

              wrt NAME, --wrt NAME  the variable: an element (z_j), a number (x), or a
                                    whole vector or matrix (W): the result has its shape
              --at NAME=VALUE       bind a name for the numbers: 'z=[2,1,0.1]' (repeatable)
              --assume FACT         a fact to take as given (repeatable)
              --format FORMAT       text, ascii, latex, markdown or json
              --order 2             derive the result again: the Hessian
              --step                on a terminal, one step per key (Enter, Space,
                                    j or Right); q shows the rest, Ctrl-C stops
              --list                list the catalog
              --                    end the options: every word after it is subject

            An expression may start with -, with no -- before it:
              jacobi derive '-sum_k(y_k*log(softmax(z)_k))' --wrt z_j
              jacobi derive softmax
              jacobi derive 'sum_k(z_k^2)/2' wrt z_j --at 'z=[1,2,3]'
              jacobi derive 'cross_entropy(softmax(W @ x), y)' --wrt W
              jacobi derive "x' @ A @ x" --wrt x --order 2

            Exit status: 0 derived and checked; 1 unfinished (no rule applies, or the
            step limit) or the numeric check failed; 2 the command line or the subject
            cannot be read.
            """
    )

    @Argument(parsing: .captureForPassthrough, help: ArgumentHelp("The subject and the options above.", valueName: "words"),
              completion: .deriveWords)
    var words: [String] = []

    @OptionGroup var common: CommonOptions

    func run() throws {
        guard let parsed = Launcher.deriveArguments(words, claiming: CommonOptions.claimed) else {
            throw ExitCode(Launcher.DeriveStatus.usage)
        }
        if parsed.help { throw CleanExit.helpRequest(self) }
        let options = try common.including(parsed.passed).shellOptions()
        try exitOnFailure(Launcher.derive(parsed, options: options))
    }

}

extension CommonOptions {
    /// The common options as `DeriveArguments` may meet them after the subject, each with whether it takes a value.
    static let claimed: [String: Bool] = [
        "--precision": true, "--json": false, "--no-color": false, "--stop-on-error": false,
    ]

    /// These options with the ones given after the subject (`passed`) added: a flag given anywhere is
    /// set, and a `--precision` after the subject wins. (`--ascii` after the subject is the grammar's own:
    /// it asks for the ASCII format.)
    func including(_ passed: [String]) throws -> CommonOptions {
        guard !passed.isEmpty else { return self }
        let later = try CommonOptions.parse(passed)
        var merged = self
        if passed.contains(where: { $0 == "--precision" || $0.hasPrefix("--precision=") }) { merged.precision = later.precision }
        merged.json = json || later.json
        merged.noColor = noColor || later.noColor
        merged.stopOnError = stopOnError || later.stopOnError
        return merged
    }
}
