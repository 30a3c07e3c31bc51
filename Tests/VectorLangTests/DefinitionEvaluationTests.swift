import XCTest
@testable import VectorLang

/// A definition is evaluated where its name is used, in the locals there: so it is differentiated through,
/// subscripted, summed, and follows the variables it mentions.
final class DefinitionEvaluationTests: XCTestCase {
    private var b = BuiltinCaller()

    override func setUp() {
        b = BuiltinCaller()
    }

    @discardableResult
    private func run(_ line: String, file: StaticString = #filePath, line number: UInt = #line) -> Tensor {
        b.numbers(line, file: file, line: number)
    }

    private func assertSame(_ a: String, _ c: String, tolerance: Double = 1e-12, file: StaticString = #filePath, line: UInt = #line) {
        b.assertSame(a, c, tolerance: tolerance, file: file, line: line)
    }

    /// Random logits and a probability vector, and p defined from them.
    private func softmaxSession(seed: Int) {
        run("seed(\(seed)); z = randn(4); y = softmax(randn(4))")
        run("p := softmax(z)")
    }

    func testTheGradientThroughADefinitionIsTheGradientOfItsBody() {
        for seed in 1...5 {
            softmaxSession(seed: seed)
            // The example of the design: Σ p = 1, so both are zero, but only if p is differentiated at all.
            assertSame("grad(z -> sum(p), z)", "grad(z -> sum(softmax(z)), z)")
            // A weighted sum has a gradient that is not zero, p ⊙ (y − p·y): a definition resolved once, to
            // numbers, would give zero here.
            assertSame("grad(z -> sum(p * y), z)", "grad(z -> sum(softmax(z) * y), z)")
            assertSame("grad(z -> sum(p * y), z)", "softmax(z) * (y - sum(softmax(z) * y))")
            assertSame("grad(z -> sum(p * y), z)", "numgrad(z -> sum(softmax(z) * y), z)", tolerance: 1e-8)
            XCTAssertGreaterThan(run("sum(abs(grad(z -> sum(p * y), z)))").scalars[0], 1e-3)
        }
    }

    func testJacobiansHessiansAndPartialsSeeTheDefinition() {
        softmaxSession(seed: 7)
        assertSame("jacobian(z -> p, z)", "jacobian(softmax, z)")
        assertSame("jacobian(z -> p, z)", "diag(softmax(z)) - outer(softmax(z), softmax(z))")
        assertSame("partial(p_i, z_j)", "jacobian(softmax, z)")
        assertSame("partial(p_2, z_3)", "jacobian(softmax, z)[2, 3]")
        assertSame("hessian(z -> p[1], z)", "hessian(z -> softmax(z)[1], z)")
        assertSame("numjacobian(z -> p, z)", "jacobian(softmax, z)", tolerance: 1e-8)
        assertSame("vjp(z -> p, z, y)", "vjp(softmax, z, y)")
    }

    func testIndexingSubscriptsSumsAndTransposeReadTheCurrentValue() {
        softmaxSession(seed: 3)
        assertSame("p", "softmax(z)")
        assertSame("p_i", "softmax(z)")
        assertSame("p[2]", "softmax(z)[2]")
        assertSame("p_2", "softmax(z)[2]")
        assertSame("p[end]", "softmax(z)[4]")
        assertSame("sum_k(p_k)", "1")
        assertSame("Σ_k p_k * y_k", "sum(softmax(z) * y)")
        assertSame("p'", "softmax(z)'")
        assertSame("p_i * (delta(i, j) - p_j)", "diag(softmax(z)) - outer(softmax(z), softmax(z))")
    }

    func testRebindingAVariableChangesTheDefinition() {
        run("z = [2, 1, 0.1]; p := softmax(z)")
        assertSame("p", "softmax([2, 1, 0.1])")
        run("z = [0, 0]")
        assertSame("p", "[0.5, 0.5]")
        run("z = [1, 1, 1, 1]")
        assertSame("sum_k(p_k * k)", "2.5")
    }

    func testFunctionsSeeDefinitionsAndTheirParametersShadowTheSessionsNames() {
        run("z = [2, 1, 0.1]; p := softmax(z)")
        XCTAssertNoThrow(try b.run("f(x) = x + p"))
        assertSame("f(1)", "1 + softmax([2, 1, 0.1])")
        // Inside g, z is g's parameter, and p's z is that parameter too.
        XCTAssertNoThrow(try b.run("g(z) = sum(p * [1, 2])"))
        assertSame("g([0, 0])", "1.5")
        assertSame("(z -> p)([5, 5, 5, 5])", "[0.25, 0.25, 0.25, 0.25]")
        assertSame("z", "[2, 1, 0.1]")
    }

    func testADefinitionWithFreeIndicesIsTheWholeVector() {
        run("z = [2, 1, 0.1]")
        run("q := exp(z_i) / sum_k(exp(z_k))")
        assertSame("q", "softmax(z)")
        // Its i is its own: the i around the use does not reach into it.
        assertSame("q_i", "softmax(z)")
        assertSame("q_i * 2", "2 * softmax(z)")
        assertSame("sum_i(q_i)", "1")
        assertSame("partial(q_i, z_j)", "jacobian(softmax, z)")
        assertSame("grad(z -> q_1, z)", "jacobian(softmax, z)[1, :]")
    }

    func testIndexNotationOverADefinedVariable() {
        run("W = [[1, 2], [3, 4], [5, 6]]; x = [0.5, -1]")
        run("u := W @ x")
        assertSame("exp(u_i) / sum_k(exp(u_k))", "softmax(W @ x)")
        assertSame("u_i * δ_ij", "diag(W @ x)")
        assertSame("partial(u_i, x_j)", "W")
        assertSame("partial(u_i, W_ij)", "[x, x, x]")
    }

    /// By a definition itself, as by a free variable at its value: the ∂L/∂u of backpropagation.
    func testPartialByADefinitionTreatsItAsFree() {
        run("W = [[0.5, -1], [1, 0.2], [-0.3, 0.8]]; x = [1, 2]; y = onehot(2, 3)")
        run("u := W @ x; p := softmax(u)")
        assertSame("partial(cross_entropy(p, y), u_j)", "p - y")
        assertSame("partial(p_i, u_j)", "jacobian(softmax, W @ x)")
        assertSame("partial(u_i * 2, u_j)", "2 * eye(3)")
    }

    func testADefinitionIsEvaluatedOncePerEvaluation() {
        run("seed(1); r := randn(3)")
        assertSame("r - r", "[0, 0, 0]")
        XCTAssertNotEqual(run("r"), run("r"), "each statement draws again")
        // Each link uses the last twice: evaluated afresh at every use, this would take 2^30 evaluations.
        run("a0 := [1, 2]")
        for i in 1...30 { run("a\(i) := a\(i - 1) + a\(i - 1)") }
        assertSame("a30_1", "2^30")
        assertSame("grad(z -> a30_1 * z, 3)", "2^30")
    }

    func testDefinitionsOfDefinitionsAndLambdas() {
        run("z = [1, 2, 3]")
        run("s := sum(e); e := exp(z)")
        assertSame("s", "sum(exp([1, 2, 3]))")
        assertSame("grad(z -> s, z)", "exp([1, 2, 3])")
        XCTAssertNoThrow(try b.run("sq := x -> x^2"))
        assertSame("sq(z)", "[1, 4, 9]")
    }
}
