/// The author's check of a multiple-choice question's options: every wrong one says why it is wrong
/// (a learner who picks it learns nothing from "Not that one."), and no two read the same when typed
/// as words, so each can be picked by what it says.
enum ChoiceFeedbackCheck {
    static func failures(_ question: Question) -> [(line: Int, message: String)] {
        guard case .choice(let choices) = question.kind else { return [] }
        var failures: [(line: Int, message: String)] = []
        for (k, choice) in choices.enumerated() where !choice.isCorrect && (choice.feedback ?? "").isEmpty {
            failures.append((choice.line, "choice \(k + 1) is wrong but has no feedback: add ' -> ' and why a learner might pick it, and why it is wrong"))
        }
        for (k, choice) in choices.enumerated() {
            if let j = choices.indices.first(where: { $0 < k && ChoiceWords.normalized(choices[$0].text) == ChoiceWords.normalized(choice.text) }) {
                failures.append((choice.line, "choice \(k + 1) reads the same as choice \(j + 1) when typed as words (case, spaces and punctuation do not count)"))
            }
        }
        return failures
    }
}
