import Foundation
import XCTest
@testable import Shell

/// `jacobi derive`'s exit statuses (0 derived, 1 unfinished or failed check, 2 unreadable), its words
/// read by the shared parser, and `:derive` failures counted by scripts; end to end through the binary.
final class DeriveCommandLineTests: CommandLineTestCase {
    // MARK: - 0: derived and checked

    func testADerivationThatFinishesExitsWithZero() throws {
        let run = try jacobi(["derive", "softmax"])
        XCTAssertEqual(run.status, 0, run.err)
        XCTAssertTrue(run.out.contains("\ncheck: every step agrees"), run.out)
        XCTAssertEqual(run.err, "")
    }

    func testAnExpressionMayStartWithAMinusWithoutDoubleDash() throws {
        let run = try jacobi(["derive", "-sum_k(y_k*log(softmax(z)_k))", "--wrt", "z_j"])
        XCTAssertEqual(run.status, 0, run.err)
        XCTAssertTrue(run.out.hasPrefix("∂/∂zⱼ [−"), run.out)
        XCTAssertEqual(try jacobi(["derive", "--", "-x^2"]).status, 0)
    }

    func testCommonOptionsWorkAfterTheSubject() throws {
        let two = try jacobi(["derive", "sigmoid", "--precision", "2", "--ascii"])
        XCTAssertEqual(two.status, 0, two.err)
        XCTAssertTrue(two.out.unicodeScalars.allSatisfy(\.isASCII), two.out)
        let eight = try jacobi(["derive", "--precision", "8", "sigmoid", "--ascii"])
        XCTAssertEqual(eight.status, 0, eight.err)
        XCTAssertNotEqual(two.out, eight.out, "--precision after the subject is used")
    }

    func testHelpSaysHowOptionsEndAndThatAnExpressionMayStartWithAMinus() throws {
        for arguments in [["derive", "--help"], ["derive", "softmax", "-h"]] {
            let run = try jacobi(arguments)
            XCTAssertEqual(run.status, 0, run.err)
            XCTAssertTrue(run.out.contains("  wrt NAME, --wrt NAME"), run.out)
            XCTAssertTrue(run.out.contains("  --                    end the options: every word after it is subject"), run.out)
            XCTAssertTrue(run.out.contains("An expression may start with -, with no -- before it"), run.out)
            XCTAssertTrue(run.out.contains("Exit status: 0 derived and checked; 1 unfinished"), run.out)
        }
        XCTAssertTrue(try jacobi(["derive", "--list"]).out.hasPrefix("softmax "))
    }

    // MARK: - 1: shown, but unfinished or wrong

    func testWhereNoRuleAppliesItSaysSoFirstAndExitsWithOne() throws {
        let run = try jacobi(["derive", "z_i", "--wrt", "z_jk"])
        XCTAssertEqual(run.status, 1, run.out + run.err)
        let lines = run.out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let stop = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("stopped: no rule applies to ∂zᵢ/∂zⱼₖ") }, run.out)
        let firstBlank = try XCTUnwrap(lines.firstIndex(of: ""))
        XCTAssertLessThan(stop, firstBlank, "the stop is said in the header, before the steps")
        XCTAssertTrue(lines.contains("stopped: the steps above are as far as the rules go"), run.out)
    }

    func testAFailedCheckExitsWithOne() throws {
        // At relu's kink the rules take step(0) = 0, while central differences see the average slope 1/2.
        let run = try jacobi(["derive", "relu(x)", "--wrt", "x", "--at", "x=0"])
        XCTAssertEqual(run.status, 1, run.out + run.err)
        XCTAssertTrue(run.out.contains("\ncheck FAILED: "), run.out)
        XCTAssertTrue(run.out.contains("the result from finite differences by 0.5"), run.out)
    }

    func testTheStatusFollowsTheVerdict() {
        typealias Verdict = DeriveCommand.Verdict
        XCTAssertEqual(Verdict(complete: true, stoppedAtLimit: false, checkFailed: false), .finished)
        XCTAssertEqual(Verdict(complete: true, stoppedAtLimit: false, checkFailed: true), .checkFailed)
        XCTAssertEqual(Verdict(complete: false, stoppedAtLimit: false, checkFailed: true), .noRuleApplies, "the stop is the news")
        XCTAssertEqual(Verdict(complete: false, stoppedAtLimit: true, checkFailed: false), .stepLimit)
        XCTAssertEqual([Verdict.finished, .noRuleApplies, .stepLimit, .checkFailed].map(Launcher.DeriveStatus.status(for:)), [0, 1, 1, 1])
        XCTAssertNil(Verdict.finished.failure)
        XCTAssertNotNil(Verdict.stepLimit.failure)
    }

    // MARK: - 2: nothing derived

    func testUsageErrorsExitWithTwoAndPointAtTheWord() throws {
        let unknown = try jacobi(["derive", "softmax", "--wrtt", "z_j"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.err.hasPrefix("error: unknown option --wrtt\n  softmax --wrtt z_j\n          ^^^^^^\n"), unknown.err)
        XCTAssertTrue(unknown.err.hasSuffix("  help: did you mean --wrt?\n"), unknown.err)
        XCTAssertEqual(unknown.out, "")
        for arguments in [["derive"], ["derive", "softmax", "--format"], ["derive", "softmax", "--format", "pdf"], ["derive", "softmax", "--wrt"],
                          ["derive", "softmax", "--precision", "40"], ["derive", "--precision", "abc", "softmax"], ["derive", "softmax", "--at", "z"]] {
            let run = try jacobi(arguments)
            XCTAssertEqual(run.status, 2, "\(arguments): \(run.err)")
            XCTAssertFalse(run.err.isEmpty, "\(arguments)")
        }
    }

    func testSubjectErrorsExitWithTwoWithACaret() throws {
        let bad = try jacobi(["derive", "(x + 1", "--wrt", "x"])
        XCTAssertEqual(bad.status, 2, bad.out + bad.err)
        XCTAssertTrue(bad.err.contains("\n  '(x + 1' --wrt x\n  "), bad.err)
        let binding = try jacobi(["derive", "softmax", "--at", "z=[1,"])
        XCTAssertEqual(binding.status, 2)
        XCTAssertTrue(binding.err.hasPrefix("error: in --at: "), binding.err)
        XCTAssertTrue(binding.err.contains("\n  softmax --at z=[1,\n               ^^^^^\n"), binding.err)
    }

    // MARK: - Suggestions

    func testAMisspeltNameIsAnErrorWithASuggestion() throws {
        let run = try jacobi(["derive", "sofmax"])
        XCTAssertEqual(run.status, 2, run.out)
        XCTAssertEqual(run.err, """
            error: unknown name 'sofmax': not a catalog entry, a builtin or a bound variable
              sofmax
              ^^^^^^
              help: did you mean softmax?

            """)
        let call = try jacobi(["derive", "sofmax(z)_i", "--wrt", "z_j"])
        XCTAssertEqual(call.status, 2, call.out)
        XCTAssertEqual(call.err, """
            error: unknown function 'sofmax'
              sofmax(z)_i --wrt z_j
              ^^^^^^
              help: did you mean softmax?

            """)
    }

    // MARK: - :derive in scripts

    func testAnUnfinishedDerivationIsAnErrorInAScript() throws {
        let script = ":derive z_i wrt z_jk\n1 + 1\n"
        let run = try jacobi([], input: script)
        XCTAssertEqual(run.status, 1, "a script with an error exits with 1")
        XCTAssertTrue(run.out.hasSuffix("\n2\n"), "the script goes on: " + run.out)
        XCTAssertTrue(run.err.hasPrefix("<stdin>:1:9: error: the derivation is unfinished: no rule applies to what is left\n"), run.err)
        let stopped = try jacobi(["--stop-on-error"], input: script)
        XCTAssertEqual(stopped.status, 1)
        XCTAssertFalse(stopped.out.hasSuffix("\n2\n"), "--stop-on-error stops at the derivation: " + stopped.out)
    }

    func testEveryKindOfDeriveFailureStopsAScript() throws {
        for line in [":derive sofmax", ":derive relu(x) wrt x --at x=0", ":derive softmax --wrtt z_j", ":derive (x wrt x"] {
            let run = try jacobi(["--stop-on-error"], input: line + "\n1 + 1\n")
            XCTAssertEqual(run.status, 1, line)
            XCTAssertFalse(run.out.hasSuffix("2\n"), "\(line) did not stop the script: \(run.out)")
            XCTAssertTrue(run.err.hasPrefix("<stdin>:1:"), run.err)
        }
        XCTAssertEqual(try jacobi(["--stop-on-error"], input: ":derive softmax\n1 + 1\n").status, 0)
    }
}
