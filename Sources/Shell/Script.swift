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
        /// Scalars of the prompt taken off each of its lines, in a copied session; empty when none was.
        var promptWidths: [Int] = []

        /// The file's column for `column` on the input's `line` (both 1-based), its prompt counted back in.
        func fileColumn(_ column: Int, line: Int) -> Int {
            column + (promptWidths.indices.contains(line - 1) ? promptWidths[line - 1] : 0)
        }
    }

    /// Lines are read once each: the bracket depth is added up line by line (`Session.bracketBalance`),
    /// so an unclosed `[` before 20,000 lines costs 20,000 line reads, not 20,000 re-reads of all of them.
    static func inputs(_ lines: [String]) -> [Input] {
        var inputs: [Input] = []
        var pending: [String] = []
        var widths: [Int] = []
        var start = 0
        var depth = 0
        var open = true
        // A file may be a copied session: prompts are taken off and its copied output skipped.
        var prompts = PromptFilter()
        for (number, typed) in lines.enumerated() {
            guard let line = prompts.take(typed) else { continue }
            let width = typed.unicodeScalars.count - line.unicodeScalars.count
            if pending.isEmpty {
                start = number
                depth = 0
                open = true
                if line.trimmingSpaces.hasPrefix(":") {
                    inputs.append(Input(text: line, firstLine: number + 1, promptWidths: width == 0 ? [] : [width]))
                    continue
                }
            }
            pending.append(line)
            widths.append(width)
            // As Session.needsContinuation on the whole text: a line that does not tokenize, or a closing
            // bracket with nothing open, ends the input.
            if let balance = Session.bracketBalance(of: line), open, depth + balance.lowest >= 0 {
                depth += balance.net
            } else {
                open = false
            }
            if open, depth > 0, number < lines.count - 1 { continue }
            inputs.append(input(pending, start, widths))
            pending = []
            widths = []
        }
        // Brackets still open when the skipped output of a copied session ends the file.
        if !pending.isEmpty { inputs.append(input(pending, start, widths)) }
        return inputs
    }

    private static func input(_ lines: [String], _ start: Int, _ widths: [Int]) -> Input {
        Input(text: lines.joined(separator: "\n"), firstLine: start + 1, promptWidths: widths.allSatisfy { $0 == 0 } ? [] : widths)
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
