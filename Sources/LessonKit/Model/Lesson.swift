/// One lesson, as parsed from a Markdown file in `Lessons/`.
///
/// A lesson is a title, a little metadata, a summary paragraph and a sequence of steps; each step is
/// one `## ` section of the file. Every part remembers the line it came from, so a failure while
/// checking or running it can name `file:line`.
public struct Lesson: Sendable {
    /// The name learners type: the file name without its number and extension (`03-softmax-jacobian.md`
    /// is `softmax-jacobian`).
    public var name: String
    /// The number in front of the file name (`3` for `03-softmax-jacobian.md`), which orders the course.
    public var number: Int?
    /// The path the lesson was read from, as the caller gave it; messages start with it.
    public var file: String
    public var title: String
    /// How long the lesson takes, for `jacobi lessons`.
    public var minutes: Int
    /// Whether `:skip` may pass over a question (a question can override it).
    public var skipAllowed: Bool
    /// The text between the title and the first step: what the lesson is about.
    public var summary: String
    public var steps: [LessonStep]
    /// What the prompt says instead of `lesson N` (`drill` for a drill).
    public var promptLabel: String?

    public init(name: String, number: Int?, file: String, title: String, minutes: Int, skipAllowed: Bool,
                summary: String, steps: [LessonStep]) {
        self.name = name
        self.number = number
        self.file = file
        self.title = title
        self.minutes = minutes
        self.skipAllowed = skipAllowed
        self.summary = summary
        self.steps = steps
    }

    /// Every question of the lesson, in order, with the step it belongs to.
    public var questions: [(step: Int, question: Question)] {
        steps.enumerated().flatMap { index, step in step.questions.map { (index, $0) } }
    }
}

/// One `## ` section of a lesson: what the learner sees between two `:next`s.
public struct LessonStep: Sendable {
    public var title: String
    /// The line of the `## ` heading.
    public var line: Int
    public var parts: [StepPart]

    public init(title: String, line: Int, parts: [StepPart]) {
        self.title = title
        self.line = line
        self.parts = parts
    }

    public var questions: [Question] {
        parts.compactMap { if case .question(let q) = $0 { return q } else { return nil } }
    }
}

/// A piece of a step, shown (or run) in the order it appears in the file.
public enum StepPart: Sendable {
    /// Markdown text, shown as written (including fenced blocks that are not `jacobi` blocks).
    case narrative(String, line: Int)
    /// Lines run silently in the learner's session before what follows (`jacobi setup`).
    case setup([SourceLine])
    /// Lines shown, run, and shown with their output (`jacobi` or `jacobi demo`).
    case demo([SourceLine])
    /// A derivation, run by the derivation engine with these arguments (`jacobi derive`).
    case derivation(arguments: String, line: Int)
    /// A question the learner answers at the prompt (`jacobi question`).
    case question(Question)

    /// The line in the file where the part starts.
    public var line: Int {
        switch self {
        case .narrative(_, let line), .derivation(_, let line): return line
        case .setup(let lines), .demo(let lines): return lines.first?.line ?? 0
        case .question(let question): return question.line
        }
    }
}

/// One line of language input from a lesson file, with where it came from.
///
/// A line whose brackets stay open continues on the next lines of the file, so `text` may hold
/// several lines joined by newlines; `line` is the first.
public struct SourceLine: Sendable, Equatable {
    public var text: String
    public var line: Int

    public init(_ text: String, line: Int) {
        self.text = text
        self.line = line
    }
}
