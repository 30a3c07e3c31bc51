import Foundation
import VectorLang

// jacobi-bench: times Jacobi's side of Benchmarks/autodiff.sh in-process, and prints one JSON object.
//
//   jacobi-bench time CASE [RUNS] [WARMUP]   median wall time of evaluating the case's line (ContinuousClock)
//   jacobi-bench memory [N]                   peak memory that softmax of N scores adds (default 10^7)
//   jacobi-bench list                         the case names

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
case "memory":
    let n = arguments.count > 1 ? Int(arguments[1]) ?? 10_000_000 : 10_000_000
    do {
        printJSON(try PeakMemory.softmax(count: n))
    } catch {
        fail("softmax(x): \(error)")
    }
default:
    fail("usage: jacobi-bench time CASE [RUNS] [WARMUP] | memory [N] | list")
}
