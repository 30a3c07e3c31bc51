import XCTest
import VectorLang

/// `--ascii` keeps every character that has an ASCII form, as the terms themselves are written.
final class ASCIITextTests: XCTestCase {
    func testSubscriptsKeepTheirUnderscoreAndSuperscriptsTheirCaret() {
        XCTAssertEqual(ASCIIText.spell("∂zₖ/∂zⱼ = δₖⱼ"), "dz_k/dz_j = delta_kj")
        XCTAssertEqual(ASCIIText.spell("Σₖ exp(zₖ)"), "sum_k exp(z_k)")
        XCTAssertEqual(ASCIIText.spell("(Σₖ fₖ)² · Wᵀ · A⁻¹"), "(sum_k f_k)^2 * W^T * A^-1")
        XCTAssertEqual(ASCIIText.spell("uⁿ⁻¹ ≈ 1 ≠ 2 → f′"), "u^(n-1) ~ 1 != 2 -> f'")
    }

    func testAGreekLetterIsSpelledAndACharacterWithoutAFormIsMarked() {
        XCTAssertEqual(ASCIIText.spell("λ·σ(x)"), "lambda*sigmoid(x)")
        XCTAssertEqual(ASCIIText.spell("解"), "?")
    }
}
