/// Text for values as the prompt shows them; what it prints can be typed back in.
///
/// Numbers use `%g`-style significant digits (`NumberFormat`), vectors one line, matrices one line per
/// row with columns aligned (`CommonFormat`). Whatever would not fit `PrintOptions.width` is elided —
/// first and last elements, `…`, and the shape after two spaces on the last line, `(vector of 1000)`
/// or `(2000×2000 matrix)` — so an accidental `zeros(2000, 2000)` prints a screenful, not a megabyte.
public enum Printer {
    /// Matrices with more rows than this show only their first and last `edge` rows.
    static let maximumRows = 20
    /// How many elements, rows or columns are kept at each end of an elided vector or matrix.
    static let edge = 5

    /// Multi-line text for a value (no trailing newline).
    public static func format(_ value: Value, options: PrintOptions) -> String {
        switch value {
        case .tensor(let tensor): return format(tensor, options: options)
        case .traced(let node): return format(node.value, options: options)
        case .function(let function): return describe(function)
        case .list(let items): return "[" + items.map { inline($0, options: options) }.joined(separator: ", ") + "]"
        case .picture(let picture): return picture.lines(for: options).joined(separator: "\n")
        }
    }

    /// Multi-line text for numbers of any shape (no trailing newline).
    public static func format(_ tensor: Tensor, options: PrintOptions) -> String {
        let shape = tensor.shape
        switch shape.count {
        case 0:
            return format(number: tensor.scalars.first ?? .nan, precision: options.precision)
        case 1 where shape[0] == tensor.count:
            return vector(tensor.scalars, shape: shape, options: options, alwaysNote: false)
        case 2 where shape[0] >= 0 && shape[1] >= 0 && shape[0].multipliedReportingOverflow(by: shape[1]) == (tensor.count, false):
            return matrix(tensor.scalars, rows: shape[0], columns: shape[1], options: options)
        default:
            // Jacobi makes no other shapes; should one appear, show its numbers rather than trap.
            return vector(tensor.scalars, shape: shape, options: options, alwaysNote: true)
        }
    }

    /// One number with at most `precision` significant digits: `0.659`, `3`, `1.235e+04`, `-Inf`.
    ///
    /// The rules are `NumberFormat.scalar`'s: `%g` semantics, integers in full below 1e15, `-0` as `0`.
    public static func format(number: Double, precision: Int) -> String {
        NumberFormat.scalar(number, precision: precision)
    }

    /// Input text that reads back as exactly `number`: 17 significant digits at most, and `-0` kept,
    /// since a saved session must compute the same bits when it is loaded.
    public static func literal(number: Double) -> String {
        number == 0 && number.sign == .minus ? "-0" : NumberFormat.scalar(number, precision: 17)
    }

    /// A function as it was defined: `f(z) = z^2`, `z -> z^2`, `(a, b) -> a*b`, `softmax (builtin): softmax(z)`.
    static func describe(_ function: Function) -> String {
        switch function {
        case .builtin(let builtin):
            return builtin.signatures.first.map { "\(builtin.name) (builtin): \($0)" } ?? "\(builtin.name) (builtin)"
        case .closure(let closure):
            let parameters = closure.parameters.joined(separator: ", ")
            if let name = closure.name { return "\(name)(\(parameters)) = \(closure.source)" }
            return closure.parameters.count == 1 ? "\(parameters) -> \(closure.source)" : "(\(parameters)) -> \(closure.source)"
        }
    }

    /// A list element on one line: functions by name when they have one, so `[sigmoid, z -> z^2]`.
    private static func inline(_ value: Value, options: PrintOptions) -> String {
        switch value {
        case .function(let function): return function.name ?? describe(function)
        case .traced(let node): return inline(.tensor(node.value), options: options)
        case .tensor(let tensor):
            // Rows after the first begin with a space, so joining them keeps `[[1, 2], [3, 4]]` readable.
            return format(tensor, options: options).split(separator: "\n", omittingEmptySubsequences: false).joined()
        case .list(let items): return "[" + items.map { inline($0, options: options) }.joined(separator: ", ") + "]"
        case .picture: return "picture"
        }
    }

    private static func shapeNote(_ shape: [Int], _ options: PrintOptions) -> String {
        "  (" + Tensor.describe(shape: shape, ascii: options.ascii) + ")"
    }

    /// `[0.659, 0.2424, 0.09857]`, each element in its own `%g` form, elided to fit `width`.
    ///
    /// Up to `edge` elements are kept at each end, fewer when even that would not fit.
    private static func vector(_ xs: [Double], shape: [Int], options: PrintOptions, alwaysNote: Bool) -> String {
        let precision = options.precision
        let n = xs.count
        let note = alwaysNote ? shapeNote(shape, options) : ""
        if n == 0 { return "[]" + note }
        // Every element takes at least one column plus ", ": skip formatting a million numbers to learn that.
        if 3 * n + note.count <= options.width || n <= 2 {
            let line = "[" + xs.map { format(number: $0, precision: precision) }.joined(separator: ", ") + "]" + note
            if line.count <= options.width || n <= 2 { return line }
        }
        let fullNote = shapeNote(shape, options)
        let kept = min(edge, (n - 1) / 2)
        let head = xs.prefix(kept).map { format(number: $0, precision: precision) }
        let tail = xs.suffix(kept).map { format(number: $0, precision: precision) }
        var line = ""
        for k in stride(from: kept, through: 1, by: -1) {
            let cells = head.prefix(k) + [options.ellipsis] + tail.suffix(k)
            line = "[" + cells.joined(separator: ", ") + "]" + fullNote
            if line.count <= options.width { break }
        }
        return line
    }

    /// Rows of aligned columns in one `CommonFormat`, eliding middle rows and columns to fit.
    ///
    /// Rows are elided when there are more than `maximumRows`; columns when a row would not fit `width`,
    /// and then as many are kept as fit beside the shape note that goes on the last line. Right-aligning
    /// cells that share one number of decimals lines up their decimal points.
    private static func matrix(_ scalars: [Double], rows: Int, columns: Int, options: PrintOptions) -> String {
        let note = shapeNote([rows, columns], options)
        if rows == 0 || columns == 0 { return "[]" + note }
        let rowsElided = rows > maximumRows
        let shownRows = rowsElided ? Array(0..<edge) + Array((rows - edge)..<rows) : Array(0..<rows)
        // Format only columns that could be shown: all of them only if a full row might fit.
        let mightFit = columns <= 2 * edge || 3 * columns + 2 <= options.width
        let candidates = mightFit ? Array(0..<columns) : Array(0..<edge) + Array((columns - edge)..<columns)
        let c = candidates.count
        let values = shownRows.flatMap { r in candidates.map { scalars[r * columns + $0] } }
        let format = CommonFormat(choosingFor: values, precision: options.precision)
        var cells = values.map(format.format)
        CommonFormat.trimCommonZeros(&cells)
        let widths = (0..<c).map { j in shownRows.indices.map { cells[$0 * c + j].count }.max() ?? 0 }

        func rowLength(_ shown: [Int], gap: Bool) -> Int {
            4 + shown.reduce(0) { $0 + widths[$1] } + 2 * (shown.count - 1) + (gap ? options.ellipsis.count + 2 : 0)
        }
        var shown = Array(0..<c)
        var gapAfter: Int?
        // Rows that fit are kept whole even when the note then overhangs the last line.
        let fitsWhole = mightFit && rowLength(shown, gap: false) <= options.width
        if !fitsWhole {
            for k in stride(from: min(edge, (columns - 1) / 2), through: 1, by: -1) {
                shown = Array(0..<k) + Array((c - k)..<c)
                gapAfter = k
                if rowLength(shown, gap: true) + note.count <= options.width { break }
            }
        }

        var lines: [String] = []
        for i in shownRows.indices {
            if rowsElided && i == edge { lines.append(" " + options.verticalEllipsis) }
            var parts = shown.map { j in
                let cell = cells[i * c + j]
                return String(repeating: " ", count: widths[j] - cell.count) + cell
            }
            if let gapAfter { parts.insert(options.ellipsis, at: gapAfter) }
            let open = i == 0 ? "[[" : " ["
            let close = i == shownRows.count - 1 ? "]]" : "],"
            lines.append(open + parts.joined(separator: ", ") + close)
        }
        if rowsElided || gapAfter != nil { lines[lines.count - 1] += note }
        return lines.joined(separator: "\n")
    }
}
