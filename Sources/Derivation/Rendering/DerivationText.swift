import VectorLang

/// A whole derivation for the terminal: title, definitions, numbered steps with their numbers, the check.
///
/// The one renderer behind `jacobi derive`, `:derive`, lessons and the presenter. Lines fit `width`
/// (broken at operators with a hanging indent, never inside a number or a name, by `LineBreaker`). The
/// whole value is shown twice, at the start and at the end; beside each step are the values of what the
/// step introduced or rewrote, and a mark that the whole still equals the start (or, in words, that it
/// does not).
public struct DerivationText: Sendable {
    public let ascii: Bool
    public let precision: Int
    /// Columns to fit; nil leaves every line whole (a pipe without `COLUMNS`).
    public let width: Int?

    public init(ascii: Bool = false, precision: Int = 4, width: Int? = nil) {
        self.ascii = ascii
        self.precision = precision
        self.width = width
    }

    /// One line as shown, with what it is, so the shell can colour it (a wrapped line keeps its kind).
    public struct Line: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            /// What is derived; the definitions, assumptions and numbers under it.
            case title, note
            /// `[3] chain rule: statement`; `continuation` marks the second and later lines of a wrapped one.
            case rule
            case explanation, expression
            /// Numbers beside a step, the mark that it still equals the start, or a step that does not.
            case value, differs
            case check, failed, stopped
        }

        public let text: String
        public let kind: Kind
        public let continuation: Bool

        public init(_ text: String, _ kind: Kind, continuation: Bool = false) {
            self.text = text
            self.kind = kind
            self.continuation = continuation
        }
    }

    var notation: Notation { ascii ? .ascii : .unicode }
    var approximately: String { ascii ? "~" : "≈" }
    var same: String { ascii ? "ok" : "✓" }
    var different: String { ascii ? "!!" : "✗" }

    /// The header: what is derived, what the abbreviations mean, what is assumed, which numbers are used,
    /// and, when the derivation is unfinished, why: said first, so nobody reads the steps as a result.
    public func header(_ d: DerivationResult, title: String?, report: NumericCheck.Report?) -> [Line] {
        let r = TermRenderer(notation)
        let what = d.plan.typed.map { typed in d.wrt.map { "∂/∂\(r.render($0.term)) [\(typed)]" } ?? typed }.map(text)
            ?? d.wrt.map { r.render(.partial(d.target, $0)) } ?? r.render(d.target)
        var lines = [Line((title.map { text($0) + ": " } ?? "") + what, .title)]
        for def in d.shownDefinitions { lines.append(Line("  where \(def.name) = \(def.meaning)", .note)) }
        for a in d.plan.assumptions { lines.append(Line("  " + text(a), .note)) }
        if let report, !report.bindings.isEmpty {
            let note = report.usedExample ? " (an example; bind these names to use your own)" : ""
            lines.append(Line("  at " + report.bindings.joined(separator: ", ") + note, .note))
            if !report.stepDifferences.isEmpty {
                lines.append(Line("  \(approximately) values at these numbers; \(same) the whole still equals the start", .note))
            }
        }
        if let stop = stop(d) { lines.append(Line("stopped: " + stop + "; the steps below are as far as the rules go", .stopped)) }
        return fitted(lines)
    }

    /// Why the rules stopped before the end, or nil when they finished.
    func stop(_ d: DerivationResult) -> String? {
        guard !d.complete else { return nil }
        if d.stoppedAtLimit { return "the rules did not settle within \(Strategy.maximumSteps) steps" }
        let r = TermRenderer(notation)
        return "no rule applies to " + d.pending.map(r.render).joined(separator: ", ")
    }

    /// The numbered steps, each with its numbers when there is a report: the whole value under the first
    /// and the last, and under every step the values of what it introduced.
    public func steps(_ d: DerivationResult, report: NumericCheck.Report?) -> [[Line]] {
        let plain = PlainRenderer(ascii: ascii)
        let r = TermRenderer(plain.notation)
        return d.steps.enumerated().map { n, step in
            var lines = plain.lines(step, number: n, renderer: r)
            if let report { lines += numbers(of: n, d, report) }
            return fitted(lines)
        }
    }

    /// The lines under step `n`: its mark and parts, and for the first and last step the whole value.
    func numbers(of n: Int, _ d: DerivationResult, _ report: NumericCheck.Report) -> [Line] {
        guard n < report.values.count else { return [] }
        let whole = d.steps[n].vectorForm != nil ? report.vectorFormValue : report.values[n]
        var lines: [Line] = []
        if n > 0 {
            let parts = n < report.introduced.count ? distinct(report.introduced[n]).map(part) : []
            let step = d.steps[n]
            if step.vectorForm != nil, report.vectorFormValue == nil, !report.stepDifferences.isEmpty {
                lines.append(Line("      \(different) this matrix form could not be evaluated at these numbers, so it is not checked", .differs))
            } else if report.notFinite.contains(n) {
                let said = "\(different) not finite at these numbers (a value overflows or underflows), so not checked here"
                lines.append(Line("      " + ([said] + parts).joined(separator: "; "), .differs))
            } else if let gap = step.vectorForm != nil ? report.vectorFormDifference : n < report.stepDifferences.count ? report.stepDifferences[n] : nil {
                if NumericCheck.Report.agree(gap) {
                    lines.append(Line("      " + same + (parts.isEmpty ? "" : " " + parts.joined(separator: "; ")), .value))
                } else {
                    let said = "\(different) this step does not equal the start: it differs by up to \(Printer.format(number: gap, precision: 2))"
                    lines.append(Line("      " + ([said] + parts).joined(separator: "; "), .differs))
                }
            } else if !parts.isEmpty {
                lines.append(Line("      " + parts.joined(separator: "; "), .value))
            }
        }
        if whole == nil, let failure = report.failures[n] {
            lines.append(Line("      (not evaluated: \(failure))", .value))
        } else if let whole, n == 0 || n == d.steps.count - 1 {
            lines += wholeValue(whole)
        }
        return lines
    }

    /// The parts without one that repeats an earlier one (pᵢ and what it stands for): the same free
    /// indices and the same value, rounding aside.
    private func distinct(_ parts: [NumericCheck.IntroducedValue]) -> [NumericCheck.IntroducedValue] {
        var kept: [NumericCheck.IntroducedValue] = []
        for p in parts where !kept.contains(where: { $0.repeats(p) }) { kept.append(p) }
        return kept
    }

    /// `f ≈ [7.389, 2.718, 1.105]`: a part and its value on one line, long vectors elided.
    private func part(_ v: NumericCheck.IntroducedValue) -> String {
        let label = v.part.name.map(text) ?? TermRenderer(notation).render(v.part.term)
        return label + " \(approximately) " + inline(v.value, width: 60)
    }

    /// The whole value: on one line when it fits, else as the prompt prints a matrix, one row per line.
    func wholeValue(_ value: Tensor) -> [Line] {
        let lead = "      \(approximately) "
        let one = lead + inline(value, width: min(200, max((width ?? 200) - lead.count, 20)))
        guard let width, LineBreaker.columns(one) > width, value.rank == 2 else { return [Line(one, .value)] }
        let rows = Printer.format(value, options: PrintOptions(precision: precision, ascii: ascii, width: max(width - lead.count, 20)))
            .split(separator: "\n")
        return rows.enumerated().map { n, row in
            Line((n == 0 ? lead : String(repeating: " ", count: lead.count)) + row, .value, continuation: n > 0)
        }
    }

    /// The closing lines: a reminder that an unfinished derivation stopped (its reason is in the header),
    /// then the check against automatic differentiation and finite differences.
    public func footer(_ d: DerivationResult, report: NumericCheck.Report?) -> [Line] {
        var lines: [Line] = []
        if !d.complete { lines.append(Line("stopped: the steps above are as far as the rules go", .stopped)) }
        for fact in d.wouldFinish {
            lines.append(Line("not assumed: \(fact); with --assume '\(fact)' this simplifies further", .note))
        }
        guard let report else { return fitted(lines) }
        if let problem = report.problem { lines.append(Line("check: " + problem, .failed)) }
        if !report.notFinite.isEmpty {
            let which = report.notFinite.map(String.init)
            let list = which.count == 1 ? "step " + which[0] : "steps " + which.dropLast().joined(separator: ", ") + " and " + (which.last ?? "")
            lines.append(Line("check: \(list) \(which.count == 1 ? "is" : "are") not finite at these numbers, so not checked here; "
                              + "smaller numbers would check \(which.count == 1 ? "it" : "them")", .stopped))
        }
        if let gap = report.largestStepDifference {
            var text = "check: every \(report.notFinite.isEmpty ? "" : "other ")step agrees with "
            text += d.wrt == nil ? "the start" : "automatic differentiation"
            text += " (largest difference \(Printer.format(number: gap, precision: 2)))"
            if let fd = report.finiteDifferenceGap {
                text += " and with finite differences (\(Printer.format(number: fd, precision: 2)))"
            }
            lines.append(report.agrees ? Line(text, .check) : Line(failed(gap, report.finiteDifferenceGap, identity: d.wrt == nil), .failed))
        }
        return fitted(lines)
    }

    /// Both differences, since either may be the one too large: a step that differs from automatic
    /// differentiation, or a result that differs from finite differences (at a kink, say).
    func failed(_ gap: Double, _ finiteDifferences: Double?, identity: Bool) -> String {
        let reference = identity ? "the start" : "automatic differentiation"
        var text = "check FAILED: steps differ from \(reference) by up to \(Printer.format(number: gap, precision: 2))"
        if let fd = finiteDifferences { text += ", the result from finite differences by \(Printer.format(number: fd, precision: 2))" }
        return text
    }

    /// Header, one block per step, footer: what step-by-step display reveals one at a time.
    public func blocks(_ d: DerivationResult, title: String? = nil, report: NumericCheck.Report?) -> [[Line]] {
        [header(d, title: title, report: report)] + steps(d, report: report) + [footer(d, report: report)]
    }

    /// Every line, with a blank line after the header.
    public func lines(_ d: DerivationResult, title: String? = nil, report: NumericCheck.Report?) -> [Line] {
        header(d, title: title, report: report) + [Line("", .note)] + steps(d, report: report).flatMap { $0 }
            + footer(d, report: report)
    }

    public func render(_ d: DerivationResult, title: String? = nil, report: NumericCheck.Report?) -> String {
        lines(d, title: title, report: report).map(\.text).joined(separator: "\n")
    }

    /// The lines broken to the width; each piece keeps its line's kind.
    func fitted(_ lines: [Line]) -> [Line] {
        lines.flatMap { line in
            LineBreaker.wrap(line.text, width: width, style: line.kind == .expression ? .mathematics : .prose).enumerated().map { n, text in
                Line(text, line.kind, continuation: line.continuation || n > 0)
            }
        }
    }

    /// Rule text in the notation: `--ascii` spells every character that has an ASCII form.
    func text(_ s: String) -> String { ascii ? ASCIIText.spell(s) : s }

    /// A value on one line: matrices as [[…], […]].
    func inline(_ t: Tensor, width: Int) -> String {
        let text = Printer.format(t, options: PrintOptions(precision: precision, ascii: ascii, width: width))
        return text.split(separator: "\n").map { $0.hasPrefix(" ") ? String($0.dropFirst()) : String($0) }.joined(separator: " ")
    }
}

extension NumericCheck.IntroducedValue {
    func repeats(_ other: NumericCheck.IntroducedValue) -> Bool {
        part.term.freeIndices == other.part.term.freeIndices && value.shape == other.value.shape
            && zip(value.scalars, other.value.scalars).allSatisfy { abs($0 - $1) <= 1e-12 * max(abs($0), abs($1), 1) }
    }
}

extension DerivationResult {
    /// Whether an abbreviation appears anywhere in the derivation (only those are listed).
    func mentions(_ d: Definition) -> Bool {
        steps.contains { $0.expression.mentions(d.name) } || target.mentions(d.name)
    }
}
