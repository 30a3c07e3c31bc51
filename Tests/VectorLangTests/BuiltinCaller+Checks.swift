import XCTest
@testable import VectorLang

/// Checks on whole lines, as typed at the prompt, shared by the tests of index notation and definitions.
extension BuiltinCaller {
    /// The numbers `text` gives; fails the test (and gives NaN) when it gives none or throws.
    @discardableResult
    func numbers(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> Tensor {
        do {
            guard let t = try run(text)?.numbers else {
                XCTFail("\(text) gave no numbers", file: file, line: line)
                return Tensor(.nan)
            }
            return t
        } catch {
            XCTFail("\(text): \(error)", file: file, line: line)
            return Tensor(.nan)
        }
    }

    /// The diagnostic `text` throws; fails the test when it succeeds.
    func diagnostic(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> Diagnostic {
        do {
            _ = try run(text)
            XCTFail("\(text) should fail", file: file, line: line)
        } catch let d as Diagnostic {
            return d
        } catch {
            XCTFail("\(text): \(error)", file: file, line: line)
        }
        return Diagnostic("", at: SourceRange(0, 0))
    }

    /// Asserts that two lines give the same shape and numbers.
    func assertSame(_ a: String, _ c: String, tolerance: Double = 1e-12, file: StaticString = #filePath, line: UInt = #line) {
        let x = numbers(a, file: file, line: line), y = numbers(c, file: file, line: line)
        XCTAssertEqual(x.shape, y.shape, "\(a) vs \(c)", file: file, line: line)
        assertClose(x.scalars, y.scalars, tolerance: tolerance, file: file, line: line)
    }
}

/// Asserts that `a` and `b` have one shape and agree within `tolerance` relative to their largest entry
/// (at least 1), with no NaN: how derivatives are compared, automatic against numeric or closed forms.
func assertClose(_ a: Tensor, _ b: Tensor, tolerance: Double, _ message: String, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.shape, b.shape, "\(message): shapes", file: file, line: line)
    let scale = max(1, (a.scalars + b.scalars).reduce(0) { max($0, abs($1)) })
    let worst = zip(a.scalars, b.scalars).map { abs($0 - $1) }.max() ?? 0
    XCTAssertTrue(worst <= tolerance * scale, "\(message): differ by \(worst) (scale \(scale))", file: file, line: line)
    XCTAssertFalse(a.scalars.contains { $0.isNaN }, "\(message): NaN", file: file, line: line)
}
