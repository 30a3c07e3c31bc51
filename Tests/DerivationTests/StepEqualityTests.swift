import XCTest
import VectorLang
@testable import Derivation

/// Every step of every derivation is an equality: each step's expression, evaluated at random points,
/// equals automatic differentiation of the target (n from 1 to 8), and the result agrees with finite differences.
final class StepEqualityTests: XCTestCase {
    /// Random numbers for every name a catalog entry or typed expression may use, with vectors of n.
    static func randomBindings(n: Int, seed: Int) -> Environment {
        let session = Session()
        let lines = [
            "seed(\(seed))", "z = 2 * randn(\(n))", "y = softmax(randn(\(n)))", "x = randn()", "a = rand()", "T = rand() + 0.5",
            "c = randn()", "n = len(z)", "W = randn(\(n), 2)", "x0 = randn(2)", "m = 2", "Z = randn(2, \(n))",
            "Y = [softmax(randn(\(n))), softmax(randn(\(n)))]", "q = rand()",
        ]
        for line in lines { _ = session.submit(line) }
        return session.environment
    }

    private func assertEquality(_ request: Derivations.Request, environment: Environment, _ label: String,
                                file: StaticString = #filePath, line: UInt = #line) {
        let d = request.result
        let report = NumericCheck(environment: environment, request: request).report()
        XCTAssertTrue(d.complete, "\(label): incomplete", file: file, line: line)
        for (n, failure) in report.failures.enumerated() {
            XCTAssertNil(failure, "\(label): step \(n) (\(d.steps[n].rule)) did not evaluate", file: file, line: line)
        }
        XCTAssertTrue(report.agrees, "\(label): steps differ by \(report.largestStepDifference ?? .nan), finite differences by \(report.finiteDifferenceGap ?? .nan); \(report.problem ?? "")",
                      file: file, line: line)
    }

    func testEveryCatalogStepIsAnEquality() throws {
        for entry in Catalog.entries {
            let d = try entry.derive()
            for n in 1...8 {
                // The layer entry uses x for the input vector; the batch entry needs rows that are one-hot or probabilities.
                let env = Self.randomBindings(n: n, seed: 100 * n + 7)
                let s = Session()
                for name in env.names { if let v = env[name] { s.environment.bind(name, to: v) } }
                if entry.name == "softmax-layer-weights" { _ = s.submit("x = randn(2)") }
                if entry.wrt.map({ !$0.contains("_") }) == true { _ = s.submit("y = rand()") }
                if entry.name == "softmax-batch" { _ = s.submit("Y = [onehot(1, \(n)), onehot(\(n), \(n))]") }
                assertEquality(d, environment: s.environment, "\(entry.name) n=\(n)")
            }
        }
    }

    static let typed: [(String, String?)] = [
        ("sum_k(z_k^2)/2", "z_j"),
        ("log(sum_k(exp(z_k)))", "z_j"),
        ("exp(z_i)/sum_k(exp(z_k))", "z_j"),
        ("softmax(z)_i", nil),
        ("log_softmax(z)_i", nil),
        ("-sum_k(y_k * log(softmax(z)_k))", "z_j"),
        ("cross_entropy(softmax(z), y)", nil),
        ("cross_entropy_logits(z, y)", nil),
        ("sum_k(z_k * y_k) + sum_k(z_k)^2", "z_j"),
        ("sigmoid(x)", nil),
        ("tanh(x) * x", "x"),
        ("x^3 - 2*x + 1", nil),
        ("exp(-x^2 / 2)", "x"),
        ("log(1 + exp(x))", nil),
        ("softplus(x) - relu(x)", nil),
        ("sqrt(1 + x^2)", nil),
        ("z_i * z_i", "z_j"),
        ("sum_k(exp(z_k) * z_k) / sum_k(exp(z_k))", "z_j"),
        ("softmax(z, T)_i", "z_j"),
    ]

    func testTypedExpressionsAreDerivedByTheSameRules() throws {
        for (text, wrt) in Self.typed {
            let request = try Derivations.derive(text, wrt: wrt)
            for n in [1, 3, 8] {
                assertEquality(request, environment: Self.randomBindings(n: n, seed: n), "\(text) n=\(n)")
            }
        }
    }

    func testTypedSoftmaxReachesTheCatalogSteps() throws {
        let typed = try Derivations.derive("exp(z_i)/sum_k(exp(z_k))", wrt: "z_j").result
        let catalog = try XCTUnwrap(Catalog.entry(named: "softmax")).derive().result
        // The catalog starts by writing p out; from there the rules are the same, in the same order.
        XCTAssertEqual(typed.steps.map(\.rule), [catalog.steps[0].rule] + catalog.steps.dropFirst(2).map(\.rule))
        XCTAssertEqual(typed.result, catalog.result)
        XCTAssertEqual(typed.vectorForm?.input, "diag(p) - p @ p'")
    }

    /// A catalog entry is named input: typed at the prompt with its assumptions, its text reaches the same
    /// result by the same steps (only an entry that cites a result for its whole target differs).
    func testEveryCatalogEntryTypedReachesTheSameForm() throws {
        for entry in Catalog.entries where entry.wrt != nil && entry.cites.isEmpty {
            var options = Derivations.Options()
            options.assumptions = entry.assumes
            let typed = try Derivations.derive(entry.input, wrt: entry.wrt, options: options).result
            let catalog = try entry.derive().result
            XCTAssertEqual(typed.result, catalog.result, entry.name)
            XCTAssertEqual(typed.steps.map(\.rule), catalog.steps.map(\.rule), entry.name)
        }
    }

    /// Without Σy = 1 declared, cross-entropy written out stops at p·Σy − y and says what would finish it.
    func testAnUndeclaredFactIsNamedNotAssumed() throws {
        let without = try Derivations.derive("-sum_k(y_k * log(softmax(z)_k))", wrt: "z_j").result
        XCTAssertTrue(without.complete)
        XCTAssertEqual(without.wouldFinish.map(\.description), ["sum(y) = 1"])
        XCTAssertTrue(TermRenderer(.input).render(without.result).contains("sum_"), TermRenderer(.input).render(without.result))
        XCTAssertTrue(DerivationText().render(without, report: nil).contains("not assumed: sum(y) = 1"))
        var options = Derivations.Options()
        options.assumptions = ["sum(y) = 1"]
        let with = try Derivations.derive("-sum_k(y_k * log(softmax(z)_k))", wrt: "z_j", options: options).result
        XCTAssertEqual(TermRenderer(.input).render(with.result), "p_j - y_j")
        XCTAssertTrue(with.wouldFinish.isEmpty)
        // The builtin declares it for its target, and says so.
        let builtin = try Derivations.derive("cross_entropy(softmax(z), y)", wrt: "z_j").result
        XCTAssertEqual(TermRenderer(.input).render(builtin.result), "p_j - y_j")
        XCTAssertTrue(builtin.plan.assumptions.contains { $0.contains("sum(y) = 1") && $0.contains("target") }, "\(builtin.plan.assumptions)")
    }

    func testResultsAreTheTextbookForms() throws {
        let expected: [String: String] = [
            "softmax": "p_i * (delta(i, j) - p_j)",
            "softmax-log-derivative": "delta(i, j) - p_j",
            "log_softmax": "delta(i, j) - p_j",
            "logsumexp": "p_j",
            "logsumexp-hessian": "p_i * (delta(i, j) - p_j)",
            "cross-entropy-softmax": "p_j - y_j",
            "sigmoid": "sigmoid(x) * (1 - sigmoid(x))",
            "tanh": "1 - tanh(x)^2",
            "relu": "step(x)",
            "softplus": "sigmoid(x)",
            "bce-sigmoid": "sigmoid(x) - y",
            "softmax-columns-sum-to-zero": "0",
            "softmax-layer-weights": "x_j * (p_i - y_i)",
            "softmax-batch": "(P_ij - Y_ij) / m",
            "shift-invariance": "p_i",
        ]
        for (name, form) in expected {
            guard let entry = Catalog.entry(named: name) else { XCTFail("no entry \(name)"); continue }
            XCTAssertEqual(TermRenderer(.input).render(try entry.derive().result.result), form, name)
        }
        XCTAssertEqual(try Catalog.entry(named: "softmax")?.derive().result.vectorForm?.input, "diag(p) - p @ p'")
        XCTAssertEqual(try Catalog.entry(named: "cross-entropy-softmax")?.derive().result.vectorForm?.input, "p - y")
    }

    func testWhereNoRuleAppliesItSaysSoAndShowsHowFarItGot() throws {
        let d = try Derivations.derive("z_i", wrt: "z_jk").result
        XCTAssertFalse(d.complete)
        XCTAssertFalse(d.pending.isEmpty)
        let text = DerivationText().render(d, report: nil)
        XCTAssertTrue(text.contains("stopped: no rule applies to"), text)
        XCTAssertThrowsError(try Derivations.derive("max(z)", wrt: "z_j"))
    }
}
