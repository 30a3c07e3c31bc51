import XCTest
@testable import VectorLang

/// Automatic differentiation against central differences and against the closed forms in the textbooks,
/// at random points, n from 1 to 50, in double precision.
///
/// Tolerances: central differences with h ≈ 6e-6 are accurate to about 1e-9 relative on these smooth,
/// well-scaled functions, so automatic and numeric derivatives must agree to 1e-6 (relative to the
/// largest entry, at least 1); closed forms and automatic derivatives are both exact up to rounding
/// and must agree to 1e-12.
final class AutodiffTests: XCTestCase {
    private var session = Evaluator()

    override func setUp() {
        session = Evaluator()
        run("seed(20261129)")
    }

    @discardableResult
    private func run(_ line: String, file: StaticString = #filePath, lineNumber: UInt = #line) -> Tensor {
        do {
            var last = Tensor(.nan)
            for statement in try Parser.parse(line) {
                switch try session.execute(statement, in: line) {
                case .value(let v), .assigned(_, let v), .definedLazily(_, let v?): last = v.numbers ?? Tensor(.nan)
                case .defined, .definedLazily: break
                }
            }
            return last
        } catch let d as Diagnostic {
            XCTFail("\(line): \(d.rendered(source: line))", file: file, line: lineNumber)
        } catch {
            XCTFail("\(line): \(error)", file: file, line: lineNumber)
        }
        return Tensor(.nan)
    }

    /// Scalar test functions of x, one per differentiable builtin; `w` (random weights) makes every
    /// output component matter, so a wrong off-diagonal term cannot hide in a sum.
    static let gradientCases: [(name: String, function: String, point: String)] = [
        ("+", "x -> sum(w * (x + 2*x + 1))", "randn(n)"),
        ("-", "x -> sum(w * (1 - x - x^2))", "randn(n)"),
        ("*", "x -> sum(w * x * x)", "randn(n)"),
        ("/", "x -> sum(w / (2 + x^2))", "randn(n)"),
        ("^", "x -> sum(w * abs(x) ^ 2.5) + sum(2 ^ x)", "randn(n)"),
        ("neg", "x -> sum(w * -x)", "randn(n)"),
        ("@", "x -> sum(w * (A @ x)) + x' @ x + (x' @ A) @ w + sum((x @ w') @ A * A) + w' @ A @ (x^2)", "randn(n)"),
        ("transpose", "x -> sum(w * (x' @ A)[1, :]) + sum(x'' * w) + sum((A @ x)' * w')", "randn(n)"),
        ("exp", "x -> sum(w * exp(x))", "randn(n)"),
        ("log", "x -> sum(w * log(1 + x^2)) + sum(log(2 + x^2, 3))", "randn(n)"),
        ("sqrt", "x -> sum(w * sqrt(1 + x^2))", "randn(n)"),
        ("abs", "x -> sum(w * abs(x))", "randn(n)"),
        ("sum", "x -> sum(x)^2 + sum([x, x], 1) @ w + sum([x, x], 2)' @ [1, 2] + sum(A * x, 1) @ w + sum(A * x', 2)' @ w", "randn(n)"),
        ("mean", "x -> mean(w * x)^2 + mean([x, x], 1) @ w + sum(w * mean(A * x', 2))", "randn(n)"),
        ("max", "x -> max(w * x) + max([x, w], 1) @ w + sum(max([x, w], 2))", "randn(n)"),
        ("min", "x -> min(x * x) + min([x, w], 1) @ w", "randn(n)"),
        ("dot", "x -> dot(x, w) * dot(x, x)", "randn(n)"),
        ("outer", "x -> sum(outer(x, w) * outer(w, x + 1)) + sum(outer(x, x[1:1]) * w) + sum(outer(x[1:1], x) * w')", "randn(n)"),
        ("diag", "x -> sum(diag(x) @ w) + sum(diag(outer(x, x)) * w)", "randn(n)"),
        ("softmax", "x -> sum(w * softmax(x)) + sum(w * softmax(x, 0.5))", "randn(n)"),
        ("naive_softmax", "x -> sum(w * naive_softmax(x))", "randn(n)"),
        ("log_softmax", "x -> sum(w * log_softmax(x))", "randn(n)"),
        ("logsumexp", "x -> logsumexp(x) * 2", "randn(n)"),
        ("sigmoid", "x -> sum(w * sigmoid(x))", "randn(n)"),
        ("tanh", "x -> sum(w * tanh(x))", "randn(n)"),
        ("relu", "x -> sum(w * relu(x))", "randn(n)"),
        ("leaky_relu", "x -> sum(w * leaky_relu(x, 0.1)) + sum(w * leaky_relu(x))", "randn(n)"),
        ("softsign", "x -> sum(w * softsign(x))", "randn(n)"),
        ("softplus", "x -> sum(w * softplus(x))", "randn(n)"),
        ("cross_entropy", "x -> cross_entropy(softmax(x), y)", "randn(n)"),
        ("cross_entropy_logits", "x -> cross_entropy_logits(x, y)", "randn(n)"),
        ("bce", "x -> bce(sigmoid(x), q)", "randn(n)"),
        ("mse", "x -> mse(x, w) + mse(softmax(x), y)", "randn(n)"),
        ("nll", "x -> nll(log_softmax(x), y) + nll(log_softmax(x), 1)", "randn(n)"),
    ]

    func testEveryBuiltinGradientMatchesFiniteDifferences() {
        for n in [1, 2, 3, 7, 20, 50] {
            run("n = \(n); w = randn(n); A = randn(n, n); y = onehot(\(n), n); q = rand(n)")
            for (name, function, point) in Self.gradientCases {
                run("x0 = \(point)")
                let exact = run("grad(\(function), x0)")
                let numeric = run("numgrad(\(function), x0)")
                assertClose(exact, numeric, tolerance: 1e-6, "\(name) at n = \(n)")
            }
        }
    }

    /// Every builtin says how to differentiate it: a rule tested above, or a stated reason it has none.
    func testEveryBuiltinHasADerivativeDecision() {
        let tested = Set(Self.gradientCases.map(\.name))
        for builtin in Builtins.all {
            switch builtin.derivative {
            case .elementwise, .pullback:
                XCTAssertTrue(tested.contains(builtin.name), "\(builtin.name) has a derivative rule that no test checks")
            case .none, .transparent:
                break
            case .unsupported(let reason):
                XCTAssertNotEqual(reason, "it has no derivative rule", "\(builtin.name) has no derivative decision")
            }
        }
    }

    func testClosedForms() {
        for n in [1, 2, 5, 13, 50] {
            run("z = randn(\(n)) * 3; p = softmax(z); y = onehot(\(n / 2 + 1), \(n)); x = randn(4); W = randn(\(n), 4)")
            assertClose(run("jacobian(softmax, z)"), run("diag(p) - outer(p, p)"), tolerance: 1e-12, "softmax Jacobian n=\(n)")
            assertClose(run("jacobian(z -> softmax(z), z)"), run("diag(p) - outer(p, p)"), tolerance: 1e-12, "traced softmax Jacobian")
            assertClose(run("jacobian(softmax, z)"), run("numjacobian(softmax, z)"), tolerance: 1e-6, "softmax Jacobian vs numeric")
            assertClose(run("grad(z -> cross_entropy(softmax(z), y), z)"), run("p - y"), tolerance: 1e-12, "CE after softmax")
            assertClose(run("grad(z -> cross_entropy_logits(z, y), z)"), run("p - y"), tolerance: 1e-12, "CE on logits")
            assertClose(run("jacobian(sigmoid, z)"), run("diag(sigmoid(z) * (1 - sigmoid(z)))"), tolerance: 1e-12, "sigmoid")
            assertClose(run("jacobian(tanh, z)"), run("diag(1 - tanh(z)^2)"), tolerance: 1e-12, "tanh")
            assertClose(run("grad(logsumexp, z)"), run("p"), tolerance: 1e-12, "logsumexp gradient")
            assertClose(run("hessian(logsumexp, z)"), run("diag(p) - outer(p, p)"), tolerance: 1e-12, "logsumexp Hessian")
            assertClose(run("grad(W -> cross_entropy(softmax(W @ x), y), W)"),
                        run("(softmax(W @ x) - y) @ x'"), tolerance: 1e-12, "softmax layer weights")
            assertClose(run("jacobian(log_softmax, z)"), run("eye(\(n)) - outer(ones(\(n)), p)"), tolerance: 1e-12, "log_softmax")
            assertClose(run("grad(z -> sum(softmax(z)), z)"), run("zeros(\(n))"), tolerance: 1e-12, "columns sum to zero")
        }
    }

    func testForwardAndReverseProductsAgreeWithTheJacobian() {
        for n in [1, 4, 30] {
            run("z = randn(\(n)); v = randn(\(n)); J = jacobian(z -> softmax(z) * tanh(z), z)")
            assertClose(run("jvp(z -> softmax(z) * tanh(z), z, v)"), run("J @ v"), tolerance: 1e-12, "jvp n=\(n)")
            assertClose(run("vjp(z -> softmax(z) * tanh(z), z, v)"), run("J' @ v"), tolerance: 1e-12, "vjp n=\(n)")
            assertClose(run("vjp(z -> softmax(z) * tanh(z), z, v)"), run("(v' @ J)'"), tolerance: 1e-12, "vjp as a row, n=\(n)")
        }
    }

    func testNestedDerivativesDoNotConfuseTheirVariables() {
        // d/dx [x · d/dy (x + y)] = d/dx [x · 1] = 1 (Siskind & Pearlmutter's perturbation-confusion test).
        XCTAssertEqual(run("grad(x -> x * grad(y -> x + y, 3), 2)"), Tensor(1))
        assertClose(run("hessian(x -> sum(x^3), [1, 2])"), run("diag(6 * [1, 2])"), tolerance: 1e-12, "cubic Hessian")
        assertClose(run("jacobian(x -> grad(z -> sum(z^2) * sum(z), x), [1, 2])"),
                    run("hessian(z -> sum(z^2) * sum(z), [1, 2])"), tolerance: 1e-12, "Hessian two ways")
    }

    func testMatricesBatchesAndIndexing() {
        run("Z = randn(3, 4); Y = [onehot(1, 4), onehot(3, 4), onehot(4, 4)]")
        assertClose(run("grad(Z -> cross_entropy(softmax(Z), Y), Z)"), run("(softmax(Z) - Y) / 3"), tolerance: 1e-12, "batch (P − Y)/m")
        assertClose(run("grad(Z -> sum(logsumexp(Z)), Z)"), run("softmax(Z)"), tolerance: 1e-12, "batched logsumexp")
        assertClose(run("grad(z -> z[2] * z[end] + sum(z[1:2]), [1, 2, 3])"), Tensor(vector: [1, 4, 2]), tolerance: 0, "indexing")
        assertClose(run("grad(z -> sum([z[1], z[2] * 2, 3] * [1, 1, 1]), [5, 6])"), Tensor(vector: [1, 2]), tolerance: 0, "literal")
        assertClose(run("grad(A -> sum((A @ A')[1, :]), [[1, 2], [3, 4]])"), run("numgrad(A -> sum((A @ A')[1, :]), [[1, 2], [3, 4]])"),
                    tolerance: 1e-6, "matrix argument")
    }

    func testDerivativesAtPlainNumbersArePlainNumbers() throws {
        for line in ["grad(x -> exp(x), 1)", "jacobian(z -> exp(z) * z, [1, 2])", "hessian(x -> x^3, 2)", "jvp(z -> exp(z), [1, 2], [1, 0])",
                     "vjp(z -> exp(z), [1, 2], [1, 0])", "grad(v -> sum(grad(w -> sum(w^3), v)), [1, 2])"] {
            guard case .value(let v) = try session.execute(try Parser.parse(line)[0], in: line) else { return XCTFail(line) }
            XCTAssertNotNil(v.tensor, "\(line) leaked a traced value")
        }
        XCTAssertEqual(run("hessian(x -> x^3, 2)"), Tensor(12))
    }

    func testKinksAreDocumentedAndConsistent() {
        XCTAssertEqual(run("grad(x -> relu(x), 0)"), Tensor(0))
        XCTAssertEqual(run("grad(x -> abs(x), 0)"), Tensor(0))
        XCTAssertEqual(run("grad(x -> max(x), [3, 1, 3])"), Tensor(vector: [1, 0, 0]))
        XCTAssertEqual(run("grad(x -> leaky_relu(x, 0.1), 0)"), Tensor(0.1))
    }

    func testGradRejectsVectorResultsWithAHint() throws {
        let line = "grad(softmax, [1, 2])"
        XCTAssertThrowsError(try session.execute(try Parser.parse(line)[0], in: line)) { error in
            XCTAssertEqual((error as? Diagnostic)?.suggestion, "for a vector-valued function use jacobian, or reduce it first (sum, a loss)")
        }
    }
}
