import Foundation
import VectorLang
@testable import LessonKit

/// Where the course and the fixtures live, found from this file's path (they are data, not resources).
enum Paths {
    static let tests = String(#filePath.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/"))
    static let root = String(tests.split(separator: "/", omittingEmptySubsequences: false).dropLast(2).joined(separator: "/"))
    static let lessons = root + "/Lessons"
    static let fixtures = tests + "/Fixtures"

    /// A program SwiftPM built with the tests: beside the test bundle, or in the package's `.build/debug`.
    static func executable(named name: String) -> String? {
        var candidates: [String] = []
        if let bundle = CommandLine.arguments.first, let slash = bundle.lastIndex(of: "/") {
            candidates.append(String(bundle[...slash]) + name)
        }
        candidates.append(root + "/.build/debug/" + name)
        return candidates.first { access($0, X_OK) == 0 }
    }
}

/// A stand-in for the derivation engine: it knows the catalog's names and writes a header, a start,
/// two steps and a check, which a lesson reveals in three blocks (`reveals`).
///
/// The names are the ones the engine's catalog promises to have; a lesson that names anything else
/// fails here before it fails in front of a learner.
enum FakeDerivations {
    static let catalog: Set<String> = [
        "softmax", "softmax-log-derivative", "log_softmax", "logsumexp", "logsumexp-hessian", "cross-entropy-softmax",
        "sigmoid", "tanh", "relu", "leaky_relu", "softsign", "softplus", "bce-sigmoid", "mse-softmax",
        "softmax-temperature", "shift-invariance", "softmax-columns-sum-to-zero", "softmax-layer-weights", "softmax-batch",
    ]

    struct Unknown: Error, CustomStringConvertible {
        let name: String
        var description: String { "'\(name)' is not in the catalog" }
    }

    static var provider: DerivationProvider {
        { arguments, _ in
            let name = String(arguments.split(separator: " ").first ?? "")
            guard catalog.contains(name) else { throw Unknown(name: name) }
            return DerivationBlocks(header: ["derivation of \(name)"], steps: [["  start"], ["[1] a rule", "  = a step"], ["[2] a rule", "  = the result"]],
                                    footer: ["check: fine"])
        }
    }
}

/// What `FakeDerivations` reveals, block by block.
enum FakeBlocks {
    static let first = ["derivation of softmax", "  start"]
    static let second = ["[1] a rule", "  = a step"]
    static let last = ["[2] a rule", "  = the result", "check: fine"]
}

extension LessonParser {
    /// Parses or fails the test with the format error.
    static func parseForTest(_ text: String, file: String = "test.md") throws -> Lesson {
        try parse(text, file: file)
    }
}
