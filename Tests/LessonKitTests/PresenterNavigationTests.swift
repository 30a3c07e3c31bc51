import XCTest
import VectorLang
@testable import LessonKit

/// The presenter's keys as commands: frames, steps, a typed step number, the title and end slides.
final class PresenterNavigationTests: XCTestCase {
    /// The runner fixture's frames: step 1 is frame 0, step 2 frames 1–6, step 3 frames 7–10.
    var navigation: PresenterNavigation!

    override func setUpWithError() throws {
        let lesson = try LessonParser.parse(LessonRunnerTests.text, file: "runner.md")
        navigation = PresenterNavigation(frames: Playback.frames(lesson, in: Session(), derive: FakeDerivations.provider))
        XCTAssertEqual(navigation.stepStarts, [0, 1, 7])
        XCTAssertEqual(navigation.frameCount, 11)
    }

    func testForwardAndBackStopAtTheTitleAndEndSlides() {
        XCTAssertEqual(navigation.position, PresenterNavigation.title)
        XCTAssertNil(navigation.step)
        XCTAssertEqual(navigation.handle(.backward), .none)
        XCTAssertEqual(navigation.handle(.forward), .show)
        XCTAssertEqual(navigation.step, 1)
        XCTAssertEqual(navigation.handle(.enter), .show)
        XCTAssertEqual(navigation.step, 2)
        XCTAssertEqual(navigation.handle(.last), .show)
        XCTAssertEqual(navigation.position, 10)
        XCTAssertEqual(navigation.handle(.forward), .show)
        XCTAssertEqual(navigation.position, 11, "the end slide")
        XCTAssertNil(navigation.step)
        XCTAssertEqual(navigation.handle(.forward), .none, "moving on from the end slide does not quit")
        XCTAssertEqual(navigation.handle(.backward), .show)
        XCTAssertEqual(navigation.position, 10)
        XCTAssertEqual(navigation.handle(.first), .show)
        XCTAssertEqual(navigation.position, PresenterNavigation.title)
    }

    func testNextAndPreviousStepSkipWhatIsLeftToReveal() {
        XCTAssertEqual(navigation.handle(.nextStep), .show)
        XCTAssertEqual(navigation.position, 0)
        _ = navigation.handle(.nextStep)
        _ = navigation.handle(.forward)
        _ = navigation.handle(.forward)
        XCTAssertEqual(navigation.position, 3, "in the middle of step 2's derivation")
        XCTAssertEqual(navigation.handle(.nextStep), .show)
        XCTAssertEqual(navigation.position, 7)
        XCTAssertEqual(navigation.handle(.nextStep), .show)
        XCTAssertEqual(navigation.position, 11, "after the last step, the end slide")
        XCTAssertEqual(navigation.handle(.previousStep), .show)
        XCTAssertEqual(navigation.position, 7, "from the end slide, the last step's start")
        XCTAssertEqual(navigation.handle(.previousStep), .show)
        XCTAssertEqual(navigation.position, 1)
        XCTAssertEqual(navigation.handle(.previousStep), .show)
        XCTAssertEqual(navigation.handle(.previousStep), .show)
        XCTAssertEqual(navigation.position, PresenterNavigation.title)
        XCTAssertEqual(navigation.handle(.previousStep), .none)
    }

    func testATypedStepNumberIsTakenByEnterOrG() {
        XCTAssertEqual(navigation.handle(.digit(3)), .status)
        XCTAssertEqual(navigation.typed, "3")
        XCTAssertEqual(navigation.handle(.enter), .show)
        XCTAssertEqual(navigation.position, 7)
        XCTAssertEqual(navigation.typed, "")
        _ = navigation.handle(.digit(2))
        XCTAssertEqual(navigation.handle(.go), .show)
        XCTAssertEqual(navigation.position, 1)
        _ = navigation.handle(.digit(0))
        XCTAssertEqual(navigation.handle(.enter), .show)
        XCTAssertEqual(navigation.position, PresenterNavigation.title, "0 is the title slide")
        _ = navigation.handle(.digit(1))
        _ = navigation.handle(.digit(2))
        XCTAssertEqual(navigation.handle(.go), .status)
        XCTAssertEqual(navigation.notice, "there is no step 12; steps 1 to 3, 0 for the title")
        XCTAssertEqual(navigation.position, PresenterNavigation.title)
        _ = navigation.handle(.forward)
        XCTAssertNil(navigation.notice, "a notice lasts one key")
        XCTAssertEqual(navigation.handle(.go), .none, "g with no number does nothing")
    }

    func testEscapeForgetsTheNumberBeforeItQuits() {
        _ = navigation.handle(.digit(2))
        XCTAssertEqual(navigation.handle(.cancel), .status)
        XCTAssertEqual(navigation.typed, "")
        XCTAssertEqual(navigation.handle(.enter), .show, "Enter goes on again")
        XCTAssertEqual(navigation.position, 0)
        XCTAssertEqual(navigation.handle(.cancel), .quit)
    }

    func testAnyKeyClosesTheHelpWithoutActing() {
        XCTAssertEqual(navigation.handle(.help), .help)
        XCTAssertTrue(navigation.showingHelp)
        XCTAssertEqual(navigation.handle(.forward), .show)
        XCTAssertFalse(navigation.showingHelp)
        XCTAssertEqual(navigation.position, PresenterNavigation.title, "the key that closed the help did nothing else")
        _ = navigation.handle(.help)
        XCTAssertEqual(navigation.handle(.quit), .quit)
    }

    func testThePositionSurvivesPlayingAgain() throws {
        let lesson = try LessonParser.parse(LessonRunnerTests.text, file: "runner.md")
        let frames = Playback.frames(lesson, in: Session(), derive: FakeDerivations.provider)
        XCTAssertEqual(PresenterNavigation(frames: frames, at: 5).position, 5)
        XCTAssertEqual(PresenterNavigation(frames: frames, at: 40).position, 11)
        XCTAssertEqual(PresenterNavigation(frames: frames, at: -3).position, PresenterNavigation.title)
    }
}
