import XCTest
import VectorLang
@testable import Derivation

/// No letter is special: the same derivation with every variable name and index letter permuted
/// (into p, q, y, W, T, k, m, …) has the same steps, up to that renaming.
final class RenamingTests: XCTestCase {
    /// Derives `input` and its renaming and compares them step by step; returns a failure message or nil.
    static func compare(_ input: String, wrt: String?, entry: CatalogEntry? = nil) -> String? {
        let renaming = LetterRenaming(for: input, wrt: wrt)
        let renamedInput = renaming.apply(to: input)
        let renamedWrt = wrt.map { renaming.apply(to: $0) }
        let original: DerivationResult, renamed: DerivationResult
        do {
            if let entry {
                original = try entry.derive().result
                let moved = CatalogEntry(name: entry.name, title: entry.title, summary: entry.summary, input: renamedInput,
                                         wrt: renamedWrt, cites: entry.cites, assumes: entry.assumes.map { renaming.apply(to: $0) },
                                         notes: entry.notes, example: [])
                renamed = try moved.derive().result
            } else {
                original = try Derivations.derive(input, wrt: wrt).result
                renamed = try Derivations.derive(renamedInput, wrt: renamedWrt).result
            }
        } catch {
            return "\(input) → \(renamedInput): \(error)"
        }
        guard original.steps.count == renamed.steps.count else {
            return "\(input) → \(renamedInput): \(original.steps.count) steps, renamed \(renamed.steps.count)"
        }
        // Names given to parts are chosen afresh: pair them by meaning, renamed.
        var parts: [String: String] = [:]
        for d in original.definitions {
            let meaning = d.meaning.mappingNames { parts[$0] ?? renaming.apply(to: $0) }
            guard let twin = renamed.definitions.first(where: { $0.meaning == meaning }) else {
                return "\(input): no renamed definition for \(d.name) = \(d.meaning) (as \(meaning))"
            }
            parts[d.name] = twin.name
        }
        let r = TermRenderer(.input)
        for (n, (a, b)) in zip(original.steps, renamed.steps).enumerated() {
            guard a.rule == b.rule else { return "\(input) step \(n): rule \(a.rule) vs \(b.rule)" }
            let expected = renaming.apply(to: a.expression, extraNames: parts)
            guard expected == b.expression else {
                return "\(input) step \(n) (\(a.rule)): expected \(r.render(expected)), got \(r.render(b.expression))"
            }
        }
        return nil
    }

    func testCatalogEntriesDoNotDependOnTheirLetters() {
        for entry in Catalog.entries {
            if let failure = Self.compare(entry.input, wrt: entry.wrt, entry: entry) { XCTFail(failure) }
        }
    }

    func testTypedExpressionsDoNotDependOnTheirLetters() {
        for (input, wrt) in StepEqualityTests.typed {
            if let failure = Self.compare(input, wrt: wrt) { XCTFail(failure) }
        }
    }

    func testTheRenamingIsAPermutationThatMovesLetters() {
        let renaming = LetterRenaming(for: "cross_entropy(softmax(z), y) + sum_k(z_k)", wrt: "z_j")
        XCTAssertEqual(renaming.apply(to: "cross_entropy(softmax(z), y) + sum_k(z_k)"), "cross_entropy(softmax(p), q) + sum_m(p_m)")
        XCTAssertEqual(renaming.apply(to: "z_j"), "p_i")
    }
}

private extension String {
    /// Every whole identifier replaced by `rename` (a definition's meaning mentions earlier parts and inputs).
    func mappingNames(_ rename: (String) -> String) -> String {
        var out = "", word = ""
        for c in self {
            if c.isLetter || c.isNumber || c == "_" { word.append(c) } else { out += word.isEmpty ? "" : rename(word); word = ""; out.append(c) }
        }
        return out + (word.isEmpty ? "" : rename(word))
    }
}
