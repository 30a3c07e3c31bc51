import XCTest
import VectorLang
@testable import Shell

/// The session's meta-commands beyond what the transcripts show: exact round trips, extension, limits.
final class ShellSessionTests: ShellTestCase {
    private func tensor(_ shell: ShellSession, _ name: String) throws -> Tensor {
        try XCTUnwrap(shell.session.environment[name]?.tensor, name)
    }

    func testSaveAndLoadRestoreEveryBit() throws {
        let a = shell()
        _ = a.submit("seed(3); z = randn(7) * 1e-3; W = randn(4, 3) * 1e200; s = -0; t = [1/3, inf, -inf, nan]")
        let path = directory.appendingPathComponent("s.jac").path
        XCTAssertEqual(a.submit(":save \(path)"), [.info("saved 4 names to \(path)")])
        let b = shell()
        XCTAssertEqual(b.submit(":load \(path)"), [.info("loaded 4 names from \(path)")], "as many as were saved (before: 5 inputs, the comment line among them)")
        for name in ["z", "W", "s", "t"] {
            let (x, y) = (try tensor(a, name), try tensor(b, name))
            XCTAssertEqual(x.shape, y.shape, name)
            XCTAssertEqual(x.scalars.map(\.bitPattern), y.scalars.map(\.bitPattern), name)
        }
    }

    /// :save and :load count the same thing, names, whatever else the file holds (comment, :precision, blank lines).
    func testSaveAndLoadCountTheSameNames() throws {
        let a = shell()
        _ = a.submit(":precision 6")
        _ = a.submit("e = 2; f(x) = x * e; p := f(3); z = [1, 2]; z = [3]")
        _ = a.submit("z")
        let path = directory.appendingPathComponent("same.jac").path
        XCTAssertEqual(a.submit(":save \(path)"), [.info("saved 4 names to \(path)")])
        let b = shell()
        XCTAssertEqual(b.submit(":load \(path)"), [.info("loaded 4 names from \(path)")])
        XCTAssertEqual(b.submit("p"), [.result("6")])
        XCTAssertEqual(b.submit(":load \(path)"), [.info("loaded 4 names from \(path)")], "names bound again count too")
    }

    func testSavedScriptsRunWithTheCommandLineToo() throws {
        let a = shell()
        _ = a.submit(":precision 7")
        _ = a.submit("f(x) = x^2 + 1")
        let path = directory.appendingPathComponent("p.jac").path
        _ = a.submit(":save \(path)")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertEqual(text, "# Jacobi session, written by :save; restore it with :load FILE\n:precision 7\nf(x) = x^2 + 1\n")
        let inputs = Script.inputs(text.split(separator: "\n").map(String.init))
        XCTAssertEqual(inputs.map(\.text), ["# Jacobi session, written by :save; restore it with :load FILE", ":precision 7", "f(x) = x^2 + 1"])
    }

    func testALoadThatLoadsItselfStops() throws {
        let path = directory.appendingPathComponent("loop.jac").path
        try ":load \(path)\n".write(toFile: path, atomically: true, encoding: .utf8)
        let outputs = shell().submit(":load \(path)")
        guard case .error(let diagnostic, _, let prefix)? = outputs.first else { return XCTFail("\(outputs)") }
        XCTAssertEqual(diagnostic.message, "files load each other more than 8 deep")
        XCTAssertEqual(prefix, String(repeating: "", count: 0) + "\(path):1:7: ")
    }

    func testLoadReportsErrorsWithTheirLines() throws {
        let path = directory.appendingPathComponent("bad.jac").path
        try "a = 1\nM = [[1, 2],\n     [3, 4]]\nb = a +\nc = nosuch\n".write(toFile: path, atomically: true, encoding: .utf8)
        let s = shell()
        let outputs = s.submit(":load \(path)")
        let prefixes = outputs.compactMap { output -> String? in
            if case .error(_, _, let prefix) = output { return prefix }
            return nil
        }
        XCTAssertEqual(prefixes, ["\(path):4:8: ", "\(path):5:5: "])
        XCTAssertEqual(outputs.last, .info("loaded 2 names from \(path), 2 inputs failed"))
        XCTAssertNotNil(s.session.environment["M"])
    }

    func testLaterIssuesCanRegisterCommands() {
        let s = shell()
        s.register(MetaCommand("derive", usage: ":derive NAME", "Derives a function step by step.", group: .derivations,
                               argument: .names { $0.derivationNames() }) { _, call in [.info("deriving \(call.argument)")] })
        XCTAssertEqual(s.submit(":derive softmax"), [.info("deriving softmax")])
        guard case .help(let overview)? = s.submit(":help").first else { return XCTFail() }
        // In its group, after :check, which the shell registers beside the built-in :derive it replaces.
        let group = overview.components(separatedBy: "Commands: derivations\n").last ?? ""
        XCTAssertTrue(overview.contains("Commands: derivations\n") && group.contains("\n  :derive NAME"), overview)
        guard case .help(let topic)? = s.submit(":help :derive").first else { return XCTFail() }
        XCTAssertTrue(topic.hasPrefix(":derive NAME\n  Derives a function step by step."), topic)
    }

    func testTimeMeasuresWithTheStopwatch() {
        let s = shell()
        var ran = false
        s.stopwatch = { work in work(); ran = true; return .milliseconds(42) }
        XCTAssertEqual(s.submit(":time 1 + 1"), [.result("2"), .info("time: 42 ms")])
        XCTAssertTrue(ran)
    }

    func testTimeFormat() {
        XCTAssertEqual(TimeFormat.string(.nanoseconds(850), ascii: false), "850 ns")
        XCTAssertEqual(TimeFormat.string(.nanoseconds(12_400), ascii: false), "12.4 µs")
        XCTAssertEqual(TimeFormat.string(.nanoseconds(12_400), ascii: true), "12.4 us")
        XCTAssertEqual(TimeFormat.string(.microseconds(3070), ascii: false), "3.07 ms")
        XCTAssertEqual(TimeFormat.string(.milliseconds(1520), ascii: false), "1.52 s")
    }

    func testHelpFitsTheWidth() {
        let s = shell()
        for width in [40, 60, 100] {
            s.width = width
            guard case .help(let text)? = s.submit(":help").first else { return XCTFail() }
            for line in text.split(separator: "\n") where line.contains(" ") && line.hasPrefix("  ") {
                // A line is longer only when a single word is.
                XCTAssertTrue(line.count <= width || !line.dropFirst(HelpText.column + 4).contains(" "), "\(width): \(line)")
            }
        }
    }

    func testEveryBuiltinAndCommandHasHelp() {
        let s = shell()
        for name in Builtins.all.map(\.name) + s.commands.map({ ":" + $0.name }) {
            guard case .help? = s.submit(":help \(name)").first else { return XCTFail(name) }
        }
    }
}

/// How values become script text for `:save`.
final class SessionScriptTests: XCTestCase {
    func testAClosureThatCapturedValuesIsRebuiltByACall() throws {
        let body = try Parser.parseExpression("a * x")
        let closure = Closure(name: nil, parameters: ["x"], body: body, captured: ["a": .scalar(2)], source: "a * x")
        XCTAssertEqual(SessionScript.statement("double", .function(.closure(closure))), "double = (a -> x -> a * x)(2)")
        let exp = try XCTUnwrap(Builtins.named["exp"])
        let two = Closure(name: nil, parameters: ["x", "y"], body: body, captured: ["a": .vector([1, 2]), "b": .function(.builtin(exp))], source: "a * x")
        XCTAssertEqual(SessionScript.expression(.function(.closure(two))), "((a, b) -> (x, y) -> a * x)([1, 2], exp)")
    }

    func testLiterals() {
        XCTAssertEqual(SessionScript.literal(Tensor(0.1)), "0.1")
        XCTAssertEqual(SessionScript.literal(Tensor(1.0 / 3)), "0.3333333333333333")
        XCTAssertEqual(SessionScript.literal(Tensor(vector: [])), "[]")
        XCTAssertEqual(SessionScript.literal(Tensor(rows: 2, columns: 0, scalars: [])), "zeros(2, 0)")
        XCTAssertEqual(SessionScript.literal(Tensor(rows: 2, columns: 2, scalars: [1, -2, 3e-300, .infinity])), "[[1, -2], [3e-300, Inf]]")
    }

    func testAShellReadsBackWhatItWrote() throws {
        let shell = ShellSession(options: ShellOptions(color: false))
        let line = try XCTUnwrap(SessionScript.statement("double", .function(.closure(Closure(
            name: nil, parameters: ["x"], body: try Parser.parseExpression("a * x"), captured: ["a": .scalar(2)], source: "a * x")))))
        _ = shell.submit(line)
        XCTAssertEqual(shell.submit("double(21)"), [.result("42")])
    }
}

/// A script with a bracket left open reads each line once, however many follow.
final class ScriptGroupingTests: XCTestCase {
    func testAnUnclosedBracketBeforeManyLinesIsGroupedInOnePass() {
        let lines = ["z = ["] + Array(repeating: "1,", count: 50_000) + ["1]", "sum(z)"]
        let inputs = Script.inputs(lines)
        XCTAssertEqual(inputs.count, 2)
        XCTAssertEqual(inputs.last, Script.Input(text: "sum(z)", firstLine: 50_003))
        let unclosed = Script.inputs(["z = ["] + Array(repeating: "1,", count: 50_000))
        XCTAssertEqual(unclosed.count, 1, "the rest of the file is one input, reported once")
        XCTAssertEqual(Script.inputs(["a = (1", "+ 2)", ")", "x = 1"]).map(\.text), ["a = (1\n+ 2)", ")", "x = 1"])
    }
}

