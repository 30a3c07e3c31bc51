import VectorLang

/// Reads the body of one `## ` step: narrative text, and the `jacobi` blocks between it.
enum StepReader {
    static let blockKinds = ["demo", "setup", "derive", "question", "drill"]

    /// Parts up to the next `## ` heading or the end of the file.
    static func readParts(_ reader: inout LineReader) throws(LessonDiagnostic) -> [StepPart] {
        var parts: [StepPart] = []
        var text: [String] = []
        var textLine = 0

        func flushText() {
            let body = text.joined(separator: "\n").trimmedLines
            if !body.isEmpty {
                let leadingBlanks = text.prefix { $0.trimmed.isEmpty }.count
                parts.append(.narrative(body, line: textLine + leadingBlanks))
            }
            text = []
        }

        while let (line, content) = reader.peek(), !content.hasPrefix("## ") {
            reader.advance()
            if content.hasPrefix("# ") {
                throw reader.error(at: line, "a lesson has one '# ' title; use '## ' for a step or '### ' for a heading inside one")
            }
            guard let fence = Fence(content) else {
                if text.isEmpty { textLine = line }
                text.append(content)
                continue
            }
            let body = try readFencedBody(&reader, fence: fence, openedAt: line)
            let words = fence.info.split(separator: " ").map(String.init)
            guard words.first == "jacobi" else {
                // Any other block (```python, ```text) is part of the narrative, shown as written.
                if text.isEmpty { textLine = line }
                text.append(content)
                text.append(contentsOf: body.map(\.1))
                text.append(String(repeating: fence.marker, count: fence.length))
                continue
            }
            flushText()
            let kind = words.count > 1 ? words[1] : "demo"
            guard words.count <= 2 else {
                throw reader.error(at: line, "expected only a block kind after 'jacobi' (\(blockKinds.joined(separator: ", "))); got '\(fence.info)'")
            }
            switch kind {
            case "demo": parts.append(.demo(try languageLines(body, reader: reader, openedAt: line, kind: kind)))
            case "setup": parts.append(.setup(try languageLines(body, reader: reader, openedAt: line, kind: kind)))
            case "derive": parts.append(try derivation(body, reader: reader, openedAt: line))
            case "question":
                parts.append(.question(try QuestionParser.parse(body, openedAt: line, file: reader.file)))
            case "drill":
                // Made when the lesson is read, so every later stage sees two ordinary questions.
                let spec = try DrillSpec.parse(body, openedAt: line, file: reader.file)
                parts += DrillQuestions.parts(for: try DrillQuestions.make(spec, file: reader.file), line: line)
            default:
                throw reader.error(at: line, "unknown block kind 'jacobi \(kind)'; expected one of: \(blockKinds.map { "jacobi \($0)" }.joined(separator: ", "))")
            }
        }
        flushText()
        return parts
    }

    /// The lines between an opening fence and its closing fence (which is consumed).
    private static func readFencedBody(_ reader: inout LineReader, fence: Fence, openedAt line: Int) throws(LessonDiagnostic) -> [(Int, String)] {
        var body: [(Int, String)] = []
        while let (number, text) = reader.next() {
            if fence.isClosed(by: text) { return body }
            body.append((number, text))
        }
        let closing = String(repeating: fence.marker, count: fence.length)
        throw reader.error(at: line, "this \(closing) block is never closed; expected a line with \(closing) after it")
    }

    /// Language lines of a demo or set-up block; a line with brackets still open continues on the next.
    private static func languageLines(_ body: [(Int, String)], reader: LineReader, openedAt line: Int, kind: String) throws(LessonDiagnostic) -> [SourceLine] {
        var lines: [SourceLine] = []
        var pending: SourceLine?
        for (number, text) in body {
            if var open = pending {
                open.text += "\n" + text
                pending = open
            } else {
                guard !text.trimmed.isEmpty else { continue }
                pending = SourceLine(text, line: number)
            }
            if let complete = pending, !Session.needsContinuation(complete.text) {
                try check(complete, reader: reader, kind: kind)
                lines.append(complete)
                pending = nil
            }
        }
        if let open = pending {
            throw reader.error(at: open.line, "a bracket opened on this line is never closed before the end of the block")
        }
        guard !lines.isEmpty else {
            throw reader.error(at: line, "this jacobi \(kind) block is empty; expected at least one line of Jacobi")
        }
        return lines
    }

    private static func check(_ line: SourceLine, reader: LineReader, kind: String) throws(LessonDiagnostic) {
        do {
            _ = try Parser.parse(line.text)
        } catch {
            let at = error.location(in: line.text)
            throw reader.error(at: line.line + at.line - 1, "expected Jacobi in this \(kind) line: \(error.message) (column \(at.column))")
        }
    }

    private static func derivation(_ body: [(Int, String)], reader: LineReader, openedAt line: Int) throws(LessonDiagnostic) -> StepPart {
        let lines = body.filter { !$0.1.trimmed.isEmpty }
        guard let (number, text) = lines.first else {
            throw reader.error(at: line, "expected the derivation inside the block, such as 'softmax --at z=[2,1,0.1]'")
        }
        guard lines.count == 1 else {
            throw reader.error(at: lines[1].0, "a jacobi derive block holds one derivation; start another block for a second")
        }
        var arguments = text.trimmed
        if arguments.hasPrefix(":derive ") { arguments = arguments.dropFirst(8).trimmed }
        return .derivation(arguments: arguments, line: number)
    }
}
