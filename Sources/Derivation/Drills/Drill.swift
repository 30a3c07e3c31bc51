import VectorLang

/// A find-the-error exercise: a derivation with one slip planted in one step and carried through the
/// steps after it, as a student would; the learner names the wrong line, then the slip.
public struct Drill: Sendable {
    /// One line as the learner sees it.
    public struct Line: Sendable {
        /// 0 for the start (the derivative to find), then 1, 2, … for the steps.
        public let number: Int
        /// The rule the line claims to follow by; empty for the start.
        public let rule: String
        /// The line in Unicode (∂, Σ, δᵢⱼ).
        public let text: String
        /// The line in Jacobi's input syntax: what the checker evaluates.
        public let input: String
        /// For the i = j and i ≠ j step: each case, in Unicode.
        public let cases: [String]
    }

    /// What was planted, for the feedback and for `--answers`.
    public struct Planted: Sendable {
        public let line: Int
        public let slip: DrillSlip
        /// What was changed, in words.
        public let what: String
        /// The line as it should read.
        public let right: Line
        /// Every slip that explains the planted line (the planted one, and any the checker also finds).
        public let accepted: [DrillSlip]
        /// Numbers at which the planted line and the line before it differ.
        public let exposed: DerivationChecker.Disagreement?
    }

    /// What a learner's answer got, and what to say.
    public struct Verdict: Sendable {
        public let correct: Bool
        public let feedback: [String]
    }

    /// The catalog entry or the expression the drill was made from.
    public let topic: String
    public let title: String
    public let seed: UInt64
    /// Input lines that name parts (`p := softmax(z)`), and the facts the derivation says it assumes.
    public let definitions: [String]
    public let assumptions: [String]
    /// Input lines with example numbers (`z = [2, 1, 0.1]`).
    public let example: [String]
    public let lines: [Line]
    public let planted: Planted
    /// The drill as `jacobi check` reads it.
    public let checkText: String

    /// The slips a learner picks from, numbered from 1 in this order.
    public static let choices = DrillSlip.allCases

    public var stepCount: Int { lines.count - 1 }

    // MARK: - Judging

    /// Judges the learner's wrong line.
    public func judgeLine(_ n: Int) -> Verdict {
        let k = planted.line, last = stepCount
        if n == k { return Verdict(correct: true, feedback: ["Right: line \(k) is the first wrong line."]) }
        let said: String
        switch n {
        case 0: said = "Line 0 is the question, the derivative to find: name a step, 1 to \(last)."
        case 1..<k: said = "Line \(n) is right: it equals line \(n - 1) at every point checked. The first wrong line comes later."
        case (k + 1)...max(k + 1, last):
            said = "Line \(n) follows from line \(n - 1) correctly, but line \(n - 1) is already wrong: the slip is earlier."
        default: said = "There is no line \(n): the steps are numbered 1 to \(last)."
        }
        return Verdict(correct: false, feedback: [said])
    }

    /// Judges the slip the learner named for the planted line.
    public func judgeSlip(_ slip: DrillSlip) -> Verdict {
        if slip == planted.slip { return Verdict(correct: true, feedback: ["Right: \(planted.what)."]) }
        if planted.accepted.contains(slip) {
            return Verdict(correct: true, feedback: ["Right: that explains line \(planted.line) as well. The slip planted was \(planted.slip.choice.prefix { $0 != ":" }): \(planted.what)."])
        }
        return Verdict(correct: false, feedback: ["Not \(slip.choice.prefix { $0 != ":" }): line \(planted.line) is not that change of line \(planted.line - 1) at the points checked."])
    }

    /// Hints in turn: the lines the slip is among, then the entry where the values first differ.
    public var hints: [String] {
        let k = planted.line, last = stepCount
        let span = min(last, max(3, last / 3))
        let before = Int(seed % UInt64(span))
        let low = max(1, min(k - before, last - span + 1))
        var hints = ["The slip is in lines \(low) to \(low + span - 1)."]
        if let exposed = planted.exposed {
            let (entry, values) = exposed.split
            let at = exposed.inputs.joined(separator: ", ")
            hints.append("At \(at), the values first differ at \(entry): one line gives \(values.wrong) where the line before it gives \(values.before).")
        }
        return hints
    }

    /// What was planted, the right line, and the numbers that expose it: said after the slip is named
    /// (or the learner gives up).
    public var reveal: [String] {
        let k = planted.line
        var out = ["Planted at line \(k): \(planted.slip.choice.prefix { $0 != ":" }): \(planted.what).",
                   "Line \(k) should read: = \(planted.right.text)"]
        if let exposed = planted.exposed {
            let (entry, values) = exposed.split
            out.append("At \(exposed.inputs.joined(separator: ", ")), line \(k) gives \(values.wrong) at \(entry), where line \(k - 1) gives \(values.before).")
        }
        if k < stepCount {
            out.append("Lines \(k + 1) to \(stepCount) carry the slip on: each follows from the line before it, so every one of them is wrong too.")
        }
        return out
    }
}

extension DerivationChecker.Disagreement {
    /// "i = 1, j = 1" and the two numbers, from "i = 1, j = 1: -0.121 vs 0.227".
    public var split: (entry: String, values: (wrong: String, before: String)) {
        let parts = entry.components(separatedBy: ": ")
        let place = parts.count > 1 ? parts.dropLast().joined(separator: ": ") : "the value"
        let numbers = (parts.last ?? "").components(separatedBy: " vs ")
        return (place, (numbers.first ?? "", numbers.count > 1 ? numbers[1] : ""))
    }
}
