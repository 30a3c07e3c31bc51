import VectorLang

/// A derivation as JSON: version, target, wrt, definitions, assumptions, steps, result, check.
///
/// `definitions` are input lines (`p := softmax(z)`), dependencies first; each step's `expression` is in
/// Jacobi's input syntax, so entered after them it evaluates to the true derivative. Version 2 made
/// `definitions` a list of lines (it was an object of values).
public enum DerivationJSON {
    public static func render(_ d: DerivationResult, name: String?, report: NumericCheck.Report?) -> String {
        let input = TermRenderer(.input)
        let latex = TermRenderer(.latex)
        let text = PlainRenderer(ascii: false)
        var fields: [(String, String)] = []
        fields.append(("version", "2"))
        if let name { fields.append(("name", string(name))) }
        fields.append(("target", string(input.render(d.target))))
        fields.append(("wrt", d.wrt.map { string(input.render($0.term)) } ?? "null"))
        fields.append(("definitions", array(d.shownDefinitions.map { string("\($0.name) := \($0.meaning)") })))
        fields.append(("assumptions", array(d.plan.assumptions.map(string))))
        fields.append(("would_finish", array(d.wouldFinish.map { string("\($0)") })))
        var steps: [String] = []
        for (n, step) in d.steps.enumerated() {
            var s: [(String, String)] = [
                ("rule", string(step.rule)),
                ("statement", string(step.statement)),
                ("explanation", string(text.explanation(step.explanation))),
                ("expression", string(step.vectorForm?.input ?? input.render(step.expression))),
                ("latex", string(step.vectorForm?.latex ?? latex.render(step.expression))),
            ]
            if let report, n < report.values.count {
                let value = step.vectorForm != nil ? report.vectorFormValue : report.values[n]
                if let value { s.append(("value", JSONPrinter.format(.tensor(value)))) }
                if n > 0, let gap = n < report.stepDifferences.count ? report.stepDifferences[n] : nil {
                    s.append(("equals_start", NumericCheck.Report.agree(gap) ? "true" : "false"))
                }
            }
            // What the step introduced or rewrote, with its value: the numbers shown beside the step.
            if let report, n < report.introduced.count, !report.introduced[n].isEmpty {
                s.append(("introduced", array(report.introduced[n].map { v in
                    var o: [(String, String)] = [("expression", string(input.render(v.part.term))), ("value", JSONPrinter.format(.tensor(v.value)))]
                    if let name = v.part.name { o.insert(("name", string(name)), at: 0) }
                    return object(o)
                })))
            }
            if let part = step.part {
                var p: [(String, String)] = [("of", string(input.render(part.of))), ("result", string(input.render(part.result)))]
                if let wrt = part.wrt { p.insert(("wrt", string(input.render(wrt.term))), at: 1) }
                s.append(("part", object(p)))
            }
            if !step.cases.isEmpty {
                s.append(("cases", array(step.cases.map { c in
                    object([("when", string(c.when.text(.ascii))),
                            ("expression", string(input.render(c.expression)))])
                })))
            }
            steps.append(object(s))
        }
        fields.append(("steps", array(steps)))
        fields.append(("result", string(d.vectorForm?.input ?? input.render(d.result))))
        fields.append(("complete", d.complete ? "true" : "false"))
        // Why an unfinished derivation stopped, so a reader need not infer it from the number of steps.
        fields.append(("stopped", d.stoppedAtLimit ? string("step limit") : d.complete ? "null" : string("no rule applies")))
        if let report {
            var check: [(String, String)] = [("agrees", report.agrees ? "true" : "false")]
            check.append(("largest_step_difference", report.largestStepDifference.map { JSONPrinter.format(.scalar($0)) } ?? "null"))
            check.append(("finite_difference_gap", report.finiteDifferenceGap.map { JSONPrinter.format(.scalar($0)) } ?? "null"))
            check.append(("bindings", array(report.bindings.map(string))))
            check.append(("example", report.usedExample ? "true" : "false"))
            fields.append(("check", object(check)))
        }
        return object(fields)
    }

    static func string(_ s: String) -> String { JSONPrinter.string(s) }

    static func array(_ items: [String]) -> String { "[" + items.joined(separator: ", ") + "]" }

    static func object(_ fields: [(String, String)]) -> String {
        "{" + fields.map { string($0.0) + ": " + $0.1 }.joined(separator: ", ") + "}"
    }
}
