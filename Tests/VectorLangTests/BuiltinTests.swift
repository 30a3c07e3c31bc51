import Foundation
import XCTest
@testable import VectorLang

/// Calls builtins directly, without the parser; argument i is written at columns 10i+1 ..< 10i+5.
struct BuiltinCaller {
    let evaluator = Evaluator()

    static func range(_ i: Int) -> SourceRange { SourceRange(10 * i + 1, 10 * i + 5) }
    static let callRange = SourceRange(0, 100)

    func call(_ name: String, _ values: [Value]) throws -> Value {
        try evaluator.apply(Builtins.named[name]!, values, ranges: values.indices.map(Self.range), callRange: Self.callRange)
    }

    func tensor(_ name: String, _ values: Value...) throws -> Tensor { try call(name, values).tensor! }
    func vector(_ name: String, _ values: Value...) throws -> [Double] {
        let t = try call(name, values).tensor!
        XCTAssertTrue(t.isVector, "\(name) should give a vector, gave \(t.shape)")
        return t.scalars
    }
    func scalar(_ name: String, _ values: Value...) throws -> Double {
        let t = try call(name, values).tensor!
        XCTAssertTrue(t.isScalar, "\(name) should give a scalar, gave \(t.shape)")
        return t.scalars[0]
    }

    /// The diagnostic a call throws; fails the test if it succeeds.
    func error(_ name: String, _ values: Value..., file: StaticString = #filePath, line: UInt = #line) -> Diagnostic {
        do {
            _ = try call(name, values)
            XCTFail("\(name) should have thrown", file: file, line: line)
        } catch let d as Diagnostic {
            return d
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
        }
        return Diagnostic("", at: SourceRange(0, 0))
    }

    /// Runs a line as typed at the prompt and returns the last statement's value.
    func run(_ line: String) throws -> Value? {
        var last: Value?
        for statement in try Parser.parse(line) {
            switch try evaluator.execute(statement, in: line) {
            case .value(let v), .assigned(_, let v): last = v
            case .definedLazily(_, let current): last = current
            case .defined: last = nil
            }
        }
        return last
    }
}

func v(_ xs: Double...) -> Value { .vector(xs) }
func s(_ x: Double) -> Value { .scalar(x) }
func m(_ rows: [[Double]]) -> Value {
    .tensor(Tensor(rows: rows.count, columns: rows.first?.count ?? 0, scalars: rows.flatMap { $0 }))
}

func assertClose(_ a: [Double], _ b: [Double], tolerance: Double = 1e-12, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.count, b.count, "lengths differ: \(a) vs \(b)", file: file, line: line)
    for (x, y) in zip(a, b) where !(x == y || Swift.abs(x - y) <= tolerance * max(1, Swift.abs(y))) {
        XCTFail("\(a) is not close to \(b)", file: file, line: line)
        return
    }
}

final class BuiltinTests: XCTestCase {
    let b = BuiltinCaller()

    /// The families tested here (transpose, an operator, is tested with the operators).
    let entries = Reductions.entries + LinearAlgebra.entries + Constructors.entries + RandomBuiltins.entries
        + SoftmaxFamily.entries + Activations.entries + Losses.entries

    // MARK: - The table

    func testNamesAreUnique() {
        var seen = Set<String>()
        for entry in Builtins.all { XCTAssertTrue(seen.insert(entry.name).inserted, "\(entry.name) appears twice") }
    }

    func testEntriesAreDocumented() {
        for entry in entries {
            XCTAssertFalse(entry.summary.isEmpty, entry.name)
            XCTAssertFalse(entry.summary.contains("\n"), "\(entry.name): the summary is one line")
            XCTAssertFalse(entry.signatures.isEmpty, entry.name)
            for signature in entry.signatures { XCTAssertTrue(signature.hasPrefix(entry.name + "("), signature) }
            XCTAssertTrue(entry.example.contains(entry.name), "\(entry.name)'s example uses it")
            XCTAssertTrue(Builtins.all.contains { $0.name == entry.name }, "\(entry.name) is in the table")
        }
        XCTAssertEqual(Set(entries.map(\.name)), [
            "sum", "mean", "max", "min", "argmax", "len", "shape", "dot", "outer", "diag", "eye", "zeros", "ones",
            "onehot", "linspace", "randn", "rand", "seed", "softmax", "naive_softmax", "log_softmax", "logsumexp",
            "sigmoid", "tanh", "relu", "leaky_relu", "softsign", "softplus", "cross_entropy", "cross_entropy_logits",
            "bce", "mse", "nll",
        ])
    }

    func testExamplesRun() throws {
        for entry in entries {
            XCTAssertNoThrow(try b.run(entry.example), entry.example)
        }
        XCTAssertEqual(try b.run("softmax([2, 1, 0.1])")?.tensor?.count, 3)
    }

    // MARK: - Reductions

    func testSumAndMean() throws {
        let a = m([[1, 2, 3], [4, 5, 6]])
        XCTAssertEqual(try b.scalar("sum", v(1, 2, 3)), 6)
        XCTAssertEqual(try b.scalar("sum", a), 21)
        // Down the columns gives a row, along the rows a vector (a column): each lines up with a.
        XCTAssertEqual(try b.tensor("sum", a, s(1)), Tensor(rows: 1, columns: 3, scalars: [5, 7, 9]))
        XCTAssertEqual(try b.vector("sum", a, s(2)), [6, 15])
        XCTAssertEqual(try b.tensor("sum", m([[1], [2]]), s(1)), Tensor(rows: 1, columns: 1, scalars: [3]))
        XCTAssertEqual(try b.tensor("sum", m([[1, 2]]), s(2)), Tensor(vector: [3]))
        XCTAssertEqual(try b.scalar("sum", v(1, 2), s(1)), 3)
        XCTAssertEqual(try b.scalar("sum", s(4)), 4)
        XCTAssertEqual(try b.scalar("sum", .vector([])), 0)
        XCTAssertEqual(try b.tensor("sum", .tensor(Tensor(shape: [0, 3], scalars: [])), s(1)), Tensor(rows: 1, columns: 3, scalars: [0, 0, 0]))
        XCTAssertEqual(try b.scalar("mean", v(1, 2, 3, 4)), 2.5)
        XCTAssertEqual(try b.tensor("mean", a, s(1)), Tensor(rows: 1, columns: 3, scalars: [2.5, 3.5, 4.5]))
        XCTAssertEqual(try b.vector("mean", a, s(2)), [2, 5])
        XCTAssertEqual(b.error("mean", .vector([])).message, "mean of an empty vector is undefined")
        // Pairwise summation: a million tenths add up to 100000 within a few ulps.
        XCTAssertEqual(try b.scalar("sum", .vector(Array(repeating: 0.1, count: 1_000_000))), 100_000, accuracy: 1e-9)
    }

    func testDimensionErrors() {
        let a = m([[1, 2], [3, 4]])
        let three = b.error("sum", a, s(3))
        XCTAssertEqual(three.range, BuiltinCaller.range(1))
        XCTAssertTrue(three.message.contains("1 (down the columns) or 2 (along the rows)"), three.message)
        XCTAssertTrue(b.error("max", a, s(1.5)).message.contains("got 1.5"))
        XCTAssertEqual(b.error("sum", v(1, 2), s(2)).suggestion, "sum(z) reduces the whole vector")
        XCTAssertEqual(b.error("mean", s(1), s(1)).message, "a scalar has no dimension to reduce")
        XCTAssertEqual(b.error("max", a, v(1, 2)).range, BuiltinCaller.range(1))
    }

    func testMaxMinArgmax() throws {
        let a = m([[3, 7, 1], [9, 2, 9]])
        XCTAssertEqual(try b.scalar("max", a), 9)
        XCTAssertEqual(try b.tensor("max", a, s(1)), Tensor(rows: 1, columns: 3, scalars: [9, 7, 9]))
        XCTAssertEqual(try b.vector("min", a, s(2)), [1, 2])
        XCTAssertEqual(try b.scalar("min", v(4, -2, 8)), -2)
        XCTAssertEqual(try b.scalar("argmax", v(1, 3, 3, 2)), 2, "the first of equal maxima")
        XCTAssertEqual(try b.scalar("argmax", s(5)), 1)
        XCTAssertEqual(try b.vector("argmax", a, s(2)), [2, 1])
        XCTAssertEqual(try b.tensor("argmax", a, s(1)), Tensor(rows: 1, columns: 3, scalars: [2, 1, 2]))
        XCTAssertTrue(try b.scalar("max", v(1, .nan, 3)).isNaN)
        XCTAssertTrue(try b.scalar("min", v(1, .nan, 3)).isNaN)
        XCTAssertEqual(try b.scalar("argmax", v(1, .nan, 3)), 2, "NaN wins, as in NumPy")
        XCTAssertEqual(try b.scalar("max", v(-.infinity, -.infinity)), -.infinity)
        let whole = b.error("argmax", a)
        XCTAssertEqual(whole.suggestion, "argmax(A, 2) gives the position in each row, argmax(A, 1) in each column")
        XCTAssertEqual(b.error("max", .vector([])).range, BuiltinCaller.range(0))
        XCTAssertEqual(b.error("argmax", .vector([])).message, "argmax of an empty vector is undefined")
    }

    func testSizes() throws {
        XCTAssertEqual(try b.scalar("len", v(2, 1, 0.1)), 3)
        XCTAssertEqual(try b.scalar("len", m([[1, 2, 3], [4, 5, 6]])), 2)
        XCTAssertEqual(try b.scalar("len", .list([.function(.builtin(Builtins.named["exp"]!))])), 1)
        XCTAssertEqual(b.error("len", s(3)).message, "a scalar has no length")
        XCTAssertEqual(try b.vector("shape", m([[1, 2, 3], [4, 5, 6]])), [2, 3])
        XCTAssertEqual(try b.vector("shape", v(1, 2)), [2])
        XCTAssertEqual(try b.vector("shape", s(7)), [])
    }

    func testDot() throws {
        XCTAssertEqual(try b.scalar("dot", v(1, 2, 3), v(4, 5, 6)), 32)
        let mismatch = b.error("dot", v(1, 2, 3), v(1, 2))
        XCTAssertEqual(mismatch.message, "shape mismatch in dot: vector of 3 and vector of 2")
        XCTAssertEqual(mismatch.range, BuiltinCaller.range(0).union(BuiltinCaller.range(1)))
        let matrix = b.error("dot", v(1, 2), m([[1, 2], [3, 4]]))
        XCTAssertEqual(matrix.range, BuiltinCaller.range(1))
        XCTAssertEqual(matrix.suggestion, "for a matrix product, use @")
        XCTAssertEqual(b.error("dot", s(2), v(1)).range, BuiltinCaller.range(0))
    }

    // MARK: - Linear algebra

    func testOuterDiagEye() throws {
        let o = try b.tensor("outer", v(1, 2), v(3, 4, 5))
        XCTAssertEqual(o, Tensor(rows: 2, columns: 3, scalars: [3, 4, 5, 6, 8, 10]))
        XCTAssertEqual(b.error("outer", v(1), s(2)).range, BuiltinCaller.range(1))
        XCTAssertEqual(try b.tensor("diag", v(1, 2)), Tensor(rows: 2, columns: 2, scalars: [1, 0, 0, 2]))
        XCTAssertEqual(try b.vector("diag", m([[1, 2, 3], [4, 5, 6]])), [1, 5])
        XCTAssertNotNil(b.error("diag", s(2)).suggestion)
        XCTAssertEqual(try b.tensor("eye", s(2)), Tensor(rows: 2, columns: 2, scalars: [1, 0, 0, 1]))
        XCTAssertEqual(try b.tensor("eye", s(0)).shape, [0, 0])
        XCTAssertEqual(b.error("eye", s(-1)).message, "eye expects a size of 0 or more here, got -1")
        XCTAssertTrue(b.error("eye", s(1e6)).message.hasPrefix("result too large"))
        XCTAssertTrue(b.error("outer", .vector(Array(repeating: 1, count: 20_000)), .vector(Array(repeating: 1, count: 20_000)))
            .message.hasPrefix("result too large"))
    }

    // MARK: - Constructors

    func testZerosOnes() throws {
        XCTAssertEqual(try b.vector("zeros", s(3)), [0, 0, 0])
        XCTAssertEqual(try b.tensor("ones", s(2), s(3)), Tensor(repeating: 1, shape: [2, 3]))
        XCTAssertEqual(try b.vector("zeros", s(0)), [])
        let negative = b.error("zeros", s(2), s(-3))
        XCTAssertEqual(negative.message, "zeros expects a size of 0 or more here, got -3")
        XCTAssertEqual(negative.range, BuiltinCaller.range(1))
        XCTAssertEqual(b.error("ones", s(2.5)).message, "ones expects a whole number for a size here, got 2.5")
        XCTAssertEqual(b.error("ones", s(.nan)).message, "ones expects a whole number for a size here, got nan")
        XCTAssertTrue(b.error("zeros", s(1e300)).message.hasPrefix("result too large"))
        XCTAssertTrue(b.error("zeros", s(1e5), s(1e5)).message.hasPrefix("result too large"))
        XCTAssertTrue(b.error("zeros", v(1, 2)).message.contains("single number"))
    }

    func testOnehot() throws {
        XCTAssertEqual(try b.vector("onehot", s(2), s(3)), [0, 1, 0])
        XCTAssertEqual(try b.tensor("onehot", v(1, 3), s(3)), Tensor(rows: 2, columns: 3, scalars: [1, 0, 0, 0, 0, 1]))
        let zero = b.error("onehot", s(0), s(3))
        XCTAssertEqual(zero.message, "class 0 is out of range")
        XCTAssertEqual(zero.note, "classes are numbered 1…3")
        XCTAssertEqual(zero.suggestion, "classes count from 1, as indices do")
        XCTAssertEqual(b.error("onehot", v(1, 4), s(3)).message, "class 4 (element 2) is out of range")
        XCTAssertEqual(b.error("onehot", s(1.5), s(3)).range, BuiltinCaller.range(0))
        XCTAssertEqual(b.error("onehot", s(1), s(-1)).range, BuiltinCaller.range(1))
    }

    func testLinspace() throws {
        XCTAssertEqual(try b.vector("linspace", s(0), s(1), s(5)), [0, 0.25, 0.5, 0.75, 1])
        let fifty = try b.vector("linspace", s(-1), s(1))
        XCTAssertEqual(fifty.count, 50)
        XCTAssertEqual(fifty.first, -1)
        XCTAssertEqual(fifty.last, 1)
        XCTAssertEqual(try b.vector("linspace", s(0), s(1), s(11))[3], 0.3)
        XCTAssertEqual(try b.vector("linspace", s(0), s(1), s(3)), [0, 0.5, 1])
        XCTAssertEqual(try b.vector("linspace", s(2), s(3), s(1)), [2])
        XCTAssertEqual(try b.vector("linspace", s(-1e308), s(1e308), s(3)), [-1e308, 0, 1e308])
        XCTAssertEqual(b.error("linspace", s(0), s(1), s(0)).range, BuiltinCaller.range(2))
        XCTAssertEqual(b.error("linspace", s(0), s(.infinity)).range, BuiltinCaller.range(1))
    }

    // MARK: - Random numbers

    func testRandom() throws {
        XCTAssertEqual(try b.scalar("seed", s(42)), 42)
        let first = try b.vector("randn", s(5))
        _ = try b.scalar("seed", s(42))
        XCTAssertEqual(try b.vector("randn", s(5)), first, "seed makes the numbers repeat")
        XCTAssertNotEqual(try b.vector("randn", s(5)), first)
        XCTAssertTrue(try b.call("randn", []).tensor!.isScalar)
        let u = try b.tensor("rand", s(20), s(50))
        XCTAssertEqual(u.shape, [20, 50])
        XCTAssertTrue(u.scalars.allSatisfy { $0 >= 0 && $0 < 1 })
        let z = try b.vector("randn", s(100_000))
        let mean = z.reduce(0, +) / Double(z.count)
        let variance = z.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(z.count)
        XCTAssertEqual(mean, 0, accuracy: 0.02)
        XCTAssertEqual(variance, 1, accuracy: 0.02)
        XCTAssertEqual(b.error("seed", s(-1)).range, BuiltinCaller.range(0))
        XCTAssertTrue(b.error("seed", s(1.5)).message.contains("a seed"))
        XCTAssertTrue(b.error("seed", s(1e300)).message.contains("a seed"))
        XCTAssertTrue(b.error("seed", s(9.3e18)).message.contains("a seed"))
        XCTAssertEqual(b.error("rand", s(-1)).message, "rand expects a size of 0 or more here, got -1")
        XCTAssertTrue(b.error("randn", s(1e5), s(1e5)).message.hasPrefix("result too large"))
    }

    // MARK: - Softmax family

    func testSoftmax() throws {
        let e = [1.0, 2, 3].map { Foundation.exp($0) }
        let total = e.reduce(0, +)
        assertClose(try b.vector("softmax", v(1, 2, 3)), e.map { $0 / total })
        XCTAssertEqual(try b.vector("softmax", v(5)), [1])
        let rows = try b.tensor("softmax", m([[1, 2, 3], [0, 0, 0]]))
        XCTAssertEqual(rows.shape, [2, 3])
        assertClose(Array(rows.scalars[0..<3]), e.map { $0 / total })
        assertClose(Array(rows.scalars[3...]), [1.0 / 3, 1.0 / 3, 1.0 / 3])
        assertClose(try b.vector("softmax", v(2, 1, 0.1), s(2)), try b.vector("softmax", v(1, 0.5, 0.05)))
        XCTAssertEqual(b.error("softmax", v(1, 2), s(0)).range, BuiltinCaller.range(1))
        XCTAssertNotNil(b.error("softmax", v(1, 2), s(-1)).suggestion)
        XCTAssertTrue(b.error("softmax", v(1, 2), s(.infinity)).message.contains("positive finite"))
        XCTAssertTrue(b.error("softmax", v(1, 2), s(.nan)).message.contains("positive finite"))
        XCTAssertEqual(b.error("softmax", s(3)).suggestion, "write the scores as a vector, such as softmax([2, 1, 0.1])")
        XCTAssertEqual(b.error("softmax", .vector([])).message, "softmax of an empty vector is undefined")
        XCTAssertEqual(b.error("logsumexp", .tensor(Tensor(shape: [2, 0], scalars: []))).message,
                       "logsumexp of an empty row is undefined")
        XCTAssertEqual(b.error("softmax", .function(.builtin(Builtins.named["exp"]!))).range, BuiltinCaller.range(0))
    }

    func testNaiveSoftmax() throws {
        assertClose(try b.vector("naive_softmax", v(1, 2, 3)), try b.vector("softmax", v(1, 2, 3)))
        XCTAssertTrue(try b.vector("naive_softmax", v(1000, 0))[0].isNaN, "exp(1000) overflows: Inf / Inf")
        XCTAssertEqual(try b.tensor("naive_softmax", m([[0, 0], [1, 1]])).scalars, [0.5, 0.5, 0.5, 0.5])
    }

    func testLogSoftmaxAndLogSumExp() throws {
        let z = v(2, 1, 0.1)
        assertClose(try b.vector("log_softmax", z), try b.vector("softmax", z).map { Foundation.log($0) })
        let lse = try b.scalar("logsumexp", z)
        XCTAssertEqual(lse, Foundation.log(Foundation.exp(2) + Foundation.exp(1) + Foundation.exp(0.1)), accuracy: 1e-14)
        XCTAssertEqual(try b.vector("logsumexp", m([[0, 0], [1, 1], [5, -3]])).count, 3)
        assertClose(try b.vector("logsumexp", m([[0, 0], [1, 1]])), [Foundation.log(2), 1 + Foundation.log(2)])
        XCTAssertEqual(try b.tensor("log_softmax", m([[0, 0], [3, 3]])).shape, [2, 2])
    }

    // MARK: - Activations

    func testActivations() throws {
        assertClose(try b.vector("sigmoid", v(0, 2, -2)), [0.5, 1 / (1 + Foundation.exp(-2)), 1 / (1 + Foundation.exp(2))])
        assertClose(try b.vector("tanh", v(0, 1)), [0, Foundation.tanh(1)])
        XCTAssertEqual(try b.vector("relu", v(-2, 0, 3)), [0, 0, 3])
        XCTAssertTrue(try b.vector("relu", v(.nan))[0].isNaN)
        XCTAssertEqual(try b.vector("leaky_relu", v(-2, 3)), [-0.02, 3])
        XCTAssertEqual(try b.vector("leaky_relu", v(-2, 3), s(0.1)), [-0.2, 3])
        XCTAssertEqual(try b.tensor("leaky_relu", m([[-1, 1]]), s(0.5)), Tensor(rows: 1, columns: 2, scalars: [-0.5, 1]))
        XCTAssertEqual(b.error("leaky_relu", v(1), v(1, 2)).range, BuiltinCaller.range(1))
        XCTAssertEqual(try b.vector("softsign", v(-3, 0, 1)), [-0.75, 0, 0.5])
        assertClose(try b.vector("softplus", v(0, 1, -1)), [Foundation.log(2), Foundation.log(1 + Foundation.exp(1)),
                                                               Foundation.log(1 + Foundation.exp(-1))])
        XCTAssertEqual(try b.scalar("sigmoid", s(0)), 0.5)
    }

    // MARK: - Losses

    func testCrossEntropy() throws {
        XCTAssertEqual(try b.scalar("cross_entropy", v(0.7, 0.2, 0.1), v(1, 0, 0)), -Foundation.log(0.7), accuracy: 1e-15)
        XCTAssertEqual(try b.scalar("cross_entropy", v(1, 0, 0), v(1, 0, 0)), 0, "0·log 0 counts as 0")
        XCTAssertEqual(try b.scalar("cross_entropy", v(0, 1), v(1, 0)), .infinity)
        let batch = try b.scalar("cross_entropy", m([[0.5, 0.5], [0.25, 0.75]]), m([[1, 0], [0, 1]]))
        XCTAssertEqual(batch, -(Foundation.log(0.5) + Foundation.log(0.75)) / 2, accuracy: 1e-15)
        let mismatch = b.error("cross_entropy", v(0.5, 0.5), v(1, 0, 0))
        XCTAssertEqual(mismatch.message, "shape mismatch in cross_entropy: vector of 2 and vector of 3")
        XCTAssertEqual(mismatch.range, BuiltinCaller.range(0).union(BuiltinCaller.range(1)))
        XCTAssertEqual(b.error("cross_entropy", v(0.5, 0.5), s(1)).suggestion, "for the class number k, write onehot(k, 2) as the target")
        XCTAssertNotNil(b.error("cross_entropy", m([[0.5, 0.5]]), v(1, 0)).suggestion)
        let logits = b.error("cross_entropy", v(2, -1), v(1, 0))
        XCTAssertEqual(logits.range, BuiltinCaller.range(0))
        XCTAssertEqual(logits.suggestion, "apply softmax first, or use cross_entropy_logits(z, y) on raw scores")
        XCTAssertEqual(b.error("cross_entropy", .vector([]), .vector([])).message, "cross_entropy of empty vectors is undefined")
    }

    func testCrossEntropyLogits() throws {
        let z = v(2, 1, 0.1), y = v(0, 1, 0)
        let p = try b.call("softmax", [z])
        XCTAssertEqual(try b.scalar("cross_entropy_logits", z, y), try b.scalar("cross_entropy", p, y), accuracy: 1e-14)
        let batch = try b.scalar("cross_entropy_logits", m([[2, 1, 0.1], [0, 0, 0]]), m([[0, 1, 0], [1, 0, 0]]))
        XCTAssertEqual(batch, (try b.scalar("cross_entropy_logits", z, y) + Foundation.log(3)) / 2, accuracy: 1e-14)
        XCTAssertEqual(b.error("cross_entropy_logits", z, m([[0, 1, 0]])).note, "z and y must have the same shape")
    }

    func testBinaryCrossEntropy() throws {
        let expected = -(Foundation.log(0.9) + Foundation.log(0.8)) / 2
        XCTAssertEqual(try b.scalar("bce", v(0.9, 0.2), v(1, 0)), expected, accuracy: 1e-15)
        XCTAssertEqual(try b.scalar("bce", s(0.9), s(1)), -Foundation.log(0.9), accuracy: 1e-15)
        XCTAssertEqual(try b.scalar("bce", v(1, 0), v(1, 0)), 0, "exact labels predicted exactly cost nothing, not NaN")
        XCTAssertEqual(try b.scalar("bce", v(0), v(1)), .infinity, "no clamping at −100")
        XCTAssertEqual(try b.scalar("bce", m([[0.5, 0.5], [0.5, 0.5]]), m([[1, 0], [0, 1]])), Foundation.log(2), accuracy: 1e-15)
        XCTAssertEqual(b.error("bce", v(1.5), v(1)).suggestion, "apply sigmoid first to turn scores into probabilities")
        XCTAssertEqual(b.error("bce", v(0.5), v(1, 0)).message, "shape mismatch in bce: vector of 1 and vector of 2")
    }

    func testMeanSquaredError() throws {
        XCTAssertEqual(try b.scalar("mse", v(1, 2, 3), v(1, 2, 5)), 4.0 / 3)
        XCTAssertEqual(try b.scalar("mse", m([[1, 2], [3, 4]]), m([[0, 0], [0, 0]])), 7.5)
        XCTAssertEqual(b.error("mse", m([[1, 2, 3], [4, 5, 6]]), m([[1, 2], [3, 4], [5, 6]])).suggestion,
                       "transpose one of them with '")
        XCTAssertEqual(b.error("mse", v(1), v(1, 2)).note, "a and b must have the same shape")
    }

    func testNegativeLogLikelihood() throws {
        let logp = v(-0.5, -1.5, -3)
        XCTAssertEqual(try b.scalar("nll", logp, s(2)), 1.5)
        XCTAssertEqual(try b.scalar("nll", logp, v(0, 1, 0)), 1.5)
        XCTAssertEqual(try b.scalar("nll", logp, v(0.5, 0.5, 0)), 1)
        XCTAssertEqual(try b.scalar("nll", m([[-1, -2], [-3, -4]]), v(2, 1)), 2.5)
        XCTAssertEqual(try b.scalar("nll", m([[-1, -2], [-3, -4]]), m([[0, 1], [1, 0]])), 2.5)
        let zero = b.error("nll", logp, s(0))
        XCTAssertEqual(zero.range, BuiltinCaller.range(1))
        XCTAssertEqual(zero.suggestion, "classes count from 1, as indices do")
        XCTAssertEqual(b.error("nll", logp, s(4)).note, "classes are numbered 1…3")
        XCTAssertEqual(b.error("nll", m([[-1, -2], [-3, -4]]), v(1, 2, 1)).message,
                       "nll needs one class per row: logp has 2 rows, but 3 classes were given")
        XCTAssertEqual(b.error("nll", m([[-1, -2], [-3, -4]]), v(1, 2.5)).message, "class 2.5 (element 2) is out of range")
        XCTAssertEqual(b.error("nll", logp, v(1, 0)).message, "shape mismatch in nll: vector of 3 and vector of 2")
        let z = v(2, 1, 0.1)
        XCTAssertEqual(try b.scalar("nll", try b.call("log_softmax", [z]), s(3)),
                       try b.scalar("cross_entropy_logits", z, v(0, 0, 1)), accuracy: 1e-14)
    }
}
