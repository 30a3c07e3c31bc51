import VectorLang

/// Reads a lesson file: `# Title`, `- key: value` metadata, a summary, then `## ` steps whose
/// `jacobi` fenced blocks are demos, set-up lines, derivations and questions (see `Lessons/README.md`).
///
/// It reads line by line and stops at the first thing that does not fit, naming the line and what was
/// expected there; a lesson that parses has language lines that parse too.
public enum LessonParser {
    public static func parse(_ text: String, file: String) throws(LessonDiagnostic) -> Lesson {
        var reader = LineReader(text: text, file: file)
        let (number, name) = LessonParser.nameAndNumber(ofFile: file)

        reader.skipBlankLines()
        guard let (titleLine, first) = reader.next(), first.hasPrefix("# ") else {
            throw reader.error(at: reader.lastLine, "expected the lesson's title as '# Title' on the first line")
        }
        let title = first.dropFirst(2).trimmed
        guard !title.isEmpty else { throw reader.error(at: titleLine, "expected a title after '# '") }

        let metadata = try readMetadata(&reader, titleLine: titleLine)
        let summary = try readSummary(&reader)
        var steps: [LessonStep] = []
        while let (line, heading) = reader.next() {
            // readSummary stops at a step heading, and so does each step.
            let stepTitle = heading.dropFirst(3).trimmed
            guard !stepTitle.isEmpty else { throw reader.error(at: line, "expected a step title after '## '") }
            let parts = try StepReader.readParts(&reader)
            guard !parts.isEmpty else {
                throw reader.error(at: line, "step '\(stepTitle)' is empty; expected text or a ```jacobi block under its heading")
            }
            steps.append(LessonStep(title: stepTitle, line: line, parts: parts))
        }
        guard !steps.isEmpty else {
            throw reader.error(at: reader.lastLine, "expected at least one step, a '## Step title' heading")
        }
        return Lesson(name: name, number: number, file: file, title: title, minutes: metadata.minutes,
                      skipAllowed: metadata.skipAllowed, summary: summary, steps: steps)
    }

    /// `03-softmax-jacobian.md` → (3, "softmax-jacobian"); a name without a number keeps its whole stem.
    public static func nameAndNumber(ofFile file: String) -> (Int?, String) {
        var stem = Substring(file.split(separator: "/").last ?? Substring(file))
        if stem.hasSuffix(".md") { stem = stem.dropLast(3) }
        let digits = stem.prefix { $0.isASCII && $0.isNumber }
        let rest = stem.dropFirst(digits.count)
        guard !digits.isEmpty, let separator = rest.first, separator == "-" || separator == "_", rest.count > 1 else {
            return (nil, String(stem))
        }
        return (Int(digits), String(rest.dropFirst()))
    }

    static let metadataKeys = ["minutes", "skip"]

    private static func readMetadata(_ reader: inout LineReader, titleLine: Int) throws(LessonDiagnostic) -> (minutes: Int, skipAllowed: Bool) {
        reader.skipBlankLines()
        var minutes: Int?
        var skipAllowed = true
        while let (line, text) = reader.peek(), text.hasPrefix("- ") {
            reader.advance()
            let item = text.dropFirst(2)
            guard let colon = item.firstIndex(of: ":") else {
                throw reader.error(at: line, "expected metadata as '- key: value' (keys: \(metadataKeys.joined(separator: ", ")))")
            }
            let key = item[..<colon].trimmed.lowercased(), value = item[item.index(after: colon)...].trimmed
            switch key {
            case "minutes":
                guard let m = Int(value), (1...240).contains(m) else {
                    throw reader.error(at: line, "expected a whole number of minutes, such as '- minutes: 15'; got '\(value)'")
                }
                minutes = m
            case "skip":
                guard let allowed = parseYesNo(value) else {
                    throw reader.error(at: line, "expected '- skip: yes' or '- skip: no'; got '\(value)'")
                }
                skipAllowed = allowed
            default:
                throw reader.error(at: line, "unknown metadata '\(key)'; expected one of: \(metadataKeys.joined(separator: ", "))")
            }
        }
        guard let minutes else {
            throw reader.error(at: titleLine, "expected '- minutes: N' (how long the lesson takes) in a list under the title")
        }
        return (minutes, skipAllowed)
    }

    /// Text up to the first `## `; it may not hold blocks, which belong to steps.
    private static func readSummary(_ reader: inout LineReader) throws(LessonDiagnostic) -> String {
        var lines: [String] = []
        while let (line, text) = reader.peek(), !text.hasPrefix("## ") {
            if text.hasPrefix("# ") {
                throw reader.error(at: line, "a lesson has one '# ' title; use '## ' to start a step")
            }
            if Fence(text) != nil {
                throw reader.error(at: line, "expected a '## ' step heading before the first fenced block")
            }
            lines.append(text)
            reader.advance()
        }
        return lines.joined(separator: "\n").trimmedLines
    }

    static func parseYesNo(_ value: String) -> Bool? {
        switch value.lowercased() {
        case "yes", "allowed", "true": return true
        case "no", "forbidden", "false": return false
        default: return nil
        }
    }
}

/// The lines of a file with their 1-based numbers, read forward.
struct LineReader {
    let file: String
    private let lines: [String]
    private var index = 0

    init(text: String, file: String) {
        self.file = file
        self.lines = LineReader.lines(of: text)
    }

    /// The lines of a file's text, the byte-order mark in front (which editors add) left out.
    static func lines(of text: String) -> [String] {
        var body = Substring(text)
        if body.hasPrefix("\u{FEFF}") { body = body.dropFirst() }
        // "\r\n" is one Character in Swift, so a file written on Windows splits on it as a whole.
        var lines = body.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }.map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// The number of the last line read (or 1 for an empty file), for errors at the end.
    var lastLine: Int { max(1, min(index, lines.count)) }

    func peek() -> (Int, String)? { index < lines.count ? (index + 1, lines[index]) : nil }

    mutating func advance() { index += 1 }

    mutating func next() -> (Int, String)? {
        defer { index += 1 }
        return peek()
    }

    mutating func skipBlankLines() {
        while let (_, text) = peek(), text.trimmed.isEmpty { advance() }
    }

    func error(at line: Int, _ message: String) -> LessonDiagnostic {
        LessonDiagnostic(file: file, line: line, message: message)
    }
}

/// An opening or closing code fence: three or more backticks or tildes, then an info string.
struct Fence {
    let marker: Character
    let length: Int
    let info: String

    init?(_ line: String) {
        let indent = line.prefix { $0 == " " }
        guard indent.count <= 3 else { return nil }
        let rest = line.dropFirst(indent.count)
        guard let marker = rest.first, marker == "`" || marker == "~" else { return nil }
        let run = rest.prefix { $0 == marker }
        guard run.count >= 3 else { return nil }
        let info = rest.dropFirst(run.count).trimmed
        if marker == "`", info.contains("`") { return nil }
        self.marker = marker
        self.length = run.count
        self.info = info
    }

    /// Whether `line` closes a block this fence opened.
    func isClosed(by line: String) -> Bool {
        guard let other = Fence(line) else { return false }
        return other.marker == marker && other.length >= length && other.info.isEmpty
    }
}

extension StringProtocol {
    var trimmed: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }

    /// Without the blank lines at either end.
    var trimmedLines: String {
        var lines = split(separator: "\n", omittingEmptySubsequences: false)
        while let first = lines.first, first.trimmed.isEmpty { lines.removeFirst() }
        while let last = lines.last, last.trimmed.isEmpty { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
