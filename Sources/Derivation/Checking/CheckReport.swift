import VectorLang

/// What checking a learner's derivations found, line by line.
public struct CheckReport: Sendable {
    /// One line of the file that is not blank or only a comment.
    public struct Line: Sendable {
        public enum Status: String, Sendable {
            case holds
            case wrong
            /// Equal to the line before it, which is wrong: right algebra from a wrong place.
            case followsFromWrong = "follows-from-wrong"
            case parseError = "parse-error"
        }

        public enum Role: Sendable { case setup, start, step }

        public let number: Int
        public let text: String
        public let role: Role
        public var status: Status
        /// At the first wrong line: every common slip that matches (empty: none does).
        public var slips: [Slip] = []
        /// At the first wrong line: where it and the line before it differ.
        public var whereDiffers: String?
        /// For a parse error: the diagnostic rendered with its caret under the line as written.
        public var problem: String?

        /// The diagnosis in words, at the first wrong line.
        public var diagnosis: String? {
            guard status == .wrong, problem == nil else { return nil }
            return slips.isEmpty ? "no common slip matches" : slips.map(\.description).joined(separator: "; ")
        }
    }

    public var lines: [Line] = []
    /// The file's line number of the first wrong step.
    public var firstWrong: Int?
    /// For the derivation holding the first wrong step: its start and set-up, to derive it again (`--explain`).
    public var wrongStart: (start: String, definitions: [String: Expr], facts: [String])?
    /// Something about the check as a whole (no derivation found, the learner's numbers break a fact).
    public var notes: [String] = []

    /// Every step holds and every line parses.
    public var allHold: Bool {
        !lines.isEmpty && lines.allSatisfy { $0.status == .holds }
    }
}
