/// Names in index notation, read off an identifier's spelling: `z_i`, `W_ij`, `z_10`, `δ_ij`, `sum_k`.
///
/// The lexer keeps `z_i` as one identifier (so `log_softmax` and a user's `y_hat` stay names); whether
/// it means "element i of z" is decided when the name is not bound, by these helpers.
public enum IndexedName {
    /// One subscript of an indexed name: an index letter, or a literal 1-based position (`z_3`).
    public enum Subscript: Equatable, Sendable {
        case letter(String, range: SourceRange)
        case position(Int, range: SourceRange)
    }

    /// The split of `base_suffix` at its last underscore, with the suffix read as subscripts.
    public struct Parts: Sendable {
        public let base: String
        public let subscripts: [Subscript]
        /// The subscripts as written after the underscore (`ij`, `10`), for messages.
        public let suffix: String

        /// The index letters among the subscripts.
        public var letters: [String] {
            subscripts.compactMap { if case .letter(let l, _) = $0 { return l } else { return nil } }
        }

        /// Whether the base names the Kronecker delta (`δ_ij`, `delta_ij`).
        public var isDelta: Bool { base == "δ" || base == "delta" }
    }

    /// `z_ij` → base `z`, subscripts `i`, `j`; `z_10` → base `z`, position 10. Nil when the name is not of
    /// that form: no underscore, nothing after it, or a suffix mixing letters and digits (`x_1a`).
    ///
    /// Letters are lowercase ASCII, one per dimension; digits are one position (so `z_12` is element 12,
    /// never row 1 column 2: a matrix element by number is written `W_{1,2}` or `W[1, 2]`), except for
    /// the delta, which always has two (`δ_12` is 0).
    public static func parse(_ name: String, range: SourceRange) -> Parts? {
        let scalars = Array(name.unicodeScalars)
        guard let underscore = scalars.lastIndex(of: "_"), underscore > 0, underscore < scalars.count - 1 else { return nil }
        let base = String(String.UnicodeScalarView(scalars[..<underscore]))
        let suffix = Array(scalars[(underscore + 1)...])
        let first = range.start + underscore + 1
        if suffix.allSatisfy(isIndexLetter) {
            let subscripts = suffix.enumerated().map { offset, c in
                Subscript.letter(String(Character(c)), range: SourceRange(first + offset, first + offset + 1))
            }
            return Parts(base: base, subscripts: subscripts, suffix: String(String.UnicodeScalarView(suffix)))
        }
        if base == "δ" || base == "delta", suffix.count == 2, suffix.allSatisfy(Lexer.isDigit) {
            // δ_12: the delta always has two indices, so two digits are two positions.
            let subscripts = suffix.enumerated().map { offset, c in
                Subscript.position(Int(c.value - 48), range: SourceRange(first + offset, first + offset + 1))
            }
            return Parts(base: base, subscripts: subscripts, suffix: String(String.UnicodeScalarView(suffix)))
        }
        if suffix.allSatisfy(Lexer.isDigit), suffix.count <= 15, let n = Int(String(String.UnicodeScalarView(suffix))) {
            return Parts(base: base, subscripts: [.position(n, range: SourceRange(first, range.end))], suffix: String(n))
        }
        return nil
    }

    /// The summation letter of `sum_k`, `Σ_k` or `∑_k`; nil for any other name.
    public static func summationLetter(_ name: String) -> String? {
        for prefix in ["sum_", "Σ_", "∑_"] where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            if rest.unicodeScalars.count == 1, let c = rest.unicodeScalars.first, isIndexLetter(c) { return String(rest) }
        }
        return nil
    }

    /// A letter that can be an index: one lowercase ASCII letter.
    static func isIndexLetter(_ c: Unicode.Scalar) -> Bool { c >= "a" && c <= "z" }

    /// Whether a whole name is a single index letter (`i`, `k`).
    static func isIndexLetter(_ name: String) -> Bool {
        name.unicodeScalars.count == 1 && name.unicodeScalars.first.map(isIndexLetter) == true
    }
}
