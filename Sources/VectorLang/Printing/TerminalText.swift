/// Text made safe to show on a terminal: every character that would steer the terminal instead of
/// being printed is written out visibly, so a lesson, a script or an argument can be read but never obeyed.
///
/// A terminal obeys what it is sent: ESC starts sequences that set the window title (OSC 0), write the
/// clipboard (OSC 52), clear the screen, switch to the alternate screen or make the terminal type a
/// reply into the input (`ESC [6n`); C1 controls (U+009B is a one-character CSI) do the same without
/// the ESC; bidirectional overrides reorder what is displayed, so text reads other than it is (the
/// "Trojan Source" attack). Shown instead:
///
/// - C0 controls except newline and tab, in caret notation: ESC as `^[`, NUL as `^@`, CR as `^M`;
/// - DEL as `^?`;
/// - C1 controls (U+0080–U+009F), the bidi marks and overrides (U+200E, U+200F, U+202A–U+202E,
///   U+2066–U+2069) and U+FEFF as Swift writes them in a string: `\u{9B}`, `\u{202E}`.
///
/// Everything else passes unchanged (∂, Σ, subscripts, CJK, emoji), and so do newline and tab, which
/// lay text out rather than steer. The result contains none of these characters, so showing it again
/// changes nothing: layers may each pass text through without harm.
public enum TerminalText {
    /// `text` with every character the terminal would obey written out visibly.
    public static func shown(_ text: String) -> String {
        // Nearly all text has nothing to show; one pass over the scalars finds that, and returns it as it is.
        guard text.unicodeScalars.contains(where: isShownVisibly) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isShownVisibly(scalar) {
                out.append(contentsOf: visibleForm(of: scalar).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Whether `scalar` is one the terminal would obey rather than print (newline and tab excepted).
    public static func isShownVisibly(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF: return true
        default: return false
        }
    }

    /// What is shown for `scalar`: `^[` for ESC, `^?` for DEL, `\u{202E}` for a bidi override; the
    /// scalar itself when it prints as it is. The width of this text is the columns it takes, which is
    /// how a diagnostic's caret finds its column.
    public static func visibleForm(of scalar: Unicode.Scalar) -> String {
        guard isShownVisibly(scalar) else { return String(scalar) }
        switch scalar.value {
        case 0x7F: return "^?"
        // Caret notation: the control's code plus 64 is the letter after the caret (ESC 27 → `[`).
        case 0x00...0x1F: return "^" + String(Unicode.Scalar(UInt8(scalar.value + 0x40)))
        default: return "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        }
    }

    /// Columns `scalar` takes once shown: 2 for `^[`, 8 for `\u{202E}`, 1 for anything printed as it is.
    ///
    /// Wide characters (CJK, emoji) count as one here, as they do everywhere else Jacobi lines text up.
    static func shownWidth(of scalar: Unicode.Scalar) -> Int {
        isShownVisibly(scalar) ? visibleForm(of: scalar).unicodeScalars.count : 1
    }
}
