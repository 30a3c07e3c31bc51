import XCTest
import VectorLang
@testable import Derivation

/// Deep compositions: each level's inner argument is named (u1 = σ(x), u2 = σ(u1)) and differentiated
/// once, so the steps grow linearly with the depth, even for a spelled-out function nothing recognises.
final class NestingTests: XCTestCase {
    private func nested(_ depth: Int, _ level: (String) -> String) -> String {
        (0..<depth).reduce("x") { inner, _ in level(inner) }
    }

    private func agrees(_ request: Derivations.Request) -> Bool {
        let session = Session()
        _ = session.submit("x = 0.3")
        return NumericCheck(environment: session.environment, request: request).report().agrees
    }

    func testASpelledCompositionGrowsByTheSameStepsEachLevel() throws {
        let level = { (q: String) in "exp(\(q))/(2 + exp(\(q)))" }
        var counts: [Int] = []
        for depth in 3...6 {
            let request = try Derivations.derive(nested(depth, level), wrt: "x")
            XCTAssertTrue(request.result.complete, "depth \(depth)")
            XCTAssertTrue(agrees(request), "depth \(depth)")
            counts.append(request.result.steps.count)
        }
        let increments = zip(counts.dropFirst(), counts).map { $0 - $1 }
        XCTAssertEqual(Set(increments).count, 1, "steps \(counts)")
    }

    func testNestedSigmoidsAreNamedFromTheInsideOut() throws {
        let request = try Derivations.derive("sigmoid(sigmoid(sigmoid(x)))", wrt: "x")
        XCTAssertEqual(request.result.definitions.map { "\($0.name) = \($0.meaning)" }, ["u1 = sigmoid(x)", "u2 = sigmoid(u1)"])
        XCTAssertEqual(TermRenderer(.input).render(request.result.result),
                       "sigmoid(u2) * (1 - sigmoid(u2)) * sigmoid(u1) * (1 - sigmoid(u1)) * sigmoid(x) * (1 - sigmoid(x))")
        XCTAssertTrue(agrees(request))
        // Two levels are not named: the chain rule alone is short.
        XCTAssertTrue(try Derivations.derive("sigmoid(sigmoid(x))", wrt: "x").result.definitions.isEmpty)
    }

    /// A builtin written out by its definition is recognised before differentiating, so its derivative
    /// is cited (softplus′ = σ); the whole target is derived from scratch, as the catalog derives it.
    func testBuiltinsWrittenOutAreRecognisedByTheirDefinitions() throws {
        let nested = try Derivations.derive("log(1 + exp(log(1 + exp(x))))", wrt: "x")
        XCTAssertEqual(nested.result.steps.filter { $0.rule == "recognise a builtin" }.count, 2)
        XCTAssertEqual(TermRenderer(.input).render(nested.result.result), "sigmoid(softplus(x)) * sigmoid(x)")
        XCTAssertTrue(agrees(nested))
        let softsign = try Derivations.derive("2 * (y / (1 + abs(y)))", wrt: "y")
        XCTAssertTrue(softsign.result.steps.contains { $0.rule == "recognise a builtin" })
        let alone = try Derivations.derive("log(1 + exp(x))", wrt: "x").result
        XCTAssertFalse(alone.steps.contains { $0.rule == "recognise a builtin" })
        XCTAssertEqual(TermRenderer(.input).render(alone.result), "sigmoid(x)")
    }
}

/// A product of one factor many times, as a careless paste writes xⁿ: combined first, derived by the power rule.
final class RepeatedFactorTests: XCTestCase {
    func testEightyFactorsOfXTakeThePowerRule() throws {
        let input = Array(repeating: "x", count: 80).joined(separator: "*")
        let request = try Derivations.derive(input, wrt: "x")
        XCTAssertTrue(request.result.complete)
        XCTAssertLessThanOrEqual(request.result.steps.count, 6)
        XCTAssertEqual(TermRenderer(.input).render(request.result.result), "80 * x^79")
        let session = Session()
        _ = session.submit("x = 1.1")
        XCTAssertTrue(NumericCheck(environment: session.environment, request: request).report().agrees)
    }
}
