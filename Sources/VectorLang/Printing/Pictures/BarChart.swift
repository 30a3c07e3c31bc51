/// A vector drawn as labelled horizontal bars with their values: a probability vector at a glance.
///
/// As UnicodePlots' `barplot`: one row per element, labelled with its 1-based index, bar lengths in
/// eighths of a cell (`█▉▊▋▌▍▎▏`), the value after each bar. With negative elements the bars grow left
/// and right of a zero axis (`│`) drawn where zero falls, and the values line up in a column of their
/// own. Very long vectors
/// show their first and last elements around a `⋮`, as the printer does.
struct BarChart: Sendable {
    let values: [Double]

    /// Most rows drawn; longer vectors keep `edge` rows at each end.
    static let maximumRows = 20
    static let edge = 10
    /// Bars are at most this long, so a wide terminal does not turn 0.1 and 0.2 into a screen-wide smear.
    static let maximumBarWidth = 50

    private static let eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    func render(_ options: PrintOptions) -> [String] {
        let n = values.count
        guard n > 0 else { return ["(no bars: the vector is empty)"] }
        let shown = n > BarChart.maximumRows ? Array(0..<BarChart.edge) + Array((n - BarChart.edge)..<n) : Array(0..<n)
        let labels = shown.map { String($0 + 1) }
        let numbers = shown.map { NumberFormat.scalar(values[$0], precision: options.clampedPrecision) }
        let labelWidth = labels.map(\.count).max() ?? 1
        let numberWidth = numbers.map(\.count).max() ?? 1
        let finite = values.filter(\.isFinite)
        let high = max(finite.max() ?? 0, 0), low = min(finite.min() ?? 0, 0)
        // Any negative element needs the zero column; with none, bars start at the axis.
        let mixed = low < 0
        // Label, two columns, the bars (and the zero axis between them), a space, the value.
        let room = options.width - labelWidth - 2 - 1 - numberWidth - (mixed ? 1 : 0)
        let barWidth = min(max(room, 8), BarChart.maximumBarWidth)
        let axis = options.ascii ? "|" : "┤"

        var lines: [String] = []
        for (k, i) in shown.enumerated() {
            if n > BarChart.maximumRows && k == BarChart.edge {
                lines.append(String(repeating: " ", count: labelWidth) + " " + (options.ascii ? ":" : "⋮"))
            }
            let label = String(repeating: " ", count: labelWidth - labels[k].count) + labels[k]
            let x = values[i]
            let bar: String
            if mixed {
                // Scale the whole span low…high onto the bar width; zero sits where it falls.
                let scale = Double(barWidth) / (high - low)
                let zero = Int((-low * scale).rounded())
                let side = x < 0 ? zero : barWidth - zero
                let length = x.isNaN ? 0 : x.isInfinite ? side : min(Int((abs(x) * scale).rounded()), side)
                let cells = String(repeating: options.ascii ? "#" : "█", count: length)
                let zeroAxis = options.ascii ? "|" : "│"
                bar = x < 0
                    ? String(repeating: " ", count: zero - length) + cells + zeroAxis + String(repeating: " ", count: barWidth - zero)
                    : String(repeating: " ", count: zero) + zeroAxis + cells + String(repeating: " ", count: barWidth - zero - length)
                // The labels need no axis of their own here: the bars' axis is zero's.
                lines.append(label + "  " + bar + " " + String(repeating: " ", count: numberWidth - numbers[k].count) + numbers[k])
            } else {
                let extreme = low < 0 ? -low : high
                let fraction = x.isNaN || extreme == 0 ? 0 : min(abs(x) / extreme, 1)
                bar = BarChart.bar(fraction, width: barWidth, ascii: options.ascii)
                lines.append(label + " " + axis + bar + " " + numbers[k])
            }
        }
        return lines
    }

    /// A bar `fraction` of `width` cells long, in eighths of a cell (whole cells in ASCII).
    static func bar(_ fraction: Double, width: Int, ascii: Bool) -> String {
        if ascii { return String(repeating: "#", count: Int((fraction * Double(width)).rounded())) }
        let eighths = Int((fraction * Double(width * 8)).rounded())
        return String(repeating: "█", count: eighths / 8) + BarChart.eighths[eighths % 8]
    }
}
