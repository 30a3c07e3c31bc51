#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decimal text for one Double, in the `%g` style that the prompt reads back.
///
/// C's `printf` rounds correctly (from the exact binary value, not from an already rounded string),
/// and Swift's `description` gives the shortest digits that read back exactly; between them no
/// Foundation is needed, which keeps start-up fast.
enum NumberFormat {
    /// Integral values below this magnitude are written in full: `12345`, not `1.234e+04`.
    ///
    /// Counts, sizes and indices lose meaning when rounded; 1e15 is below 2^53, so every such value is exact.
    static let integerLimit = 1e15

    /// `x` with at most `precision` significant digits, in `%g` style.
    ///
    /// Scientific notation when the decimal exponent is below -4 or at least `precision` (as `%g`),
    /// trailing zeros removed, `Inf`, `-Inf`, `NaN` as the prompt spells them, and `0` for both zeros:
    /// a `-0` among results reads as a small negative number to a person, and what it shows (the sign
    /// of an underflow) is kept where it matters, in `--json` and in `:save`. When fewer
    /// than `precision` digits already read back exactly, those are used, so `0.1` at precision 17
    /// is `0.1` and not `0.10000000000000001`.
    static func scalar(_ x: Double, precision: Int) -> String {
        if let special = special(x) { return special }
        if x == 0 { return "0" }
        if x.rounded() == x, abs(x) < integerLimit { return String(Int64(x)) }
        let p = min(max(precision, 1), 17)
        var decimal = DecimalDigits(shortest: x)
        if decimal.digits.count > p { decimal = DecimalDigits(x, significantDigits: p) }
        return decimal.general(precision: p)
    }

    /// The spelling of a non-finite number, or nil for a finite one.
    static func special(_ x: Double) -> String? {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x < 0 ? "-Inf" : "Inf" }
        return nil
    }

    /// `printf` with one precision argument (`%.*f` or `%.*e`) applied to a finite `x`.
    ///
    /// The decimal separator is forced back to `.`: a shell that calls `setlocale` for readline's sake
    /// must not turn `0.5` into `0,5`, which would no longer be valid input.
    static func printf(_ format: String, _ decimals: Int, _ x: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        _ = withVaList([Int32(min(max(decimals, 0), 40)), x]) { arguments in
            buffer.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress, $0.count, format, arguments) }
        }
        var bytes: [UInt8] = []
        var inSeparator = false
        for c in buffer.lazy.prefix(while: { $0 != 0 }).map({ UInt8(bitPattern: $0) }) {
            let isPlain = (c >= 0x30 && c <= 0x39) || c == 0x2D || c == 0x2B || c == 0x65  // 0-9 - + e
            if isPlain {
                bytes.append(c)
            } else if !inSeparator {
                bytes.append(0x2E)  // "."
            }
            inSeparator = !isPlain
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A finite nonzero number as significant digits and a decimal exponent: `d.ddd × 10^exponent`.
///
/// Keeping digits apart from layout lets one rounding serve both the fixed and the scientific form.
struct DecimalDigits {
    var negative: Bool
    /// ASCII digits; the first is nonzero and the last is nonzero (trailing zeros removed).
    var digits: [UInt8]
    var exponent: Int

    /// The shortest digits that read back as exactly `x` (Swift's `description`).
    init(shortest x: Double) {
        self.init(parsing: x.description)
    }

    /// `x` correctly rounded to `significantDigits` digits.
    init(_ x: Double, significantDigits: Int) {
        self.init(parsing: NumberFormat.printf("%.*e", significantDigits - 1, x))
    }

    /// Reads `-12.5`, `1e-05`, `1.2345e+20` and the like; anything unreadable reads as zero.
    private init(parsing text: String) {
        negative = false
        var mantissa: [UInt8] = []
        var pointPosition: Int?
        var exponentSign = 1
        var exponentValue = 0
        var inExponent = false
        for c in text.utf8 {
            switch c {
            case UInt8(ascii: "-") where !inExponent: negative = true
            case UInt8(ascii: "-"): exponentSign = -1
            case UInt8(ascii: "e"), UInt8(ascii: "E"): inExponent = true
            case UInt8(ascii: "0")...UInt8(ascii: "9") where inExponent:
                exponentValue = min(exponentValue * 10 + Int(c - 48), 10_000)
            case UInt8(ascii: "0")...UInt8(ascii: "9"): mantissa.append(c)
            default: if !inExponent, pointPosition == nil { pointPosition = mantissa.count }
            }
        }
        let leadingZeros = mantissa.prefix { $0 == UInt8(ascii: "0") }.count
        exponent = (pointPosition ?? mantissa.count) - 1 - leadingZeros + exponentSign * exponentValue
        digits = Array(mantissa.dropFirst(leadingZeros))
        while digits.last == UInt8(ascii: "0") { digits.removeLast() }
        if digits.isEmpty {
            digits = [UInt8(ascii: "0")]
            exponent = 0
        }
    }

    /// `%g` layout: scientific when the exponent is below -4 or at least `precision`, otherwise fixed.
    func general(precision: Int) -> String {
        var out: [UInt8] = negative ? [UInt8(ascii: "-")] : []
        let zero = UInt8(ascii: "0")
        if exponent < -4 || exponent >= precision {
            out.append(digits[0])
            if digits.count > 1 {
                out.append(UInt8(ascii: "."))
                out += digits.dropFirst()
            }
            out += Array((exponent < 0 ? "e-" : "e+").utf8)
            if abs(exponent) < 10 { out.append(zero) }
            out += Array(String(abs(exponent)).utf8)
        } else if exponent >= 0 {
            let integerCount = exponent + 1
            out += digits.prefix(integerCount)
            if digits.count < integerCount {
                out += repeatElement(zero, count: integerCount - digits.count)
            } else if digits.count > integerCount {
                out.append(UInt8(ascii: "."))
                out += digits.dropFirst(integerCount)
            }
        } else {
            out += [zero, UInt8(ascii: ".")]
            out += repeatElement(zero, count: -exponent - 1)
            out += digits
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// One way of writing every element of a matrix, so that its columns line up.
///
/// The rule, applied to the finite elements that are shown (NumPy looks at the whole array, so one
/// hidden tiny element among millions would force scientific notation on a screenful of plain numbers):
/// - all integral and below `NumberFormat.integerLimit`: integers (`1`, `-3`, `0`);
/// - otherwise fixed decimals, as many as give the element of largest magnitude `precision`
///   significant digits (largest 0.2247 → four decimals, so 0.065 shows as `0.0650`);
/// - scientific with `precision` digits for all instead, when that largest element would be written
///   in scientific by itself (exponent below -4 or at least `precision`), or when the smallest nonzero
///   element would round to zero: a fixed-format `0.0000` therefore always means exactly zero.
/// Afterwards, zeros that end the fraction of every shown element are removed (`1.500, 2.250` →
/// `1.50, 2.25`), as NumPy's default `maxprec` mode does.
enum CommonFormat: Equatable {
    case integer
    case fixed(decimals: Int)
    case scientific(decimals: Int)

    init(choosingFor scalars: [Double], precision: Int) {
        let p = min(max(precision, 1), 17)
        var allIntegral = true
        var largest = 0.0
        var smallest = Double.infinity
        for x in scalars where x.isFinite {
            let magnitude = abs(x)
            if magnitude > 0 {
                largest = max(largest, magnitude)
                smallest = min(smallest, magnitude)
            }
            if x.rounded() != x || magnitude >= NumberFormat.integerLimit { allIntegral = false }
        }
        if allIntegral || largest == 0 {
            self = .integer
            return
        }
        let exponent = DecimalDigits(largest, significantDigits: p).exponent
        let decimals = p - 1 - exponent
        if exponent < -4 || exponent >= p
            || !NumberFormat.printf("%.*f", decimals, smallest).utf8.contains(where: { $0 >= 0x31 && $0 <= 0x39 }) {
            self = .scientific(decimals: p - 1)
        } else {
            self = .fixed(decimals: decimals)
        }
    }

    /// One element in this format, before trailing zeros are trimmed; negative zero is written as zero.
    func format(_ x: Double) -> String {
        if let special = NumberFormat.special(x) { return special }
        let x = x == 0 ? 0 : x
        switch self {
        case .integer:
            if x == 0 { return "0" }
            if x.rounded() == x, abs(x) < NumberFormat.integerLimit { return String(Int64(x)) }
            return NumberFormat.scalar(x, precision: 17)
        case .fixed(let decimals): return NumberFormat.printf("%.*f", decimals, x)
        case .scientific(let decimals): return NumberFormat.printf("%.*e", decimals, x)
        }
    }

    /// Removes the trailing fraction zeros that every cell has, and the point if no fraction is left.
    static func trimCommonZeros(_ cells: inout [String]) {
        func trailingZeros(_ cell: String) -> Int? {
            let bytes = Array(cell.utf8)
            guard let point = bytes.firstIndex(of: UInt8(ascii: ".")) else { return nil }
            let end = bytes.firstIndex(of: UInt8(ascii: "e")) ?? bytes.count
            return bytes[(point + 1)..<end].reversed().prefix { $0 == UInt8(ascii: "0") }.count
        }
        guard let common = cells.compactMap(trailingZeros).min(), common > 0 else { return }
        for i in cells.indices {
            var bytes = Array(cells[i].utf8)
            guard let point = bytes.firstIndex(of: UInt8(ascii: ".")) else { continue }
            let end = bytes.firstIndex(of: UInt8(ascii: "e")) ?? bytes.count
            let fractionLeft = end - point - 1 - common
            bytes.removeSubrange((end - common - (fractionLeft == 0 ? 1 : 0))..<end)
            cells[i] = String(decoding: bytes, as: UTF8.self)
        }
    }
}
