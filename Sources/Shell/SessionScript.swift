import VectorLang

/// The session's definitions and assignments as a script that `:load` (or `jacobi FILE`) restores.
///
/// Numbers are written with up to 17 significant digits, the shortest that read back as exactly the
/// same Double, so a saved and reloaded session computes the same bits. Functions are written from
/// the text they were defined with; a closure that captured local values (`h = mk(2)` with
/// `mk(a) = x -> a*x`) becomes a call that rebuilds it: `h = (a -> x -> a*x)(2)`.
/// Definitions are written as they were typed, `p := softmax(z)`, in the user's order: a definition is
/// resolved only where it is used, so it may come before the names it uses. Pictures and `ans` are not
/// saved: a picture is redrawn by the line that made it.
enum SessionScript {
    struct Saved {
        var text: String
        var names: [String]
        /// Names left out, with why.
        var skipped: [(name: String, reason: String)]

        /// Writes `line`, which binds `name`, if it reads back: a line that would not parse would make the
        /// whole file fail.
        mutating func add(_ name: String, _ line: String) {
            guard (try? Parser.parse(line)) != nil else {
                skipped.append((name, "whose text would not read back: \(line)"))
                return
            }
            text += line + "\n"
            names.append(name)
        }
    }

    static func script(of environment: Environment, precision: Int) -> Saved {
        var saved = Saved(text: "# Jacobi session, written by :save; restore it with :load FILE\n", names: [], skipped: [])
        if precision != PrintOptions().precision { saved.text += ":precision \(precision)\n" }
        for name in environment.names where name != "ans" {
            let value: Value
            switch environment.binding(named: name) {
            case .value(let bound)?: value = bound
            case .definition(let definition)?:
                saved.add(name, "\(name) := \(definition.source)")
                continue
            case nil: continue
            }
            guard let line = statement(name, value) else {
                let isPicture = if case .picture = value { true } else { false }
                saved.skipped.append((name, isPicture ? "which is a picture: run the line that drew it again" : "which cannot be written as text"))
                continue
            }
            saved.add(name, line)
        }
        return saved
    }

    /// `z = [2, 1, 0.1]` or `f(z) = …`, or nil for values with no text.
    static func statement(_ name: String, _ value: Value) -> String? {
        if case .function(.closure(let closure)) = value, closure.captured.isEmpty {
            return "\(name)(\(closure.parameters.joined(separator: ", "))) = \(closure.source)"
        }
        return expression(value).map { "\(name) = \($0)" }
    }

    /// An expression that evaluates to `value`.
    static func expression(_ value: Value) -> String? {
        switch value {
        case .tensor(let tensor): return literal(tensor)
        case .function(.builtin(let builtin)): return builtin.name
        case .function(.closure(let closure)): return lambda(closure)
        case .list(let items):
            let parts = items.compactMap(expression)
            return parts.count == items.count ? "[" + parts.joined(separator: ", ") + "]" : nil
        default: return nil
        }
    }

    /// `x -> body`, or `(a -> x -> a*x)(2)` when the closure captured `a = 2`.
    static func lambda(_ closure: Closure) -> String? {
        let parameters = closure.parameters.count == 1 ? closure.parameters[0] : "(" + closure.parameters.joined(separator: ", ") + ")"
        guard !closure.parameters.isEmpty else { return nil }
        let inner = "\(parameters) -> \(closure.source)"
        guard !closure.captured.isEmpty else { return inner }
        let names = closure.captured.keys.sorted()
        let values = names.compactMap { closure.captured[$0].flatMap(expression) }
        guard values.count == names.count else { return nil }
        let outer = names.count == 1 ? names[0] : "(" + names.joined(separator: ", ") + ")"
        return "(\(outer) -> \(inner))(" + values.joined(separator: ", ") + ")"
    }

    /// Numbers of any shape, every element in full at 17 significant digits.
    static func literal(_ tensor: Tensor) -> String {
        let number = Printer.literal(number:)
        switch tensor.shape.count {
        case 0: return number(tensor.scalars.first ?? .nan)
        case 1: return "[" + tensor.scalars.map(number).joined(separator: ", ") + "]"
        default:
            let (rows, columns) = (tensor.shape[0], tensor.shape[1])
            guard rows > 0, columns > 0, rows * columns == tensor.count else { return "zeros(\(rows), \(columns))" }
            let lines = (0..<rows).map { r in "[" + tensor.row(r).map(number).joined(separator: ", ") + "]" }
            return "[" + lines.joined(separator: ", ") + "]"
        }
    }
}
