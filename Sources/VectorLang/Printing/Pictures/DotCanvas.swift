/// A grid of braille cells, each holding 2 × 4 dots, on which lines are drawn dot by dot.
///
/// Braille patterns (U+2800–U+28FF) give a terminal cell eight addressable dots, so a curve is drawn at
/// twice the horizontal and four times the vertical resolution of text; this is how UnicodePlots draws
/// its line plots. Dot (0, 0) is the top-left of the canvas.
struct DotCanvas {
    let columns: Int
    let rows: Int
    private var cells: [UInt8]

    init(columns: Int, rows: Int) {
        self.columns = max(columns, 1)
        self.rows = max(rows, 1)
        cells = Array(repeating: 0, count: self.columns * self.rows)
    }

    var dotColumns: Int { 2 * columns }
    var dotRows: Int { 4 * rows }

    /// The bit of each dot in a cell, by (x, y) within it, from the Unicode braille numbering: dots 1, 2, 3
    /// and 7 down the left column, 4, 5, 6 and 8 down the right.
    private static let bits: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]

    /// Sets one dot; dots outside the canvas are ignored.
    mutating func set(_ x: Int, _ y: Int) {
        guard x >= 0, y >= 0, x < dotColumns, y < dotRows else { return }
        cells[(y / 4) * columns + x / 2] |= DotCanvas.bits[x % 2][y % 4]
    }

    /// A straight line of dots between two dots, both included (Bresenham's algorithm).
    mutating func line(from start: (x: Int, y: Int), to end: (x: Int, y: Int)) {
        var (x, y) = start
        let dx = abs(end.x - x), dy = -abs(end.y - y)
        let sx = x < end.x ? 1 : -1, sy = y < end.y ? 1 : -1
        var error = dx + dy
        // Both ends lie on the canvas or near it, so the walk is at most a few hundred dots.
        for _ in 0...(dx - dy) {
            set(x, y)
            if x == end.x && y == end.y { return }
            let e2 = 2 * error
            if e2 >= dy { error += dy; x += sx }
            if e2 <= dx { error += dx; y += sy }
        }
    }

    /// The braille character of a cell, or nil when none of its dots is set.
    func character(column: Int, row: Int) -> Character? {
        guard column >= 0, row >= 0, column < columns, row < rows else { return nil }
        let pattern = cells[row * columns + column]
        guard pattern != 0, let scalar = Unicode.Scalar(0x2800 + UInt32(pattern)) else { return nil }
        return Character(scalar)
    }
}
