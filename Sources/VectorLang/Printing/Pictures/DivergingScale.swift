/// Blue for negative, near-white for zero, red for positive: the heatmap's colour for a value in [-1, 1].
///
/// The colours are ColorBrewer's RdBu (Brewer, 2003; matplotlib's `RdBu_r`): (33, 102, 172) at −1,
/// (247, 247, 247) at 0 and (178, 24, 43) at +1, with straight lines between. A diverging scale shows sign
/// at a glance and puts zero at its lightest; a matrix of one sign uses one half only, white to full
/// colour, which is a sequential scale anchored at zero (a probability 0 stays white).
enum DivergingScale {
    typealias RGB = (red: Int, green: Int, blue: Int)

    static let negativeEnd: RGB = (33, 102, 172)
    static let middle: RGB = (247, 247, 247)
    static let positiveEnd: RGB = (178, 24, 43)

    /// The colour of `t` (clamped to [-1, 1]) at `depth`; nil without colour or for NaN.
    static func tint(_ t: Double, depth: ColorDepth) -> Tint? {
        guard !t.isNaN else { return nil }
        let t = min(max(t, -1), 1)
        switch depth {
        case .none: return nil
        case .trueColor:
            let c = rgb(t)
            return .rgb(red: c.red, green: c.green, blue: c.blue)
        case .palette256: return .palette(paletteIndex(rgb(t)))
        case .sixteen: return .basic(basicColor(t))
        }
    }

    /// The colour a fraction |t| of the way from the middle to the end of `t`'s sign.
    static func rgb(_ t: Double) -> RGB {
        let end = t < 0 ? negativeEnd : positiveEnd
        let f = min(abs(t), 1)
        let mix = { (a: Int, b: Int) in Int((Double(a) + (Double(b) - Double(a)) * f).rounded()) }
        return (mix(middle.red, end.red), mix(middle.green, end.green), mix(middle.blue, end.blue))
    }

    /// The levels of each channel in xterm's 6×6×6 cube (indices 16–231).
    static let cubeLevels = [0, 95, 135, 175, 215, 255]

    /// The cube colour nearest to `c`, channel by channel: 16 + 36·r + 6·g + b.
    static func paletteIndex(_ c: RGB) -> Int {
        let nearest = { (value: Int) in
            cubeLevels.indices.min { abs(cubeLevels[$0] - value) < abs(cubeLevels[$1] - value) } ?? 0
        }
        return 16 + 36 * nearest(c.red) + 6 * nearest(c.green) + nearest(c.blue)
    }

    /// Sixteen colours have no gradient, so the scale becomes five steps by thirds of |t|: white near
    /// zero, bright red or blue beyond a third, and normal (darker) red or blue beyond two thirds.
    static func basicColor(_ t: Double) -> Int {
        let level = abs(t) * 3
        if level <= 1 { return 7 }
        if level <= 2 { return t < 0 ? 12 : 9 }
        return t < 0 ? 4 : 1
    }
}
