import Foundation
import XCTest
@testable import VectorLang

/// The vectorised kernels of CKernels against glibc: exp within 1 ulp of glibc's exp (itself within
/// 0.502 ulp of the exact value) over the whole range of doubles at every instruction-set level this
/// machine has, the same bits at every level with fused multiply–adds, and libm's own results where the
/// kernel hands over (|x| ≥ 704, NaN, ±Inf).
final class VectorMathTests: XCTestCase {
    private var levels: [Int32] { Array(0...VectorMath.level) }

    /// The levels that fuse multiply–adds, and so agree to the bit: AVX2 and AVX-512 on x86-64 (the SSE2
    /// baseline rounds products apart), the baseline elsewhere.
    private var fusedLevels: [Int32] {
        #if arch(x86_64)
        return levels.filter { $0 >= 1 }
        #else
        return levels
        #endif
    }

    /// xorshift64, so a failure repeats.
    private struct Bits {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        mutating func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }
    }

    /// Inputs over the whole range: uniform over the finite range of exp, spread over magnitudes
    /// 2^-80 … 2^10 of both signs, random bit patterns (NaN, ±Inf, subnormals and huge numbers among
    /// them), and the edges where exp overflows, turns subnormal, underflows, or the kernel hands over.
    private func inputs() -> [Double] {
        var bits = Bits(state: 0x9E37_79B9_7F4A_7C15)
        var xs: [Double] = []
        for _ in 0..<100_000 { xs.append(bits.uniform() * 1500 - 750) }
        for _ in 0..<100_000 {
            let magnitude = Double(sign: .plus, exponent: Int(bits.next() % 90) - 80, significand: 1 + bits.uniform())
            xs.append(bits.next() & 1 == 0 ? magnitude : -magnitude)
        }
        for _ in 0..<100_000 { xs.append(Double(bitPattern: bits.next())) }
        let edges: [Double] = [
            0, -0.0, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude, 1, -1, M_LN2, -M_LN2,
            .infinity, -.infinity, .nan, -.nan, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
            709.782712893384, 709.7827128933841, 709.79, -708.3964185322641, -708.4, -745.1332191019411,
            -745.1332191019412, -745.2, 704, -704, 704.0.nextDown, (-704.0).nextUp, 0x1p-54, -0x1p-54, 0x1p-1022,
        ]
        for x in edges { xs += [x, x.nextUp, x.nextDown] }
        return xs
    }

    /// |a − b| in units in the last place of b; 0 for equal bits or two NaNs, infinite when one is
    /// NaN or infinite and the other is not the same.
    private func ulps(_ a: Double, _ b: Double) -> Double {
        if a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) { return 0 }
        guard a.isFinite, b.isFinite else { return .infinity }
        return abs(a - b) / b.ulp
    }

    func testExpIsWithinOneUlpOfGlibcAtEveryLevel() {
        let xs = inputs()
        for level in levels {
            var ys = [Double](repeating: .nan, count: xs.count)
            xs.withUnsafeBufferPointer { x in ys.withUnsafeMutableBufferPointer { VectorMath.exp(x, into: $0, level: level) } }
            var worst = (ulps: 0.0, x: 0.0)
            for (x, y) in zip(xs, ys) {
                let reference = Foundation.exp(x)
                let error = ulps(y, reference)
                if error > worst.ulps { worst = (error, x) }
                if !(abs(x) < 704) {
                    XCTAssertEqual(y.bitPattern, reference.bitPattern, "level \(level): exp(\(x)) is libm's own result")
                }
            }
            XCTAssertLessThanOrEqual(worst.ulps, 1, "level \(level): exp(\(worst.x)) is \(worst.ulps) ulp from glibc")
        }
    }

    func testExpInPlaceMatchesOutOfPlace() {
        let xs = inputs()
        var inPlace = xs
        inPlace.withUnsafeMutableBufferPointer { VectorMath.exp(UnsafeBufferPointer($0), into: $0) }
        XCTAssertEqual(inPlace.map(\.bitPattern), VectorMath.exp(xs).map(\.bitPattern))
    }

    /// Softmax rows of lengths around the block (512) and lane (8) sizes: close to the plain formula at
    /// every level, and the same bits at every fused level (sums are taken in a fixed order), so results
    /// do not depend on the machine.
    func testSoftmaxAgreesAcrossLevels() {
        var bits = Bits(state: 12345)
        for n in [1, 2, 7, 8, 9, 100, 511, 512, 513, 1030, 4099] {
            let z = (0..<n).map { _ in bits.uniform() * 60 - 30 }
            let m = z.max() ?? 0
            for t in [1.0, 0.3] {
                let e = z.map { Foundation.exp(($0 - m) / t) }
                let total = e.reduce(0, +)
                var fused: [UInt64]?
                for level in levels {
                    var p = [Double](repeating: .nan, count: n)
                    let done = z.withUnsafeBufferPointer { zz in
                        p.withUnsafeMutableBufferPointer { VectorMath.softmax(zz, temperature: t, into: $0, level: level) }
                    }
                    XCTAssertTrue(done)
                    for (a, b) in zip(p, e.map { $0 / total }) { XCTAssertEqual(a, b, accuracy: 1e-14 * b, "n = \(n), level \(level)") }
                    guard fusedLevels.contains(level) else { continue }
                    if let fused {
                        XCTAssertEqual(p.map(\.bitPattern), fused, "n = \(n), t = \(t): level \(level) differs from level \(fusedLevels[0])")
                    } else {
                        fused = p.map(\.bitPattern)
                    }
                }
            }
        }
    }

    func testSoftmaxLeavesRowsWithoutAFiniteMaximumToTheCaller() {
        for z in [[Double.infinity, 1], [-.infinity, -.infinity], [.nan, .nan]] {
            var p = [Double](repeating: 7, count: z.count)
            let done = z.withUnsafeBufferPointer { zz in p.withUnsafeMutableBufferPointer { VectorMath.softmax(zz, temperature: 1, into: $0) } }
            XCTAssertFalse(done)
            XCTAssertEqual(p, [7, 7], "nothing written")
        }
    }
}
