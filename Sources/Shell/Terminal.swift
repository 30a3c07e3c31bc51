#if canImport(Glibc)
import Glibc
#endif
import VectorLang

/// The few facts about the terminal that output depends on.
enum Terminal {
    static var standardInputIsTerminal: Bool { isatty(STDIN_FILENO) != 0 }
    static var standardOutputIsTerminal: Bool { isatty(STDOUT_FILENO) != 0 }

    /// Columns of the terminal, read afresh each time so a resize is picked up; 80 when not a terminal.
    static var width: Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let columns = getenv("COLUMNS").flatMap({ Int(String(cString: $0)) }), columns > 0 { return columns }
        return 80
    }

    /// Rows of the terminal, read afresh each time; `LINES`, else 24, when not a terminal.
    static var height: Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 { return Int(size.ws_row) }
        if let lines = getenv("LINES").flatMap({ Int(String(cString: $0)) }), lines > 0 { return lines }
        return 24
    }

    /// Columns to break text at: the terminal's; on a pipe `COLUMNS` when set, else nil (no breaking,
    /// so a file or another program gets whole lines).
    static var textWidth: Int? {
        if standardOutputIsTerminal { return width }
        return getenv("COLUMNS").flatMap { Int(String(cString: $0)) }.flatMap { $0 > 0 ? $0 : nil }
    }

    /// Whether colour is wanted: not with NO_COLOR set, TERM=dumb, or output that is not a terminal.
    static func colorAllowed(requested: Bool) -> Bool {
        guard requested, standardOutputIsTerminal else { return false }
        if let noColor = getenv("NO_COLOR"), noColor.pointee != 0 { return false }
        if let term = getenv("TERM"), String(cString: term) == "dumb" { return false }
        return true
    }

    /// How many colours the terminal shows, read as most programs read it: none with `NO_COLOR` (or
    /// `TERM=dumb`), 24-bit when `COLORTERM` is `truecolor` or `24bit`, 256 when `TERM` names `256color`
    /// (xterm-256color, screen-256color), else the 16 that every colour terminal has.
    static func colorDepth(_ environment: (String) -> String?) -> ColorDepth {
        if let noColor = environment("NO_COLOR"), !noColor.isEmpty { return .none }
        let term = environment("TERM") ?? ""
        if term == "dumb" { return .none }
        if let colorTerm = environment("COLORTERM")?.lowercased(), colorTerm == "truecolor" || colorTerm == "24bit" {
            return .trueColor
        }
        return term.contains("256color") ? .palette256 : .sixteen
    }

    /// `colorDepth` of this process's environment.
    static var colorDepth: ColorDepth { colorDepth { getenv($0).map { String(cString: $0) } } }

    /// Writes to standard output; a failed write ends the process (see `StandardOutput`).
    static func writeOut(_ text: String) {
        StandardOutput.write(text)
    }

    /// A yes-or-no question outside the REPL (`present --output` over a file), asked on standard error
    /// so that standard output stays the program's: true only for y or yes, nil at the end of input.
    /// Only for a terminal: elsewhere nobody could answer, and the caller refuses instead of asking.
    static func confirm(_ question: String) -> Bool? {
        // The question names a file the user gave: shown through the gate, as all such text is.
        writeError(TerminalText.shown(question))
        guard let answer = Swift.readLine(strippingNewline: true) else { return nil }
        return ["y", "yes"].contains(answer.trimmingSpaces.lowercased())
    }

    /// Writes to standard error unbuffered, after flushing standard output so the two stay in order.
    ///
    /// The flush's own failure is not acted on here: this also writes the message about it.
    static func writeError(_ text: String) {
        fflush(nil)
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
            if written <= 0 { return }
            offset += written
        }
    }

    /// Flushes every C stream; a failure to flush standard output ends the process (see `StandardOutput`).
    static func flush() {
        fflush(nil)
        StandardOutput.flush()
    }
}
