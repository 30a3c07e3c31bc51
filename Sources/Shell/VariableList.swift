import VectorLang

/// The `:vars` listing: each name with its kind and a one-line preview cut to the width.
///
/// `  z   vector of 3   [2, 1, 0.1]`, `  f   function      f(z) = -sum(y * log(softmax(z)))`,
/// `  p   vector of 3   p := softmax(z) = [0.659, 0.2424, 0.09857]`. The preview comes from the printer at
/// a reduced width, so long vectors are elided the way they print. A definition is evaluated for the
/// listing, at the session's bindings, and says why when it cannot be.
enum VariableList {
    /// What the listing shows of one name.
    enum Entry {
        case value(Value)
        /// A definition, with its value now or the error that stops it.
        case definition(Environment.Definition, Result<Value, Diagnostic>)
    }

    /// The listing of every name, or nil when there are none.
    static func text(_ session: Session) -> String? {
        let entries = session.environment.names.compactMap { name in entry(name, in: session).map { (name, $0) } }
        guard !entries.isEmpty else { return nil }
        return lines(entries, options: session.options).joined(separator: "\n")
    }

    /// The listing of one name, or nil when the session has no such name.
    static func text(_ name: String, in session: Session) -> String? {
        entry(name, in: session).map { lines([(name, $0)], options: session.options).joined(separator: "\n") }
    }

    static func entry(_ name: String, in session: Session) -> Entry? {
        switch session.environment.binding(named: name) {
        case .value(let value)?:
            return .value(value)
        case .definition(let definition)?:
            do {
                return .definition(definition, .success(try session.evaluator.value(of: definition)))
            } catch let diagnostic as Diagnostic {
                return .definition(definition, .failure(diagnostic))
            } catch {
                return .definition(definition, .failure(Diagnostic("\(error)", at: definition.body.range)))
            }
        case nil:
            return nil
        }
    }

    static func lines(_ entries: [(String, Entry)], options: PrintOptions) -> [String] {
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

    /// The value's kind; a definition that cannot be evaluated now is just a definition.
    static func kind(_ entry: Entry, ascii: Bool) -> String {
        switch entry {
        case .value(let value), .definition(_, .success(let value)):
            if case .tensor(let t) = value { return Tensor.describe(shape: t.shape, ascii: ascii) }
            return value.kindDescription
        case .definition(_, .failure):
            return "definition"
        }
    }

    /// One line at most `width` long: the value as printed (rows of a matrix run together), after the
    /// definition as written for a definition.
    static func preview(_ name: String, _ entry: Entry, width: Int, options: PrintOptions) -> String {
        switch entry {
        case .value(let value):
            return preview(name, value, width: width, options: options)
        case .definition(let definition, .failure(let diagnostic)):
            return cut("\(name) := \(definition.source)  (cannot evaluate now: \(diagnostic.message))", to: width, options: options)
        case .definition(let definition, .success(let value)):
            let head = "\(name) := \(definition.source)"
            if case .picture = value { return cut(head + "  " + preview(name, value, width: width, options: options), to: width, options: options) }
            let room = max(width - head.count - 3, 10)
            return cut(head + " = " + preview(name, value, width: room, options: options), to: width, options: options)
        }
    }

    static func preview(_ name: String, _ value: Value, width: Int, options: PrintOptions) -> String {
        if case .picture = value { return "(type \(name) to draw it)" }
        var narrow = options
        narrow.width = width
        let printed = Printer.format(value, options: narrow).split(separator: "\n", omittingEmptySubsequences: false)
        var line = printed.joined()
        // The kind column already gives the shape that the printer notes after an elided value.
        let note = "  (" + kind(.value(value), ascii: options.ascii) + ")"
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
