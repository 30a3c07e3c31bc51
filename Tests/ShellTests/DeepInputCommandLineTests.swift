import Foundation
import XCTest

/// The deepest inputs the parser accepts (20,000 operators in a chain, each level a level of the tree)
/// through every stage of the built binary: evaluation and printing, the derivation engine (index
/// analysis, term rewriting, rendering, JSON), and lesson files; and inputs of 100,000 levels refused
/// with a message, the session or the rest of the folder going on.
final class DeepInputCommandLineTests: CommandLineTestCase {
    static let deepest = 19_999
    static func chain(_ operand: String, _ op: String, count: Int = deepest) -> String {
        Array(repeating: operand, count: count).joined(separator: op)
    }

    func testTheDeepestAcceptedChainsEvaluateAndPrint() throws {
        let script = [
            "x = 1; z = [1, 2]",
            Self.chain("x", "+"),
            Self.chain("x", "*"),
            "sum_k(" + Self.chain("z_k", "+") + ")",
            "x" + String(repeating: "'", count: Self.deepest),
            "-" + Self.chain("z", "-"),
            "1 + 1",
        ].joined(separator: "\n")
        let run = try jacobi([], input: script + "\n")
        XCTAssertEqual(run.out.split(separator: "\n").map(String.init), ["[1, 2]", "19999", "1", "59997", "[-19999, -39998]", "2"], run.err)
        XCTAssertTrue(run.err.contains("too deeply nested to evaluate (more than 400 levels, counting calls)"), run.err)
    }

    func testAHundredThousandLevelsAreRefusedAndTheScriptGoesOn() throws {
        for deep in [Self.chain("1", "+", count: 100_000), "x" + String(repeating: "'", count: 100_000),
                     "z" + String(repeating: "[1]", count: 100_000), String(repeating: "-", count: 100_000) + "1"] {
            let run = try jacobi([], input: "x = 1; z = [1]\n\(deep)\n1 + 1\n")
            XCTAssertEqual(run.out, "[1]\n2\n", run.err.prefix(300).description)
            XCTAssertTrue(run.err.contains("expression too long") || run.err.contains("nested too deeply"), run.err.prefix(300).description)
            XCTAssertLessThan(run.err.utf8.count, 2_000, "the message shows a window of the line, not all of it")
        }
    }

    func testTheDeepestAcceptedChainsDerive() throws {
        let sum = try jacobi(["derive", Self.chain("x", "+"), "wrt", "x", "--at", "x=2"])
        XCTAssertEqual(sum.status, 0, sum.err)
        XCTAssertTrue(sum.out.contains("= 19999"), String(sum.out.suffix(400)))
        // x¹⁹⁹⁹⁹ curves too sharply at 1 for finite differences (the check says so, exit 1); every step
        // agrees with automatic differentiation exactly.
        let product = try jacobi(["derive", Self.chain("x", "*"), "wrt", "x", "--at", "x=1", "--format", "json"])
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(product.out.utf8)) as? [String: Any], product.err)
        XCTAssertEqual(json["result"] as? String, "19999 * x^19998")
        XCTAssertEqual((json["check"] as? [String: Any])?["largest_step_difference"] as? Double, 0)
        // 100,000 levels do not fit in an argument (128 kB); typed at the prompt, they are refused.
        let deep = try jacobi([], input: ":derive " + Self.chain("x", "+", count: 100_000) + " wrt x\n1 + 1\n")
        XCTAssertEqual(deep.out, "2\n")
        XCTAssertTrue(deep.err.contains("expression too long: more than 20000 operators"), String(deep.err.prefix(300)))
    }

    /// One lesson file with a line 100,000 levels deep is reported with its line; the others load.
    func testADeepLineInOneLessonFileLeavesTheRestOfTheFolderWorking() throws {
        let folder = home.appendingPathComponent("course")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let lesson = { (title: String, expect: String) in
            "# \(title)\n\n- minutes: 5\n\n## Start\n\n```jacobi\nz = [2, 1, 0.1]\n```\n\n```jacobi question\nask: The largest entry of z?\nexpect: \(expect)\n```\n"
        }
        try lesson("Good", "max(z)").write(to: folder.appendingPathComponent("01-good.md"), atomically: true, encoding: .utf8)
        try lesson("Deep", Self.chain("1", "+", count: 100_000)).write(to: folder.appendingPathComponent("02-deep.md"), atomically: true, encoding: .utf8)
        try lesson("Transposed", "z" + String(repeating: "'", count: 100_000))
            .write(to: folder.appendingPathComponent("03-transposed.md"), atomically: true, encoding: .utf8)
        let check = try jacobi(["lessons", "check", folder.path])
        XCTAssertEqual(check.status, 1)
        XCTAssertTrue((check.out + check.err).contains("02-deep.md:13:"), check.out + check.err)
        XCTAssertTrue((check.out + check.err).contains("03-transposed.md:13:"), check.out + check.err)
        XCTAssertTrue((check.out + check.err).contains("1 lesson"), check.out + check.err)
        let list = try jacobi(["lessons"], environment: ["JACOBI_LESSONS": folder.path])
        XCTAssertTrue(list.out.contains("Good"), list.out + list.err)
        let take = try jacobi(["lesson", "good"], input: "max(z)\n", environment: ["JACOBI_LESSONS": folder.path])
        XCTAssertTrue(take.out.contains("✓"), take.out + take.err)
    }
}
