import VectorLang

/// `:bench [--budget TIME] EXPR` and `jacobi bench`: runs a `Bench` and says what it measured.
enum BenchCommand {
    /// The timing of `expression`, which starts `offset` scalars into `source` (where errors point).
    static func outputs(_ shell: ShellSession, expression: String, budget: Duration, source: String, offset: Int) -> [ShellSession.Output] {
        switch Bench(session: shell.session, budget: budget).run(expression) {
        case .failure(var diagnostic):
            diagnostic.range = diagnostic.range.shifted(by: offset)
            // As for any line: an "interrupted" with Ctrl-C's flag up is the notice, not an error.
            return shell.shellOutputs([.error(diagnostic, source: source)])
        case .success(let report):
            return shell.shellOutputs([]) + lines(report, ascii: shell.options.ascii).map { .info($0) }
        }
    }

    /// The report, three lines: time per run with its spread, how many runs, and memory.
    static func lines(_ report: Bench.Report, ascii: Bool) -> [String] {
        let time = { (seconds: Double) in TimeFormat.string(.nanoseconds(Int64((seconds * 1e9).rounded())), ascii: ascii) }
        let s = report.statistics
        let samples = s.sampleCount == 1 ? "1 sample" : "\(s.sampleCount) samples"
        let runs = report.runsPerSample == 1 ? "1 run" : "\(report.runsPerSample) runs"
        var memory: [String] = []
        if let held = report.heldBytes {
            memory.append("\(bytes(held)) held after a run (malloc bytes in use, mallinfo2: what a run frees again is not counted)")
        } else {
            memory.append("bytes held not measured (no mallinfo2)")
        }
        if let rise = report.peakRise { memory.append("peak RSS rose \(bytes(rise))") }
        return [
            "median \(time(s.median)) per run, IQR \(time(s.lowerQuartile)) to \(time(s.upperQuartile)), min \(time(s.minimum)), max \(time(s.maximum))",
            "\(report.totalRuns) runs: \(samples) of \(runs) each, after 1 warm-up run and 1 for memory",
            "memory: " + memory.joined(separator: "; "),
        ]
    }

    /// Bytes in binary units, to three significant digits: `512 B`, `7.81 KiB`, `7.63 MiB`.
    static func bytes(_ count: Int) -> String {
        let magnitude = Double(count.magnitude)
        let sign = count < 0 ? "-" : ""
        guard magnitude >= 1024 else { return "\(count) B" }
        let units = ["KiB", "MiB", "GiB", "TiB"]
        var value = magnitude / 1024, unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return sign + Printer.format(number: value, precision: 3) + " " + units[unit]
    }

    /// Splits `--budget TIME` (or `--budget=TIME`) off the front of `:bench`'s argument.
    ///
    /// Returns the budget and where the expression starts in `argument` (in Unicode scalars), or the
    /// message and the scalar range, within `argument`, of what is wrong.
    static func splitBudget(_ argument: String) -> Result<(budget: Duration, expressionStart: Int), BudgetError> {
        let scalars = Array(argument.unicodeScalars)
        let flag = Array("--budget".unicodeScalars)
        guard scalars.starts(with: flag) else { return .success((BenchBudget.standard, 0)) }
        var valueStart = flag.count
        if valueStart < scalars.count, scalars[valueStart] == "=" {
            valueStart += 1
        } else {
            guard valueStart < scalars.count, scalars[valueStart] == " " || scalars[valueStart] == "\t" else {
                return .failure(BudgetError(message: "--budget needs a time", start: 0, end: flag.count))
            }
            while valueStart < scalars.count, scalars[valueStart] == " " || scalars[valueStart] == "\t" { valueStart += 1 }
        }
        var valueEnd = valueStart
        while valueEnd < scalars.count, scalars[valueEnd] != " ", scalars[valueEnd] != "\t" { valueEnd += 1 }
        let value = String(String.UnicodeScalarView(scalars[valueStart..<valueEnd]))
        guard let budget = BenchBudget.parse(value) else {
            let message = value.isEmpty ? "--budget needs a time" : "--budget takes \(BenchBudget.accepted), got '\(value)'"
            return .failure(BudgetError(message: message, start: value.isEmpty ? 0 : valueStart, end: value.isEmpty ? flag.count : valueEnd))
        }
        var expressionStart = valueEnd
        while expressionStart < scalars.count, scalars[expressionStart] == " " || scalars[expressionStart] == "\t" { expressionStart += 1 }
        return .success((budget, expressionStart))
    }

    struct BudgetError: Error {
        let message: String
        let start: Int
        let end: Int
    }
}
