import XCTest
@testable import VectorLang

/// Derivative builtins written into one buffer (rows by backward passes, tall Jacobians by columns),
/// against finite differences; and the session's memory budget refusing what it cannot hold.
final class BoundedJacobianTests: XCTestCase {
    private var b = BuiltinCaller()

    override func setUp() {
        b = BuiltinCaller()
        b.numbers("seed(20261202); v = 0.5 + rand(5); W = randn(3, 5); x = randn(5)")
    }

    /// Wide (fewer outputs than inputs), square and tall (more than twice as many outputs: by columns).
    func testJacobiansOfEveryShapeMatchFiniteDifferences() {
        let functions = [
            "u -> [sum(u), sum(u^2)]",  // 2 × 5: rows
            "u -> softmax(W @ u)",  // 3 × 5
            "u -> tanh(u) * sum(u)",  // 5 × 5
            "u -> outer(u, exp(u))",  // 25 × 5: columns
            "u -> outer(softmax(u), u) @ u",  // 5 × 5 through a matrix
            "u -> outer(u, u) / sum(u)",  // 25 × 5
            "M -> M @ x",  // a matrix variable: 3 × 15
            "M -> outer(M @ x, M @ x)",  // 9 × 15
        ]
        for f in functions {
            let point = f.hasPrefix("M") ? "W" : "v"
            assertClose(b.numbers("jacobian(\(f), \(point))"), b.numbers("numjacobian(\(f), \(point))"), tolerance: 1e-6, f)
        }
    }

    /// A Jacobian inside another derivative keeps its trace: the gradient of a Hessian's sum, and of a
    /// tall Jacobian's, against finite differences of the same.
    func testAJacobianInsideAGradientIsStillDifferentiable() {
        for inner in ["hessian(logsumexp, u)", "jacobian(w -> outer(w, w), u)", "jacobian(w -> exp(w) * sum(w), u)"] {
            let g = "u -> sum(\(inner) * \(inner))"
            assertClose(b.numbers("grad(\(g), v)"), b.numbers("numgrad(\(g), v)"), tolerance: 1e-5, inner)
        }
    }
}

final class MemoryBudgetTests: XCTestCase {
    /// A session allowed 50 MB: each value here is 32 MB (four million numbers) or 72 MB.
    private func session() -> Session {
        let session = Session()
        session.evaluator.memoryBudget = MemoryBudget(bytes: 50_000_000, origin: "50 MB, from the test")
        return session
    }

    private func refusal(_ line: String, in session: Session, file: StaticString = #filePath, line number: UInt = #line) -> Diagnostic? {
        guard case .error(let d, _)? = session.submit(line).last else {
            XCTFail("accepted: \(line)", file: file, line: number)
            return nil
        }
        XCTAssertTrue(d.message.hasPrefix("not enough memory"), d.message, file: file, line: number)
        return d
    }

    func testWhatTheSessionHoldsCountsAndTheRefusalSaysHowLarge() throws {
        let s = session()
        _ = s.submit("a = ones(4e6); n = 2000")
        let d = try XCTUnwrap(refusal("b = ones(4e6)", in: s))
        XCTAssertEqual(d.message, "not enough memory: this value would take 32 MB (4000000 numbers), and the session holds 32 MB of its 50 MB budget")
        XCTAssertEqual(d.note, "the budget is 50 MB, from the test; --memory or JACOBI_MEMORY sets it (for example JACOBI_MEMORY=16G)")
        XCTAssertEqual(d.suggestion, "free large variables with :clear NAME (:vars lists them), or :reset")
        // A value the size of one held (exp of it), a table (an outer product, index notation), a Jacobian.
        for line in ["c = exp(a)", "a + 1", "z = ones(n); z_i * z_j", "outer(ones(n), ones(n))", "jacobian(u -> exp(u), ones(n))",
                     "hessian(u -> sum(exp(u)), ones(n))", "ones(n) * ones(n)'"] {
            _ = refusal(line, in: s)
        }
        XCTAssertNil(s.environment["b"], "nothing half-made is bound")
        XCTAssertEqual(s.submit("sum(a)").first, .result("4000000"), "the session goes on with what it held")
        _ = s.submit("y = a")
        _ = refusal("b = ones(4e6)", in: s)  // y shares a's numbers: 32 MB held, not 64 MB
        XCTAssertEqual(s.environment.heldBytes, 32_000_000 + 16_000 + 2 * 8, "a; z = ones(n); n; ans")
    }

    func testFreeingANameMakesRoom() {
        let s = session()
        _ = s.submit("a = ones(4e6)")
        _ = refusal("b = ones(4e6)", in: s)
        _ = s.environment.remove("a")
        _ = s.environment.remove("ans")
        XCTAssertEqual(s.submit("b = ones(4e6); sum(b)").last, .result("4000000"))
        XCTAssertEqual(s.submit("z = ones(1000); sum_i(sum_j(z_i * z_j))").last, .result("1000000"), "8 MB more fits")
    }

    func testAValueLargerThanTheWholeBudgetIsRefusedInAnEmptySession() throws {
        let s = session()
        let d = try XCTUnwrap(refusal("zeros(3000, 3000)", in: s))
        XCTAssertTrue(d.message.contains("72 MB (3000×3000 numbers)"), d.message)
        XCTAssertEqual(d.suggestion, "compute it in smaller pieces")
    }

    func testSizesReadAsPeopleWriteThem() {
        let cases: [(String, Int?)] = [
            ("2G", 2_000_000_000), ("2g", 2_000_000_000), ("500M", 500_000_000), ("1.5GB", 1_500_000_000), ("64KiB", 65_536),
            ("1 GiB", 1_073_741_824), ("123456", 123_456), ("8 MB", 8_000_000),
            ("", nil), ("lots", nil), ("-1G", nil), ("0", nil), ("2X", nil), ("1e9", nil), ("nanG", nil), ("99999999T", nil),
        ]
        for (text, bytes) in cases { XCTAssertEqual(MemoryBudget.parse(text), bytes, text) }
        XCTAssertEqual(MemoryBudget.describe(bytes: 800_000_000), "800 MB")
        XCTAssertEqual(MemoryBudget.describe(bytes: 12_884_901_888), "12.9 GB")
        XCTAssertEqual(MemoryBudget.describe(bytes: 1_500), "1.5 kB")
        XCTAssertEqual(MemoryBudget.describe(bytes: 512), "512 bytes")
    }

    func testTheMachineDefaultIsHalfOfWhatThereIs() {
        let budget = MemoryBudget.machineDefault
        let physical = Int(ProcessInfo.processInfo.physicalMemory)
        XCTAssertGreaterThan(budget.bytes, 0)
        XCTAssertLessThanOrEqual(budget.bytes, physical / 2 + 1)
        XCTAssertTrue(budget.origin.hasPrefix("half of this"), budget.origin)
    }
}
