import Derivation
import Foundation
import VectorLang

// jacobi-bench: times Jacobi's side of Benchmarks/autodiff.sh in-process, and prints one JSON object.
//
//   jacobi-bench time CASE [RUNS] [WARMUP]   median wall time of evaluating the case's line (ContinuousClock)
//   jacobi-bench memory CASE                  peak memory that evaluating the case adds, beside its result's size
//   jacobi-bench list                         the case names
//   jacobi-bench derive NAME [RUNS]          median time to derive a catalog entry with all its steps, and to render it
//   jacobi-bench derive-at NAME N [RUNS]      jacobi derive NAME --at 'z=…' (N scores): derive, check every step, render
//   jacobi-bench line LINE [N] [RUNS]         times any line, with z (N scores, default 10^6), a one-hot y
//                                             and p = softmax(z) bound: for profiling the steps of a case

let arguments = Array(CommandLine.arguments.dropFirst())

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("jacobi-bench: \(message)\n".utf8))
    exit(2)
}

func printJSON(_ object: [String: Any]) {
    guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { fail("cannot encode the result") }
    print(String(decoding: data, as: UTF8.self))
}

switch arguments.first {
case "list":
    for c in BenchmarkCase.all { print("\(c.name)\t\(c.summary)\t\(c.line)") }
case "time":
    guard arguments.count >= 2, let benchmark = BenchmarkCase.named(arguments[1]) else {
        fail("usage: jacobi-bench time \(BenchmarkCase.all.map(\.name).joined(separator: "|")) [RUNS] [WARMUP]")
    }
    let runs = arguments.count > 2 ? Int(arguments[2]) ?? 20 : 20
    let warmup = arguments.count > 3 ? Int(arguments[3]) ?? 3 : 3
    do {
        printJSON(try Timing.run(benchmark, runs: runs, warmup: warmup))
    } catch {
        fail("\(benchmark.line): \(error)")
    }
case "line":
    guard arguments.count >= 2 else { fail("usage: jacobi-bench line LINE [N] [RUNS]") }
    let n = arguments.count > 2 ? Int(arguments[2]) ?? 1_000_000 : 1_000_000
    let runs = arguments.count > 3 ? Int(arguments[3]) ?? 20 : 20
    do {
        printJSON(try Timing.run(BenchmarkCase.line(arguments[1], count: n), runs: runs, warmup: 3))
    } catch {
        fail("\(arguments[1]): \(error)")
    }
case "derive":
    guard arguments.count >= 2, let entry = Catalog.entry(named: arguments[1]) else {
        fail("usage: jacobi-bench derive \(Catalog.names.joined(separator: "|")) [RUNS]")
    }
    let runs = arguments.count > 2 ? Int(arguments[2]) ?? 200 : 200
    printJSON(DeriveTiming.run(entry, runs: runs))
case "derive-at":
    guard arguments.count >= 3, let entry = Catalog.entry(named: arguments[1]), let n = Int(arguments[2]) else {
        fail("usage: jacobi-bench derive-at \(Catalog.names.joined(separator: "|")) N [RUNS]")
    }
    let runs = arguments.count > 3 ? Int(arguments[3]) ?? 5 : 5
    do {
        printJSON(try DeriveTiming.run(entry, count: n, runs: runs))
    } catch {
        fail("derive \(entry.name): \(error)")
    }
case "memory":
    guard arguments.count >= 2, let benchmark = BenchmarkCase.named(arguments[1]) else {
        fail("usage: jacobi-bench memory \(BenchmarkCase.all.map(\.name).joined(separator: "|"))")
    }
    do {
        printJSON(try PeakMemory.measure(benchmark))
    } catch {
        fail("\(benchmark.line): \(error)")
    }
default:
    fail("usage: jacobi-bench time CASE [RUNS] [WARMUP] | derive NAME [RUNS] | derive-at NAME N [RUNS] | memory CASE | list | line LINE [N] [RUNS]")
}
