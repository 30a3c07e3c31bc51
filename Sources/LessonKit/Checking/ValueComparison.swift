import VectorLang

/// Comparing an answer's numbers with the expected ones.
enum ValueComparison {
    /// Same shape, counting a vector of n, an n×1 column and a 1×n row as the same (people write a
    /// gradient either way), and a scalar as the same as any one-element value (`0.2` answers `[0.2]`).
    static func sameShape(_ a: Tensor, _ b: Tensor) -> Bool {
        a.shape == b.shape || (a.count == b.count && isVectorLike(a) && isVectorLike(b))
    }

    private static func isVectorLike(_ t: Tensor) -> Bool {
        t.rank <= 1 || (t.rank == 2 && (t.rows == 1 || t.columns == 1))
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
