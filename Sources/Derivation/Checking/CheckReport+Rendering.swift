import VectorLang

extension CheckReport {
    /// The report for people: each line with its mark, and under the first wrong one where it differs
    /// and the diagnosis. Lines as written pass through `TerminalText.shown`: a file may hold anything.
    ///
    /// - Parameter explanation: lines to show after the first wrong line (the engine's own derivation).
    public func text(ascii: Bool = false, explanation: [String] = []) -> String {
        var out: [String] = []
        let width = String(lines.map(\.number).max() ?? 1).count
        for line in lines {
            let number = String(repeating: " ", count: width - String(line.number).count) + String(line.number)
            let mark: String
            switch (line.status, line.role) {
            case (.holds, .setup): mark = ascii ? "  " : " "
            case (.holds, _): mark = ascii ? "ok" : "✓"
            case (.wrong, _): mark = ascii ? "x " : "✗"
            case (.followsFromWrong, _): mark = ascii ? "~ " : "↳"
            case (.parseError, _): mark = ascii ? "? " : "?"
            }
            out.append("\(mark) \(number)  \(TerminalText.shown(line.text))")
            let indent = String(repeating: " ", count: width + (ascii ? 5 : 4))
            if let problem = line.problem {
                out += problem.split(separator: "\n", omittingEmptySubsequences: false).map { indent + $0 }
            }
            if line.status == .followsFromWrong { out.append(indent + "follows from the wrong line: equal to the line before it, not to the start") }
            if line.status == .wrong, line.problem == nil {
                if let at = line.whereDiffers {
                    out.append(indent + "differs from the line before " + (at.hasPrefix("in shape") ? "" : "at ") + TerminalText.shown(at))
                }
                if let diagnosis = line.diagnosis {
                    out.append(indent + "diagnosis: " + TerminalText.shown(diagnosis))
                    if line.number == firstWrong { out += explanation.map { indent + "  " + TerminalText.shown($0) } }
                }
            }
        }
        out += notes.map { "note: " + TerminalText.shown($0) }
        out.append(summary)
        let text = out.joined(separator: "\n")
        return ascii ? ASCIIText.spell(text) : text
    }

    /// One line: every step holds, or the first wrong line and how many lines do not parse.
    public var summary: String {
        let steps = lines.filter { $0.role == .step }
        let errors = lines.filter { $0.status == .parseError }.count
        var parts: [String] = []
        if let firstWrong { parts.append("first wrong step: line \(firstWrong)") }
        if errors > 0 { parts.append("\(errors) line\(errors == 1 ? "" : "s") with errors") }
        if parts.isEmpty { return "every step holds (\(steps.count) step\(steps.count == 1 ? "" : "s"))" }
        return parts.joined(separator: "; ")
    }

    /// `{"lines": [{"line", "text", "status", "diagnosis", "slips", "where", "error"}], "first_wrong": N|null}`.
    public var json: String {
        func string(_ s: String?) -> String { s.map(JSONPrinter.string) ?? "null" }
        let items = lines.map { line in
            "{\"line\": \(line.number), \"text\": \(string(line.text)), \"status\": \(string(line.status.rawValue)), "
                + "\"diagnosis\": \(string(line.diagnosis)), "
                + "\"slips\": [\(line.slips.map { string($0.kind) }.joined(separator: ", "))], "
                + "\"where\": \(string(line.whereDiffers)), \"error\": \(string(line.problem))}"
        }
        return "{\"lines\": [" + items.joined(separator: ", ") + "], \"first_wrong\": \(firstWrong.map(String.init) ?? "null")}"
    }
}
