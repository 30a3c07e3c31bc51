import Foundation
import XCTest
@testable import VectorLang

/// Vectors are columns (n×1) and `v'` is a row (1×n), as in the mathematics Jacobi prints and in Julia:
/// broadcasting, `@`, transpose and the reductions along a dimension all read a vector that way.
final class ColumnVectorTests: XCTestCase {
    private var b = BuiltinCaller()

    override func setUp() {
        b = BuiltinCaller()
        b.numbers("p = [0.2, 0.3, 0.5]; A = [[1, 2], [3, 4]]; v = [10, 100]; B = [[1, 2, 3], [4, 5, 6]]; x = [1, 2]")
    }

    private func run(_ line: String, file: StaticString = #filePath, lineNumber: UInt = #line) -> Tensor {
        b.numbers(line, file: file, line: lineNumber)
    }

    private func assertValue(_ line: String, _ expected: Tensor, _ message: String = "", file: StaticString = #filePath, lineNumber: UInt = #line) {
        XCTAssertEqual(run(line, file: file, lineNumber: lineNumber), expected, "\(line) \(message)", file: file, line: lineNumber)
    }

    private func error(_ line: String, file: StaticString = #filePath, lineNumber: UInt = #line) -> Diagnostic {
        b.diagnostic(line, file: file, line: lineNumber)
    }

    private static let outer = Tensor(rows: 3, columns: 3, scalars: [0.04, 0.06, 0.1, 0.06, 0.09, 0.15, 0.1, 0.15, 0.25])

    // MARK: - Broadcasting

    func testAColumnAgainstARowIsTheTableOfEveryPair() {
        let product = run("p * p'")
        XCTAssertEqual(product.shape, [3, 3])
        for (a, b) in zip(product.scalars, Self.outer.scalars) { XCTAssertEqual(a, b, accuracy: 1e-15) }
        XCTAssertEqual(run("p * p'"), run("outer(p, p)"), "p * p' is the outer product")
        XCTAssertEqual(run("p' * p"), run("outer(p, p)"), "a row times a column, elementwise, is the same table")
        assertValue("[1, 2] + [10, 20, 30]'", Tensor(rows: 2, columns: 3, scalars: [11, 21, 31, 12, 22, 32]))
        assertValue("[1, 2] - [[10, 20, 30]]", Tensor(rows: 2, columns: 3, scalars: [-9, -19, -29, -8, -18, -28]))
    }

    func testAVectorScalesAMatrixsRowsAndARowItsColumns() {
        assertValue("A * v", Tensor(rows: 2, columns: 2, scalars: [10, 20, 300, 400]), "scales the rows")
        assertValue("v * A", Tensor(rows: 2, columns: 2, scalars: [10, 20, 300, 400]))
        assertValue("A * v'", Tensor(rows: 2, columns: 2, scalars: [10, 200, 30, 400]), "scales the columns")
        assertValue("B * x", Tensor(rows: 2, columns: 3, scalars: [1, 2, 3, 8, 10, 12]))
        assertValue("B / [1, 2, 3]'", Tensor(rows: 2, columns: 3, scalars: [1, 1, 1, 4, 2.5, 2]))
        assertValue("B - mean(B, 1)", Tensor(rows: 2, columns: 3, scalars: [-1.5, -1.5, -1.5, 1.5, 1.5, 1.5]), "centres the columns")
        assertValue("B - mean(B, 2)", Tensor(rows: 2, columns: 3, scalars: [-1, 0, 1, -1, 0, 1]), "centres the rows")
        assertValue("B * [[1], [2]]", Tensor(rows: 2, columns: 3, scalars: [1, 2, 3, 8, 10, 12]), "an m×1 matrix is a column too")
    }

    func testVectorsOfOneLengthStayElementwise() {
        assertValue("p * p", Tensor(vector: [0.04000000000000001, 0.09, 0.25]))
        assertValue("x + [1]", Tensor(vector: [2, 3]), "a one-element vector repeats like a number")
        assertValue("x + 1", Tensor(vector: [2, 3]))
        assertValue("[1, 2] * [[3], [4]]", Tensor(rows: 2, columns: 1, scalars: [3, 8]))
    }

    // MARK: - The matrix product

    func testProductsOfColumnsAndRows() {
        XCTAssertEqual(run("p @ p'"), run("outer(p, p)"), "a column times a row is the outer product")
        XCTAssertEqual(run("p' @ p"), Tensor(0.38), "a vector's transpose times a column is a number")
        XCTAssertEqual(run("p' @ p"), run("dot(p, p)"))
        assertValue("A @ v", Tensor(vector: [210, 430]), "a matrix times a column is a column")
        assertValue("v' @ A", Tensor(rows: 1, columns: 2, scalars: [310, 420]), "a row times a matrix is a row")
        assertValue("x' @ A @ x", Tensor(27), "a quadratic form is a number")
        assertValue("B' @ x", Tensor(vector: [9, 12, 15]))
        assertValue("(x' / 2 + x') @ x", Tensor(7.5), "arithmetic with numbers keeps a vector's transpose one")
        assertValue("[[1, 2]] @ x", Tensor(vector: [5]), "a one-row matrix times a column is a vector, as every matrix times a column")
        assertValue("sum([[1, 2], [3, 4]], 1) @ x", Tensor(vector: [16]), "so is a row of sums")
        assertValue("(x' @ A)'", Tensor(vector: [7, 10]), "x' @ A is a vector's transpose")
        assertValue("[[1], [2]] @ [[3, 4]]", Tensor(rows: 2, columns: 2, scalars: [3, 4, 6, 8]))
        assertValue("x @ [3]", Tensor(vector: [3, 6]), "a column times a 1×1")
        assertValue("A @ A", Tensor(rows: 2, columns: 2, scalars: [7, 10, 15, 22]))
    }

    func testAColumnBeforeAMatrixIsAnErrorThatSuggestsTheRow() {
        let d = error("v @ A")
        XCTAssertEqual(d.message, "shape mismatch in @: vector of 2 and 2×2 matrix")
        XCTAssertEqual(d.range, SourceRange(0, 5))
        XCTAssertEqual(d.note, "a vector is a column (2×1), so v @ A needs A to have 1 row; it has 2")
        XCTAssertEqual(d.suggestion, "for the row vᵀA, transpose v: v' @ A")
        XCTAssertEqual(error("x @ B").suggestion, "for the row xᵀB, transpose x: x' @ B")
        XCTAssertEqual(error("[1, 2, 3] @ B").suggestion, "for B times the column [1, 2, 3], write B @ [1, 2, 3]")
    }

    func testTwoColumnsOrTwoRowsAreErrorsThatSuggestInnerAndOuter() {
        let columns = error("p @ p")
        XCTAssertEqual(columns.note, "both are columns (3×1 and 3×1), and a column times a column is undefined")
        XCTAssertEqual(columns.suggestion, "for the inner product (a number) write p' @ p; for the outer product, p @ p'")
        XCTAssertEqual(error("p @ x").suggestion, "for the outer product write p @ x'")
        let rows = error("p' @ p'")
        XCTAssertEqual(rows.message, "shape mismatch in @: 1×3 matrix and 1×3 matrix")
        XCTAssertEqual(rows.note, "both are rows (1×3 and 1×3), and a row times a row is undefined")
        XCTAssertEqual(rows.suggestion, "for the inner product (a number) write p' @ p; for the outer product, p @ p'")
        XCTAssertEqual(error("(p + 1)' @ (p - 1)'").suggestion,
                       "for the inner product (a number) write (p + 1)' @ (p - 1); for the outer product, (p + 1) @ (p - 1)'")
    }

    func testAMatrixBeforeARowIsAnErrorThatSuggestsTheColumn() {
        let d = error("A @ v'")
        XCTAssertEqual(d.message, "shape mismatch in @: 2×2 matrix and 1×2 matrix")
        XCTAssertEqual(d.note, "v' is a row (1×2), so A @ v' needs A to have 1 column; it has 2")
        XCTAssertEqual(d.suggestion, "for A times a column, write A @ v; to scale the columns of A, A * v'")
        XCTAssertEqual(error("B @ B").suggestion, "transpose the left: B' @ B")
    }

    // MARK: - Broadcasting errors

    func testAMismatchSaysWhatTheVectorIsFor() {
        let d = error("B * [1, 2, 3]")
        XCTAssertEqual(d.message, "shape mismatch in *: 2×3 matrix and vector of 3")
        XCTAssertEqual(d.range, SourceRange(0, 13))
        XCTAssertEqual(d.note, "a vector is a column, so B * [1, 2, 3] scales row i of B by element i of [1, 2, 3]: "
                       + "[1, 2, 3] needs 2 elements, one per row of B, and has 3")
        XCTAssertEqual(d.suggestion, "to scale column j of B by element j of [1, 2, 3] instead, transpose [1, 2, 3]: B * [1, 2, 3]'")
        b.numbers("w = [1, 2, 3]")
        XCTAssertEqual(error("B + w").note, "a vector is a column, so B + w adds w_i to row i of B: w needs 2 elements, one per row of B, and has 3")
        XCTAssertEqual(error("w - B").suggestion, "to subtract column j of B from w_j instead, transpose w: w' - B")
        XCTAssertEqual(error("B / w").suggestion, "to divide column j of B by w_j instead, transpose w: B / w'")
        XCTAssertNil(error("B * [1, 2, 3, 4]").suggestion, "no transpose fits")
        XCTAssertEqual(error("B * [[1, 2]]").note, "[[1, 2]] is a row, so it repeats down the rows of B: it needs 3 columns and has 2")
        XCTAssertEqual(error("[1, 2] * [1, 2, 3]").suggestion, "for the 2×3 table of every pair, make the right a row: [1, 2] * [1, 2, 3]'")
        XCTAssertEqual(error("B * B'").suggestion, "transpose one of them with '")
    }

    // MARK: - Transpose and reductions

    func testARowsTransposeIsTheVector() {
        assertValue("p'", Tensor(rows: 1, columns: 3, scalars: [0.2, 0.3, 0.5]))
        assertValue("p''", Tensor(vector: [0.2, 0.3, 0.5]))
        assertValue("[[1], [2]]'", Tensor(rows: 1, columns: 2, scalars: [1, 2]))
        assertValue("[[1, 2]]'", Tensor(rows: 2, columns: 1, scalars: [1, 2]), "a one-row matrix transposes to a one-column matrix")
        assertValue("[[1], [2]]'' @ [[3, 4]]", Tensor(rows: 2, columns: 2, scalars: [3, 4, 6, 8]))
        assertValue("B''", Tensor(rows: 2, columns: 3, scalars: [1, 2, 3, 4, 5, 6]))
    }

    func testReductionsAlongADimensionLineUpWithTheMatrix() {
        assertValue("sum(B, 1)", Tensor(rows: 1, columns: 3, scalars: [5, 7, 9]), "one number per column: a row")
        assertValue("sum(B, 2)", Tensor(vector: [6, 15]), "one number per row: a column")
        assertValue("B / sum(B, 2)", Tensor(rows: 2, columns: 3, scalars: [1.0 / 6, 2.0 / 6, 3.0 / 6, 4.0 / 15, 5.0 / 15, 6.0 / 15]))
        let byHand = run("exp(B) / sum(exp(B), 2) - softmax(B)")
        XCTAssertEqual(byHand.shape, [2, 3])
        XCTAssertTrue(byHand.scalars.allSatisfy { abs($0) < 1e-15 }, "row-wise softmax by hand: \(byHand)")
        assertValue("argmax(B, 1)", Tensor(rows: 1, columns: 3, scalars: [2, 2, 2]))
    }

    func testRowWiseBuiltinsKeepReadingRows() {
        assertValue("logsumexp([[0, 0], [1, 1]]) - log(2)", Tensor(vector: [0, 1]), "one value per row, a column")
        XCTAssertEqual(run("softmax(p')").shape, [1, 3], "softmax of a row is a row")
        XCTAssertEqual(run("cross_entropy([[0.5, 0.5], [0.25, 0.75]], [[1, 0], [0, 1]])").scalars[0], (log(2) - log(0.75)) / 2,
                       accuracy: 1e-15, "the mean over rows, each an example")
    }
}
