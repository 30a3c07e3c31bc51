import XCTest
import LessonKit
import VectorLang
@testable import Shell

/// What the presenter draws: the lesson's title and the step's pinned at the top, the status line at
/// the bottom, every line inside the width, and a step taller than the screen cut around what is new.
final class PresenterScreenTests: XCTestCase {
    static let text = """
        # Pinned titles

        - minutes: 5

        A lesson to present.

        ## Short

        ```jacobi setup
        z = [2, 1, 0.1]
        ```

        ```jacobi question
        ask: What is z[1]?
        expect: 2
        ```

        ## A long step

        \((1...30).map { "Line \($0) of a long step, which is long enough to be cut by a small screen." }.joined(separator: "\n\n"))

        ```jacobi question
        ask: The last line?
        expect: 30
        ```
        """

    func presenter(width: Int) throws -> Presenter {
        let lesson = try LessonParser.parse(Self.text, file: "07-pinned.md")
        return Presenter.of(lesson, options: ShellOptions(color: false), palette: Palette(enabled: false), width: width)
    }

    func testTheTitlesArePinnedAndEveryScreenFits() throws {
        let presenter = try presenter(width: 60)
        var navigation = PresenterNavigation(frames: presenter.frames)
        var seen = 0
        repeat {
            let screen = presenter.screen(navigation, height: 16)
            XCTAssertEqual(screen.count, 16, screen.joined(separator: "\n"))
            for line in screen { XCTAssertLessThanOrEqual(LineBreaker.columns(line), 60, line) }
            XCTAssertTrue(screen[0].hasPrefix("  Lesson 7 · Pinned titles"), screen[0])
            let place = navigation.step.map { "step \($0)/2" } ?? (navigation.position < 0 ? "title" : "end")
            XCTAssertTrue(screen[0].hasSuffix(place), screen[0])
            if let step = navigation.step {
                XCTAssertTrue(screen[1].hasPrefix("  ── \(step == 1 ? "Short" : "A long step") ──"), screen[1])
            }
            XCTAssertTrue(screen[15].contains("? keys"), screen[15])
            seen += 1
        } while navigation.handle(.forward) == .show
        XCTAssertEqual(seen, presenter.frames.count + 2, "the title slide, every frame and the end slide")
    }

    /// A step taller than the screen: its first frame from the top, the answer with the lines before it.
    func testATallStepShowsWhatIsNew() throws {
        let presenter = try presenter(width: 100)
        var navigation = PresenterNavigation(frames: presenter.frames)
        _ = navigation.handle(.digit(2))
        _ = navigation.handle(.go)
        var screen = presenter.screen(navigation, height: 20)
        XCTAssertTrue(screen[3].contains("Line 1 of a long step"), screen.joined(separator: "\n"))
        XCTAssertTrue(screen[17].contains("more lines below"), screen[17])
        _ = navigation.handle(.forward)
        screen = presenter.screen(navigation, height: 20)
        XCTAssertTrue(screen[2].contains("more lines above"), screen[2])
        XCTAssertTrue(screen.contains { $0.contains("Answer: 30") }, screen.joined(separator: "\n"))
        XCTAssertTrue(screen.contains { $0.contains("❯ The last line?") }, screen.joined(separator: "\n"))
    }

    func testTheStatusLineShowsATypedNumberAndTheHelpListsTheKeys() throws {
        let presenter = try presenter(width: 80)
        var navigation = PresenterNavigation(frames: presenter.frames)
        _ = navigation.handle(.digit(2))
        XCTAssertEqual(presenter.screen(navigation, height: 12).last, "  go to step 2▏  (Enter or g goes; Esc forgets it)")
        _ = navigation.handle(.cancel)
        _ = navigation.handle(.help)
        let help = presenter.screen(navigation, height: 24).joined(separator: "\n")
        for keys in ["n / p", "4 Enter, 4 g", "q, Esc, Ctrl-C", "Ctrl-Z"] { XCTAssertTrue(help.contains(keys), help) }
    }
}
