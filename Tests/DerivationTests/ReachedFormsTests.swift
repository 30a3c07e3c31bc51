import Foundation
import XCTest
import VectorLang
@testable import Derivation

/// The textbook forms (Suite/expected-forms.tsv, written by hand with their sources): every typed
/// expression of the suite, with the facts its form needs declared, must end at its form (equal as terms
/// compare, up to binder renaming and the order of sums and products) or at one with no more nodes; and
/// every step must be an equality (TypedSuiteTests checks that for the same rows).
final class ReachedFormsTests: XCTestCase {
    struct Form {
        let id: String, form: String, facts: [String]
    }

    static func forms() throws -> [String: Form] {
        let url = TypedSuiteTests.folder.appendingPathComponent("expected-forms.tsv")
        let text = try String(contentsOf: url, encoding: .utf8)
        var result: [String: Form] = [:]
        for line in text.split(separator: "\n").dropFirst() where !line.hasPrefix("#") {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 4 else { continue }
            let facts = f[2].split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            result[f[0]] = Form(id: f[0], form: f[1], facts: facts)
        }
        return result
    }

    /// Whether the derivation of `row` reaches `form`, and the sizes compared.
    static func outcome(_ row: TypedSuiteTests.Row, _ form: Form) -> (reached: Bool, detail: String) {
        var (_, options) = TypedSuiteTests.session(for: row)
        options.assumptions = form.facts
        let request: Derivations.Request
        do {
            request = try Derivations.derive(row.expression, wrt: row.wrt, options: options)
        } catch {
            return (false, "refused: \(error.message)")
        }
        let expected: Term
        do {
            expected = try request.read(form.form)
        } catch {
            return (false, "the form cannot be read: \(error)")
        }
        // Intermediates (u1 = σ(x)) are written out, so a name never counts as one node.
        var result = request.result.result
        for d in request.result.definitions.reversed() {
            if case .intermediate(let body) = d.kind { result = result.replacing(.symbol(d.name), with: body) }
        }
        let steps = request.result.steps.count
        if result.isEquivalent(to: expected) { return (true, "equal, \(steps) steps") }
        if request.result.complete && result.size <= expected.size {
            return (true, "\(result.size) ≤ \(expected.size) nodes, \(steps) steps")
        }
        let renderer = TermRenderer(.input)
        return (false, "\(result.size) > \(expected.size) nodes: \(renderer.render(result))  expected \(renderer.render(expected))")
    }

    /// What issue 10 asks: at least 95 % of the suite.
    static let reachedAtLeast = 0.95

    func testTheSuiteReachesItsTextbookForms() throws {
        let forms = try Self.forms()
        let rows = try TypedSuiteTests.rows()
        var reached = 0
        var missed: [String] = []
        for row in rows {
            guard let form = forms[row.id] else {
                XCTFail("\(row.id) has no expected form")
                continue
            }
            let (ok, detail) = Self.outcome(row, form)
            if ok { reached += 1 } else { missed.append("\(row.id): \(detail)") }
        }
        let share = Double(reached) / Double(max(1, rows.count))
        let report = "reached \(reached) of \(rows.count) (\(String(format: "%.1f", 100 * share)) %)\n" + missed.joined(separator: "\n")
        if let path = ProcessInfo.processInfo.environment["JACOBI_REACHED_REPORT"] {
            try? report.write(toFile: path, atomically: true, encoding: .utf8)
        }
        XCTAssertGreaterThanOrEqual(rows.count, 60)
        XCTAssertGreaterThanOrEqual(share, Self.reachedAtLeast, report)
    }
}
