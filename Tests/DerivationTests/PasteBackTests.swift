import XCTest
import VectorLang
@testable import Derivation

/// Every step, printed in Jacobi's input syntax and typed at the prompt after the JSON's definition
/// lines (`p := softmax(z)`), evaluates to what the step's term evaluates to directly: what is printed
/// is what was checked.
final class PasteBackTests: XCTestCase {
    /// Types each step of `request` into a session holding `bindings` and the definitions; returns failures.
    static func pasteBack(_ request: Derivations.Request, bindings: [String], label: String) -> [String] {
        let session = Session()
        for line in bindings { _ = session.submit(line) }
        let check = NumericCheck(environment: session.environment, request: request)
        let report = check.report()
        for d in request.result.shownDefinitions {
            if case .error(let e, _)? = session.submit("\(d.name) := \(d.meaning)").first { return ["\(label): \(d.name) := \(d.meaning): \(e.message)"] }
        }
        let d = request.result
        let axes = d.target.freeIndices.union(d.wrt?.indices ?? []).subtracting(d.plan.fixed).sorted()
        var failures: [String] = []
        for (n, step) in d.steps.enumerated() {
            if let k = step.expression.letterBoundTwiceOnAPath { failures.append("\(label) step \(n): \(k) is bound twice on one path") }
            guard let direct = report.values[n] else { continue }
            let text = TermRenderer(.input).render(step.expression)
            guard let statement = try? Parser.parse(text).first else {
                failures.append("\(label) step \(n): \(text) does not parse")
                continue
            }
            let value: Tensor
            do {
                guard case .value(let v) = try session.evaluator.execute(statement, in: text), let t = v.numbers else {
                    failures.append("\(label) step \(n): \(text) is not numbers")
                    continue
                }
                value = t
            } catch {
                // An index a step no longer mentions, with nothing left to give it a range, cannot be typed alone.
                if "\(error)".contains("has no range") { continue }
                failures.append("\(label) step \(n): \(text): \(error)")
                continue
            }
            let own = step.expression.freeIndices.subtracting(d.plan.fixed).sorted()
            let spread = own == axes || value.count == direct.count ? value
                : NumericCheck.broadcast(value, over: own, to: axes, shape: direct.shape) ?? value
            let scale = max(1, direct.scalars.map(abs).max() ?? 1)
            if spread.count != direct.count || zip(spread.scalars, direct.scalars).contains(where: { abs($0 - $1) > 1e-9 * scale }) {
                failures.append("\(label) step \(n): \(text) evaluates to \(spread.scalars), the step to \(direct.scalars)")
            }
        }
        return failures
    }

    func testCatalogStepsReadBack() throws {
        var failures: [String] = []
        for entry in Catalog.entries {
            failures += Self.pasteBack(try entry.derive(), bindings: entry.example, label: entry.name)
        }
        XCTAssertEqual(failures, [], failures.joined(separator: "\n"))
    }

    func testSuiteStepsReadBack() throws {
        var failures: [String] = []
        for row in try TypedSuiteTests.rows() {
            let (_, options) = TypedSuiteTests.session(for: row)
            let request = try Derivations.derive(row.expression, wrt: row.wrt, options: options)
            failures += Self.pasteBack(request, bindings: row.bindings, label: row.id)
        }
        XCTAssertEqual(failures, [], failures.joined(separator: "\n"))
    }
}
