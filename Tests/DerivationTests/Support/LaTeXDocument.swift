import Foundation
@testable import Derivation

/// Many derivations in one LaTeX document, compiled by one pdflatex run, each error traced back to the
/// derivation whose lines hold it.
///
/// One run for all (about a second for the whole typed suite) rather than one per derivation (a tenth
/// of a second each). In nonstopmode pdflatex goes on after an error, so every failing derivation is
/// named, by the line number that `-file-line-error` puts in front of each error.
struct LaTeXDocument {
    private var parts: [(name: String, body: String)] = []
    private static let marker = "% derivation: "
    static let fileName = "derivations"

    mutating func add(_ name: String, _ body: String) {
        parts.append((name, body))
    }

    /// The renderer's own document (amsmath), holding every derivation after a marker line naming it.
    var text: String {
        // A character the font lacks is only a note in the log unless tracinglostchars is 3: then an error with its line.
        let body = (["\\tracinglostchars=3"] + parts.map { Self.marker + $0.name + "\n" + $0.body }).joined(separator: "\n")
        return DerivationLaTeX.document(body)
    }

    /// The derivation that line `number` (1-based) of `lines` belongs to: the last marker above it.
    private static func owner(of number: Int, in lines: [Substring]) -> String? {
        guard number >= 1, number <= lines.count else { return nil }
        for line in lines[..<number].reversed() where line.hasPrefix(marker) { return String(line.dropFirst(marker.count)) }
        return nil
    }

    /// What pdflatex reports, one line per derivation with errors: its name, the first error's message and
    /// source line, and how many more there were; empty when the document compiled without errors.
    func problems(compiledBy pdflatex: ExternalTool) throws -> [String] {
        let directory = try ExternalTool.temporaryDirectory("latex")
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = text
        try source.write(to: directory.appendingPathComponent(Self.fileName + ".tex"), atomically: true, encoding: .utf8)
        let (status, output) = try pdflatex.run(["-interaction=nonstopmode", "-file-line-error", "-no-shell-escape", Self.fileName + ".tex"],
                                                in: directory)
        let log = String(decoding: (try? Data(contentsOf: directory.appendingPathComponent(Self.fileName + ".log"))) ?? Data(), as: UTF8.self)
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        var errors: [(entry: String, text: String)] = []
        let prefix = Self.fileName + ".tex:"
        for line in (log.isEmpty ? output : log).split(separator: "\n") {
            guard let at = line.range(of: prefix) else { continue }
            let rest = line[at.upperBound...]
            guard let colon = rest.firstIndex(of: ":"), let number = Int(rest[..<colon]) else { continue }
            let message = rest[rest.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            let entry = Self.owner(of: number, in: lines) ?? "the preamble"
            let code = number <= lines.count ? String(lines[number - 1].prefix(160)) : ""
            errors.append((entry, "\(message) (line \(number): \(code))"))
        }
        var problems: [String] = []
        var named: Set<String> = []
        for (entry, text) in errors where named.insert(entry).inserted {
            let more = errors.filter { $0.entry == entry }.count - 1
            problems.append("\(entry): \(text)" + (more > 0 ? " and \(more) more error\(more == 1 ? "" : "s")" : ""))
        }
        let pdf = directory.appendingPathComponent(Self.fileName + ".pdf")
        let madePDF = FileManager.default.fileExists(atPath: pdf.path)
        if problems.isEmpty, status != 0 || !madePDF {
            problems.append("pdflatex exited with status \(status)\(madePDF ? "" : ", no PDF,") and no error with a line number:\n" + output.suffix(2000))
        }
        return problems
    }
}
