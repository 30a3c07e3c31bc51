import Derivation
import VectorLang

extension DeriveCommand {
    /// How a derivation ended. Anything but `.finished` is a failure: `jacobi derive` exits with 1,
    /// and `:derive` reports an error, so a script run with `--stop-on-error` stops there.
    public enum Verdict: Equatable, Sendable {
        /// Every derivative worked out, and the numeric check (if there were numbers) agreed.
        case finished
        /// The rules ran out with a derivative still pending.
        case noRuleApplies
        /// The rules kept firing until the step limit.
        case stepLimit
        /// A step differs from automatic differentiation, or the result from finite differences.
        case checkFailed

        /// A stop outranks a failed check: an unfinished derivation's check is about the steps it has.
        public init(complete: Bool, stoppedAtLimit: Bool, checkFailed: Bool) {
            if stoppedAtLimit {
                self = .stepLimit
            } else if !complete {
                self = .noRuleApplies
            } else {
                self = checkFailed ? .checkFailed : .finished
            }
        }

        /// A check failed only when it compared numbers: a report with no differences (nothing could be
        /// evaluated) says why in its own line and is not a failure of the derivation.
        init(_ derivation: DerivationResult, report: NumericCheck.Report) {
            self.init(complete: derivation.complete, stoppedAtLimit: derivation.stoppedAtLimit,
                      checkFailed: report.largestStepDifference != nil && !report.agrees)
        }

        /// What to tell a script about a derivation that did not finish well; nil when it did.
        public var failure: String? {
            switch self {
            case .finished: return nil
            case .noRuleApplies: return "the derivation is unfinished: no rule applies to what is left"
            case .stepLimit: return "the derivation is unfinished: the rules did not settle within the step limit"
            case .checkFailed: return "the numeric check failed: a step is not an equality at these numbers"
            }
        }
    }
}
