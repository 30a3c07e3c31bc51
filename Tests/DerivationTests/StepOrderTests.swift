import Foundation
import XCTest
import VectorLang
@testable import Derivation

/// What a reader of a derivation should never see, over every catalog entry and every typed-suite
/// entry: a Kronecker delta whose indices swap between steps, and a step that goes back to an earlier
/// form (a fraction split and put back together).
final class StepOrderTests: XCTestCase {
    /// Every catalog entry and every typed-suite row, derived once for all the tests here.
    static let derivations: [(name: String, result: DerivationResult)] = {
        var all = Catalog.entries.compactMap { entry in (try? entry.derive()).map { (entry.name, $0.result) } }
        for row in (try? TypedSuiteTests.rows()) ?? [] {
            let (_, options) = TypedSuiteTests.session(for: row)
            if let request = try? Derivations.derive(row.expression, wrt: row.wrt, options: options) { all.append((row.id, request.result)) }
        }
        return all
    }()

    func testAllEntriesAreHere() throws {
        XCTAssertEqual(Self.derivations.count, Catalog.entries.count + (try TypedSuiteTests.rows()).count)
    }

    /// The ordered letter pairs a step shows δ over, bound letters as the renderer chooses them: each
    /// δ_ab, and each ∂z_a/∂z_b (one δ_ab per index for a matrix's ∂W_ab/∂W_cd), which the Kronecker
    /// delta rule turns into δ_ab.
    static func deltas(shownBy step: Step) -> [(String, String)] {
        let renderer = TermRenderer(.input)
        let text = ([step.expression] + step.cases.map(\.expression)).map(renderer.render).joined(separator: "\n")
        let deltas = LaTeXTests.groups(of: "delta\\((\\w+), (\\w+)\\)", in: text).map { ($0[0], $0[1]) }
        let partials = LaTeXTests.groups(of: "partial\\(([A-Za-z]\\w*)_([a-z]+), \\1_([a-z]+)\\)", in: text).flatMap { g in
            g[1].count == g[2].count ? zip(g[1], g[2]).map { (String($0), String($1)) } : []
        }
        return deltas + partials
    }

    /// No step returns to a form an earlier step showed, as terms compare (a fraction split and put back
    /// together, a sign moved out and in): the steps that rewrite all differ. The cases and the matrix form
    /// restate the result rather than rewrite it, so they are not counted.
    func testNoStepReturnsToAnEarlierForm() {
        var failures: [String] = []
        for (name, result) in Self.derivations {
            let rewriting = result.steps.enumerated().filter { $0.element.cases.isEmpty && $0.element.vectorForm == nil }
            for (position, (n, step)) in rewriting.enumerated() {
                guard let (m, earlier) = rewriting[..<position].first(where: { $0.element.expression == step.expression }) else { continue }
                failures.append("\(name): step \(n) (\(step.rule)) is step \(m) (\(earlier.rule)) again: \(TermRenderer(.input).render(step.expression))")
            }
        }
        XCTAssertEqual(failures, [], failures.joined(separator: "\n"))
    }

    /// softsign′ = (1 + |x| − |x|)/(1 + |x|)²: the numerator is collected, not split into three fractions
    /// two of which cancel (a split pays only when a piece then cancels or is recognised).
    func testSoftsignCollectsRatherThanSplits() throws {
        for input in ["softsign", "x / (1 + abs(x))"] {
            let result = try Derivations.derive(input, wrt: "x").result
            XCTAssertFalse(result.steps.contains { $0.rule == "split the fraction" }, input)
            XCTAssertEqual(TermRenderer(.input).render(result.result), "1 / (1 + abs(x))^2", input)
        }
    }

    func testTheLettersOfAPartialAreReadAsItsDelta() {
        let step = Step(rule: "", statement: "", expression: .product(of: [.partial(.indexed("W", [Index("i"), Index("k")]), Variable("W", [Index("a"), Index("b")])),
                                                                            .kronecker(Index("m"), Index("n"))]))
        XCTAssertEqual(Self.deltas(shownBy: step).map { $0.0 + $0.1 }.sorted(), ["ia", "kb", "mn"])
    }

    /// Within one derivation, δ over two letters is always shown in one order: the order it was created
    /// in (∂zₖ/∂zⱼ = δₖⱼ), never swapped by a later step (δⱼₖ).
    func testNoDerivationSwapsTheIndicesOfADelta() {
        var failures: [String] = []
        for (name, result) in Self.derivations {
            var first: [Set<String>: (pair: (String, String), step: Int)] = [:]
            for (n, step) in result.steps.enumerated() {
                for pair in Self.deltas(shownBy: step) {
                    let letters: Set<String> = [pair.0, pair.1]
                    guard let seen = first[letters] else { first[letters] = (pair, n); continue }
                    if seen.pair != pair {
                        failures.append("\(name): step \(n) (\(step.rule)) shows delta(\(pair.0), \(pair.1)), step \(seen.step) showed delta(\(seen.pair.0), \(seen.pair.1))")
                        break
                    }
                }
            }
        }
        XCTAssertEqual(failures, [], failures.joined(separator: "\n"))
    }
}
