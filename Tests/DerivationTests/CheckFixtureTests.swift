import Foundation
import XCTest
@testable import Derivation

/// Hand-written derivations, right ones and ones with a planted slip, each stating on its first line
/// what the check must find: `# expect: holds`, `# expect: wrong LINE KIND; follows LINE`, `# expect: error LINE`.
final class CheckFixtureTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("CheckFixtures")

    static func fixtures() throws -> [(name: String, text: String)] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }.sorted().map {
            ($0, try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8))
        }
    }

    func testThereAreTwentyFixturesWithEverySlip() throws {
        let fixtures = try Self.fixtures()
        XCTAssertGreaterThanOrEqual(fixtures.count, 20)
        let expected = Set(fixtures.compactMap { $0.text.split(separator: "\n").first }.flatMap { $0.split(separator: " ").map(String.init) })
        for kind in ["sign", "transpose", "lost-delta", "dropped-term", "added-term", "dropped-factor", "added-factor", "doubled",
                     "fact-not-assumed", "other-input"] {
            XCTAssertTrue(expected.contains(kind), "no fixture plants \(kind)")
        }
        XCTAssertGreaterThanOrEqual(fixtures.filter { $0.text.hasPrefix("# expect: holds") }.count, 8)
    }

    func testEveryFixtureIsCheckedAsItsFirstLineSays() throws {
        for (name, text) in try Self.fixtures() {
            let header = text.split(separator: "\n").first.map(String.init) ?? ""
            let words = header.replacingOccurrences(of: ";", with: "").split(separator: " ").map(String.init).dropFirst(2)
            let report = DerivationChecker.check(text)
            let byNumber = Dictionary(report.lines.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
            switch words.first {
            case "holds":
                XCTAssertTrue(report.allHold, "\(name):\n\(report.text())")
                XCTAssertNil(report.firstWrong, name)
            case "wrong":
                let list = Array(words)
                let line = Int(list[1]) ?? -1
                XCTAssertEqual(report.firstWrong, line, "\(name):\n\(report.text())")
                let slips = byNumber[line]?.slips.map(\.kind) ?? []
                if list[2] == "none" {
                    XCTAssertEqual(slips, [], name)
                    XCTAssertEqual(byNumber[line]?.diagnosis, "no common slip matches", name)
                } else {
                    XCTAssertTrue(slips.contains(list[2]), "\(name): expected \(list[2]), found \(slips)")
                }
                if let at = list.firstIndex(of: "follows"), let follows = Int(list[at + 1]) {
                    XCTAssertEqual(byNumber[follows]?.status, .followsFromWrong, name)
                }
            case "error":
                let line = Int(Array(words)[1]) ?? -1
                XCTAssertEqual(byNumber[line]?.status, .parseError, "\(name):\n\(report.text())")
                XCTAssertNotNil(byNumber[line]?.problem?.contains("^"), name)
                XCTAssertFalse(report.allHold, name)
                XCTAssertNil(report.firstWrong, name)
                // The check goes on past it: the other steps are still judged.
                XCTAssertTrue(report.lines.filter { $0.number != line }.allSatisfy { $0.status == .holds }, name)
            default:
                XCTFail("\(name): no expectation on its first line")
            }
        }
    }

    /// Right lines perturbed in ways that are none of the catalogued slips (a constant changed, a
    /// function swapped, a constant added, a scale that is not 2 or −1): a diagnosis there is a guess.
    func testFalseDiagnosesOnFiftyPerturbedLinesAreRare() throws {
        let perturbations: [(String) -> String?] = [
            { $0 + " + 0.5" },
            { "1.5 * (" + $0 + ")" },
            { $0.contains("exp(") ? $0.replacingOccurrences(of: "exp(", with: "sin(") : nil },
            { $0.contains("log(") ? $0.replacingOccurrences(of: "log(", with: "sqrt(") : nil },
            { $0.contains("1") ? $0.replacingOccurrences(of: "1", with: "3") : nil },
            { "(" + $0 + ")^3" },
            { $0.contains("p_j") ? $0.replacingOccurrences(of: "p_j", with: "p_j^2") : nil },
            { $0 + " - 0.25 * z_j" },
        ]
        var wrong = 0, diagnosed = 0
        var examples: [String] = []
        // Not the batch: its triple sums take seconds a check in a debug build, and the others give 50 lines.
        for (name, text) in try Self.fixtures() where text.hasPrefix("# expect: holds") && !name.hasPrefix("batch") {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for (n, line) in lines.enumerated() where line.hasPrefix("= ") {
                for perturb in perturbations {
                    guard wrong < 50, let changed = perturb(String(line.dropFirst(2))) else { continue }
                    var copy = lines
                    copy[n] = "= " + changed
                    let report = DerivationChecker.check(copy.joined(separator: "\n"))
                    guard report.firstWrong == n + 1, let checked = report.lines.first(where: { $0.number == n + 1 }) else { continue }
                    wrong += 1
                    if !checked.slips.isEmpty {
                        diagnosed += 1
                        examples.append("\(changed): \(checked.slips.map(\.kind))")
                    }
                }
            }
        }
        XCTAssertEqual(wrong, 50, "fewer than 50 perturbed lines were found wrong")
        let rate = Double(diagnosed) / Double(max(wrong, 1))
        print("false diagnoses: \(diagnosed) of \(wrong) perturbed lines (\(Int((rate * 100).rounded()))%)" + examples.map { "\n  " + $0 }.joined())
        XCTAssertLessThanOrEqual(rate, 0.1)
    }
}
