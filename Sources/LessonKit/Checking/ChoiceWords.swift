/// Picking a multiple-choice option by what it says rather than its number.
///
/// A learner who types `at x = 0` or `At x=0.` means the choice "At x = 0": case, spaces and
/// punctuation do not count. The start of a choice's words is enough when it is at least four
/// characters (as compared) and starts no other choice; `at l` is too short to be sure of.
enum ChoiceWords {
    enum Pick: Equatable {
        /// The choice at this index.
        case choice(Int)
        /// The words start more than one choice (these indices).
        case ambiguous([Int])
        /// No choice reads like that.
        case none
    }

    /// The shortest start of a choice's words that picks it.
    static let shortestPrefix = 4

    /// The choice whose words are exactly `typed`, as compared.
    static func exact(_ typed: String, among choices: [Choice]) -> Pick {
        let key = normalized(typed)
        guard !key.isEmpty else { return .none }
        let matches = choices.indices.filter { normalized(choices[$0].text) == key }
        return pick(matches)
    }

    /// The choice whose words start with `typed`, as compared, when no other choice's do.
    static func prefix(_ typed: String, among choices: [Choice]) -> Pick {
        let key = normalized(typed)
        guard key.count >= shortestPrefix else { return .none }
        return pick(choices.indices.filter { normalized(choices[$0].text).hasPrefix(key) })
    }

    /// The choice that `typed` names: its number (`2`), its words, or the start of them.
    static func choose(_ typed: String, among choices: [Choice]) -> Pick {
        if let n = number(typed) { return n >= 1 && n <= choices.count ? .choice(n - 1) : .none }
        let whole = exact(typed, among: choices)
        return whole == .none ? prefix(typed, among: choices) : whole
    }

    /// The whole number `typed` is, if it is one: a choice's number when it is from 1 to the count.
    static func number(_ typed: String) -> Int? {
        let text = typed.trimmed
        guard !text.isEmpty, text.allSatisfy(\.isASCII) else { return nil }
        return Int(text)
    }

    private static func pick(_ matches: [Int]) -> Pick {
        switch matches.count {
        case 0: return .none
        case 1: return .choice(matches[0])
        default: return .ambiguous(matches)
        }
    }

    /// Lowercased, without spaces and punctuation (a hyphen or a minus sign is punctuation here:
    /// `one-hot` reads as `one hot`); other operators stay (`p + y` is not `p y`), and so does a point
    /// between digits (`0.5` is not `05`).
    static func normalized(_ text: String) -> String {
        let characters = Array(text.lowercased())
        var kept = ""
        for (i, c) in characters.enumerated() {
            if c.isLetter || c.isNumber || "+*/^=<>×÷".contains(c) {
                kept.append(c)
            } else if c == ".", i > 0, i + 1 < characters.count, characters[i - 1].isNumber, characters[i + 1].isNumber {
                kept.append(c)
            }
        }
        return kept
    }
}
