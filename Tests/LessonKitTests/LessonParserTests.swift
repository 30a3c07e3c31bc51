import XCTest
import VectorLang
@testable import LessonKit

final class LessonParserTests: XCTestCase {
    static let small = """
    # Softmax in one step

    - minutes: 12
    - skip: no

    What softmax does.

    ## Numbers first

    Softmax turns scores into probabilities.

    ```jacobi setup
    z = [2, 1, 0.1]
    ```

    ```jacobi
    p = softmax(z)
    sum(p)
    ```

    ```python
    # not Jacobi: shown as text
    np.exp(z) / np.exp(z).sum()
    ```

    ## A derivation and a question

    ```jacobi derive
    :derive softmax --at z=[2,1,0.1]
    ```

    ```jacobi question
    ask: Write the diagonal of the Jacobian
      as an expression in p.
    expect: p * (1 - p)
    equivalent: p - p^2
    vary: z, y onehot, x in 0.1..3, q simplex
    points: 4
    tolerance: 0.5%
    hint: first hint
    hint: second hint
    mistake: p -> That is p itself.
    mistake: grad(z -> sum(z), z) -> A function inside a mistake.
    explain: Because p_i depends on z_i twice.
    forbid: jacobian, numjacobian
    skip: yes
    ```

    ```jacobi question
    ask: Pick one.
    - [ ] wrong -> Not this.
    - [x] right
    ```
    """

    func testParsesEveryPart() throws {
        let lesson = try LessonParser.parse(Self.small, file: "Lessons/03-softmax-small.md")
        XCTAssertEqual(lesson.name, "softmax-small")
        XCTAssertEqual(lesson.number, 3)
        XCTAssertEqual(lesson.title, "Softmax in one step")
        XCTAssertEqual(lesson.minutes, 12)
        XCTAssertFalse(lesson.skipAllowed)
        XCTAssertEqual(lesson.summary, "What softmax does.")
        XCTAssertEqual(lesson.steps.map(\.title), ["Numbers first", "A derivation and a question"])
        XCTAssertEqual(lesson.steps.map(\.line), [8, 26])

        let first = lesson.steps[0].parts
        XCTAssertEqual(first.count, 4)
        guard case .narrative(let text, let line) = first[0] else { return XCTFail("\(first[0])") }
        XCTAssertEqual(text, "Softmax turns scores into probabilities.")
        XCTAssertEqual(line, 10)
        guard case .setup(let setup) = first[1] else { return XCTFail("\(first[1])") }
        XCTAssertEqual(setup, [SourceLine("z = [2, 1, 0.1]", line: 13)])
        guard case .demo(let demo) = first[2] else { return XCTFail("\(first[2])") }
        XCTAssertEqual(demo.map(\.text), ["p = softmax(z)", "sum(p)"])
        XCTAssertEqual(demo.map(\.line), [17, 18])
        guard case .narrative(let python, _) = first[3] else { return XCTFail("\(first[3])") }
        XCTAssertTrue(python.hasPrefix("```python\n# not Jacobi"), python)
        XCTAssertTrue(python.hasSuffix("```"), python)

        let second = lesson.steps[1].parts
        guard case .derivation(let arguments, let derivationLine) = second[0] else { return XCTFail("\(second[0])") }
        XCTAssertEqual(arguments, "softmax --at z=[2,1,0.1]")
        XCTAssertEqual(derivationLine, 29)
        guard case .question(let q) = second[1] else { return XCTFail("\(second[1])") }
        XCTAssertEqual(q.line, 32)
        XCTAssertEqual(q.prompt, "Write the diagonal of the Jacobian\nas an expression in p.")
        XCTAssertEqual(q.kind, .expression(expected: "p * (1 - p)"))
        XCTAssertEqual(q.answerLine, 35)
        XCTAssertEqual(q.equivalents, [SourceLine("p - p^2", line: 36)])
        XCTAssertEqual(q.variations, [
            Variation(name: "z", line: 37), Variation(name: "y", distribution: .onehot, line: 37),
            Variation(name: "x", distribution: .uniform(lower: 0.1, upper: 3), line: 37), Variation(name: "q", distribution: .simplex, line: 37),
        ])
        XCTAssertEqual(q.points, 4)
        XCTAssertEqual(q.tolerance, .relative(0.005))
        XCTAssertEqual(q.hints, ["first hint", "second hint"])
        XCTAssertEqual(q.mistakes, [
            Mistake(expression: "p", feedback: "That is p itself.", line: 42),
            Mistake(expression: "grad(z -> sum(z), z)", feedback: "A function inside a mistake.", line: 43),
        ])
        XCTAssertEqual(q.explanation, "Because p_i depends on z_i twice.")
        XCTAssertEqual(q.rules.forbid, [NameRule("jacobian"), NameRule("numjacobian")])
        XCTAssertEqual(q.skipAllowed, true)
        guard case .question(let choice) = second[2] else { return XCTFail("\(second[2])") }
        XCTAssertEqual(choice.kind, .choice([
            Choice(text: "wrong", isCorrect: false, feedback: "Not this.", line: 51),
            Choice(text: "right", isCorrect: true, line: 52),
        ]))
        XCTAssertEqual(choice.answerText, "2. right")
    }

    func testNamesFromFiles() {
        XCTAssertTrue(LessonParser.nameAndNumber(ofFile: "Lessons/01-tour.md") == (1, "tour"))
        XCTAssertTrue(LessonParser.nameAndNumber(ofFile: "extra.md") == (nil, "extra"))
        XCTAssertTrue(LessonParser.nameAndNumber(ofFile: "2024.md") == (nil, "2024"))
    }

    func testWindowsLineEndingsAndByteOrderMark() throws {
        let text = "\u{FEFF}" + Self.small.replacing("\n", with: "\r\n")
        let lesson = try LessonParser.parse(text, file: "crlf.md")
        XCTAssertEqual(lesson.steps.count, 2)
        XCTAssertEqual(lesson.steps[1].questions.first?.kind, .expression(expected: "p * (1 - p)"))
    }

    /// The README's complete small example is a valid lesson, and it passes the author's check.
    func testReadmeExampleIsAValidLesson() throws {
        let readme = try String(contentsOfFile: Paths.lessons + "/README.md", encoding: .utf8)
        let start = try XCTUnwrap(readme.firstRange(of: "````markdown\n"))
        let end = try XCTUnwrap(readme[start.upperBound...].firstRange(of: "\n````"))
        let example = String(readme[start.upperBound..<end.lowerBound])
        let lesson = try LessonParser.parse(example, file: "README example")
        XCTAssertEqual(lesson.steps.count, 3)
        let report = LessonChecker(derive: FakeDerivations.provider).check(lesson)
        XCTAssertTrue(report.passed, report.text)
    }

    // MARK: - Malformed lessons

    /// Each malformed lesson fails with its line and a message saying what was expected.
    func testMalformedLessonsNameFileLineAndExpectation() {
        let cases: [(text: String, line: Int, message: String)] = [
            ("", 1, "expected the lesson's title as '# Title' on the first line"),
            ("Title without hash\n", 1, "expected the lesson's title as '# Title'"),
            ("# T\n\nSummary\n\n## S\n\ntext\n", 1, "expected '- minutes: N'"),
            ("# T\n- minutes: soon\n", 2, "expected a whole number of minutes, such as '- minutes: 15'; got 'soon'"),
            ("# T\n- minutes: 5\n- level: hard\n", 3, "unknown metadata 'level'; expected one of: minutes, skip"),
            ("# T\n- minutes: 5\n- skip: maybe\n", 3, "expected '- skip: yes' or '- skip: no'"),
            ("# T\n- minutes: 5\n\nNo steps here.\n", 4, "expected at least one step"),
            ("# T\n- minutes: 5\n\n```jacobi\nz = 1\n```\n", 4, "expected a '## ' step heading before the first fenced block"),
            ("# T\n- minutes: 5\n\n## S\n\n# Another title\n", 6, "a lesson has one '# ' title"),
            ("# T\n- minutes: 5\n\n## S\n\n```jacobi\nz = 1\n", 6, "this ``` block is never closed"),
            ("# T\n- minutes: 5\n\n## S\n## Empty above\ntext\n", 4, "step 'S' is empty"),
            ("# T\n- minutes: 5\n\n## S\n```jacobi show\nz\n```\n", 5, "unknown block kind 'jacobi show'; expected one of: jacobi demo, jacobi setup, jacobi derive, jacobi question"),
            ("# T\n- minutes: 5\n\n## S\n```jacobi\n\nz = [1, 2\n```\n", 7, "a bracket opened on this line is never closed"),
            ("# T\n- minutes: 5\n\n## S\n```jacobi\nz = 1\nz = = 2\n```\n", 7, "expected Jacobi in this demo line"),
            ("# T\n- minutes: 5\n\n## S\n```jacobi setup\n```\n", 5, "this jacobi setup block is empty"),
            ("# T\n- minutes: 5\n\n## S\n```jacobi derive\n```\n", 5, "expected the derivation inside the block"),
            ("# T\n- minutes: 5\n\n## S\n```jacobi derive\nsoftmax\ntanh\n```\n", 7, "a jacobi derive block holds one derivation"),
            ("# T\n- minutes: 5\n\n## S\n```jacobi question\nexpect: 1\n```\n", 5, "expected 'ask:' with the question's text"),
            ("# T\n- minutes: 5\n\n## S\n```jacobi question\nask: What?\n```\n", 5, "expected 'expect: EXPRESSION' with the answer, or choices"),
            ("# T\n- minutes: 5\n\n## S\n```jacobi question\nask: What?\nexpect: (1 +\n```\n", 7, "expected an expression after 'expect:'"),
            ("# T\n- minutes: 5\n\n## S\n```jacobi question\nask: What?\nanswer: 1\n```\n", 7, "unknown question field 'answer'; expected one of: ask, expect, equivalent, vary"),
            ("# T\n- minutes: 5\n\n## S\n```jacobi question\nask: What?\nask: Again?\nexpect: 1\n```\n", 7, "a second 'ask:' (the first is on line 6)"),
            ("# T\n- minutes: 5\n\n## S\n```jacobi question\nask: What?\nexpect: 1\nmistake: 2\n```\n", 8, "expected 'mistake: EXPRESSION -> feedback', with the feedback after ' -> '"),
            ("# T\n- minutes: 5\n\n## S\n```jacobi question\nask: What?\nexpect: 1\nmistake: (2 -> no\n```\n", 8, "the expression does not parse"),
            ("# T\n- minutes: 5\n\n## S\n```jacobi question\nask: What?\nexpect: 1\nvary: z in 3..1\n```\n", 8, "expected a range such as 'in -3..3' after 'z'"),
            ("# T\n- minutes: 5\n\n## S\n```jacobi question\nask: What?\nexpect: 1\nvary: 2z\n```\n", 8, "expected 'vary: NAME' items"),
            ("# T\n- minutes: 5\n\n## S\n```jacobi question\nask: What?\nexpect: 1\ntolerance: -1\n```\n", 8, "expected a positive tolerance such as '1e-4' or '0.5%'"),
            ("# T\n- minutes: 5\n\n## S\n```jacobi question\nask: What?\nexpect: 1\npoints: 99\n```\n", 8, "expected a number of random points from 0 to 20"),
            ("# T\n- minutes: 5\n\n## S\n```jacobi question\nask: Pick.\n- [x] a\n- [x] b\n```\n", 8, "expected exactly one right choice marked '- [x]'; found 2"),
            ("# T\n- minutes: 5\n\n## S\n```jacobi question\nask: Pick.\n- [x] a\n```\n", 7, "expected at least two choices"),
            ("# T\n- minutes: 5\n\n## S\n```jacobi question\nask: Pick.\n- [?] a\n- [x] b\n```\n", 7, "expected ' ' or 'x' between the brackets of a choice"),
            ("# T\n- minutes: 5\n\n## S\n```jacobi question\nask: Pick.\nexpect: 1\n- [ ] a\n- [x] b\n```\n", 7, "a question has either 'expect:' or choices, not both"),
            ("# T\n- minutes: 5\n\n## S\n```jacobi question\nask: Pick.\n- [ ] a\n- [x] b\nmistake: 1 -> no\n```\n", 9, "'mistake:' applies to typed answers, not to choices"),
            ("# T\n- minutes: 5\n\n## S\n```jacobi question\n  indented first\nask: What?\nexpect: 1\n```\n", 6, "expected a field such as 'ask:' before an indented continuation line"),
            ("# T\n- minutes: 5\n\n## S\n```jacobi question\nask: What?\nexpect: 1\njust words\n```\n", 8, "expected 'field: value'"),
        ]
        for (text, line, message) in cases {
            do {
                _ = try LessonParser.parse(text, file: "Lessons/09-bad.md")
                XCTFail("parsed, but should fail at line \(line) with \(message):\n\(text)")
            } catch {
                XCTAssertEqual(error.file, "Lessons/09-bad.md")
                XCTAssertEqual(error.line, line, "\(error) for:\n\(text)")
                XCTAssertTrue(error.message.contains(message), "\(error)\nexpected: \(message)")
                XCTAssertTrue(error.description.hasPrefix("Lessons/09-bad.md:\(line): "), error.description)
            }
        }
    }

    /// A lesson directory with a broken file lists the others and reports the broken one by file and line.
    func testLibraryKeepsGoodLessonsAndReportsBadOnes() {
        let library = LessonLibrary(sources: [
            ("b/02-second.md", "# Second\n- minutes: 5\n\n## S\ntext\n"),
            ("b/01-first.md", "# First\n- minutes: 5\n\n## S\ntext\n"),
            ("b/03-broken.md", "# Broken\n"),
        ])
        XCTAssertEqual(library.names, ["first", "second"])
        XCTAssertEqual(library.errors.map(\.description), ["b/03-broken.md:1: expected '- minutes: N' (how long the lesson takes) in a list under the title"])
        XCTAssertEqual(library.lesson(named: "2")?.title, "Second")
        XCTAssertEqual(library.lesson(named: "01-first")?.title, "First")
        XCTAssertEqual(library.lesson(named: "second")?.title, "Second")
        XCTAssertNil(library.lesson(named: "third"))
    }
}
