/// Values as JSON with exact numbers, for `--json` and for other programs to read.
///
/// Numbers use the shortest digits that read back as exactly the same Double (Swift's `description`),
/// so nothing is lost at any precision setting. Shapes map as NumPy's `tolist()` does: a scalar is a
/// number, a vector an array, a matrix an array of rows. JSON has no infinity or NaN; they are written
/// as `null` (Python's `json.dumps` writes `Infinity`, which strict parsers reject). Functions and
/// pictures become JSON strings holding their printed text, and lists arrays, so the output is always
/// one valid JSON value.
public enum JSONPrinter {
    public static func format(_ value: Value) -> String {
        switch value {
        case .tensor(let tensor): return format(tensor)
        case .traced(let node): return format(node.value)
        case .function: return string(Printer.format(value, options: PrintOptions()))
        case .list(let items): return "[" + items.map(format).joined(separator: ", ") + "]"
        case .picture(let picture): return string(picture.lines.joined(separator: "\n"))
        }
    }

    static func format(_ tensor: Tensor) -> String {
        let shape = tensor.shape
        if shape.isEmpty { return number(tensor.scalars.first ?? .nan) }
        guard shape.count == 2, shape[0] >= 0, shape[1] >= 0, shape[0].multipliedReportingOverflow(by: shape[1]) == (tensor.count, false) else {
            return array(tensor.scalars[...])
        }
        let rows = (0..<shape[0]).map { array(tensor.scalars[($0 * shape[1])..<(($0 + 1) * shape[1])]) }
        return "[" + rows.joined(separator: ", ") + "]"
    }

    private static func array(_ xs: ArraySlice<Double>) -> String {
        "[" + xs.map(number).joined(separator: ", ") + "]"
    }

    /// Shortest round-trip digits, `.0` dropped (`3`, `-0`, `1e-05`, `0.1`); `null` if not finite.
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return "null" }
        let text = x.description
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// A JSON string literal, escaping quotes, backslashes and control characters (RFC 8259, section 7).
    ///
    /// Also escaped, though JSON allows them raw: DEL, the C1 controls and the bidi and BOM characters
    /// that `TerminalText` shows visibly. `--json` output is read on terminals too, and `\u202e` there is
    /// text, where the raw character would reorder the line; a JSON reader gets the same string either way.
    public static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where TerminalText.isShownVisibly(scalar):
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
