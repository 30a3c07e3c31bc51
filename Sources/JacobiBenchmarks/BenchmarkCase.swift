import Foundation
import VectorLang

/// One operation timed through the evaluator, the way a person at the prompt runs it: the line is parsed
/// once, its inputs are bound as session variables, and each run evaluates the statement again.
struct BenchmarkCase: Sendable {
    let name: String
    /// What NumPy computes for the same case (Benchmarks/autodiff.py times it).
    let summary: String
    /// The line evaluated in each run.
    let line: String
    /// Binds the inputs.
    let setUp: @Sendable (Environment) -> Void
    /// A few numbers of the result, for the driver to compare with NumPy's.
    let check: @Sendable (Tensor) -> [String: Double]

    static let all: [BenchmarkCase] = [softmax, jacobianOfSoftmax, gradOfCrossEntropy, indexOuter, indexPartial, jacobianOfLambda, hessian]

    static func named(_ name: String) -> BenchmarkCase? { all.first { $0.name == name } }

    static let softmax = BenchmarkCase(
        name: "softmax", summary: "softmax of 10^7 scores", line: "softmax(x)",
        setUp: { $0.bind("x", to: .tensor(Tensor(vector: scores(count: 10_000_000)))) },
        check: { p in ["sum": p.scalars.reduce(0, +), "first": p.scalars[0], "last": p.scalars[p.count - 1]] })

    static let jacobianOfSoftmax = BenchmarkCase(
        name: "jacobian", summary: "jacobian(softmax, z), n = 2000", line: "jacobian(softmax, z)",
        setUp: { $0.bind("z", to: .tensor(Tensor(vector: scores(count: 2000)))) },
        check: { j in
            let n = j.shape[0]
            return ["j11": j.scalars[0], "j12": j.scalars[1], "trace": (0..<n).reduce(0) { $0 + j.scalars[$1 * n + $1] }]
        })

    /// Index notation as typed: two free indices, computed as arrays (one pass), not element by element.
    static let indexOuter = BenchmarkCase(
        name: "outer", summary: "z_i * z_j in index notation, n = 3000", line: "z_i * z_j",
        setUp: { $0.bind("z", to: .tensor(Tensor(vector: scores(count: 3000)))) },
        check: { t in
            let n = t.shape[0]
            return ["first": t.scalars[0], "corner": t.scalars[n - 1], "trace": (0..<n).reduce(0) { $0 + t.scalars[$1 * n + $1] }]
        })

    /// The softmax Jacobian typed in index notation: forward mode over arrays, not n² backward passes.
    static let indexPartial = BenchmarkCase(
        name: "partial", summary: "partial(exp(z_i) / sum_k(exp(z_k)), z_j), n = 1000",
        line: "partial(exp(z_i) / sum_k(exp(z_k)), z_j)",
        setUp: { $0.bind("z", to: .tensor(Tensor(vector: scores(count: 1000)))) }, check: matrixCheck)

    /// A Jacobian of a lambda (no closed form): one backward pass per row, written into one buffer.
    static let jacobianOfLambda = BenchmarkCase(
        name: "jacobian-lambda", summary: "jacobian(v -> exp(v) * 2, z), n = 3000", line: "jacobian(v -> exp(v) * 2, z)",
        setUp: { $0.bind("z", to: .tensor(Tensor(vector: scores(count: 3000)))) }, check: matrixCheck)

    /// A dense Hessian: the gradient traced, then one backward pass through it per row.
    static let hessian = BenchmarkCase(
        name: "hessian", summary: "hessian(v -> sum(exp(v)) * sum(v), z), n = 2000", line: "hessian(v -> sum(exp(v)) * sum(v), z)",
        setUp: { $0.bind("z", to: .tensor(Tensor(vector: scores(count: 2000)))) }, check: matrixCheck)

    /// The first row's first two entries and the trace of a square result.
    static func matrixCheck(_ m: Tensor) -> [String: Double] {
        let n = m.shape.first ?? 0
        guard n > 1 else { return [:] }
        return ["m11": m.scalars[0], "m12": m.scalars[1], "trace": (0..<n).reduce(0) { $0 + m.scalars[$1 * n + $1] }]
    }

    static let gradOfCrossEntropy = BenchmarkCase(
        name: "grad", summary: "grad(z -> cross_entropy(softmax(z), y), z), n = 10^6",
        line: "grad(z -> cross_entropy(softmax(z), y), z)",
        setUp: { environment in
            let n = 1_000_000
            environment.bind("z", to: .tensor(Tensor(vector: scores(count: n))))
            var y = [Double](repeating: 0, count: n)
            y[hotClass(n)] = 1
            environment.bind("y", to: .tensor(Tensor(vector: y)))
        },
        check: { g in
            ["first": g.scalars[0], "hot": g.scalars[hotClass(g.count)], "l1": g.scalars.reduce(0) { $0 + $1.magnitude }]
        })

    /// Any line, with the grad case's z and y, and p = softmax(z), bound.
    static func line(_ line: String, count n: Int) -> BenchmarkCase {
        BenchmarkCase(name: "line", summary: line, line: line, setUp: { environment in
            let z = scores(count: n)
            var y = [Double](repeating: 0, count: n)
            y[hotClass(n)] = 1
            environment.bind("z", to: .tensor(Tensor(vector: z)))
            environment.bind("y", to: .tensor(Tensor(vector: y)))
            let m = z.max() ?? 0
            let e = z.map { Foundation.exp($0 - m) }
            let total = e.reduce(0, +)
            environment.bind("p", to: .tensor(Tensor(vector: e.map { $0 / total })))
        }, check: { ["first": $0.scalars.first ?? .nan] })
    }

    /// Scores spread evenly over [−10, 10): 20·frac(i·φ) − 10, computed in the same order as the NumPy
    /// side's `20 * ((np.arange(n) * 0.6180339887498949) % 1.0) - 10`, so both get the same numbers.
    static func scores(count n: Int) -> [Double] {
        [Double](unsafeUninitializedCapacity: n) { buffer, initialized in
            for i in 0..<n { buffer[i] = 20 * (Double(i) * 0.6180339887498949).truncatingRemainder(dividingBy: 1) - 10 }
            initialized = n
        }
    }

    /// The target class of the grad case (0-based), as `n // 3` on the NumPy side.
    static func hotClass(_ n: Int) -> Int { n / 3 }
}
