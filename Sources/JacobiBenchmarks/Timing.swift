import Foundation
import VectorLang

enum Timing {
    /// `runs` timed evaluations of the case's line, after `warmup` untimed ones.
    ///
    /// The line is parsed once; each evaluation goes through `Evaluator.execute`, so it includes what a
    /// prompt would do (name lookup, argument checks, binding `ans`) but not parsing or printing.
    static func run(_ benchmark: BenchmarkCase, runs: Int, warmup: Int) throws -> [String: Any] {
        let evaluator = Evaluator()
        benchmark.setUp(evaluator.environment)
        let statements = try Parser.parse(benchmark.line)
        var result: Tensor?
        let clock = ContinuousClock()
        var times: [Double] = [], faults: [Int] = []
        for run in 0..<(warmup + max(1, runs)) {
            let faultsBefore = minorFaults()
            let start = clock.now
            for statement in statements {
                if case .value(let value) = try evaluator.execute(statement, in: benchmark.line) { result = value.numbers }
            }
            let elapsed = clock.now - start
            if run >= warmup {
                times.append(milliseconds(elapsed))
                faults.append(minorFaults() - faultsBefore)
            }
        }
        return [
            "case": benchmark.name, "line": benchmark.line, "times_ms": times, "median_ms": median(times),
            "page_faults": median(faults.map(Double.init)), "check": result.map(benchmark.check) ?? [:],
        ]
    }

    static func median(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    /// Minor page faults so far: first touches of fresh memory, about a microsecond per 4 KiB page.
    static func minorFaults() -> Int { resourceUsage().ru_minflt }

    static func milliseconds(_ d: Duration) -> Double {
        let (seconds, attoseconds) = d.components
        return Double(seconds) * 1e3 + Double(attoseconds) * 1e-15
    }
}
