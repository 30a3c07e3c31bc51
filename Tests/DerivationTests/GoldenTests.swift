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

    /// Typed in the REPL's notation: softmax regression's weight gradient, and the Hessian of a quadratic
    /// form (`--order 2`), at non-square numbers so a transpose would show.
    static let typed: [(name: String, input: String, wrt: String, order: Int, bindings: [String])] = [
        ("softmax-regression-weights", "cross_entropy(softmax(W @ x), y)", "W", 1,
         ["W = [[1, 2], [-1, 3], [0.5, 0]]", "x = [0.7, -0.4]", "y = [0, 1, 0]"]),
        ("quadratic-form-hessian", "x' @ A @ x", "x", 2, ["A = [[1, 2, 0], [-1, 3, 1], [0.5, 0, 2]]", "x = [0.3, -1.2, 0.8]"]),
    ]

    static func typedRequest(_ g: (name: String, input: String, wrt: String, order: Int, bindings: [String])) throws
        -> (Derivations.Request, NumericCheck.Report) {
        let session = Session()
        for line in g.bindings { _ = session.submit(line) }
        var options = Derivations.Options()
        options.reserved = Set(session.environment.names)
        for name in session.environment.names { if let t = session.environment[name]?.tensor { options.ranks[name] = t.rank } }
        var request = try Derivations.derive(g.input, wrt: g.wrt, options: options)
        if g.order == 2 { request = try Derivations.secondDerivative(of: request) }
        return (request, NumericCheck(environment: session.environment, request: request).report())
    }

    func testGoldenTypedDerivations() throws {
        let record = ProcessInfo.processInfo.environment["JACOBI_RECORD"] == "1"
        for g in Self.typed {
            let (request, report) = try Self.typedRequest(g)
            XCTAssertTrue(report.agrees, "\(g.name): \(report.problem ?? "")")
            for format in ["unicode", "ascii", "latex"] {
                let file = Self.folder.appendingPathComponent("\(g.name).\(format).txt")
                let text = switch format {
                case "unicode": DerivationText(ascii: false).render(request.result, title: request.title, report: report)
                case "ascii": DerivationText(ascii: true).render(request.result, title: request.title, report: report)
                default: DerivationLaTeX.render(request.result, title: request.title)
                }
                let actual = Self.masked(text + "\n")
                if actual != (try? String(contentsOf: file, encoding: .utf8)) {
                    if record { try actual.write(to: file, atomically: true, encoding: .utf8) }
                    XCTFail("\(g.name).\(format).txt differs (JACOBI_RECORD=1 rewrites it)")
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
}
