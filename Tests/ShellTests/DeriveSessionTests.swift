import XCTest
import VectorLang
@testable import Shell

/// `:derive` in a session: the shared parser's errors located in the line, suggestions for misspelt
/// names, and an unfinished or failed derivation shown and then reported as an error.
final class DeriveSessionTests: XCTestCase {
    let shell = ShellSession(options: ShellOptions(color: false))

    /// The errors among the outputs, as `Diagnostic.rendered` writes them.
    func errors(_ outputs: [ShellSession.Output]) -> [String] {
        outputs.compactMap { output in
            guard case .error(let d, let source, _) = output else { return nil }
            return d.rendered(source: source)
        }
    }

    /// The text of a derivation's outputs.
    func text(_ outputs: [ShellSession.Output]) -> String {
        outputs.map { output -> String in
            switch output {
            case .styled(let lines): return lines.map(\.plain).joined(separator: "\n")
            case .result(let text): return text
            default: return ""
            }
        }.joined(separator: "\n")
    }

    /// Before: `e` in a typed derivation was a variable, given an example value (e = 1.203).
    func testEInADerivationIsEulersNumberUntilTheSessionBindsIt() {
        let constant = text(shell.submit(":derive e * z_i wrt z_j"))
        XCTAssertFalse(constant.contains("e = "), constant)
        XCTAssertTrue(constant.contains("[[2.718, 0.000, 0.000]"), constant)
        _ = shell.submit("e = [3, 4]; z = [1, 2]")
        let bound = text(shell.submit(":derive sum(e * z) wrt z"))
        XCTAssertTrue(bound.contains("at e = [3, 4], z = [1, 2]"), bound)
        XCTAssertTrue(bound.contains("[[3, 0], [0, 4]]"), bound)
    }

    func testAFunctionTheUserDefinedIsDerivedByItsParameter() {
        _ = shell.submit("f(z) = sum(z^2)")
        let outputs = shell.submit(":derive f")
        XCTAssertEqual(errors(outputs), [])
        XCTAssertTrue(text(outputs).contains("= 2·z      (jacobi: 2 * z)"), text(outputs))
        _ = shell.submit("g(W, x) = sum(tanh(W @ x))")
        _ = shell.submit("W = [[1, 2], [-1, 3], [0.5, 0]]; x = [0.7, -0.4]")
        let byX = shell.submit(":derive g wrt x")
        XCTAssertEqual(errors(byX), [])
        XCTAssertTrue(text(byX).contains("check: every step agrees"), text(byX))
    }

    func testASessionDefinitionIsReadAsWhatItStandsFor() {
        _ = shell.submit("z = [2, 1, 0.1]; y = [0, 1, 0]")
        _ = shell.submit("p := softmax(z)")
        for subject in [":derive cross_entropy(p, y) wrt z", ":derive p_i wrt z_j"] {
            let outputs = shell.submit(subject)
            XCTAssertEqual(errors(outputs), [], subject)
            XCTAssertTrue(text(outputs).contains("check: every step agrees"), "\(subject): \(text(outputs))")
        }
    }

    func testTheCallsThatComputeDerivativesAreDerived() {
        _ = shell.submit("z = [2, 1, 0.1]; A = [[1, 2], [3, 4]]; x = [1, 2]")
        let lse = shell.submit(":derive hessian(logsumexp, z)")
        XCTAssertEqual(errors(lse), [])
        XCTAssertTrue(text(lse).contains("diag(p) − ppᵀ"), text(lse))
        let quadratic = shell.submit(":derive hessian(v -> v' @ A @ v, x)")
        XCTAssertEqual(errors(quadratic), [])
        XCTAssertTrue(text(quadratic).contains("A + Aᵀ      (jacobi: A + A')"), text(quadratic))
        XCTAssertTrue(text(quadratic).contains("check: every step agrees"), text(quadratic))
        XCTAssertFalse(shell.session.environment.names.contains("f"), "the lambda's name stays out of the session")
    }

    func testVectorNotationByAWholeMatrixAndASecondOrder() {
        _ = shell.submit("W = [[1, 2], [-1, 3], [0.5, 0]]; x = [0.7, -0.4]; y = [0, 1, 0]")
        let weights = text(shell.submit(":derive cross_entropy(softmax(W @ x), y) wrt W"))
        XCTAssertTrue(weights.contains("(p − y)xᵀ      (jacobi: (p - y) @ x')"), weights)
        XCTAssertTrue(weights.contains("the gradient has the shape of W"), weights)
        let hessian = text(shell.submit(":derive x' @ A @ x wrt x --order 2 --at A=[[1,2],[3,4]] --at x=[1,2]"))
        XCTAssertTrue(hessian.contains("A + Aᵀ      (jacobi: A + A')"), hessian)
        XCTAssertTrue(errors(shell.submit(":derive sigmoid(x) --order 3")).first?.contains("--order takes 1") == true)
    }

    func testAMisspeltCatalogNameIsAnErrorWithASuggestion() {
        XCTAssertEqual(errors(shell.submit(":derive sofmax")), ["""
            error: unknown name 'sofmax': not a catalog entry, a builtin or a bound variable
              :derive sofmax
                      ^^^^^^
              help: did you mean softmax?
            """])
    }

    func testACallOfAMisspeltFunctionIsAnErrorWithASuggestion() {
        XCTAssertEqual(errors(shell.submit(":derive 'sofmax(z)_i' wrt z_j")), ["""
            error: unknown function 'sofmax'
              :derive 'sofmax(z)_i' wrt z_j
                       ^^^^^^
              help: did you mean softmax?
            """])
        XCTAssertTrue(errors(shell.submit(":derive log_sofmax(z)_i wrt z_j")).first?.hasSuffix("help: did you mean log_softmax?") == true)
        XCTAssertTrue(errors(shell.submit(":derive exp(z_i) / sum_k(exp(z_k)) * tahn(x) wrt x")).first?.contains("did you mean tanh?") == true)
    }

    func testANameThatIsBoundOrTheVariableIsNoTypo() {
        XCTAssertEqual(errors(shell.submit(":derive x wrt x")), [])
        XCTAssertEqual(errors(shell.submit(":derive z_i wrt z_j")), [], "an element is a variable")
        let unbound = errors(shell.submit(":derive w"))
        XCTAssertTrue(unbound.first?.hasPrefix("error: unknown name 'w'") == true, "\(unbound)")
        _ = shell.submit("w = 3")
        XCTAssertEqual(errors(shell.submit(":derive w")), [])
        XCTAssertEqual(errors(shell.submit(":derive v --at v=2")), [], "--at binds it")
        _ = shell.submit("f(t) = t^2")
        XCTAssertEqual(errors(shell.submit(":derive f(x) wrt x")).filter { $0.contains("unknown function") }, [], "a session's function is known")
    }

    func testAFinishedDerivationIsShownWithNoError() {
        let outputs = shell.submit(":derive softmax")
        XCTAssertEqual(outputs.count, 1)
        guard case .styled(let lines)? = outputs.first else { return XCTFail("\(outputs)") }
        XCTAssertFalse(lines.contains { $0.spans.map(\.text).joined().hasPrefix("stopped:") })
    }

    func testAnUnfinishedDerivationIsShownThenReportedAsAnError() {
        let outputs = shell.submit(":derive z_i wrt z_jk")
        XCTAssertEqual(outputs.count, 2)
        guard case .styled(let lines)? = outputs.first else { return XCTFail("\(outputs)") }
        XCTAssertTrue(lines.map { $0.spans.map(\.text).joined() }.contains("stopped: no rule applies to ∂zᵢ/∂zⱼₖ; the steps below are as far as the rules go"))
        XCTAssertEqual(errors(Array(outputs.dropFirst())), ["""
            error: the derivation is unfinished: no rule applies to what is left
              :derive z_i wrt z_jk
                      ^^^
            """])
        guard case .pages? = shell.submit(":derive z_i wrt z_jk --step").first else { return XCTFail("step mode shows pages") }
        XCTAssertEqual(errors(shell.submit(":derive z_i wrt z_jk --step")).count, 1)
    }

    func testAFailedCheckIsReportedAsAnError() {
        let outputs = shell.submit(":derive relu(x) wrt x --at x=0")
        XCTAssertEqual(errors(outputs), ["""
            error: the numeric check failed: a step is not an equality at these numbers
              :derive relu(x) wrt x --at x=0
                      ^^^^^^^
            """])
    }

    func testUsageErrorsPointIntoTheLine() {
        XCTAssertEqual(errors(shell.submit(":derive softmax --at z=[1,")), ["""
            error: in --at: unexpected end of input; expected a number, a name, '(' or '['
              :derive softmax --at z=[1,
                                   ^^^^^
            """])
        XCTAssertTrue(errors(shell.submit(":derive  softmax --fromat latex")).first?.hasPrefix("""
            error: unknown option --fromat
              :derive  softmax --fromat latex
                               ^^^^^^^^
            """) == true)
        XCTAssertTrue(errors(shell.submit(":derive")).first?.hasPrefix("error: say what to derive") == true)
    }

    func testListAndHelp() {
        guard case .help(let list)? = shell.submit(":derive --list").first else { return XCTFail() }
        XCTAssertTrue(list.hasPrefix("softmax "), list)
        guard case .help(let help)? = shell.submit(":derive --help").first else { return XCTFail() }
        XCTAssertTrue(help.hasPrefix(":derive NAME|EXPR"), help)
    }

    func testALessonDeriveBlockReadsItsArgumentsTheSameWay() throws {
        let derive = LessonDerivations.provider(precision: 4, ascii: false)
        let blocks = try derive("softmax --at 'z = [1, 2, 3]'", Session())
        XCTAssertEqual(blocks.header.first, "The softmax Jacobian: ∂pᵢ/∂zⱼ")
        XCTAssertTrue(blocks.lines.joined().contains("0.0819"), "the numbers of --at")
        XCTAssertEqual(blocks.reveals.count, 15, "the header with the start, then a block for each of the 14 steps")
        // Formats other than text are one block, with nothing to reveal.
        XCTAssertEqual(try derive("softmax --format latex", Session()).reveals.count, 1)
        XCTAssertEqual(try derive("--list", Session()).reveals.count, 1)
        XCTAssertThrowsError(try derive("softmax --wrtt z_j", Session())) { error in
            XCTAssertEqual((error as? Diagnostic)?.suggestion, "did you mean --wrt?")
        }
    }
}
