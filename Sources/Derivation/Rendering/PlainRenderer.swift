import VectorLang

/// A derivation as terminal text: each step's rule, then "= expression", then its value when known.
public struct PlainRenderer: Sendable {
    public let notation: Notation
    public init(ascii: Bool) { notation = ascii ? .ascii : .unicode }

    func explanation(_ pieces: Explanation) -> String {
        let r = TermRenderer(notation)
        return pieces.map { piece in
            switch piece {
            case .text(let s): return notation == .ascii ? ASCIIText.spell(s) : s
            case .term(let t): return r.render(t)
            case .binding(let name, let t): return (notation == .ascii ? ASCIIText.spell(name) : name) + " = " + r.render(t)
            }
        }.joined()
    }

    /// The lines of the derivation, without numbers.
    public func lines(_ d: DerivationResult) -> [String] {
        let r = TermRenderer(notation)
        var out: [String] = []
        for (n, step) in d.steps.enumerated() {
            out.append(contentsOf: lines(step, number: n, renderer: r).map(\.text))
        }
        return out
    }

    func lines(_ step: Step, number n: Int, renderer r: TermRenderer) -> [DerivationText.Line] {
        typealias Line = DerivationText.Line
        let statement = notation == .ascii ? ASCIIText.spell(step.statement) : step.statement
        if n == 0 {
            // Vector notation says first how it reads in index notation.
            let said = step.rule == "start" ? [] : [Line("\(notation == .ascii ? ASCIIText.spell(step.rule) : step.rule): \(statement)", .rule)]
            return said + [Line("  " + r.render(step.expression), .expression)]
        }
        let rule = notation == .ascii ? ASCIIText.spell(step.rule) : step.rule
        var out = [Line("[\(n)] \(rule): \(statement)", .rule)]
        let why = explanation(step.explanation)
        if !why.isEmpty { out.append(Line("    " + why, .explanation)) }
        if !step.cases.isEmpty {
            for c in step.cases {
                out.append(Line("    \(c.when.text(notation)):  " + r.render(c.expression), .expression))
            }
        } else if let v = step.vectorForm {
            let form = notation == .ascii ? ASCIIText.spell(v.unicode) : v.unicode
            out.append(Line("  = " + form + "      (jacobi: \(v.input))", .expression))
        } else {
            out.append(Line("  = " + r.render(step.expression), .expression))
        }
        return out
    }
}
