import VectorLang

/// Reads the body of a ```` ```jacobi question ```` block: `key: value` fields, `- [ ]` / `- [x]`
/// choices, and indented lines that continue the field above them.
enum QuestionParser {
    static let fields = ["ask", "expect", "equivalent", "vary", "points", "tolerance", "hint", "mistake", "explain", "allow", "require", "forbid", "skip", "derive", "given"]
    static let repeatable: Set<String> = ["hint", "mistake", "equivalent", "given"]

    private struct Field {
        var key: String
        var value: String
        var line: Int
    }

    static func parse(_ body: [(Int, String)], openedAt opening: Int, file: String) throws(LessonDiagnostic) -> Question {
        func error(_ line: Int, _ message: String) -> LessonDiagnostic {
            LessonDiagnostic(file: file, line: line, message: message)
        }
        var fields: [Field] = []
        var choices: [Choice] = []
        for (line, text) in body {
            if text.trimmed.isEmpty { continue }
            let content = text.trimmed
            if let choice = try choice(content, line: line, file: file) {
                choices.append(choice)
                continue
            }
            if text.first == " " || text.first == "\t" {
                guard !fields.isEmpty else {
                    throw error(line, "expected a field such as 'ask:' before an indented continuation line")
                }
                fields[fields.count - 1].value += "\n" + content
                continue
            }
            guard let colon = content.firstIndex(of: ":"),
                  case let key = content[..<colon].lowercased(), key.allSatisfy({ $0.isLetter }), !key.isEmpty else {
                throw error(line, "expected 'field: value' (\(QuestionParser.fields.joined(separator: ", "))), a choice '- [ ] text', or an indented continuation line")
            }
            guard QuestionParser.fields.contains(key) else {
                throw error(line, "unknown question field '\(key)'; expected one of: \(QuestionParser.fields.joined(separator: ", "))")
            }
            if !repeatable.contains(key), let earlier = fields.first(where: { $0.key == key }) {
                throw error(line, "a second '\(key):' (the first is on line \(earlier.line)); a question has one")
            }
            fields.append(Field(key: key, value: content[content.index(after: colon)...].trimmed, line: line))
        }

        func value(_ key: String) -> Field? { fields.first { $0.key == key } }

        guard let ask = value("ask"), !ask.value.isEmpty else {
            throw error(opening, "expected 'ask:' with the question's text in this jacobi question block")
        }
        var question = Question(line: opening, prompt: ask.value, kind: .expression(expected: ""))
        switch (value("expect"), choices.isEmpty) {
        case (nil, true):
            throw error(opening, "expected 'expect: EXPRESSION' with the answer, or choices written '- [x] right' and '- [ ] wrong'")
        case (let expect?, false):
            throw error(expect.line, "a question has either 'expect:' or choices, not both")
        case (let expect?, true):
            let expression = expect.value.replacingNewlines
            try checkExpression(expression, line: expect.line, what: "expect:", file: file)
            question.kind = .expression(expected: expression)
            question.answerLine = expect.line
            if let start = value("derive") {
                question.kind = try derivation(start: start, expected: expression, given: fields.filter { $0.key == "given" }, file: file)
                for key in ["mistake", "equivalent", "vary", "tolerance", "allow", "require", "forbid", "points"] {
                    if let field = value(key) {
                        throw error(field.line, "'\(key):' applies to typed answers, not to a derivation; its steps are checked at random points of their own")
                    }
                }
            }
        case (nil, false):
            guard choices.count >= 2 else { throw error(choices[0].line, "expected at least two choices") }
            let correct = choices.filter(\.isCorrect)
            guard correct.count == 1 else {
                throw error(correct.count > 1 ? correct[1].line : opening,
                            "expected exactly one right choice marked '- [x]'; found \(correct.count)")
            }
            for key in ["mistake", "equivalent", "vary", "tolerance", "allow", "require", "forbid", "points"] {
                if let field = value(key) {
                    throw error(field.line, "'\(key):' applies to typed answers, not to choices; give a wrong choice feedback with '- [ ] text -> feedback'")
                }
            }
            question.kind = .choice(choices)
        }
        if case .choice = question.kind, let field = value("derive") ?? value("given") {
            throw error(field.line, "'\(field.key):' belongs to a derivation question, with 'expect:', not to choices")
        }
        if case .expression = question.kind, let given = value("given") {
            throw error(given.line, "'given:' belongs to a derivation question: add 'derive: START'")
        }
        for field in fields {
            switch field.key {
            case "vary": question.variations = try variations(field, file: file)
            case "points":
                guard let n = Int(field.value), (0...20).contains(n) else {
                    throw error(field.line, "expected a number of random points from 0 to 20; got '\(field.value)'")
                }
                question.points = n
            case "tolerance":
                guard let t = tolerance(field.value) else {
                    throw error(field.line, "expected a positive tolerance such as '1e-4' or '0.5%'; got '\(field.value)'")
                }
                question.tolerance = t
            case "hint": question.hints.append(field.value)
            case "equivalent":
                let expression = field.value.replacingNewlines
                try checkExpression(expression, line: field.line, what: "equivalent:", file: file)
                question.equivalents.append(SourceLine(expression, line: field.line))
            case "mistake": question.mistakes.append(try mistake(field, file: file))
            case "explain": question.explanation = field.value
            case "allow": question.rules.allow = try rules(field, file: file)
            case "require": question.rules.require = try rules(field, file: file)
            case "forbid": question.rules.forbid = try rules(field, file: file)
            case "skip":
                guard let allowed = LessonParser.parseYesNo(field.value) else {
                    throw error(field.line, "expected 'skip: yes' or 'skip: no'; got '\(field.value)'")
                }
                question.skipAllowed = allowed
            default: break
            }
        }
        return question
    }

    /// `- [x] text` or `- [ ] text -> feedback`, or nil when the line is not a choice.
    private static func choice(_ content: String, line: Int, file: String) throws(LessonDiagnostic) -> Choice? {
        guard content.hasPrefix("- [") else { return nil }
        let rest = content.dropFirst(3)
        guard let mark = rest.first, rest.dropFirst().first == "]" else {
            throw LessonDiagnostic(file: file, line: line, message: "expected a choice as '- [ ] text' or '- [x] text'")
        }
        guard mark == " " || mark == "x" || mark == "X" else {
            throw LessonDiagnostic(file: file, line: line, message: "expected ' ' or 'x' between the brackets of a choice; got '\(mark)'")
        }
        let body = rest.dropFirst(2).trimmed
        var text = body, feedback: String?
        if let arrow = body.firstRange(of: " -> ") {
            text = body[..<arrow.lowerBound].trimmed
            feedback = body[arrow.upperBound...].trimmed
        }
        guard !text.isEmpty else { throw LessonDiagnostic(file: file, line: line, message: "expected the choice's text after the brackets") }
        return Choice(text: text, isCorrect: mark != " ", feedback: feedback, line: line)
    }

    /// `derive: START` with its `given:` set-up lines: the start must be an expression.
    private static func derivation(start: Field, expected: String, given: [Field], file: String) throws(LessonDiagnostic) -> Question.Kind {
        let text = start.value.replacingNewlines
        try checkExpression(text, line: start.line, what: "derive:", file: file)
        return .derivation(start: text, expected: expected, given: given.map { $0.value.replacingNewlines })
    }

    /// `EXPRESSION -> feedback`, split at the first ` -> ` whose left side is a whole expression, so
    /// an answer may itself hold a function `z -> …`.
    private static func mistake(_ field: Field, file: String) throws(LessonDiagnostic) -> Mistake {
        let text = field.value.replacingNewlines
        var searchStart = text.startIndex
        var firstError: Diagnostic?
        while let arrow = text[searchStart...].firstRange(of: " -> ") {
            let expression = text[..<arrow.lowerBound].trimmed
            let feedback = text[arrow.upperBound...].trimmed
            do {
                _ = try Parser.parseExpression(expression)
                guard !feedback.isEmpty else { break }
                return Mistake(expression: expression, feedback: feedback, line: field.line)
            } catch {
                if firstError == nil { firstError = error }
            }
            searchStart = arrow.upperBound
        }
        if let firstError {
            throw LessonDiagnostic(file: file, line: field.line, message: "expected 'mistake: EXPRESSION -> feedback'; the expression does not parse: \(firstError.message)")
        }
        throw LessonDiagnostic(file: file, line: field.line, message: "expected 'mistake: EXPRESSION -> feedback', with the feedback after ' -> '")
    }

    private static func checkExpression(_ text: String, line: Int, what: String, file: String) throws(LessonDiagnostic) {
        do {
            _ = try Parser.parseExpression(text)
        } catch {
            throw LessonDiagnostic(file: file, line: line, message: "expected an expression after '\(what)': \(error.message)")
        }
    }

    /// `z, y onehot, x in 0.1..3, p simplex`
    private static func variations(_ field: Field, file: String) throws(LessonDiagnostic) -> [Variation] {
        func error(_ message: String) -> LessonDiagnostic { LessonDiagnostic(file: file, line: field.line, message: message) }
        let expected = "expected 'vary: NAME' items separated by commas, each optionally 'in LOW..HIGH', 'simplex' or 'onehot'"
        var result: [Variation] = []
        for item in field.value.split(separator: ",") {
            let words = item.split(separator: " ").map(String.init)
            guard let name = words.first, isName(name) else { throw error(expected + "; got '\(item.trimmed)'") }
            switch words.count {
            case 1: result.append(Variation(name: name, line: field.line))
            case 2 where words[1] == "simplex": result.append(Variation(name: name, distribution: .simplex, line: field.line))
            case 2 where words[1] == "onehot": result.append(Variation(name: name, distribution: .onehot, line: field.line))
            case 3 where words[1] == "in":
                let bounds = words[2].split(separator: "..", omittingEmptySubsequences: false)
                guard bounds.count == 2, let low = Double(bounds[0]), let high = Double(bounds[1]), low < high,
                      low.isFinite, high.isFinite else {
                    throw error("expected a range such as 'in -3..3' after '\(name)'; got '\(words[2])'")
                }
                result.append(Variation(name: name, distribution: .uniform(lower: low, upper: high), line: field.line))
            default: throw error(expected + "; got '\(item.trimmed)'")
            }
        }
        guard !result.isEmpty else { throw error(expected) }
        return result
    }

    /// `z, T` or `softmax/1, exp`: names, each optionally with the number of arguments it is called with.
    private static func rules(_ field: Field, file: String) throws(LessonDiagnostic) -> [NameRule] {
        var rules: [NameRule] = []
        for item in field.value.split(separator: ",").map({ $0.trimmed }) {
            let parts = item.split(separator: "/", omittingEmptySubsequences: false).map { $0.trimmed }
            let arity = parts.count == 2 ? Int(parts[1]).flatMap { (0...20).contains($0) ? $0 : nil } : nil
            guard let name = parts.first, isName(name), parts.count == 1 || (parts.count == 2 && arity != nil) else {
                throw LessonDiagnostic(file: file, line: field.line,
                                       message: "expected names separated by commas after '\(field.key):', each optionally with its number of arguments (softmax/1); got '\(item)'")
            }
            rules.append(NameRule(name, arity: arity))
        }
        guard !rules.isEmpty else {
            throw LessonDiagnostic(file: file, line: field.line, message: "expected names separated by commas after '\(field.key):'")
        }
        return rules
    }

    private static func tolerance(_ text: String) -> Tolerance? {
        if text.hasSuffix("%") {
            guard let r = Double(text.dropLast().trimmed), r > 0, r.isFinite else { return nil }
            return .relative(r / 100)
        }
        guard let t = Double(text), t > 0, t.isFinite else { return nil }
        return .mixed(t)
    }

    static func isName(_ text: String) -> Bool {
        guard let first = text.first, first.isLetter || first == "_" else { return false }
        return text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }
}

extension String {
    /// Continuation lines of an expression field joined with spaces: an expression is one line.
    var replacingNewlines: String { split(separator: "\n").map { $0.trimmed }.joined(separator: " ") }
}
