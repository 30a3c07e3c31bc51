import Foundation
import VectorLang

/// How much memory a case adds at its peak, above the inputs it was given.
///
/// On Linux, writing 5 to /proc/self/clear_refs resets the process's high-water mark of resident memory
/// (VmHWM) to its current size; after the call, VmHWM − the resident size before it is the peak that the
/// call added, output included. Elsewhere, the same difference is taken from getrusage's ru_maxrss, which
/// is right only when nothing before the call used more memory than the call does.
enum PeakMemory {
    /// The peak that evaluating `benchmark`'s line adds above its bound inputs, output included, beside
    /// the size of the output: a result's own memory is the least any method can use.
    static func measure(_ benchmark: BenchmarkCase) throws -> [String: Any] {
        let evaluator = Evaluator()
        // Inputs built in place, with no temporary copy, so the baseline is the inputs and the process itself.
        benchmark.setUp(evaluator.environment)
        let statements = try Parser.parse(benchmark.line)
        let method: String
        let before = residentKilobytes("VmRSS")
        let baseline: Int
        if resetHighWaterMark(), let before {
            method = "VmHWM after resetting it with /proc/self/clear_refs, minus VmRSS before"
            baseline = before
        } else {
            method = "getrusage ru_maxrss after, minus before"
            baseline = maximumResidentKilobytes()
        }
        var result: Tensor?
        for statement in statements {
            if case .value(let value) = try evaluator.execute(statement, in: benchmark.line) { result = value.numbers }
        }
        let peak = residentKilobytes("VmHWM") ?? maximumResidentKilobytes()
        let resultMB = Double((result?.count ?? 0) * MemoryLayout<Double>.size) / 1e6
        let extraMB = Double(peak - baseline) * 1024 / 1e6
        return [
            "case": benchmark.name, "line": benchmark.line, "result_mb": resultMB, "extra_mb": extraMB,
            "extra_over_result": resultMB > 0 ? extraMB / resultMB : Double.nan, "method": method,
            "check": result.map(benchmark.check) ?? [:],
        ]
    }

    /// A field of /proc/self/status in kB (VmRSS: resident now; VmHWM: the high-water mark).
    static func residentKilobytes(_ field: String) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix(field + ":") {
            return Int(line.dropFirst(field.count + 1).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "")
        }
        return nil
    }

    static func resetHighWaterMark() -> Bool {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? handle.close() }
        return (try? handle.write(contentsOf: Data("5".utf8))) != nil
    }

    static func maximumResidentKilobytes() -> Int { resourceUsage().ru_maxrss }
}

/// getrusage for this process.
func resourceUsage() -> rusage {
    var usage = rusage()
    #if canImport(Glibc)
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    return usage
}
