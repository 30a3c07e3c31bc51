import VectorLang

/// Lines of a script grouped into complete inputs, as the prompt would group them.
///
/// A line with brackets still open is joined with the next ones, so a matrix may span lines; a line
/// that starts with `:` is a meta-command and is complete on its own. Shared by `jacobi FILE`,
/// `:load` and `:run`, so a script means the same thing however it is run. A file that is a copied
/// session (its first line with text starts with `jacobi> `) is read as `PromptFilter` says.
enum Script {
    struct Input: Equatable {
        let text: String
        /// The 1-based line where the input starts, for error locations.
        let firstLine: Int
    }

    /// Lines are read once each: the bracket depth is added up line by line (`Session.bracketBalance`),
    /// so an unclosed `[` before 20,000 lines costs 20,000 line reads, not 20,000 re-reads of all of them.
    static func inputs(_ lines: [String]) -> [Input] {
        var inputs: [Input] = []
        var pending: [String] = []
        var start = 0
        var depth = 0
        var open = true
        // A file may be a copied session: prompts are taken off and its copied output skipped.
        var prompts = PromptFilter()
        for (number, typed) in lines.enumerated() {
            guard let line = prompts.take(typed) else { continue }
            if pending.isEmpty {
                start = number
                depth = 0
                open = true
                if line.trimmingSpaces.hasPrefix(":") {
                    inputs.append(Input(text: line, firstLine: number + 1))
                    continue
                }
            }
            pending.append(line)
            // As Session.needsContinuation on the whole text: a line that does not tokenize, or a closing
            // bracket with nothing open, ends the input.
            if let balance = Session.bracketBalance(of: line), open, depth + balance.lowest >= 0 {
                depth += balance.net
            } else {
                open = false
            }
            if open, depth > 0, number < lines.count - 1 { continue }
            inputs.append(Input(text: pending.joined(separator: "\n"), firstLine: start + 1))
            pending = []
        }
        // Brackets still open when the skipped output of a copied session ends the file.
        if !pending.isEmpty { inputs.append(Input(text: pending.joined(separator: "\n"), firstLine: start + 1)) }
        return inputs
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return String(s)
    }
}
