import XCTest
@testable import VectorLang

/// Index notation as part of the language: every step of a derivation, printed in input syntax,
/// evaluates at the prompt, and equals its vector form.
final class IndexNotationTests: XCTestCase {
    private var b = BuiltinCaller()

    override func setUp() {
        b = BuiltinCaller()
    }

    @discardableResult
    private func run(_ line: String, file: StaticString = #filePath, line number: UInt = #line) -> Tensor {
        b.numbers(line, file: file, line: number)
    }

    private func error(_ line: String, file: StaticString = #filePath, line number: UInt = #line) -> Diagnostic {
        b.diagnostic(line, file: file, line: number)
    }

    private func assertSame(_ a: String, _ c: String, tolerance: Double = 1e-12, file: StaticString = #filePath, line: UInt = #line) {
        b.assertSame(a, c, tolerance: tolerance, file: file, line: line)
    }

    private func sexp(_ text: String) throws -> String {
        func s(_ e: Expr) -> String {
            switch e {
            case .number(let x, _): return x == x.rounded() ? String(Int(x)) : String(x)
            case .variable(let n, _): return n
            case .array(let items, _): return "[" + items.map(s).joined(separator: " ") + "]"
            case .unary(let op, let a, _): return "(\(op.rawValue) \(s(a)))"
            case .binary(let op, let a, let c, _, _): return "(\(op.rawValue) \(s(a)) \(s(c)))"
            case .call(let f, let args, _): return "(call \(s(f))" + args.map { " " + s($0) }.joined() + ")"
            case .index(let base, let subs, _):
                let parts = subs.map { sub -> String in
                    if case .single(let e) = sub { return s(e) }
                    return "?"
                }
                return "(index \(s(base)) \(parts.joined(separator: " ")))"
            case .transpose(let a, _): return "(' \(s(a)))"
            case .lambda(let ps, let body, _): return "(-> (\(ps.joined(separator: " "))) \(s(body)))"
            }
        }
        return s(try Parser.parseExpression(text))
    }

    // MARK: - Syntax

    func testParsesSubscriptsSumsAndBraces() throws {
        XCTAssertEqual(try sexp("softmax(z)_i"), "(index (call softmax z) i)")
        XCTAssertEqual(try sexp("(p - y)_j"), "(index (- p y) j)")
        XCTAssertEqual(try sexp("(A @ B)_ij"), "(index (@ A B) i j)")
        XCTAssertEqual(try sexp("W'_ij"), "(index (' W) i j)")
        XCTAssertEqual(try sexp("[1, 2]_2"), "(index [1 2] 2)")
        XCTAssertEqual(try sexp("softmax(z)_{k}"), "(index (call softmax z) k)")
        XCTAssertEqual(try sexp("W_{i,j}"), "(index W i j)")
        XCTAssertEqual(try sexp("W_{ij}"), "(index W i j)")
        XCTAssertEqual(try sexp("W_{1, j}"), "(index W 1 j)")
        XCTAssertEqual(try sexp("δ_{i,j}"), "(call delta i j)")
        XCTAssertEqual(try sexp("z_i"), "z_i")
        XCTAssertEqual(try sexp("sum_k(z_k)"), "(call sum_k z_k)")
        XCTAssertEqual(try sexp("Σ_k(z_k) * 2"), "(* (call Σ_k z_k) 2)")
        XCTAssertEqual(try sexp("Σ_k exp(z_k) * y_k + 1"), "(+ (call sum_k (* (call exp z_k) y_k)) 1)")
        XCTAssertEqual(try sexp("∑_k z_k^2"), "(call sum_k (^ z_k 2))")
        XCTAssertEqual(try sexp("-Σ_k y_k * log(p_k)"), "(- (call sum_k (* y_k (call log p_k))))")
        XCTAssertEqual(try sexp("2 * Σ_k z_k * y_k"), "(* 2 (call sum_k (* z_k y_k)))")
        XCTAssertEqual(try sexp("Σ_k Σ_m W_km"), "(call sum_k (call sum_m W_km))")
        XCTAssertEqual(try sexp("Σ_k (a + b) * c"), "(call sum_k (* (+ a b) c))")
        XCTAssertEqual(try sexp("sum_k exp(z_k)"), "(call sum_k (call exp z_k))")
        XCTAssertEqual(try sexp("Σ_{k} z_k"), "(call sum_k z_k)")
        XCTAssertEqual(try sexp("Σ_{k}(z_k)"), "(call Σ_k z_k)")
        // A name that only looks like a sum is still a name where no operand follows.
        XCTAssertEqual(try sexp("sum_k * 2"), "(* sum_k 2)")
        XCTAssertEqual(try sexp("_x + 1"), "(+ _x 1)")
    }

    func testSubscriptSyntaxErrors() {
        for (text, message) in [
            ("f(x) _i", "expected an operator before this"),
            ("(z)_", "expected a subscript after '_'"),
            ("(z)_iJ", "a subscript is one lowercase letter per dimension"),
            ("W_{}", "empty subscript"),
            ("δ_{i}", "the Kronecker delta takes two indices"),
            ("{1, 2}", "braces are not used for values"),
        ] {
            do {
                _ = try Parser.parse(text)
                XCTFail("\(text) parsed")
            } catch {
                XCTAssertTrue(error.message.hasPrefix(message), "\(text): \(error.message)")
            }
        }
    }

    // MARK: - Values over free indices

    func testFreeIndicesMakeVectorsAndMatrices() {
        run("z = [2, 1, 0.1]; W = [[1, 2], [3, 4], [5, 6]]; p = softmax(z)")
        assertSame("exp(z_i) / sum_k(exp(z_k))", "softmax(z)")
        assertSame("exp(z_i) / Σ_k exp(z_k)", "softmax(z)")
        assertSame("W_ij", "W")
        assertSame("W_ji", "W'")
        assertSame("W_{i,j} * 10", "W * 10")
        assertSame("z_i * z_j", "outer(z, z)")
        assertSame("p_j * δ_ij", "diag(p)")
        assertSame("softmax(z)_i", "p")
        assertSame("(p - z)_j", "p - z")
        assertSame("z[i] + z_i", "2 * z")
        assertSame("sum_k(W_ik * [1, -1]_k)", "W @ [1, -1]")
        assertSame("sum_k(sum_m(W_km * [2, 3]_m))", "sum(W @ [2, 3])")
        assertSame("z_1 + z_3", "2.1")
        assertSame("W_{3,2}", "6")
        assertSame("delta(2, 2) + delta_12", "1")
    }

    func testDeltasLendRanges() {
        run("z = [2, 1, 0.1]")
        assertSame("δ_ij * z_j", "diag(z)")
        assertSame("sum_k(delta(k, j) * 2) * z_j", "2 * z")
        assertSame("sum_k(delta(i, k) * delta(k, j)) * z_i * z_j", "diag(z^2)")
        assertSame("sum_j(z_j * sum_k(delta(k, j)))", "sum(z)")
        assertSame("Σ_k δ_jk * z_k", "z")
        XCTAssertEqual(error("sum_k(delta(k, j))").message, "index j has no range")
        XCTAssertEqual(error("sum_k(delta(k, 2))").message, "index k has no range")
    }

    func testBoundNamesComeFirst() {
        run("z = [2, 1, 0.1]; i = 2; z_hat = 7")
        assertSame("z_i", "1")
        assertSame("z_hat", "7")
        assertSame("log_softmax(z)", "log(softmax(z))")
        // The summation letter shadows a session variable inside its body, and only there.
        assertSame("sum_i(z_i) + i", "5.1")
    }

    func testEqualitiesAtRandomPoints() {
        for n in [1, 2, 3, 5, 8] {
            run("z = randn(\(n)) * 2; p = softmax(z); y = onehot(1, \(n)); x = randn(4); W = randn(\(n), 4)")
            assertSame("p_i * (delta(i, j) - p_j)", "diag(p) - outer(p, p)")
            assertSame("δ_ij - p_j", "eye(\(n)) - outer(ones(\(n)), p)")
            assertSame("sum_k(z_k * delta(k, j))", "z")
            assertSame("exp(z_i) / sum_k(exp(z_k))", "p")
            assertSame("Σ_k y_k * log(p_k)", "sum(y * log(p))")
            assertSame("sum_k(W_ik * x_k)", "W @ x")
            assertSame("partial(exp(z_i) / sum_k(exp(z_k)), z_j)", "jacobian(softmax, z)")
            assertSame("partial(sum_k(z_k^2) / 2, z_j)", "z")
            assertSame("partial(log(sum_k(exp(z_k))), z_j)", "p")
            assertSame("partial(-sum_k(y_k * log(softmax(z)_k)), z_j)", "p - y")
            assertSame("partial(-sum_k(y_k * log(softmax(W @ x)_k)), W_ij)", "outer(softmax(W @ x) - y, x)")
            assertSame("partial(-sum_k(y_k * log(softmax(W @ x)_k)), W_ij)", "(softmax(W @ x) - y) * x'")
            assertSame("partial(partial(log(sum_k(exp(z_k))), z_i), z_j)", "diag(p) - outer(p, p)")
            assertSame("partial(log(softmax(z)_i), z_j)", "eye(\(n)) - outer(ones(\(n)), p)")
        }
    }

    func testPartialByScalarsAndPositions() {
        run("x = 0.3; z = [2, 1, 0.1]")
        assertSame("partial(1 / (1 + exp(-x)), x)", "sigmoid(x) * (1 - sigmoid(x))")
        assertSame("partial(z_j, z_j)", "ones(3)")
        assertSame("partial(z_1 * z_2, z_2)", "2")
        assertSame("partial(z_1 * z_2, z[1])", "1")
        assertSame("partial(z_1 * z_2, z_{1})", "1")
        assertSame("partial(x^2, z_j)", "zeros(3)")
        assertSame("partial(relu(x - 1), x) + partial(abs(x), x)", "1")
        assertSame("z", "[2, 1, 0.1]")  // the session's z is shadowed during partial, never changed
    }

    func testFunctionsAndGradUseIndexNotation() {
        run("z = [2, 1, 0.1]; f(v) = exp(v_i) / sum_k(exp(v_k)); g = v -> sum_k(v_k^2) / 2; 0")
        assertSame("f(z)", "softmax(z)")
        assertSame("f([1, 2])", "softmax([1, 2])")
        assertSame("jacobian(f, z)", "jacobian(softmax, z)")
        assertSame("grad(g, z)", "z")
        assertSame("grad(v -> partial(log(sum_k(exp(v_k))), v_1), z)", "hessian(logsumexp, z)[1, :]")
        assertSame("f(z)_j", "softmax(z)")
        assertSame("hessian(v -> Σ_k v_k^3, z)", "diag(6 * z)")
    }

    func testIndexFunctions() {
        assertSame("delta([1, 2, 3], 2)", "[0, 1, 0]")
        assertSame("step([-1, 0, 2])", "[0, 0, 1]")
        assertSame("sign([-3, 0, 2])", "[-1, 0, 1]")
        assertSame("grad(x -> sum(step(x) * x), [1, -1])", "[1, 0]")
        run("z = [-1, 0.5, 2]")
        assertSame("partial(relu(z_i), z_j)", "diag(step(z))")
        assertSame("partial(abs(z_i), z_j)", "diag(sign(z))")
        XCTAssertTrue(error("f = partial; f(1, 2)").message.contains("written out"))
    }

    // MARK: - Errors point at the culprit

    func testErrorsHaveCarets() {
        run("z = [2, 1, 0.1]; w = [1, 2, 3, 4]; W = [[1, 2], [3, 4]]")
        let noRange = error("delta(i, j)")
        XCTAssertEqual(noRange.message, "index i has no range")
        XCTAssertEqual(noRange.range, SourceRange(6, 7))
        let conflict = error("z_i + w_i")
        XCTAssertEqual(conflict.message, "index i has two ranges: 1…3 from z (vector of 3) and 1…4 from w (vector of 4)")
        XCTAssertEqual(conflict.range, SourceRange(8, 9))
        let many = error("z_i * W_jk")
        XCTAssertTrue(many.message.hasPrefix("too many free indices: i, j, k"), many.message)
        XCTAssertEqual(many.range, SourceRange(9, 10))
        let emptySum = error("1 + sum_k(3)")
        XCTAssertEqual(emptySum.message, "index k has no range")
        XCTAssertEqual(emptySum.range, SourceRange(4, 9))
        let wrt = error("partial(z_1, 2 * z_1)")
        XCTAssertTrue(wrt.message.hasPrefix("partial differentiates by a variable"), wrt.message)
        XCTAssertEqual(wrt.range, SourceRange(13, 20))
        let whole = error("partial(sum(z), z)")
        XCTAssertTrue(whole.message.contains("z is a vector of 3"), whole.message)
        XCTAssertEqual(whole.suggestion, "name one element: partial(f, z_j)")
        let notScalar = error("partial(softmax(z), z_j)")
        XCTAssertEqual(notScalar.range, SourceRange(8, 18))
        XCTAssertTrue(error("W_12").message.contains("W is a 2×2 matrix"))
        XCTAssertTrue(error("z_ij").message.contains("takes one index"))
        XCTAssertEqual(error("z_4").message, "index 4 is out of range for z (vector of 3)")
        XCTAssertEqual(error("softmax_i").suggestion, "to subscript a function's result, write softmax(…)_i")
        XCTAssertEqual(error("q_i").message, "unknown name 'q_i'")
        XCTAssertTrue(error("z_i * z").message.hasPrefix("each entry of an expression with free indices must be one number"))
        XCTAssertEqual(error("sum_k(z_k, 2)").message, "sum_k takes one expression, the body of the sum")
        XCTAssertEqual(error("Σ_k -z_k").message, "Σ_k needs a body")
    }

    func testEnumerationRespectsTheSizeLimit() {
        run("big = zeros(20000)")
        XCTAssertTrue(error("big_i * big_j").message.hasPrefix("result too large"))
    }

    func testInterruptStopsEnumeration() {
        run("z = zeros(50)")
        Interrupt.raise()
        defer { Interrupt.clear() }
        XCTAssertEqual(error("z_i * z_j").message, "interrupted")
    }
}

/// Index notation computed as arrays gives what the vector forms give, at sizes the element-by-element
/// evaluation took seconds to minutes for.
final class ArrayIndexNotationTests: XCTestCase {
    let check = ArraySession()
    var session: Session { check.session }

    func value(_ line: String) -> Tensor? { check.value(line) }

    func assertSame(_ index: String, _ vector: String, file: StaticString = #filePath, line: UInt = #line) {
        check.assertSame(index, vector, file: file, line: line)
    }

    func testEachFormAgreesWithItsVectorForm() {
        _ = session.submit("z = randn(7); x = randn(5); W = randn(7, 5); A = randn(5, 5); T = 1.7")
        assertSame("z_i * z_j", "z @ z'")
        assertSame("exp(z_i) / sum_k(exp(z_k))", "softmax(z)")
        assertSame("exp(z_i / T) / sum_k(exp(z_k / T))", "softmax(z / T)")
        assertSame("sum_j(W_ij * x_j)", "W @ x")
        assertSame("W_ji", "W'")
        assertSame("delta(i, j) * z_i", "diag(z)")
        assertSame("softmax(z)_i * (delta(i, j) - softmax(z)_j)", "jacobian(softmax, z)")
        assertSame("sum_k(A_ik * A_kj)", "A @ A")
        assertSame("-z_i^2 + 2 * sigmoid(z_i)", "-z^2 + 2 * sigmoid(z)")
        assertSame("sum_i(sum_j(A_ij))", "sum(A)")
    }

    func testThroughGradItIsStillDifferentiated() {
        _ = session.submit("z = [0.5, -1, 2]")
        guard case .result(let g)? = session.submit("grad(v -> sum_i(v_i^2), z)").first else { return XCTFail("grad failed") }
        XCTAssertEqual(g, "[1, -2, 4]")
    }

    func testAnOuterProductOfThreeThousandIsOnePass() {
        _ = session.submit("z = ones(3000)")
        let t = value("z_i * z_j")
        XCTAssertEqual(t?.shape, [3000, 3000])
        XCTAssertEqual(t?.scalars.last, 1)
    }
}

/// partial(f, z_j) by forward mode over arrays agrees with the Jacobians computed by automatic
/// differentiation of the vector forms.
final class ArrayPartialTests: XCTestCase {
    func testEachPartialAgreesWithItsJacobian() {
        let check = ArraySession()
        _ = check.session.submit("z = randn(6); y = [0, 0, 1, 0, 0, 0]; T = 1.3; A = randn(6, 6)")
        check.assertSame("partial(exp(z_i) / sum_k(exp(z_k)), z_j)", "jacobian(softmax, z)")
        check.assertSame("partial(exp(z_i / T) / sum_k(exp(z_k / T)), z_j)", "jacobian(v -> softmax(v / T), z)")
        check.assertSame("partial(-sum_k(y_k * log(exp(z_k) / sum_m(exp(z_m)))), z_j)", "softmax(z) - y")
        check.assertSame("partial(tanh(sum_k(A_ik * z_k)), z_j)", "jacobian(v -> tanh(A @ v), z)")
        check.assertSame("partial(sigmoid(z_i)^2 + sqrt(exp(z_i)), z_j)", "jacobian(v -> sigmoid(v)^2 + sqrt(exp(v)), z)")
        check.assertSame("partial(z_i * z_j, z_j)", "z @ ones(6)' + diag(z)")
        check.assertSame("partial(z_i * z_i, z_j)", "diag(2 * z)")
        check.assertSame("partial(softmax(z)_i, z_j)", "jacobian(softmax, z)")
        check.assertSame("partial(log_softmax(z)_i, z_j)", "jacobian(log_softmax, z)")
        check.assertSame("partial(softmax(z)_i * z_i, z_j)", "jacobian(v -> softmax(v) * v, z)")
        check.assertSame("partial(-sum_k(y_k * log(softmax(z)_k)), z_j)", "softmax(z) - y")
        // δ kept as δ_aj·v through quotients of two such forms, added onto a full table, contracted by
        // a sum over its letter, summed over another, and laid out where a factor has the letter j.
        check.assertSame("partial(z_i / (1 + z_i^2), z_j)", "jacobian(v -> v / (1 + v^2), z)")
        check.assertSame("partial(sum_k(z_k^3) * z_i, z_j)", "jacobian(v -> sum(v^3) * v, z)")
        check.assertSame("partial(z_i - sum_k(z_k) / 6, z_j)", "jacobian(v -> v - sum(v) / 6, z)")
        check.assertSame("partial(sum_k(A_ik * exp(z_k)) / sum_k(exp(z_k)), z_j)", "jacobian(v -> (A @ exp(v)) / sum(exp(v)), z)")
        check.assertSame("partial(exp(z_i) * A_ij, z_j)", "diag(exp(z) * diag(A))")
        check.assertSame("partial(sum_k(z_k * A_ki) * z_i, z_j)", "jacobian(v -> (A' @ v) * v, z)")
    }

    func testAPartialOfTheSoftmaxJacobianAtAThousandIsQuick() {
        let check = ArraySession()
        _ = check.session.submit("z = randn(1000)")
        check.assertSame("partial(exp(z_i) / sum_k(exp(z_k)), z_j)", "jacobian(softmax, z)")
    }
}

/// A session and a comparison of an index form with a vector form, entry by entry.
struct ArraySession {
    let session = Session()

    func value(_ line: String) -> Tensor? {
        guard case .result? = session.submit("__v = " + line).first else { return nil }
        return session.environment["__v"]?.tensor
    }

    func assertSame(_ index: String, _ vector: String, file: StaticString = #filePath, line: UInt = #line) {
        guard let a = value(index), let b = value(vector) else { return XCTFail("\(index) or \(vector) did not evaluate", file: file, line: line) }
        XCTAssertEqual(a.count, b.count, index, file: file, line: line)
        for (x, y) in zip(a.scalars, b.scalars) { XCTAssertEqual(x, y, accuracy: 1e-12 * max(1, abs(y)), index, file: file, line: line) }
    }
}
