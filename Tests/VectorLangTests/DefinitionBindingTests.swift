import XCTest
@testable import VectorLang

/// What `:=` binds and refuses: rebinding between values and definitions, reserved names, cycles, names
/// not bound yet, depth limits, and the API other layers call.
final class DefinitionBindingTests: XCTestCase {
    private var b = BuiltinCaller()
    private var environment: Environment { b.evaluator.environment }

    override func setUp() {
        b = BuiltinCaller()
    }

    private func error(_ line: String, file: StaticString = #filePath, line number: UInt = #line) -> Diagnostic {
        b.diagnostic(line, file: file, line: number)
    }

    private func numbers(_ line: String) throws -> [Double] {
        try XCTUnwrap(try b.run(line)?.numbers, line).scalars
    }

    private func kind(_ name: String) -> String {
        switch environment.binding(named: name) {
        case .value?: return "value"
        case .definition?: return "definition"
        case nil: return "unbound"
        }
    }

    func testAValueAndADefinitionReplaceEachOtherInPlace() throws {
        _ = try b.run("z = [1, 2]; p := 2 * z; q = 1")
        XCTAssertEqual(environment.names, ["z", "p", "q"])
        XCTAssertEqual(kind("p"), "definition")
        XCTAssertNil(environment["p"], "a definition is not a value")
        _ = try b.run("p = p + 1")
        XCTAssertEqual(kind("p"), "value")
        XCTAssertEqual(try numbers("z = [0, 0]; p"), [3, 5], "a value stays what it was")
        _ = try b.run("q := z + 1")
        XCTAssertEqual(kind("q"), "definition")
        XCTAssertEqual(try numbers("q"), [1, 1])
        XCTAssertEqual(environment.names, ["z", "p", "q", "ans"])
        _ = try b.run("f(x) = x; g := f")
        _ = try b.run("f(x) = 2 * x")
        XCTAssertEqual(try numbers("g(3)"), [6])
    }

    func testBuiltinAndReservedNamesCannotBeDefined() {
        for name in ["sum", "softmax", "pi", "ans", "end"] {
            let defined = error("\(name) := 1")
            let assigned = error("\(name) = 1")
            XCTAssertEqual(defined, assigned, name)
            XCTAssertEqual(defined.range, SourceRange(0, name.count), name)
            XCTAssertEqual(kind(name), "unbound")
        }
        XCTAssertEqual(error("ans := 3").message, "'ans' is reserved")
    }

    func testACycleIsRefusedWhereItCloses() throws {
        _ = try b.run("p := q + 1")
        let d = error("q := 2 * p")
        XCTAssertEqual(d.message, "circular definition: q would depend on itself")
        XCTAssertEqual(d.range, SourceRange(9, 10), "under the p that closes the cycle")
        XCTAssertEqual(d.note, "the cycle: q → p → q, where p := q + 1")
        XCTAssertEqual(kind("q"), "unbound", "nothing is bound when it fails")
        // With q a value, the same line would have replaced it: it must not.
        _ = try b.run("q = 5")
        _ = error("q := 2 * p")
        XCTAssertEqual(try numbers("q"), [5])
        XCTAssertEqual(try numbers("p"), [6])
    }

    func testASelfReferenceIsACycle() throws {
        _ = try b.run("p = 1")
        let d = error("p := p + 1")
        XCTAssertEqual(d.range, SourceRange(5, 6))
        XCTAssertEqual(d.note, "the cycle: p → p")
        XCTAssertEqual(d.suggestion, "to change p's value, assign it: p = p + 1")
        XCTAssertEqual(try numbers("p"), [1])
        XCTAssertEqual(error("r := [1, r_1]").note, "the cycle: r → r", "index notation refers to its base")
        XCTAssertEqual(error("r := x -> r(x)").note, "the cycle: r → r", "a lambda's body refers to it too")
    }

    func testTheShortestCycleIsNamed() throws {
        _ = try b.run("a := b + c; b := c * 2; c := d; x := 1")
        let d = error("d := x + a")
        XCTAssertEqual(d.range, SourceRange(9, 10))
        XCTAssertEqual(d.note, "the cycle: d → a → c → d, where a := b + c and c := d")
        XCTAssertEqual(d.suggestion, "define one of them without the others, or give one a value with '='")
    }

    func testWhatIsNotACycle() throws {
        // A lambda's parameter is not the definition of the same name; a value ends a chain.
        XCTAssertEqual(try numbers("p := (p -> p * 2)(3); p"), [6])
        _ = try b.run("u := v + 1; v = 1")
        XCTAssertEqual(try numbers("v := 2; w := u * 10; w"), [30])
        _ = try b.run("u = 7")
        XCTAssertNoThrow(try b.run("v := u"))
        XCTAssertEqual(try numbers("p := p2 + 1; p2 = 1; p"), [2])
    }

    func testANameNotBoundYetIsAnErrorAtTheUse() throws {
        guard case .definedLazily(let definition, let current) = try b.evaluator.execute(try Parser.parse("p := softmax(w)")[0], in: "p := softmax(w)") else {
            return XCTFail("not a definition")
        }
        XCTAssertEqual(definition.source, "softmax(w)")
        XCTAssertNil(current)
        let d = error("2 * p")
        XCTAssertEqual(d.message, "unknown name 'w'")
        XCTAssertEqual(d.range, SourceRange(4, 5), "at the use of p")
        XCTAssertEqual(d.note, "in p := softmax(w), at 'w'")
        XCTAssertEqual(error("p_1").range, SourceRange(0, 3))
        XCTAssertEqual(error("p_1").note, "in p := softmax(w), at 'w'")
        XCTAssertEqual(error("grad(z -> sum(p), [1, 2])").note, "in p := softmax(w), at 'w'")
        _ = try b.run("w = [0, 0]")
        XCTAssertEqual(try numbers("p"), [0.5, 0.5])
    }

    func testAnErrorInANestedDefinitionNamesTheInnermost() throws {
        _ = try b.run("a := 2 * b; b := [1, 2] + [1, 2, 3]")
        let d = error("a")
        XCTAssertEqual(d.range, SourceRange(0, 1))
        XCTAssertEqual(d.note, "in b := [1, 2] + [1, 2, 3], at '[1, 2] + [1, 2, 3]'; elementwise, two vectors need the same length")
    }

    func testDefinitionsHundredsDeepStopWithAMessage() throws {
        _ = try b.run("z = 1; d0 := z")
        for i in 1...500 { _ = try b.run("d\(i) := d\(i - 1) + 1") }
        XCTAssertEqual(try numbers("d50"), [51])
        let d = error("d500")
        XCTAssertTrue(d.message.hasPrefix("too deeply nested to evaluate"), d.message)
        XCTAssertEqual(d.range, SourceRange(0, 4))
        // Each definition deep in an expression deep in a definition: the reading of index notation counts too.
        let nest = { (s: String) in String(repeating: "-(", count: 60) + s + String(repeating: ")", count: 60) }
        _ = try b.run("e0 := [1, 2]")
        for i in 1...60 { _ = try b.run("e\(i) := [\(nest("e\(i - 1)_1")), 0]") }
        XCTAssertTrue(error("e60").message.hasPrefix("too deeply nested to evaluate"))
    }

    func testCyclesThroughFunctionsOrMadeDirectlyAreBounded() throws {
        _ = try b.run("f(x) = p + x; p := f(1)")
        XCTAssertEqual(error("p").message, "too many nested calls (more than 64)")
        XCTAssertEqual(error("f(2)").message, "too many nested calls (more than 64)")
        // The environment's own API does not check cycles; evaluation is still bounded.
        environment.define("s", as: try Parser.parseExpression("t + 1"), source: "t + 1")
        environment.define("t", as: try Parser.parseExpression("s * 2"), source: "s * 2")
        XCTAssertTrue(error("s").message.hasPrefix("too deeply nested to evaluate"))
    }

    func testTheEnvironmentAPI() throws {
        let session = Session()
        _ = session.submit("p := softmax(z)")
        let definition = try XCTUnwrap(session.environment.definition(named: "p"))
        XCTAssertEqual(definition.name, "p")
        XCTAssertEqual(definition.source, "softmax(z)")
        XCTAssertEqual(definition.line, "p := softmax(z)")
        guard case .call(.variable("softmax", _), _, _) = definition.body else { return XCTFail("\(definition.body)") }
        XCTAssertNil(session.environment.definition(named: "z"))
        XCTAssertThrowsError(try session.evaluator.value(of: definition))
        _ = session.submit("z = [0, 0]")
        XCTAssertEqual(try session.evaluator.value(of: definition).numbers?.scalars, [0.5, 0.5])
        // A copy keeps definitions, and is independent.
        let copy = session.environment.copy()
        XCTAssertEqual(copy.definition(named: "p")?.source, "softmax(z)")
        _ = Session(environment: copy).submit("p = 1")
        XCTAssertEqual(session.environment.definition(named: "p")?.source, "softmax(z)")
        XCTAssertNil(copy.definition(named: "p"))
        // Defined directly, from its own text: the line defaults to the source.
        let direct = session.environment.define("q", as: try Parser.parseExpression("2 * p"), source: "2 * p")
        XCTAssertEqual(direct.line, "2 * p")
        XCTAssertEqual(session.submit("q"), [.result("[1, 1]")])
        XCTAssertTrue(session.environment.remove("q"))
        XCTAssertNil(session.environment.binding(named: "q"))
        session.environment.removeAll()
        XCTAssertNil(session.environment.definition(named: "p"))
        XCTAssertEqual(session.environment.names, [])
    }

    func testTheSessionEchoesADefinitionAndItsValue() {
        let session = Session()
        XCTAssertEqual(session.submit("p := softmax(w)"), [.result("p := softmax(w)")])
        XCTAssertEqual(session.submit("w = [0, 0]; p := 2 * softmax(w)  # doubled"), [.result("p := 2 * softmax(w)\n[1, 1]")])
        XCTAssertEqual(session.submit("p := softmax(w);"), [])
        let json = Session(json: true)
        XCTAssertEqual(json.submit("p := softmax(w)"), [])
        XCTAssertEqual(json.submit("w = [0, 0]"), [.result("[0, 0]")])
        XCTAssertEqual(json.submit("p := softmax(w)"), [.result("[0.5, 0.5]")])
        XCTAssertEqual(json.submit("p"), [.result("[0.5, 0.5]")])
    }
}
