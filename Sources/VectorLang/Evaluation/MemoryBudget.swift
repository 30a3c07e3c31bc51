#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// How many bytes of numbers a session may hold: a request that would cross it is refused with its size,
/// where the process would otherwise be killed by the system (eight `ones(1e8)` on a 24 GB machine).
///
/// The budget counts what the session keeps (its variables and `ans`, a buffer shared by two names once)
/// plus the value about to be made; temporaries of one evaluation are bounded by the size of one value.
public struct MemoryBudget: Sendable, Equatable {
    public var bytes: Int
    /// Where the figure came from, said in the refusal ("half of this machine's 24 GB", "JACOBI_MEMORY").
    public var origin: String

    /// Values smaller than this (512 kB) are not counted against the budget before they are made: the
    /// check walks the session's names, and a loop over small values would pay it at every step.
    static let smallestChecked = 65_536

    public init(bytes: Int, origin: String) {
        self.bytes = bytes
        self.origin = origin
    }

    /// Half the memory this process may use: the machine's, or its control group's limit when lower.
    public static let machineDefault: MemoryBudget = {
        let pages = sysconf(Int32(_SC_PHYS_PAGES)), pageSize = sysconf(Int32(_SC_PAGESIZE))
        var available = pages > 0 && pageSize > 0 ? pages.multipliedReportingOverflow(by: pageSize).partialValue : 8 << 30
        var place = "this machine's"
        if let limit = controlGroupLimit(), limit < available {
            available = limit
            place = "this control group's"
        }
        return MemoryBudget(bytes: available / 2, origin: "half of \(place) \(MemoryBudget.describe(bytes: available))")
    }()

    /// The control group's memory limit (cgroup v2's memory.max; "max" is none), read with the C
    /// library: every `jacobi` reads it before its first prompt, and Foundation's file reading costs
    /// more there than the rest of the start-up after `main` together.
    static func controlGroupLimit() -> Int? {
        guard let file = fopen("/sys/fs/cgroup/memory.max", "r") else { return nil }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 64)
        guard fgets(&buffer, Int32(buffer.count), file) != nil else { return nil }
        let text = String(decoding: buffer.prefix { $0 != 0 && $0 != 10 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return Int(text)
    }

    /// Bytes from `2G`, `500M`, `1.5GB`, `64KiB` or a plain number of bytes: K, M, G, T are powers of
    /// 1000 (as in the figures Jacobi prints), KiB, MiB, GiB, TiB powers of 1024; nil for anything else.
    public static func parse(_ text: String) -> Int? {
        let trimmed = spacesTrimmed(Substring(text)).uppercased()
        let digits = trimmed.prefix { $0.isNumber || $0 == "." }
        guard let number = Double(digits), number.isFinite, number > 0 else { return nil }
        let unit = spacesTrimmed(trimmed.dropFirst(digits.count))
        let scales: [String: Double] = [
            "": 1, "B": 1, "K": 1e3, "KB": 1e3, "M": 1e6, "MB": 1e6, "G": 1e9, "GB": 1e9, "T": 1e12, "TB": 1e12,
            "KIB": 1024, "MIB": 1_048_576, "GIB": 1_073_741_824, "TIB": 1_099_511_627_776,
        ]
        guard let scale = scales[unit] else { return nil }
        let bytes = number * scale
        guard bytes >= 1, bytes < 9e18 else { return nil }
        return Int(bytes)
    }

    /// `text` without the spaces and tabs around it (as Foundation's `.whitespaces`, which the
    /// essentials of Foundation that Jacobi loads do not have).
    private static func spacesTrimmed(_ text: Substring) -> String {
        let isSpace = { (c: Character) in c.isWhitespace && !c.isNewline }
        return String(text.drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }

    /// `800 MB`, `1.2 GB`, `512 bytes`: three significant figures in powers of 1000.
    public static func describe(bytes: Int) -> String {
        let units: [(Double, String)] = [(1e12, "TB"), (1e9, "GB"), (1e6, "MB"), (1e3, "kB")]
        let x = Double(bytes)
        for (scale, name) in units where x >= scale {
            let scaled = x / scale
            let digits = scaled >= 100 ? 0 : scaled >= 10 ? 1 : 2
            // Rounded by hand rather than with String(format:): every start-up describes the default
            // budget, and Foundation's first formatted string costs more than the rest of the start-up.
            let power = [1.0, 10.0, 100.0][digits]
            let rounded = (scaled * power).rounded(.toNearestOrEven) / power
            var text = digits == 0 ? String(Int(rounded)) : "\(rounded)"
            if text.contains(".") {
                while text.hasSuffix("0") { text.removeLast() }
                if text.hasSuffix(".") { text.removeLast() }
            }
            return "\(text) \(name)"
        }
        return "\(bytes) bytes"
    }
}

extension Environment {
    /// The bytes of numbers the session's names keep, each buffer counted once (`y = x` shares x's).
    public var heldBytes: Int {
        var seen: Set<UnsafeRawPointer> = []
        var total = 0
        for name in names {
            guard let tensor = self[name]?.numbers else { continue }
            let start = tensor.scalars.withUnsafeBufferPointer { $0.baseAddress.map(UnsafeRawPointer.init) }
            if let start, !seen.insert(start).inserted { continue }
            total += tensor.scalars.count * MemoryLayout<Double>.stride
        }
        return total
    }
}

extension Evaluator {
    /// Refuses a value of `count` numbers that the session's budget cannot hold, before it is made.
    ///
    /// `shape` is said in the message, so the refusal says how large the value would have been.
    func reserve(_ count: Int, shape: [Int], at range: SourceRange) throws {
        guard count >= MemoryBudget.smallestChecked else { return }
        let (needed, overflow) = count.multipliedReportingOverflow(by: MemoryLayout<Double>.stride)
        let held = environment.heldBytes
        guard overflow || held + needed > memoryBudget.bytes else { return }
        let size = overflow ? "more than 9 EB" : MemoryBudget.describe(bytes: needed)
        throw Diagnostic(
            "not enough memory: this value would take \(size) (\(shape.map(String.init).joined(separator: "×")) numbers), and the session holds \(MemoryBudget.describe(bytes: held)) of its \(MemoryBudget.describe(bytes: memoryBudget.bytes)) budget",
            at: range, note: "the budget is \(memoryBudget.origin); --memory or JACOBI_MEMORY sets it (for example JACOBI_MEMORY=16G)",
            suggestion: held > 0 ? "free large variables with :clear NAME (:vars lists them), or :reset" : "compute it in smaller pieces")
    }

    /// Refuses a value a builtin has just made (one the size of its argument, as exp(a) is) that the
    /// budget cannot keep: it is dropped before the session holds it.
    func admit(_ made: Tensor, at range: SourceRange) throws {
        try reserve(made.count, shape: made.shape, at: range)
    }

    /// How many numbers one more value may have: the size limit, or less when the budget is nearly spent.
    var elementsAvailable: Int {
        let free = max(memoryBudget.bytes - environment.heldBytes, 0) / MemoryLayout<Double>.stride
        return min(Tensor.maximumCount, free)
    }
}
