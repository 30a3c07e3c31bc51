import XCTest
import VectorLang
@testable import Derivation

/// The checker's reading of a file and its points: what begins a derivation, that a comment states no
/// fact, that a step must hold at every size and not only at one, and the learner's own numbers.
final class DerivationCheckerTests: XCTestCase {
    func testABlankLineOrANewStartBeginsAnotherDerivation() {
        let file = DerivationFile(parsing: "p := softmax(z)\npartial(p_i, z_j)\n= p_i * (delta(i, j) - p_j)\nsum_k(z_k)\n= sum(z)\n\nx_i^2\n= x_i * x_i\n")
        XCTAssertEqual(file.derivations.map { $0.lines.map(\.number) }, [[2, 3], [4, 5], [7, 8]])
        XCTAssertEqual(file.derivations.map(\.setup.count), [1, 1, 0], "set-up lasts until a blank line")
        XCTAssertTrue(DerivationChecker.check("p := softmax(z)\npartial(p_i, z_j)\n= p_i * (delta(i, j) - p_j)\nsum_k(z_k)\n= sum(z)\n\nx_i^2\n= x_i * x_i\n").allHold)
    }

    func testACommentStatesNoFact() {
        let text = "# assume sum(y) = 1\nsum_k(y_k * z_j)\n= z_j\n"
        let report = DerivationChecker.check(text)
        XCTAssertEqual(report.firstWrong, 3)
        XCTAssertEqual(report.lines.last?.slips, [.unassumedFact(Assumption(.sumsToOne, "y"))])
        XCTAssertTrue(DerivationChecker.check("assume sum(y) = 1\nsum_k(y_k * z_j)\n= z_j\n").allHold)
    }

    func testAStepMustHoldAtEverySizeNotOnlyTheOneItsLiteralsSuggest() {
        // z_3 makes 3 the smallest size; the sizes run up to 6, where the three terms are not the sum.
        let report = DerivationChecker.check("sum_k(z_k)\n= z_1 + z_2 + z_3\n")
        XCTAssertEqual(report.firstWrong, 2)
        XCTAssertEqual(report.lines.last?.diagnosis, "no common slip matches")
        let eight = DerivationChecker.check("sum_k(z_k)\n= z_1 + z_2 + z_3 + z_4 + z_5 + z_6 + z_7 + z_8\n")
        XCTAssertEqual(eight.firstWrong, 2, "sizes go past a literal index past 6: \(eight.text())")
    }

    func testAMatrixIsNotSquareUnlessTheDerivationSaysSo() {
        // Σᵢ W_ib sums a column; Σᵢ W_bi a row, as long as W has rows, not columns: W is not square.
        let right = DerivationChecker.check("partial(sum_i(sum_k(W_ik * x_k)), x_b)\n= sum_i(W_ib)\n")
        XCTAssertTrue(right.allHold, right.text())
        let wrong = DerivationChecker.check("partial(sum_i(sum_k(W_ik * x_k)), x_b)\n= sum_i(W_bi)\n")
        XCTAssertFalse(wrong.allHold, wrong.text())
        XCTAssertEqual(wrong.firstWrong, 2)
        XCTAssertEqual(wrong.lines.last?.whereDiffers?.hasPrefix("in shape: vector of "), true, wrong.text())
        XCTAssertEqual(wrong.lines.last?.diagnosis, "no common slip matches")
    }

    func testTheLearnersNumbersAreCheckedAndABrokenFactIsSaid() {
        let report = DerivationChecker.check("y = [0.5, 0.6]\nassume sum(y) = 1\nsum_k(y_k * z_j)\n= z_j\n")
        XCTAssertTrue(report.allHold, "random points satisfying the fact are still used")
        XCTAssertTrue(report.notes.contains { $0.contains("your numbers for y break the fact sum(y) = 1") }, "\(report.notes)")
    }

    func testASymmetricRightStepIsNotCalledATranspose() {
        let report = DerivationChecker.check("p := softmax(z)\npartial(p_i, z_j)\n= p_i * (delta(i, j) - p_j)\n= p_j * (delta(i, j) - p_i)\n")
        XCTAssertTrue(report.allHold, report.text())
    }

    func testAStepWithoutAStartIsAnError() {
        let report = DerivationChecker.check("= p_j - y_j\n")
        XCTAssertEqual(report.lines.map(\.status), [.parseError])
        XCTAssertFalse(report.allHold)
    }
}
