/// A fact about a named value that a derivation may use: `sum(y) = 1`, `y onehot`, `y simplex`, `x > 0`,
/// `A symmetric`.
///
/// One small vocabulary, used by the derivation engine (a fact is used only when declared, never
/// inferred from a name), by lessons, and by the checking of a learner's derivation. Random examples
/// that satisfy the facts come from `AssumptionSampler`, and bound numbers are checked against them
/// (`holds(for:)`), so a step is never checked at numbers that contradict what it uses.
public struct Assumption: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// Σₖ yₖ = 1 (for a matrix: every row).
        case sumsToOne
        /// One element 1, the others 0 (every row of a matrix).
        case oneHot = "onehot"
        /// Nonnegative and summing to one: a probability vector (every row of a matrix).
        case simplex
        /// Every element positive.
        case positive
        /// A square matrix equal to its transpose.
        case symmetric
    }

    public let kind: Kind
    public let name: String

    public init(_ kind: Kind, _ name: String) {
        self.kind = kind
        self.name = name
    }

    /// How it is written in input: `sum(y) = 1`, `y onehot`, `x > 0`.
    public var description: String {
        switch kind {
        case .sumsToOne: return "sum(\(name)) = 1"
        case .oneHot: return "\(name) onehot"
        case .simplex: return "\(name) simplex"
        case .positive: return "\(name) > 0"
        case .symmetric: return "\(name) symmetric"
        }
    }

    /// Whether the elements of the named vector (or each row of the matrix) sum to one.
    public var impliesSumToOne: Bool { kind == .sumsToOne || kind == .oneHot || kind == .simplex }

    /// What it means, in words, for the step that uses it.
    public var meaning: String {
        switch kind {
        case .sumsToOne: return "the elements of \(name) sum to one"
        case .oneHot: return "\(name) is one-hot"
        case .simplex: return "\(name) is a probability vector"
        case .positive: return "\(name) is positive"
        case .symmetric: return "\(name) is symmetric"
        }
    }

    /// Every form the vocabulary accepts, for messages.
    public static let forms = ["sum(y) = 1", "y onehot", "y simplex", "x > 0", "A symmetric"]

    /// Reads one fact as typed after `--assume` or `assume`; the range of the error is within `text`.
    public init(parsing text: String) throws(Diagnostic) {
        let scalars = Array(text.unicodeScalars)
        let words = Assumption.words(scalars)
        let whole = SourceRange(0, scalars.count)
        func isName(_ w: String) -> Bool {
            guard let first = w.unicodeScalars.first, first.properties.isAlphabetic || first == "_" else { return false }
            return w.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0 == "_" || ("0"..."9").contains($0) }
        }
        let texts = words.map(\.text)
        switch texts.count {
        case 2 where isName(texts[0]):
            guard let kind = Kind(rawValue: texts[1]), kind == .oneHot || kind == .simplex || kind == .symmetric else {
                let guess = Suggestions.closest(to: texts[1], among: ["onehot", "simplex", "symmetric"])
                throw Diagnostic("unknown fact '\(texts[1])'", at: words[1].range,
                                 suggestion: guess.map { "did you mean \(texts[0]) \($0)?" } ?? Assumption.help)
            }
            self.init(kind, texts[0])
        case 3 where isName(texts[0]) && texts[1] == ">" && texts[2] == "0":
            self.init(.positive, texts[0])
        case 6 where texts[0] == "sum" && texts[1] == "(" && isName(texts[2]) && texts[3] == ")" && texts[4] == "=" && texts[5] == "1":
            self.init(.sumsToOne, texts[2])
        default:
            throw Diagnostic("not a fact Jacobi knows", at: whole, suggestion: Assumption.help)
        }
    }

    static let help = "write one of: " + forms.joined(separator: ", ")

    /// Names, numbers and single symbols, with where each is.
    private static func words(_ scalars: [Unicode.Scalar]) -> [(text: String, range: SourceRange)] {
        var result: [(String, SourceRange)] = []
        var n = 0
        func isWordPart(_ c: Unicode.Scalar) -> Bool { c.properties.isAlphabetic || c == "_" || ("0"..."9").contains(c) || c == "." }
        while n < scalars.count {
            let c = scalars[n]
            if c == " " || c == "\t" { n += 1; continue }
            let start = n
            if isWordPart(c) {
                while n < scalars.count, isWordPart(scalars[n]) { n += 1 }
            } else {
                n += 1
            }
            result.append((String(String.UnicodeScalarView(scalars[start..<n])), SourceRange(start, n)))
        }
        return result
    }

    /// Whether `value` satisfies the fact, to a rounding tolerance.
    public func holds(for value: Tensor) -> Bool {
        let rows = value.rank == 2 ? (0..<value.shape[0]).map { r in Array(value.scalars[(r * value.shape[1])..<((r + 1) * value.shape[1])]) }
            : [value.scalars]
        let tolerance = 1e-9
        switch kind {
        case .sumsToOne:
            return rows.allSatisfy { abs($0.reduce(0, +) - 1) <= tolerance * Double(max(1, $0.count)) }
        case .oneHot:
            return rows.allSatisfy { row in row.filter { $0 == 1 }.count == 1 && row.allSatisfy { $0 == 0 || $0 == 1 } }
        case .simplex:
            return rows.allSatisfy { row in row.allSatisfy { $0 >= 0 } && abs(row.reduce(0, +) - 1) <= tolerance * Double(max(1, row.count)) }
        case .positive:
            return value.scalars.allSatisfy { $0 > 0 }
        case .symmetric:
            guard value.rank == 2, value.shape[0] == value.shape[1] else { return false }
            let n = value.shape[0]
            for r in 0..<n { for c in 0..<r where abs(value.scalars[r * n + c] - value.scalars[c * n + r]) > tolerance { return false } }
            return true
        }
    }
}
