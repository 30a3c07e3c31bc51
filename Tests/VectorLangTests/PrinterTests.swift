import XCTest
@testable import VectorLang

final class PrinterTests: XCTestCase {
    private func number(_ x: Double, _ precision: Int = 4) -> String {
        Printer.format(number: x, precision: precision)
    }

    private func text(_ tensor: Tensor, precision: Int = 4, ascii: Bool = false, width: Int = 80) -> String {
        Printer.format(tensor, options: PrintOptions(precision: precision, ascii: ascii, width: width))
    }

    private func matrix(_ rows: [[Double]]) -> Tensor {
        Tensor(rows: rows.count, columns: rows.first?.count ?? 0, scalars: rows.flatMap { $0 })
    }

    /// The numbers of a printed vector or matrix, read back through the language's own parser.
    private func readBack(_ printed: String) throws -> [Double] {
        func numbers(_ e: Expr) -> [Double] {
            switch e {
            case .number(let x, _): return [x]
            case .unary(.negate, let inner, _): return numbers(inner).map { -$0 }
            case .variable(let name, _): return [Builtins.constants[name] ?? .nan]
            case .array(let items, _): return items.flatMap(numbers)
            default: return [.nan]
            }
        }
        return numbers(try Parser.parseExpression(printed))
    }

    // MARK: - Scalars

    func testScalarsKeepFourSignificantDigits() {
        XCTAssertEqual(number(0.6590011388859679), "0.659")
        XCTAssertEqual(number(0.24243), "0.2424")
        XCTAssertEqual(number(0.0985659), "0.09857")
        XCTAssertEqual(number(12345.678), "1.235e+04")
        XCTAssertEqual(number(123456.7), "1.235e+05")
        XCTAssertEqual(number(-0.5), "-0.5")
        XCTAssertEqual(number(9.99996), "10")
        XCTAssertEqual(number(0.0001), "0.0001")
        XCTAssertEqual(number(0.000012), "1.2e-05")
        XCTAssertEqual(number(1.5e-7), "1.5e-07")
        XCTAssertEqual(number(2.5e300), "2.5e+300")
        // Shortest digits that read back exactly win when there are few enough of them.
        XCTAssertEqual(number(.leastNonzeroMagnitude), "5e-324")
        XCTAssertEqual(number(-.greatestFiniteMagnitude), "-1.798e+308")
    }

    func testIntegersAreWrittenInFull() {
        XCTAssertEqual(number(3), "3")
        XCTAssertEqual(number(-2), "-2")
        XCTAssertEqual(number(12345), "12345")
        XCTAssertEqual(number(999_999_999_999_999), "999999999999999")
        XCTAssertEqual(number(1e15), "1e+15")
        XCTAssertEqual(number(12345, 1), "12345")
    }

    func testSpecialsAndSignedZero() {
        XCTAssertEqual(number(.infinity), "Inf")
        XCTAssertEqual(number(-.infinity), "-Inf")
        XCTAssertEqual(number(.nan), "NaN")
        XCTAssertEqual(number(0), "0")
        XCTAssertEqual(number(-0.0), "0")
        XCTAssertEqual(text(Tensor(-0.0)), "0")
    }

    /// People see `0` for negative zero (it was `[-0, -3.333, -0]`); `:save` and `--json` keep its sign.
    func testNegativeZeroIsShownAsZeroButKeptWhereExact() {
        XCTAssertEqual(text(Tensor(shape: [3], scalars: [-0.0, -3.333, -0.0])), "[0, -3.333, 0]")
        XCTAssertFalse(text(matrix([[-0.0, 1.5], [2, -0.0]])).contains("-"))
        let scientific = text(matrix([[-0.0, 1e-9], [2, -0.0]]))
        XCTAssertFalse(scientific.contains("[-0") || scientific.contains(" -0"), scientific)
        XCTAssertEqual(text(Tensor(shape: [2], scalars: [-0.0, 0.25])), "[0, 0.25]")
        XCTAssertEqual(Printer.literal(number: -0.0), "-0")
        XCTAssertEqual(Printer.literal(number: 0.1), "0.1")
        XCTAssertEqual(JSONPrinter.format(.scalar(-0.0)), "-0")
    }

    func testPrecisionOneAndSeventeen() {
        XCTAssertEqual(number(0.659, 1), "0.7")
        XCTAssertEqual(number(12345.678, 1), "1e+04")
        XCTAssertEqual(number(0.1, 17), "0.1")
        XCTAssertEqual(number(0.1 + 0.2, 17), "0.30000000000000004")
        XCTAssertEqual(number(.pi, 17), "3.141592653589793")
        XCTAssertEqual(number(.pi, 0), "3")
        XCTAssertEqual(number(.pi, 99), "3.141592653589793")
    }

    func testPrecisionSeventeenReadsBackExactly() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let x = Double(bitPattern: generator.next())
            guard x.isFinite else { continue }
            let printed = number(x, 17)
            XCTAssertEqual(Double(printed)?.bitPattern, x.bitPattern, printed)
        }
    }

    // MARK: - Vectors

    func testVectors() {
        XCTAssertEqual(text(Tensor(vector: [0.6590011388859679, 0.24243, 0.0985659])), "[0.659, 0.2424, 0.09857]")
        XCTAssertEqual(text(Tensor(vector: [])), "[]")
        XCTAssertEqual(text(Tensor(vector: [1, -2, .infinity, .nan])), "[1, -2, Inf, NaN]")
        let twenty = Tensor(vector: (1...20).map(Double.init))
        XCTAssertEqual(text(twenty), "[" + (1...20).map(String.init).joined(separator: ", ") + "]")
    }

    func testLongVectorIsElidedWithItsShape() {
        let long = Tensor(vector: (1...1000).map { Double($0) / 10 })
        XCTAssertEqual(text(long), "[0.1, 0.2, 0.3, 0.4, 0.5, …, 99.6, 99.7, 99.8, 99.9, 100]  (vector of 1000)")
        XCTAssertEqual(text(long, ascii: true), "[0.1, 0.2, 0.3, 0.4, 0.5, ..., 99.6, 99.7, 99.8, 99.9, 100]  (vector of 1000)")
        let narrow = text(long, width: 40)
        XCTAssertLessThanOrEqual(narrow.count, 40)
        XCTAssertEqual(narrow, "[0.1, …, 100]  (vector of 1000)")
        let twenty = text(Tensor(vector: (1...20).map(Double.init)), width: 40)
        XCTAssertEqual(twenty, "[1, 2, 3, …, 18, 19, 20]  (vector of 20)")
    }

    func testVectorAtPrecisionSeventeenPastesBackExactly() throws {
        let xs = [0.1, 1.0 / 3, -2e-300, 6.02214076e23, .infinity, 12345]
        XCTAssertEqual(try readBack(text(Tensor(vector: xs), precision: 17)), xs)
    }

    // MARK: - Matrices

    func testMatrixAlignsDecimalPoints() {
        let jacobian = matrix([[0.22471, -0.15982, -0.064952], [-0.15982, 0.18357, -0.023893], [-0.064952, -0.023893, 0.08886]])
        XCTAssertEqual(text(jacobian), """
            [[ 0.2247, -0.1598, -0.0650],
             [-0.1598,  0.1836, -0.0239],
             [-0.0650, -0.0239,  0.0889]]
            """)
        XCTAssertEqual(text(matrix([[1.5, 2.25], [3, 4]])), "[[1.50, 2.25],\n [3.00, 4.00]]")
        XCTAssertEqual(text(matrix([[0.5, 0], [0, 0.25]])), "[[0.50, 0.00],\n [0.00, 0.25]]")
        XCTAssertEqual(text(matrix([[1.5, .infinity], [.nan, -2]])), "[[1.5,  Inf],\n [NaN, -2.0]]")
    }

    func testIntegerMatrices() {
        XCTAssertEqual(text(matrix([[1, 0], [0, 1]])), "[[1, 0],\n [0, 1]]")
        XCTAssertEqual(text(matrix([[1, -2], [30, 4]])), "[[ 1, -2],\n [30,  4]]")
        XCTAssertEqual(text(matrix([[-0.0, 1]])), "[[0, 1]]")
        XCTAssertEqual(text(Tensor(rows: 0, columns: 3, scalars: [])), "[]  (0×3 matrix)")
    }

    func testMatrixFormatChoice() {
        XCTAssertEqual(CommonFormat(choosingFor: [0.2247, -0.065], precision: 4), .fixed(decimals: 4))
        XCTAssertEqual(CommonFormat(choosingFor: [1, 2, -3], precision: 4), .integer)
        XCTAssertEqual(CommonFormat(choosingFor: [123.4, 0.5], precision: 4), .fixed(decimals: 1))
        // 0.00001 would print as 0.0000 next to 0.25: scientific for all instead.
        XCTAssertEqual(CommonFormat(choosingFor: [0.25, 0.00001], precision: 4), .scientific(decimals: 3))
        XCTAssertEqual(CommonFormat(choosingFor: [12345.6, 1.5], precision: 4), .scientific(decimals: 3))
        XCTAssertEqual(CommonFormat(choosingFor: [1e-5, 2e-5], precision: 4), .scientific(decimals: 3))
        XCTAssertEqual(text(matrix([[0.25, 1e-7]])), "[[2.5e-01, 1.0e-07]]")
        XCTAssertEqual(text(matrix([[12345.6, 1.5]])), "[[1.235e+04, 1.500e+00]]")
        XCTAssertEqual(text(matrix([[0.25, 1e-7]]), precision: 1), "[[2e-01, 1e-07]]")
    }

    func testMatrixPastesBack() throws {
        let m = matrix([[0.5, -1.25, .infinity], [3, 0, -.infinity]])
        XCTAssertEqual(try readBack(text(m)), m.scalars)
    }

    func testBigMatrixIsElidedToFitTheWidth() {
        let big = Tensor(rows: 2000, columns: 2000, scalars: (0..<4_000_000).map { Double($0 % 1000) / 7 })
        for width in [80, 40] {
            let lines = text(big, width: width).split(separator: "\n")
            XCTAssertEqual(lines.count, 11)
            XCTAssertEqual(lines[5], " ⋮")
            XCTAssertTrue(lines[0].hasPrefix("[["))
            XCTAssertTrue(lines[0].contains(", …, "))
            XCTAssertTrue(lines[10].hasSuffix("]]  (2000×2000 matrix)"))
            for line in lines { XCTAssertLessThanOrEqual(line.count, width, String(line)) }
            // Columns stay aligned across rows.
            XCTAssertEqual(Set(lines.filter { $0.hasSuffix("],") }.map(\.count)).count, 1)
        }
        let ascii = text(big, ascii: true, width: 40).split(separator: "\n")
        XCTAssertEqual(ascii[5], " ...")
        XCTAssertTrue(ascii[0].contains(", ..., "))
        XCTAssertTrue(ascii[10].hasSuffix("(2000x2000 matrix)"))
    }

    func testHiddenElementsDoNotChooseTheFormat() {
        var scalars = Array(repeating: 0.5, count: 10_000)
        scalars[50 * 100 + 50] = 1e-9
        let lines = text(Tensor(rows: 100, columns: 100, scalars: scalars)).split(separator: "\n")
        XCTAssertEqual(lines[0], "[[0.5, 0.5, 0.5, 0.5, 0.5, …, 0.5, 0.5, 0.5, 0.5, 0.5],")
    }

    func testTallAndWideMatrices() {
        let tall = text(Tensor(rows: 30, columns: 2, scalars: (0..<60).map(Double.init))).split(separator: "\n")
        XCTAssertEqual(tall.count, 11)
        XCTAssertEqual(tall[0], "[[ 0,  1],")
        XCTAssertEqual(tall[10], " [58, 59]]  (30×2 matrix)")
        let wide = text(Tensor(rows: 2, columns: 40, scalars: (0..<80).map(Double.init)), width: 40).split(separator: "\n")
        XCTAssertEqual(wide, ["[[ 0,  1, …, 38, 39],", " [40, 41, …, 78, 79]]  (2×40 matrix)"])
    }

    // MARK: - Other values

    func testFunctionsListsAndPictures() {
        let body = Expr.number(0, range: SourceRange(0, 1))
        let named = Closure(name: "f", parameters: ["z"], body: body, captured: [:], source: "z^2")
        let anonymous = Closure(name: nil, parameters: ["z"], body: body, captured: [:], source: "z^2")
        let pair = Closure(name: nil, parameters: ["a", "b"], body: body, captured: [:], source: "a*b")
        let softmax = Builtin("softmax", ["softmax(z)", "softmax(z, T)"], "probabilities", example: "softmax([1, 2])",
                              category: .softmax, arity: 1...2, kernel: { _ in .scalar(0) })
        let options = PrintOptions()
        XCTAssertEqual(Printer.format(.function(.closure(named)), options: options), "f(z) = z^2")
        XCTAssertEqual(Printer.format(.function(.closure(anonymous)), options: options), "z -> z^2")
        XCTAssertEqual(Printer.format(.function(.closure(pair)), options: options), "(a, b) -> a*b")
        XCTAssertEqual(Printer.format(.function(.builtin(softmax)), options: options), "softmax (builtin): softmax(z)")
        XCTAssertEqual(Printer.format(.list([.function(.builtin(softmax)), .function(.closure(anonymous))]), options: options),
                       "[softmax, z -> z^2]")
        XCTAssertEqual(Printer.format(.picture(Picture(lines: ["▁▃█", "abc"])), options: options), "▁▃█\nabc")
    }

    // MARK: - JSON

    func testJSONShapes() {
        XCTAssertEqual(JSONPrinter.format(.scalar(0.1)), "0.1")
        XCTAssertEqual(JSONPrinter.format(.scalar(3)), "3")
        XCTAssertEqual(JSONPrinter.format(.scalar(1e-5)), "1e-05")
        XCTAssertEqual(JSONPrinter.format(.vector([])), "[]")
        XCTAssertEqual(JSONPrinter.format(.vector([1, 2.5])), "[1, 2.5]")
        XCTAssertEqual(JSONPrinter.format(.tensor(matrix([[1, 2], [3, 4]]))), "[[1, 2], [3, 4]]")
        XCTAssertEqual(JSONPrinter.format(.tensor(Tensor(rows: 2, columns: 0, scalars: []))), "[[], []]")
        XCTAssertEqual(JSONPrinter.format(.vector([.infinity, -.infinity, .nan])), "[null, null, null]")
    }

    func testJSONNumbersAreExact() {
        var generator = SystemRandomNumberGenerator()
        var xs = [0.1, -0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 1e16, 1.0 / 3]
        xs += (0..<2000).map { _ in Double(bitPattern: generator.next()) }.filter(\.isFinite)
        let printed = JSONPrinter.format(.vector(xs))
        let parsed = printed.dropFirst().dropLast().split(separator: ",").map { Double($0.trimmingPrefix(" ")) }
        XCTAssertEqual(parsed.count, xs.count)
        for (x, y) in zip(xs, parsed) { XCTAssertEqual(y?.bitPattern, x.bitPattern, "\(x)") }
    }

    func testJSONOfFunctionsAndPicturesIsAString() {
        let body = Expr.number(0, range: SourceRange(0, 1))
        let closure = Closure(name: "f", parameters: ["z"], body: body, captured: [:], source: "\"z\"\\2")
        XCTAssertEqual(JSONPrinter.format(.function(.closure(closure))), #""f(z) = \"z\"\\2""#)
        XCTAssertEqual(JSONPrinter.format(.picture(Picture(lines: ["a\tb", "c\u{1}"]))), #""a\tb\nc\u0001""#)
        XCTAssertEqual(JSONPrinter.format(.list([.scalar(1), .picture(Picture(lines: ["x"]))])), #"[1, "x"]"#)
    }
}
