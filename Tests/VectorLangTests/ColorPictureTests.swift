import XCTest
@testable import VectorLang

/// Pictures at a colour depth, bars with a zero axis and evenly spaced plot ticks.
final class ColorPictureTests: XCTestCase {
    private func outputs(_ line: String, colors: ColorDepth, json: Bool = false) -> [Session.Output] {
        Session(options: PrintOptions(width: 60, colors: colors), json: json).submit(line)
    }

    private let jacobian = "heatmap(diag(softmax([2, 1, 0.1])) - outer(softmax([2, 1, 0.1]), softmax([2, 1, 0.1])))"

    func testDivergingScaleIsBlueWhiteRed() {
        XCTAssertEqual(DivergingScale.tint(-1, depth: .trueColor), .rgb(red: 33, green: 102, blue: 172))
        XCTAssertEqual(DivergingScale.tint(0, depth: .trueColor), .rgb(red: 247, green: 247, blue: 247))
        XCTAssertEqual(DivergingScale.tint(1, depth: .trueColor), .rgb(red: 178, green: 24, blue: 43))
        XCTAssertEqual(DivergingScale.tint(7, depth: .trueColor), DivergingScale.tint(1, depth: .trueColor), "clamped")
        XCTAssertNil(DivergingScale.tint(.nan, depth: .trueColor))
        XCTAssertNil(DivergingScale.tint(0.5, depth: .none))
        // 256 colours: the nearest cube cell, 16 + 36r + 6g + b.
        XCTAssertEqual(DivergingScale.tint(0, depth: .palette256), .palette(231))
        XCTAssertEqual(DivergingScale.tint(1, depth: .palette256), .palette(124))
        XCTAssertEqual(DivergingScale.tint(-1, depth: .palette256), .palette(25))
        // 16 colours: white near zero, bright beyond a third, normal beyond two thirds.
        XCTAssertEqual([-1, -0.5, -0.1, 0, 0.1, 0.5, 1].map { DivergingScale.tint($0, depth: .sixteen) },
                       [.basic(4), .basic(12), .basic(7), .basic(7), .basic(7), .basic(9), .basic(1)])
    }

    /// Before: the heatmap was glyphs in the one colour of every result; now each cell has its own.
    func testAHeatmapInColourTintsEveryCell() throws {
        guard case .picture(let lines)? = outputs(jacobian, colors: .trueColor).first else { return XCTFail("no tinted picture") }
        let rows = lines[2...4]
        for row in rows {
            XCTAssertEqual(row.spans.compactMap(\.tint).count, 3, row.plain)
            XCTAssertTrue(row.plain.contains("██████"), row.plain)
        }
        XCTAssertEqual(rows.first?.spans[1].tint, .rgb(red: 178, green: 24, blue: 43), "the largest element is full red")
        let legend = try XCTUnwrap(lines.last)
        XCTAssertEqual(legend.plain, "  -0.2247 ████ 0 ████ 0.2247")
        XCTAssertEqual(legend.spans.compactMap(\.tint).count, 8)
    }

    func testWithoutColourTheGlyphsStay() {
        let glyphs = outputs(jacobian, colors: .none)
        guard case .result(let text)? = glyphs.first else { return XCTFail("\(glyphs)") }
        XCTAssertTrue(text.hasSuffix("-0.2247 ≡=-· 0 ░▒▓█ 0.2247"), text)
        guard case .result(let json)? = outputs(jacobian, colors: .trueColor, json: true).first else { return XCTFail("no JSON") }
        XCTAssertTrue(json.contains("≡=-·"), "JSON has the plain drawing, never tints")
        guard case .picture(let lines)? = outputs("bar([1, 2])", colors: .sixteen).first else { return XCTFail("no picture") }
        XCTAssertTrue(lines.allSatisfy { $0.spans.allSatisfy { $0.tint == nil } }, "bars have no tints of their own")
    }

    func testATintedLineReadsAsItsText() {
        let line = TintedLine([.init("a", .basic(1)), .init("b", .palette(20)), .init("c")])
        XCTAssertEqual(line.plain, "abc")
        XCTAssertEqual(TintedLine("xy").spans, [.init("xy")])
    }

    /// Before: `1 ┤          ██████████        -1`, with nothing where zero is.
    func testSignedBarsGrowFromAZeroAxis() {
        let lines = BarChart(values: [3, -1, 0.5, -2, 0]).render(PrintOptions(width: 60))
        let axes = lines.map { Array($0).firstIndex(of: "│") }
        XCTAssertEqual(Set(axes).count, 1, lines.joined(separator: "\n"))
        XCTAssertNotNil(axes[0])
        XCTAssertTrue(lines[1].contains("█│"), "a negative bar ends at the axis")
        XCTAssertTrue(lines[0].contains("│█"), "a positive bar starts at it")
        XCTAssertFalse(lines.contains { $0.contains("┤") })
        XCTAssertTrue(BarChart(values: [-1, 1]).render(PrintOptions(ascii: true)).allSatisfy { $0.contains("|") })
        XCTAssertTrue(BarChart(values: [1, 2]).render(PrintOptions()).allSatisfy { $0.contains("┤") && !$0.contains("│") })
    }

    /// Before: `-5  -2  0  2  5` (the ends always, nice values between); now one step throughout.
    func testPlotTicksAreEvenlySpacedNiceNumbers() throws {
        for (line, expected) in [("plot(x -> x^2)", ["-4", "-2", "0", "2", "4"]), ("plot(tanh, 0, 0.3)", ["0", "0.1", "0.2"]),
                                 ("plot(tanh, -3.3, 7.7)", ["-2", "0", "2", "4", "6"])] {
            guard case .result(let text)? = outputs(line, colors: .none).first else { return XCTFail(line) }
            let rows = text.split(separator: "\n").map(String.init)
            let labels = try XCTUnwrap(rows.dropLast().last)
            XCTAssertEqual(labels.split(separator: " ").map(String.init), expected, line)
            let frame = try XCTUnwrap(rows.first { $0.contains("└") })
            let ticks = Array(frame).enumerated().filter { $0.element == "┬" }.map(\.offset)
            let gaps = zip(ticks.dropFirst(), ticks).map { $0 - $1 }
            XCTAssertEqual(ticks.count, expected.count, line)
            XCTAssertLessThanOrEqual((gaps.max() ?? 0) - (gaps.min() ?? 0), 1, "\(line): \(frame)")
        }
    }
}
