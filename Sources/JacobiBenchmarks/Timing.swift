import Foundation
import VectorLang

enum Timing {
    /// The median of `runs` timed evaluations of the case's line, after `warmup` untimed ones.
    ///
    /// The line is parsed once; each evaluation goes through `Evaluator.execute`, so it includes what a
    /// prompt would do (name lookup, argument checks, binding `ans`) but not parsing or printing.
    static func run(_ benchmark: BenchmarkCase, runs: Int, warmup: Int) throws -> [String: Any] {
        let evaluator = Evaluator()
        benchmark.setUp(evaluator.environment)
        let statements = try Parser.parse(benchmark.line)
        var result: Tensor?
        let clock = ContinuousClock()
        var times: [Double] = []
        var faults: [Int] = []
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
        faults.sort()
        times.sort()
        let median = times.count % 2 == 1 ? times[times.count / 2] : (times[times.count / 2 - 1] + times[times.count / 2]) / 2
        return [
            "case": benchmark.name, "line": benchmark.line, "median_ms": median, "min_ms": times[0],
            "max_ms": times[times.count - 1], "runs": times.count, "page_faults": faults[faults.count / 2], "check": result.map(benchmark.check) ?? [:],
        ]
    }

    /// Minor page faults so far: first touches of fresh memory, which cost about a microsecond per 4 KiB page here.
    static func minorFaults() -> Int {
        var usage = rusage()
        #if canImport(Glibc)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        return usage.ru_minflt
    }

    static func milliseconds(_ d: Duration) -> Double {
        let (seconds, attoseconds) = d.components
        return Double(seconds) * 1e3 + Double(attoseconds) * 1e-15
    }
}
