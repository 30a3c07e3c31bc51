import Foundation
import LessonKit
import XCTest
import VectorLang
@testable import Shell

/// Every lesson presented at the widths of a phone, a laptop and a projector: no line wider than the
/// screen, and no number or name split across lines (every word on the narrow screen is a word of the
/// same presentation on a very wide one).
final class PresenterWidthTests: XCTestCase {
    static let course = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Lessons")

    /// The words and numbers of a text; not what is drawn to the width (rules `-----`, a plot's `+--o`
    /// and its x tick labels, a nice step chosen for the width as matplotlib chooses one) or the note of
    /// an elided value (`...`, `(3x3 matrix)`), which a narrow screen has and a wide one may not.
    static func words(_ text: String) -> Set<String> {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let kept = lines.indices.filter { i in
            let frameBottom = i > 0 && ["└", "+-"].contains { lines[i - 1].trimmingCharacters(in: .whitespaces).hasPrefix($0) }
            return !(frameBottom && lines[i].allSatisfy { " -.0123456789e+".contains($0) })
        }.map { lines[$0] }.joined(separator: "\n")
        return Set(kept.split { !LineBreaker.isWordCharacter($0) }.map(String.init).filter { word in
            !word.allSatisfy { "-.+o|*#=".contains($0) } && word.wholeMatch(of: /[0-9]+x[0-9]+/) == nil
                && !["matrix", "vector", "of"].contains(word)
        })
    }

    func testEveryLessonsFramesFitEveryWidth() throws {
        let library = try LessonLibrary(directory: Self.course.path)
        XCTAssertGreaterThanOrEqual(library.lessons.count, 8)
        for lesson in library.lessons {
            for ascii in [false, true] {
                let options = ShellOptions(color: false, ascii: ascii)
                let wide = Presenter.of(lesson, options: options, palette: Palette(enabled: false), width: 400).transcript()
                let known = Self.words(wide)
                for width in [40, 60, 80, 120] {
                    let text = Presenter.of(lesson, options: options, palette: Palette(enabled: false), width: width).transcript()
                    for line in text.split(separator: "\n") {
                        XCTAssertLessThanOrEqual(LineBreaker.columns(String(line)), width, "\(lesson.name) at \(width): \(line)")
                    }
                    let split = Self.words(text).subtracting(known)
                    XCTAssertEqual(split, [], "\(lesson.name) at \(width)\(ascii ? " (ascii)" : ""): pieces of a split word")
                }
            }
        }
    }
}
