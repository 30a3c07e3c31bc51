import VectorLang

/// Finds the characters in a lesson file that a terminal would obey rather than print: C0 controls
/// (ESC above all), DEL, C1 controls, bidi marks and overrides, a byte-order mark inside the text;
/// the set `TerminalText` shows visibly.
///
/// A learner never receives them raw, since every output goes through `TerminalText.shown`, so a
/// shared lesson cannot retitle the window or write the clipboard. But a learner would read `^[]0;…`
/// where the author meant something else, and a lesson holding them was most likely written to
/// attack, or pasted from a terminal by mistake: `jacobi lessons check` fails on them, naming the line.
enum ControlCharacterCheck {
    /// One diagnostic per line that holds such characters (and one for the file's name), each naming
    /// the characters by code point and column, and how a learner sees them.
    static func diagnostics(in text: String, file: String) -> [LessonDiagnostic] {
        var found: [LessonDiagnostic] = []
        let name = String(file.split(separator: "/").last ?? Substring(file))
        if let problem = describe(name) {
            found.append(LessonDiagnostic(file: file, line: 1, message: "the file's name holds \(problem)"))
        }
        for (index, line) in LineReader.lines(of: text).enumerated() {
            if let problem = describe(line) { found.append(LessonDiagnostic(file: file, line: index + 1, message: problem)) }
        }
        return found
    }

    /// "control character U+001B at column 9 (a learner sees ^[)", or nil when `text` has none.
    static func describe(_ text: String) -> String? {
        var places: [String] = []
        var forms: [String] = []
        for (offset, scalar) in text.unicodeScalars.enumerated() where TerminalText.isShownVisibly(scalar) {
            places.append("\(codePoint(scalar)) at column \(offset + 1)")
            let form = TerminalText.visibleForm(of: scalar)
            if !forms.contains(form) { forms.append(form) }
        }
        guard !places.isEmpty else { return nil }
        let noun = places.count == 1 ? "control character" : "control characters"
        return "\(noun) \(places.joined(separator: ", ")) (a learner sees \(forms.joined(separator: ", ")), "
            + "written out, not obeyed; remove \(places.count == 1 ? "it" : "them"))"
    }

    /// `U+001B`: four hex digits at least, as the Unicode standard writes code points.
    private static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(4 - hex.count, 0)) + hex
    }
}
