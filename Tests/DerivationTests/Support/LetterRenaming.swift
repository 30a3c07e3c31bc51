import Foundation
import VectorLang
@testable import Derivation

/// A renaming of the letters a person chose: variable names and index letters, applied to typed input
/// and to terms, for the test that no letter is special.
struct LetterRenaming {
    var names: [String: String]
    var indices: [String: String]

    /// A permutation of the input's own names and letters onto others, including p, q, y, k, m, W, T.
    init(for input: String, wrt: String?) {
        var variables: [String] = [], letters: [String] = []
        // The arguments of delta(a, b) are index letters.
        for match in (try? NSRegularExpression(pattern: "delta\\(\\s*([a-z])\\s*,\\s*([a-z])\\s*\\)"))?
            .matches(in: input, range: NSRange(input.startIndex..., in: input)) ?? [] {
            for group in 1...2 {
                if let r = Range(match.range(at: group), in: input), !letters.contains(String(input[r])) { letters.append(String(input[r])) }
            }
        }
        for word in LetterRenaming.words(in: input + " " + (wrt ?? "")) {
            LetterRenaming.split(word, builtin: { Builtins.named[$0] != nil }, variable: { v in
                if !variables.contains(v) { variables.append(v) }
            }, letter: { l in
                if !letters.contains(l) { letters.append(l) }
            })
        }
        // Single letters used as delta arguments are index letters too.
        variables.removeAll { letters.contains($0) }
        // Names and letters go to disjoint sets, so a scalar never shares a letter with an index.
        let nameTargets = ["p", "q", "y", "W", "T", "v", "w", "u", "A", "B", "C"].filter { !variables.contains($0) } + variables
        let letterTargets = ["k", "m", "i", "j", "n", "l", "r", "s", "t"].filter { !letters.contains($0) } + letters
        names = Dictionary(uniqueKeysWithValues: zip(variables, nameTargets))
        indices = Dictionary(uniqueKeysWithValues: zip(letters, letterTargets))
    }

    static func words(in text: String) -> [String] {
        var words: [String] = [], word = ""
        for c in text {
            if c.isLetter || c.isNumber || c == "_" { word.append(c) } else { if !word.isEmpty { words.append(word) }; word = "" }
        }
        if !word.isEmpty { words.append(word) }
        return words
    }

    /// Calls back for each variable name and index letter in one identifier.
    static func split(_ word: String, builtin: (String) -> Bool, variable: (String) -> Void, letter: (String) -> Void) {
        if word.hasPrefix("_") { word.dropFirst().filter(\.isLowercase).map(String.init).forEach(letter); return }
        guard let first = word.first, first.isLetter else { return }
        if builtin(word) { return }
        if word.hasSuffix("_") { variable(String(word.dropLast())); return }
        if let k = IndexedName.summationLetter(word) { letter(k); return }
        if let parts = IndexedName.parse(word, range: SourceRange(0, word.unicodeScalars.count)) {
            if !parts.isDelta { variable(parts.base) }
            parts.letters.forEach(letter)
            return
        }
        if builtin(word) { return }
        if word.count == 1, word.first?.isLowercase == true, let c = word.unicodeScalars.first, ("a"..."z").contains(c) {
            // A lone lowercase letter may be an index (delta(i, j)); decided by the caller's other uses.
            variable(word)
            return
        }
        variable(word)
    }

    /// The text with every name and letter replaced; builtins and numbers stay.
    func apply(to text: String) -> String {
        var out = "", word = ""
        func flush() {
            out += rename(word)
            word = ""
        }
        for c in text {
            if c.isLetter || c.isNumber || c == "_" { word.append(c) } else { flush(); out.append(c) }
        }
        flush()
        return out
    }

    private func rename(_ word: String) -> String {
        if word.hasPrefix("_") { return "_" + word.dropFirst().map { indices[String($0)] ?? String($0) }.joined() }
        guard let first = word.first, first.isLetter else { return word }
        if Builtins.named[word] != nil { return word }
        if word.hasSuffix("_") { return (names[String(word.dropLast())] ?? String(word.dropLast())) + "_" }
        if let k = IndexedName.summationLetter(word) { return String(word.dropLast(k.count)) + (indices[k] ?? k) }
        if let parts = IndexedName.parse(word, range: SourceRange(0, word.unicodeScalars.count)) {
            let base = parts.isDelta ? parts.base : (names[parts.base] ?? parts.base)
            return base + "_" + parts.suffix.map { indices[String($0)] ?? String($0) }.joined()
        }
        if Builtins.named[word] != nil { return word }
        return indices[word] ?? names[word] ?? word
    }

    /// The same renaming on a term: names, and free indices (bound ones are equal whatever their letter).
    func apply(to term: Term, extraNames: [String: String] = [:]) -> Term {
        let allNames = names.merging(extraNames) { a, _ in a }
        func index(_ i: Index) -> Index { Index(indices[i.name] ?? i.name) }
        func visit(_ t: Term, bound: Set<Index>) -> Term {
            func map(_ i: Index) -> Index { bound.contains(i) ? i : index(i) }
            switch t {
            case .symbol(let s): return .symbol(allNames[s] ?? s)
            case .indexed(let s, let ix): return .indexed(allNames[s] ?? s, ix.map(map))
            case .delta(let a, let b): return .kronecker(map(a), map(b))
            case .sum(let k, let body):
                // A bound letter is renamed out of the way of every target letter first.
                let fresh = Index("#\(bound.count)")
                return .sum(fresh, visit(body.renaming(k, to: fresh), bound: bound.union([fresh])))
            case .partial(let body, let v):
                return .partial(visit(body, bound: bound), Variable(allNames[v.name] ?? v.name, v.indices.map(map)))
            default:
                let kids = t.children
                return kids.isEmpty ? t : t.with(children: kids.map { visit($0, bound: bound) })
            }
        }
        return visit(term, bound: [])
    }
}
