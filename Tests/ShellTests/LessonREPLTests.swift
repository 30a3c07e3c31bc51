import Foundation
import LessonKit
import VectorLang
import XCTest
@testable import Shell

/// The REPL's side of lessons and paging, with a scripted reader: the lesson's prompt, Enter as
/// `:next` or a derivation's next step, the resume question, `:derive --step` one page per Enter;
/// and the pieces they are made of.
final class LessonREPLTests: XCTestCase {
    private func run(_ events: [LineEvent], progress: String, color: Bool = false) -> (out: String, reader: ScriptedReader) {
        let reader = ScriptedReader(events)
        let shell = ShellSession(options: ShellOptions(color: color))
        shell.lessons.folder = .success(LessonFixtures.course)
        shell.lessons.progressPath = progress
        var out = ""
        var repl = REPL(shell: shell, reader: reader, palette: Palette(enabled: color))
        repl.width = { 80 }
        repl.write = { text, _ in out += text }
        XCTAssertEqual(repl.run(), 0)
        return (out, reader)
    }

    private func temporaryProgress() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("jacobi-repl-\(UUID().uuidString)/progress.json").path
    }

    func testTheLessonShowsInThePromptAndEnterGoesOn() {
        let progress = temporaryProgress()
        let r = run([.line(":lesson tour"), .line("z[end]"), .line(""), .line("[1,"), .line("2]"), .line(":quit"), .line("1"), .end], progress: progress)
        XCTAssertEqual(r.reader.prompts, ["jacobi> ", "lesson 1·1> ", "lesson 1·1> ", "lesson 1·2> ", "       ...> ", "lesson 1·2> ", "jacobi> ", "jacobi> "])
        XCTAssertEqual(r.reader.remembered, [":lesson tour", "z[end]", "[1, 2]", ":quit", "1"], "Enter is :next, but not history")
        XCTAssertTrue(r.out.contains("── Step 2 of 7"), r.out)
        XCTAssertEqual(ProgressStore(path: progress).load().progress.lessons["tour"]?.step, 1)
    }

    func testSavedProgressIsOfferedAtThePrompt() throws {
        let progress = temporaryProgress()
        try ProgressStore(path: progress).record(LessonProgress(lesson: "tour", step: 1, stepCount: 7))
        let r = run([.line(":lesson tour"), .line("maybe"), .line("n"), .end], progress: progress)
        XCTAssertEqual(Array(r.reader.prompts.prefix(4)), ["jacobi> ", "continue lesson 1 at step 2? [Y/n] ", "continue lesson 1 at step 2? [Y/n] ", "lesson 1·1> "])
        XCTAssertTrue(r.out.contains("please answer y or n"))
        XCTAssertEqual(r.reader.remembered, [":lesson tour"], "the answer to the question is not history")
    }

    func testColouredLessonPromptKeepsReadlinesMarkers() {
        let r = run([.line(":lesson tour"), .end], progress: temporaryProgress(), color: true)
        XCTAssertEqual(r.reader.prompts[1], "\u{1}\u{1B}[1;32m\u{2}lesson 1·1>\u{1}\u{1B}[0m\u{2} ")
        XCTAssertTrue(r.out.contains("\u{1B}[1;32m── Step 1 of 7 · Vectors at the prompt"), r.out)
    }

    func testDeriveStepWaitsForEnterBetweenPages() {
        let all = run([.line(":derive softmax --step"), .line(""), .line("q"), .end], progress: temporaryProgress())
        let hint = "  ⏎ next step, q: all the rest "
        XCTAssertEqual(all.reader.prompts, ["jacobi> ", hint, hint, "jacobi> "])
        XCTAssertTrue(all.out.contains("quotient rule"), all.out)
        XCTAssertTrue(all.out.contains("diag(p)"), "q shows the rest at once: \(all.out)")
        // A script prints every page, with no waiting.
        let shell = ShellSession(options: ShellOptions(color: false))
        guard case .pages(let pages)? = shell.submit(":derive softmax --step").first else { return XCTFail() }
        XCTAssertGreaterThan(pages.count, 3)
        // The numbers given with --at are used in step mode too.
        guard case .pages(let at)? = shell.submit(":derive softmax --at z=[1,2,3] --step").first else { return XCTFail() }
        XCTAssertTrue(at.joined().contains("0.0819"), at.joined(separator: "\n"))
        // Ctrl-C stops the paging.
        let stopped = run([.line(":derive softmax --step"), .interrupt, .end], progress: temporaryProgress())
        XCTAssertFalse(stopped.out.contains("diag(p)"), stopped.out)
    }

    // MARK: - The pieces

    func testNarrativeIsReflowedToTheWidth() {
        let text = """
            A paragraph written at one width, with `inline code` and a comma after `code`, which is long enough to wrap.

            - a list item that is long enough to wrap onto a second line under itself
            - another

            ```text
            kept   as   written
            ```
            """
        let lines = MarkdownText.lines(text, width: 40).map(\.plain)
        XCTAssertEqual(lines, [
            "A paragraph written at one width, with",
            "`inline code` and a comma after `code`,",
            "which is long enough to wrap.",
            "",
            "- a list item that is long enough to",
            "  wrap onto a second line under itself",
            "- another",
            "",
            "    kept   as   written",
        ])
        XCTAssertEqual(Palette(enabled: true).styled(MarkdownText.lines("see `z`", width: 40)), "see \u{1B}[36mz\u{1B}[0m")
    }

    func testWhereProgressAndLessonsAre() {
        let environment = { (values: [String: String]) in { (name: String) in values[name] } }
        XCTAssertEqual(LessonPaths.progress(environment: environment(["HOME": "/h"])), "/h/.local/state/jacobi/progress.json")
        XCTAssertEqual(LessonPaths.progress(environment: environment(["HOME": "/h", "XDG_STATE_HOME": "/s"])), "/s/jacobi/progress.json")
        XCTAssertEqual(LessonPaths.progress(environment: environment(["HOME": "/h", "XDG_STATE_HOME": "relative"])), "/h/.local/state/jacobi/progress.json")
        XCTAssertEqual(LessonPaths.progress(environment: environment(["JACOBI_PROGRESS": "/p.json", "XDG_STATE_HOME": "/s"])), "/p.json")
        XCTAssertNil(LessonPaths.progress(environment: environment(["JACOBI_PROGRESS": "", "HOME": "/h"])))

        let candidates = LessonPaths.lessonCandidates(environment: environment([:]), currentDirectory: "/work",
                                                      executable: "/repo/.build/debug/jacobi")
        XCTAssertEqual(Array(candidates.prefix(5)), ["/work/Lessons", "/repo/.build/debug/Lessons", "/repo/.build/debug/share/jacobi/Lessons",
                                                     "/repo/.build/Lessons", "/repo/.build/share/jacobi/Lessons"])
        XCTAssertTrue(candidates.contains("/repo/Lessons"))
        XCTAssertEqual(LessonPaths.lessonCandidates(environment: environment(["JACOBI_LESSONS": "/mine"]), currentDirectory: "/work", executable: nil), ["/mine"])
        XCTAssertEqual(try LessonPaths.lessons(candidates: candidates, holdsLessons: { $0 == "/repo/Lessons" }).get(), "/repo/Lessons")
        XCTAssertTrue(LessonPaths.holdsLessons(LessonFixtures.course))
        XCTAssertFalse(LessonPaths.holdsLessons(LessonFixtures.root.appendingPathComponent("Sources").path))
    }

    /// The presenter reveals a derivation a step at a time: the header with the start, then each press
    /// a `[n] rule` block with its lines, and the blocks read as the whole derivation.
    func testThePresenterRevealsADerivationStepByStep() throws {
        let library = try LessonLibrary(directory: LessonFixtures.course)
        let lesson = try XCTUnwrap(library.lesson(named: "tour"))
        let frames = Playback.frames(lesson, in: VectorLang.Session(), derive: LessonDerivations.provider(precision: 4, ascii: false))
        let blocks = { (frame: PresenterFrame) in
            frame.items.compactMap { item -> [String]? in if case .derivationBlock(let lines) = item { return lines } else { return nil } }
        }
        let step = try XCTUnwrap(frames.last { !blocks($0).isEmpty })
        let revealed = blocks(step)
        XCTAssertGreaterThan(revealed.count, 10)
        let counts = frames.filter { $0.step == step.step && !blocks($0).isEmpty }.map { blocks($0).count }
        XCTAssertEqual(Array(Set(counts)).sorted(), Array(1...revealed.count))
        XCTAssertTrue(zip(counts, counts.dropFirst()).allSatisfy { $1 - $0 <= 1 }, "at most one more block per press: \(counts)")
        XCTAssertTrue(revealed[0][0].hasPrefix("The softmax Jacobian with a temperature"), "\(revealed[0])")
        XCTAssertTrue(revealed.dropFirst().allSatisfy { $0[0].hasPrefix("[") }, "\(revealed)")
        XCTAssertTrue(revealed.last?.last?.hasPrefix("check: every step agrees") == true, "\(revealed)")
    }
}
