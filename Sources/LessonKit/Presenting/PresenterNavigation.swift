/// Where a presentation is, and where each command takes it: the presenter's keys without a terminal.
///
/// Positions are the frames of `Playback.frames`, with the title slide before them (`title`) and an
/// end slide after them (`frameCount`), so the last frame is never left by accident: moving on from the
/// end slide does nothing, and only quitting ends. A step number is typed as digits and taken by
/// Enter or `g`, as slide software does ("4 Enter" goes to slide 4); 0 is the title slide.
public struct PresenterNavigation: Equatable, Sendable {
    /// What the presenter asks for; the shell maps keys to these (see `RawTerminal`'s key names).
    public enum Command: Equatable, Sendable {
        /// The next frame: a derivation's next step, a question's answer, or the next step's start.
        case forward
        /// The step typed before it, or, with nothing typed, the next frame.
        case enter
        case backward
        /// The start of the next step, however much of this one is still to be revealed.
        case nextStep
        /// The start of the step before this one.
        case previousStep
        case digit(Int)
        /// The step typed before it.
        case go
        case first, last
        /// The list of keys, until the next key.
        case help
        /// Forgets a typed number or closes the help; with neither, quits.
        case cancel
        case quit
    }

    /// What the screen must do after a command.
    public enum Effect: Equatable, Sendable {
        /// Draw the position (it changed, or the help closed).
        case show
        /// Only the status line changed: a digit typed or a notice given.
        case status
        case help
        case quit
        case none
    }

    public static let title = -1
    /// -1 (`title`), a frame's index, or `frameCount` (the end slide).
    public private(set) var position = PresenterNavigation.title
    /// The digits of a step number typed so far.
    public private(set) var typed = ""
    /// A word for the status line about the last command (a step that does not exist).
    public private(set) var notice: String?
    public private(set) var showingHelp = false
    public let frameCount: Int
    /// The index of each step's first frame, step 1 first.
    public let stepStarts: [Int]

    /// At the title slide, or at `position` (kept within the frames): the same place after the
    /// lesson is played again at another width.
    public init(frames: [PresenterFrame], at position: Int = PresenterNavigation.title) {
        frameCount = frames.count
        self.position = min(max(position, PresenterNavigation.title), frames.count)
        var starts: [Int] = []
        for (index, frame) in frames.enumerated() where frame.step > starts.count {
            starts.append(index)
        }
        stepStarts = starts
    }

    /// The step shown (counting from 1), or nil on the title and end slides.
    public var step: Int? {
        guard position >= 0, position < frameCount else { return nil }
        return stepStarts.lastIndex { $0 <= position }.map { $0 + 1 }
    }

    public mutating func handle(_ command: Command) -> Effect {
        notice = nil
        if showingHelp {
            showingHelp = false
            return command == .quit ? .quit : .show
        }
        if case .digit(let digit) = command {
            // Four digits are more steps than any lesson has; more are ignored rather than overflowing.
            if typed.count < 4 { typed += String(digit) }
            return .status
        }
        let number = typed
        typed = ""
        switch command {
        case .digit: return .status
        case .enter where !number.isEmpty, .go:
            return go(toStep: number)
        case .forward, .enter:
            return move(to: min(position + 1, frameCount))
        case .backward:
            return move(to: max(position - 1, PresenterNavigation.title))
        case .nextStep:
            if position < 0 { return move(to: stepStarts.first ?? frameCount) }
            guard let current = step, current < stepStarts.count else { return move(to: frameCount) }
            return move(to: stepStarts[current])
        case .previousStep:
            guard position >= 0 else { return .none }
            let current = step ?? stepStarts.count + 1
            return move(to: current >= 2 ? stepStarts[current - 2] : PresenterNavigation.title)
        case .first:
            return move(to: PresenterNavigation.title)
        case .last:
            return move(to: max(frameCount - 1, PresenterNavigation.title))
        case .help:
            showingHelp = true
            return .help
        case .cancel:
            return number.isEmpty ? .quit : .status
        case .quit:
            return .quit
        }
    }

    private mutating func go(toStep number: String) -> Effect {
        guard let n = Int(number) else { return .none }
        if n == 0 { return move(to: PresenterNavigation.title) }
        guard n <= stepStarts.count else {
            notice = "there is no step \(n); steps 1 to \(stepStarts.count), 0 for the title"
            return .status
        }
        return move(to: stepStarts[n - 1])
    }

    private mutating func move(to target: Int) -> Effect {
        guard target != position else { return .none }
        position = target
        return .show
    }
}
