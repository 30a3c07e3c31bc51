import XCTest
@testable import Shell
import VectorLang

/// Golden transcripts: each file in `Transcripts/` is a session, with input lines after `jacobi> `,
/// (and `   ...> ` for continuation lines), commentary lines starting `## `, and the expected output below each.
///
/// A file whose expected output differs fails with a diff. Set `JACOBI_RECORD=1` to rewrite the files
/// with what the session printed now — then read the diff before committing it, as with any snapshot.
///
/// Sessions are replayed at 80 columns without colour, with `:time` reporting a fixed 1.5 ms, in a
/// fresh temporary directory as the current one, so `:save x.jac` and `:load x.jac` do not depend on
/// the machine. A commentary line `## colors: 16` (or `256`, `truecolor`, `none`) turns colour on from
/// there, as the terminal would get it, with its escape sequences written visibly (`^[[31m`).
final class TranscriptTests: XCTestCase {
    static let prompt = "jacobi> "
    static let continuation = "   ...> "

    func testTranscripts() throws {
        let directory = try XCTUnwrap(Bundle.module.url(forResource: "Transcripts", withExtension: nil))
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "txt" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        XCTAssertFalse(files.isEmpty, "no transcripts found")
        let record = ProcessInfo.processInfo.environment["JACOBI_RECORD"] == "1"
        for file in files {
            let expected = try String(contentsOf: file, encoding: .utf8)
            let actual = try Self.replay(expected)
            if actual != expected {
                if record, let source = Self.sourceFile(named: file.lastPathComponent) {
                    try actual.write(toFile: source, atomically: true, encoding: .utf8)
                }
                XCTFail("\(file.lastPathComponent) differs:\n" + Self.diff(expected, actual))
            }
        }
    }

    /// Runs the input lines of a transcript through a fresh session and writes the transcript it produces.
    static func replay(_ transcript: String) throws -> String {
        let files = FileManager.default
        let temporary = files.temporaryDirectory.appendingPathComponent("jacobi-transcript-\(UUID().uuidString)")
        try files.createDirectory(at: temporary, withIntermediateDirectories: true)
        let previous = files.currentDirectoryPath
        XCTAssertTrue(files.changeCurrentDirectoryPath(temporary.path))
        defer {
            _ = files.changeCurrentDirectoryPath(previous)
            try? files.removeItem(at: temporary)
        }
        let shell = ShellSession(options: ShellOptions(color: false))
        // A drill or a lesson saves its progress here, never in the machine's own file.
        shell.lessons.progressPath = temporary.appendingPathComponent("progress.json").path
        shell.width = 80
        shell.stopwatch = { work in work(); return .microseconds(1500) }
        var palette = Palette(enabled: false)
        var out = ""
        var pending: [String] = []
        let lines = transcript.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (i, line) in lines.enumerated() {
            if line.hasPrefix(prompt) || line.hasPrefix(continuation) {
                pending.append(String(line.dropFirst(prompt.count)))
                out += line + "\n"
                let next = i + 1 < lines.count ? lines[i + 1] : ""
                if next.hasPrefix(continuation) { continue }
                for output in shell.submit(pending.joined(separator: "\n")) {
                    out += TerminalText.shown(palette.render(output)?.text ?? "(quit)") + "\n"
                }
                pending = []
            } else if line.hasPrefix("## ") {
                // Commentary for the reader is kept as written; every other line is expected output.
                out += line + "\n"
                if let depth = colorDepths[String(line.dropFirst("## colors: ".count))], line.hasPrefix("## colors: ") {
                    shell.session.options.colors = depth
                    palette = Palette(enabled: depth != .none)
                }
            }
        }
        return out
    }

    static let colorDepths: [String: ColorDepth] = ["none": .none, "16": .sixteen, "256": .palette256, "truecolor": .trueColor]

    static func sourceFile(named name: String) -> String? {
        let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        return here.appendingPathComponent("Transcripts").appendingPathComponent(name).path
    }

    static func diff(_ expected: String, _ actual: String) -> String {
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var lines: [String] = []
        for i in 0..<max(e.count, a.count) {
            let x = i < e.count ? String(e[i]) : "<missing>"
            let y = i < a.count ? String(a[i]) : "<missing>"
            if x != y { lines.append("line \(i + 1):\n  expected: \(x)\n  actual:   \(y)") }
        }
        return lines.prefix(20).joined(separator: "\n")
    }
}
