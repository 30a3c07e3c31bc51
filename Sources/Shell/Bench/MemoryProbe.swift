import CMallocInfo
#if canImport(Glibc)
import Glibc
#endif

/// Readings of the process's memory, as glibc and the kernel keep them.
///
/// Neither says how many bytes a run allocated in all: `mallinfo2` counts the bytes in use now, so what
/// an evaluation allocates and frees again is invisible to it, and `ru_maxrss` is a high-water mark
/// that only rises once the process goes past its earlier peak. What they can say honestly is what
/// `:bench` reports: the bytes still held after a run (its result, bound to `ans`) and how far the peak
/// resident set rose during the runs.
enum MemoryProbe {
    /// Bytes malloc has handed out and not had back: small blocks in the arenas (`uordblks`) plus
    /// blocks of their own mapping (`hblkhd`, large arrays); nil where glibc's mallinfo2 is missing.
    static func bytesInUse() -> Int? {
        let bytes = jacobi_malloc_bytes_in_use()
        return bytes < 0 ? nil : Int(bytes)
    }

    /// The peak resident set size of the process so far, in bytes (Linux reports kilobytes).
    static func peakResidentBytes() -> Int? {
        #if canImport(Glibc)
        var usage = rusage()
        guard getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage) == 0 else { return nil }
        return Int(usage.ru_maxrss) * 1024
        #else
        return nil
        #endif
    }
}
