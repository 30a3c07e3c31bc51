import XCTest
import VectorLang
@testable import LessonKit

/// The leak check of `lessons check`: a question fails when what the step showed before it gives the
/// answer away, in words or in value, and passes when the same material comes after it.
final class LeakCheckTests: XCTestCase {
    /// A lesson of one step: `before`, then a question with `fields`, then `after`.
    func lesson(_ before: String, _ fields: String, after: String = "") -> String {
        "# Leaks\n\n- minutes: 5\n\nA lesson.\n\n## The step\n\n```jacobi setup\nz = [2, 1, 0.1]\ny = onehot(2, 3)\n```\n\n"
            + before + "\n\n```jacobi question\n" + fields + "\n```\n\n" + after + "\n"
    }

    let formula = "ask: The gradient of the loss with respect to z?\nexpect: softmax(z) - y\nequivalent: -(y - softmax(z))\nvary: z, y onehot"

    func leaks(_ text: String, derive: DerivationProvider? = JSONDerivations.provider) throws -> [String] {
        let lesson = try LessonParser.parse(text, file: "leak.md")
        return LessonChecker(derive: derive).check(lesson).failures.map(\.description)
    }

    // MARK: - In words

    func testTheAnswerInTheTextLeaks() throws {
        XCTAssertEqual(try leaks(lesson("The gradient is −(y − softmax(z)), as we will see.", formula)), [
            "leak.md:16: question \"The gradient of the loss with respect to z?\" leaks its answer: the text at line 14 shows -(y-softmax(z))",
        ], "an equivalent counts too, and − is -")
        XCTAssertEqual(try leaks(lesson("It is `softmax(z)\n- y`, written over two lines.", formula)).count, 1, "backticks and line breaks")
        XCTAssertEqual(try leaks(lesson("The gradient", formula, after: "It is softmax(z) − y.")), [], "after the question it is the answer")
        XCTAssertEqual(try leaks(lesson("Compare softmax(z) - y2 with softmax(z) - yy.", formula)), [], "inside a longer name it is not the answer")
    }

    func testTheAnswerInTheQuestionLeaks() throws {
        let own = "ask: What is softmax(z + 100)?\nexpect: softmax(z + 100)\nequivalent: softmax(z)\nvary: z"
        XCTAssertEqual(try leaks(lesson("Shift.", own)), [
            "leak.md:16: question \"What is softmax(z + 100)?\" leaks its answer: its own text (line 16) shows softmax(z+100)",
        ])
    }

    func testTheAnswerInADemoLineLeaks() throws {
        let demo = "```jacobi\ng = softmax(z) - y\n```"
        XCTAssertEqual(try leaks(lesson(demo, formula)), [
            "leak.md:18: question \"The gradient of the loss with respect to z?\" leaks its answer: the demo line 'g = softmax(z) - y' (line 15) shows softmax(z)-y",
        ])
    }

    // MARK: - In value

    func testADemoLineEqualToTheAnswerLeaks() throws {
        let demo = "```jacobi\ngrad(v -> cross_entropy(softmax(v), y), z)\n```"
        XCTAssertEqual(try leaks(lesson(demo, formula)), [
            "leak.md:18: question \"The gradient of the loss with respect to z?\" leaks its answer: the demo line "
                + "'grad(v -> cross_entropy(softmax(v), y),…' (line 15) equals it at the lesson's values and at 3 random points",
        ])
        let assigned = "```jacobi\np = softmax(z)\nq = p - y\n```"
        XCTAssertEqual(try leaks(lesson(assigned, formula)).count, 1, "an assignment shows its value")
        XCTAssertEqual(try leaks(lesson("Then:", formula, after: demo)), [], "predict, then see")
    }

    /// Numbers that happen to agree at the lesson's values are not the formula: the random points tell.
    func testADemoEqualOnlyAtTheLessonsValuesDoesNotLeak() throws {
        let demo = "```jacobi\n[0.659, -0.7576, 0.09857]\nsoftmax(z) - onehot(2, 3)\n```"
        XCTAssertEqual(try leaks(lesson(demo, formula)), [])
    }

    func testADerivationStepEqualToTheAnswerLeaks() throws {
        let derivation = "```jacobi derive\ncross-entropy-softmax\n```"
        XCTAssertEqual(try leaks(lesson(derivation, formula)), [
            "leak.md:18: question \"The gradient of the loss with respect to z?\" leaks its answer: the start of the derivation (line 15), "
                + "partial(-sum_k(y_k * log(p_k)), z_j), equals it at the lesson's values and at 3 random points",
        ])
        XCTAssertEqual(try leaks(lesson("Predict:", formula, after: derivation)), [])
    }

    func testAnEarlierAnswerEqualToTheAnswerLeaks() throws {
        let earlier = "```jacobi question\nask: And the gradient?\nexpect: softmax(z) + (0 - y)\nequivalent: (softmax(z) + 1) - (y + 1)\nvary: z, y onehot\n```"
        let found = try leaks(lesson(earlier, formula))
        XCTAssertEqual(found.count, 1, "\(found)")
        XCTAssertTrue(found.first?.hasSuffix("leaks its answer: the earlier question (line 14) equals it at the lesson's values and at 3 random points") == true, "\(found)")
    }

    // MARK: - Printed numbers

    func testAPrintedNumberLeaksANumericAnswer() throws {
        let loss = "ask: What is the loss?\nexpect: -log(softmax(z)[2])\nequivalent: 1.417\ntolerance: 1e-3"
        let demo = "```jacobi\ncross_entropy(softmax(z), y)\n```"
        XCTAssertEqual(try leaks(lesson(demo, loss)), [
            "leak.md:18: question \"What is the loss?\" leaks its answer: the demo line 'cross_entropy(softmax(z), y)' (line 15) shows 1.417",
        ])
        // Printed to four digits: the rounding counts even where the tolerance is tighter.
        let exact = "ask: What is the loss?\nexpect: -log(softmax(z)[2])\nequivalent: -log(0.2424329)"
        let printed = "```jacobi\nsoftmax(z)\n```"
        XCTAssertEqual(try leaks(lesson(printed, exact)), [], "0.2424 is p_2, not the loss")
        let entry = "ask: What is p_2?\nexpect: softmax(z)[2]\nequivalent: exp(z[2]) / sum(exp(z))"
        XCTAssertEqual(try leaks(lesson(printed, entry)), [
            "leak.md:18: question \"What is p_2?\" leaks its answer: the demo line 'softmax(z)' (line 15) prints 0.2424, which is the answer at the lesson's values",
        ], "one entry of a printed vector")
        let vector = "ask: What is p here?\nexpect: exp(z) / sum(exp(z))\nequivalent: exp(z - 2) / sum(exp(z - 2))"
        let other = "```jacobi\nw = [0.659, 0.2424, 0.09857]\n```"
        XCTAssertEqual(try leaks(lesson(other, vector)), [
            "leak.md:18: question \"What is p here?\" leaks its answer: the demo line 'w = [0.659, 0.2424, 0.09857]' (line 15) "
                + "prints [0.659, 0.2424, 0.09857], which is the answer at the lesson's values",
        ])
    }

    func testNumbersOfADerivationAreItsValuesOnly() throws {
        let one = "ask: What do the entries of y add up to?\nexpect: sum(y)\nequivalent: 1"
        let derivation = "```jacobi derive\nanything\n```"
        let derive: DerivationProvider = { _, _ in DerivationBlocks(header: ["[1] a rule", "  = the start"], steps: [["  ≈ 2.5"]]) }
        XCTAssertEqual(try leaks(lesson(derivation, one), derive: derive), [], "the step number [1] is not a value")
        let values: DerivationProvider = { _, _ in DerivationBlocks(header: ["[1] a rule"], steps: [["  ✓ Σ yₖ ≈ 1"]]) }
        XCTAssertEqual(try leaks(lesson(derivation, one), derive: values).count, 1)
    }

    func testMultipleChoiceIsNotChecked() throws {
        let choice = "ask: Which?\n- [x] softmax(z) - y\n- [ ] y - softmax(z) -> The sign is flipped."
        XCTAssertEqual(try leaks(lesson("It is softmax(z) - y.", choice)), [])
    }

    // MARK: - The text

    func testTextIsNormalisedAsTheLanguageWritesIt() {
        XCTAssertEqual(LeakText.normalised("diag(p) − ppᵀ  and  p·q × r"), "diag(p)-pp'and p*q*r")
        XCTAssertEqual(LeakText.normalised("∂pᵢ/∂zⱼ = `p_i * (δᵢⱼ − p_j)`"), "∂p_i/∂z_j=p_i*(δ_i_j-p_j)")
        XCTAssertTrue(LeakText.contains("x=0.5,", "0.5"))
        XCTAssertFalse(LeakText.contains("x=10.5", "0.5"))
        XCTAssertFalse(LeakText.contains("x=0.55", "0.5"))
        XCTAssertTrue(LeakText.contains("(p-y)", "p-y"))
        XCTAssertFalse(LeakText.contains("p-y2", "p-y"))
    }

    func testPrintedNumbersAndTheirRounding() {
        let groups = LeakText.numbers(in: "[[0.2247, -0.1598], [1, 2e-3]] and x1 z_2 3")
        XCTAssertEqual(groups.map { $0.map(\.value) }, [[0.2247], [-0.1598], [0.2247, -0.1598], [1], [0.002], [1, 0.002], [0.2247, -0.1598, 1, 0.002], [3]])
        XCTAssertEqual(LeakText.numbers(in: "0.659")[0][0].rounding, 0.00005, accuracy: 1e-12, "four significant digits, the zero dropped")
        XCTAssertEqual(LeakText.numbers(in: "11.21")[0][0].rounding, 0.005, accuracy: 1e-12)
        XCTAssertEqual(LeakText.numbers(in: "1")[0][0].rounding, 0.0005, accuracy: 1e-12, "an integer is not ±0.5")
    }
}

/// Derivations that answer `--format json` with steps in the input syntax, as the engine does, and
/// with a header and a step otherwise.
enum JSONDerivations {
    static var provider: DerivationProvider {
        { arguments, _ in
            if arguments.hasSuffix("--format json") {
                return DerivationBlocks(header: [#"{"definitions": ["p := softmax(z)"], "steps": ["#,
                                                 #"{"expression": "partial(-sum_k(y_k * log(p_k)), z_j)"},"#,
                                                 #"{"expression": "p - y"}]}"#])
            }
            return DerivationBlocks(header: ["a derivation"], steps: [["  ∂/∂zⱼ [−Σₖ yₖ log(pₖ)]"], ["[1] a rule", "  = pⱼ − yⱼ"]])
        }
    }
}
