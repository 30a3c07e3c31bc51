/// Why two shapes do not broadcast, said with the operands as they were written: what the operation
/// does with a column or a row, what size that needs, and the transpose that would fit.
extension Broadcasting {
    static func mismatch(_ a: [Int], _ b: [Int], _ args: Arguments) -> Diagnostic {
        let message = "shape mismatch in \(args.name): \(Tensor.describe(shape: a)) and \(Tensor.describe(shape: b))"
        let range = args.callRange.union(args.range(0)).union(args.range(1))
        let (note, suggestion): (String, String?)
        switch (a.count, b.count) {
        case (2, 1), (1, 2): (note, suggestion) = matrixAndVector(a, b, args)
        case (1, 1): (note, suggestion) = twoVectors(a[0], b[0], args)
        default: (note, suggestion) = twoMatrices(a, b, args)
        }
        return Diagnostic(message, at: range, note: note, suggestion: suggestion)
    }

    /// `A * v`: the vector is a column, so it goes with A's rows and needs one element per row.
    private static func matrixAndVector(_ a: [Int], _ b: [Int], _ args: Arguments) -> (String, String?) {
        let matrixFirst = a.count == 2
        let matrix = matrixFirst ? a : b, n = (matrixFirst ? b : a)[0]
        let m = args.written(matrixFirst ? 0 : 1, or: "A"), v = args.written(matrixFirst ? 1 : 0, or: "v")
        let rows = action(args.name, lane: "row i of \(m)", element: Written.element(v, "i"), matrixFirst: matrixFirst)
        let shown = expression(args, matrixFirst ? (m, v) : (v, m))
        let note = "a vector is a column, so \(shown) \(rows.does): \(v) needs \(count(matrix[0], "element")), "
            + "one per row of \(m), and has \(n)"
        guard n == matrix[1] else { return (note, nil) }
        let columns = action(args.name, lane: "column j of \(m)", element: Written.element(v, "j"), matrixFirst: matrixFirst)
        let vt = Written.transposed(v)
        return (note, "to \(columns.do) instead, transpose \(v): \(expression(args, matrixFirst ? (m, vt) : (vt, m)))")
    }

    /// `p * q` with two lengths: elementwise needs one length; a column and a row make a table.
    private static func twoVectors(_ n: Int, _ k: Int, _ args: Arguments) -> (String, String?) {
        let a = args.written(0, or: "a"), b = args.written(1, or: "b")
        return ("elementwise, two vectors need the same length",
                "for the \(n)×\(k) table of every pair, make the right a row: \(expression(args, (a, Written.transposed(b))))")
    }

    /// Two matrices: each dimension equal, or 1 in one of them.
    private static func twoMatrices(_ a: [Int], _ b: [Int], _ args: Arguments) -> (String, String?) {
        let x = args.written(0, or: "A"), y = args.written(1, or: "B")
        var note = "each dimension must be equal, or 1 in one of them: a row (1×n) repeats down the rows, a column (m×1) along the columns"
        if a.count == 2, b.count == 2, a[0] == 1 || b[0] == 1 {
            let rowFirst = a[0] == 1
            let (row, other, matrix) = rowFirst ? (x, y, b) : (y, x, a)
            let columns = rowFirst ? a[1] : b[1]
            note = "\(row) is a row, so it repeats down the rows of \(other): it needs \(count(matrix[1], "column")) and has \(columns)"
            if columns == matrix[0] {
                let column = Written.transposed(row)
                return (note, "to go with the rows of \(other) instead, transpose it: \(expression(args, rowFirst ? (column, y) : (x, column)))")
            }
        }
        if a.count == 2, b.count == 2, a[0] == b[1], a[1] == b[0] {
            return (note, "transpose one of them with '")
        }
        if a.count == 2, b.count == 2, a[1] == b[0] {
            return (note, "for a matrix product, use @: \(Written.atom(x)) @ \(Written.atom(y))")
        }
        return (note, nil)
    }

    /// What an operator does with a vector's element and a lane of a matrix, in the third person and in the infinitive.
    private static func action(_ op: String, lane: String, element: String, matrixFirst: Bool) -> (does: String, do: String) {
        let (verb, rest): (String, String)
        switch op {
        case "*": (verb, rest) = ("scale", "\(lane) by \(element)")
        case "+": (verb, rest) = ("add", "\(element) to \(lane)")
        case "-": (verb, rest) = ("subtract", matrixFirst ? "\(element) from \(lane)" : "\(lane) from \(element)")
        case "/": (verb, rest) = ("divide", matrixFirst ? "\(lane) by \(element)" : "\(element) by \(lane)")
        default: (verb, rest) = ("pair", "\(element) with \(lane)")
        }
        return ("\(verb)s \(rest)", "\(verb) \(rest)")
    }

    /// `a op b` for an operator, `f(a, b)` for a function such as log with a base.
    private static func expression(_ args: Arguments, _ operands: (String, String)) -> String {
        guard args.name.count == 1, args.name.first?.isLetter == false else { return "\(args.name)(\(operands.0), \(operands.1))" }
        return "\(Written.atom(operands.0)) \(args.name) \(Written.atom(operands.1))"
    }

    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}
