import XCTest
@testable import VectorLang

/// The picture builtins: golden drawings at 60 columns in Unicode and ASCII, and the properties
/// every drawing keeps (fits the width, ASCII is ASCII, no input crashes it).
final class PictureTests: XCTestCase {
    /// What the session prints for `line` (after defining dsigmoid) at `width` columns.
    private func draw(_ line: String, width: Int = 60, ascii: Bool = false) throws -> String {
        let session = Session(options: PrintOptions(precision: 4, ascii: ascii, width: width))
        _ = session.submit("dsigmoid(x) = sigmoid(x) * (1 - sigmoid(x))")
        let outputs = session.submit(line)
        guard case .result(let text)? = outputs.first, outputs.count == 1 else {
            throw XCTSkip("\(line) gave \(outputs)")
        }
        return text
    }

    // MARK: - Golden drawings

    func testGoldenBarUnicode() throws {
        XCTAssertEqual(try draw("bar(softmax([2, 1, 0.1]))", ascii: false), """
            1 ┤█████████████████████████████████████████████████ 0.659
            2 ┤██████████████████ 0.2424
            3 ┤███████▍ 0.09857
            """)
    }

    func testGoldenBarASCII() throws {
        XCTAssertEqual(try draw("bar(softmax([2, 1, 0.1]))", ascii: true), """
            1 |################################################# 0.659
            2 |################## 0.2424
            3 |####### 0.09857
            """)
    }

    func testGoldenBarSignedUnicode() throws {
        XCTAssertEqual(try draw("bar([0.5, -1.25, 2, 0])", ascii: false), """
            1                     │████████                          0.5
            2  ███████████████████│                                -1.25
            3                     │███████████████████████████████     2
            4                     │                                    0
            """)
    }

    func testGoldenBarSignedASCII() throws {
        XCTAssertEqual(try draw("bar([0.5, -1.25, 2, 0])", ascii: true), """
            1                     |########                          0.5
            2  ###################|                                -1.25
            3                     |###############################     2
            4                     |                                    0
            """)
    }

    func testGoldenHeatmapUnicode() throws {
        XCTAssertEqual(try draw("heatmap(diag(softmax([2, 1, 0.1])) - outer(softmax([2, 1, 0.1]), softmax([2, 1, 0.1])))", ascii: false), """
               1 2 3
              ┌──────┐
            1 │██==--│
            2 │==██··│
            3 │--··▒▒│
              └──────┘
              -0.2247 ≡=-· 0 ░▒▓█ 0.2247
            """)
    }

    func testGoldenHeatmapASCII() throws {
        XCTAssertEqual(try draw("heatmap(diag(softmax([2, 1, 0.1])) - outer(softmax([2, 1, 0.1]), softmax([2, 1, 0.1])))", ascii: true), """
               1 2 3
              +------+
            1 |##==--|
            2 |==##..|
            3 |--..++|
              +------+
              -0.2247 %=-. 0 :+*# 0.2247
            """)
    }

    func testGoldenPlotUnicode() throws {
        XCTAssertEqual(try draw("plot([sigmoid, dsigmoid], -6, 6)", ascii: false), """
                ┌──────────────────────────────────────────────────────┐
              1 ┤                           ⠅           ⣀⣀⠤⠤⠖⠒⠒⠒⠒⠋⠉⠉⠉⠉⠉│
                │                           ⠅       ⢀⡤⠖⠋⠁              │
                │                           ⠅     ⣠⠔⠉                  │
                │                           ⠅   ⢀⠖⠁                    │
                │                           ⠅  ⡰⠋                      │
                │                           ⠅⢀⡜⠁                       │
                │                           ⢅⠎                         │
            0.5 ┤                          ⢠⠇                          │
                │                         ⡰⠁⠅                          │
                │                       ⢀⡜⠁ ⠅                          │
                │                      ⣠⠎   ⠅                          │
                │                    ⢀⠴••••••••••                      │
                │                  ••••     ⠅    ••••                  │
                │             •••••⠁        ⠅        •••••             │
              0 ┤•••••••••••••⠉⠉            ⠅             •••••••••••••│
                └────┬──────────────────────┬─────────────────────┬────┘
                    -5                      0                     5
                 ⠤⠤ sigmoid   •• dsigmoid
            """)
    }

    func testGoldenPlotASCII() throws {
        XCTAssertEqual(try draw("plot([sigmoid, dsigmoid], -6, 6)", ascii: true), """
                +------------------------------------------------------+
              1 +                           |              ************|
                |                           |        ******            |
                |                           |      **                  |
                |                           |    **                    |
                |                           |  **                      |
                |                           | *                        |
                |                           |*                         |
            0.5 +                          **                          |
                |                         * |                          |
                |                        *  |                          |
                |                      **   |                          |
                |                    **oooooooooo                      |
                |                  oooo     |    oooo                  |
                |            *ooooo         |        ooooo             |
              0 +ooooooooooooo              |             ooooooooooooo|
                +----+----------------------+---------------------+----+
                    -5                      0                     5
                 ** sigmoid   oo dsigmoid
            """)
    }

    // MARK: - Properties

    static let pictures = [
        "bar(softmax([2, 1, 0.1]))", "bar([3, -1, 0.5, -2])", "bar(linspace(-1, 1, 100))", "bar([5])",
        "heatmap(diag(softmax([2, 1, 0.1])) - outer(softmax([2, 1, 0.1]), softmax([2, 1, 0.1])))",
        "heatmap(eye(100) - 0.01)", "heatmap(randn(3, 200))", "heatmap([1, -2, 3])",
        "plot(sigmoid, -6, 6)", "plot([sigmoid, dsigmoid, tanh, relu], -3, 3)", "plot(x -> 1 / x, -1, 1)",
        "plot(x -> 1000 + x / 1000, 0, 1)", "plot(x -> 0 * x + 3)",
    ]

    func testEveryPictureFitsTheWidthItIsGiven() throws {
        for width in [40, 60, 80, 120] {
            for picture in Self.pictures {
                for line in try draw(picture, width: width).split(separator: "\n") {
                    XCTAssertLessThanOrEqual(line.count, width, "\(picture) at \(width): \(line)")
                }
            }
        }
    }

    func testASCIIPicturesAreASCII() throws {
        for picture in Self.pictures {
            let text = try draw(picture, ascii: true)
            XCTAssertTrue(text.unicodeScalars.allSatisfy(\.isASCII), "\(picture):\n\(text)")
        }
    }

    func testAPictureIsRedrawnForEachWidth() throws {
        let session = Session()
        _ = session.submit("p = plot(sigmoid)")
        guard case .picture(let picture)? = session.environment["p"] else { return XCTFail("p is not a picture") }
        XCTAssertNotEqual(picture.lines(for: PrintOptions(width: 40)), picture.lines(for: PrintOptions(width: 100)))
        XCTAssertEqual(picture.lines, picture.lines(for: PrintOptions()))
        XCTAssertEqual(picture, picture)
    }

    func testNonFiniteValuesAreDrawnNotTrapped() throws {
        XCTAssertTrue(try draw("bar([1, nan, inf, -inf, -1])").contains("NaN"))
        XCTAssertTrue(try draw("heatmap([[1, nan], [-inf, inf]])").contains("?"))
        XCTAssertTrue(try draw("plot(x -> log(x), -1, 1)").contains("⠤⠤ x -> log(x)"))
        XCTAssertTrue(try draw("bar([1e308, -1e308])").contains("1e+308"))
        XCTAssertTrue(try draw("plot(x -> x * 1e300, -1e8, 1e8)").contains("┌"))
    }

    func testAFunctionThatMixesElementsIsSampledPointByPoint() throws {
        // On the whole vector z - mean(z) is a line; on each number it is 0, and that is the function.
        let mixed = try draw("plot(z -> z - mean(z), 0, 1)").split(separator: "\n").dropLast()
        let zero = try draw("plot(z -> 0 * z, 0, 1)").split(separator: "\n").dropLast()
        XCTAssertEqual(mixed, zero)
    }

    func testBrailleDots() {
        var canvas = DotCanvas(columns: 2, rows: 1)
        canvas.set(0, 0)
        canvas.set(3, 3)
        canvas.set(9, 9)
        XCTAssertEqual(canvas.character(column: 0, row: 0), "⠁")
        XCTAssertEqual(canvas.character(column: 1, row: 0), "⢀")
        canvas.line(from: (0, 0), to: (3, 3))
        XCTAssertEqual(canvas.character(column: 0, row: 0), "⠑")
        XCTAssertNil(DotCanvas(columns: 1, rows: 1).character(column: 0, row: 0))
    }

    func testNiceTicks() {
        XCTAssertEqual(Ticks.loose(0.0067, 0.9933, count: 4).values, [0, 0.5, 1])
        XCTAssertEqual(Ticks.loose(0, 25, count: 4).values, [0, 10, 20, 30])
        XCTAssertEqual(Ticks.inside(-5, 5, count: 6).values, [-4, -2, 0, 2, 4])
        XCTAssertEqual(Ticks.label(1000.15, step: 0.05), "1000.15")
        XCTAssertEqual(Ticks.label(0.30000000000000004, step: 0.1), "0.3")
        XCTAssertEqual(Ticks.label(-1e-17, step: 0.5), "0")
        XCTAssertEqual(Ticks.loose(.nan, .infinity, count: 4).values, [0, 0.5, 1])
    }

    func testTheBuiltinsAreInTheTableAndDocumented() {
        for name in ["bar", "heatmap", "plot"] {
            guard let entry = Builtins.named[name] else { return XCTFail("\(name) is missing") }
            XCTAssertEqual(entry.category, .picture)
            XCTAssertTrue(entry.example.hasPrefix(name + "("))
            XCTAssertTrue(entry.signatures.allSatisfy { $0.hasPrefix(name + "(") })
            XCTAssertNoThrow(try draw(entry.example))
        }
    }
}
