#if canImport(Glibc)
import Glibc
#endif
import LessonKit

/// The presenter at a terminal: keys in, screens out, on the alternate screen in raw mode.
///
/// A resize (SIGWINCH) plays the lesson again at the new width, since values and derivations are
/// fitted to it when they run, and draws the same position; a stop and continue (Ctrl-Z, then `fg`)
/// draws it again. The terminal is given back on every way out: q, Esc and Ctrl-C here, and the
/// signals in `RawTerminal`.
struct PresenterLoop {
    /// The presentation played at a number of columns.
    let build: (Int) -> Presenter

    /// Runs the presentation; returns the exit status.
    func run() -> Int32 {
        var size = RawTerminal.size()
        var presenter = build(size.columns)
        guard Terminal.standardInputIsTerminal, Terminal.standardOutputIsTerminal, RawTerminal.enter(alternateScreen: true) else {
            Terminal.writeOut(presenter.transcript())
            Terminal.flush()
            return 0
        }
        defer { RawTerminal.leave() }
        Signals.watchResize()
        var navigation = PresenterNavigation(frames: presenter.frames)
        draw(presenter, navigation, rows: size.rows)
        while true {
            // A quarter of a second at most between looks at the signals' flags, so a signal that
            // arrives just before the wait is not left until the next key.
            let key = RawTerminal.readTerminalKey(milliseconds: 250)
            let resized = Signals.takeResize()
            if resized || RawTerminal.takeContinued() {
                let now = RawTerminal.size()
                if now.columns != size.columns {
                    presenter = build(now.columns)
                    navigation = PresenterNavigation(frames: presenter.frames, at: navigation.position)
                }
                size = now
                draw(presenter, navigation, rows: size.rows)
            }
            guard let key else { continue }
            switch key {
            case .control("z"):
                RawTerminal.suspendSelf()
                continue
            case .character("r"), .control("l"):
                draw(presenter, navigation, rows: size.rows)
                continue
            default: break
            }
            guard let command = PresenterLoop.command(for: key) else { continue }
            switch navigation.handle(command) {
            case .quit: return 0
            case .none: continue
            case .show, .status, .help: draw(presenter, navigation, rows: size.rows)
            }
        }
    }

    /// The whole screen written over the last, line by line with each line's rest cleared (no flash of
    /// an empty screen), the status on the bottom row without a newline, so nothing scrolls.
    private func draw(_ presenter: Presenter, _ navigation: PresenterNavigation, rows: Int) {
        let lines = presenter.screen(navigation, height: rows)
        let clearLine = "\u{1B}[K"
        var text = "\u{1B}[H" + lines.dropLast().map { $0 + clearLine + "\n" }.joined() + "\u{1B}[J"
        text += "\u{1B}[\(rows);1H" + (lines.last ?? "") + clearLine
        Terminal.writeOut(text)
        Terminal.flush()
    }

    /// What a key asks of the presentation; nil for a key with no use here.
    static func command(for key: TerminalKey) -> PresenterNavigation.Command? {
        switch key {
        case .enter: return .enter
        case .character(" "), .character("j"), .right, .down, .pageDown: return .forward
        case .character("b"), .character("k"), .backspace, .left, .up, .pageUp: return .backward
        case .character("n"): return .nextStep
        case .character("p"): return .previousStep
        case .character("g"): return .go
        case .home: return .first
        case .end: return .last
        case .character("?"), .character("h"): return .help
        case .escape: return .cancel
        case .character("q"), .character("Q"), .control("c"), .control("d"), .endOfInput: return .quit
        case .character(let c):
            guard let digit = c.wholeNumberValue, c.isASCII else { return nil }
            return .digit(digit)
        default: return nil
        }
    }
}
