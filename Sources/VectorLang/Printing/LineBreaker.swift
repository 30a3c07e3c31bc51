/// Breaks a line of mathematics, values or prose to fit a width, as a typesetter breaks a long equation:
/// before a `+`, `−` or `=`, after a comma, before a `·` or `/`, at the shallowest bracket depth that
/// fills the line reasonably, with a hanging indent for the lines after the first. A number or a name is
/// never split (no break falls between two characters of one), unless it alone is wider than the line.
public enum LineBreaker {
    /// Columns a continuation line is indented by, beyond the first line's own indentation.
    public static let hangingIndent = 4

    /// What a line mostly is, which decides where it breaks best.
    public enum Style: Sendable {
        /// An equation: before `+`, `−`, `=`, then after commas, then before `·` and `/`, then at spaces.
        case mathematics
        /// Words with formulas in them: after `:`, `,` and `;`, then between words; inside a formula last.
        case prose
    }

    /// The line as lines at most `width` columns wide; nil or a width too small to hold anything leaves it whole.
    public static func wrap(_ line: String, width: Int?, style: Style = .mathematics) -> [String] {
        let characters = Array(line)
        return pieces(characters, width: width, style: style).map { piece in
            String(repeating: " ", count: piece.indent) + String(characters[piece.range])
        }
    }

    /// One line of the result: the characters `range` of the original, after `indent` spaces.
    public struct Piece: Equatable, Sendable {
        public let indent: Int
        public let range: Range<Int>
    }

    /// Where `characters` break to fit `width`: each piece's characters (spaces at a break are dropped)
    /// and the indent it gets (the hanging indent, after the first), so text with colours can be cut at
    /// the same places.
    public static func pieces(_ characters: [Character], width: Int?, style: Style = .mathematics) -> [Piece] {
        guard let width, width >= 8, columns(characters[...]) > width else { return [Piece(indent: 0, range: 0..<characters.count)] }
        let leading = characters.prefix { $0 == " " }.count
        let hanging = min(leading + hangingIndent, width / 3)
        let breaks = candidates(characters, style: style)
        var pieces: [Piece] = []
        var start = 0
        var indent = 0
        while start < characters.count {
            let room = width - indent
            if columns(characters[start...]) <= room {
                pieces.append(Piece(indent: indent, range: start..<characters.count))
                break
            }
            let end = breakPosition(characters, from: start, room: room, breaks: breaks)
            var last = end
            while last > start, characters[last - 1] == " " { last -= 1 }
            pieces.append(Piece(indent: indent, range: start..<last))
            start = end
            while start < characters.count, characters[start] == " " { start += 1 }
            indent = hanging
        }
        return pieces
    }

    /// Display columns of the characters: a wide character (CJK, emoji) takes two, a combining mark none.
    public static func columns<C: Collection>(_ characters: C) -> Int where C.Element == Character {
        characters.reduce(0) { $0 + columns(of: $1) }
    }

    public static func columns(_ text: String) -> Int { columns(Array(text)[...]) }

    static func columns(of character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        if scalar.properties.generalCategory == .nonspacingMark || scalar.properties.generalCategory == .enclosingMark { return 0 }
        if scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value) { return 0 }
        return isWide(scalar.value) ? 2 : 1
    }

    /// East Asian wide and full-width ranges, and the emoji blocks terminals draw two columns wide.
    private static func isWide(_ v: UInt32) -> Bool {
        (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v) || (0x1F900...0x1F9FF).contains(v)
            || (0x20000...0x3FFFD).contains(v)
    }

    /// A place a line may break: the next line starts at `position`; lower `cost` is a better place.
    struct Candidate {
        let position: Int
        let cost: Int
    }

    /// Every place the line may break, with its cost: three per level of bracket depth, plus (for
    /// mathematics) 0 before a sum's or an equation's operator and after a comma or semicolon, 1 before a
    /// product's · or /, and 2 at any other space (between Σₖ and what it sums); for prose 0 after a colon,
    /// comma or semicolon, 1 between words and 2 around an operator.
    static func candidates(_ c: [Character], style: Style) -> [Candidate] {
        var found: [Candidate] = []
        var depth = 0
        for i in c.indices {
            defer {
                switch c[i] {
                case "(", "[", "{": depth += 1
                case ")", "]", "}": depth = max(depth - 1, 0)
                default: break
                }
            }
            guard i > 0 else { continue }
            let before = c[i - 1]
            let next = i + 1 < c.count ? c[i + 1] : " "
            if before == " ", c[i] != " ", i >= 2, c[i - 2] != " " {
                let operatorFollows = "+-−=≈~<>≤≥".contains(c[i]) && next == " "
                let divides = c[i] == "/" && next == " "
                let afterComma = c[i - 2] == "," || c[i - 2] == ";"
                let kind: Int
                switch style {
                case .mathematics: kind = operatorFollows || afterComma ? 0 : divides ? 1 : 2
                case .prose:
                    let operatorBefore = i >= 3 && "+-−=≈~<>≤≥/".contains(c[i - 2]) && c[i - 3] == " "
                    kind = afterComma || c[i - 2] == ":" ? 0 : operatorFollows || operatorBefore || divides ? 2 : 1
                }
                found.append(Candidate(position: i, cost: 3 * depth + kind))
            } else if c[i] == "·", before != " " {
                found.append(Candidate(position: i, cost: 3 * depth + (style == .mathematics ? 1 : 2)))
            }
        }
        return found
    }

    /// Where the line starting at `start` ends: the cheapest candidate that fits and fills at least a
    /// third of the room (the latest of equals), else the cheapest that fits, else the last place that
    /// splits no word or number, else the room's end.
    static func breakPosition(_ c: [Character], from start: Int, room: Int, breaks: [Candidate]) -> Int {
        var used = 0
        var limit = start
        while limit < c.count, used + columns(of: c[limit]) <= room {
            used += columns(of: c[limit])
            limit += 1
        }
        let fitting = breaks.filter { $0.position > start && $0.position <= limit }
        let filled = fitting.filter { columns(c[start..<$0.position]) * 3 >= room }
        if let best = cheapestLatest(filled.isEmpty ? fitting : filled) { return best.position }
        if let safe = (start + 1..<max(limit, start + 1)).reversed().first(where: { !isWordCharacter(c[$0 - 1]) || !isWordCharacter(c[$0]) }),
           safe > start {
            return safe
        }
        return max(limit, start + 1)
    }

    private static func cheapestLatest(_ candidates: [Candidate]) -> Candidate? {
        candidates.min { a, b in a.cost != b.cost ? a.cost < b.cost : a.position > b.position }
    }

    /// Letters, digits, subscripts, primes and the marks inside a number (`1.5e-3`): a break between two
    /// of these would split a name or a number.
    public static func isWordCharacter(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || "._′'".contains(c) || (c == "-" || c == "+")
    }
}
