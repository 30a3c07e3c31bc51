import XCTest
@testable import VectorLang

/// `p := softmax(z)` as tokens and statements, and the neighbours of `:=` that must read as before.
final class DefinitionSyntaxTests: XCTestCase {
    private func kinds(_ text: String) throws -> [Token.Kind] {
        try Lexer.tokenize(text).map(\.kind)
    }

    private func diagnostic(_ text: String) -> Diagnostic? {
        do {
            _ = try Parser.parse(text)
            return nil
        } catch {
            return error
        }
    }

    func testColonEqualsIsOneToken() throws {
        XCTAssertEqual(try kinds("p := q"), [.identifier("p"), .define, .identifier("q"), .end])
        XCTAssertEqual(try kinds("p:=q"), [.identifier("p"), .define, .identifier("q"), .end])
        XCTAssertEqual(try kinds("p ≔ q"), [.identifier("p"), .define, .identifier("q"), .end])
        XCTAssertEqual(try Lexer.tokenize("ab := c")[1].range, SourceRange(3, 5))
        // A colon and an equals sign apart are still two tokens.
        XCTAssertEqual(try kinds(": ="), [.colon, .equals, .end])
        XCTAssertEqual(Token.Kind.define.spelling, ":=")
    }

    func testRangesAndOtherColonsLexAsBefore() throws {
        XCTAssertEqual(try kinds("x[1:2]"), [.identifier("x"), .leftBracket, .number(1), .colon, .number(2), .rightBracket, .end])
        XCTAssertEqual(try kinds("x[:]"), [.identifier("x"), .leftBracket, .colon, .rightBracket, .end])
        XCTAssertEqual(try kinds("x[2:]"), [.identifier("x"), .leftBracket, .number(2), .colon, .rightBracket, .end])
        XCTAssertEqual(try kinds(":help"), [.colon, .identifier("help"), .end])
        XCTAssertEqual(try kinds("a == b"), [.identifier("a"), .equals, .equals, .identifier("b"), .end])
        guard case .index(_, let subscripts, _) = try Parser.parseExpression("A[1:2, :]"),
              case .range = subscripts[0], case .all = subscripts[1] else { return XCTFail("A[1:2, :] is not a range and a colon") }
    }

    func testADefinitionIsItsOwnStatement() throws {
        let statements = try Parser.parse("z = [1, 2]; p := softmax(z); p")
        XCTAssertEqual(statements.count, 3)
        guard case .lazyDefinition(let name, let body, let range) = statements[1] else { return XCTFail("\(statements[1])") }
        XCTAssertEqual(name, "p")
        XCTAssertEqual(range, SourceRange(12, 27))
        XCTAssertEqual(body.range, SourceRange(17, 27))
        guard case .call(.variable("softmax", _), let arguments, _) = body, arguments.count == 1 else { return XCTFail("\(body)") }
        guard case .assignment = statements[0], case .expression = statements[2] else { return XCTFail("\(statements)") }
    }

    func testTheBodyMayBeAnyExpression() throws {
        for text in ["q := z -> z^2", "q := exp(z_i) / sum_k(exp(z_k))", "q := [p, 1 - p]", "q := (p)", "(q) := 1"] {
            guard case .lazyDefinition? = try Parser.parse(text).first else { return XCTFail(text) }
        }
    }

    func testOnlyANameCanBeDefined() throws {
        let cases: [(String, SourceRange, String)] = [
            ("f(x) := x^2", SourceRange(0, 4), "to define a function, use '=': f(x) = …"),
            ("g(a, b) := a", SourceRange(0, 7), "to define a function, use '=': g(a, b) = …"),
            ("1 := 2", SourceRange(0, 1), "write a name on the left, as in p := softmax(z)"),
            ("z[1] := 2", SourceRange(0, 4), "write a name on the left, as in p := softmax(z)"),
            ("a + b := c", SourceRange(0, 5), "write a name on the left, as in p := softmax(z)"),
        ]
        for (text, range, suggestion) in cases {
            let d = try XCTUnwrap(diagnostic(text), text)
            XCTAssertEqual(d.message, "only a name can be defined with ':='", text)
            XCTAssertEqual(d.range, range, text)
            XCTAssertEqual(d.suggestion, suggestion, text)
            XCTAssertTrue(d.rendered(source: text).contains("\n  " + String(repeating: " ", count: range.start) + "^"), text)
        }
    }

    func testMisplacedDefinitionsAreErrors() throws {
        XCTAssertEqual(diagnostic("p := ")?.message, "unexpected end of input; expected a number, a name, '(' or '['")
        XCTAssertEqual(diagnostic(":= 2")?.message, "unexpected ':='; expected a number, a name, '(' or '['")
        XCTAssertEqual(diagnostic("p = q := 2")?.range, SourceRange(6, 8))
        XCTAssertEqual(diagnostic("p := q := 2")?.range, SourceRange(7, 9))
        XCTAssertEqual(diagnostic("x[1:=2]")?.range, SourceRange(3, 5))
    }
}
