/// A matrix drawn as shaded cells, with row and column indices and a legend.
///
/// The scale diverges from zero and is symmetric, ±max|a_ij|, so sign reads at a glance. In colour
/// (`PrintOptions.colors`) each cell is a block on the blue–white–red `DivergingScale`. Without colour,
/// positive cells are solid shades (`░▒▓█`), negative ones dashes (`·-=≡`), zero is blank, so the two
/// signs get different glyphs rather than different hues. A softmax Jacobian diag(p) − p pᵀ shows its
/// dark diagonal in a field of blue (or dashes). A matrix too big for the width is shown in blocks, each
/// cell holding the element of largest magnitude in its block, so a diagonal survives.
struct Heatmap: Sendable {
    let matrix: Tensor

    /// Most rows drawn before rows are grouped into blocks.
    static let maximumRows = 40

    struct Glyphs {
        let positive: [String], negative: [String], zero: String, nan: String
        static let unicode = Glyphs(positive: ["░", "▒", "▓", "█"], negative: ["·", "-", "=", "≡"], zero: " ", nan: "?")
        static let ascii = Glyphs(positive: [":", "+", "*", "#"], negative: [".", "-", "=", "%"], zero: " ", nan: "?")
    }

    func render(_ options: PrintOptions) -> [TintedLine] {
        let rows = matrix.rank == 2 ? matrix.shape[0] : 1
        let columns = matrix.rank == 2 ? matrix.shape[1] : matrix.count
        guard rows > 0, columns > 0, rows * columns == matrix.count else { return [TintedLine("(no cells: the matrix is empty)")] }
        let glyphs = options.ascii ? Glyphs.ascii : Glyphs.unicode
        let labelWidth = String(rows).count
        // Two characters a cell when they fit, one when not, and blocks of columns beyond that.
        let room = max(options.width - labelWidth - 3, 4)
        let cellWidth = 2 * columns <= room ? 2 : 1
        let columnStep = (columns + room - 1) / room
        let rowStep = (rows + Heatmap.maximumRows - 1) / Heatmap.maximumRows
        let shownColumns = Array(stride(from: 0, to: columns, by: columnStep))
        let shownRows = Array(stride(from: 0, to: rows, by: rowStep))
        let largest = matrix.scalars.lazy.filter(\.isFinite).map(abs).max() ?? 0

        let frame = options.ascii ? ["+", "-", "+", "|", "|", "+", "-", "+"] : ["┌", "─", "┐", "│", "│", "└", "─", "┘"]
        let inner = shownColumns.count * cellWidth
        let margin = String(repeating: " ", count: labelWidth + 1)
        var lines = [TintedLine(margin + " " + Heatmap.columnLabels(shownColumns, cellWidth: cellWidth))]
        lines.append(TintedLine(margin + frame[0] + String(repeating: frame[1], count: inner) + frame[2]))
        for r in shownRows {
            let label = String(r + 1)
            var spans = [TintedLine.Span(String(repeating: " ", count: labelWidth - label.count) + label + " " + frame[3])]
            for c in shownColumns {
                let x = Heatmap.strongest(in: matrix.scalars, columns: columns,
                                          rows: r..<min(r + rowStep, rows), columnRange: c..<min(c + columnStep, columns))
                let cell = Heatmap.cell(x, largest: largest, glyphs, options)
                spans.append(TintedLine.Span(String(repeating: cell.text, count: cellWidth), cell.tint))
            }
            lines.append(TintedLine(spans + [TintedLine.Span(frame[4])]))
        }
        lines.append(TintedLine(margin + frame[5] + String(repeating: frame[6], count: inner) + frame[7]))
        let legend = Heatmap.legend(largest: largest, hasNegative: matrix.scalars.contains { $0 < 0 },
                                    hasPositive: matrix.scalars.contains { $0 > 0 }, glyphs, options)
        lines.append(TintedLine([TintedLine.Span(margin)] + legend))
        if rowStep > 1 || columnStep > 1 {
            let times = options.ascii ? "x" : "×"
            let note = "(\(rowStep)\(times)\(columnStep) blocks, largest |value| shown)"
            lines.append(TintedLine((margin.count + note.count <= options.width ? margin : "") + note))
        }
        return lines
    }

    /// One cell: with colour a block tinted by x / largest, without it the glyph of `glyph`.
    static func cell(_ x: Double, largest: Double, _ glyphs: Glyphs, _ options: PrintOptions) -> TintedLine.Span {
        guard options.colors != .none, !x.isNaN else { return TintedLine.Span(glyph(x, largest: largest, glyphs)) }
        let t = largest > 0 && x.isFinite ? x / largest : x == 0 ? 0 : (x > 0 ? 1 : -1)
        return block(t, options)
    }

    /// A cell's block in the colour of t = x / largest.
    static func block(_ t: Double, _ options: PrintOptions) -> TintedLine.Span {
        TintedLine.Span(options.ascii ? "#" : "█", DivergingScale.tint(t, depth: options.colors))
    }

    /// The glyph of one value: its sign picks the family, |x| / largest the shade (quarters, rounded up).
    static func glyph(_ x: Double, largest: Double, _ glyphs: Glyphs) -> String {
        if x.isNaN { return glyphs.nan }
        if x == 0 || largest == 0 { return x == 0 ? glyphs.zero : (x > 0 ? glyphs.positive[3] : glyphs.negative[3]) }
        let fraction = x.isInfinite ? 1 : abs(x) / largest
        let level = min(max(Int((fraction * 4).rounded(.up)) - 1, 0), 3)
        return x > 0 ? glyphs.positive[level] : glyphs.negative[level]
    }

    /// The element of largest magnitude in a block (NaN if any is NaN, so a NaN is never hidden).
    static func strongest(in scalars: [Double], columns: Int, rows: Range<Int>, columnRange: Range<Int>) -> Double {
        var best = 0.0
        for r in rows {
            for c in columnRange {
                let x = scalars[r * columns + c]
                if x.isNaN { return x }
                if abs(x) > abs(best) { best = x }
            }
        }
        return best
    }

    /// Column indices over the cells, each written where its cell starts when there is room for it.
    static func columnLabels(_ shown: [Int], cellWidth: Int) -> String {
        var line = ""
        for (k, c) in shown.enumerated() {
            let position = k * cellWidth
            let label = String(c + 1)
            // Leave a space after the previous label, so 10 and 11 do not read as 1011.
            guard position >= line.count + (line.isEmpty ? 0 : 1) else { continue }
            line += String(repeating: " ", count: position - line.count) + label
        }
        return line
    }

    /// The scale: from −largest to 0, then up to +largest, in quarters; the glyphs, or blocks in colour.
    static func legend(largest: Double, hasNegative: Bool, hasPositive: Bool, _ glyphs: Glyphs,
                       _ options: PrintOptions) -> [TintedLine.Span] {
        guard largest > 0 else { return [TintedLine.Span("all zero")] }
        let limit = NumberFormat.scalar(largest, precision: options.clampedPrecision)
        let quarters = [0.25, 0.5, 0.75, 1.0]
        let ramp = { (sign: Double) -> [TintedLine.Span] in
            guard options.colors != .none else {
                return [TintedLine.Span((sign < 0 ? glyphs.negative.reversed() : glyphs.positive).joined())]
            }
            return (sign < 0 ? quarters.reversed().map { -$0 } : quarters).map { block($0, options) }
        }
        var spans: [TintedLine.Span] = []
        if hasNegative { spans += [TintedLine.Span("-" + limit + " ")] + ramp(-1) + [TintedLine.Span(" ")] }
        spans.append(TintedLine.Span("0"))
        if hasPositive { spans += [TintedLine.Span(" ")] + ramp(1) + [TintedLine.Span(" " + limit)] }
        return spans
    }
}
