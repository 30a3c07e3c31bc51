/// Functions drawn as curves over [a, b], with a frame, tick labels on both axes and a legend.
///
/// The first curve is drawn in braille dots (2 × 4 per cell, as UnicodePlots' `lineplot`), later
/// ones with a marker per column (`•`, `×`, `∗`), since plain text has no colours to tell curves
/// apart. In ASCII every curve gets a marker (`*`, `o`, `x`, `#`). The axes y = 0 and x = 0 are
/// dotted lines where they fall inside the frame. The samples are taken once, when the picture is
/// made, finely enough for the widest plot, and mapped onto whatever width the output has.
struct LinePlot: Sendable {
    struct Series: Sendable {
        let name: String
        /// f at `samples` evenly spaced points from a to b, both included; NaN where f is undefined.
        let ys: [Double]
    }

    let series: [Series]
    let a: Double, b: Double

    static let height = 15
    static let maximumWidth = 64
    static let minimumWidth = 16
    static let unicodeMarkers: [Character] = ["•", "×", "∗"]
    static let asciiMarkers: [Character] = ["*", "o", "x", "#"]

    func render(_ options: PrintOptions) -> [String] {
        let finite = series.flatMap { $0.ys.filter(\.isFinite) }
        let (low, high) = Ticks.widened(finite.min() ?? 0, finite.max() ?? 1)
        let yTicks = Ticks.loose(low, high, count: 4)
        let yMin = yTicks.values.first ?? low, yMax = yTicks.values.last ?? high
        let h = LinePlot.height
        let rowOf = { (y: Double) in LinePlot.cell((yMax - y) / (yMax - yMin), h) }
        var yLabels: [Int: String] = [:]
        for y in yTicks.values where yLabels[rowOf(y)] == nil { yLabels[rowOf(y)] = Ticks.label(y, step: yTicks.step) }
        let margin = (yLabels.values.map(\.count).max() ?? 1) + 1
        let w = min(max(options.width - margin - 2, LinePlot.minimumWidth), LinePlot.maximumWidth)

        var grid = Array(repeating: Array(repeating: Character(" "), count: w), count: h)
        if options.ascii {
            drawAxesInCharacters(&grid, yMin: yMin, yMax: yMax)
            for (k, s) in series.enumerated() { drawInCharacters(s, LinePlot.asciiMarkers[k % 4], &grid, yMin: yMin, yMax: yMax) }
        } else {
            var canvas = DotCanvas(columns: w, rows: h)
            drawAxesInDots(&canvas, yMin: yMin, yMax: yMax)
            if let first = series.first { drawInDots(first, &canvas, yMin: yMin, yMax: yMax) }
            for r in 0..<h { for c in 0..<w { if let dots = canvas.character(column: c, row: r) { grid[r][c] = dots } } }
            for (k, s) in series.enumerated().dropFirst() {
                drawInCharacters(s, LinePlot.unicodeMarkers[(k - 1) % 3], &grid, yMin: yMin, yMax: yMax)
            }
        }
        return frame(grid, yLabels: yLabels, margin: margin, options: options)
    }

    /// The grid inside a border, y labels at the left, x labels below and the legend under them.
    private func frame(_ grid: [[Character]], yLabels: [Int: String], margin: Int, options: PrintOptions) -> [String] {
        let w = grid.first?.count ?? 0
        let (corner, horizontal, vertical, leftTick, bottomTick) = options.ascii
            ? (["+", "+", "+", "+"], "-", "|", "+", "+") : (["┌", "┐", "└", "┘"], "─", "│", "┤", "┬")
        let pad = { (text: String, width: Int) in String(repeating: " ", count: max(width - text.count, 0)) + text }
        var lines = [String(repeating: " ", count: margin) + corner[0] + String(repeating: horizontal, count: w) + corner[1]]
        for (r, row) in grid.enumerated() {
            let label = yLabels[r]
            lines.append(pad(label ?? "", margin - 1) + " " + (label == nil ? vertical : leftTick) + String(row) + vertical)
        }
        let (xLabels, tickColumns) = xAxis(width: w, offset: margin + 1)
        let bottom = (0..<w).map { tickColumns.contains($0) ? bottomTick : horizontal }.joined()
        lines.append(String(repeating: " ", count: margin) + corner[2] + bottom + corner[3])
        lines.append(xLabels)
        lines += legend(ascii: options.ascii, indent: margin + 1, width: max(options.width, margin + 2 + w))
        return lines.map { String($0.reversed().drop { $0 == " " }.reversed()) }
    }

    /// The line of x labels and the columns they mark: multiples of a 1, 2 or 5 step inside [a, b]
    /// (`Ticks.inside`), so they are evenly spaced, about one per ten columns and fewer when their labels
    /// would touch, as matplotlib's MaxNLocator lowers its count. The frame's edges mark a and b.
    private func xAxis(width w: Int, offset: Int) -> (String, Set<Int>) {
        let most = max(w / 10, 2)
        for count in stride(from: most, through: 2, by: -1) {
            if let axis = xAxis(Ticks.inside(a, b, count: count), width: w, offset: offset) { return axis }
        }
        // Labels too long for even two ticks (a tiny range far from zero): the ends, written as they fit.
        let ends = (values: [a, b], step: b - a)
        return xAxis(ends, width: w, offset: offset, dropping: true) ?? (String(repeating: " ", count: offset), [])
    }

    /// The labels of `ticks` under their columns, or nil if two would touch (unless `dropping`, which
    /// leaves out a label that would).
    private func xAxis(_ ticks: (values: [Double], step: Double), width w: Int, offset: Int,
                       dropping: Bool = false) -> (String, Set<Int>)? {
        guard ticks.values.count >= 2 else { return nil }
        var line = Array(repeating: Character(" "), count: offset + w + 8)
        var used: [Range<Int>] = []
        var columns = Set<Int>()
        for x in ticks.values {
            let text = Ticks.label(x, step: ticks.step)
            let column = LinePlot.cell((x - a) / (b - a), w)
            // A label at an edge starts (or ends) under it; others are centred on their tick.
            let start = column == 0 ? offset : column == w - 1 ? offset + w - text.count : offset + column - text.count / 2
            let span = max(start, 0)..<(max(start, 0) + text.count)
            let clear = span.upperBound <= line.count && !columns.contains(column)
                && !used.contains(where: { $0.overlaps((span.lowerBound - 1)..<(span.upperBound + 1)) })
            guard clear else {
                if dropping { continue }
                return nil
            }
            for (i, ch) in text.enumerated() { line[span.lowerBound + i] = ch }
            used.append(span)
            columns.insert(column)
        }
        return (String(line), columns)
    }

    /// The curves' markers and names, as many to a line as fit `width`, names cut to fit if need be.
    private func legend(ascii: Bool, indent: Int, width: Int) -> [String] {
        let room = max(width - indent, 8)
        let entries = series.enumerated().map { k, s in
            let sample = ascii ? String(repeating: LinePlot.asciiMarkers[k % 4], count: 2)
                : k == 0 ? "⠤⠤" : String(repeating: LinePlot.unicodeMarkers[(k - 1) % 3], count: 2)
            let entry = sample + " " + s.name
            return entry.count <= room ? entry : String(entry.prefix(room - 1)) + (ascii ? "~" : "…")
        }
        var lines: [String] = []
        for entry in entries {
            if let last = lines.last, last.count + 3 + entry.count <= room {
                lines[lines.count - 1] = last + "   " + entry
            } else {
                lines.append(entry)
            }
        }
        return lines.map { String(repeating: " ", count: indent) + $0 }
    }

    // MARK: - Drawing

    /// Where sample `i` of `count` lies on [a, b].
    private func x(_ i: Int, of count: Int) -> Double { count < 2 ? a : a + (b - a) * Double(i) / Double(count - 1) }

    private func drawAxesInDots(_ canvas: inout DotCanvas, yMin: Double, yMax: Double) {
        if yMin < 0 && yMax > 0 {
            let y = LinePlot.cell(yMax / (yMax - yMin), canvas.dotRows)
            for x in stride(from: 0, to: canvas.dotColumns, by: 2) { canvas.set(x, y) }
        }
        if a < 0 && b > 0 {
            let x = LinePlot.cell(-a / (b - a), canvas.dotColumns)
            for y in stride(from: 0, to: canvas.dotRows, by: 2) { canvas.set(x, y) }
        }
    }

    private func drawInDots(_ s: Series, _ canvas: inout DotCanvas, yMin: Double, yMax: Double) {
        var previous: (x: Int, y: Int)?
        for (i, y) in s.ys.enumerated() {
            guard y.isFinite else { previous = nil; continue }
            let point = (x: LinePlot.cell((x(i, of: s.ys.count) - a) / (b - a), canvas.dotColumns),
                         y: LinePlot.cell((yMax - y) / (yMax - yMin), canvas.dotRows))
            if let previous { canvas.line(from: previous, to: point) } else { canvas.set(point.x, point.y) }
            previous = point
        }
    }

    private func drawAxesInCharacters(_ grid: inout [[Character]], yMin: Double, yMax: Double) {
        let h = grid.count, w = grid.first?.count ?? 0
        let row = yMin < 0 && yMax > 0 ? LinePlot.cell(yMax / (yMax - yMin), h) : nil
        let column = a < 0 && b > 0 ? LinePlot.cell(-a / (b - a), w) : nil
        if let row { for c in 0..<w { grid[row][c] = "-" } }
        if let column { for r in 0..<h { grid[r][column] = r == row ? "+" : "|" } }
    }

    /// One marker per column at the curve's height, with the column filled down to the previous
    /// column's height so a steep curve stays connected.
    private func drawInCharacters(_ s: Series, _ marker: Character, _ grid: inout [[Character]], yMin: Double, yMax: Double) {
        let h = grid.count, w = grid.first?.count ?? 0
        var previous: Int?
        for c in 0..<w {
            let position = Double(c) / Double(max(w - 1, 1)) * Double(s.ys.count - 1)
            guard let y = LinePlot.interpolate(s.ys, at: position) else { previous = nil; continue }
            let row = LinePlot.cell((yMax - y) / (yMax - yMin), h)
            let from = previous.map { $0 < row ? $0 + 1 : $0 > row ? $0 - 1 : row } ?? row
            for r in min(from, row)...max(from, row) { grid[r][c] = marker }
            previous = row
        }
    }

    /// The cell (or dot) of `count` that the fraction `t` of the way across falls in, clamped to the grid.
    ///
    /// Never traps: a NaN from an overflowing range maps to 0 rather than reaching `Int(_:)`.
    static func cell(_ t: Double, _ count: Int) -> Int {
        guard t.isFinite else { return 0 }
        return Int((min(max(t, 0), 1) * Double(max(count - 1, 0))).rounded())
    }

    /// The samples read at a fractional index, linearly between neighbours; nil where undefined.
    static func interpolate(_ ys: [Double], at position: Double) -> Double? {
        guard !ys.isEmpty, position.isFinite else { return nil }
        let i = min(max(Int(position.rounded(.down)), 0), ys.count - 1)
        let j = min(i + 1, ys.count - 1)
        let t = position - Double(i)
        let (y0, y1) = (ys[i], ys[j])
        if y0.isFinite && y1.isFinite { return y0 + (y1 - y0) * t }
        let nearest = t < 0.5 ? y0 : y1
        return nearest.isFinite ? nearest : nil
    }
}
