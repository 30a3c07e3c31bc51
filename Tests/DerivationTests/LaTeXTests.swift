import Foundation
import XCTest
import VectorLang
@testable import Derivation

/// The LaTeX of every derivation compiles with pdflatex, and the Markdown reads as math in pandoc.
///
/// pdflatex (texlive-latex-base) and pandoc are installed by `.ci/run`; where either is missing the test
/// fails and says what to install, so a CI run can never pass without having compiled anything.
final class LaTeXTests: XCTestCase {
    /// Every catalog entry as an align* block with balanced braces and \left/\right pairs, compiled in
    /// one document; a failure names the entry.
    func testEveryCatalogEntryCompiles() throws {
        let pdflatex = try ExternalTool("pdflatex", package: "texlive-latex-base")
        var document = LaTeXDocument()
        for entry in Catalog.entries {
            let body = DerivationLaTeX.render(try entry.derive().result, title: entry.title)
            XCTAssertTrue(body.contains("\\begin{align*}") && body.contains("\\end{align*}"), entry.name)
            var depth = 0
            for c in body {
                if c == "{" { depth += 1 } else if c == "}" { depth -= 1 }
                if depth < 0 { break }
            }
            XCTAssertEqual(depth, 0, "\(entry.name): unbalanced braces")
            XCTAssertEqual(body.components(separatedBy: "\\left").count, body.components(separatedBy: "\\right").count, entry.name)
            document.add(entry.name, body)
        }
        XCTAssertGreaterThanOrEqual(Catalog.entries.count, 19)
        let problems = try document.problems(compiledBy: pdflatex)
        XCTAssertEqual(problems, [], problems.joined(separator: "\n"))
    }

    /// The typed suite too: its rule names, definitions and shapes are more varied than the catalog's.
    func testEveryTypedSuiteEntryCompiles() throws {
        let pdflatex = try ExternalTool("pdflatex", package: "texlive-latex-base")
        var document = LaTeXDocument()
        for row in try TypedSuiteTests.rows() {
            let (_, options) = TypedSuiteTests.session(for: row)
            guard let request = try? Derivations.derive(row.expression, wrt: row.wrt, options: options) else { continue }
            document.add(row.id, DerivationLaTeX.render(request.result, title: nil))
        }
        // And those typed in vector notation, with the golden ones (a Hessian among them).
        for row in try VectorSuiteTests.rows() {
            let session = Session()
            for line in row.bindings { _ = session.submit(line) }
            var options = Derivations.Options()
            for name in session.environment.names { if let t = session.environment[name]?.tensor { options.ranks[name] = t.rank } }
            guard let request = try? Derivations.derive(row.expression, wrt: row.wrt, options: options) else { continue }
            document.add(row.id, DerivationLaTeX.render(request.result, title: nil))
        }
        for g in GoldenTests.typed {
            let (request, _) = try GoldenTests.typedRequest(g)
            document.add(g.name, DerivationLaTeX.render(request.result, title: request.title))
        }
        let problems = try document.problems(compiledBy: pdflatex)
        XCTAssertEqual(problems, [], problems.joined(separator: "\n"))
    }

    /// A rule's name is text: every printable ASCII character and the symbols rule names use compile in
    /// \text{…}, and those the text font lacks (|, <, >) are set in math.
    func testRuleNamesAreEscapedForText() throws {
        let pdflatex = try ExternalTool("pdflatex", package: "texlive-latex-base")
        XCTAssertEqual(DerivationLaTeX.escape("u·sign(u) = |u|"), "u$\\cdot$sign(u) = $|$u$|$")
        let ascii = String(String.UnicodeScalarView((32...126).compactMap(Unicode.Scalar.init)))
        var document = LaTeXDocument()
        document.add("ascii", "\\text{\(DerivationLaTeX.escape(ascii))}")
        document.add("symbols", "\\text{\(DerivationLaTeX.escape("∂zₖ/∂zⱼ = δₖⱼ, Σᵢ σ(x) ≠ 1 − x·y"))}")
        let problems = try document.problems(compiledBy: pdflatex)
        XCTAssertEqual(problems, [], problems.joined(separator: "\n"))
    }

    /// The check above can fail, and names the derivation at fault rather than the document.
    func testACompileErrorNamesItsDerivation() throws {
        let pdflatex = try ExternalTool("pdflatex", package: "texlive-latex-base")
        var document = LaTeXDocument()
        document.add("fine", "\\begin{align*} x &= 1 \\end{align*}")
        document.add("broken", "\\begin{align*}\n  x &= \\fracc{1}{2}\n\\end{align*}")
        document.add("lost", "\\begin{align*} x &= \\text{δ} \\end{align*}")
        let problems = try document.problems(compiledBy: pdflatex)
        XCTAssertTrue(problems.contains { $0.hasPrefix("broken: ") }, problems.joined(separator: "\n"))
        XCTAssertTrue(problems.contains { $0.hasPrefix("lost: ") }, problems.joined(separator: "\n"))
        XCTAssertFalse(problems.contains { $0.hasPrefix("fine: ") }, problems.joined(separator: "\n"))
        XCTAssertThrowsError(try ExternalTool("no-such-program-jacobi", package: "some-package")) { error in
            XCTAssertTrue("\(error)".contains("install some-package"), "\(error)")
        }
    }

    /// Each catalog entry's Markdown, converted by pandoc: every $…$ is read as math (pandoc writes a dollar
    /// it did not read as math as \$), one \[…\] per $$…$$ line, and that math compiles with pdflatex.
    ///
    /// Not a whole PDF through pandoc: its template needs lmodern, and the rule statements' Unicode
    /// (∂, Σ, ᵢ) needs xelatex or lualatex, neither of which texlive-latex-base has.
    func testMarkdownReadsAsMathInPandoc() throws {
        let pandoc = try ExternalTool("pandoc", package: "pandoc")
        let pdflatex = try ExternalTool("pdflatex", package: "texlive-latex-base")
        let directory = try ExternalTool.temporaryDirectory("pandoc")
        defer { try? FileManager.default.removeItem(at: directory) }
        var math = LaTeXDocument()
        for entry in Catalog.entries {
            let request = try entry.derive()
            let report = NumericCheck(environment: nil, request: request).report()
            let markdown = DerivationMarkdown.render(request.result, title: entry.title, report: report)
            try markdown.write(to: directory.appendingPathComponent("\(entry.name).md"), atomically: true, encoding: .utf8)
            let (status, output) = try pandoc.run(["-f", "markdown", "-t", "latex", "-o", "\(entry.name).tex", "\(entry.name).md"], in: directory)
            XCTAssertEqual(status, 0, "\(entry.name): pandoc failed: \(output)")
            let latex = try String(contentsOf: directory.appendingPathComponent("\(entry.name).tex"), encoding: .utf8)
            XCTAssertFalse(latex.contains("\\$"), "\(entry.name): pandoc read a dollar sign as text, not math")
            let displays = Self.matches(of: "\\\\\\[(.*?)\\\\\\]", in: latex)
            XCTAssertEqual(displays.count, markdown.split(separator: "\n").filter { $0.contains("$$") }.count, "\(entry.name): display math lost")
            let inline = Self.matches(of: "\\\\\\((.*?)\\\\\\)", in: latex)
            math.add(entry.name, (displays.map { "\\[\($0)\\]" } + inline.map { "\\(\($0)\\)" }).joined(separator: "\n"))
        }
        let problems = try math.problems(compiledBy: pdflatex)
        XCTAssertEqual(problems, [], problems.joined(separator: "\n"))
    }

    /// The first group of every match of `pattern`, across lines.
    static func matches(of pattern: String, in text: String) -> [String] {
        groups(of: pattern, in: text).compactMap(\.first)
    }

    /// The first two groups of every match of `pattern`.
    static func pairs(of pattern: String, in text: String) -> [(String, String)] {
        groups(of: pattern, in: text).compactMap { $0.count >= 2 ? ($0[0], $0[1]) : nil }
    }

    /// The groups of every match of `pattern` (. matching line breaks too).
    static func groups(of pattern: String, in text: String) -> [[String]] {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]) else { return [] }
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
            (1..<match.numberOfRanges).compactMap { Range(match.range(at: $0), in: text).map { String(text[$0]) } }
        }
    }
}
