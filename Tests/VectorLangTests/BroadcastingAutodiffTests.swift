import XCTest
@testable import VectorLang

/// Reverse-mode derivatives of the broadcasting operators and of `@` against central differences, for
/// every way a column, a row, a matrix and a number meet: the cotangent of a broadcast operand must be
/// summed back over exactly the dimensions it was repeated along (the rows for a row, the columns for a
/// vector, which is a column), and every gradient must have the shape of its variable.
final class BroadcastingAutodiffTests: XCTestCase {
    private var b = BuiltinCaller()

    /// The variables, each in (0.5, 1.5) so that quotients and powers are smooth: x a vector of 3 (a column),
    /// u a vector of 4, r a 1×4 row, c a 3×1 column matrix, M a 3×4 matrix, s a number.
    override func setUp() {
        b = BuiltinCaller()
        run("seed(12); x = 0.5 + rand(3); u = 0.5 + rand(4); r = 0.5 + rand(1, 4); c = 0.5 + rand(3, 1); M = 0.5 + rand(3, 4); s = 0.5 + rand(1)[1]")
    }

    @discardableResult
    private func run(_ line: String, file: StaticString = #filePath, lineNumber: UInt = #line) -> Tensor {
        b.numbers(line, file: file, line: lineNumber)
    }

    /// Pairs of operands whose shapes broadcast, with the shape of the result.
    static let pairs: [(left: String, right: String, shape: [Int])] = [
        ("M", "x", [3, 4]), ("x", "M", [3, 4]),  // a column along a matrix's rows
        ("M", "u'", [3, 4]), ("u'", "M", [3, 4]),  // a row down its columns
        ("M", "r", [3, 4]), ("r", "M", [3, 4]),
        ("M", "c", [3, 4]), ("c", "M", [3, 4]),
        ("x", "u'", [3, 4]), ("u'", "x", [3, 4]),  // a column against a row: the table of every pair
        ("c", "r", [3, 4]), ("x", "r", [3, 4]),
        ("x", "c", [3, 1]), ("x", "x", [3]),
        ("s", "M", [3, 4]), ("M", "s", [3, 4]), ("x", "s", [3]), ("s", "r", [1, 4]),
    ]

    static let variables: [String: [Int]] = ["x": [3], "u": [4], "r": [1, 4], "c": [3, 1], "M": [3, 4], "s": []]

    func testEveryBroadcastOfEveryOperatorMatchesFiniteDifferences() {
        for op in ["+", "-", "*", "/", "^"] {
            for (left, right, shape) in Self.pairs {
                let expression = "\(left) \(op) \(right)"
                XCTAssertEqual(run(expression).shape, shape, expression)
                // exp of a scaled result makes each entry's slope its own, so a cotangent summed along the
                // wrong dimension, or transposed, cannot hide in the sum.
                assertGradients(of: "sum(exp(0.3 * (\(expression))))", label: expression)
            }
        }
    }

    func testMatrixProductsOfColumnsAndRowsMatchFiniteDifferences() {
        for expression in ["M' @ x", "x' @ M", "M @ u", "r @ u", "u @ x'", "x @ r", "c @ r", "x' @ x", "x' @ M @ u",
                           "r' @ x'", "M @ (u @ u')", "(x @ x') @ M", "c' @ M", "M @ r'", "x @ [2]"] {
            assertGradients(of: "sum(exp(0.3 * (\(expression))))", label: expression)
        }
    }

    func testTransposesAndReductionsAlongDimensionsMatchFiniteDifferences() {
        for expression in ["x'", "r'", "c'", "M'", "x''", "r''", "sum(M, 1) * r", "sum(M, 2) * x", "mean(M, 1) - u'",
                           "M / sum(M, 2)", "M - mean(M, 1)", "max(M * x, 1) * r", "min(M * u', 2) + c", "logsumexp(M * x) * x"] {
            assertGradients(of: "sum(exp(0.3 * (\(expression))))", label: expression)
        }
    }

    func testGradientsKeepTheShapeOfTheirVariable() {
        XCTAssertEqual(run("grad(M -> sum(M @ u), M)").shape, [3, 4])
        XCTAssertEqual(run("grad(r -> sum(r * M), r)").shape, [1, 4])
        XCTAssertEqual(run("grad(c -> sum(c * M), c)").shape, [3, 1])
        XCTAssertEqual(run("grad(x -> x' @ M @ u, x)").shape, [3])
        XCTAssertEqual(run("numgrad(r -> sum(r * M), r)").shape, [1, 4])
        XCTAssertEqual(run("grad(s -> sum(s * M), s)").shape, [])
    }

    func testJacobianRowsAreOutputs() {
        XCTAssertEqual(run("jacobian(u -> M @ u, u)"), run("M"), "the Jacobian of M u is M: row i is output i")
        XCTAssertEqual(run("jacobian(x -> x' @ M, x)"), run("M'"), "a row output counts its entries as rows")
        XCTAssertEqual(run("jacobian(x -> x * x', x)").shape, [9, 3], "a 3×3 output has 9 rows, counted row by row")
        assertClose(run("jacobian(x -> x * x', x)"), run("numjacobian(x -> x * x', x)"), tolerance: 1e-6, "outer product Jacobian")
        assertClose(run("jacobian(u -> (u @ u') @ u, u)"), run("numjacobian(u -> (u @ u') @ u, u)"), tolerance: 1e-6, "(u uᵀ) u")
    }

    /// Closed forms from the matrix-calculus tables, exact up to rounding.
    func testHessiansOfQuadraticForms() {
        run("A = M[:, 1:3]")
        assertClose(run("hessian(x -> x' @ A @ x, x)"), run("A + A'"), tolerance: 1e-12, "x'Ax")
        assertClose(run("grad(x -> x' @ A @ x, x)"), run("(A + A') @ x"), tolerance: 1e-12, "x'Ax gradient")
        assertClose(run("hessian(z -> logsumexp(z), x)"), run("diag(softmax(x)) - softmax(x) @ softmax(x)'"), tolerance: 1e-12, "logsumexp")
        assertClose(run("grad(X -> x' @ X @ u, M)"), run("x @ u'"), tolerance: 1e-12, "a'Xb with respect to X")
        assertClose(run("grad(v -> sum((M' @ v - u)^2), x)"), run("2 * M @ (M' @ x - u)"), tolerance: 1e-12, "least squares")
    }

    /// The gradient of `body` with respect to each variable it mentions, by reverse mode and by central
    /// differences, in the variable's shape.
    private func assertGradients(of body: String, label: String, file: StaticString = #filePath, line: UInt = #line) {
        let words = Set(body.split { !$0.isLetter }.map(String.init))
        let names = Self.variables.keys.filter(words.contains)
        XCTAssertFalse(names.isEmpty, label, file: file, line: line)
        for name in names.sorted() {
            let exact = run("grad(\(name) -> \(body), \(name))", file: file, lineNumber: line)
            let numeric = run("numgrad(\(name) -> \(body), \(name))", file: file, lineNumber: line)
            XCTAssertEqual(exact.shape, Self.variables[name], "\(label): the gradient for \(name) has its shape", file: file, line: line)
            assertClose(exact, numeric, tolerance: 1e-6, "\(label) with respect to \(name)", file: file, line: line)
        }
    }
}
