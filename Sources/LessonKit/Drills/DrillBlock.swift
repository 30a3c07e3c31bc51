import Derivation

/// What a ```` ```jacobi drill ```` block asks for: a find-the-error drill on a catalog entry or an
/// expression, the same for every learner (its seed), with the kind of slip fixed if the author wants.
///
/// ```
/// topic: softmax            (a catalog name, or an expression; required)
/// wrt: z_j                  (for an expression)
/// seed: 7                   (default: one fixed by the block's place in the lesson)
/// slip: sign                (default: any that fits)
/// ```
public struct DrillSpec: Sendable, Equatable {
    public var topic: String?
    public var wrt: String?
    public var seed: UInt64
    public var slip: DrillSlip?
    /// The line of the opening fence.
    public var line: Int

    public init(topic: String?, wrt: String? = nil, seed: UInt64, slip: DrillSlip? = nil, line: Int) {
        self.topic = topic
        self.wrt = wrt
        self.seed = seed
        self.slip = slip
        self.line = line
    }

    static let fields = ["topic", "wrt", "seed", "slip"]

    /// Reads the block's `field: value` lines.
    static func parse(_ body: [(Int, String)], openedAt line: Int, file: String) throws(LessonDiagnostic) -> DrillSpec {
        func error(_ at: Int, _ message: String) -> LessonDiagnostic { LessonDiagnostic(file: file, line: at, message: message) }
        // Any two blocks of a course get different drills unless their authors give a seed.
        var spec = DrillSpec(topic: nil, seed: DrillSpec.seed(file: file, line: line), line: line)
        for (number, text) in body where !text.trimmed.isEmpty {
            guard let colon = text.firstIndex(of: ":") else {
                throw error(number, "expected 'field: value' in a jacobi drill block (\(fields.joined(separator: ", "))); got '\(text.trimmed)'")
            }
            let field = String(text[..<colon]).trimmed, value = String(text[text.index(after: colon)...]).trimmed
            switch field {
            case "topic": spec.topic = value
            case "wrt": spec.wrt = value
            case "seed":
                guard let n = UInt64(value) else { throw error(number, "the seed is a whole number from 0, such as 'seed: 7'; got '\(value)'") }
                spec.seed = n
            case "slip":
                guard let slip = DrillSlip(rawValue: value) else {
                    throw error(number, "unknown slip '\(value)'; expected one of: \(DrillSlip.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                spec.slip = slip
            default:
                throw error(number, "unknown field '\(field)' in a jacobi drill block; expected one of: \(fields.joined(separator: ", "))")
            }
        }
        guard spec.topic?.isEmpty == false else { throw error(line, "a jacobi drill block needs 'topic: NAME' (a catalog entry such as softmax, or an expression)") }
        return spec
    }

    /// FNV-1a of the file's name and the block's line: stable from run to run and machine to machine.
    static func seed(file: String, line: Int) -> UInt64 {
        let name = file.split(separator: "/").last.map(String.init) ?? file
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in (name + ":\(line)").utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash % 100_000
    }
}
