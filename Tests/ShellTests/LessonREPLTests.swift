import Foundation
import LessonKit
import VectorLang
import XCTest
@testable import Shell

/// The REPL's side of lessons and paging, with a scripted reader: the lesson's prompt, Enter as
/// `:next` or a derivation's next step, the resume question, `:derive --step` one key per step; and
/// the pieces they are made of.
final class LessonREPLTests: XCTestCase {
    private func run(_ events: [LineEvent], progress: String, color: Bool = false, keys: KeyReader? = nil) -> (out: String, reader: ScriptedReader) {
        let reader = ScriptedReader(events)
        let shell = ShellSession(options: ShellOptions(color: color))
        shell.lessons.folder = .success(LessonFixtures.course)
        shell.lessons.progressPath = progress
        var out = ""
        var repl = REPL(shell: shell, reader: reader, palette: Palette(enabled: color))
        repl.keys = keys
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

    /// One key per step, no prompt of its own, and every hint erased: with the erased hints taken
    /// out, what is left is exactly the whole derivation.
    func testDeriveStepReadsOneKeyPerStepAndLeavesNoHintBehind() {
        let whole = run([.line(":derive softmax"), .end], progress: temporaryProgress()).out
        let keys = ScriptedKeys([.next, .other, .back, .next, .quit])
        let paged = run([.line(":derive softmax --step"), .end], progress: temporaryProgress(), keys: keys)
        XCTAssertEqual(paged.reader.prompts, ["jacobi> ", "jacobi> "], "the keys are read raw, not at a prompt")
        let erased = StepPager.hint(ascii: false) + StepPager.eraseLine
        XCTAssertEqual(paged.out.components(separatedBy: erased).count - 1, 3, "a hint after each of the first three blocks: \(paged.out)")
        XCTAssertEqual(paged.out.replacing(erased, with: ""), whole, "q showed the rest at once")
        XCTAssertEqual([keys.begun, keys.ended], [1, 1], "raw mode entered once and left")

        // Ctrl-C stops after the first block, and raw mode is still left.
        let interrupted = ScriptedKeys([.interrupt])
        let stopped = run([.line(":derive softmax --step"), .end], progress: temporaryProgress(), keys: interrupted)
        XCTAssertTrue(stopped.out.contains("  ∂pᵢ/∂zⱼ"), stopped.out)
        XCTAssertFalse(stopped.out.contains("[1] definition of softmax"), stopped.out)
        XCTAssertEqual(interrupted.ended, 1)

        // With no terminal to read keys from, every block at once and no hint.
        let none = run([.line(":derive softmax --step"), .end], progress: temporaryProgress(), keys: ScriptedKeys([], available: false))
        XCTAssertEqual(none.out, whole)
        XCTAssertTrue(StepPager.hint(ascii: true).allSatisfy(\.isASCII))
    }

    /// The blocks: the header with the start, then a step each, the check with the last; a script prints them all.
    func testDeriveStepBlocks() throws {
        let shell = ShellSession(options: ShellOptions(color: false))
        guard case .pages(let blocks)? = shell.submit(":derive softmax --step").first else { return XCTFail() }
        let plain = blocks.map { $0.map(\.plain) }
        XCTAssertEqual(plain.count, 15, "the header with the start, then steps 1 to 14, the last with the check: \(plain)")
        XCTAssertEqual(plain.first?.first, "The softmax Jacobian: ∂pᵢ/∂zⱼ")
        XCTAssertTrue(plain.dropFirst().allSatisfy { $0.first?.hasPrefix("[") == true }, "\(plain)")
        XCTAssertTrue(plain.last?.last?.hasPrefix("check: ") == true)
        // The numbers given with --at are used in step mode too.
        guard case .pages(let at)? = shell.submit(":derive softmax --at z=[1,2,3] --step").first else { return XCTFail() }
        XCTAssertTrue(at.flatMap { $0 }.map(\.plain).joined().contains("0.0819"))
        // Together the blocks read as the whole text, for every catalog entry.
        for name in shell.derivationNames() {
            let request = DeriveCommand.Request(subject: name)
            let whole = try XCTUnwrap(try? DeriveCommand.run(request, environment: nil, precision: 4).get().lines, name)
            XCTAssertEqual(try? DeriveCommand.pages(request, environment: nil, precision: 4).get().blocks.lines, whole, name)
        }
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
            "inline code and a comma after code,",
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
