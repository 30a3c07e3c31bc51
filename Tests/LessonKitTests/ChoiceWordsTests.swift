import XCTest
import VectorLang
@testable import LessonKit

/// A learner answering a multiple-choice question in words (`Fixtures/Judging/03-choices.md`): case,
/// spaces and punctuation do not count, a unique start of four characters is enough, and anything
/// that picks no choice, or several, shows the choices again with their numbers, never a parser error.
final class ChoiceWordsTests: XCTestCase {
    var question: Question!

    override func setUpWithError() throws {
        question = try JudgingFixtures.lesson("03-choices.md").questions[0].question
    }

    func testTheWordsOfAChoicePickIt() throws {
        let runner = try JudgingFixtures.runner("03-choices.md")
        XCTAssertEqual(runner.submit("At x = 0 it is 1"), [.incorrect(feedback: "That is the slope to the right only."), .checkpoint(runner.progress)],
                       "picked by its exact words, and not run at the prompt")
        XCTAssertEqual(runner.told("AT X=0, IT IS 0; BECAUSE relu(0) = 0!"),
                       .incorrect(feedback: "The value at a point says nothing about the slope there."), "case and punctuation")
        XCTAssertEqual(runner.told("1/2, the aver"), .incorrect(feedback: "That is what central differences see, not a derivative."),
                       "the start of its words")
        XCTAssertEqual(runner.savedAttempts, 3)
        XCTAssertEqual(runner.told("it does not"), .correct(explanation: nil))
    }

    func testWordsThatPickNoChoiceOrSeveralShowTheChoices() throws {
        let runner = try JudgingFixtures.runner("03-choices.md")
        XCTAssertEqual(runner.submit("at x = 0"), [.chooseAgain("'at x = 0' starts choices 3 and 4: type more of its words, or its number.", question)])
        XCTAssertEqual(runner.submit("It"), [.chooseAgain("That is not one of the choices: type a choice's number, 1 to 4, or its words.", question)],
                       "too short a start to pick one")
        XCTAssertEqual(runner.submit("neither of them, surely"),
                       [.chooseAgain("That is not one of the choices: type a choice's number, 1 to 4, or its words.", question)],
                       "words the language cannot read are not a parser error")
        XCTAssertEqual(runner.submit("7"), [.chooseAgain("There is no choice 7: type a choice's number, 1 to 4, or its words.", question)])
        XCTAssertEqual(runner.savedAttempts, 0, "none of these is an attempt")
        XCTAssertEqual(runner.told("2"), .correct(explanation: nil))
    }

    func testExploringAtAChoiceIsLooking() throws {
        let runner = try JudgingFixtures.runner("03-choices.md")
        XCTAssertEqual(runner.submit("x"), [.output(.result("[-1, 0, 1]")), .looked])
        XCTAssertEqual(runner.submit("relu(x)"), [.output(.result("[0, 0, 1]")), .looked])
        XCTAssertEqual(runner.savedAttempts, 0)
    }

    func testNormalising() {
        XCTAssertEqual(ChoiceWords.normalized("At x = 0, it's 1!"), "atx=0its1")
        XCTAssertEqual(ChoiceWords.normalized("p − y"), ChoiceWords.normalized("p-y"))
        XCTAssertNotEqual(ChoiceWords.normalized("p + y"), ChoiceWords.normalized("p y"))
        XCTAssertNotEqual(ChoiceWords.normalized("0.5"), ChoiceWords.normalized("5"))
        guard case .choice(let choices) = question.kind else { return XCTFail("\(String(describing: question))") }
        XCTAssertEqual(ChoiceWords.choose("4", among: choices), .choice(3))
        XCTAssertEqual(ChoiceWords.choose("0", among: choices), .none)
        XCTAssertEqual(ChoiceWords.choose("-9223372036854775808", among: choices), .none, "the smallest Int is no choice, and no trap")
        XCTAssertEqual(ChoiceWords.prefix("at x = 0 it is", among: choices), .ambiguous([2, 3]))
        XCTAssertEqual(ChoiceWords.prefix("it do", among: choices), .choice(1))
        XCTAssertEqual(ChoiceWords.prefix("it d", among: choices), .none, "three characters as compared are too few")
        XCTAssertEqual(ChoiceWords.prefix("it ", among: choices), .none)
    }
}
