import XCTest

/// A `derive:` question on a pipe (`jacobi lesson 3 < answers`): the steps are collected and a blank
/// line checks them; it does not mean `:next` while steps are being typed.
final class LessonDerivationCommandLineTests: CommandLineTestCase {
    func testABlankLineEndsTheDerivationOnAPipe() throws {
        let answers = [
            "-p[1] * p[2]", "",
            "p_i * (delta(i, j) - p_j)",
            "= partial(exp(z_i) / sum_k(exp(z_k)), z_j)",
            "= p_i * p_j - p_i * delta(i, j)",
            "",
            "= p_i * delta(i, j) - p_i * p_j",
            "",
            ":quit",
        ]
        let run = try jacobi(["lesson", "3"], input: answers.joined(separator: "\n") + "\n")
        XCTAssertEqual(run.status, 0, run.err)
        XCTAssertTrue(run.out.contains("""
            lesson 3·2> = partial(exp(z_i) / sum_k(exp(z_k)), z_j)
            lesson 3·2> = p_i * p_j - p_i * delta(i, j)
            lesson 3·2>
            ✓ 1  = partial(exp(z_i) / sum_k(exp(z_k)), z_j)
            ✗ 2  = p_i * p_j - p_i * delta(i, j)
                 differs from the line before at i = 1, j = 1: -0.227 vs 0.227
                 diagnosis: sign: this line is minus the line before
            ✗ Not yet. Step 2 does not follow from the line before it.
            lesson 3·2> = p_i * delta(i, j) - p_i * p_j
            lesson 3·2>
            ✓ 1  = p_i * delta(i, j) - p_i * p_j
            ✓ Correct.
            """), run.out)
        // The blank lines checked the steps: the step stayed 2 until the derivation was right.
        XCTAssertFalse(run.out.contains("── Step 3 of 9"), run.out)
        XCTAssertTrue(run.out.contains("jacobi> :derive softmax --at z=[2,1,0.1]"), run.out)
    }
}

extension LessonDerivationCommandLineTests {
    /// The handout shows where the derivation starts; only the teacher's shows the result.
    func testTheHandoutShowsTheStartAndTheTeachersTheResult() throws {
        let start = "Derive, a step per line starting with `=`, from:\n\n```\np := softmax(z)\nassume sum(y) = 1\npartial(-sum_k(y_k * log(p_k)), z_j)\n```"
        let student = try jacobi(["present", "4", "--export", "markdown"])
        XCTAssertEqual(student.status, 0, student.err)
        XCTAssertTrue(student.out.contains(start), student.out)
        XCTAssertFalse(student.out.contains("**Answer:** `p_j - y_j`"), student.out)
        let teacher = try jacobi(["present", "4", "--export", "markdown", "--teacher"])
        XCTAssertTrue(teacher.out.contains(start + "\n\n**Answer:** `p_j - y_j`"), teacher.out)
    }
}
