import VectorLang

/// The `:vars` listing: each name with its kind and a one-line preview cut to the width.
///
/// `  z   vector of 3   [2, 1, 0.1]`, `  f   function      f(z) = -sum(y * log(softmax(z)))`. The preview
/// comes from the printer at a reduced width, so long vectors are elided the way they print.
enum VariableList {
    /// The listing of every name, or nil when there are none.
    static func text(_ environment: Environment, options: PrintOptions) -> String? {
        let entries = environment.names.compactMap { name in environment[name].map { (name, $0) } }
        guard !entries.isEmpty else { return nil }
        return lines(entries, options: options).joined(separator: "\n")
    }

    /// The listing of one name.
    static func text(_ name: String, _ value: Value, options: PrintOptions) -> String {
        lines([(name, value)], options: options).joined(separator: "\n")
    }

    static func lines(_ entries: [(String, Value)], options: PrintOptions) -> [String] {
        let kinds = entries.map { kind($0.1, ascii: options.ascii) }
        let nameWidth = entries.map(\.0.count).max() ?? 0
        let kindWidth = kinds.map(\.count).max() ?? 0
        let room = max(options.width - 2 - nameWidth - 2 - kindWidth - 2, 20)
        return zip(entries, kinds).map { entry, kind in
            let (name, value) = entry
            let pad = { (text: String, width: Int) in text + String(repeating: " ", count: width - text.count) }
            return "  " + pad(name, nameWidth) + "  " + pad(kind, kindWidth) + "  " + preview(name, value, width: room, options: options)
        }
    }

    static func kind(_ value: Value, ascii: Bool) -> String {
        if case .tensor(let t) = value { return Tensor.describe(shape: t.shape, ascii: ascii) }
        return value.kindDescription
    }

    /// One line at most `width` long: the value as printed, rows of a matrix run together.
    static func preview(_ name: String, _ value: Value, width: Int, options: PrintOptions) -> String {
        if case .picture = value { return "(type \(name) to draw it)" }
        var narrow = options
        narrow.width = width
        let printed = Printer.format(value, options: narrow).split(separator: "\n", omittingEmptySubsequences: false)
        var line = printed.joined()
        // The kind column already gives the shape that the printer notes after an elided value.
        let note = "  (" + kind(value, ascii: options.ascii) + ")"
        if line.hasSuffix(note) { line.removeLast(note.count) }
        // A matrix whose rows do not fit on one line shows its first row and an ellipsis.
        if line.count > width, printed.count > 1 { line = printed[0] + " " + narrow.ellipsisText }
        return cut(line, to: width, options: options)
    }

    /// `text` cut to `width` columns, ending with an ellipsis when it was longer.
    static func cut(_ text: String, to width: Int, options: PrintOptions) -> String {
        guard text.count > width else { return text }
        return String(text.prefix(max(width - options.ellipsisText.count, 0))) + options.ellipsisText
    }
}

extension PrintOptions {
    /// The ellipsis for the shell's own cuts, matching the printer's choice of characters.
    var ellipsisText: String { ascii ? "..." : "…" }
}
