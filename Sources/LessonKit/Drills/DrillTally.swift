/// How many drills a learner has done on each topic, read from the saved progress: what `jacobi
/// lessons` shows under the course, so drills count toward a topic as lessons do.
public struct DrillTally: Equatable, Sendable {
    public var topic: String
    /// Drills whose line and slip were both found (not skipped).
    public var solved = 0
    /// Of those, found with no wrong try and no hint.
    public var firstTry = 0
    /// Drills begun and left, or with a question skipped.
    public var unfinished = 0

    /// One tally per topic, in the order of their names.
    public static func byTopic(_ progress: [String: LessonProgress]) -> [DrillTally] {
        var tallies: [String: DrillTally] = [:]
        for (name, record) in progress where name.hasPrefix(Lesson.drillPrefix) {
            let rest = name.dropFirst(Lesson.drillPrefix.count)
            let topic = rest.lastIndex(of: "-").map { String(rest[..<$0]) } ?? String(rest)
            var tally = tallies[topic] ?? DrillTally(topic: topic)
            let answers = record.questions.values
            if answers.count >= 2, answers.allSatisfy({ $0.outcome == .correct }) {
                tally.solved += 1
                if answers.allSatisfy({ $0.attempts == 0 && $0.hints == 0 }) { tally.firstTry += 1 }
            } else {
                tally.unfinished += 1
            }
            tallies[topic] = tally
        }
        return tallies.values.sorted { $0.topic < $1.topic }
    }

    public var description: String {
        var parts = ["\(solved) found" + (solved > 0 ? " (\(firstTry) at the first try)" : "")]
        if unfinished > 0 { parts.append("\(unfinished) not finished") }
        return parts.joined(separator: ", ")
    }
}
