import Foundation
import VectorLang
import XCTest

/// Inputs that once crashed the process (found by the fuzzer in `Fuzz/`, or by hand) must now come back
/// as outputs. Each file in `FuzzRegressions/` is one input, replayed as the fuzz target does: whole in a
/// fresh session, then line by line in fresh sessions, for people and as JSON. A crash here kills the
/// test process, which is the failure. `FuzzRegressions/README.md` says how the files are made.
///
/// The folder is read through `#filePath`, so Package.swift declares no resources (it only excludes the
/// folder from the target's sources).
final class FuzzRegressionTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("FuzzRegressions")

    /// Fails when the folder has moved or holds no inputs: replaying nothing would pass.
    func testSavedInputsReturn() throws {
        let files = try FileManager.default.contentsOfDirectory(at: Self.folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "txt" }.sorted { $0.path < $1.path }
        XCTAssertFalse(files.isEmpty, "no saved inputs (*.txt) in \(Self.folder.path)")
        for file in files {
            // Bytes as the fuzzer gave them: invalid UTF-8 is decoded lossily, as the fuzz target does.
            let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
            Self.replay(text)
        }
    }

    /// Inputs every robust evaluator must refuse with a message (and a caret), whatever else changes.
    func testNastyInputsGiveErrors() {
        let nasty = [
            String(repeating: "(", count: 1000) + "1" + String(repeating: ")", count: 1000),
            String(repeating: "[", count: 1000) + String(repeating: "]", count: 1000),
            String(repeating: "-", count: 5000) + "1",
            String(repeating: "x -> ", count: 500) + "x",
            String(repeating: "2^", count: 1000) + "2",
            "softmax(" + String(repeating: "exp(", count: 300) + "1" + String(repeating: ")", count: 301),
            "zeros(1e9)",
            "ones(1e5, 1e5)",
            "randn(1e5, 1e5)",
            "outer(ones(1e5), ones(1e5))",
            "ones(1e5) * ones(1e5)'",
            "ones(1e5) @ ones(1e5)'",
            "eye(1e300)",
            "linspace(0, 1, 1e300)",
            "zeros(nan)",
            "z = [1, 2]; z[1e300]",
            "z = [1, 2]; z[-1e300]",
            "z = [1, 2]; z[9223372036854775807]",
            "seed(1e300)",
            "f(x) = f(x); f(1)",
            "f(x) = f(f(x)); f(1)",
            "softmax(zeros(0))",
        ]
        for input in nasty {
            let outputs = Session(options: PrintOptions(), json: false).submit(input)
            guard case .error(let diagnostic, let source)? = outputs.last else {
                XCTFail("expected an error for \(input.prefix(60))…, got \(outputs)")
                continue
            }
            XCTAssertTrue(diagnostic.rendered(source: source).contains("^"), "no caret for \(input.prefix(60))")
        }
    }

    /// Inputs whose result may change as the language grows, but which must never crash.
    func testOddInputsReturn() {
        let odd = [
            "", " ", "#", ";;;", "\u{0}", "\u{FFFD}\u{FFFD}", "1e999", String(repeating: "9", count: 400),
            "1e-400", "-0", "0/0", "[1, 2] / 0", "zeros(0) @ zeros(0)", "zeros(1e4) @ zeros(1e4)", "x = ", "= 1",
            "f(1) = 2", "(a, a) -> a", "end", "z = [1, 2, 3]; z[end + 1]; z[2:1]; z[:]; z[:, :]",
            "A = [[1, 2], [3, 4]]; A[0, 0]; A[3, :]; A[:, 3]; A''''''",
            String(repeating: "f = x -> x; ", count: 200) + "f(1)",
            String(repeating: "a", count: 10_000),
            "softmax(naive_softmax([1000, 0]))", "log(-1)", "sqrt(-1)", "exp(1e308)", "tanh(nan)",
        ]
        for input in odd { Self.replay(input) }
    }

    /// Replays `text` as the fuzz target `Fuzz/FuzzParseEvaluate` does, rendering every diagnostic.
    static func replay(_ text: String) {
        exercise(Session(options: PrintOptions(), json: false), [text])
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.count > 1 {
            exercise(Session(options: PrintOptions(), json: false), lines)
            exercise(Session(options: PrintOptions(), json: true), lines)
        }
    }

    private static func exercise(_ session: Session, _ inputs: [String]) {
        for input in inputs {
            _ = Session.needsContinuation(input)
            for output in session.submit(input) {
                if case .error(let diagnostic, let source) = output {
                    _ = diagnostic.location(in: source)
                    XCTAssertFalse(diagnostic.rendered(source: source).isEmpty)
                }
            }
        }
    }
}
