import Derivation
import LessonKit

/// What `:drill` and `jacobi drill` were asked for: a topic (a catalog entry or an expression, or none
/// for one the seed picks), a variable for an expression, a seed, a kind of slip.
public struct DrillRequest: Sendable {
    public var topic: String?
    public var wrt: String?
    /// nil: a fresh one, said in the drill's introduction so the drill can be given again.
    public var seed: UInt64?
    public var slip: DrillSlip?

    public init(topic: String? = nil, wrt: String? = nil, seed: UInt64? = nil, slip: DrillSlip? = nil) {
        self.topic = topic
        self.wrt = wrt
        self.seed = seed
        self.slip = slip
    }

    /// `:drill`'s words: `[TOPIC] [wrt V] [--seed N] [--slip KIND]`, or why they cannot be read.
    static func parse(_ argument: String) -> Result<DrillRequest, DrillMaker.Failure> {
        var request = DrillRequest(), topic: [String] = []
        var words = argument.split(separator: " ", omittingEmptySubsequences: true).map(String.init)[...]
        while let word = words.popFirst() {
            switch word {
            case "--seed":
                guard let value = words.popFirst(), let n = UInt64(value) else {
                    return .failure(DrillMaker.Failure(message: "--seed takes a whole number from 0, as in :drill softmax --seed 7"))
                }
                request.seed = n
            case "--slip":
                guard let value = words.popFirst(), let slip = DrillSlip(rawValue: value) else {
                    return .failure(DrillMaker.Failure(message: "--slip takes one of: " + DrillSlip.allCases.map(\.rawValue).joined(separator: ", ")))
                }
                request.slip = slip
            case "wrt":
                guard let value = words.popFirst() else { return .failure(DrillMaker.Failure(message: "wrt takes a variable, as in wrt z_j")) }
                request.wrt = value
            default: topic.append(word)
            }
        }
        request.topic = topic.isEmpty ? nil : topic.joined(separator: " ")
        return .success(request)
    }

    /// The drill, with a fresh seed when none was given.
    func make() throws(DrillMaker.Failure) -> Drill {
        var generator = SystemRandomNumberGenerator()
        let seed = self.seed ?? UInt64.random(in: 1...99_999, using: &generator)
        return try DrillMaker.make(topic: topic, wrt: wrt, seed: seed, slip: slip)
    }
}

extension MetaCommand {
    /// `:drill [TOPIC] [wrt V] [--seed N] [--slip KIND]`: a find-the-error drill, run as a one-step lesson.
    static var drill: MetaCommand { MetaCommand(
        "drill", usage: ":drill [TOPIC] [--seed N]", "A find-the-error drill: a derivation with one planted slip; name the line, then the slip.",
        detail: [
            "TOPIC is a catalog entry (:derive --list shows them) or an expression with wrt, as in :drill sum_k(W_ik * x_k)^2 wrt x_j; with none, the seed picks an entry.",
            "The same --seed gives the same drill, so a class can share one. --slip KIND plants that kind: " + DrillSlip.allCases.map(\.rawValue).joined(separator: ", ") + ".",
            "Answer with the wrong line's number, then the slip's number or words; :hint narrows it down, :skip shows the answer. From the shell: jacobi drill [TOPIC] [--seed N] [--format json [--answers]].",
        ],
        group: .lessons, argument: .names { _ in Catalog.entries.filter { $0.wrt != nil }.map(\.name) }
    ) { shell, call in
        let drill: Drill
        switch DrillRequest.parse(call.argument) {
        case .failure(let problem): return [call.error(problem.message)]
        case .success(let request):
            do throws(DrillMaker.Failure) {
                drill = try request.make()
            } catch {
                return [call.error(error.message)]
            }
        }
        return shell.lessons.start(.drill(drill), next: nil, in: shell)
    } }
}
