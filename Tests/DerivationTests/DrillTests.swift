import XCTest
import VectorLang
@testable import Derivation

/// Drills on every catalog entry with every kind of slip: the planted derivation agrees with the true one
/// up to the planted line and differs from it from that line on, and the answer checking takes the right
/// line and slip and no other.
final class DrillTests: XCTestCase {
    /// Each drill's lines evaluated at random points by the derivation checker's machinery, independently
    /// of how the drill was made: before the planted line every line equals the start (the true derivative),
    /// from it on none does.
    func assertDiffersExactlyFromPlantedLine(_ drill: Drill, _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        let report = DerivationChecker.check(drill.checkText, seed: drill.seed &+ 17, points: 1)
        let steps = report.lines.filter { $0.role != .setup }
        XCTAssertEqual(steps.count, drill.lines.count, label, file: file, line: line)
        for (n, step) in steps.enumerated() {
            let expected: CheckReport.Line.Status = n < drill.planted.line ? .holds : n == drill.planted.line ? .wrong : .followsFromWrong
            XCTAssertEqual(step.status, expected, "\(label) line \(n): \(step.text)", file: file, line: line)
        }
    }

    func assertJudging(_ drill: Drill, _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        for n in -1...(drill.stepCount + 1) {
            XCTAssertEqual(drill.judgeLine(n).correct, n == drill.planted.line, "\(label) line \(n)", file: file, line: line)
            XCTAssertFalse(drill.judgeLine(n).feedback.isEmpty, file: file, line: line)
        }
        for slip in DrillSlip.allCases {
            XCTAssertEqual(drill.judgeSlip(slip).correct, drill.planted.accepted.contains(slip), "\(label) \(slip)", file: file, line: line)
        }
        XCTAssertTrue(drill.judgeSlip(drill.planted.slip).correct, label, file: file, line: line)
        XCTAssertEqual(drill.planted.accepted.first, drill.planted.slip, label, file: file, line: line)
    }

    func testEveryCatalogEntryWithEverySlip() throws {
        var made: [(entry: String, slip: DrillSlip)] = [], refused: [String] = []
        for entry in Catalog.entries where entry.wrt != nil && (ProcessInfo.processInfo.environment["DRILL_ONLY"].map { $0 == entry.name } ?? true) {
            for slip in DrillSlip.allCases {
                let label = "\(entry.name)/\(slip.rawValue)"
                do {
                    let drill = try DrillMaker.make(topic: entry.name, seed: 7, slip: slip)
                    XCTAssertEqual(drill.planted.slip, slip, label)
                    assertDiffersExactlyFromPlantedLine(drill, label)
                    assertJudging(drill, label)
                    made.append((entry.name, slip))
                } catch {
                    refused.append("\(label): \(error.message)")
                }
            }
        }
        print("made \(made.count) drills; refused:\n" + refused.joined(separator: "\n"))
        // Every entry takes several kinds of slip, and every kind goes into several entries.
        for entry in Set(made.map(\.entry)).union(refused.map { String($0.prefix { $0 != "/" }) }) {
            XCTAssertGreaterThanOrEqual(made.filter { $0.entry == entry }.count, 3, "kinds of slip planted in \(entry)")
        }
        for slip in DrillSlip.allCases {
            XCTAssertGreaterThanOrEqual(made.filter { $0.slip == slip }.count, 2, "entries that take \(slip)")
        }
    }

    func testTheSameSeedMakesTheSameDrillAndSeedsVary() throws {
        let a = try DrillMaker.make(topic: "softmax", seed: 42), b = try DrillMaker.make(topic: "softmax", seed: 42)
        XCTAssertEqual(a.checkText, b.checkText)
        XCTAssertEqual(a.planted.line, b.planted.line)
        let drills = try (1...12).map { try DrillMaker.make(topic: "cross-entropy-softmax", seed: $0) }
        XCTAssertGreaterThan(Set(drills.map(\.planted.slip)).count, 3, "twelve seeds plant more than three kinds of slip")
        XCTAssertGreaterThan(Set(drills.map(\.planted.line)).count, 3, "twelve seeds plant in more than three lines")
        let anyTopic = try (1...6).map { try DrillMaker.make(topic: nil, seed: $0).topic }
        XCTAssertGreaterThan(Set(anyTopic).count, 1, "without a topic the seed picks the catalog entry")
    }

    /// Σy = 1 used where the drill no longer assumes it: the line that uses it is the planted one, and the
    /// numbers that expose it are not the one-hot example's, where Σy is 1.
    func testAFactUsedButNotAssumed() throws {
        let drill = try DrillMaker.make(topic: "cross-entropy-softmax", seed: 3, slip: .unassumedFact)
        XCTAssertFalse(drill.assumptions.contains { $0.contains("y") }, "\(drill.assumptions)")
        XCTAssertFalse(drill.checkText.contains("assume"), drill.checkText)
        XCTAssertEqual(drill.lines[drill.planted.line].rule, "fact")
        let exposed = try XCTUnwrap(drill.planted.exposed)
        XCTAssertFalse(exposed.givenNumbers)
        XCTAssertTrue(drill.reveal.joined().contains("y = "), drill.reveal.joined(separator: "\n"))
    }

    /// A typed expression, not only the catalog: the same path.
    func testATypedExpression() throws {
        let drill = try DrillMaker.make(topic: "sum_k(W_ik * x_k)^2", wrt: "x_j", seed: 5)
        assertDiffersExactlyFromPlantedLine(drill, "typed")
        assertJudging(drill, "typed")
        XCTAssertThrowsError(try DrillMaker.make(topic: "softmax(z) +", seed: 1))
        XCTAssertThrowsError(try DrillMaker.make(topic: "shift-invariance", seed: 1), "an identity has no drill")
    }

    func testHintsNarrowInTurnAndNameNoLine() throws {
        for seed: UInt64 in 1...5 {
            let drill = try DrillMaker.make(topic: "log_softmax", seed: seed)
            let hints = drill.hints
            XCTAssertEqual(hints.count, 2)
            let range = hints[0].split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
            XCTAssertEqual(range.count, 2, hints[0])
            XCTAssertTrue((range[0]...range[1]).contains(drill.planted.line), hints[0])
            XCTAssertLessThan(range[1] - range[0] + 1, drill.stepCount, "the range leaves lines out")
            XCTAssertFalse(hints[1].contains("line \(drill.planted.line)"), hints[1])
        }
    }
}
