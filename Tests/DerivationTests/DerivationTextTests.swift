import XCTest
import VectorLang
@testable import Derivation

/// The terminal renderer of every catalog entry at the widths of a phone, a laptop and a projector: no
/// line wider than the width, no number or name split, the whole value at the start and the end only,
/// and beside each step the values of what it introduced.
final class DerivationTextTests: XCTestCase {
    static let widths = [40, 60, 80, 120]

    struct Rendered {
        let entry: String
        let derivation: DerivationResult
        let report: NumericCheck.Report
        let title: String?
    }

    static let rendered: [Rendered] = Catalog.entries.compactMap { entry in
        guard let request = try? entry.derive() else { return nil }
        return Rendered(entry: entry.name, derivation: request.result,
                        report: NumericCheck(environment: nil, request: request).report(), title: entry.title)
    }

    static func words(_ text: String) -> [String] {
        text.split { !LineBreaker.isWordCharacter($0) }.map(String.init)
    }

    /// What is wrong with the derivation's text at `width`: a line wider than it, or a line and its
    /// continuations that do not hold the words and numbers of the whole line, in order (one was split).
    static func fitProblems(_ d: DerivationResult, title: String?, report: NumericCheck.Report?, width: Int, ascii: Bool = false) -> [String] {
        let whole = DerivationText(ascii: ascii).lines(d, title: title, report: report)
        let lines = DerivationText(ascii: ascii, width: width).lines(d, title: title, report: report)
        var problems = lines.filter { LineBreaker.columns($0.text) > width }.map { "wider than \(width): \($0.text)" }
        var groups: [[String]] = []
        for line in lines {
            if line.continuation, !groups.isEmpty { groups[groups.count - 1] += words(line.text) } else { groups.append(words(line.text)) }
        }
        if groups != whole.map({ words($0.text) }) { problems.append("at \(width) a number or a name was split") }
        return problems
    }

    func testEveryEntryFitsEveryWidthWithoutSplittingANumberOrAName() {
        XCTAssertEqual(Self.rendered.count, Catalog.entries.count, "every catalog entry derives")
        for r in Self.rendered {
            for ascii in [false, true] {
                for width in Self.widths {
                    let problems = Self.fitProblems(r.derivation, title: r.title, report: r.report, width: width, ascii: ascii)
                    XCTAssertEqual(problems, [], "\(r.entry)\(ascii ? " (ascii)" : "")")
                }
            }
        }
    }

    func testTheWholeValueIsShownAtTheStartAndTheEndOnly() {
        for r in Self.rendered where r.derivation.complete {
            let lines = DerivationText().lines(r.derivation, title: r.title, report: r.report)
            let wholes = lines.filter { $0.kind == .value && $0.text.trimmingCharacters(in: .whitespaces).hasPrefix("≈ ") }
            XCTAssertEqual(wholes.count, 2, "\(r.entry): \(wholes.map(\.text))")
            XCTAssertEqual(wholes.first?.text, wholes.last?.text, r.entry)
        }
    }

    func testEveryStepIsMarkedAndTheQuotientRuleShowsItsParts() throws {
        for r in Self.rendered where r.report.agrees {
            let marks = DerivationText().lines(r.derivation, title: r.title, report: r.report).filter { $0.text.hasPrefix("      ✓") }
            XCTAssertEqual(marks.count, r.derivation.steps.count - 1, r.entry)
        }
        let softmax = try XCTUnwrap(Self.rendered.first { $0.entry == "softmax" })
        let text = DerivationText().render(softmax.derivation, report: softmax.report)
        XCTAssertTrue(text.contains("✓ f ≈ [7.389, 2.718, 1.105]; g ≈ 11.21; f′ ≈ [[7.389"), text)
        XCTAssertTrue(text.contains("✓ Σₖ exp(zₖ) ≈ 11.21"), text)
        XCTAssertTrue(text.contains("✓ pᵢ(1 − pᵢ) ≈ [0.2247, 0.1837, 0.08885]"), text)
    }

    /// Each part shown beside a step has the value of the part as typed at the prompt.
    func testAPartsValueIsItsValueAtThePrompt() throws {
        let softmax = try XCTUnwrap(Self.rendered.first { $0.entry == "softmax" })
        let session = Session()
        _ = session.submit("z = [2, 1, 0.1]")
        for (n, parts) in softmax.report.introduced.enumerated() {
            for part in parts where part.part.term.freeIndices.isEmpty {
                let typed = TermRenderer(.input).render(part.part.term)
                guard case .result(let text)? = session.submit(typed).first else { return XCTFail("step \(n): \(typed) did not evaluate") }
                XCTAssertEqual(Double(text) ?? .nan, part.value.scalars[0], accuracy: 1e-3 * abs(part.value.scalars[0]), typed)
            }
        }
    }

    func testAStepThatDoesNotEqualTheStartIsSaidInWords() throws {
        let softmax = try XCTUnwrap(Self.rendered.first { $0.entry == "softmax" })
        var report = softmax.report
        report.stepDifferences[3] = 0.25
        let lines = DerivationText().lines(softmax.derivation, report: report)
        let flagged = lines.filter { $0.kind == .differs }
        XCTAssertEqual(flagged.map(\.text), ["      ✗ this step does not equal the start: it differs by up to 0.25; ∂/∂zⱼ [Σₖ exp(zₖ)] ≈ [7.389, 2.718, 1.105]"])
    }

    /// The unshifted form overflows at z = [1000, 999, 998] (the stability lesson's point): those steps are
    /// said to be not finite and not checked, and the others still are.
    func testAStepThatOverflowsIsSaidToBeNotCheckedRatherThanWrong() throws {
        let entry = try XCTUnwrap(Catalog.entry(named: "shift-invariance"))
        let request = try entry.derive()
        let session = Session()
        _ = session.submit("z = [1000, 999, 998]")
        let report = NumericCheck(environment: session.environment, request: request).report()
        XCTAssertEqual(report.notFinite, [1, 2, 3, 4])
        XCTAssertTrue(report.agrees)
        let text = DerivationText().render(request.result, report: report)
        XCTAssertTrue(text.contains("check: steps 1, 2, 3 and 4 are not finite at these numbers, so not checked here"), text)
        XCTAssertTrue(text.contains("check: every other step agrees with the start"), text)
        XCTAssertEqual(text.components(separatedBy: "✗ not finite at these numbers").count - 1, 4, text)
    }

    func testASCIIKeepsEveryCharacterThatHasAnASCIIForm() {
        for r in Self.rendered {
            let text = DerivationText(ascii: true).render(r.derivation, title: r.title, report: r.report)
            XCTAssertTrue(text.unicodeScalars.allSatisfy(\.isASCII), r.entry)
            XCTAssertFalse(text.contains("?"), "\(r.entry): \(text.split(separator: "\n").filter { $0.contains("?") })")
        }
        let softmax = Self.rendered.first { $0.entry == "softmax" }.map { DerivationText(ascii: true).render($0.derivation, report: $0.report) } ?? ""
        XCTAssertTrue(softmax.contains("Kronecker delta: dz_k/dz_j = delta_kj"), softmax)
    }
}
