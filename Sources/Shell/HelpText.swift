import VectorLang

/// The text of `:help`: everything grouped, or one topic in full.
///
/// Built from the builtin table and the command table, so a new builtin or command appears here
/// without anyone editing this file. Unindented lines are headings and indented ones entries, which
/// is what the palette colours.
enum HelpText {
    /// Signatures longer than this get their summary on the next line.
    static let column = 22

    /// The three ways to bind a name, which no builtin entry documents.
    static let naming: [(String, String)] = [
        ("z = [2, 1, 0.1]", "Binds z to a value, computed now."),
        ("f(x) = x^2", "Defines a function of x."),
        ("p := softmax(z)", "Defines p as an expression, evaluated wherever p is used: rebinding z changes p, and grad(z -> sum(p), z) differentiates through it."),
    ]

    /// What other REPLs taught people to type, and pasting (see `Shorthand` and `PromptFilter`).
    static let shorthands: [(String, String)] = [
        ("?NAME or NAME?", "the help for NAME, as :help NAME; help(NAME) too, and ? or help alone is :help"),
        ("exit or quit", "leaves, as :quit does: Jacobi, a lesson, or a script; a name you bound yourself (help = 3) is evaluated instead"),
        ("jacobi> 1 + 1", "a pasted line loses its prompt; in a paste or file whose first line has one, lines without one are copied output and are skipped"),
    ]

    static let keys: [(String, String)] = [
        ("Tab", "complete a name; after :load, :run or :save, a file name"),
        ("Up, Down", "earlier and later lines; Ctrl-R searches them"),
        ("Ctrl-C", "discard the line, or stop a long evaluation"),
        ("Ctrl-D", "quit, on an empty line"),
    ]

    /// The ways to bind a name, every builtin by category, then the commands by group, then the keys.
    static func overview(_ shell: ShellSession) -> String {
        let width = shell.width
        var lines = ["Type an expression to evaluate it, such as softmax([2, 1, 0.1]), or a command starting with ':'."]
        lines.append("")
        lines.append("Names")
        for (form, meaning) in naming { lines += entry(form, meaning, width: width) }
        for category in Builtin.Category.allCases {
            let builtins = Builtins.all.filter { $0.category == category }
            guard !builtins.isEmpty else { continue }
            lines.append("")
            lines.append(category.rawValue)
            for builtin in builtins { lines += entry(builtin.signatures.first ?? builtin.name, builtin.summary, width: width) }
        }
        for group in MetaCommand.Group.allCases {
            let commands = shell.commands.filter { $0.group == group }
            guard !commands.isEmpty else { continue }
            lines.append("")
            lines.append(group == .session ? "Commands" : "Commands: \(group.rawValue.lowercased())")
            for command in commands { lines += entry(command.usage, command.summary, width: width) }
        }
        lines.append("")
        lines.append("At the prompt")
        for (form, meaning) in shorthands { lines += entry(form, meaning, width: width) }
        lines.append("")
        lines.append("Keys")
        for (key, meaning) in keys { lines += entry(key, meaning, width: width) }
        lines.append("")
        lines.append(wrap(":help NAME shows one in full, with an example.", width: width, indent: "").joined(separator: "\n"))
        return lines.joined(separator: "\n")
    }

    /// `:help NAME`: a builtin, a command or a variable; a "did you mean" for anything else.
    static func topic(_ call: MetaCommand.Invocation, in shell: ShellSession) -> [ShellSession.Output] {
        let name = call.argument
        let commandName = name.hasPrefix(":") ? String(name.dropFirst()) : name
        var sections: [String] = []
        if !name.hasPrefix(":"), let builtin = Builtins.named[name] { sections.append(describe(builtin, in: shell)) }
        if let command = shell.command(named: commandName) { sections.append(describe(command, width: shell.width)) }
        if !name.hasPrefix(":"), let binding = shell.session.environment.binding(named: name),
           let listing = VariableList.text(name, in: shell.session) {
            let what = switch binding {
            case .value(.function): "a function"
            case .value: "a variable"
            case .definition: "a definition"
            }
            sections.append("\(name) is \(what) of this session\n" + listing)
        }
        if !sections.isEmpty { return [.help(sections.joined(separator: "\n\n"))] }
        // `:help :lod` is about a command, so only commands are suggested, with their colon.
        let guess = name.hasPrefix(":")
            ? Suggestions.closest(to: commandName, among: shell.commands.map(\.name)).map { ":" + $0 }
            : Suggestions.closest(to: name, among: shell.helpTopics)
        return [call.error("no builtin, command or variable called '\(name)'", note: ":help lists them all",
                           suggestion: guess.map { "did you mean \($0)?" })]
    }

    /// Signatures, summary, category and the example with what it gives.
    static func describe(_ builtin: Builtin, in shell: ShellSession) -> String {
        var lines = builtin.signatures
        lines += wrap(builtin.summary, width: shell.width, indent: "  ")
        lines.append("  (\(builtin.category.rawValue.lowercased()))")
        lines.append("  example:")
        lines.append("    jacobi> " + builtin.example)
        // A fresh session, so showing the example never changes the user's variables.
        var options = shell.session.options
        options.width = max(options.width - 4, 20)
        options.colors = .none  // the example is indented text; its pictures keep their glyphs
        let scratch = Session(options: options)
        for output in scratch.submit(builtin.example) {
            let text: String
            switch output {
            case .result(let result), .note(let result): text = result
            case .picture(let lines): text = lines.map(\.plain).joined(separator: "\n")
            case .error(let diagnostic, let source): text = diagnostic.rendered(source: source)
            }
            lines += text.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }
        }
        return lines.joined(separator: "\n")
    }

    static func describe(_ command: MetaCommand, width: Int) -> String {
        var lines = [command.usage]
        if !command.aliases.isEmpty { lines[0] += "   (also " + command.aliases.map { ":" + $0 }.joined(separator: ", ") + ")" }
        lines += wrap(command.summary, width: width, indent: "  ")
        for detail in command.detail { lines += wrap(detail, width: width, indent: "  ") }
        return lines.joined(separator: "\n")
    }

    /// `  name    summary`, the summary wrapped under itself; a long name puts the summary on the next line.
    static func entry(_ name: String, _ summary: String, width: Int) -> [String] {
        let indent = String(repeating: " ", count: column + 4)
        if name.count > column {
            // A long usage (`:derive NAME|EXPR [wrt z_j] …`) wraps at its spaces, its summary below it.
            var head = wrap(name, width: width, indent: "    ")
            head[0] = "  " + head[0].dropFirst(4)
            return head + wrap(summary, width: width, indent: indent)
        }
        var lines = wrap(summary, width: width, indent: indent)
        let head = "  " + name + String(repeating: " ", count: column - name.count + 2)
        lines[0] = head + lines[0].dropFirst(indent.count)
        return lines
    }

    /// Words of `text` filled into lines of at most `width` columns (at least 40), each starting with `indent`.
    static func wrap(_ text: String, width: Int, indent: String) -> [String] {
        let limit = max(width, 40)
        var lines: [String] = []
        var line = indent
        for word in text.split(separator: " ") {
            if line.count > indent.count && line.count + 1 + word.count > limit {
                lines.append(line)
                line = indent
            }
            line += (line.count > indent.count ? " " : "") + word
        }
        lines.append(line)
        return lines
    }
}
