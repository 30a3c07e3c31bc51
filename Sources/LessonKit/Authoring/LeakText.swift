/// Text and numbers as the leak check compares them.
///
/// A learner reads `p − y`, `ppᵀ` and `` `p - y` `` as the same thing as the answer `p - y`, so the
/// check writes both sides the way the language does before looking for one in the other.
enum LeakText {
    /// The text with the Unicode operators written as the language writes them (− · × ᵀ ² and
    /// subscripts), backticks dropped, and whitespace removed except one space between two words.
    static func normalised(_ text: String) -> String {
        var mapped = ""
        for character in text {
            if let replacement = replacements[character] { mapped += replacement } else { mapped.append(character) }
        }
        var result = ""
        var pendingSpace = false
        for character in mapped {
            if character.isWhitespace {
                pendingSpace = true
                continue
            }
            if pendingSpace, let last = result.last, isWord(last), isWord(character) { result.append(" ") }
            pendingSpace = false
            result.append(character)
        }
        return result
    }

    private static let replacements: [Character: String] = [
        "−": "-", "·": "*", "⋅": "*", "×": "*", "∗": "*", "ᵀ": "'", "⊤": "'", "′": "'", "’": "'",
        "²": "^2", "³": "^3", "`": "",
        "ᵢ": "_i", "ⱼ": "_j", "ₖ": "_k", "ₗ": "_l", "ₘ": "_m", "ₙ": "_n", "ₐ": "_a", "ᵣ": "_r",
        "₀": "_0", "₁": "_1", "₂": "_2", "₃": "_3", "₄": "_4", "₅": "_5", "₆": "_6", "₇": "_7", "₈": "_8", "₉": "_9",
    ]

    static func isWord(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_"
    }

    /// Whether `needle` occurs in `haystack` as a whole: not inside a longer name or number
    /// (`p - y` is not in `p - y2`, `0.5` is not in `10.5`). Both are normalised already.
    static func contains(_ haystack: String, _ needle: String) -> Bool {
        guard !needle.isEmpty, let first = needle.first, let last = needle.last else { return false }
        var searchStart = haystack.startIndex
        while let range = haystack[searchStart...].firstRange(of: needle) {
            let before = range.lowerBound > haystack.startIndex ? haystack[haystack.index(before: range.lowerBound)] : nil
            let after = range.upperBound < haystack.endIndex ? haystack[range.upperBound] : nil
            let openStart = !isWord(first) || before.map { !isWord($0) && !($0 == "." && first.isNumber) } ?? true
            let openEnd = !isWord(last) || after.map { !isWord($0) && !($0 == "." && last.isNumber) } ?? true
            if openStart, openEnd { return true }
            searchStart = haystack.index(after: range.lowerBound)
        }
        return false
    }

    // MARK: - Printed numbers

    /// A number as printed, with how far the value behind it may be from it.
    struct Printed: Equatable {
        var value: Double
        /// Half a unit in the last place the printer kept: the printer shows four significant digits
        /// and drops trailing zeros, so `0.659` stands for anything in 0.659 ± 0.00005.
        var rounding: Double
    }

    /// The numbers of printed output, as candidates: every number alone, and every bracketed list
    /// (`[0.2, -0.7, 0.5]`, a matrix's rows together) as one value.
    static func numbers(in text: String) -> [[Printed]] {
        var groups: [[Printed]] = []
        var open: [[Printed]] = []
        let characters = Array(text)
        var i = 0
        while i < characters.count {
            let c = characters[i]
            if c == "[" {
                open.append([])
                i += 1
                continue
            }
            if c == "]" {
                if let group = open.popLast() {
                    if !group.isEmpty { groups.append(group) }
                    if !open.isEmpty { open[open.count - 1] += group }
                }
                i += 1
                continue
            }
            if let (number, end) = number(in: characters, at: i) {
                groups.append([number])
                if !open.isEmpty { open[open.count - 1].append(number) }
                i = end
                continue
            }
            i += 1
        }
        return groups
    }

    /// The number literal starting at `start` (a sign, digits, a fraction, an exponent), if one does
    /// and it is not the tail of a name (`x2`, `z_1`).
    private static func number(in characters: [Character], at start: Int) -> (Printed, Int)? {
        if start > 0, isWord(characters[start - 1]) || characters[start - 1] == "." { return nil }
        var i = start
        var literal = ""
        if characters[i] == "-" || characters[i] == "−" {
            literal = "-"
            i += 1
        }
        let digitsStart = i
        while i < characters.count, characters[i].isASCII, characters[i].isNumber { literal.append(characters[i]); i += 1 }
        guard i > digitsStart else { return nil }
        var decimals = 0
        if i + 1 < characters.count, characters[i] == ".", characters[i + 1].isASCII, characters[i + 1].isNumber {
            literal.append(".")
            i += 1
            while i < characters.count, characters[i].isASCII, characters[i].isNumber { literal.append(characters[i]); decimals += 1; i += 1 }
        }
        var exponent = 0
        if i + 1 < characters.count, characters[i] == "e" || characters[i] == "E" {
            var j = i + 1
            var sign = ""
            if j < characters.count, characters[j] == "-" || characters[j] == "+" { sign = String(characters[j]); j += 1 }
            var digits = ""
            while j < characters.count, characters[j].isASCII, characters[j].isNumber { digits.append(characters[j]); j += 1 }
            if !digits.isEmpty, let e = Int(sign + digits) {
                literal += "e" + sign + digits
                exponent = e
                i = j
            }
        }
        if i < characters.count, isWord(characters[i]) { return nil }
        guard let value = Double(literal), value.isFinite else { return nil }
        let shown = pow10(exponent - decimals) / 2
        let significant = value == 0 ? 0 : pow10(Int((abs(value)).log10Floor) - 3) / 2
        return (Printed(value: value, rounding: value == 0 ? 0 : min(shown, significant)), i)
    }

    private static func pow10(_ n: Int) -> Double {
        var result = 1.0
        for _ in 0..<abs(n) { result *= 10 }
        return n < 0 ? 1 / result : result
    }

    /// Whether printed numbers are the expected ones: as many, each within the tolerance or its rounding.
    static func matches(_ printed: [Printed], _ expected: [Double], tolerance: Tolerance) -> Bool {
        printed.count == expected.count && zip(printed, expected).allSatisfy { p, e in
            tolerance.accepts(p.value, e) || abs(p.value - e) <= p.rounding * (1 + 1e-9)
        }
    }
}

private extension Double {
    /// ⌊log₁₀ x⌋ for a positive x, by counting, so it needs no math library.
    var log10Floor: Int {
        var x = self
        var n = 0
        while x >= 10 { x /= 10; n += 1 }
        while x < 1, x > 0 { x *= 10; n -= 1 }
        return n
    }
}
