import VectorLang

/// A lesson played straight through with no learner: each step's parts with their outputs filled in.
///
/// The presenter and the handout both show this; the checker runs the same lines but reports rather
/// than shows.
public enum Playback {
    /// One piece of a played step.
    public enum Item: Equatable {
        case narrative(String)
        /// Set-up lines: run silently for a learner, listed in a handout.
        case setup([String])
        case demo([DemoLine])
        case derivation(arguments: String, blocks: DerivationBlocks)
        case question(Question)
        /// Something the lesson could not do here: `file:line: message`.
        case problem(String)
    }

    /// Every step's items, in order, running the lesson's lines in `session`.
    public static func play(_ lesson: Lesson, in session: Session, derive: DerivationProvider?) -> [[Item]] {
        lesson.steps.map { step in
            var items: [Item] = []
            for part in step.parts {
                switch part {
                case .narrative(let text, _):
                    items.append(.narrative(text))
                case .setup(let lines):
                    items.append(.setup(lines.map(\.text)))
                    for line in lines {
                        for case .error(let diagnostic, _) in session.submit(line.text) {
                            items.append(.problem("\(lesson.file):\(line.line): \(diagnostic.message)"))
                        }
                    }
                case .demo(let lines):
                    items.append(.demo(lines.map { DemoLine(input: $0.text, outputs: session.submit($0.text)) }))
                case .derivation(let arguments, let line):
                    do {
                        guard let derive else { throw Diagnostic("no derivation engine is available", at: SourceRange(0, 0)) }
                        items.append(.derivation(arguments: arguments, blocks: try derive(arguments, session)))
                    } catch {
                        items.append(.problem("\(lesson.file):\(line): derive \(arguments): \((error as? Diagnostic)?.message ?? "\(error)")"))
                    }
                case .question(let question):
                    items.append(.question(question))
                }
            }
            return items
        }
    }
}
