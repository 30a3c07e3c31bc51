import VectorLang

/// What is on the screen after one press of Enter in `jacobi present`.
///
/// Frames accumulate within a step: each holds everything shown so far, and `firstNew` marks what
/// this press revealed, so the shell can redraw the whole step or print only the new part.
public struct PresenterFrame: Equatable {
    /// The step, counting from 1.
    public var step: Int
    public var stepCount: Int
    public var title: String
    public var items: [PresenterItem]
    /// The index in `items` of the first item this frame adds.
    public var firstNew: Int
}

public enum PresenterItem: Equatable {
    case narrative(String)
    case demo([DemoLine])
    /// One block of a derivation's `reveals`: the header with the starting expression, or a step with
    /// its rule, expression and value. One per frame, so "= …" is never on the screen without its reason.
    case derivationBlock([String])
    /// A question, shown before its answer.
    case question(Question)
    /// The answer, revealed on the next press.
    case answer(String, explanation: String?)
    case problem(String)
}

extension Playback {
    /// The lesson as a paced presentation: one frame per step up to its first pause, then one per
    /// derivation step, and a question's answer one press after the question. Set-up lines run
    /// silently; nothing is saved.
    public static func frames(_ lesson: Lesson, in session: Session, derive: DerivationProvider?) -> [PresenterFrame] {
        var frames: [PresenterFrame] = []
        for (s, stepItems) in play(lesson, in: session, derive: derive).enumerated() {
            var items: [PresenterItem] = []
            var firstNew = 0
            func pause() {
                frames.append(PresenterFrame(step: s + 1, stepCount: lesson.steps.count, title: lesson.steps[s].title,
                                             items: items, firstNew: firstNew))
                firstNew = items.count
            }
            for item in stepItems {
                switch item {
                case .narrative(let text): items.append(.narrative(text))
                case .setup: break
                case .demo(let lines): items.append(.demo(lines))
                case .problem(let message): items.append(.problem(message))
                case .derivation(_, let blocks):
                    for block in blocks.reveals {
                        items.append(.derivationBlock(block))
                        pause()
                    }
                case .question(let question):
                    items.append(.question(question))
                    pause()
                    items.append(.answer(question.answerText, explanation: question.explanation))
                    pause()
                }
            }
            if firstNew < items.count || items.isEmpty { pause() }
        }
        return frames
    }
}
