import VectorLang

/// What Tab offers, decided from the text before the cursor; pure, so it is tested without a terminal.
///
/// At the prompt: builtins (functions with their opening parenthesis, `softm` → `softmax(`), constants,
/// and the session's variables, functions and definitions. After `:`, the commands; after a command, what its
/// `MetaCommand.Argument` says (names, an expression, or file names, which readline lists itself).
/// Nothing else ever falls back to file names.
///
/// A name with a control character in it (a lesson file's, say) is never offered: readline would list
/// it, and put it in the line, byte for byte, past the output gate (`TerminalText`). It can still be typed.
struct Completer {
    let shell: ShellSession

    /// Characters that end a word: the language's operators and brackets, so `softmax(z` completes `z`.
    static let languageBreaks = " \t\n\"'()[]{},;+-*/^@=:<>!&|?"
    /// In a command line only spaces separate words, so a file name keeps its `-` and `.`.
    static let commandBreaks = " \t\n"

    /// One candidate: the word to show, and what to type after it when it is the only match.
    struct Candidate: Equatable {
        let word: String
        let suffix: String
    }

    enum Result: Equatable {
        case candidates([Candidate])
        /// Let readline complete file names (it knows about `~`, quoting and directories).
        case fileNames
    }

    /// Where Tab is: completing a command's name, its argument, or language text.
    private enum Context {
        case commandName
        case argument(MetaCommand.Argument)
        case language
    }

    private func context(_ line: String) -> Context {
        let trimmed = Substring(line).drop { $0 == " " || $0 == "\t" }
        // `?sof` asks about a name, as `:help sof` does: the same names, with no `(` after them.
        if trimmed.hasPrefix("?"), let help = shell.command(named: "help") { return .argument(help.argument) }
        guard trimmed.hasPrefix(":") else { return .language }
        guard let space = trimmed.firstIndex(where: { $0 == " " || $0 == "\t" }) else { return .commandName }
        let name = String(trimmed[trimmed.index(after: trimmed.startIndex)..<space])
        if let command = shell.command(named: name) { return .argument(command.argument) }
        // Commands of later issues may not be registered yet; their arguments are known already.
        switch name {
        case "derive": return .argument(.names { $0.derivationNames() })
        case "lesson": return .argument(.names { $0.lessonNames() })
        default: return .argument(.none)
        }
    }

    /// The characters that end the word being completed, for the line before the cursor.
    func wordBreaks(_ line: String) -> String {
        if line.trimmingSpaces.hasPrefix("?") { return Completer.languageBreaks }
        if case .argument(.expression) = context(line) { return Completer.languageBreaks }
        if case .language = context(line) { return Completer.languageBreaks }
        return Completer.commandBreaks
    }

    /// The word being completed: the end of `line` after its last break character.
    func word(_ line: String) -> String {
        let breaks = wordBreaks(line)
        return String(line.reversed().prefix { !breaks.contains($0) }.reversed())
    }

    /// The candidates for the word at the end of `line` (the text before the cursor).
    func complete(_ line: String) -> Result {
        let word = word(line)
        switch context(line) {
        case .commandName:
            let names = shell.commands.flatMap { command in
                [Candidate(word: ":" + command.name, suffix: Completer.takesArgument(command) ? " " : "")]
            }
            return .candidates(names.filter { $0.word.hasPrefix(word) })
        case .argument(.none), .argument(.text): return .candidates([])
        case .argument(.fileName): return .fileNames
        case .argument(.names(let names)):
            return .candidates(Completer.showable(Completer.unique(names(shell))).filter { $0.hasPrefix(word) }.map { Candidate(word: $0, suffix: "") })
        case .argument(.expression), .language:
            return .candidates(languageCandidates(word))
        }
    }

    private func languageCandidates(_ word: String) -> [Candidate] {
        // Only a name can be completed; after a digit (`2e`) there is nothing to offer.
        if let first = word.first, first.isNumber { return [] }
        var seen = Set<String>()
        var candidates: [Candidate] = []
        func add(_ name: String, function: Bool) {
            guard name.hasPrefix(word), Completer.isName(name), seen.insert(name).inserted else { return }
            candidates.append(Candidate(word: name, suffix: function ? "(" : ""))
        }
        let environment = shell.session.environment
        for name in environment.names {
            let isFunction = if case .function? = environment[name] { true } else { false }
            add(name, function: isFunction)
        }
        for builtin in Builtins.all { add(builtin.name, function: true) }
        for name in Builtins.constants.keys.sorted() { add(name, function: false) }
        return candidates.sorted { $0.word < $1.word }
    }

    /// What replaces the word: the only candidate with its suffix, or the longest common prefix of several.
    static func insertion(for candidates: [Candidate]) -> String? {
        guard let first = candidates.first else { return nil }
        if candidates.count == 1 { return first.word + first.suffix }
        var prefix = first.word
        for candidate in candidates.dropFirst() {
            while !candidate.word.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }

    static func takesArgument(_ command: MetaCommand) -> Bool {
        if case .none = command.argument { return false }
        return true
    }

    /// Whether `text` is a name (operators such as `+` are builtins too, but not completions).
    static func isName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.properties.isAlphabetic || first == "_" else { return false }
        return text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0 == "_" || ("0"..."9").contains($0) }
    }

    /// The names that show as they are: none of `TerminalText`'s control characters in them.
    static func showable(_ names: [String]) -> [String] {
        names.filter { !$0.unicodeScalars.contains(where: TerminalText.isShownVisibly) }
    }

    static func unique(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }
}
