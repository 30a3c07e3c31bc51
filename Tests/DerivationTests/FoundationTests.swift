import XCTest
import VectorLang
@testable import Derivation

/// The ground the engine stands on: one reading of the input, an independent check, facts that are
/// declared, names that never collide, functions known from their builtin entry.
final class FoundationTests: XCTestCase {
    private func session(_ lines: [String]) -> Session {
        let s = Session()
        for line in lines { _ = s.submit(line) }
        return s
    }

    private func check(_ request: Derivations.Request, _ lines: [String]) -> NumericCheck.Report {
        NumericCheck(environment: session(lines).environment, request: request).report()
    }

    func testTwoSoftmaxesGetTwoNamesAndTheRightDerivative() throws {
        let request = try Derivations.derive("-sum_k(softmax(t)_k*log(softmax(z)_k))", wrt: "z_j")
        let names = request.result.definitions.map(\.name)
        XCTAssertEqual(Set(names).count, 2, "\(names)")
        XCTAssertEqual(Set(request.result.definitions.map(\.meaning)), ["softmax(t)", "softmax(z)"])
        let report = check(request, ["z = [0.5, -1.2, 2]", "t = [1, 0, -1]"])
        XCTAssertTrue(report.agrees)
        // softmax(z) − softmax(t), not 0.
        let expected = session(["z = [0.5, -1.2, 2]", "t = [1, 0, -1]"]).submit("softmax(z) - softmax(t)")
        XCTAssertEqual(expected.count, 1)
        let automatic = try XCTUnwrap(report.automatic)
        XCTAssertGreaterThan(automatic.scalars.map(abs).max() ?? 0, 0.1)
        XCTAssertEqual(request.result.vectorForm.map { $0.input.contains("-") }, true)
    }

    /// The check differentiates the input as typed: a derivation of another input fails it.
    func testTheCheckCatchesAMisreading() throws {
        let right = try Derivations.derive("softmax(z)_i", wrt: "z_j")
        let typed = "softmax(2 * z)_i"
        let misread = Derivations.Request(result: right.result, title: nil, name: nil, example: right.example, input: typed,
                                          expression: try Parser.parseExpression(typed), reader: right.reader)
        let report = check(misread, ["z = [0.5, -1.2, 2]"])
        XCTAssertFalse(report.agrees)
        XCTAssertGreaterThan(report.largestStepDifference ?? 0, 1e-3)
        XCTAssertTrue(check(right, ["z = [0.5, -1.2, 2]"]).agrees)
    }

    func testFunctionsHaveTheirArity() {
        for (input, wrt) in [("x / (1 + exp())", "x"), ("step() * x", "x"), ("log(x, 2, 3)", "x"), ("sigmoid(x, x)", "x")] {
            XCTAssertThrowsError(try Derivations.derive(input, wrt: wrt), input) { error in
                guard let failure = error as? Derivations.Failure else { return XCTFail("\(error)") }
                XCTAssertTrue(failure.message.contains("takes"), failure.message)
                XCTAssertNotNil(failure.range, input)
            }
        }
        XCTAssertThrowsError(try Derivations.derive("sofmax(z)_i", wrt: "z_j")) { error in
            XCTAssertEqual((error as? Derivations.Failure)?.suggestion, "did you mean softmax?")
        }
    }

    /// The chain rule reads each function's partials from its builtin entry, for every argument.
    func testEveryArgumentOfAFunctionIsDifferentiated() throws {
        for (input, wrt) in [("log(x, b)", "b"), ("log(x, b)", "x"), ("leaky_relu(x, a)", "a"), ("leaky_relu(x, x)", "x")] {
            let request = try Derivations.derive(input, wrt: wrt)
            XCTAssertTrue(request.result.complete, input)
            XCTAssertTrue(check(request, ["x = 0.7", "b = 3", "a = 0.2"]).agrees, "\(input) wrt \(wrt)")
        }
    }

    func testAnIndexBoundToANumberIsAConstant() throws {
        var options = Derivations.Options()
        options.fixedIndices = ["a"]
        let request = try Derivations.derive("log(softmax(z)_a)", wrt: "z_j", options: options)
        let report = check(request, ["z = [0.5, -1.2, 2]", "a = 2"])
        XCTAssertTrue(report.agrees, "\(report.problem ?? "")")
        XCTAssertEqual(report.automatic?.shape, [3])
        XCTAssertEqual(report.vectorFormValue?.shape, [3])
    }

    /// The matrix form keeps its brackets: it evaluates to the derivative.
    func testMatrixFormsEvaluateToTheDerivative() throws {
        for (input, lines) in [("exp(z_i/T)/sum_k(exp(z_k/T))", ["T = 2"]), ("exp(z_i)/(T*sum_k(exp(z_k)))", ["T = 3"]),
                               ("z_i / sum_k(z_k^2)^2", []), ("z_i^2 / (2 * sum_k(z_k))", [])] {
            let request = try Derivations.derive(input, wrt: "z_j")
            let report = check(request, ["z = [0.5, -1.2, 2]"] + lines)
            let form = try XCTUnwrap(request.result.vectorForm, input)
            let value = try XCTUnwrap(report.vectorFormValue, "\(input): \(form.input) did not evaluate")
            let reference = try XCTUnwrap(report.automatic)
            XCTAssertEqual(value.shape, reference.shape, input)
            for (a, b) in zip(value.scalars, reference.scalars) { XCTAssertEqual(a, b, accuracy: 1e-9, "\(input): \(form.input)") }
        }
    }

    /// Facts come from declarations and builtin arguments, never from a name.
    func testFactsAreUsedOnlyWhenDeclared() throws {
        let undeclared = try Derivations.derive("-sum_k(y_k*log(softmax(z)_k))", wrt: "z_j")
        XCTAssertNotEqual(TermRenderer(.input).render(undeclared.result.result), "p_j - y_j")
        XCTAssertFalse(undeclared.result.steps.contains { $0.rule == "fact" && $0.explanation.contains(.text(" = 1: assumed (sum(y) = 1)")) })
        var options = Derivations.Options()
        options.assumptions = ["sum(y) = 1"]
        let declared = try Derivations.derive("-sum_k(y_k*log(softmax(z)_k))", wrt: "z_j", options: options)
        XCTAssertEqual(TermRenderer(.input).render(declared.result.result), "p_j - y_j")
        let fact = try XCTUnwrap(declared.result.steps.first { $0.rule == "fact" && PlainRenderer(ascii: false).explanation($0.explanation).contains("assumed") })
        XCTAssertTrue(PlainRenderer(ascii: false).explanation(fact.explanation).contains("sum(y) = 1"))
        // The same letters with no y at all: the fact is about whatever the target is called.
        let renamed = try Derivations.derive("cross_entropy(softmax(a), b)", wrt: "a_j")
        XCTAssertEqual(TermRenderer(.input).render(renamed.result.result), "p_j - b_j")
    }

    func testNumbersThatContradictAFactAreNotChecked() throws {
        let request = try Derivations.derive("cross_entropy(softmax(z), y)", wrt: "z_j")
        let report = check(request, ["z = [0.5, -1.2, 2]", "y = [0.5, 0.7, 0.1]"])
        XCTAssertFalse(report.agrees)
        XCTAssertTrue(report.contradiction?.contains("sum(y) = 1") == true, report.contradiction ?? "nil")
        XCTAssertTrue(check(request, ["z = [0.5, -1.2, 2]", "y = [0.2, 0.7, 0.1]"]).agrees)
    }

    func testAssumptionsParseFromTheVocabulary() throws {
        XCTAssertEqual(try Assumption(parsing: "sum(y) = 1"), Assumption(.sumsToOne, "y"))
        XCTAssertEqual(try Assumption(parsing: "y onehot"), Assumption(.oneHot, "y"))
        XCTAssertEqual(try Assumption(parsing: "q simplex"), Assumption(.simplex, "q"))
        XCTAssertEqual(try Assumption(parsing: "x > 0"), Assumption(.positive, "x"))
        XCTAssertEqual(try Assumption(parsing: "A symmetric"), Assumption(.symmetric, "A"))
        XCTAssertThrowsError(try Assumption(parsing: "y onehto")) { error in
            XCTAssertEqual((error as? Diagnostic)?.suggestion, "did you mean y onehot?")
            XCTAssertEqual((error as? Diagnostic)?.range, SourceRange(2, 8))
        }
        XCTAssertThrowsError(try Assumption(parsing: "y is nice"))
        XCTAssertThrowsError(try Derivations.derive("softmax(z)_i", wrt: "z_j", options: { var o = Derivations.Options(); o.assumptions = ["z positive"]; return o }()))
    }

    func testSampledValuesSatisfyTheirFacts() {
        let random = RandomSource(seed: 7)
        for kind in Assumption.Kind.allCases {
            for shape in [[4], [3, 3]] where kind != .symmetric || shape.count == 2 {
                let fact = Assumption(kind, "v")
                let value = AssumptionSampler.draw(shape: shape, facts: [fact], random: random)
                XCTAssertEqual(value.shape, shape)
                XCTAssertTrue(fact.holds(for: value), "\(fact) \(shape): \(value.scalars)")
            }
        }
        XCTAssertFalse(Assumption(.oneHot, "y").holds(for: Tensor(vector: [0.5, 0.5])))
        XCTAssertFalse(Assumption(.symmetric, "A").holds(for: Tensor(rows: 2, columns: 2, scalars: [1, 2, 3, 4])))
    }

    /// A name given to a recognised part is never one the input or the session uses.
    func testNamesForPartsNeverCollide() throws {
        let inInput = try Derivations.derive("softmax(p)_i * q", wrt: "p_j")
        XCTAssertFalse(["p", "q"].contains(inInput.result.definitions[0].name))
        var options = Derivations.Options()
        options.reserved = ["p", "q", "s"]
        let inSession = try Derivations.derive("softmax(z)_i", wrt: "z_j", options: options)
        XCTAssertFalse(options.reserved.contains(inSession.result.definitions[0].name))
    }

    func testJSONDefinitionsAreInputLinesDependenciesFirst() throws {
        let request = try XCTUnwrap(Catalog.entry(named: "softmax-layer-weights")).derive()
        let json = DerivationJSON.render(request.result, name: request.name, report: nil)
        XCTAssertTrue(json.contains("\"version\": 2"), json)
        XCTAssertTrue(json.contains("\"definitions\": [\"u := W @ x\", \"p := softmax(u)\"]"), json)
    }

    /// Every catalog entry is its input typed: deriving the text gives the same steps.
    func testCatalogEntriesAreTypedInput() throws {
        for entry in Catalog.entries {
            let byName = try entry.derive().result
            let typed = try Derivations.derive(entry.input, wrt: entry.wrt).result
            XCTAssertEqual(byName.target, typed.target, entry.name)
            XCTAssertEqual(Set(byName.definitions.map(\.meaning)), Set(typed.definitions.map(\.meaning)), entry.name)
        }
    }
}
