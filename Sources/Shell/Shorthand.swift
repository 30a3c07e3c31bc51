import VectorLang

/// The words people type at any REPL before they learn ours: `?softmax`, `softmax?`, `help`,
/// `help(softmax)`, `exit`, `quit`.
///
/// Recognised in `ShellSession.submit`, which every front end calls (the REPL, scripts, `:load`, the
/// lesson prompt and a lesson on a pipe), so they mean the same everywhere: help forms run `:help`,
/// and `exit`/`quit` run `:quit`, which in a lesson leaves the lesson and in a script ends it.
///
/// - `?`, `?NAME`, `NAME?` (and `??NAME`, `NAME??`): help, always, since `?` is no part of the language.
/// - `help`, `help()`, `help(NAME)`, `help("NAME")`: help, unless the session binds `help`.
/// - `exit`, `quit`, `exit()`, `quit()`: leave, unless the session binds that name.
///
/// A name the user bound (`help = 3`, `exit = [1, 2]`, `help(x) = x`) is theirs: the line is evaluated.
enum Shorthand: Equatable {
    /// `:help`, or `:help TOPIC`; `range` is where the topic is in the line, for errors about it.
    case help(topic: String?, range: SourceRange)
    case quit

    /// The shorthand `input` is, or nil when it is language (or a `:` command) to run as it is.
    /// `isBound` says whether a name belongs to the session, which then wins over the shorthand.
    static func recognise(_ input: String, isBound: (String) -> Bool) -> Shorthand? {
        let scalars = Array(input.unicodeScalars)
        var start = 0, end = scalars.count
        while start < end, scalars[start] == " " || scalars[start] == "\t" { start += 1 }
        while end > start, scalars[end - 1] == " " || scalars[end - 1] == "\t" { end -= 1 }
        let text = String(String.UnicodeScalarView(scalars[start..<end]))
        if text.hasPrefix("?") {
            var topicStart = start
            while topicStart < end, scalars[topicStart] == "?" || scalars[topicStart] == " " { topicStart += 1 }
            return help(scalars, topicStart, end)
        }
        if text.hasSuffix("?") {
            var topicEnd = end
            while topicEnd > start, scalars[topicEnd - 1] == "?" || scalars[topicEnd - 1] == " " { topicEnd -= 1 }
            let topic = String(String.UnicodeScalarView(scalars[start..<topicEnd]))
            // `1 + 2?` is not a question about a name: the evaluator says what is wrong with it.
            return isTopic(topic) ? help(scalars, start, topicEnd) : nil
        }
        if ["exit", "quit", "exit()", "quit()"].contains(text) {
            return isBound(text.hasPrefix("exit") ? "exit" : "quit") ? nil : .quit
        }
        guard text.hasPrefix("help"), !isBound("help") else { return nil }
        if text == "help" || text == "help()" { return .help(topic: nil, range: .point(end)) }
        guard text.hasPrefix("help("), text.hasSuffix(")") else { return nil }
        var topicStart = start + 5, topicEnd = end - 1
        // `help("softmax")`, as in Python: Jacobi has no strings, so the quotes can only mean the name.
        while topicStart < topicEnd, ["\"", "'", " "].contains(scalars[topicStart]) { topicStart += 1 }
        while topicEnd > topicStart, ["\"", "'", " "].contains(scalars[topicEnd - 1]) { topicEnd -= 1 }
        let topic = String(String.UnicodeScalarView(scalars[topicStart..<topicEnd]))
        return isTopic(topic) ? help(scalars, topicStart, topicEnd) : nil
    }

    private static func help(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int) -> Shorthand {
        guard start < end else { return .help(topic: nil, range: .point(start)) }
        return .help(topic: String(String.UnicodeScalarView(scalars[start..<end])), range: SourceRange(start, end))
    }

    /// Whether `text` could be something `:help` describes: one name, or `:` and a command's name.
    static func isTopic(_ text: String) -> Bool {
        let name = text.hasPrefix(":") ? String(text.dropFirst()) : text
        guard let tokens = try? Lexer.tokenize(name), tokens.count == 2,
              case .identifier = tokens[0].kind, tokens[1].kind == .end else { return false }
        return tokens[0].range == SourceRange(0, name.unicodeScalars.count)
    }
}

extension ShellSession {
    /// The shorthand `input` is in this session, where a name it binds (or a builtin) is not one.
    func shorthand(_ input: String) -> Shorthand? {
        Shorthand.recognise(input) { name in
            session.environment.binding(named: name) != nil || Builtins.named[name] != nil
        }
    }

    /// Runs a shorthand as the command it stands for; errors point into `input` as typed.
    func run(_ shorthand: Shorthand, typed input: String) -> [Output] {
        switch shorthand {
        case .quit:
            // Through submit, so that in a lesson the lesson's :quit takes it.
            return submit(":quit")
        case .help(let topic, let range):
            guard let help = command(named: "help") else { return [] }
            let call = MetaCommand.Invocation(source: input, argument: topic ?? "", nameRange: range, argumentRange: range)
            return help.run(self, call)
        }
    }

    /// Whether what `input` prints may go through the pager: help (`:help`, `?NAME`, `help(NAME)`)
    /// and `:derive`, the long reference texts. Results and lesson text never are.
    func isPageable(_ input: String) -> Bool {
        if case .help? = shorthand(input) { return true }
        let text = input.trimmingSpaces
        guard text.hasPrefix(":") else { return false }
        let name = String(text.dropFirst().prefix { $0 != " " && $0 != "\t" })
        return ["help", "derive"].contains(command(named: name)?.name ?? "")
    }
}
