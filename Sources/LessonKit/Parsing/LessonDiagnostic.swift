/// Something wrong with a lesson file, at a line: a format error from the parser, or a failure
/// found by `LessonChecker`.
///
/// Its description is `file:line: message`, the form editors and CI logs turn into links.
public struct LessonDiagnostic: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { "\(file):\(line): \(message)" }
}
