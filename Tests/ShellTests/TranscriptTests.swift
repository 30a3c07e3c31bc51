import XCTest
@testable import Shell

/// Golden transcripts: each file in `Transcripts/` is a session, with input lines after `jacobi> `, commentary lines starting `## `,
/// (and `   ...> ` for continuation lines) and the expected output below each.
///
/// A file whose expected output differs fails with a diff. Set `JACOBI_RECORD=1` to rewrite the files
/// with what the session printed now — then read the diff before committing it, as with any snapshot.
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
            let actual = Self.replay(expected)
            if actual != expected {
                if record, let source = Self.sourceFile(named: file.lastPathComponent) {
                    try actual.write(toFile: source, atomically: true, encoding: .utf8)
                }
                XCTFail("\(file.lastPathComponent) differs:\n" + Self.diff(expected, actual))
            }
        }
    }

    /// Runs the input lines of a transcript through a fresh session and writes the transcript it produces.
    static func replay(_ transcript: String) -> String {
        let shell = ShellSession(options: ShellOptions(color: false))
        shell.session.options.width = 80
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
                    switch output {
                    case .result(let text), .error(let text): out += text + "\n"
                    case .quit: out += "(quit)\n"
                    }
                }
                pending = []
            } else if line.hasPrefix("## ") {
                // Commentary for the reader is kept as written; every other line is expected output.
                out += line + "\n"
            }
        }
        return out
    }

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
