#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The lessons of a directory (`Lessons/`), in course order, and the files that did not parse.
///
/// Every `*.md` file except `README.md` is a lesson. Lessons are ordered by the number in front of
/// their file name, then by name.
public struct LessonLibrary: Sendable {
    public var lessons: [Lesson]
    /// Files that are not valid lessons, each with its `file:line` message.
    public var errors: [LessonDiagnostic]
    /// Lines (of any file, valid lesson or not) that hold control characters: shown to a learner
    /// written out, and failures for `LessonChecker` (see `ControlCharacterCheck`).
    public var controlCharacters: [LessonDiagnostic]

    /// Parses lessons from text already read: each `file` is the path used in messages.
    public init(sources: [(file: String, text: String)]) {
        var lessons: [Lesson] = []
        var errors: [LessonDiagnostic] = []
        var controlCharacters: [LessonDiagnostic] = []
        for source in sources {
            controlCharacters += ControlCharacterCheck.diagnostics(in: source.text, file: source.file)
            do {
                lessons.append(try LessonParser.parse(source.text, file: source.file))
            } catch {
                errors.append(error)
            }
        }
        self.lessons = lessons.sorted { ($0.number ?? Int.max, $0.name) < ($1.number ?? Int.max, $1.name) }
        self.errors = errors
        self.controlCharacters = controlCharacters
    }

    /// Reads every lesson file in `directory`.
    public init(directory: String) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { $0.hasSuffix(".md") && $0.lowercased() != "readme.md" }
            .sorted()
        var sources: [(file: String, text: String)] = []
        var unreadable: [LessonDiagnostic] = []
        for name in names {
            let file = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            do {
                sources.append((file, try String(contentsOfFile: file, encoding: .utf8)))
            } catch {
                unreadable.append(LessonDiagnostic(file: file, line: 1, message: "cannot be read as UTF-8 text"))
            }
        }
        self.init(sources: sources)
        errors = unreadable + errors
    }

    /// A lesson by name (`softmax-jacobian`), number (`3`) or file stem (`03-softmax-jacobian`).
    public func lesson(named query: String) -> Lesson? {
        if let lesson = lessons.first(where: { $0.name == query }) { return lesson }
        if let number = Int(query), let lesson = lessons.first(where: { $0.number == number }) { return lesson }
        return lessons.first { LessonLibrary.stem($0.file) == query }
    }

    /// Names for completion and listings, in course order.
    public var names: [String] { lessons.map(\.name) }

    static func stem(_ file: String) -> String {
        let last = file.split(separator: "/").last.map(String.init) ?? file
        return last.hasSuffix(".md") ? String(last.dropLast(3)) : last
    }
}
