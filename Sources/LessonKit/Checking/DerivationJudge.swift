import Derivation
import VectorLang

/// Judges a learner's derivation at a `derive:` question with Jacobi's derivation checker: the set-up
/// lines, the start, then the learner's steps, each of which must equal the line before it.
///
/// The steps are numbered for the learner from 1; the feedback marks each ✓ or ✗ and, at the first
/// wrong one, where it differs and the slip. A derivation whose steps all hold must also end at a value
/// equal to `expected` (a second check, `LAST = EXPECTED`).
public struct DerivationJudge: Sendable {
    public let start: String
    public let expected: String
    public let given: [String]

    public init(start: String, expected: String, given: [String]) {
        self.start = start
        self.expected = expected
        self.given = given
    }

    /// The verdict, the report for the learner's lines (one line each, marked), and the verdict in words.
    public struct Outcome: Sendable, Equatable {
        public var isCorrect: Bool
        public var report: [String]
        public var feedback: String
        /// Whether a wrong outcome is a try: not when nothing could be judged (no steps, or a step that
        /// does not read before any wrong one), as a typo at the prompt is looked at, not marked.
        public var countsAsAttempt = true
    }

    /// Judges `steps`, the lines the learner typed after the start; a line without its leading `=` gets one.
    public func judge(_ steps: [String]) -> Outcome {
        let written = steps.map(\.trimmed).filter { !$0.isEmpty }
        guard !written.isEmpty else {
            return Outcome(isCorrect: false, report: [], feedback: "No steps: type each step on its own line, starting with =, then a blank line or :done.",
                           countsAsAttempt: false)
        }
        let lines = written.map { $0.hasPrefix("=") ? $0 : "= " + $0 }
        let report = DerivationChecker.check((given + [start] + lines).joined(separator: "\n"))
        let first = given.count + 2
        var out: [String] = []
        var allHold = true
        for line in report.lines where line.number >= first {
            let step = line.number - first + 1
            let mark: String
            switch line.status {
            case .holds: mark = "✓"
            case .wrong: mark = "✗"
            case .followsFromWrong: mark = "↳"
            case .parseError: mark = "?"
            }
            if line.status != .holds { allHold = false }
            out.append("\(mark) \(step)  \(TerminalText.shown(line.text))")
            if let problem = line.problem {
                out += problem.split(separator: "\n", omittingEmptySubsequences: false).map { "     " + TerminalText.shown(String($0)) }
            }
            if line.status == .followsFromWrong { out.append("     follows from a wrong line: equal to the line before it, not to the start") }
            if line.status == .wrong, line.problem == nil {
                if let at = line.whereDiffers {
                    out.append("     differs from the line before " + (at.hasPrefix("in shape") ? "" : "at ") + TerminalText.shown(at))
                }
                if let diagnosis = line.diagnosis { out.append("     diagnosis: " + TerminalText.shown(diagnosis)) }
            }
        }
        var feedback = "Every step holds, and the last line is the result."
        var counts = true
        if let wrong = report.firstWrong, wrong >= first {
            feedback = "Step \(wrong - first + 1) does not follow from the line before it."
        } else if !allHold {
            feedback = "Some steps could not be checked: see the marks above."
            counts = false
        } else if Self.stillDifferentiates(lines[lines.count - 1]) {
            // `= partial(p_i, z_j)` equals the start and so the result: a restatement, not a derivation.
            allHold = false
            feedback = "Every step holds, but the last line still takes a derivative: carry on until no partial(…) is left."
        } else if !endsAtExpected(lines[lines.count - 1]) {
            allHold = false
            feedback = "Every step holds, but the last line is not the result asked for: carry on."
        }
        return Outcome(isCorrect: allHold, report: out, feedback: feedback, countsAsAttempt: counts)
    }

    /// Whether a step still calls `partial`, as the language reads it (a name of the learner's spelled
    /// otherwise is not one).
    static func stillDifferentiates(_ step: String) -> Bool {
        guard let expr = try? Parser.parseExpression(String(step.drop { $0 == "=" || $0 == " " })) else { return false }
        return expr.freeNames().contains { $0.name == "partial" }
    }

    /// Whether `last` (a step, `= …`) equals the expected result at the checker's random points.
    private func endsAtExpected(_ last: String) -> Bool {
        Self.holds(given: given, start: String(last.dropFirst()), step: expected)
    }

    /// Whether the one-step derivation `start = step`, after `given`, holds and every line is valid.
    static func holds(given: [String], start: String, step: String) -> Bool {
        DerivationChecker.check((given + [start, "= " + step]).joined(separator: "\n")).allHold
    }

    /// What is wrong with the question itself, for `jacobi lessons check`: a given line or the start that
    /// the checker cannot read, or an expected result that is not the start's value. Nil when sound.
    public func problem() -> String? {
        let report = DerivationChecker.check((given + [start, "= " + expected]).joined(separator: "\n"))
        if let bad = report.lines.first(where: { $0.status == .parseError }) {
            let what = bad.number <= given.count ? "the given line '\(bad.text)'" : bad.number == given.count + 1 ? "the start '\(start)'" : "the expected result '\(expected)'"
            return "\(what) cannot be checked: " + (bad.problem?.split(separator: "\n").first.map(String.init) ?? "it does not parse")
        }
        guard report.allHold else {
            let diagnosis = report.lines.last?.diagnosis.map { " (\($0))" } ?? ""
            return "the expected result '\(expected)' does not equal '\(start)' at random points\(diagnosis)"
        }
        return nil
    }
}
