// libFuzzer target over lesson files: an input is the text of one lesson file, parsed as the course
// folder reads it and checked as `jacobi lessons check` does (every demo line, question, expected answer
// and equivalent evaluated; derivation blocks are left to FuzzDerive). Lessons are shared between
// strangers, so a file is untrusted input. Built only when JACOBI_FUZZ is set; run it with
// FUZZ_TARGET=FuzzLessons Fuzz/run.sh (the course in Lessons/ is the seed corpus).
#if canImport(Glibc)
import Glibc
#endif
import LessonKit
import VectorLang

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    // On a large stack, as the jacobi binary runs: the deepest line the parser accepts is 20,000 levels.
    _ = try? LargeStack.run {
        let library = LessonLibrary(sources: [(file: "01-fuzz.md", text: text)])
        consume(library.errors.count + library.controlCharacters.count)
        let report = LessonChecker(derive: nil).check(library)
        consume(report.failures.count)
    }
    return 0
}

/// Keeps the optimiser from dropping the work whose results nobody reads.
@inline(never)
private func consume(_ value: Int) {
    if value < 0 { print(value) }
}

var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv, fuzz))
