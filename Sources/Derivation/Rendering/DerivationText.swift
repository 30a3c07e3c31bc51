import VectorLang

/// A whole derivation for the terminal: title, definitions, numbered steps with their values, the check.
public struct DerivationText: Sendable {
    public let ascii: Bool
    public let precision: Int

    public init(ascii: Bool = false, precision: Int = 4) {
        self.ascii = ascii
        self.precision = precision
    }

    /// The header: what is derived, what the abbreviations mean, what is assumed, which numbers are used,
    /// and, when the derivation is unfinished, why: said first, so nobody reads the steps as a result.
    public func header(_ d: DerivationResult, title: String?, report: NumericCheck.Report?) -> [String] {
        let plain = PlainRenderer(ascii: ascii)
        var lines: [String] = []
        let r = TermRenderer(plain.notation)
        let what = d.wrt.map { r.render(.partial(d.target, $0)) } ?? r.render(d.target)
        lines.append((title.map { $0 + ": " } ?? "") + what)
        for def in d.shownDefinitions {
            lines.append("  where \(def.name) = \(def.meaning)")
        }
        for a in d.plan.assumptions { lines.append("  " + (ascii ? ASCIIFallback.convert(a) : a)) }
        if let report, !report.bindings.isEmpty {
            let note = report.usedExample ? " (an example; bind these names to use your own)" : ""
            lines.append("  at " + report.bindings.joined(separator: ", ") + note)
        }
        if let stop = stop(d) { lines.append("stopped: " + stop + "; the steps below are as far as the rules go") }
        return lines
    }

    /// Why the rules stopped before the end, or nil when they finished.
    func stop(_ d: DerivationResult) -> String? {
        guard !d.complete else { return nil }
        if d.stoppedAtLimit { return "the rules did not settle within \(Strategy.maximumSteps) steps" }
        let r = TermRenderer(ascii ? .ascii : .unicode)
        return "no rule applies to " + d.pending.map(r.render).joined(separator: ", ")
    }

    /// The numbered steps; with a report, each step's value follows it.
    public func steps(_ d: DerivationResult, report: NumericCheck.Report?) -> [[String]] {
        let plain = PlainRenderer(ascii: ascii)
        let r = TermRenderer(plain.notation)
        return d.steps.enumerated().map { n, step in
            var lines = plain.lines(step, number: n, renderer: r)
            if let report, n < report.values.count {
                if let value = step.vectorForm != nil ? report.vectorFormValue : report.values[n] {
                    lines.append("      " + (ascii ? "~ " : "≈ ") + inline(value))
                } else if let failure = report.failures[n] {
                    lines.append("      (not evaluated: \(failure))")
                }
            }
            return lines
        }
    }

    /// The closing lines: a reminder that an unfinished derivation stopped (its reason is in the header),
    /// then the check against automatic differentiation and finite differences.
    public func footer(_ d: DerivationResult, report: NumericCheck.Report?) -> [String] {
        var lines: [String] = []
        if !d.complete { lines.append("stopped: the steps above are as far as the rules go") }
        for fact in d.wouldFinish {
            lines.append("not assumed: \(fact); with --assume '\(fact)' this simplifies further")
        }
        guard let report else { return lines }
        if let problem = report.problem { lines.append("check: " + problem) }
        if let gap = report.largestStepDifference {
            var text = "check: every step agrees with "
            text += d.wrt == nil ? "the start" : "automatic differentiation"
            text += " (largest difference \(Printer.format(number: gap, precision: 2)))"
            if let fd = report.finiteDifferenceGap {
                text += " and with finite differences (\(Printer.format(number: fd, precision: 2)))"
            }
            lines.append(report.agrees ? text : failed(gap, report.finiteDifferenceGap))
        }
        return lines
    }

    /// Both differences, since either may be the one too large: a step that differs from automatic
    /// differentiation, or a result that differs from finite differences (at a kink, say).
    func failed(_ gap: Double, _ finiteDifferences: Double?) -> String {
        var text = "check FAILED: steps differ from automatic differentiation by up to \(Printer.format(number: gap, precision: 2))"
        if let fd = finiteDifferences { text += ", the result from finite differences by \(Printer.format(number: fd, precision: 2))" }
        return text
    }

    public func render(_ d: DerivationResult, title: String? = nil, report: NumericCheck.Report?) -> String {
        (header(d, title: title, report: report) + [""] + steps(d, report: report).flatMap { $0 } + footer(d, report: report))
            .joined(separator: "\n")
    }

    /// A value on one line: matrices as [[…], […]].
    func inline(_ t: Tensor) -> String {
        let text = Printer.format(t, options: PrintOptions(precision: precision, ascii: ascii, width: 200))
        return text.split(separator: "\n").map { $0.hasPrefix(" ") ? String($0.dropFirst()) : String($0) }.joined(separator: " ")
    }
}

extension DerivationResult {
    /// Whether an abbreviation appears anywhere in the derivation (only those are listed).
    func mentions(_ d: Definition) -> Bool {
        steps.contains { $0.expression.mentions(d.name) } || target.mentions(d.name)
    }
}
