import VectorLang

extension Drill {
    /// The drill as JSON: its lines (Unicode and input syntax), the slips to choose from, and what was
    /// planted only when `answers` (a teacher's key: a learner's copy must not give it away).
    public func json(answers: Bool) -> String {
        typealias J = DerivationJSON
        var fields: [(String, String)] = [
            ("version", "1"), ("topic", J.string(topic)), ("title", J.string(title)), ("seed", "\(seed)"),
            ("definitions", J.array(definitions.map(J.string))), ("assumptions", J.array(assumptions.map(J.string))),
            ("example", J.array(example.map(J.string))),
            ("lines", J.array(lines.map { line in
                var o: [(String, String)] = [("number", "\(line.number)"), ("rule", J.string(line.rule)), ("text", J.string(line.text)),
                                             ("expression", J.string(line.input))]
                if !line.cases.isEmpty { o.append(("cases", J.array(line.cases.map(J.string)))) }
                return J.object(o)
            })),
            ("slips", J.array(Drill.choices.enumerated().map { n, slip in
                J.object([("number", "\(n + 1)"), ("name", J.string(slip.rawValue)), ("text", J.string(slip.choice))])
            })),
        ]
        if answers {
            fields.append(("planted", J.object([
                ("line", "\(planted.line)"), ("slip", J.string(planted.slip.rawValue)), ("what", J.string(planted.what)),
                ("right", J.object([("text", J.string(planted.right.text)), ("expression", J.string(planted.right.input))])),
                ("accepted", J.array(planted.accepted.map { J.string($0.rawValue) })),
            ])))
        }
        return J.object(fields)
    }

    /// The drill as text for a teacher's sheet: the lines, numbered, then (with `answers`) the key.
    public func text(answers: Bool) -> String {
        var out = ["Find the error: \(title) (\(topic), seed \(seed))"]
        if !definitions.isEmpty { out.append("  where " + definitions.joined(separator: ", ")) }
        out.append(assumptions.isEmpty ? "  nothing assumed" : "  assuming " + assumptions.joined(separator: ", "))
        out.append("")
        out.append("     " + lines[0].text)
        for line in lines.dropFirst() {
            let number = "\(line.number)".count == 1 ? " \(line.number)" : "\(line.number)"
            out.append(" \(number)  = \(line.text)   [\(line.rule)]")
            for c in line.cases { out.append("          \(c)") }
        }
        out.append("")
        out.append("Slips:")
        out += Drill.choices.enumerated().map { "  \($0 + 1). \($1.choice)" }
        if answers {
            out.append("")
            out.append("Answer:")
            out += reveal.map { "  " + $0 }
        }
        return out.joined(separator: "\n")
    }
}
