/// What a series of timed samples says: the median time of one run and how widely the samples spread.
///
/// Each sample is the mean time of one run within a batch of runs timed together (a batch is long
/// enough for the clock's resolution not to matter). The median, not the mean, is the headline, as in
/// Julia's BenchmarkTools: a page fault or another process's burst lengthens a few samples and leaves
/// the median where it was. The spread is the interquartile range (first to third quartile, the middle
/// half of the samples), with the minimum and maximum beside it.
public struct BenchStatistics: Equatable, Sendable {
    public let median: Double
    /// The first quartile (25th percentile) of the samples.
    public let lowerQuartile: Double
    /// The third quartile (75th percentile).
    public let upperQuartile: Double
    public let minimum: Double
    public let maximum: Double
    /// How many samples the figures come from.
    public let sampleCount: Int

    /// The figures of `samples` (seconds per run); nil for no samples.
    public init?(samples: [Double]) {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.sorted()
        median = Self.quantile(0.5, ofSorted: sorted)
        lowerQuartile = Self.quantile(0.25, ofSorted: sorted)
        upperQuartile = Self.quantile(0.75, ofSorted: sorted)
        minimum = sorted[0]
        maximum = sorted[sorted.count - 1]
        sampleCount = sorted.count
    }

    /// The `q`-quantile of sorted values, interpolating linearly between the two nearest ranks.
    ///
    /// This is the definition NumPy's `percentile` and R's default (type 7) use, so the quartiles of
    /// [1, 2, 3, 4] are 1.75 and 3.25, and the median of an even count is the mean of the middle two.
    static func quantile(_ q: Double, ofSorted sorted: [Double]) -> Double {
        let position = q * Double(sorted.count - 1)
        let below = Int(position.rounded(.down))
        let above = min(below + 1, sorted.count - 1)
        let fraction = position - Double(below)
        return sorted[below] + (sorted[above] - sorted[below]) * fraction
    }

    /// The interquartile range: the width of the middle half of the samples.
    public var interquartileRange: Double { upperQuartile - lowerQuartile }
}
