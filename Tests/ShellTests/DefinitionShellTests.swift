import XCTest
import VectorLang
@testable import Shell

/// Definitions (`p := softmax(z)`) in the shell: listed, saved, loaded, cleared, completed and explained.
final class DefinitionShellTests: ShellTestCase {
    private func help(_ outputs: [ShellSession.Output]) -> String {
        guard case .help(let text)? = outputs.first, outputs.count == 1 else {
            XCTFail("not one help text: \(outputs)")
            return ""
        }
        return text
    }

    func testVarsShowsADefinitionWithItsValueOrWhyItHasNone() {
        let s = shell()
        _ = s.submit("z = [2, 1, 0.1]; p := softmax(z); q := softmax(w)")
        XCTAssertEqual(help(s.submit(":vars")), """
              z  vector of 3  [2, 1, 0.1]
              p  vector of 3  p := softmax(z) = [0.659, 0.2424, 0.09857]
              q  definition   q := softmax(w)  (cannot evaluate now: unknown name 'w')
            """)
        _ = s.submit("z = [0, 0]")
        XCTAssertTrue(help(s.submit(":vars")).contains("  p  vector of 2  p := softmax(z) = [0.5, 0.5]"))
    }

    func testALongPreviewIsCutToTheWidth() {
        let s = shell()
        _ = s.submit("z = linspace(0, 1, 100); p := softmax(z * 100)")
        _ = s.submit("long := z" + String(repeating: " + 0 * z", count: 12))
        let lines = help(s.submit(":vars")).split(separator: "\n").map(String.init)
        // The value is elided as the printer elides it, in the room the definition leaves.
        XCTAssertEqual(lines[1], "  p     vector of 100  p := softmax(z * 100) = [2.365e-44, …, 0.6358]")
        // A definition longer than the line is cut, with an ellipsis.
        XCTAssertTrue(lines[2].hasPrefix("  long  vector of 100  long := z + 0 * z + 0 * z"), lines[2])
        XCTAssertTrue(lines[2].hasSuffix(" + 0 * …"), lines[2])
        XCTAssertEqual(lines[2].count, 80)
    }

    func testSaveWritesDefinitionsInTheUsersOrderAndLoadRestoresThem() throws {
        let a = shell()
        _ = a.submit("p := softmax(w)  # before w exists")
        _ = a.submit("w = [1, 2]")
        _ = a.submit("f(x) = x * p")
        _ = a.submit("s := sum(f(w))")
        let path = directory.appendingPathComponent("d.jac").path
        XCTAssertEqual(a.submit(":save \(path)"), [.info("saved 4 names to \(path)")])
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), """
            # Jacobi session, written by :save; restore it with :load FILE
            p := softmax(w)
            w = [1, 2]
            f(x) = x * p
            s := sum(f(w))

            """)
        let b = shell()
        XCTAssertEqual(b.submit(":load \(path)"), [.info("loaded 4 names from \(path)")])
        XCTAssertEqual(b.session.environment.names, ["p", "w", "f", "s"])
        XCTAssertEqual(b.session.environment.definition(named: "p")?.source, "softmax(w)")
        XCTAssertEqual(b.session.environment.definition(named: "s")?.source, "sum(f(w))")
        XCTAssertEqual(b.submit("s"), a.submit("s"))
        // Still definitions after the round trip: they follow w.
        _ = b.submit("w = [0, 0]")
        XCTAssertEqual(b.submit("p"), [.result("[0.5, 0.5]")])
        XCTAssertEqual(b.submit("s"), [.result("0")])
    }

    func testResetAndClearRemoveDefinitions() {
        let s = shell()
        _ = s.submit("z = [1, 2]; p := 2 * z; q := 3 * z")
        XCTAssertEqual(s.submit(":clear p"), [.info("cleared p")])
        XCTAssertNil(s.session.environment.binding(named: "p"))
        XCTAssertNotNil(s.session.environment.definition(named: "q"))
        XCTAssertEqual(s.submit(":reset"), [.info("cleared 2 names")])
        XCTAssertNil(s.session.environment.definition(named: "q"))
        guard case .error(let d, _, _)? = s.submit("q").first else { return XCTFail("q is still defined") }
        XCTAssertEqual(d.message, "unknown name 'q'")
    }

    func testCompletionOffersDefinedNames() {
        let s = shell()
        _ = s.submit("probs := softmax(z)")
        let completer = Completer(shell: s)
        guard case .candidates(let candidates) = completer.complete("2 * prob") else { return XCTFail("no candidates") }
        XCTAssertEqual(candidates, [Completer.Candidate(word: "probs", suffix: "")])
        XCTAssertTrue(s.helpTopics.contains("probs"))
    }

    func testHelpExplainsADefinitionAndTheSyntax() {
        let s = shell()
        _ = s.submit("z = [0, 0]; p := softmax(z)")
        XCTAssertEqual(help(s.submit(":help p")), """
            p is a definition of this session
              p  vector of 2  p := softmax(z) = [0.5, 0.5]
            """)
        let overview = help(s.submit(":help"))
        XCTAssertTrue(overview.contains("\n  p := softmax(z)         Defines p as an expression, evaluated wherever p is"), overview)
        XCTAssertTrue(overview.contains("\n  z = [2, 1, 0.1]         Binds z to a value, computed now."), overview)
    }

    func testDeriveWithBindingsKeepsTheSessionsDefinitions() {
        let s = shell()
        _ = s.submit("u := 2 * z")
        // The second --at reads the definition, at the z the first one binds.
        let outputs = s.submit(":derive softmax --at z = [1, 2, 3] --at y = u")
        XCTAssertFalse(outputs.contains { if case .error = $0 { true } else { false } }, "\(outputs)")
        XCTAssertEqual(s.session.environment.definition(named: "u")?.source, "2 * z")
        XCTAssertNil(s.session.environment["z"], "--at binds on a copy")
    }
}
