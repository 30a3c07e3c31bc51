import Foundation
import XCTest
import VectorLang
@testable import Derivation

/// The vector-notation suite (Suite/vector-expressions.tsv): expressions as typed at the prompt, from
/// matrix-calculus references and ML texts, each with the form a textbook gives. Every one derives, every
/// step equals automatic differentiation and finite differences at the row's numbers (non-square where
/// shapes allow, so a transpose cannot hide), the matrix form has the value of the expected one, and at
/// least 90 % are no longer than it (in tokens of Jacobi's input).
final class VectorSuiteTests: XCTestCase {
    struct Row {
        let id: String, expression: String, wrt: String, bindings: [String], expected: String
    }

    static func rows() throws -> [Row] {
        let text = try String(contentsOf: TypedSuiteTests.folder.appendingPathComponent("vector-expressions.tsv"), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 5 else { return nil }
            return Row(id: f[0], expression: f[1], wrt: f[2], bindings: f[3].split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) },
                       expected: f[4])
        }
    }

    /// Tokens of an expression in Jacobi's syntax, the measure of how long a form is.
    static func tokens(_ text: String) -> Int {
        ((try? Lexer.tokenize(text)) ?? []).filter { $0.kind != .end }.count
    }

    struct Outcome {
        let row: Row
        let form: String?
        let problems: [String]
        var reached: Bool { form.map { VectorSuiteTests.tokens($0) <= VectorSuiteTests.tokens(row.expected) } ?? false }
    }

    static func outcome(_ row: Row) -> Outcome {
        let session = Session()
        for line in row.bindings { _ = session.submit(line) }
        var options = Derivations.Options()
        options.reserved = Set(session.environment.names)
        for name in session.environment.names { if let t = session.environment[name]?.tensor { options.ranks[name] = t.rank } }
        let request: Derivations.Request
        do {
            request = try Derivations.derive(row.expression, wrt: row.wrt, options: options)
        } catch {
            return Outcome(row: row, form: nil, problems: ["refused: \(error.message)"])
        }
        let report = NumericCheck(environment: session.environment, request: request).report()
        var problems: [String] = []
        if !report.agrees || !report.notFinite.isEmpty {
            problems.append("steps differ by \(report.largestStepDifference ?? .nan) \(report.problem ?? "")")
        }
        // No matrix form is a miss, not a fault: the index form stands, checked.
        guard let form = request.result.vectorForm?.input else { return Outcome(row: row, form: nil, problems: problems) }
        guard case .result? = session.submit("__expected = " + row.expected).first, let expected = session.environment["__expected"]?.tensor,
              let value = report.vectorFormValue else {
            return Outcome(row: row, form: form, problems: problems + ["the expected form or the matrix form did not evaluate"])
        }
        let scale = max(1, expected.scalars.map(abs).max() ?? 1)
        if expected.count != value.count || zip(expected.scalars, value.scalars).contains(where: { abs($0 - $1) > 1e-9 * scale }) {
            problems.append("the matrix form \(form) does not equal \(row.expected)")
        }
        return Outcome(row: row, form: form, problems: problems)
    }

    func testEveryExpressionDerivesToItsExpectedValueAndMostAsShortly() throws {
        let rows = try Self.rows()
        XCTAssertGreaterThanOrEqual(rows.count, 30)
        XCTAssertEqual(Set(rows.map(\.id)).count, rows.count, "ids are unique")
        let outcomes = rows.map(Self.outcome)
        let problems = outcomes.flatMap { o in o.problems.map { "\(o.row.id): \($0)" } }
        XCTAssertEqual(problems, [], problems.joined(separator: "\n"))
        let reached = outcomes.filter(\.reached)
        let longer = outcomes.filter { !$0.reached }.map { "\($0.row.id): \($0.form ?? "-") (expected \($0.row.expected))" }
        XCTAssertGreaterThanOrEqual(Double(reached.count), 0.9 * Double(rows.count), "longer than expected:\n" + longer.joined(separator: "\n"))
        if let path = ProcessInfo.processInfo.environment["JACOBI_VECTOR_REPORT"] {
            let lines = outcomes.map { "\($0.row.id)\t\($0.reached ? "reached" : $0.form == nil ? "index form" : "longer")\t\($0.form ?? "-")\t\($0.row.expected)" }
            try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
    }

    /// Second derivatives (`--order 2`) of classic losses, each checked and in its textbook matrix form.
    func testHessiansReachTheirMatrixForms() throws {
        let cases: [(String, String, [String], String)] = [
            ("x' @ A @ x", "x", ["A = [[1, 2, 0], [-1, 3, 1], [0.5, 0, 2]]", "x = [0.3, -1.2, 0.8]"], "A + A'"),
            ("sum((A @ x - b)^2)", "x", ["A = [[1, 2], [-1, 3], [0.5, 0]]", "x = [0.7, -0.4]", "b = [1, 0, -1]"], "2 * A' @ A"),
            ("logsumexp(z)", "z", ["z = [0.3, -1.2, 0.8]"], "diag(softmax(z)) - softmax(z) @ softmax(z)'"),
            ("sum(softplus(X @ w))", "w", ["X = [[1, 2], [-1, 3], [0.5, 0]]", "w = [0.7, -0.4]"],
             "X' @ diag(sigmoid(X @ w) * (1 - sigmoid(X @ w))) @ X"),
        ]
        for (input, wrt, bindings, expected) in cases {
            let session = Session()
            for line in bindings { _ = session.submit(line) }
            var options = Derivations.Options()
            for name in session.environment.names { if let t = session.environment[name]?.tensor { options.ranks[name] = t.rank } }
            let request = try Derivations.secondDerivative(of: try Derivations.derive(input, wrt: wrt, options: options))
            let report = NumericCheck(environment: session.environment, request: request).report()
            XCTAssertTrue(report.agrees, "\(input): \(report.problem ?? "")")
            let form = try XCTUnwrap(request.result.vectorForm?.input, input)
            XCTAssertLessThanOrEqual(Self.tokens(form), Self.tokens(expected), "\(input): \(form)")
            guard case .result? = session.submit("__expected = " + expected).first, let value = report.vectorFormValue,
                  let want = session.environment["__expected"]?.tensor else { return XCTFail("\(input): \(expected) did not evaluate") }
            XCTAssertEqual(value.scalars.count, want.scalars.count, input)
            for (a, b) in zip(value.scalars, want.scalars) { XCTAssertEqual(a, b, accuracy: 1e-9, input) }
        }
    }

    func testNoExpressionDependsOnItsLetters() throws {
        let failures = try Self.rows().compactMap { RenamingTests.compare($0.expression, wrt: $0.wrt) }
        XCTAssertEqual(failures, [], failures.joined(separator: "\n"))
    }
}
