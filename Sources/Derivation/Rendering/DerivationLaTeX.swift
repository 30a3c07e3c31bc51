/// A derivation as an `align*` block that compiles with amsmath, and as Markdown for notes and handouts.
public enum DerivationLaTeX {
    public static func render(_ d: DerivationResult, title: String?) -> String {
        let r = TermRenderer(.latex)
        var lines: [String] = []
        if let title { lines.append("% \(title)") }
        for def in d.shownDefinitions { lines.append("% where \(def.name) = \(def.meaning)") }
        lines.append("\\begin{align*}")
        let start = d.steps.first.map { r.render($0.expression) } ?? ""
        lines.append("  \(start)")
        for step in d.steps.dropFirst() {
            let label = "\\text{\(escape(step.rule))}"
            if !step.cases.isEmpty {
                let cases = step.cases.map { c in
                    "\(r.render(c.expression)) & \\text{if } \(c.when.text(.latex))"
                }.joined(separator: " \\\\ ")
                lines.append("  &= \\begin{cases} \(cases) \\end{cases} && \(label) \\\\")
            } else if let v = step.vectorForm {
                lines.append("  &= \(v.latex) && \(label) \\\\")
            } else {
                lines.append("  &= \(r.render(step.expression)) && \(label) \\\\")
            }
        }
        if lines.last?.hasSuffix(" \\\\") == true, let last = lines.popLast() { lines.append(String(last.dropLast(3))) }
        lines.append("\\end{align*}")
        return lines.joined(separator: "\n")
    }

    /// A standalone document around the block, for checking that it compiles.
    public static func document(_ body: String) -> String {
        "\\documentclass{article}\n\\usepackage{amsmath,amssymb}\n\\begin{document}\n\(body)\n\\end{document}\n"
    }

    /// Text for `\text{…}`: TeX's special characters escaped, and the ASCII ones that the default (OT1)
    /// text font lacks set in math, where `|` is a bar rather than an em dash and `<` not an inverted `!`.
    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "_", "&", "%", "$", "#", "{", "}": out += "\\\(c)"
            case "|", "<", ">": out += "$\(c)$"
            case "\\": out += "\\textbackslash{}"
            case "^": out += "\\textasciicircum{}"
            case "~": out += "\\textasciitilde{}"
            case "∂": out += "$\\partial$"
            case "Σ": out += "$\\Sigma$"
            case "δ": out += "$\\delta$"
            case "σ": out += "$\\sigma$"
            case "≠": out += "$\\neq$"
            case "−": out += "-"
            case "ᵢ": out += "$_i$"
            case "ⱼ": out += "$_j$"
            case "ₖ": out += "$_k$"
            case "·": out += "$\\cdot$"
            default: out.append(c.isASCII ? c : "?")
            }
        }
        return out
    }
}

public enum DerivationMarkdown {
    public static func render(_ d: DerivationResult, title: String?, report: NumericCheck.Report?) -> String {
        let r = TermRenderer(.latex)
        let input = TermRenderer(.input)
        var lines: [String] = ["## " + (title ?? "Derivation"), ""]
        let what = d.wrt.map { r.render(.partial(d.target, $0)) } ?? r.render(d.target)
        lines.append("$$\(what)$$")
        lines.append("")
        for def in d.shownDefinitions { lines.append("- where `\(def.name) = \(def.meaning)`") }
        for a in d.plan.assumptions { lines.append("- " + a) }
        if let report, !report.bindings.isEmpty { lines.append("- at `" + report.bindings.joined(separator: "; ") + "`") }
        lines.append("")
        for (n, step) in d.steps.enumerated() where n > 0 {
            lines.append("\(n). **\(step.rule)** — \(step.statement)")
            if !step.cases.isEmpty {
                for c in step.cases {
                    lines.append("   - if $\(c.when.text(.latex))$: $\(r.render(c.expression))$")
                }
            } else if let v = step.vectorForm {
                lines.append("   $$= \(v.latex)$$")
                lines.append("   `\(v.input)`")
            } else {
                lines.append("   $$= \(r.render(step.expression))$$")
                lines.append("   `\(input.render(step.expression))`")
            }
        }
        if let report { lines.append(""); lines += DerivationText(ascii: false).footer(d, report: report).map(\.text) }
        return lines.joined(separator: "\n")
    }
}
