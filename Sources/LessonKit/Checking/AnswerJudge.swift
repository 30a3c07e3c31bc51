import VectorLang

/// What the judge thinks of an answer.
public enum Verdict: Equatable, Sendable {
    case correct
    case incorrect(feedback: String, reason: Reason)

    /// Why an answer was not accepted, for tests and for the author's checker.
    public enum Reason: Equatable, Sendable {
        /// It equals the author's expected mistake at this index of `Question.mistakes`.
        case mistake(Int)
        /// It picked this wrong choice (an index into the choices).
        case wrongChoice(Int)
        /// It is not a choice's number or words, or its words start more than one choice.
        case notAChoice
        /// It breaks the question's `allow:`, `require:` or `forbid:`; `rightValue` when its value is
        /// the answer's at every point (so it is the rule, and only the rule, that refuses it).
        case brokenRule(BrokenRule, rightValue: Bool)
        /// It is not numbers, or numbers of another shape.
        case shape
        /// Right shape, wrong values at the lesson's values.
        case values
        /// Number literals near the answer but not within the tolerance: this many significant digits would do.
        case nearMiss(digits: Int)
        /// Right at the lesson's values, wrong at a random point: numbers typed in, or a frozen variable.
        case onlyAtLessonValues
        /// It could not be evaluated.
        case error
    }

    public var isCorrect: Bool { self == .correct }
}

/// Judges answers to one question by value: at the lesson's values and at random points.
///
/// The expected answer and the mistakes are evaluated once, in replays of the lesson's lines up to
/// the question (`Replay`); each answer is evaluated in replays of what the learner's session ran, so
/// a variable the learner defined on the way (`q = p * (1 - p)`) means the same in the check, and its
/// names are read through the learner's definitions for the question's rules (`NameUsage`).
///
/// The order of the verdicts is the order of what is most useful to hear: a right value that breaks a
/// rule is told the rule; an anticipated mistake its feedback; then the shape, a broken rule, a number
/// typed too roughly (`NearMiss`), and where the values differ.
public final class AnswerJudge {
    public let question: Question
    let lessonLines: [SourceLine]
    let seed: UInt64
    private lazy var references: [Reference] = (0...points).map(reference(at:))

    /// Point 0 and the random points; none when nothing varies.
    private var points: Int { question.variations.isEmpty ? 0 : question.points }

    private struct Reference {
        let replay: Replay
        let expected: Result<Tensor, SourceProblem>
        let mistakes: [Result<Tensor, SourceProblem>]
    }

    /// - Parameters:
    ///   - lessonLines: the lesson's set-up and demo lines before the question, in order.
    ///   - seed: makes the random points reproducible; `LessonRunner` derives it from the lesson and line.
    public init(question: Question, lessonLines: [SourceLine], seed: UInt64) {
        self.question = question
        self.lessonLines = lessonLines
        self.seed = seed
    }

    private func reference(at point: Int) -> Reference {
        let replay = Replay(lines: lessonLines, variations: question.variations, point: point, seed: seed)
        let expected: Result<Tensor, SourceProblem>
        if case .expression(let text) = question.kind {
            expected = replay.evaluate(text).flatMap(AnswerJudge.numbers)
        } else {
            expected = .failure(SourceProblem(line: nil, message: "a multiple-choice question has no expression"))
        }
        let mistakes = question.mistakes.map { replay.evaluate($0.expression).flatMap(AnswerJudge.numbers) }
        return Reference(replay: replay, expected: expected, mistakes: mistakes)
    }

    private static func numbers(_ value: Value) -> Result<Tensor, SourceProblem> {
        guard let tensor = value.numbers else {
            return .failure(SourceProblem(line: nil, message: "it is a \(value.kindDescription), not numbers"))
        }
        return .success(tensor)
    }

    /// What went wrong replaying the lesson or evaluating the expected answer and mistakes at every
    /// point, for the author's checker; empty when the question is sound.
    var referenceProblems: [SourceProblem] {
        // A line that fails, or a varied variable never assigned, is the cause of whatever fails after it.
        var causes: [SourceProblem] = []
        for problem in references.flatMap(\.replay.problems) where !causes.contains(problem) { causes.append(problem) }
        guard causes.isEmpty else { return causes }
        var problems: [SourceProblem] = []
        func firstFailure(_ results: [Result<Tensor, SourceProblem>]) -> (at: String, SourceProblem)? {
            for (k, result) in results.enumerated() {
                if case .failure(let problem) = result { return (k == 0 ? "at the lesson's values" : "at random point \(k)", problem) }
            }
            return nil
        }
        if case .expression = question.kind, let (at, problem) = firstFailure(references.map(\.expected)) {
            problems.append(SourceProblem(line: question.answerLine, message: "the expected answer fails \(at): \(problem.message)"))
        }
        for (i, mistake) in question.mistakes.enumerated() {
            if let (at, problem) = firstFailure(references.map { $0.mistakes[i] }) {
                problems.append(SourceProblem(line: mistake.line, message: "the mistake '\(mistake.expression)' fails \(at): \(problem.message)"))
            }
        }
        return problems
    }

    // MARK: - Judging

    /// Judges a typed answer.
    ///
    /// - Parameter history: every line the learner's session ran before the answer (the lesson's and
    ///   the learner's own), replayed to evaluate the answer; nil evaluates it after the lesson's lines only.
    public func judge(_ answer: String, history: [HistoryLine]? = nil) -> Verdict {
        if case .choice = question.kind { return judgeChoice(ChoiceWords.choose(answer, among: choices)) }
        let broken = brokenRule(in: answer, history: history)
        var values: [Result<Tensor, SourceProblem>] = []
        for (k, reference) in references.enumerated() {
            let replay = history.map {
                Replay(lines: $0.map { SourceLine($0.text, line: 0) }, variations: question.variations, point: k, seed: seed)
            } ?? reference.replay
            values.append(replay.evaluate(answer).flatMap(AnswerJudge.numbers))
        }
        guard case .success(let expected) = references[0].expected else {
            return .incorrect(feedback: "This question cannot be checked: its expected answer does not evaluate.", reason: .error)
        }
        let answer0: Tensor
        switch values[0] {
        case .failure(let problem):
            if let broken { return .incorrect(feedback: broken.feedback, reason: .brokenRule(broken, rightValue: false)) }
            return .incorrect(feedback: "Your answer cannot be checked: \(problem.message).", reason: .error)
        case .success(let t): answer0 = t
        }
        let agreesEverywhere = zip(references, values).allSatisfy { reference, value in
            guard case .success(let e) = reference.expected, case .success(let a) = value else { return false }
            return ValueComparison.equal(a, e, tolerance: question.tolerance)
        }
        if agreesEverywhere {
            guard let broken else { return .correct }
            return .incorrect(feedback: broken.feedback, reason: .brokenRule(broken, rightValue: true))
        }
        if let k = matchingMistake(values) {
            return .incorrect(feedback: question.mistakes[k].feedback, reason: .mistake(k))
        }
        if !ValueComparison.sameShape(answer0, expected) {
            return .incorrect(feedback: "The answer is \(Self.article(expected)); yours is \(Self.article(answer0)).", reason: .shape)
        }
        if let broken { return .incorrect(feedback: broken.feedback, reason: .brokenRule(broken, rightValue: false)) }
        if question.variations.isEmpty, Self.isLiterals(answer),
           let digits = NearMiss.digits(answer: answer0, expected: expected, tolerance: question.tolerance) {
            return .incorrect(feedback: NearMiss.feedback(digits: digits, answer: answer0), reason: .nearMiss(digits: digits))
        }
        if ValueComparison.equal(answer0, expected, tolerance: question.tolerance) {
            let names = question.variations.map(\.name).joined(separator: ", ")
            return .incorrect(
                feedback: "That is right at the lesson's values, but not for other values of \(names): write an expression that holds for any \(names), in the lesson's variables rather than numbers.",
                reason: .onlyAtLessonValues)
        }
        return .incorrect(feedback: ValueComparison.differenceFeedback(answer0, expected, tolerance: question.tolerance), reason: .values)
    }

    /// The first expected mistake that the answer equals at every point.
    private func matchingMistake(_ values: [Result<Tensor, SourceProblem>]) -> Int? {
        question.mistakes.indices.first { i in
            zip(references, values).allSatisfy { reference, value in
                guard case .success(let m) = reference.mistakes[i], case .success(let a) = value else { return false }
                return ValueComparison.equal(a, m, tolerance: question.tolerance)
            }
        }
    }

    private var choices: [Choice] {
        if case .choice(let choices) = question.kind { return choices }
        return []
    }

    /// The verdict on a choice picked by number or words; anything else is not a choice.
    func judgeChoice(_ pick: ChoiceWords.Pick) -> Verdict {
        guard case .choice(let k) = pick, choices.indices.contains(k) else {
            return .incorrect(feedback: "Type the number of your choice, 1 to \(choices.count), or its words.", reason: .notAChoice)
        }
        if choices[k].isCorrect { return .correct }
        return .incorrect(feedback: choices[k].feedback ?? "Not that one.", reason: .wrongChoice(k))
    }

    /// The first of the question's rules the answer breaks, read through the learner's own
    /// definitions in `history`; nil when it keeps them, or does not parse as one expression.
    public func brokenRule(in answer: String, history: [HistoryLine]? = nil) -> BrokenRule? {
        guard !question.rules.isEmpty, let statements = try? Parser.parse(answer), statements.count == 1,
              case .expression(let expr) = statements[0] else { return nil }
        let lines = history ?? lessonLines.map { HistoryLine($0.text, byLearner: false) }
        return question.rules.broken(by: NameUsage(expr, bindings: SessionBindings(lines)))
    }

    /// Whether the answer is only number literals (`1.2`, `[0.66, -0.24]`), as a near miss must be.
    private static func isLiterals(_ answer: String) -> Bool {
        guard let statements = try? Parser.parse(answer), statements.count == 1, case .expression(let expr) = statements[0] else { return false }
        return NearMiss.isLiterals(expr)
    }

    static func article(_ tensor: Tensor) -> String {
        let description = Tensor.describe(shape: tensor.shape)
        if tensor.isScalar { return "a single number" }
        return "a " + description
    }
}
