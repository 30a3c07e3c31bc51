import Foundation
import XCTest

/// `jacobi check` through the built binary: the report, JSON, ASCII, standard input and exit statuses
/// (0 every step holds, 1 a wrong step or an error, 2 an unreadable file).
final class CheckCommandLineTests: CommandLineTestCase {
    static let right = """
        # softmax cross-entropy, by hand
        p := softmax(z)
        assume sum(y) = 1
        partial(-sum_k(y_k * log(p_k)), z_j)
        = -sum_k(y_k / p_k * partial(p_k, z_j))
        = -sum_k(y_k * delta(k, j)) + p_j * sum_k(y_k)
        = p_j - y_j
        """

    static let wrong = """
        p := softmax(z)
        partial(p_i, z_j)
        = p_i * (delta(i, j) - p_j)
        = p_i * (p_j - delta(i, j))
        = p_i * p_j - p_i * delta(i, j)
        """

    private func write(_ text: String, _ name: String) throws -> String {
        let path = home.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func testARightDerivationExitsWithZero() throws {
        let run = try jacobi(["check", try write(Self.right, "right.txt")])
        XCTAssertEqual(run.status, 0, run.out + run.err)
        XCTAssertTrue(run.out.contains("✓ 7  = p_j - y_j"), run.out)
        XCTAssertTrue(run.out.hasSuffix("every step holds (3 steps)\n"), run.out)
    }

    func testAWrongStepIsNamedDiagnosedAndExitsWithOne() throws {
        let run = try jacobi(["check", try write(Self.wrong, "wrong.txt")])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.out.contains("✗ 4  = p_i * (p_j - delta(i, j))"), run.out)
        XCTAssertTrue(run.out.contains("diagnosis: sign: this line is minus the line before"), run.out)
        XCTAssertTrue(run.out.contains("↳ 5  = p_i * p_j - p_i * delta(i, j)"), run.out)
        XCTAssertTrue(run.out.contains("first wrong step: line 4"), run.out)
    }

    func testJSONHasEveryLineAndTheFirstWrongOne() throws {
        let path = try write(Self.wrong, "wrong.txt")
        for flag in [["--json"], ["--format", "json"]] {
            let run = try jacobi(["check", path] + flag)
            XCTAssertEqual(run.status, 1)
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
            XCTAssertEqual(object["first_wrong"] as? Int, 4)
            let lines = try XCTUnwrap(object["lines"] as? [[String: Any]])
            XCTAssertEqual(lines.map { $0["status"] as? String }, ["holds", "holds", "holds", "wrong", "follows-from-wrong"])
            XCTAssertEqual(lines[3]["diagnosis"] as? String, "sign: this line is minus the line before")
            XCTAssertEqual(lines[3]["where"] as? String, "i = 1, j = 1: -0.227 vs 0.227")
            XCTAssertTrue(lines[0]["diagnosis"] is NSNull)
        }
        let right = try jacobi(["check", "--json", try write(Self.right, "right.txt")])
        XCTAssertEqual(right.status, 0)
        XCTAssertTrue(right.out.hasSuffix("\"first_wrong\": null}\n"), right.out)
    }

    func testASCIIAndStandardInput() throws {
        let run = try jacobi(["check", "-", "--ascii"], input: Self.wrong)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.out.unicodeScalars.allSatisfy(\.isASCII), run.out)
        XCTAssertTrue(run.out.contains("ok 3  = p_i * (delta(i, j) - p_j)"), run.out)
        XCTAssertTrue(run.out.contains("x  4  = p_i * (p_j - delta(i, j))"), run.out)
    }

    func testALineThatDoesNotParseHasItsCaretAndTheCheckGoesOn() throws {
        let text = "p := softmax(z)\npartial(p_i, z_j)\n= p_i * (delta(i, j) - p_j\n= p_i * (delta(i, j) - p_j)\n"
        let run = try jacobi(["check", try write(text, "broken.txt")])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.out.contains("? 3  = p_i * (delta(i, j) - p_j\n     error: unclosed '('\n       = p_i * (delta(i, j) - p_j\n               ^"), run.out)
        XCTAssertTrue(run.out.contains("✓ 4  = p_i * (delta(i, j) - p_j)"), run.out)
    }

    func testAnUnreadableFileExitsWithTwo() throws {
        let run = try jacobi(["check", "no-such-file.txt"])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.err.contains("cannot open no-such-file.txt"), run.err)
        let usage = try jacobi(["check", "--format", "xml", "file.txt"])
        XCTAssertEqual(usage.status, 2, "a command line that cannot be read is status 2, as for derive")
        XCTAssertTrue(usage.err.contains("'xml' is invalid"), usage.err)
    }

    func testEchoedLinesPassTheOutputGate() throws {
        let run = try jacobi(["check", "-"], input: "partial(z_j^2, z_j) # \u{1B}]0;owned\u{07}\n= 2 * z_j\n")
        XCTAssertEqual(run.status, 0, run.out)
        XCTAssertFalse(run.out.contains("\u{1B}"), run.out)
    }

    func testExplainShowsTheEnginesDerivationAtTheFirstWrongLine() throws {
        let run = try jacobi(["check", try write(Self.wrong, "wrong.txt"), "--explain"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.out.contains("the engine's derivation of partial(p_i, z_j):"), run.out)
        XCTAssertTrue(run.out.contains("quotient rule"), run.out)
    }
}
