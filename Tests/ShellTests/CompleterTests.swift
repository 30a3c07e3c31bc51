import XCTest
@testable import Shell

/// Tab completion decided from the text before the cursor, without a terminal.
final class CompleterTests: XCTestCase {
    let shell = ShellSession(options: ShellOptions(color: false))
    var completer: Completer { Completer(shell: shell) }

    private func words(_ line: String) -> [String] {
        guard case .candidates(let candidates) = completer.complete(line) else { return [] }
        return candidates.map(\.word)
    }

    private func insertion(_ line: String) -> String? {
        guard case .candidates(let candidates) = completer.complete(line) else { return nil }
        return Completer.insertion(for: candidates)
    }

    func testABuiltinCompletesWithItsParenthesis() {
        XCTAssertEqual(words("softm"), ["softmax"])
        XCTAssertEqual(insertion("softm"), "softmax(")
        XCTAssertEqual(insertion("x = 2 * sigm"), "sigmoid(")
    }

    func testAQuestionCompletesLikeHelpWithoutAParenthesis() {
        XCTAssertEqual(words("?softm"), ["softmax"])
        XCTAssertEqual(insertion("?softm"), "softmax")
        XCTAssertEqual(insertion("? relu_"), nil)
        XCTAssertTrue(words("?").contains("derive"), "commands too, as after :help")
    }

    func testSeveralCandidatesInsertTheirCommonPrefix() {
        XCTAssertEqual(words("soft"), ["softmax", "softplus", "softsign"])
        XCTAssertEqual(insertion("soft"), "soft")
        XCTAssertEqual(insertion("log_s"), "log_softmax(")
    }

    func testSessionNamesAndConstants() {
        _ = shell.submit("zeta = [1, 2]")
        _ = shell.submit("zf(x) = x^2")
        XCTAssertEqual(words("ze"), ["zeros", "zeta"])
        XCTAssertEqual(insertion("zet"), "zeta")
        XCTAssertEqual(insertion("zf"), "zf(")
        XCTAssertEqual(insertion("softmax(zet"), "zeta")
        XCTAssertTrue(Set(words("p")).isSuperset(of: ["pi", "plot"]), "\(words("p"))")
    }

    func testOperatorsAndNumbersAreNotCompleted() {
        XCTAssertFalse(words("").contains("+"))
        XCTAssertFalse(words("").contains("@"))
        XCTAssertTrue(words("").contains("softmax"))
        XCTAssertEqual(words("2e"), [])
        XCTAssertEqual(words("nosuchname"), [])
    }

    func testCommandNames() {
        XCTAssertEqual(insertion(":he"), ":help ")
        XCTAssertEqual(insertion(":qu"), ":quit")
        XCTAssertEqual(words(":"), shell.commands.map { ":" + $0.name })
        XCTAssertEqual(words("  :re"), [":reset"])
    }

    func testCommandArguments() {
        _ = shell.submit("zeta = 1")
        XCTAssertEqual(words(":help softm"), ["softmax"])
        XCTAssertEqual(insertion(":help softm"), "softmax")
        XCTAssertEqual(words(":help lo"), ["log", "log_softmax", "logsumexp", "load"])
        XCTAssertEqual(words(":clear z"), ["zeta"])
        XCTAssertEqual(insertion(":time softm"), "softmax(")
        XCTAssertEqual(words(":quit "), [])
        XCTAssertEqual(words(":nosuch a"), [])
    }

    func testFileNamesOnlyAfterFileCommands() {
        XCTAssertEqual(completer.complete(":load ex"), .fileNames)
        XCTAssertEqual(completer.complete(":run "), .fileNames)
        XCTAssertEqual(completer.complete(":save ~/a-b.jac"), .fileNames)
        XCTAssertNotEqual(completer.complete("./ex"), .fileNames)
        XCTAssertNotEqual(completer.complete(":help ex"), .fileNames)
    }

    func testDerivationAndLessonNamesComeFromTheSession() {
        shell.derivationNames = { ["softmax", "sigmoid", "cross_entropy"] }
        shell.lessonNames = { ["01-softmax", "02-chain-rule"] }
        XCTAssertEqual(words(":derive s"), ["softmax", "sigmoid"])
        XCTAssertEqual(words(":lesson 02"), ["02-chain-rule"])
    }

    /// readline would list and insert a name byte for byte, past the output gate: a name holding a
    /// control character is not offered (it can be typed, or a lesson chosen by number).
    func testNamesWithControlCharactersAreNotOffered() {
        shell.lessonNames = { ["01-tour", "02-pw\u{1B}]0;x\u{07}ned", "03-\u{202E}txt"] }
        XCTAssertEqual(words(":lesson 0"), ["01-tour"])
        XCTAssertEqual(insertion(":lesson 02"), nil)
        XCTAssertEqual(Completer.showable(["a.jac", "b\u{9B}.jac", "c\u{0}", "δ.jac"]), ["a.jac", "δ.jac"])
    }

    func testWordsEndAtTheLanguagesOperatorsButNotInFileNames() {
        XCTAssertEqual(completer.word("x-soft"), "soft")
        XCTAssertEqual(completer.word("softmax(z"), "z")
        XCTAssertEqual(completer.word("[a, b"), "b")
        XCTAssertEqual(completer.word(":load my-file.j"), "my-file.j")
        XCTAssertEqual(completer.word(":time 2*sof"), "sof")
        XCTAssertEqual(completer.wordBreaks(":load x"), Completer.commandBreaks)
        XCTAssertEqual(completer.wordBreaks("x"), Completer.languageBreaks)
    }

    func testARegisteredCommandIsCompleted() {
        shell.register(MetaCommand("zzlist", usage: ":zzlist", "Lists something.") { _, _ in [] })
        XCTAssertEqual(words(":zz"), [":zzlist"])
    }
}
