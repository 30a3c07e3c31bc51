#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// `JACOBI_STARTUP_TRACE=1`: how long jacobi took to reach its first prompt, on standard error.
///
/// Two figures, as neither alone is the whole story: from `main` (precise, CLOCK_MONOTONIC, but
/// after the loader and the Swift runtime have run) and from the process's start (the kernel's
/// `starttime` in /proc/self/stat against CLOCK_BOOTTIME, so it includes them, but in clock ticks,
/// usually 10 ms). Benchmarks/startup.sh measures the same from outside, until the prompt appears.
public enum StartupTrace {
    /// Nanoseconds of CLOCK_MONOTONIC when `main` began; 0 until `markMain` runs.
    private static let mainEntry = Atomic<Int64>(0)

    /// Notes the time `main` began; the command line calls it first.
    public static func markMain() {
        mainEntry.store(nanoseconds(CLOCK_MONOTONIC), ordering: .relaxed)
    }

    static var isRequested: Bool {
        guard let value = getenv("JACOBI_STARTUP_TRACE") else { return false }
        return value.pointee != 0 && String(cString: value) != "0"
    }

    /// The report line, written when the REPL first asks for a line.
    static func report() -> String {
        let fromMain = Double(nanoseconds(CLOCK_MONOTONIC) - mainEntry.load(ordering: .relaxed)) / 1e6
        var line = "jacobi: startup: first prompt " + milliseconds(fromMain) + " after main()"
        if let sinceStart = processAge() {
            line += ", " + milliseconds(sinceStart * 1e3) + " after process start (/proc/self/stat, \(ticksPerSecond)-Hz ticks)"
        }
        return line + "\n"
    }

    private static func milliseconds(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction) ms"
    }

    private static var ticksPerSecond: Int { max(1, sysconf(Int32(_SC_CLK_TCK))) }

    /// Seconds since the kernel started this process, to a clock tick; nil when /proc cannot be read.
    static func processAge() -> Double? {
        guard let file = fopen("/proc/self/stat", "r") else { return nil }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 1024)
        guard fgets(&buffer, Int32(buffer.count), file) != nil else { return nil }
        let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // The command name (field 2) is in parentheses and may hold spaces; fields are counted after its ")".
        guard let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // starttime is field 22, the 20th after the name.
        guard fields.count > 19, let ticks = Double(fields[19]) else { return nil }
        let boot = Double(nanoseconds(CLOCK_BOOTTIME)) / 1e9
        return boot - ticks / Double(ticksPerSecond)
    }

    private static func nanoseconds(_ clock: clockid_t) -> Int64 {
        var now = timespec()
        clock_gettime(clock, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }
}

/// A line reader that writes the start-up report once, when the REPL first asks for a line, then
/// passes everything to the reader it wraps.
final class StartupTracingReader: LineReader {
    private let wrapped: LineReader
    private var reported = false

    init(wrapping wrapped: LineReader) { self.wrapped = wrapped }

    func read(prompt: String) -> LineEvent {
        if !reported {
            reported = true
            Terminal.writeError(StartupTrace.report())
        }
        return wrapped.read(prompt: prompt)
    }

    func remember(_ entry: String) { wrapped.remember(entry) }
    func close() { wrapped.close() }
}
