#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import VectorLang

/// A number typed in that is close to the answer but not within the tolerance: `1.2` for 1.204.
///
/// Only for answers made of number literals (`0.005`, `-1.2`, `[0.66, 0.24]`): a learner who typed
/// digits rounded too soon is told how many digits the tolerance needs, not that the number is wrong.
enum NearMiss {
    /// How close counts as near: within 5 % of every expected element.
    static let nearness = 0.05

    /// The significant digits that would make the answer right, when it is near but not within the
    /// tolerance; nil when it is not near, or no number of digits would do.
    static func digits(answer: Tensor, expected: Tensor, tolerance: Tolerance) -> Int? {
        guard ValueComparison.sameShape(answer, expected), !expected.scalars.isEmpty else { return nil }
        let pairs = Array(zip(answer.scalars, expected.scalars))
        guard pairs.allSatisfy({ a, e in e.isFinite && a.isFinite && abs(a - e) <= nearness * abs(e) }),
              !pairs.allSatisfy({ tolerance.accepts($0, $1) }) else { return nil }
        return (1...17).first { n in expected.scalars.allSatisfy { tolerance.accepts(rounded($0, significantDigits: n), $0) } }
    }

    /// `x` rounded to `n` significant digits.
    static func rounded(_ x: Double, significantDigits n: Int) -> Double {
        guard x != 0, x.isFinite else { return x }
        let exponent = Int(log10(abs(x)).rounded(.down)) - (n - 1)
        guard abs(exponent) <= 300 else { return x }
        // Dividing by a power of ten, not multiplying by its inverse: 10^-k is not exact in binary.
        let scale = pow(10, Double(abs(exponent)))
        return exponent >= 0 ? (x / scale).rounded() * scale : (x * scale).rounded() / scale
    }

    /// The significant digits of `x` as Swift writes it shortest (`0.2239` has 4, `1200.0` has 2).
    static func significantDigits(of x: Double) -> Int {
        let text = "\(abs(x))".lowercased()
        let mantissa = text.split(separator: "e").first.map(String.init) ?? text
        var digits = Array(mantissa.filter(\.isNumber))
        while digits.first == "0" { digits.removeFirst() }
        while digits.last == "0" { digits.removeLast() }
        return max(digits.count, 1)
    }

    /// Whether `expr` is only number literals: a number, a signed number, or arrays of them.
    static func isLiterals(_ expr: Expr) -> Bool {
        var pending = [expr]
        while let e = pending.popLast() {
            switch e {
            case .number: continue
            case .unary(_, let operand, _): pending.append(operand)
            case .array(let elements, _): pending += elements
            default: return false
            }
        }
        return true
    }

    /// "Close: give 3 significant digits." — or, when the answer has as many already, that they are off.
    static func feedback(digits n: Int, answer: Tensor) -> String {
        let given = answer.scalars.map(significantDigits(of:)).max() ?? 0
        let noun = n == 1 ? "significant digit" : "significant digits"
        if given >= n { return "Close, but not within the tolerance: \(n) \(noun), correctly rounded, are enough; check yours." }
        return "Close: give \(n) \(noun)."
    }
}
