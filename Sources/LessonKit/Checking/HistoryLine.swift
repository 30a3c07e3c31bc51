/// A line the learner's session ran during a lesson, and who wrote it.
///
/// Answers are evaluated in replays of every such line; the learner's own lines are also expanded
/// when an answer's names are checked against the question's rules (`NameUsage`), while the lesson's
/// names stay names: `p` set by the lesson is `p`, `a = softmax(z, T)` typed by the learner is
/// `softmax(z, T)`.
public struct HistoryLine: Sendable, Equatable {
    public var text: String
    public var byLearner: Bool

    public init(_ text: String, byLearner: Bool) {
        self.text = text
        self.byLearner = byLearner
    }
}
