#if canImport(Glibc)
import Glibc
#endif
import LessonKit
import VectorLang

/// `jacobi present LESSON`: the lesson paced for a classroom, one keypress per frame.
///
/// Each step starts on a cleared screen with its title, so what the class reads is never mixed with
/// the step before; within a step each key adds below (a derivation's next step, a question's
/// answer), so the context stays in view. Going back redraws the step as it was. Frames come from
/// `Playback.frames`; nothing is saved. Without a terminal on standard input the frames are printed
/// one after another, as a plain transcript of the presentation.
struct Presenter {
    let lesson: Lesson
    let frames: [PresenterFrame]
    let palette: Palette
    let ascii: Bool
    /// Columns of the screen; everything shown fits inside them with the margins.
    let width: Int
    /// Room to the left of everything, for a projector's edges.
    static let margin = "  "
    static let clearScreen = "\u{1B}[H\u{1B}[2J"

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

    /// Runs the presentation; returns the exit status.
    func run() -> Int32 {
        guard Terminal.standardInputIsTerminal, RawTerminal.enter() else {
            Terminal.writeOut(transcript())
            Terminal.flush()
            return 0
        }
        defer { RawTerminal.leave() }
        // -1 is the title slide.
        var index = -1
        redraw(index)
        while true {
            status(index)
            let key = RawTerminal.readKey()
            // Clear the status line and go up to the blank line above it, where the next frame begins.
            Terminal.writeOut("\r\u{1B}[2K\u{1B}[1A")
            switch key {
            case .other: continue
            case .quit, .interrupt:
                return 0
            case .back:
                guard index >= 0 else { continue }
                index -= 1
                redraw(index)
            case .next:
                guard index + 1 < frames.count else {
                    write(ending())
                    return 0
                }
                index += 1
                let frame = frames[index]
                if index > 0, frames[index - 1].step == frame.step {
                    write(items(frame, from: frame.firstNew))
                } else {
                    redraw(index)
                }
            }
        }
    }

    /// The screen as it is after frame `index`: its step from the top, or the title slide.
    private func redraw(_ index: Int) {
        Terminal.writeOut(Presenter.clearScreen)
        guard index >= 0 else { return write(title()) }
        write(header(frames[index]) + items(frames[index], from: 0))
    }

    /// The whole presentation, one frame after another, as printed without a terminal to page it.
    func transcript() -> String {
        var text = rendered(title())
        for (index, frame) in frames.enumerated() {
            let sameStep = index > 0 && frames[index - 1].step == frame.step
            text += rendered((sameStep ? [] : header(frame)) + items(frame, from: frame.firstNew))
        }
        return text + rendered(ending())
    }

    /// `step 2 of 7  5/40   Enter/Space → next …`, dim, under a blank line and with no newline, so
    /// the loop can take it away before the next frame is written; cut to the width, as it must stay one line.
    private func status(_ index: Int) {
        let position = index < 0 ? "title" : "step \(frames[index].step) of \(frames[index].stepCount)  \(index + 1)/\(frames.count)"
        let keys = ascii ? "Enter/Space: next  b: back  q: quit" : "Enter/Space → next   b ← back   q quit"
        let line = String((position + "   " + keys).prefix(Presenter.contentWidth(of: width)))
        Terminal.writeOut("\n" + Presenter.margin + palette.paint(line, .dim))
        Terminal.flush()
    }

    private func title() -> [ShellSession.Output] {
        [.styled([.blank] + view.intro(lesson, resumingAt: nil, tips: false))]
    }

    private func header(_ frame: PresenterFrame) -> [ShellSession.Output] {
        [.styled(view.stepHeader(number: frame.step, of: frame.stepCount, title: frame.title))]
    }

    private func ending() -> [ShellSession.Output] {
        [.styled([.blank, StyledLine("\(view.check) End of \(lesson.title)", .good)])]
    }

    /// The frame's items from `start`, a blank line before each apart from a derivation's later blocks.
    private func items(_ frame: PresenterFrame, from start: Int) -> [ShellSession.Output] {
        var outputs: [ShellSession.Output] = []
        for index in frame.items.indices where index >= start {
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

    private func write(_ outputs: [ShellSession.Output]) {
        Terminal.writeOut(rendered(outputs))
        Terminal.flush()
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
