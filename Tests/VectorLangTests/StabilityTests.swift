import Foundation
import XCTest
@testable import VectorLang

/// The stable kernels against the plain formulas (the oracle) where those are safe, and at the extremes
/// where the plain formulas overflow.
final class StabilityTests: XCTestCase {
    let b = BuiltinCaller()

    /// Seeded, so a failure repeats.
    private func randomVectors(count: Int = 300, scale: Double = 5, seed: UInt64 = 7) -> [[Double]] {
        let random = RandomSource(seed: seed)
        return (0..<count).map { _ in
            (0..<(1 + Int(random.uniform() * 8))).map { _ in scale * random.normal() }
        }
    }

    // MARK: - Oracle: the plain formula on well-scaled inputs

    func testSoftmaxFamilyMatchesPlainFormulas() throws {
        for z in randomVectors() {
            let e = z.map { exp($0) }
            let total = e.reduce(0, +)
            assertClose(try b.vector("softmax", .vector(z)), e.map { $0 / total }, tolerance: 1e-13)
            assertClose(try b.vector("naive_softmax", .vector(z)), e.map { $0 / total }, tolerance: 1e-13)
            assertClose(try b.vector("log_softmax", .vector(z)), e.map { log($0 / total) }, tolerance: 1e-12)
            XCTAssertEqual(try b.scalar("logsumexp", .vector(z)), log(total), accuracy: 1e-12 * max(1, abs(log(total))))
            let t = 0.3
            let et = z.map { exp($0 / t) }
            assertClose(try b.vector("softmax", .vector(z), s(t)), et.map { $0 / et.reduce(0, +) }, tolerance: 1e-12)
        }
    }

    func testSoftmaxIsShiftInvariant() throws {
        for z in randomVectors(count: 50) {
            assertClose(try b.vector("softmax", .vector(z.map { $0 + 700 })), try b.vector("softmax", .vector(z)), tolerance: 1e-12)
        }
    }

    func testActivationsMatchPlainFormulas() throws {
        let xs = randomVectors(count: 20, scale: 8).flatMap { $0 }
        assertClose(try b.vector("sigmoid", .vector(xs)), xs.map { 1 / (1 + exp(-$0)) }, tolerance: 1e-14)
        assertClose(try b.vector("softplus", .vector(xs)), xs.map { log(1 + exp($0)) }, tolerance: 1e-13)
        assertClose(try b.vector("softsign", .vector(xs)), xs.map { $0 / (1 + abs($0)) })
        assertClose(try b.vector("tanh", .vector(xs)), xs.map { 2 / (1 + exp(-2 * $0)) - 1 }, tolerance: 1e-13)
    }

    func testLossesMatchPlainFormulas() throws {
        let random = RandomSource(seed: 11)
        for z in randomVectors(count: 100, scale: 3) {
            let e = z.map { exp($0) }
            let p = e.map { $0 / e.reduce(0, +) }
            let y = z.map { _ in random.uniform() }
            let plain = -zip(y, p).map { $0 * log($1) }.reduce(0, +)
            XCTAssertEqual(try b.scalar("cross_entropy", .vector(p), .vector(y)), plain, accuracy: 1e-12 * max(1, plain))
            XCTAssertEqual(try b.scalar("cross_entropy_logits", .vector(z), .vector(y)), plain, accuracy: 1e-12 * max(1, plain))
            XCTAssertEqual(try b.scalar("nll", .vector(p.map { log($0) }), .vector(y)), plain, accuracy: 1e-12 * max(1, plain))
            let q = z.map { 1 / (1 + exp(-$0)) }
            let labels = y.map { $0.rounded() }
            let binary = -zip(labels, q).map { $0 * log($1) + (1 - $0) * log(1 - $1) }.reduce(0, +) / Double(q.count)
            XCTAssertEqual(try b.scalar("bce", .vector(q), .vector(labels)), binary, accuracy: 1e-10 * max(1, binary))
        }
    }

    // MARK: - Known values at the extremes

    func testRequiredExtremes() throws {
        XCTAssertEqual(try b.vector("softmax", v(1000, 0)), [1, 0])
        XCTAssertEqual(try b.vector("log_softmax", v(1000, 0)), [0, -1000])
        XCTAssertEqual(try b.scalar("logsumexp", v(1000, 1000)), 1000 + log(2))
        XCTAssertEqual(try b.scalar("logsumexp", v(-1000, -1000)), -1000 + log(2))
        XCTAssertEqual(try b.vector("softmax", v(-1000, 0)), [0, 1])
        XCTAssertEqual(try b.vector("softmax", v(1000, 1000)), [0.5, 0.5])
        XCTAssertEqual(try b.scalar("sigmoid", s(-800)), 0)
        XCTAssertEqual(try b.scalar("sigmoid", s(800)), 1)
        XCTAssertEqual(try b.scalar("softplus", s(800)), 800)
        XCTAssertEqual(try b.scalar("softplus", s(-800)), 0)
        XCTAssertEqual(try b.scalar("cross_entropy_logits", v(1000, 0), v(0, 1)), 1000)
        XCTAssertEqual(try b.scalar("cross_entropy_logits", v(1000, 0), v(1, 0)), 0)
    }

    func testTinyResultsKeepTheirDigits() throws {
        // log1p rather than log(1 + s): log(1 + 4e-18) would round to 0.
        XCTAssertEqual(try b.scalar("softplus", s(-40)), exp(-40), accuracy: 1e-30)
        XCTAssertEqual(try b.scalar("logsumexp", v(0, -40)), exp(-40), accuracy: 1e-30)
        XCTAssertEqual(try b.scalar("sigmoid", s(-40)), exp(-40), accuracy: 1e-30)
        XCTAssertEqual(try b.scalar("bce", s(1e-20), s(0)), 1e-20, accuracy: 1e-34)
    }

    /// Finite inputs up to ±8e307 (so that differences of two of them stay finite) never give NaN or Inf.
    func testNoOverflowForFiniteInputs() throws {
        let extremes: [Double] = [8e307, -8e307, 1e300, -1e300, 1000, -1000, 800, -800, 1, 0, -0.0, 1e-300,
                                  .leastNonzeroMagnitude]
        for a in extremes {
            for c in extremes {
                let z = v(a, c, 0)
                let p = try b.vector("softmax", z)
                XCTAssertTrue(p.allSatisfy { $0.isFinite && $0 >= 0 && $0 <= 1 }, "softmax \([a, c, 0]) = \(p)")
                XCTAssertEqual(p.reduce(0, +), 1, accuracy: 1e-15)
                XCTAssertTrue(try b.vector("softmax", z, s(0.01)).allSatisfy(\.isFinite))
                XCTAssertTrue(try b.vector("log_softmax", z).allSatisfy { $0.isFinite && $0 <= 0 }, "log_softmax \([a, c, 0])")
                XCTAssertTrue(try b.scalar("logsumexp", z).isFinite, "logsumexp \([a, c, 0])")
                XCTAssertTrue(try b.scalar("cross_entropy_logits", z, v(0.2, 0.3, 0.5)).isFinite)
            }
        }
        let all: [Double] = extremes + [.greatestFiniteMagnitude, -.greatestFiniteMagnitude, 1e308, -1e308]
        for name in ["sigmoid", "tanh", "softsign", "softplus", "relu", "leaky_relu"] {
            let out = try b.vector(name, .vector(all))
            XCTAssertTrue(out.allSatisfy(\.isFinite), "\(name): \(out)")
        }
        let sigmoid = try b.vector("sigmoid", .vector(all))
        XCTAssertTrue(sigmoid.allSatisfy { $0 >= 0 && $0 <= 1 })
        XCTAssertEqual(try b.scalar("logsumexp", v(.greatestFiniteMagnitude, .greatestFiniteMagnitude)), .greatestFiniteMagnitude)
    }

    /// Beyond ±8e307 the true log-probability itself is below −Double.greatestFiniteMagnitude: −Inf is its
    /// correctly rounded value, and softmax still sums to one.
    func testLogSoftmaxOfTheWidestRangeRoundsToMinusInfinity() throws {
        XCTAssertEqual(try b.vector("log_softmax", v(1e308, -1e308)), [0, -.infinity])
        XCTAssertEqual(try b.vector("softmax", v(1e308, -1e308)), [1, 0])
    }

    // MARK: - Infinities and NaN

    func testInfiniteScoresAreLimits() throws {
        XCTAssertEqual(try b.vector("softmax", v(-.infinity, 0)), [0, 1])
        XCTAssertEqual(try b.vector("log_softmax", v(-.infinity, 0)), [-.infinity, 0])
        XCTAssertEqual(try b.scalar("logsumexp", v(-.infinity, 2)), 2)
        XCTAssertEqual(try b.scalar("logsumexp", v(-.infinity, -.infinity)), -.infinity)
        XCTAssertTrue(try b.vector("softmax", v(-.infinity, -.infinity)).allSatisfy(\.isNaN), "0/0, as NumPy and PyTorch")
        XCTAssertEqual(try b.vector("softmax", v(.infinity, 0)), [1, 0])
        XCTAssertEqual(try b.vector("softmax", v(.infinity, .infinity, 0)), [0.5, 0.5, 0])
        XCTAssertEqual(try b.vector("softmax", v(.infinity, 0), s(3)), [1, 0])
        XCTAssertEqual(try b.vector("log_softmax", v(.infinity, 0)), [0, -.infinity])
        XCTAssertEqual(try b.scalar("logsumexp", v(.infinity, 0)), .infinity)
        XCTAssertEqual(try b.scalar("cross_entropy_logits", v(-.infinity, 0), v(0, 1)), 0, "0·(−Inf) counts as 0")
        XCTAssertEqual(try b.scalar("sigmoid", s(-.infinity)), 0)
        XCTAssertEqual(try b.scalar("sigmoid", s(.infinity)), 1)
        XCTAssertEqual(try b.vector("softsign", v(.infinity, -.infinity)), [1, -1])
        XCTAssertEqual(try b.vector("softplus", v(.infinity, -.infinity)), [.infinity, 0])
    }

    func testNaNPropagates() throws {
        XCTAssertTrue(try b.vector("softmax", v(.nan, 0)).allSatisfy(\.isNaN))
        XCTAssertTrue(try b.vector("softmax", v(.nan, .infinity)).allSatisfy(\.isNaN))
        XCTAssertTrue(try b.vector("log_softmax", v(0, .nan)).allSatisfy(\.isNaN))
        XCTAssertTrue(try b.scalar("logsumexp", v(.nan, .infinity)).isNaN)
        XCTAssertTrue(try b.scalar("logsumexp", v(-.infinity, .nan)).isNaN)
        XCTAssertTrue(try b.vector("sigmoid", v(.nan))[0].isNaN)
        XCTAssertTrue(try b.vector("softplus", v(.nan))[0].isNaN)
    }

    // MARK: - Size

    func testLargeRowsStayNormalised() throws {
        let z = (0..<1_000_000).map { Double($0 % 1000) / 10 }
        let p = try b.vector("softmax", .vector(z))
        XCTAssertEqual(p.reduce(0, +), 1, accuracy: 1e-9)
        XCTAssertTrue(p.allSatisfy(\.isFinite))
    }
}
