/// How many colours the output can show.
///
/// The shell works it out from the environment (`NO_COLOR`, `COLORTERM`, `TERM`) and passes it down in
/// `PrintOptions`; pictures only obey it, so the language never asks the terminal anything.
public enum ColorDepth: Sendable, Equatable {
    /// Text only: pictures use their glyph ramps.
    case none
    /// The 16 standard colours (SGR 30–37, 90–97), which every colour terminal has.
    case sixteen
    /// xterm's 256-colour palette: a 6×6×6 cube and a grey ramp.
    case palette256
    /// 24-bit colour.
    case trueColor
}

/// A colour for a piece of a picture, in the form the output's `ColorDepth` can show.
///
/// Only the numbers: turning them into escape sequences is the shell's business.
public enum Tint: Sendable, Equatable {
    /// One of the 16 standard colours: 0–7 normal (black, red, green, yellow, blue, magenta, cyan, white), 8–15 bright.
    case basic(Int)
    /// An index into the 256-colour palette.
    case palette(Int)
    case rgb(red: Int, green: Int, blue: Int)
}

/// A line of a picture as pieces of text, each with the tint it is drawn in (nil: the output's own colour).
public struct TintedLine: Sendable, Equatable {
    public struct Span: Sendable, Equatable {
        public var text: String
        public var tint: Tint?

        public init(_ text: String, _ tint: Tint? = nil) {
            self.text = text
            self.tint = tint
        }
    }

    public var spans: [Span]

    /// The spans as given; the shell joins neighbours of one colour when it paints them (`StyledLine`).
    public init(_ spans: [Span]) { self.spans = spans }

    /// A line in the output's own colour.
    public init(_ text: String) { self.init([Span(text)]) }

    /// The text without its tints.
    public var plain: String { spans.map(\.text).joined() }
}
