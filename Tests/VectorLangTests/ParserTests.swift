import XCTest
@testable import VectorLang

final class ParserTests: XCTestCase {
    private func expr(_ text: String) throws -> Expr {
        try Parser.parseExpression(text)
    }

    private func diagnostic(_ text: String) -> Diagnostic? {
        do {
            _ = try Parser.parse(text)
            return nil
        } catch {
            return error
        }
    }

    /// A compact rendering of the tree, to compare shapes of parses.
    private func sexp(_ e: Expr) -> String {
        switch e {
        case .number(let x, _): return x == x.rounded() ? String(Int(x)) : String(x)
        case .variable(let n, _): return n
        case .array(let items, _): return "[" + items.map(sexp).joined(separator: " ") + "]"
        case .unary(let op, let a, _): return "(\(op.rawValue) \(sexp(a)))"
        case .binary(let op, let a, let b, _, _): return "(\(op.rawValue) \(sexp(a)) \(sexp(b)))"
        case .call(let f, let args, _): return "(call \(sexp(f))" + args.map { " " + sexp($0) }.joined() + ")"
        case .index(let base, let subs, _):
            let parts = subs.map { sub -> String in
                switch sub {
                case .single(let e): return sexp(e)
                case .all: return ":"
                case .range(let a, let b, _): return "\(a.map(sexp) ?? ""):\(b.map(sexp) ?? "")"
                }
            }
            return "(index \(sexp(base)) \(parts.joined(separator: " ")))"
        case .transpose(let a, _): return "(' \(sexp(a)))"
        case .lambda(let ps, let body, _): return "(-> (\(ps.joined(separator: " "))) \(sexp(body)))"
        }
    }

    func testPrecedence() throws {
        XCTAssertEqual(sexp(try expr("1 + 2 * 3")), "(+ 1 (* 2 3))")
        XCTAssertEqual(sexp(try expr("-2^2")), "(- (^ 2 2))")
        XCTAssertEqual(sexp(try expr("2^3^2")), "(^ 2 (^ 3 2))")
        XCTAssertEqual(sexp(try expr("2^-1")), "(^ 2 (- 1))")
        XCTAssertEqual(sexp(try expr("a - b - c")), "(- (- a b) c)")
        XCTAssertEqual(sexp(try expr("A @ x + b")), "(+ (@ A x) b)")
        XCTAssertEqual(sexp(try expr("A' @ B'")), "(@ (' A) (' B))")
        XCTAssertEqual(sexp(try expr("x'^2")), "(^ (' x) 2)")
    }

    func testLiteralsCallsAndIndexing() throws {
        XCTAssertEqual(sexp(try expr("[[1, 2], [3, 4]]")), "[[1 2] [3 4]]")
        XCTAssertEqual(sexp(try expr("1e-3")), "0.001")
        XCTAssertEqual(sexp(try expr(".5")), "0.5")
        XCTAssertEqual(sexp(try expr("softmax(z, 2)")), "(call softmax z 2)")
        XCTAssertEqual(sexp(try expr("J[2, :]")), "(index J 2 :)")
        XCTAssertEqual(sexp(try expr("z[2:3]")), "(index z 2:3)")
        XCTAssertEqual(sexp(try expr("z[:end]")), "(index z :end)")
        XCTAssertEqual(sexp(try expr("f(x)(y)[1]")), "(index (call (call f x) y) 1)")
    }

    func testLambdas() throws {
        XCTAssertEqual(sexp(try expr("z -> z^2")), "(-> (z) (^ z 2))")
        XCTAssertEqual(sexp(try expr("(x, y) -> x * y")), "(-> (x y) (* x y))")
        XCTAssertEqual(sexp(try expr("grad(z -> sum(z), [1, 2])")), "(call grad (-> (z) (call sum z)) [1 2])")
        XCTAssertEqual(sexp(try expr("(x)")), "x")
    }

    func testStatements() throws {
        let statements = try Parser.parse("z = [2, 1, 0.1]; f(z) = -sum(z); f(z) # comment")
        XCTAssertEqual(statements.count, 3)
        guard case .assignment(let name, _, _) = statements[0] else { return XCTFail("expected an assignment") }
        XCTAssertEqual(name, "z")
        guard case .definition(let f, let parameters, _, _) = statements[1] else { return XCTFail("expected a definition") }
        XCTAssertEqual(f, "f")
        XCTAssertEqual(parameters, ["z"])
        XCTAssertEqual(try Parser.parse("  # only a comment").count, 0)
        XCTAssertEqual(try Parser.parse(";;").count, 0)
    }

    func testRangesPointAtTheText() throws {
        guard case .binary(_, let lhs, let rhs, let op, let whole) = try expr("ab + cde") else { return XCTFail() }
        XCTAssertEqual(lhs.range, SourceRange(0, 2))
        XCTAssertEqual(rhs.range, SourceRange(5, 8))
        XCTAssertEqual(op, SourceRange(3, 4))
        XCTAssertEqual(whole, SourceRange(0, 8))
        // Offsets count Unicode scalars, so a caret lines up after Greek letters.
        guard case .binary(_, _, let r, _, _) = try expr("σ + x") else { return XCTFail() }
        XCTAssertEqual(r.range, SourceRange(4, 5))
    }

    func testErrorMessagesAndPositions() {
        let cases: [(String, String, SourceRange)] = [
            ("[1, 2", "unclosed '['", SourceRange(0, 1)),
            ("softmax(z", "unclosed '('", SourceRange(7, 8)),
            ("(1 + 2", "unclosed '('", SourceRange(0, 1)),
            ("[1, 2))", "unexpected ')'; expected ',' or ']'", SourceRange(5, 6)),
            ("1 + 2)", "unmatched ')'", SourceRange(5, 6)),
            ("1.2.3", "malformed number", SourceRange(0, 5)),
            ("1e", "malformed number: the exponent has no digits", SourceRange(0, 2)),
            ("2x", "malformed number", SourceRange(0, 2)),
            ("1 +", "unexpected end of input", SourceRange(3, 4)),
            ("* 2", "unexpected '*'", SourceRange(0, 1)),
            ("[1, 2,]", "expected a value after ','", SourceRange(6, 7)),
            ("z[]", "empty index", SourceRange(1, 3)),
            ("2 3", "expected an operator before this", SourceRange(2, 3)),
            ("x $ y", "unexpected character '$'", SourceRange(2, 3)),
            ("1 = 2", "cannot assign to this", SourceRange(0, 1)),
            ("f(1) = 2", "a function's parameters must be plain names", SourceRange(2, 3)),
            ("f(x, x) = x", "parameter 'x' appears twice", SourceRange(5, 6)),
            ("{1, 2}", "braces are not used for values", SourceRange(0, 1)),
        ]
        for (text, message, range) in cases {
            guard let d = diagnostic(text) else {
                XCTFail("\(text) parsed without error")
                continue
            }
            XCTAssertTrue(d.message.hasPrefix(message), "\(text): got '\(d.message)'")
            XCTAssertEqual(d.range, range, "\(text): \(d.message)")
        }
        XCTAssertEqual(diagnostic("2x")?.suggestion, "write the multiplication: 2*x, not 2x")
    }

    func testDeepNestingIsRefusedNotACrash() {
        let deep = String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000)
        XCTAssertTrue(diagnostic(deep)?.message.contains("nested too deeply") ?? false)
        let deepMinus = String(repeating: "-", count: 100_000) + "1"
        XCTAssertTrue(diagnostic(deepMinus)?.message.contains("nested too deeply") ?? false)
        let deepArrays = String(repeating: "[", count: 100_000)
        XCTAssertNotNil(diagnostic(deepArrays))
        let deepPower = Array(repeating: "2", count: 50_000).joined(separator: "^")
        XCTAssertTrue(diagnostic(deepPower)?.message.contains("nested too deeply") ?? false)
    }

    func testRenderedDiagnosticHasACaretUnderTheRange() {
        let d = Diagnostic("unknown name 'softmx'", at: SourceRange(4, 10), suggestion: "did you mean softmax?")
        XCTAssertEqual(d.rendered(source: "p = softmx(z)"), """
            error: unknown name 'softmx'
              p = softmx(z)
                  ^^^^^^
              help: did you mean softmax?
            """)
        let multi = Diagnostic("x", at: SourceRange(8, 9))
        XCTAssertEqual(multi.location(in: "[1, 2,\n 3, q]").line, 2)
        XCTAssertEqual(multi.location(in: "[1, 2,\n 3, q]").column, 2)
    }
}

/// Inputs as long as a careless paste: refused with a message, never a tree too deep to evaluate or free.
final class LongInputTests: XCTestCase {
    func testAHundredThousandOperatorsAreRefusedAndTheSessionGoesOn() {
        let session = Session()
        _ = session.submit("x = 1; z = [1]")
        for line in [Array(repeating: "1", count: 100_000).joined(separator: "+"), "x" + String(repeating: "'", count: 100_000),
                     "z" + String(repeating: "[1]", count: 100_000)] {
            guard case .error(let d, _)? = session.submit(line).first else { return XCTFail("accepted: \(line.prefix(20))…") }
            XCTAssertTrue(d.message.hasPrefix("expression too long"), d.message)
        }
        XCTAssertEqual(session.submit("1 + 1").first, .result("2"))
        let sum = Array(repeating: "1", count: 10_000).joined(separator: "+")
        XCTAssertEqual(session.submit(sum).first, .result("10000"), "ten thousand terms are still fine")
    }
}

/// An error about a huge input stays a few lines: the source shown as a window around the caret, and a
/// message quoting a megabyte-long name clipped.
final class LongErrorTests: XCTestCase {
    func testAMegabyteNameGivesAShortErrorWithTheCaretInTheWindow() {
        let name = String(repeating: "a", count: 1_000_000)
        let session = Session()
        guard case .error(let d, let source)? = session.submit(name).first else { return XCTFail("accepted") }
        let text = d.rendered(source: source)
        XCTAssertLessThan(text.utf8.count, 2_000)
        let line = "x = 1; " + String(repeating: "1+", count: 100) + "foo(1) + 2"
        guard case .error(let e, let s)? = session.submit(line).first else { return XCTFail("accepted") }
        let lines = e.rendered(source: s).split(separator: "\n").map(String.init)
        XCTAssertTrue(lines[1].hasPrefix("  …"), lines[1])
        let caret = lines[2].firstIndex(of: "^").map { lines[2].distance(from: lines[2].startIndex, to: $0) } ?? -1
        XCTAssertEqual(String(Array(lines[1])[caret..<(caret + 3)]), "foo", "the caret is under foo")
    }
}

/// numjacobian knows its size after one column, and refuses a result over the limit then, not after
/// building it: 2,000 columns of 4,000,000 differences would take minutes and 64 GB; one takes a moment.
final class NumericJacobianSizeTests: XCTestCase {
    func testAnOversizedJacobianIsRefusedAfterOneColumn() {
        let session = Session()
        guard case .error(let d, _)? = session.submit("numjacobian(z -> outer(z, z), ones(2000))").first else { return XCTFail("accepted") }
        XCTAssertTrue(d.message.hasPrefix("result too large"), d.message)
        XCTAssertEqual(session.submit("1 + 1").first, .result("2"))
    }
}
