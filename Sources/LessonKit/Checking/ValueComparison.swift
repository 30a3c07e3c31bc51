import VectorLang

/// Comparing an answer's numbers with the expected ones.
enum ValueComparison {
    /// Same shape, treating a scalar and a one-element vector alike (`0.2` answers `[0.2]`).
    static func sameShape(_ a: Tensor, _ b: Tensor) -> Bool {
        a.shape == b.shape || (a.count == 1 && b.count == 1)
    }

    static func equal(_ a: Tensor, _ b: Tensor, tolerance: Tolerance) -> Bool {
        sameShape(a, b) && zip(a.scalars, b.scalars).allSatisfy { tolerance.accepts($0, $1) }
    }

    /// Feedback for numbers of the right shape that differ: where, without giving the answer away.
    static func differenceFeedback(_ answer: Tensor, _ expected: Tensor, tolerance: Tolerance) -> String {
        if expected.count == 1 { return "Not quite: that number is not the answer." }
        let wrong = zip(answer.scalars, expected.scalars).enumerated().filter { !tolerance.accepts($0.element.0, $0.element.1) }.map(\.offset)
        guard let first = wrong.first else { return "Not quite." }
        let position = expected.isMatrix ? "(\(first / expected.columns + 1), \(first % expected.columns + 1))" : "\(first + 1)"
        let count = wrong.count == 1 ? "1 entry differs" : "\(wrong.count) of \(expected.count) entries differ"
        return "Not quite: the shape is right, but \(count) (the first at \(position))."
    }
}
