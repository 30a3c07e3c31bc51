/// How long `:bench` and `jacobi bench` may spend timing: `1s` unless `--budget` says otherwise.
public enum BenchBudget {
    public static let standard = Duration.seconds(1)
    /// The longest budget taken: a typo such as `--budget 3000` (seconds) should not hold the prompt for an hour.
    static let longest = Duration.seconds(600)

    /// Reads `3s`, `2.5s`, `500ms` or a bare number of seconds; nil for anything else, or outside 1 ms to 600 s.
    public static func parse(_ text: String) -> Duration? {
        let (number, scale): (Substring, Double) =
            text.hasSuffix("ms") ? (text.dropLast(2), 1e-3) : text.hasSuffix("s") ? (text.dropLast(), 1) : (Substring(text), 1)
        guard let value = Double(number), value.isFinite else { return nil }
        let seconds = value * scale
        guard seconds >= 1e-3, seconds <= Bench.seconds(longest) else { return nil }
        return .microseconds(Int64((seconds * 1e6).rounded()))
    }

    /// What `--budget` takes, for messages.
    public static let accepted = "a time from 1ms to 600s, such as 3s or 500ms"
}
