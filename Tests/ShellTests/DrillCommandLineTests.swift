import Foundation
import XCTest

/// `jacobi drill` through the built binary: the same seed gives the same drill, JSON gives the key only
/// with --answers, a scripted learner on a pipe finishes it, and a drill that cannot be made exits 2.
final class DrillCommandLineTests: CommandLineTestCase {
    /// The course in this checkout.
    static let lessons = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Lessons").path

    func testJSONGivesThePlantedSlipOnlyWithAnswers() throws {
        let plain = try jacobi(["drill", "softmax", "--seed", "12", "--format", "json"])
        XCTAssertEqual(plain.status, 0, plain.err)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(plain.out.utf8)) as? [String: Any])
        XCTAssertNil(object["planted"], "a learner's copy does not give the answer away")
        let lines = try XCTUnwrap(object["lines"] as? [[String: Any]])
        XCTAssertEqual(lines.first?["expression"] as? String, "partial(p_i, z_j)")
        let keyed = try jacobi(["drill", "softmax", "--seed", "12", "--json", "--answers"])
        let key = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(keyed.out.utf8)) as? [String: Any])?["planted"] as? [String: Any])
        let line = try XCTUnwrap(key["line"] as? Int)
        XCTAssertTrue((1..<lines.count).contains(line))
        XCTAssertNotNil(key["slip"] as? String)
        // The same seed, the same drill: the text key names the same line.
        let sheet = try jacobi(["drill", "softmax", "--seed", "12", "--answers"])
        XCTAssertTrue(sheet.out.contains("Planted at line \(line):"), sheet.out)
    }

    func testAScriptedLearnerFinishesADrillOnAPipe() throws {
        let key = try jacobi(["drill", "sigmoid", "--seed", "2", "--json", "--answers"])
        let planted = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(key.out.utf8)) as? [String: Any])?["planted"] as? [String: Any])
        let line = try XCTUnwrap(planted["line"] as? Int), slip = try XCTUnwrap(planted["slip"] as? String)
        let number = ["sign", "transpose", "lost-delta", "dropped-term", "dropped-factor", "factor-of-two", "fact-not-assumed", "wrong-variable"]
            .firstIndex(of: slip).map { $0 + 1 } ?? 0
        let progress = home.appendingPathComponent("progress.json").path
        let run = try jacobi(["drill", "sigmoid", "--seed", "2"], input: "\(line)\n\(number)\n:next\n", environment: ["JACOBI_PROGRESS": progress, "NO_COLOR": "1"])
        XCTAssertEqual(run.status, 0, run.out + run.err)
        XCTAssertTrue(run.out.contains("Lesson complete"), run.out)
        let saved = try String(contentsOfFile: progress, encoding: .utf8)
        XCTAssertTrue(saved.contains("drill:sigmoid-2"), saved)
        let listing = try jacobi(["lessons"], environment: ["JACOBI_PROGRESS": progress, "JACOBI_LESSONS": Self.lessons])
        XCTAssertTrue(listing.out.contains("sigmoid  1 found (1 at the first try)"), listing.out)
        let early = try jacobi(["drill", "sigmoid", "--seed", "2"], input: "\(line)\n", environment: ["JACOBI_PROGRESS": progress])
        XCTAssertEqual(early.status, 1, "the input ended before the drill did")
    }

    func testADrillThatCannotBeMadeExitsWithTwo() throws {
        let unknown = try jacobi(["drill", "softmx"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.err.contains("did you mean softmax?"), unknown.err)
        let unfit = try jacobi(["drill", "sigmoid", "--slip", "transpose"])
        XCTAssertEqual(unfit.status, 2)
        XCTAssertTrue(unfit.err.contains("two indices"), unfit.err)
        let typo = try jacobi(["drill", "--slip", "typo"])
        XCTAssertEqual(typo.status, 2)
        XCTAssertTrue(typo.err.contains("unknown slip 'typo'"), typo.err)
    }
}
