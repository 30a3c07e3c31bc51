import VectorLang
import XCTest
@testable import Shell

/// `?softmax`, `softmax?`, `help(softmax)`, `help`, `exit` and `quit`, as `ShellSession.submit` takes
/// them for every front end; and which inputs the REPL may page.
final class ShorthandTests: ShellTestCase {
    private func text(_ outputs: [ShellSession.Output]) -> String { LessonFixtures.text(outputs) }

    func testEveryHelpFormShowsWhatHelpNameShows() {
        let s = shell()
        let expected = s.submit(":help softmax")
        for form in ["?softmax", "softmax?", "help(softmax)", "help(\"softmax\")", "  ? softmax ", "??softmax", "softmax ??"] {
            XCTAssertEqual(s.submit(form), expected, form)
        }
        XCTAssertEqual(s.submit("?:load"), s.submit(":help :load"))
    }

    func testHelpAloneAndQuestionMarkAloneShowTheOverview() {
        let s = shell()
        let overview = s.submit(":help")
        XCTAssertTrue(text(overview).contains("At the prompt"), text(overview))
        for form in ["help", "help()", "?", " ?? "] {
            XCTAssertEqual(s.submit(form), overview, form)
        }
    }

    func testExitAndQuitLeave() {
        for form in ["exit", "quit", " exit ", "exit()", "quit()"] {
            XCTAssertEqual(shell().submit(form), [.quit], form)
        }
    }

    func testNamesTheUserBoundAreEvaluatedNotTakenAsCommands() {
        let s = shell()
        _ = s.submit("help = 3")
        XCTAssertEqual(s.submit("help"), [.result("3")])
        _ = s.submit("exit = [1, 2]")
        XCTAssertEqual(s.submit("exit"), [.result("[1, 2]")])
        _ = s.submit("quit(x) = x + 1")
        XCTAssertEqual(s.submit("quit(2)"), [.result("3")])
        XCTAssertEqual(s.submit("quit()").count, 1)
        XCTAssertNotEqual(s.submit("quit()"), [.quit], "quit() calls the user's function")
        // `?` is no part of the language, so `?help` still asks about the variable called help.
        XCTAssertTrue(text(s.submit("?help")).contains("help is a variable of this session"), text(s.submit("?help")))
        let defined = shell()
        _ = defined.submit("help(x) = 2 * x")
        XCTAssertEqual(defined.submit("help(4)"), [.result("8")])
    }

    func testAnUnknownNameGivesAnErrorPointingAtItWithASuggestion() throws {
        for (input, start) in [("?softmx", 1), ("softmx?", 0), ("help(softmx)", 5)] {
            let outputs = shell().submit(input)
            guard case .error(let diagnostic, let source, _)? = outputs.first, outputs.count == 1 else {
                return XCTFail("\(input): \(outputs)")
            }
            XCTAssertEqual(source, input)
            XCTAssertEqual(diagnostic.message, "no builtin, command or variable called 'softmx'")
            XCTAssertEqual(diagnostic.suggestion, "did you mean softmax?")
            XCTAssertEqual(diagnostic.range, SourceRange(start, start + 6), input)
        }
        let nothing = shell().submit("?nosuchname")
        XCTAssertTrue(text(nothing).contains(":help lists them all"), text(nothing))
        XCTAssertTrue(text(shell().submit("?1 + *")).contains("no builtin, command or variable called '1 + *'"))
    }

    func testWhatIsNotAQuestionAboutANameIsLeftToTheEvaluator() {
        XCTAssertTrue(text(shell().submit("1 + 2?")).contains("unexpected character '?'"))
        XCTAssertTrue(text(shell().submit("help(1 + 2)")).contains("unknown name 'help'"))
        XCTAssertTrue(text(shell().submit("exit 1")).contains("error"))
        XCTAssertEqual(Shorthand.recognise("helpful", isBound: { _ in false }), nil)
        XCTAssertEqual(Shorthand.recognise("z_i?", isBound: { _ in false }), .help(topic: "z_i", range: SourceRange(0, 3)))
        XCTAssertEqual(Shorthand.recognise("δ?", isBound: { _ in false }), .help(topic: "δ", range: SourceRange(0, 1)))
    }

    func testExitInALessonLeavesTheLessonNotJacobi() {
        let s = shell()
        s.lessons.folder = .success(LessonFixtures.course)
        s.lessons.progressPath = nil
        _ = s.submit(":lesson tour")
        XCTAssertTrue(s.lessons.isRunning)
        let help = s.submit("?softmax")
        XCTAssertEqual(help, s.submit(":help softmax"))
        XCTAssertTrue(s.lessons.isRunning, "help is not an answer and does not leave")
        let left = s.submit("exit")
        XCTAssertFalse(left.contains(.quit), text(left))
        XCTAssertFalse(s.lessons.isRunning)
        XCTAssertTrue(text(left).contains("left the lesson"), text(left))
        XCTAssertEqual(s.submit("quit"), [.quit], "after the lesson, quit leaves Jacobi")
    }

    func testInALoadedFileExitEndsTheFileOnly() throws {
        let s = shell()
        let file = directory.appendingPathComponent("stop.jac").path
        try "a = 1\nexit\nb = 2\n".write(toFile: file, atomically: true, encoding: .utf8)
        let outputs = s.submit(":load \(file)")
        XCTAssertFalse(outputs.contains(.quit))
        XCTAssertNotNil(s.session.environment.binding(named: "a"))
        XCTAssertNil(s.session.environment.binding(named: "b"))
    }

    func testOnlyHelpAndDeriveArePageable() {
        let s = shell()
        for input in [":help", " :h softmax", "?softmax", "softmax?", "help(relu)", "help", ":derive softmax"] {
            XCTAssertTrue(s.isPageable(input), input)
        }
        for input in ["1 + 1", "ones(500)", ":vars", ":lessons", ":lesson tour", "exit", ":helpx"] {
            XCTAssertFalse(s.isPageable(input), input)
        }
        _ = s.submit("help = 3")
        XCTAssertFalse(s.isPageable("help"))
    }
}
