extension Lesson {
    /// The set-up and demo lines that run before part `part` of step `step`.
    public func lines(before step: Int, part: Int) -> [SourceLine] {
        var lines: [SourceLine] = []
        for (s, current) in steps.enumerated() where s <= step {
            for (i, p) in current.parts.enumerated() where s < step || i < part {
                if case .setup(let l) = p { lines += l }
                if case .demo(let l) = p { lines += l }
            }
        }
        return lines
    }

    /// The seed of a question's random points: the same on every run, different for every question.
    func seed(forQuestionAt line: Int) -> UInt64 {
        Replay.mix(Replay.fnv(name), UInt64(max(line, 0)))
    }
}
