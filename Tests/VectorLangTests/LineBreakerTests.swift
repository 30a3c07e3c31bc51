import XCTest
@testable import VectorLang

/// Lines of mathematics and prose broken to a width: where they break, how they hang, what never splits.
final class LineBreakerTests: XCTestCase {
    /// The words and numbers of a text, in order: a break that split one would change this list.
    static func words(_ lines: [String]) -> [String] {
        lines.joined(separator: " ").split { !LineBreaker.isWordCharacter($0) }.map(String.init)
    }

    func testShortLineAndNoWidthStayWhole() {
        XCTAssertEqual(LineBreaker.wrap("  = pᵢ(δᵢⱼ − pⱼ)", width: 80), ["  = pᵢ(δᵢⱼ − pⱼ)"])
        let long = String(repeating: "exp(zᵢ) + ", count: 40)
        XCTAssertEqual(LineBreaker.wrap(long, width: nil), [long])
    }

    func testEquationBreaksBeforeAnOperatorAtTheShallowestDepthWithAHangingIndent() {
        let line = "  = (exp(zᵢ)·δᵢⱼ·Σₖ exp(zₖ) − exp(zᵢ)·exp(zⱼ)) / (Σₖ exp(zₖ))²"
        let lines = LineBreaker.wrap(line, width: 50)
        XCTAssertEqual(lines, ["  = (exp(zᵢ)·δᵢⱼ·Σₖ exp(zₖ) − exp(zᵢ)·exp(zⱼ))", "      / (Σₖ exp(zₖ))²"])
    }

    func testMatrixBreaksBetweenRowsBeforeBetweenElements() {
        let line = "      ≈ [[ 0.2247, -0.1598, -0.0650], [-0.1598,  0.1837, -0.0239], [-0.0650, -0.0239,  0.0889]]"
        let lines = LineBreaker.wrap(line, width: 60)
        XCTAssertEqual(lines.first, "      ≈ [[ 0.2247, -0.1598, -0.0650],")
        XCTAssertTrue(lines.allSatisfy { LineBreaker.columns($0) <= 60 })
        XCTAssertEqual(Self.words(lines), Self.words([line]))
    }

    func testProseBreaksAfterAColonOrCommaRatherThanInsideAFormula() {
        let rule = "[5] Kronecker delta: ∂zₖ/∂zⱼ = δₖⱼ: the elements of a vector are independent"
        XCTAssertEqual(LineBreaker.wrap(rule, width: 60, style: .prose),
                       ["[5] Kronecker delta: ∂zₖ/∂zⱼ = δₖⱼ:", "    the elements of a vector are independent"])
        let cases = "[13] the i = j and i ≠ j cases: δᵢⱼ is 1 when i = j and 0 otherwise"
        for line in LineBreaker.wrap(cases, width: 40, style: .prose) {
            XCTAssertFalse(line.hasSuffix(" i") || line.trimmingCharacters(in: .whitespaces).hasPrefix("= j"), line)
        }
    }

    /// Random lines of numbers, names and operators at every width from 8 to 100: no line is wider than
    /// the width, and unless one word alone is too wide, the words and numbers are the same, in order.
    func testNoWordOrNumberIsEverSplitAndNoLineIsTooWide() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["-0.1598", "1.235e+04", "exp(zᵢ)", "Σₖ", "δᵢⱼ", "·", " + ", " − ", " = ", ", ", "[", "]", "(", ")",
                      "softmax", "cross_entropy", " ", "2.718281828", "p′", "ᵀ", " / "]
        for _ in 0..<300 {
            let line = "  " + (0..<Int.random(in: 5...60, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
            for width in stride(from: 8, through: 100, by: 7) {
                let lines = LineBreaker.wrap(line, width: width)
                for piece in lines {
                    XCTAssertLessThanOrEqual(LineBreaker.columns(piece), width, "width \(width): \(line)")
                }
                // A word wider than a continuation line's room has to be cut; any other stays whole.
                let longest = Self.words([line]).map { LineBreaker.columns($0) }.max() ?? 0
                if longest + width / 3 <= width {
                    XCTAssertEqual(Self.words(lines), Self.words([line]), "width \(width): \(line)")
                }
            }
        }
    }

    func testWideAndCombiningCharactersAreMeasuredInColumns() {
        XCTAssertEqual(LineBreaker.columns("Σₖ exp(zₖ)"), 10)
        XCTAssertEqual(LineBreaker.columns("解答"), 4)
        XCTAssertEqual(LineBreaker.columns("e\u{301}"), 1)
    }
}
