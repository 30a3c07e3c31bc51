#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@_spi(Testing) import LessonKit

// The child process of ProgressKillTests: saves progress at the path it is given, again and again,
// until it is killed. Each save pauses 10 ms between writing the temporary file and renaming it, which
// widens the window a kill must hit to matter, and holds about 150 KB of JSON, so writing takes a
// while too. A program of its own, so the loop is not a test case that passes in every other run.

/// About 150 KB of progress: 60 lessons of 30 questions each, and the counter that shows each save.
func bulkyProgress(counter: Int) -> CourseProgress {
    var progress = CourseProgress()
    for l in 0..<60 {
        var questions: [String: QuestionRecord] = [:]
        for q in 0..<30 {
            questions["\(q / 3 + 1).\(q % 3 + 1)"] = QuestionRecord(outcome: q % 4 == 0 ? .skipped : .correct, attempts: q % 3, hints: q % 2)
        }
        progress.lessons["lesson-\(l)"] = LessonProgress(lesson: "lesson-\(l)", step: l % 9, stepCount: 12, questions: questions)
    }
    progress.lessons["counter"] = LessonProgress(lesson: "counter", step: counter, stepCount: Int.max)
    return progress
}

func complain(_ text: String) -> Never {
    var text = text + "\n"
    text.withUTF8 { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
    exit(2)
}

guard CommandLine.arguments.count == 2 else { complain("usage: ProgressWriter PATH") }
let store = ProgressStore(path: CommandLine.arguments[1])
store.beforeRename = { usleep(10_000) }
var counter = store.load().progress.lessons["counter"]?.step ?? 0
while true {
    counter += 1
    do {
        try store.save(bulkyProgress(counter: counter))
    } catch {
        complain("ProgressWriter: \(error)")
    }
}
