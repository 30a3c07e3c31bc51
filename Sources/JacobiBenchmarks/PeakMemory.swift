import Foundation
import VectorLang

/// How much memory `softmax(x)` adds at its peak, above the input it was given.
///
/// On Linux, writing 5 to /proc/self/clear_refs resets the process's high-water mark of resident memory
/// (VmHWM) to its current size; after the call, VmHWM − the resident size before it is the peak that the
/// call added, output included. Elsewhere, the same difference is taken from getrusage's ru_maxrss, which
/// is right only when nothing before the call used more memory than the call does.
enum PeakMemory {
    static func softmax(count n: Int) throws -> [String: Any] {
        let evaluator = Evaluator()
        // Built in place, with no temporary copy, so the baseline is the input and the process itself.
        evaluator.environment.bind("x", to: .tensor(Tensor(vector: BenchmarkCase.scores(count: n))))
        let line = "softmax(x)"
        let statements = try Parser.parse(line)
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
        var checksum = 0.0
        for statement in statements {
            if case .value(let value) = try evaluator.execute(statement, in: line) { checksum = value.numbers?.scalars.reduce(0, +) ?? .nan }
        }
        let peak = residentKilobytes("VmHWM") ?? maximumResidentKilobytes()
        let inputMB = Double(n * MemoryLayout<Double>.size) / 1e6
        let extraMB = Double(peak - baseline) * 1024 / 1e6
        return [
            "case": "softmax-memory", "n": n, "input_mb": inputMB, "extra_mb": extraMB, "extra_over_input": extraMB / inputMB,
            "method": method, "check": ["sum": checksum],
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
