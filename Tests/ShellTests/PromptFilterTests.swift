import XCTest
@testable import Shell

/// A copied session pasted back or run as a script: prompts taken off, copied output skipped.
final class PromptFilterTests: XCTestCase {
    private func filtered(_ lines: [String]) -> [String] {
        var filter = PromptFilter()
        return lines.compactMap { filter.take($0) }
    }

    func testPromptsAreRecognisedOnlyWhereJacobiWritesThem() {
        let cases: [(String, String?)] = [
            ("jacobi> 1 + 1", "1 + 1"), ("jacobi>", ""), ("jacobi>  z", " z"),
            ("   ...> 2]", "2]"), ("...> 2]", "2]"), ("          ...>", ""),
            ("lesson 3·2> z[end]", "z[end]"), ("lesson 3:12> z", "z"), ("lesson softmax-jacobian·4> ", ""),
            ("lesson a>b·1> x", "x"),
            ("jacobi > 3", nil), ("jacobi>3", nil), ("    jacobi> softmax(z)", nil), ("lesson 3> x", nil),
            ("lesson ·2> x", nil), ("1 + 1", nil), ("[0.659, 0.2424]", nil), ("", nil),
        ]
        for (line, expected) in cases {
            XCTAssertEqual(PromptFilter.removingPrompt(line), expected, line)
        }
    }

    func testInAPromptedBlockLinesWithoutAPromptAreSkipped() {
        let session = ["jacobi> 1 + 1", "2", "jacobi> [1,", "   ...> 2]", "[1, 2]", "", "jacobi> foo",
                       "error: unknown name 'foo'", "  foo", "  ^^^", "jacobi> :help relu", "relu(x)", "    jacobi> relu([-2, 0, 3])"]
        XCTAssertEqual(filtered(session), ["1 + 1", "[1,", "2]", "foo", ":help relu"])
        XCTAssertEqual(filtered(["", "  ", "jacobi> 1", "1"]), ["", "  ", "1"], "blank lines before the first prompt decide nothing")
    }

    func testInAPlainBlockNothingIsSkippedButPromptsStillGo() {
        XCTAssertEqual(filtered(["x = 1", "jacobi> x + 1", "2"]), ["x = 1", "x + 1", "2"])
        XCTAssertEqual(filtered(["1 + 1", "2"]), ["1 + 1", "2"])
    }

    func testEachBlockDecidesForItself() {
        var filter = PromptFilter()
        XCTAssertEqual(filter.take("jacobi> 1"), "1")
        XCTAssertNil(filter.take("1"))
        filter.endBlock()
        XCTAssertEqual(filter.take("2 + 2"), "2 + 2", "a line typed after the paste runs")
    }

    func testAScriptThatIsACopiedSessionKeepsItsLineNumbers() {
        let lines = ["jacobi> z = [1,", "   ...>      2]", "[1, 2]", "jacobi> :vars", "  z  [2]", "jacobi> z * 2", "[2, 4]"]
        let inputs = Script.inputs(lines)
        XCTAssertEqual(inputs, [
            Script.Input(text: "z = [1,\n     2]", firstLine: 1, promptWidths: [8, 8]), Script.Input(text: ":vars", firstLine: 4, promptWidths: [8]),
            Script.Input(text: "z * 2", firstLine: 6, promptWidths: [8]),
        ])
        XCTAssertEqual(inputs.first?.fileColumn(6, line: 2), 14, "the column in the file, prompt included")
        XCTAssertEqual(Script.inputs(["jacobi> [1,", "oops"]), [Script.Input(text: "[1,", firstLine: 1, promptWidths: [8])],
                       "brackets left open by the end of the copied output still make an input")
        XCTAssertEqual(Script.inputs(["a = 1", "2"]).map(\.text), ["a = 1", "2"])
    }
}
