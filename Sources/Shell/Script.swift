import VectorLang

/// Lines of a script grouped into complete inputs, as the prompt would group them.
///
/// A line with brackets still open is joined with the next ones, so a matrix may span lines; a line
/// that starts with `:` is a meta-command and is complete on its own. Shared by `jacobi FILE`,
/// `:load` and `:run`, so a script means the same thing however it is run.
enum Script {
    struct Input: Equatable {
        let text: String
        /// The 1-based line where the input starts, for error locations.
        let firstLine: Int
    }

    static func inputs(_ lines: [String]) -> [Input] {
        var inputs: [Input] = []
        var pending: [String] = []
        var start = 0
        for (number, line) in lines.enumerated() {
            if pending.isEmpty {
                start = number
                if line.trimmingSpaces.hasPrefix(":") {
                    inputs.append(Input(text: line, firstLine: number + 1))
                    continue
                }
            }
            pending.append(line)
            let text = pending.joined(separator: "\n")
            if Session.needsContinuation(text), number < lines.count - 1 { continue }
            inputs.append(Input(text: text, firstLine: start + 1))
            pending = []
        }
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
