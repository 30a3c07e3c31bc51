import XCTest
import VectorLang
@testable import Derivation

/// Sums bind their index: equality ignores the letter, substitution never captures, no letter is bound
/// twice on one path, and printing picks letters that read back with the same meaning.
final class BinderTests: XCTestCase {
    let i = Index("i"), j = Index("j"), k = Index("k"), m = Index("m")

    func testEqualityIgnoresTheBoundLetter() {
        let a = Term.indexSum(k, .indexed("z", [k]))
        let b = Term.indexSum(m, .indexed("z", [m]))
        XCTAssertEqual(a, b)
        XCTAssertEqual(a.hashValue, b.hashValue)
        XCTAssertEqual(Set([a, b]).count, 1)
        // Nested sums: the order of binders matters, their letters do not.
        let w1 = Term.indexSum(k, .indexSum(m, .indexed("W", [k, m])))
        let w2 = Term.indexSum(m, .indexSum(k, .indexed("W", [m, k])))
        let w3 = Term.indexSum(m, .indexSum(k, .indexed("W", [k, m])))
        XCTAssertEqual(w1, w2)
        XCTAssertNotEqual(w1, w3)
        // A free index is not a bound one.
        XCTAssertNotEqual(Term.indexSum(k, .indexed("z", [k])), Term.indexSum(k, .indexed("z", [i])))
    }

    func testRenamingNeverCaptures() {
        // Σₖ zₖ·wᵢ with i renamed to k is Σₘ zₘ·wₖ, not Σₖ zₖ·wₖ.
        let term = Term.indexSum(k, .indexed("z", [k]) * .indexed("w", [i]))
        let renamed = term.renaming(i, to: k)
        XCTAssertEqual(renamed.freeIndices, [k])
        XCTAssertEqual(renamed, Term.indexSum(m, .indexed("z", [m]) * .indexed("w", [k])))
        XCTAssertNotEqual(renamed, Term.indexSum(k, .indexed("z", [k]) * .indexed("w", [k])))
    }

    func testReplacingNeverCaptures() {
        // Replacing wᵢ by xₖ inside Σₖ: the k that comes in is free, so the binder steps aside.
        let term = Term.indexSum(k, .indexed("z", [k]) * .indexed("w", [i]))
        let replaced = term.replacing(.indexed("w", [i]), with: .indexed("x", [k]))
        XCTAssertEqual(replaced.freeIndices, [k])
        XCTAssertEqual(replaced, Term.indexSum(m, .indexed("z", [m]) * .indexed("x", [k])))
    }

    func testNoLetterIsBoundTwiceOnAPath() {
        let inner = Term.indexSum(k, .exp(.indexed("z", [k])))
        let outer = Term.indexSum(k, .indexed("y", [k]) * .log(.quotient(.exp(.indexed("z", [k])), inner)))
        XCTAssertNil(outer.letterBoundTwiceOnAPath)
        XCTAssertEqual(outer.freeIndices, [])
    }

    func testPrintingChoosesLettersThatReadBack() {
        // Σ over i inside a term where i is also free: printed with another letter.
        let term = Term.indexed("z", [i]) * .indexSum(i, .indexed("z", [i]))
        let text = TermRenderer(.input).render(term)
        XCTAssertEqual(text, "z_i * sum_k(z_k)")
    }

    /// Inputs the first engine got wrong through captured or confused letters: each is derived and
    /// checked against the input as typed, and no step binds a letter twice.
    func testFormerCapturesDeriveCorrectly() throws {
        let cases: [(String, String, [String])] = [
            ("softmax(z)_i", "z_k", ["z = [0.5, -1.2, 2]"]),
            ("sum_k(delta(k, i) * sum_i(z_i * z_k))", "z_j", ["z = [0.5, -1.2, 2]"]),
            ("sum_k(z_k * sum_m(z_m * z_k))", "z_m", ["z = [0.3, 1.1, -0.4]"]),
            ("-sum_k(softmax(t)_k * log(softmax(z)_k))", "z_j", ["z = [0.5, -1.2, 2]", "t = [1, 0, -1]"]),
        ]
        for (input, wrt, bindings) in cases {
            let session = Session()
            for line in bindings { _ = session.submit(line) }
            let request = try Derivations.derive(input, wrt: wrt)
            let report = NumericCheck(environment: session.environment, request: request).report()
            XCTAssertTrue(request.result.complete, input)
            XCTAssertTrue(report.agrees, "\(input): differs by \(report.largestStepDifference ?? .nan); \(report.problem ?? "")")
            XCTAssertTrue(report.failures.allSatisfy { $0 == nil }, "\(input): \(report.failures)")
            for step in request.result.steps {
                XCTAssertNil(step.expression.letterBoundTwiceOnAPath, "\(input): \(TermRenderer(.input).render(step.expression))")
            }
        }
    }
}
