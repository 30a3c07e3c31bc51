/// How the printer writes values: significant digits, character set, the columns and colours available.
///
/// The session builds one from `--precision`, `--ascii`, the terminal width and the colours the shell
/// found; the printer itself never asks the terminal anything, so tests choose what they want.
public struct PrintOptions: Sendable, Equatable {
    /// Significant digits of the largest number shown, 1...17; 17 is enough to read back every Double exactly.
    public var precision: Int
    /// Write `...` and `x` instead of `…`, `⋮` and `×`, for terminals and files that are not UTF-8.
    public var ascii: Bool
    /// Terminal columns available; longer vectors and wider matrices are elided to fit.
    public var width: Int
    /// Colours pictures may use (`heatmap`); `.none` draws them in glyphs alone, as all other text is.
    public var colors: ColorDepth

    public init(precision: Int = 4, ascii: Bool = false, width: Int = 80, colors: ColorDepth = .none) {
        self.precision = precision
        self.ascii = ascii
        self.width = width
        self.colors = colors
    }

    /// `precision` forced into 1...17, so that a bad setting degrades output instead of trapping.
    var clampedPrecision: Int { min(max(precision, 1), 17) }

    /// The horizontal ellipsis that stands for elided elements or columns.
    var ellipsis: String { ascii ? "..." : "…" }

    /// The line that stands for elided matrix rows.
    var verticalEllipsis: String { ascii ? "..." : "⋮" }
}
