import LessonKit
import VectorLang

/// `jacobi present LESSON`: the lesson paced for a classroom, one keypress per frame.
///
/// Each frame is drawn whole on the terminal's alternate screen, under two lines that never scroll
/// away: the lesson's title with the step number, and the step's title. Within a step each key adds
/// below (a derivation's next step, a question's answer), so the context stays in view; when a step
/// is taller than the screen its newest lines are shown. Frames come from `Playback.frames`, the keys
/// are `PresenterNavigation`'s (see `PresenterLoop`); nothing is saved. Without a terminal the frames
/// are printed one after another, as a plain transcript of the presentation.
struct Presenter {
    let lesson: Lesson
    let frames: [PresenterFrame]
    let palette: Palette
    let ascii: Bool
    /// Columns of the screen; everything shown fits inside them with the margins.
    let width: Int
    /// Room to the left of everything, for a projector's edges.
    static let margin = "  "

    init(lesson: Lesson, frames: [PresenterFrame], palette: Palette, ascii: Bool, width: Int) {
        self.lesson = lesson
        self.frames = frames
        self.palette = palette
        self.ascii = ascii
        self.width = width
    }

    /// The columns inside the margins: what every line is fitted to.
    static func contentWidth(of width: Int) -> Int { max(width - 2 * margin.count, 20) }

    var view: LessonView { LessonView(width: Presenter.contentWidth(of: width), ascii: ascii) }

    /// The whole presentation, one frame after another, as printed without a terminal to page it.
    func transcript() -> String {
        var text = rendered(title())
        for (index, frame) in frames.enumerated() {
            let sameStep = index > 0 && frames[index - 1].step == frame.step
            text += rendered((sameStep ? [] : header(frame)) + items(frame, from: frame.firstNew))
        }
        return text + rendered(ending())
    }

    func title() -> [ShellSession.Output] {
        [.styled([.blank] + view.intro(lesson, resumingAt: nil, tips: false))]
    }

    private func header(_ frame: PresenterFrame) -> [ShellSession.Output] {
        [.styled(view.stepHeader(number: frame.step, of: frame.stepCount, title: frame.title))]
    }

    func ending() -> [ShellSession.Output] {
        [.styled([.blank, StyledLine("\(view.check) End of \(lesson.title)", .good)])]
    }

    /// The frame's items from `start` (up to `end`), a blank line before each apart from a derivation's later blocks.
    func items(_ frame: PresenterFrame, from start: Int, to end: Int? = nil) -> [ShellSession.Output] {
        var outputs: [ShellSession.Output] = []
        for index in frame.items.indices where index >= start && index < end ?? frame.items.count {
            switch frame.items[index] {
            case .narrative(let text): outputs.append(.styled(view.narrative(text)))
            case .demo(let lines): outputs += view.demo(lines)
            case .derivationBlock(let lines):
                let continuing = index > 0 && { if case .derivationBlock = frame.items[index - 1] { return true } else { return false } }()
                if !continuing { outputs.append(.styled([.blank])) }
                outputs.append(view.derivationBlock(lines))
            case .question(let question): outputs.append(.styled(view.question(question, answered: false, canSkip: nil)))
            case .answer(let answer, let explanation): outputs.append(.styled([.blank] + view.answer(answer, explanation: explanation, skipped: false)))
            case .problem(let message): outputs.append(.styled(view.problem(message)))
            }
        }
        return outputs
    }
}

extension Presenter {
    /// The outputs as text fitted inside the margins, with the margin in front of every line.
    func rendered(_ outputs: [ShellSession.Output]) -> String {
        outputs.compactMap { output -> String? in
            guard let (text, _) = palette.render(output, width: Presenter.contentWidth(of: width)) else { return nil }
            return text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.isEmpty ? "" : Presenter.margin + $0 }.joined(separator: "\n") + "\n"
        }.joined()
    }

    /// The lesson played for presenting at `width` columns: values, derivations and text made to fit inside the margins.
    static func of(_ lesson: Lesson, options: ShellOptions, palette: Palette, width: Int) -> Presenter {
        let inside = contentWidth(of: width)
        let session = Session(options: PrintOptions(precision: options.precision, ascii: options.ascii, width: inside))
        let frames = Playback.frames(lesson, in: session, derive: LessonDerivations.provider(
            precision: options.precision, ascii: options.ascii, width: { inside }))
        return Presenter(lesson: lesson, frames: frames, palette: palette, ascii: options.ascii, width: width)
    }
}
