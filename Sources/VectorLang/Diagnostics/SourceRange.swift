/// A half-open range of Unicode-scalar offsets into one line of input.
///
/// Offsets count scalars rather than bytes so that a caret lines up under `∑` or `δ` as well as under ASCII.
public struct SourceRange: Equatable, Hashable, Sendable {
    public var start: Int
    public var end: Int

    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = max(start, end)
    }

    public static func point(_ offset: Int) -> SourceRange { SourceRange(offset, offset + 1) }

    /// The smallest range covering both.
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(min(start, other.start), max(end, other.end))
    }

    /// The same range in a line that starts `offset` scalars later (for `;`-separated statements).
    public func shifted(by offset: Int) -> SourceRange { SourceRange(start + offset, end + offset) }
}
