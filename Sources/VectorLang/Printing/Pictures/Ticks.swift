#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Round numbers for axis labels: 1, 2 or 5 times a power of ten, as people label axes by hand.
///
/// The method follows Heckbert's "nice numbers for graph labels" (Graphics Gems, 1990), which most
/// plotting libraries use in some form: pick a nice step near range / count, then the multiples of it
/// that cover the data.
enum Ticks {
    /// A nice number near `x` (when `round`) or at least `x`: 1, 2, 5 or 10 times a power of ten.
    static func nice(_ x: Double, round: Bool) -> Double {
        guard x.isFinite, x > 0 else { return 1 }
        let exponent = floor(log10(x))
        let power = pow(10, exponent)
        let fraction = x / power
        let niceFraction: Double
        if round {
            niceFraction = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        } else {
            niceFraction = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        }
        return niceFraction * power
    }

    /// About `count` ticks covering `[low, high]` loosely: the first at or below `low`, the last at or above
    /// `high`, so a curve between 0.007 and 0.993 gets the axis 0 … 1.
    static func loose(_ low: Double, _ high: Double, count: Int) -> (values: [Double], step: Double) {
        let (low, high) = widened(low, high)
        // Heckbert first rounds the range itself up, which can leave a third of the axis empty
        // (0…25 drawn on 0…40); rounding only the step keeps the curve filling the frame (0…30).
        let step = nice((high - low) / Double(max(count - 1, 1)), round: true)
        let first = floor(low / step), last = ceil(high / step)
        return (multiples(of: step, from: first, to: last), step)
    }

    /// About `count` nice values inside `[low, high]` (the ends need not be among them).
    static func inside(_ low: Double, _ high: Double, count: Int) -> (values: [Double], step: Double) {
        let (low, high) = widened(low, high)
        let step = nice((high - low) / Double(max(count - 1, 1)), round: true)
        return (multiples(of: step, from: ceil(low / step), to: floor(high / step)), step)
    }

    /// `k · step` for k from `first` to `last` (at most 100 of them), with −0 and rounding noise removed.
    private static func multiples(of step: Double, from first: Double, to last: Double) -> [Double] {
        guard first.isFinite, last.isFinite, last >= first, last - first <= 100 else { return [] }
        return stride(from: first, through: last, by: 1).map { k in
            let x = k * step
            return abs(x) < step * 1e-9 ? 0 : x
        }
    }

    /// A range with some width, so a constant function still gets an axis.
    static func widened(_ low: Double, _ high: Double) -> (Double, Double) {
        guard low.isFinite, high.isFinite else { return (0, 1) }
        if high > low { return (low, high) }
        let pad = low == 0 ? 1 : abs(low) * 0.5
        return (low - pad, high + pad)
    }

    /// A tick's label with as many digits as tell it from its neighbours `step` apart: `0.25`, `1000.15`, `-5`.
    static func label(_ x: Double, step: Double) -> String {
        let x = abs(x) < abs(step) * 1e-9 ? 0 : x
        guard step.isFinite, step > 0 else { return NumberFormat.scalar(x, precision: 4) }
        let magnitude = max(abs(x), step)
        let digits = Int(floor(log10(magnitude))) - Int(floor(log10(step))) + 1
        return NumberFormat.scalar(x, precision: min(max(digits, 1), 17))
    }
}
