// libFuzzer target over the whole pipeline of one session: lex, parse, evaluate, print, and render
// diagnostics with their caret. Built only when JACOBI_FUZZ is set (see the end of Package.swift);
// run it with Fuzz/run.sh.
//
// SwiftPM gives an executable target's main.swift the process's `main`, so libFuzzer's own `main` is
// not linked in; this file's top-level code hands control to libFuzzer's documented driver instead.
#if canImport(Glibc)
import Glibc
#endif
import VectorLang

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// One input: fed to a fresh session first whole (it may span lines, as a script's open brackets do),
/// then line by line, so the assignments and definitions of one line meet the next, also with `--json`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    // On a large stack, as the jacobi binary runs: the deepest line the parser accepts is 20,000 levels.
    _ = try? LargeStack.run { exerciseAll(text) }
    return 0
}

private func exerciseAll(_ text: String) {
    exercise(Session(options: PrintOptions(), json: false), [text])
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.count > 1 {
        exercise(Session(options: PrintOptions(), json: false), lines)
        exercise(Session(options: PrintOptions(), json: true), lines)
    }
}

private func exercise(_ session: Session, _ inputs: [String]) {
    for input in inputs {
        _ = Session.needsContinuation(input)
        for output in session.submit(input) {
            switch output {
            case .result(let text):
                consume(text.utf8.count)
            case .error(let diagnostic, let source):
                consume(diagnostic.location(in: source).line)
                consume(diagnostic.rendered(source: source).utf8.count)
            }
        }
    }
}

/// Keeps the optimiser from dropping the printing and rendering whose results nobody reads.
@inline(never)
private func consume(_ value: Int) {
    if value < 0 { print(value) }
}

var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv, fuzz))
