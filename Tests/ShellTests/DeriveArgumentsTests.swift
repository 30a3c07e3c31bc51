import XCTest
import VectorLang
@testable import Shell

/// The one parser of `jacobi derive`, `:derive` and lesson derive blocks: every rule of its grammar.
final class DeriveArgumentsTests: XCTestCase {
    typealias Request = DeriveCommand.Request

    /// The request a `:derive` line makes.
    func line(_ text: String) throws -> DeriveArguments.Parsed {
        try DeriveArguments(line: text).parse()
    }

    /// The diagnostic a `:derive` line gives, rendered under the line.
    func failure(_ text: String, file: StaticString = #filePath, lineNumber: UInt = #line) -> String {
        do throws(Diagnostic) {
            let parsed = try DeriveArguments(line: text).parse()
            XCTFail("\(text) was read as \(parsed.request)", file: file, line: lineNumber)
            return ""
        } catch {
            return error.rendered(source: text)
        }
    }

    // MARK: - Subject and variable

    func testTheSubjectIsTheWordsJoinedWithSpaces() throws {
        XCTAssertEqual(try line("softmax").request, Request(subject: "softmax"))
        XCTAssertEqual(try line("exp(z_i) /   sum_k(exp(z_k))").request, Request(subject: "exp(z_i) / sum_k(exp(z_k))"))
    }

    func testWrtAsSaidIsTheVariableOnceTheSubjectHasBegun() throws {
        XCTAssertEqual(try line("exp(z_i)/sum_k(exp(z_k)) wrt z_j").request, Request(subject: "exp(z_i)/sum_k(exp(z_k))", wrt: "z_j"))
        XCTAssertEqual(try line("x^2 wrt x --step").request, Request(subject: "x^2", wrt: "x", step: true))
        XCTAssertEqual(try line("--step x^2 wrt x").request, Request(subject: "x^2", wrt: "x", step: true))
        XCTAssertTrue(failure("x^2 wrt").hasPrefix("error: wrt needs the variable after it\n  x^2 wrt\n      ^^^"), failure("x^2 wrt"))
    }

    func testWrtOptionWithTheNextWordOrAfterAnEqualsSign() throws {
        XCTAssertEqual(try line("softmax --wrt z_j").request, Request(subject: "softmax", wrt: "z_j"))
        XCTAssertEqual(try line("--wrt=z_j softmax").request, Request(subject: "softmax", wrt: "z_j"))
        XCTAssertTrue(failure("x^2 wrt x --wrt y").contains("the variable is given twice (wrt x, then y)"), failure("x^2 wrt x --wrt y"))
    }

    // MARK: - Options

    func testAtIsRepeatableAndJoinsABindingTypedWithSpaces() throws {
        XCTAssertEqual(try line("softmax --at z=[1,2,3] --at y=onehot(1,3)").request.at, ["z=[1,2,3]", "y=onehot(1,3)"])
        XCTAssertEqual(try line("softmax --at z = [1, 2, 3] --step").request, Request(subject: "softmax", at: ["z = [1, 2, 3]"], step: true))
        XCTAssertEqual(try line("softmax --at z=[1, 2] wrt z_j").request, Request(subject: "softmax", wrt: "z_j", at: ["z=[1, 2]"]))
        XCTAssertEqual(try line("--at x=2 x^2").request, Request(subject: "x^2", at: ["x=2"]))
        XCTAssertTrue(failure("softmax --at z").contains("error: --at takes NAME=VALUE, not 'z'"), failure("softmax --at z"))
    }

    func testAssumeIsRepeatableAndKeptAsWritten() throws {
        let parsed = try line("-sum_k(y_k*log(p_k)) --assume 'sum_k(y_k) = 1' --assume sum_k(p_k) = 1")
        XCTAssertEqual(parsed.request.assume, ["sum_k(y_k) = 1", "sum_k(p_k) = 1"])
        XCTAssertEqual(parsed.request.subject, "-sum_k(y_k*log(p_k))")
    }

    func testFormatStepAsciiAndList() throws {
        XCTAssertEqual(try line("softmax --format latex").request.format, .latex)
        XCTAssertEqual(try line("softmax --format=json").request.format, .json)
        XCTAssertEqual(try line("softmax --ascii").request.format, .ascii)
        XCTAssertEqual(try line("softmax --ascii --format markdown").request.format, .markdown, "--ascii asks only for ASCII text")
        XCTAssertEqual(try line("softmax --step").request.step, true)
        XCTAssertEqual(try line("--list").request, Request(subject: "", list: true))
        XCTAssertTrue(try line("--help").help)
        XCTAssertTrue(try line("softmax -h").help)
        XCTAssertEqual(failure("softmax --format latx"), """
            error: unknown format 'latx'
              softmax --format latx
                      ^^^^^^^^^^^^^
              note: the formats are text, ascii, latex, markdown, json
              help: did you mean latex?
            """)
        XCTAssertTrue(failure("softmax --format latex --format json").contains("--format is given twice"))
        XCTAssertTrue(failure("softmax --step=1").contains("--step takes no value"))
    }

    func testAnUnknownOptionIsAnErrorWithTheClosestOption() {
        XCTAssertEqual(failure("softmax --wrtt z_j"), """
            error: unknown option --wrtt
              softmax --wrtt z_j
                      ^^^^^^
              note: the options are --wrt, --at, --assume, --format, --order, --step, --ascii, --list, --help, and -- to end them
              help: did you mean --wrt?
            """)
        XCTAssertTrue(failure("softmax --fromat latex").hasSuffix("help: did you mean --format?"), failure("softmax --fromat latex"))
    }

    func testAMissingValueIsAnErrorAtTheOption() {
        XCTAssertEqual(failure("softmax --wrt"), """
            error: --wrt needs a value
              softmax --wrt
                      ^^^^^
              help: write --wrt z_j (an element) or --wrt x (a number)
            """)
        XCTAssertTrue(failure("softmax --at --step").hasPrefix("error: --at needs a value\n  softmax --at --step\n          ^^^^\n"))
        XCTAssertTrue(failure("softmax --format").hasPrefix("error: --format needs a value"))
        XCTAssertTrue(failure("softmax --wrt -- x").hasPrefix("error: --wrt needs a value"), "-- is not a value")
        XCTAssertTrue(failure("softmax --assume").hasPrefix("error: --assume needs a value"))
    }

    func testASubjectIsRequiredUnlessListingOrHelping() {
        XCTAssertTrue(failure("--step").hasPrefix("error: say what to derive: a catalog name (see --list) or an expression"))
        XCTAssertTrue(failure("").hasPrefix("error: say what to derive"))
        XCTAssertTrue(failure("'' --step").hasPrefix("error: say what to derive"), "an empty quoted word says nothing")
    }

    // MARK: - Dashes

    func testAnExpressionMayStartWithAMinus() throws {
        XCTAssertEqual(try line("-sum_k(y_k*log(softmax(z)_k)) --wrt z_j").request,
                       Request(subject: "-sum_k(y_k*log(softmax(z)_k))", wrt: "z_j"))
        XCTAssertEqual(try line("-x wrt x").request, Request(subject: "-x", wrt: "x"))
        XCTAssertEqual(try line("-1 * x --wrt x").request, Request(subject: "-1 * x", wrt: "x"))
        XCTAssertEqual(try line("x - -x --wrt x").request, Request(subject: "x - -x", wrt: "x"))
    }

    func testDoubleDashEndsTheOptions() throws {
        XCTAssertEqual(try line("--wrt x -- --x").request, Request(subject: "--x", wrt: "x"))
        XCTAssertEqual(try line("-- -x --wrt x wrt y").request, Request(subject: "-x --wrt x wrt y"))
        XCTAssertEqual(try line("x^2 -- --step").request, Request(subject: "x^2 --step"))
    }

    // MARK: - Words

    func testQuotesKeepSpacesInOneWord() throws {
        XCTAssertEqual(try line("'x / (1 + exp(x))' --wrt x").request, Request(subject: "x / (1 + exp(x))", wrt: "x"))
        XCTAssertEqual(try line("softmax --at \"z = [1, 2]\"").request.at, ["z = [1, 2]"])
        XCTAssertEqual(try line("softmax --at z='[1, 2]'").request.at, ["z=[1, 2]"], "a quote after = opens")
        XCTAssertEqual(try line("softmax --assume \"y's sum is 1\"").request.assume, ["y's sum is 1"])
    }

    func testAQuoteInsideAWordIsAnApostrophe() throws {
        XCTAssertEqual(try line("W'_ij wrt W_kl").request, Request(subject: "W'_ij", wrt: "W_kl"))
        XCTAssertEqual(try line("x' * x --wrt x").request.subject, "x' * x")
    }

    func testAnUnclosedQuoteIsAnErrorAtTheQuote() {
        do throws(Diagnostic) {
            _ = try DeriveArguments(line: "softmax --at 'z=[1, 2]")
            XCTFail("an unclosed quote was accepted")
        } catch {
            XCTAssertEqual(error.rendered(source: "softmax --at 'z=[1, 2]"), """
                error: this quote is not closed
                  softmax --at 'z=[1, 2]
                               ^
                  help: close it with ', or leave the quotes out
                """)
        }
    }

    func testCommandLineWordsAreShownQuotedWhereTheyHoldSpaces() throws {
        let arguments = DeriveArguments(arguments: ["x / (1 + exp())", "--wrt", "x", "it's", "two words's"])
        XCTAssertEqual(arguments.source, "'x / (1 + exp())' --wrt x it's \"two words's\"")
        XCTAssertEqual(arguments.words.map(\.text), ["x / (1 + exp())", "--wrt", "x", "it's", "two words's"])
        XCTAssertEqual(arguments.words.map(\.range), [SourceRange(0, 17), SourceRange(18, 23), SourceRange(24, 25),
                                                      SourceRange(26, 30), SourceRange(31, 44)])
    }

    func testASubjectDiagnosticPointsIntoWhatWasTyped() throws {
        let parsed = try DeriveArguments(arguments: ["x / (1 + exp())", "--wrt", "x"]).parse()
        XCTAssertEqual(parsed.request.subject, "x / (1 + exp())")
        XCTAssertEqual(parsed.subjectRange, SourceRange(0, 17))
        // `exp()` is at 9..<14 in the subject, and one further in the source, after the quote.
        let moved = parsed.located(Diagnostic("exp takes 1 argument", at: SourceRange(9, 14)))
        XCTAssertEqual(moved.range, SourceRange(10, 15))
        XCTAssertEqual(moved.rendered(source: parsed.source), """
            error: exp takes 1 argument
              'x / (1 + exp())' --wrt x
                        ^^^^^
            """)
        let words = try line("--step a  +   b")
        XCTAssertEqual(words.request.subject, "a + b")
        XCTAssertEqual(words.located(Diagnostic("b", at: SourceRange(4, 5))).range, SourceRange(14, 15))
        XCTAssertEqual(words.located(Diagnostic("end", at: .point(5))).range.start, 15, "past the end stays past the end")
    }

    func testABindingDiagnosticPointsAtItsValue() throws {
        let parsed = try line("softmax --at z=[1,2] --at y = [1, 2")
        let problem = DeriveCommand.Problem.binding(1, Diagnostic("in --at: unexpected end", at: SourceRange(0, 1)))
        XCTAssertEqual(parsed.located(problem).range, SourceRange(26, 35))
    }

    // MARK: - Options claimed by the caller

    func testClaimedOptionsAreHandedBackUntouched() throws {
        let claimed = ["--precision": true, "--no-color": false]
        let parsed = try DeriveArguments(arguments: ["softmax", "--precision", "6", "--no-color", "--wrt", "z_j", "--precision=3"])
            .parse(claiming: claimed)
        XCTAssertEqual(parsed.request, Request(subject: "softmax", wrt: "z_j"))
        XCTAssertEqual(parsed.passed, ["--precision", "6", "--no-color", "--precision=3"])
        XCTAssertEqual(try DeriveArguments(arguments: ["-h"]).parse(claiming: claimed).help, true)
        XCTAssertThrowsError(try DeriveArguments(arguments: ["softmax", "--precison", "6"]).parse(claiming: claimed)) { error in
            XCTAssertEqual((error as? Diagnostic)?.suggestion, "did you mean --precision?")
        }
        XCTAssertThrowsError(try line("softmax --precision 6"), "unclaimed, it is unknown")
    }
}
