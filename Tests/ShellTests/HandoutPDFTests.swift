import Foundation
import XCTest
import LessonKit
@testable import Shell

/// The handout as a teacher would print it: `jacobi present N --export markdown [--teacher]`, then
/// pandoc to LaTeX and pdflatex to PDF, with no error, no character the font lacks, and every `$…$`
/// read as maths.
///
/// pandoc, pdflatex and the packages pandoc's template loads (lmodern, xcolor from
/// texlive-latex-recommended) are installed by `.ci/run`; where one is missing the test fails and says
/// what to install, as LaTeXTests does, so a CI run can never pass without having compiled anything.
final class HandoutPDFTests: XCTestCase {
    func testLessonThreeCompilesToPDFForStudentsAndTeachers() throws {
        let library = try LessonLibrary(directory: LessonFixtures.course)
        let lesson = try XCTUnwrap(library.lesson(named: "3"))
        let student = Launcher.handout(lesson, teacher: false, precision: 4)
        let teacher = Launcher.handout(lesson, teacher: true, precision: 4)
        XCTAssertFalse(student.contains("**Answer:**") || student.contains("**Hints**"), "the student's handout gives nothing away")
        XCTAssertTrue(teacher.contains("**Answer:** `diag(p) - outer(p, p)`"), teacher)
        XCTAssertTrue(teacher.contains("**Expected mistakes**"), teacher)
        XCTAssertTrue(student.contains("$\\partial p_{i}/\\partial z_{j}$"), "maths in LaTeX")
        XCTAssertTrue(teacher.contains("$J = \\operatorname{diag}(p) - pp^{\\top}$"), "the explanation, for the teacher only")
        try compile(["lesson-3": student, "lesson-3-teacher": teacher])
    }

    /// The rest of the course too, so a lesson that writes a symbol pdflatex cannot set is caught here.
    func testEveryLessonsHandoutCompiles() throws {
        let library = try LessonLibrary(directory: LessonFixtures.course)
        XCTAssertGreaterThanOrEqual(library.lessons.count, 8)
        var handouts: [String: String] = [:]
        for lesson in library.lessons { handouts[lesson.name + "-teacher"] = Launcher.handout(lesson, teacher: true, precision: 4) }
        try compile(handouts)
    }

    /// The check can fail: a character pdflatex lacks, and a LaTeX error, are both reported.
    func testACompileProblemIsReported() throws {
        XCTAssertThrowsError(try compile(["missing": "Text with ∂ in it.\n"])) { error in
            XCTAssertTrue("\(error)".contains("missing:"), "\(error)")
        }
        XCTAssertThrowsError(try compile(["broken": "Maths $\\frac{1$ here.\n"])) { error in
            XCTAssertTrue("\(error)".contains("broken:"), "\(error)")
        }
    }

    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    /// Each Markdown text through `pandoc -s` and `pdflatex -halt-on-error`; throws naming every one that failed.
    private func compile(_ handouts: [String: String]) throws {
        let pandoc = try tool("pandoc", package: "pandoc")
        let pdflatex = try tool("pdflatex", package: "texlive-latex-base")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jacobi-handout-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var problems: [String] = []
        for (name, markdown) in handouts.sorted(by: { $0.key < $1.key }) {
            try markdown.write(to: directory.appendingPathComponent("\(name).md"), atomically: true, encoding: .utf8)
            let (status, output) = try run(pandoc, ["-s", "-f", "markdown", "-o", "\(name).tex", "\(name).md"], in: directory)
            guard status == 0 else {
                problems.append("\(name): pandoc failed: \(output)")
                continue
            }
            let latex = try String(contentsOf: directory.appendingPathComponent("\(name).tex"), encoding: .utf8)
            if latex.contains("\\$") { problems.append("\(name): pandoc read a dollar sign as text, not maths") }
            let (compiled, log) = try run(pdflatex, ["-interaction=nonstopmode", "-halt-on-error", "\(name).tex"], in: directory)
            let errors = log.split(separator: "\n").filter { $0.hasPrefix("!") || $0.contains("Missing character") }
            if compiled != 0 || !errors.isEmpty {
                problems.append("\(name): pdflatex exited with \(compiled): " + (errors.isEmpty ? String(log.suffix(2000)) : errors.joined(separator: "\n")))
            } else if !FileManager.default.fileExists(atPath: directory.appendingPathComponent("\(name).pdf").path) {
                problems.append("\(name): no PDF")
            }
        }
        if !problems.isEmpty { throw Problem(description: problems.joined(separator: "\n")) }
    }

    private func tool(_ name: String, package: String) throws -> String {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin"]
        guard let path = folders.map({ "\($0)/\(name)" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw Problem(description: "\(name) is not installed: install \(package) (apt-get install --no-install-recommends \(package)), as .ci/run does")
        }
        return path
    }

    /// The program's status and what it wrote (to a file, which cannot fill up and block it as a pipe can).
    private func run(_ path: String, _ arguments: [String], in directory: URL) throws -> (Int32, String) {
        let log = directory.appendingPathComponent("\(UUID().uuidString).out")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: (try? Data(contentsOf: log)) ?? Data(), as: UTF8.self))
    }
}
