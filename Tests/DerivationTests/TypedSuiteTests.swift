import Foundation
import XCTest
import VectorLang
@testable import Derivation

/// The held-out suite (Suite/typed-expressions.tsv): expressions from ML texts and papers, typed as a
/// student would. Every one derives, every step equals automatic differentiation of the input as typed
/// and finite differences at its numbers, no letter is captured or bound twice, the derivative agrees
/// with JAX's (Suite/reference.tsv), the steps do not depend on the letters chosen, and the text fits 60
/// and 120 columns.
final class TypedSuiteTests: XCTestCase {
    struct Row {
        let id: String, expression: String, wrt: String, bindings: [String]
    }

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Suite")

    static func rows() throws -> [Row] {
        let text = try String(contentsOf: folder.appendingPathComponent("typed-expressions.tsv"), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 4 else { return nil }
            return Row(id: f[0], expression: f[1], wrt: f[2], bindings: f[3].split(separator: ";").map(String.init))
        }
    }

    static func references() throws -> [String: [Double]] {
        let text = try String(contentsOf: folder.appendingPathComponent("reference.tsv"), encoding: .utf8)
        var result: [String: [Double]] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: "\t").map(String.init)
            guard f.count == 3 else { continue }
            result[f[0]] = f[2].split(separator: " ").compactMap { Double($0) }
        }
        return result
    }

    /// A session holding the row's numbers, and the options a derivation at them is given (as `:derive` gives them).
    static func session(for row: Row) -> (Session, Derivations.Options) {
        let session = Session()
        for line in row.bindings { _ = session.submit(line) }
        var options = Derivations.Options()
        options.reserved = Set(session.environment.names)
        for name in session.environment.names { if let t = session.environment[name]?.tensor { options.ranks[name] = t.rank } }
        return (session, options)
    }

    func testTheSuiteIsLargeAndHasReferences() throws {
        let rows = try Self.rows()
        let references = try Self.references()
        XCTAssertGreaterThanOrEqual(rows.count, 60)
        XCTAssertEqual(Set(rows.map(\.id)).count, rows.count, "ids are unique")
        for row in rows { XCTAssertNotNil(references[row.id], "no reference for \(row.id)") }
    }

    func testEveryStepOfEveryExpressionIsAnEquality() throws {
        let references = try Self.references()
        var failures: [String] = []
        for row in try Self.rows() {
            let (session, options) = Self.session(for: row)
            let request: Derivations.Request
            do {
                request = try Derivations.derive(row.expression, wrt: row.wrt, options: options)
            } catch {
                failures.append("\(row.id): refused: \(error.message)")
                continue
            }
            let report = NumericCheck(environment: session.environment, request: request).report()
            if let n = report.failures.firstIndex(where: { $0 != nil }) {
                failures.append("\(row.id): step \(n) (\(request.result.steps[n].rule)) did not evaluate: \(report.failures[n] ?? "")")
            }
            // At these moderate numbers no step may overflow: a NaN there would be a wrong step, not a limit of Doubles.
            if !report.notFinite.isEmpty { failures.append("\(row.id): steps \(report.notFinite) are not finite") }
            if !report.agrees {
                failures.append("\(row.id): steps differ by \(report.largestStepDifference ?? .nan), finite differences by \(report.finiteDifferenceGap ?? .nan) \(report.problem ?? "")")
            }
            if let automatic = report.automatic, let reference = references[row.id] {
                let scale = max(1, reference.map(abs).max() ?? 1)
                if automatic.count != reference.count || zip(automatic.scalars, reference).contains(where: { abs($0 - $1) > 1e-9 * scale }) {
                    failures.append("\(row.id): automatic differentiation differs from JAX")
                }
            }
            // Typed derivations reach the longest lines: they fit a laptop's and a projector's width too.
            for width in [60, 120] {
                failures += DerivationTextTests.fitProblems(request.result, title: nil, report: report, width: width).map { "\(row.id): \($0)" }
            }
            if let step = request.result.steps.first(where: { $0.expression.letterBoundTwiceOnAPath != nil }) {
                failures.append("\(row.id): a letter is bound twice in \(TermRenderer(.input).render(step.expression))")
            }
        }
        XCTAssertEqual(failures, [], failures.joined(separator: "\n"))
    }

    func testNoExpressionDependsOnItsLetters() throws {
        let failures = try Self.rows().compactMap { RenamingTests.compare($0.expression, wrt: $0.wrt) }
        XCTAssertEqual(failures, [], failures.joined(separator: "\n"))
    }
}
