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
    /// By question key, the wrong attempts and hints of a question not yet answered or skipped: saved
    /// as they happen, so a learner who quits and comes back keeps them.
    public var unanswered: [String: QuestionRecord.Tries]

    public init(lesson: String, step: Int = 0, stepCount: Int, completed: Bool = false, questions: [String: QuestionRecord] = [:],
                unanswered: [String: QuestionRecord.Tries] = [:]) {
        self.lesson = lesson
        self.step = step
        self.stepCount = stepCount
        self.completed = completed
        self.questions = questions
        self.unanswered = unanswered
    }

    /// A file written before attempts were saved has no `unanswered`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        lesson = try container.decode(String.self, forKey: .lesson)
        step = try container.decode(Int.self, forKey: .step)
        stepCount = try container.decode(Int.self, forKey: .stepCount)
        completed = try container.decode(Bool.self, forKey: .completed)
        questions = try container.decode([String: QuestionRecord].self, forKey: .questions)
        unanswered = try container.decodeIfPresent([String: QuestionRecord.Tries].self, forKey: .unanswered) ?? [:]
    }

    /// Whether the learner has done anything in the lesson: moved on, answered or tried.
    public var isBegun: Bool { step > 0 || !questions.isEmpty || !unanswered.isEmpty }

    /// "not started", "step 7 of 12", "complete", for `jacobi lessons`.
    public var description: String {
        if completed { return "complete" }
        if !isBegun { return "not started" }
        return "step \(step + 1) of \(stepCount)"
    }
}

/// How one question went.
public struct QuestionRecord: Codable, Equatable, Sendable {
    public enum Outcome: String, Codable, Sendable { case correct, skipped }

    public var outcome: Outcome
    /// Wrong attempts before it was resolved; nil when not known (see `CourseProgress.version`).
    public var attempts: Int?
    public var hints: Int

    public init(outcome: Outcome, attempts: Int? = 0, hints: Int = 0) {
        self.outcome = outcome
        self.attempts = attempts
        self.hints = hints
    }

    /// The wrong attempts and hints so far of a question not yet resolved.
    public struct Tries: Codable, Equatable, Sendable {
        public var attempts: Int
        public var hints: Int

        public init(attempts: Int = 0, hints: Int = 0) {
            self.attempts = attempts
            self.hints = hints
        }
    }
}

/// Everyone's progress file: one record per lesson.
public struct CourseProgress: Codable, Equatable, Sendable {
    /// 2 saves every attempt as it happens. Version 1 counted only the wrong attempts of the session
    /// that resolved a question, so a question it records with none may have had some before a quit:
    /// read from a version-1 file, those counts are unknown (nil), never "first try".
    public static let currentVersion = 2
    public var version: Int
    public var lessons: [String: LessonProgress]

    public init(lessons: [String: LessonProgress] = [:]) {
        self.version = CourseProgress.currentVersion
        self.lessons = lessons
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decode(Int.self, forKey: .version)
        lessons = try container.decode([String: LessonProgress].self, forKey: .lessons)
        guard version < CourseProgress.currentVersion else { return }
        for (name, lesson) in lessons {
            for (key, record) in lesson.questions where record.attempts == 0 {
                lessons[name]?.questions[key]?.attempts = nil
            }
        }
        // Read as this version now, so that it is saved as one.
        version = CourseProgress.currentVersion
    }
}
