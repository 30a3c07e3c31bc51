import Foundation
import VectorLang
@testable import LessonKit

/// The lessons in `Fixtures/Judging`, and a learner taking one through `LessonRunner`.
enum JudgingFixtures {
    static let folder = Paths.fixtures + "/Judging"

    static func lesson(_ file: String) throws -> Lesson {
        let path = folder + "/" + file
        return try LessonParser.parse(String(contentsOfFile: path, encoding: .utf8), file: path)
    }

    /// A runner started at `step` (counting from 0) of the fixture, in a fresh session.
    static func runner(_ file: String, step: Int = 0) throws -> LessonRunner {
        let runner = LessonRunner(lesson: try lesson(file), session: Session(), derive: FakeDerivations.provider, stepByStep: false)
        _ = runner.start(at: step)
        return runner
    }
}

extension LessonRunner {
    /// What the learner is told about a line: the verdict, "(looked, not judged)" or the choices
    /// again; nil when the line only ran (an error, or after ✓).
    func told(_ line: String) -> LessonEvent? {
        submit(line).first { event in
            switch event {
            case .correct, .incorrect, .looked, .chooseAgain: return true
            default: return false
            }
        }
    }

    /// The wrong attempts saved for the open question so far (0 before any, and once it is resolved).
    var savedAttempts: Int {
        guard let question = openQuestion, let ordinal = lesson.steps[stepIndex].questions.firstIndex(of: question) else { return 0 }
        return progress.unanswered["\(stepIndex + 1).\(ordinal + 1)"]?.attempts ?? 0
    }
}
