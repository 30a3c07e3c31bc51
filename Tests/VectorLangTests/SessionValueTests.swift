import XCTest
@testable import VectorLang

/// What the prompt shows for values: zeros without a sign, `e`, functions as input, suggestions, gradcheck.
final class SessionValueTests: XCTestCase {
    private func shown(_ session: Session, _ line: String) -> [String] {
        session.submit(line).map { output in
            switch output {
            case .result(let text): return text
            case .note(let text): return "(note) " + text
            case .picture(let lines): return lines.map(\.plain).joined(separator: "\n")
            case .error(let diagnostic, _): return "(error) " + diagnostic.message + (diagnostic.suggestion.map { " / " + $0 } ?? "")
            }
        }
    }

    /// Before: `[-0, -3.333, -0]`.
    func testNegativeZeroIsShownAsZero() {
        let session = Session()
        XCTAssertEqual(shown(session, "z = -[0, 1, 0] * 3.333"), ["[0, -3.333, 0]"])
        XCTAssertEqual(shown(session, "-0"), ["0"])
        XCTAssertEqual(shown(session, "[[0, 1], [2, 0]] * -1.5"), ["[[ 0.0, -1.5],\n [-3.0,  0.0]]"])
        let json = Session(json: true)
        XCTAssertEqual(shown(json, "-[0, 1, 0] * 3.333"), ["[-0, -3.333, -0]"], "JSON keeps the sign of zero")
    }

    /// Before: `e` was an unknown name.
    func testEIsEulersNumber() {
        let session = Session()
        XCTAssertEqual(shown(session, "e"), ["2.718"])
        XCTAssertEqual(shown(session, "exp(1) - e"), ["0"])
        XCTAssertEqual(shown(session, "e^2"), ["7.389"])
        XCTAssertEqual(shown(session, "2*e"), ["5.437"])
        XCTAssertEqual(shown(session, "1e-3 + 2e5 + 1E3"), ["2.01e+05"])
        XCTAssertEqual(Builtins.constants["e"], exp(1.0))
        XCTAssertEqual(shown(session, "2e"), ["(error) malformed number: the exponent has no digits / write the exponent's digits, as in 1e3, or 2 * e for a multiple of Euler's number"])
    }

    /// Binding `e` hides the constant and says so once; `pi` stays a constant that cannot be bound.
    func testBindingEShadowsItWithOneNote() {
        let session = Session()
        XCTAssertEqual(shown(session, "e = 5"), ["5", "(note) note: e now names your value; exp(1) is Euler's number"])
        XCTAssertEqual(shown(session, "e * 2"), ["10"])
        XCTAssertEqual(shown(session, "e = 6"), ["6"], "the note is given once a session")
        XCTAssertEqual(shown(session, "exp(1)"), ["2.718"])
        XCTAssertEqual(shown(Session(), "e(x) = x + 1; e(1)"), ["2", "(note) note: e now names your value; exp(1) is Euler's number"])
        XCTAssertEqual(shown(Session(), "e := exp(1) + 1;"), ["(note) note: e now names your value; exp(1) is Euler's number"])
        XCTAssertEqual(shown(Session(), "pi = 3").first?.hasPrefix("(error) 'pi' is a builtin"), true)
        XCTAssertEqual(shown(Session(), "f(e) = e * 2; f(3)"), ["6"], "a parameter named e is no binding of the session")
    }

    /// Before: `f(x) = x * 2` echoed `f (function of x)`, unlike `g = z -> z * 2`.
    func testFunctionsEchoAsInput() {
        let session = Session()
        XCTAssertEqual(shown(session, "f(x) = x * 2"), ["f(x) = x * 2"])
        XCTAssertEqual(shown(session, "g = z -> z * 2"), ["g(z) = z * 2"])
        XCTAssertEqual(shown(session, "h(a, b) = a*b + 1"), ["h(a, b) = a*b + 1"])
        XCTAssertEqual(shown(Session(), "f(x) = x * 2; f(4)"), ["8"])
        XCTAssertEqual(shown(session, "f(x) = x * 2").first.map { (try? Parser.parse($0)) != nil }, true)
    }

    /// Before: after `:reset`, `z` suggested π (every one-letter name was "close" to every other).
    func testSuggestionsNeedSimilarity() {
        let session = Session()
        XCTAssertEqual(shown(session, "z"), ["(error) unknown name 'z'"])
        XCTAssertEqual(shown(session, "softmx(1)"), ["(error) unknown name 'softmx' / did you mean softmax?"])
        XCTAssertEqual(shown(session, "sigmiod(1)"), ["(error) unknown name 'sigmiod' / did you mean sigmoid?"])
        XCTAssertEqual(shown(session, "Z = 1; z"), ["(error) unknown name 'z' / did you mean Z?"])
        XCTAssertEqual(Suggestions.closest(to: "z", among: ["π", "x", "e"]), nil)
        XCTAssertEqual(Suggestions.closest(to: "zz", among: ["z", "π"]), "z")
        XCTAssertEqual(Suggestions.closest(to: "ab", among: ["ac"]), nil)
        XCTAssertEqual(Suggestions.similarity("softmx", "softmax"), 12.0 / 13, accuracy: 1e-12)
        XCTAssertEqual(Suggestions.closest(to: "exo", among: ["exp"]), "exp")
        XCTAssertEqual(Suggestions.closest(to: "softm", among: ["softmax", "sum"]), "softmax")
    }

    /// Before: "8 largest errors of 9" in index order, and the largest (at the last index) was missing.
    func testGradcheckListsTheLargestErrorsFirst() throws {
        let session = Session()
        let wrongAtLast = "gradcheck(z -> sum(z^2), [1, 2, 3, 4, 5, 6, 7, 8, 9], z -> 2*z + [0, 0, 0, 0, 0, 0, 0, 0.5, 1])"
        let lines = try XCTUnwrap(shown(session, wrongAtLast).first).split(separator: "\n").map(String.init)
        let rows = lines.dropFirst(2).prefix(8)
        XCTAssertEqual(rows.first?.hasPrefix("9 "), true, lines.joined(separator: "\n"))
        XCTAssertEqual(rows.dropFirst().first?.hasPrefix("8 "), true, lines.joined(separator: "\n"))
        XCTAssertEqual(rows.count, 8)
        XCTAssertTrue(lines.contains("(the 8 largest errors of 9 components, largest first)"), lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains { $0.hasPrefix("worst: component 9,") })
        let few = try XCTUnwrap(shown(session, "gradcheck(z -> sum(z^2), [1, 2, 3], z -> 2*z + [0, 0, 1])").first)
        XCTAssertEqual(few.split(separator: "\n").dropFirst(2).prefix(3).map { String($0.prefix(1)) }, ["1", "2", "3"],
                       "a complete table stays in order")
    }
}
