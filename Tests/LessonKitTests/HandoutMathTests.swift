import XCTest
@testable import LessonKit

/// The prose's Unicode maths as `$…$` LaTeX, the English and the code around it left as written.
final class HandoutMathTests: XCTestCase {
    func testMathsInSentences() {
        let cases = [
            ("so ∂L/∂z_j is p_j − y_j.", "so $\\partial L/\\partial z_{j}$ is $p_{j} - y_{j}$."),
            ("the matrix diag(p) − ppᵀ.", "the matrix $\\operatorname{diag}(p) - pp^{\\top}$."),
            ("Write S = Σ_k exp(z_k), so p_i = exp(z_i) / S.", "Write $S = \\sum _{k} \\exp (z_{k})$, so $p_{i} = \\exp (z_{i}) / S$."),
            ("the cases i = j and i ≠ j: δ_ij", "the cases $i = j$ and $i \\neq  j$: $\\delta _{ij}$"),
            ("∂qᵢ/∂zⱼ = qᵢ(δᵢⱼ − qⱼ)", "$\\partial q_{i}/\\partial z_{j} = q_{i}(\\delta _{ij} - q_{j})$"),
            ("is a 3×3 matrix", "is a $3\\times 3$ matrix"),
            ("Here p = (0.66, 0.24, 0.10) is far", "Here $p = (0.66, 0.24, 0.10)$ is far"),
            ("as \"p(1 − p)\". Then", "as \"$p(1 - p)$\". Then"),
            ("(so σ(1 − σ) is small)", "(so $\\sigma (1 - \\sigma )$ is small)"),
            ("the log first, and log_softmax(z)_i", "the log first, and $\\operatorname{log\\_softmax}(z)_{i}$"),
            ("S² and x⁻¹", "$S^{2}$ and $x^{-1}$"),
            ("an *emphasised δ_ij* and **p_i**", "an *emphasised $\\delta _{ij}$* and **$p_{i}$**"),
        ]
        for (prose, latex) in cases {
            XCTAssertEqual(HandoutMath.inline(prose), latex, prose)
        }
    }

    func testWordsAndCodeStay() {
        XCTAssertEqual(HandoutMath.inline("A vector is a column — and `p @ p'` a row; a p."), "A vector is a column — and `p @ p'` a row; a p.")
        XCTAssertEqual(HandoutMath.inline("`exp(z) / sum(exp(z))`, or 1 for each"), "`exp(z) / sum(exp(z))`, or 1 for each")
        XCTAssertEqual(HandoutMath.inline("it goes up → down ✓"), "it goes up $\\to$ down $\\checkmark$")
    }

    func testStructureAndFencesAreKept() {
        let text = """
            ## One formula: diag(p) − ppᵀ

            - i = j: p_i(1 − p_i), on the diagonal;
            2. the *Kronecker delta* δ_ij
            > quoted σ

            ```text
            kept ∂ as written
            ```
            """
        XCTAssertEqual(HandoutMath.markdown(text), """
            ## One formula: $\\operatorname{diag}(p) - pp^{\\top}$

            - $i = j$: $p_{i}(1 - p_{i})$, on the diagonal;
            2. the *Kronecker delta* $\\delta _{ij}$
            > quoted $\\sigma$

            ```text
            kept ∂ as written
            ```
            """)
    }
}
