/// Where the line history lives and which inputs go into it; pure, so it is tested without readline.
enum HistoryPolicy {
    /// Lines kept, in memory and in the file.
    static let capacity = 1000

    /// The history file: `JACOBI_HISTORY` if set (empty turns history off), else
    /// `$XDG_STATE_HOME/jacobi/history`, else `~/.local/state/jacobi/history`; nil for no history.
    ///
    /// The XDG Base Directory specification ignores a relative `XDG_STATE_HOME`, and so does this.
    static func path(environment: (String) -> String?) -> String? {
        if let explicit = environment("JACOBI_HISTORY") { return explicit.isEmpty ? nil : explicit }
        if let state = environment("XDG_STATE_HOME"), state.hasPrefix("/") { return state + "/jacobi/history" }
        guard let home = environment("HOME"), !home.isEmpty else { return nil }
        return home + "/.local/state/jacobi/history"
    }

    /// The history entry for an input: one line, with the lines of a multi-line input joined by spaces
    /// (inside brackets a line break is only a space), and comments dropped from all but the last line
    /// so the joined line still means the same; no space at either end; nil for blank input.
    static func entry(for input: String) -> String? {
        let lines = input.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var parts: [String] = []
        for (i, line) in lines.enumerated() {
            var text = i < lines.count - 1 ? String(line.prefix { $0 != "#" }) : line
            if i > 0 { text = String(text.drop { $0 == " " || $0 == "\t" }) }
            text = i < lines.count - 1 ? text.trimmingSpaces : text
            if !text.isEmpty { parts.append(text) }
        }
        let entry = parts.joined(separator: " ").trimmingSpaces
        return entry.isEmpty ? nil : entry
    }

    /// Whether to add `entry` after `previous`: never the same line twice in a row.
    static func shouldAdd(_ entry: String, after previous: String?) -> Bool {
        entry != previous
    }
}
