import Foundation
import XCTest

/// What an installed jacobi offers besides its commands, through the built binary: its version, and
/// the answers its shell completion scripts ask it for.
final class InstallCommandLineTests: CommandLineTestCase {
    func testVersionPrintsTheReleaseAndTheCommitWhenThereIsOne() throws {
        let run = try jacobi(["--version"])
        XCTAssertEqual(run.status, 0)
        // 0.1.0, or 0.1.0 (git 283382d) / (git v0.1.0-3-g283382d-dirty) when built in a git checkout.
        let pattern = #"^[0-9]+\.[0-9]+\.[0-9]+( \(git [0-9A-Za-z._-]+\))?\n$"#
        XCTAssertNotNil(run.out.range(of: pattern, options: .regularExpression), run.out)
    }

    /// What the bash script asks when the cursor is at the end of `words`.
    private func completions(_ words: [String]) throws -> [String] {
        let command = words[1]
        let run = try jacobi(["---completion", command, "--", "positional@0", "\(words.count - 1)", "\(words.last?.count ?? 0)"] + words)
        XCTAssertEqual(run.status, 0, run.err)
        return run.out.split(separator: "\n").map(String.init)
    }

    func testLessonNamesAreOfferedAfterLessonAndPresent() throws {
        // The course is found beside the built binary, as an installed one finds share/jacobi/Lessons.
        XCTAssertEqual(try completions(["jacobi", "lesson", "soft"]), ["softmax-jacobian", "softmax-layer"])
        XCTAssertTrue(try completions(["jacobi", "present", ""]).contains("tour"))
    }

    func testCatalogNamesThenDerivesWordsAreOfferedAfterDerive() throws {
        let subjects = try completions(["jacobi", "derive", "logs"])
        XCTAssertTrue(subjects.contains("logsumexp"), "\(subjects)")
        XCTAssertTrue(subjects.allSatisfy { $0.hasPrefix("logs") }, "\(subjects)")
        XCTAssertEqual(try completions(["jacobi", "derive", "softmax", "w"]), ["wrt"])
        XCTAssertEqual(try completions(["jacobi", "derive", "softmax", "--format", ""]), ["text", "ascii", "latex", "markdown", "json"])
    }

    /// bash itself completing `jacobi lesson soft<Tab>` with the generated script: the root's optional
    /// script argument must not take `lesson` for a file name (it did, and subcommands were offered again).
    func testBashCompletesLessonNamesWithTheGeneratedScript() throws {
        let script = try jacobi(["--generate-completion-script", "bash"])
        XCTAssertEqual(script.status, 0, script.err)
        let path = home.appendingPathComponent("jacobi.bash").path
        try script.out.write(toFile: path, atomically: true, encoding: .utf8)
        guard let binary = TmuxSession.binary() else { throw XCTSkip("the jacobi binary was not found") }
        let folder = URL(fileURLWithPath: binary).deletingLastPathComponent().path
        let bash = Process()
        bash.executableURL = URL(fileURLWithPath: "/bin/bash")
        bash.arguments = ["-c", """
            source "$1"
            COMP_WORDS=(jacobi lesson soft); COMP_CWORD=2; COMP_LINE="jacobi lesson soft"; COMP_POINT=${#COMP_LINE}
            _jacobi jacobi soft lesson
            printf '%s\n' "${COMPREPLY[@]}"
            """, "bash", path]
        bash.environment = ["PATH": folder + ":/usr/bin:/bin", "HOME": home.path, "LANG": "C.UTF-8"]
        let output = Pipe()
        bash.standardOutput = output
        try bash.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        bash.waitUntilExit()
        XCTAssertEqual(bash.terminationStatus, 0)
        XCTAssertEqual(text, "softmax-jacobian\nsoftmax-layer\n")
    }
}
