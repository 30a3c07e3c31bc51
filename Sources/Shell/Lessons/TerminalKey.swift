/// One key as a terminal in raw mode sends it: a byte, or an escape sequence for the arrows and the
/// Page, Home and End keys (both the `ESC [` and the `ESC O` forms, which terminals choose between).
enum TerminalKey: Equatable {
    case character(Character)
    case enter, backspace, escape
    case up, down, left, right, pageUp, pageDown, home, end
    /// Ctrl and a letter: `control("c")` is byte 3.
    case control(Character)
    case endOfInput
    /// A sequence or byte with no name here (a function key, a byte of a multibyte character).
    case unknown

    /// The key that `bytes` starts with, and how many bytes it took (at least one for a non-empty input).
    ///
    /// An escape alone is Esc; so is an escape followed by anything that is not a sequence we know,
    /// of which only the ESC is taken.
    static func decode(_ bytes: [UInt8]) -> (key: TerminalKey, length: Int) {
        guard let first = bytes.first else { return (.endOfInput, 0) }
        switch first {
        case 10, 13: return (.enter, 1)
        case 8, 127: return (.backspace, 1)
        case 27: return escapeSequence(bytes)
        case 1...26: return (.control(Character(Unicode.Scalar(first + 96))), 1)
        case 32...126: return (.character(Character(Unicode.Scalar(first))), 1)
        default: return (.unknown, 1)
        }
    }

    private static func escapeSequence(_ bytes: [UInt8]) -> (key: TerminalKey, length: Int) {
        guard bytes.count >= 3, bytes[1] == UInt8(ascii: "[") || bytes[1] == UInt8(ascii: "O") else { return (.escape, 1) }
        // CSI: parameters (digits and ;), then one final byte from @ to ~.
        var end = 2
        while end < bytes.count, (48...63).contains(bytes[end]) { end += 1 }
        guard end < bytes.count, (64...126).contains(bytes[end]) else { return (.escape, 1) }
        let parameters = String(decoding: bytes[2..<end], as: UTF8.self)
        let length = end + 1
        switch (Character(Unicode.Scalar(bytes[end])), parameters) {
        case ("A", _): return (.up, length)
        case ("B", _): return (.down, length)
        case ("C", _): return (.right, length)
        case ("D", _): return (.left, length)
        case ("H", _), ("~", "1"), ("~", "7"): return (.home, length)
        case ("F", _), ("~", "4"), ("~", "8"): return (.end, length)
        case ("~", "5"): return (.pageUp, length)
        case ("~", "6"): return (.pageDown, length)
        default: return (.unknown, length)
        }
    }
}
