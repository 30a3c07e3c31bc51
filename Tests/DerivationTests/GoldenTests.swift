import Foundation
import XCTest
import VectorLang
@testable import Derivation

/// Golden derivations: the softmax Jacobian, cross-entropy after softmax and the sigmoid, in Unicode,
/// ASCII and LaTeX, with the numbers of the catalog's example. `JACOBI_RECORD=1` rewrites them; read the diff.
final class GoldenTests: XCTestCase {
    static let entries = ["softmax", "cross-entropy-softmax", "sigmoid"]
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// The check line's rounding errors (1e-17, 3e-12) depend on the machine's libm and kernels; the
    /// golden files keep the words and mask those figures.
    static func masked(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard line.hasPrefix("check:") else { return String(line) }
            var out = ""
            var inNumber = false
            for c in line {
                let numeric = c.isNumber || (inNumber && (c == "." || c == "e" || c == "-"))
                if numeric { if !inNumber { out += "#" } } else { out.append(c) }
                inNumber = numeric
            }
            return out
        }.joined(separator: "\n")
    }

    static func render(_ name: String, _ format: String) -> String {
        masked(unmasked(name, format))
    }

    static func unmasked(_ name: String, _ format: String) -> String {
        guard let entry = Catalog.entry(named: name) else { return "no entry \(name)" }
        guard let request = try? entry.derive() else { return "\(name) does not derive" }
        let d = request.result
        let report = NumericCheck(environment: nil, request: request).report()
        switch format {
        case "unicode": return DerivationText(ascii: false).render(d, title: entry.title, report: report) + "\n"
        case "ascii": return DerivationText(ascii: true).render(d, title: entry.title, report: report) + "\n"
        default: return DerivationLaTeX.render(d, title: entry.title) + "\n"
        }
    }

    func testGoldenDerivations() throws {
        let record = ProcessInfo.processInfo.environment["JACOBI_RECORD"] == "1"
        for name in Self.entries {
            for format in ["unicode", "ascii", "latex"] {
                let file = Self.folder.appendingPathComponent("\(name).\(format).txt")
                let actual = Self.render(name, format)
                let expected = try? String(contentsOf: file, encoding: .utf8)
                if actual != expected {
                    if record { try actual.write(to: file, atomically: true, encoding: .utf8) }
                    XCTFail("\(name).\(format).txt differs (JACOBI_RECORD=1 rewrites it)")
                }
            }
        }
    }

    func testASCIIOutputIsASCII() {
        for name in Self.entries {
            let text = Self.render(name, "ascii")
            XCTAssertTrue(text.unicodeScalars.allSatisfy { $0.isASCII }, "\(name) has non-ASCII characters")
        }
    }

    /// Every catalog entry's LaTeX is an align* block with balanced braces and \left/\right pairs, and,
    /// where pdflatex is installed, compiles.
    func testLaTeXCompiles() throws {
        let pdflatex = ["/usr/bin/pdflatex", "/usr/local/bin/pdflatex"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jacobi-latex-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for entry in Catalog.entries {
            let body = DerivationLaTeX.render(try entry.derive().result, title: entry.title)
            XCTAssertTrue(body.contains("\\begin{align*}") && body.contains("\\end{align*}"), entry.name)
            var depth = 0
            for c in body { if c == "{" { depth += 1 } else if c == "}" { depth -= 1 }; XCTAssertGreaterThanOrEqual(depth, 0, entry.name) }
            XCTAssertEqual(depth, 0, "\(entry.name): unbalanced braces")
            XCTAssertEqual(body.components(separatedBy: "\\left").count, body.components(separatedBy: "\\right").count, entry.name)
            guard let pdflatex else { continue }
            let tex = directory.appendingPathComponent("\(entry.name).tex")
            try DerivationLaTeX.document(body).write(to: tex, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: pdflatex)
            process.arguments = ["-interaction=nonstopmode", "-halt-on-error", "-output-directory", directory.path, tex.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0, "\(entry.name): pdflatex failed")
        }
    }
}
