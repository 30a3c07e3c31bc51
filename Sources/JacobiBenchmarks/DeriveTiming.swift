import Derivation
import VectorLang

/// Time to derive a catalog entry with every step (the symbolic work only), and with the text rendered.
enum DeriveTiming {
    static func run(_ entry: CatalogEntry, runs: Int) -> [String: Any] {
        let clock = ContinuousClock()
        var derive: [Double] = [], render: [Double] = []
        var steps = 0
        for _ in 0..<(runs + 5) {
            let start = clock.now
            guard let d = try? entry.derive().result else { return ["case": entry.name, "error": "the entry does not derive"] }
            let derived = clock.now
            _ = DerivationText().render(d, title: entry.title, report: nil)
            let rendered = clock.now
            steps = d.steps.count
            derive.append(milliseconds(derived - start))
            render.append(milliseconds(rendered - start))
        }
        return ["case": entry.name, "steps": steps, "derive_ms": median(Array(derive.dropFirst(5))),
                "derive_and_render_ms": median(Array(render.dropFirst(5))), "runs": runs]
    }

    /// `jacobi derive NAME --at 'z=…'` in-process, with n scores bound to the entry's variable: the
    /// derivation, the numeric check of every step at those numbers, and the text with the values.
    static func run(_ entry: CatalogEntry, count n: Int, runs: Int) throws -> [String: Any] {
        let clock = ContinuousClock()
        var times: [Double] = []
        var agrees = false
        for _ in 0..<(runs + 1) {
            let start = clock.now
            let request = try entry.derive()
            // The entry's example binds its inputs; each vector of them is replaced by n scores.
            let session = Session()
            for line in request.example { _ = session.submit(line) }
            for name in session.environment.names where session.environment[name]?.numbers?.isVector == true {
                session.environment.bind(name, to: .tensor(Tensor(vector: BenchmarkCase.scores(count: n))))
            }
            let report = NumericCheck(environment: session.environment, request: request).report()
            _ = DerivationText().render(request.result, title: request.title, report: report)
            agrees = report.agrees
            times.append(milliseconds(clock.now - start))
        }
        return ["case": "derive-\(entry.name)", "n": n, "times_ms": Array(times.dropFirst()), "median_ms": median(Array(times.dropFirst())),
                "agrees": agrees]
    }

    static func milliseconds(_ d: Duration) -> Double {
        Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) * 1e-15
    }

    static func median(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        return s.isEmpty ? .nan : (s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2)
    }
}
