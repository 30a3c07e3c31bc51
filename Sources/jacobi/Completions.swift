import ArgumentParser
import Shell

/// What the shell completion scripts offer beyond options: jacobi is asked at completion time.
extension CompletionKind {
    /// The course's lesson names.
    static var lessonNames: CompletionKind {
        .custom { _, _, prefix in CompletionNames.lessons(startingWith: prefix) }
    }

    /// After `jacobi drill`: catalog names.
    static var catalogNames: CompletionKind {
        .custom { _, _, prefix in CompletionNames.catalog(startingWith: prefix) }
    }

    /// After `jacobi derive`: catalog names for the subject, then the words that may follow it.
    static var deriveWords: CompletionKind {
        .custom { words, index, prefix in
            let before = words.prefix(max(0, min(index, words.count)))
            let afterDerive = before.reversed().prefix { $0 != "derive" }
            if afterDerive.first == "--format" {
                return ["text", "ascii", "latex", "markdown", "json"].filter { $0.hasPrefix(prefix) }
            }
            guard afterDerive.contains(where: { !$0.hasPrefix("-") }) else {
                return CompletionNames.catalog(startingWith: prefix)
            }
            return ["wrt", "--wrt", "--at", "--assume", "--format", "--order", "--step", "--ascii"].filter { $0.hasPrefix(prefix) }
        }
    }
}

/// The command tree the shell completion scripts are written from, and that answers their questions
/// (`jacobi ---completion lesson -- …`): the root without its optional script argument.
///
/// swift-argument-parser's scripts count a root's positional argument before its subcommands, so with
/// `[<file>]` in the tree `jacobi lesson <Tab>` took `lesson` for the file and offered subcommands again.
/// The manual page is written from the real root, where `jacobi FILE` is documented.
struct CompletionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: JacobiCommand.configuration.commandName,
        abstract: JacobiCommand.configuration.abstract,
        version: JacobiCommand.configuration.version,
        subcommands: JacobiCommand.configuration.subcommands
    )

    @Option(name: .customShort("e"), parsing: .unconditionalSingleValue, help: ArgumentHelp("Evaluate EXPR and print the result.", valueName: "EXPR"))
    var expressions: [String] = []

    @OptionGroup var common: CommonOptions

    /// Whether the command line asks for a completion script or a completion.
    static func handles(_ arguments: [String]) -> Bool {
        guard let first = arguments.first else { return false }
        return first == "---completion" || first.hasPrefix("--generate-completion-script")
    }
}
