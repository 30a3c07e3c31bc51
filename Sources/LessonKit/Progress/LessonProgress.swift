/// Where a learner is in one lesson and how each question went; what `progress.json` holds per lesson.
public struct LessonProgress: Codable, Equatable, Sendable {
    /// The lesson's name (`softmax-jacobian`).
    public var lesson: String
    /// The step to resume at, counting from 0.
    public var step: Int
    public var stepCount: Int
    public var completed: Bool
    /// By question key ("3.1": the first question of step 3), how it went.
    public var questions: [String: QuestionRecord]

    public init(lesson: String, step: Int = 0, stepCount: Int, completed: Bool = false, questions: [String: QuestionRecord] = [:]) {
        self.lesson = lesson
        self.step = step
        self.stepCount = stepCount
        self.completed = completed
        self.questions = questions
    }

    /// "not started", "step 7 of 12", "complete", for `jacobi lessons`.
    public var description: String {
        if completed { return "complete" }
        if step == 0 && questions.isEmpty { return "not started" }
        return "step \(step + 1) of \(stepCount)"
    }
}

/// How one question went.
public struct QuestionRecord: Codable, Equatable, Sendable {
    public enum Outcome: String, Codable, Sendable { case correct, skipped }

    public var outcome: Outcome
    /// Wrong answers before it was resolved.
    public var attempts: Int
    public var hints: Int

    public init(outcome: Outcome, attempts: Int = 0, hints: Int = 0) {
        self.outcome = outcome
        self.attempts = attempts
        self.hints = hints
    }
}

/// Everyone's progress file: one record per lesson.
public struct CourseProgress: Codable, Equatable, Sendable {
    public static let currentVersion = 1
    public var version: Int
    public var lessons: [String: LessonProgress]

    public init(lessons: [String: LessonProgress] = [:]) {
        self.version = CourseProgress.currentVersion
        self.lessons = lessons
    }
}
