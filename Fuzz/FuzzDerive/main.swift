// libFuzzer target over the derivation engine: parse → derive → render in every format → check at the
// numbers. Built only when JACOBI_FUZZ is set (see the end of Package.swift); run it with
// FUZZ_TARGET=FuzzDerive Fuzz/run.sh.
//
// An input is an expression on its first line, the variable on the second (empty: the engine chooses),
// and lines of Jacobi input after that which bind the numbers (`z = [1, 2]`), as `--at` does.
#if canImport(Glibc)
import Glibc
#endif
import Derivation
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
    _ = try? LargeStack.run { derive(text) }
    return 0
}

private func derive(_ text: String) {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard let subject = lines.first else { return }
    let wrt = lines.count > 1 && !lines[1].isEmpty ? lines[1] : nil
    let session = Session()
    for line in lines.dropFirst(2).prefix(8) { _ = session.submit(line) }
    var options = Derivations.Options()
    options.reserved = Set(session.environment.names)
    options.assumptions = lines.dropFirst(2).filter { $0.hasPrefix("assume ") }.map { String($0.dropFirst(7)) }
    guard let request = try? Derivations.derive(subject, wrt: wrt, options: options) else { return }
    let report = NumericCheck(environment: session.environment, request: request).report()
    consume(DerivationText(ascii: false).render(request.result, title: request.title, report: report).utf8.count)
    consume(DerivationText(ascii: true).render(request.result, title: request.title, report: report).utf8.count)
    consume(DerivationJSON.render(request.result, name: request.name, report: report).utf8.count)
    consume(DerivationLaTeX.render(request.result, title: request.title).utf8.count)
    consume(DerivationMarkdown.render(request.result, title: request.title, report: report).utf8.count)
}

/// Keeps the optimiser from dropping the rendering whose results nobody reads.
@inline(never)
private func consume(_ value: Int) {
    if value < 0 { print(value) }
}

var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv, fuzz))
