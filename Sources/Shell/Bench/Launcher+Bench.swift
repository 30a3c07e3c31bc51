extension Launcher {
    /// `jacobi bench [--budget TIME] [--setup LINE …] EXPR`: the setup lines run once, as `-e` runs
    /// them but without printing their values, then EXPR is timed as `:bench` times it; status 1 when a
    /// line fails.
    public static func bench(_ expression: String, budget: Duration, setup: [String], options: ShellOptions) -> Int32 {
        let shell = ShellSession(options: options)
        let runner = ScriptRunner(shell: shell, options: options)
        for (i, line) in setup.enumerated() {
            let quiet = shell.submit(line).filter { if case .result = $0 { false } else { true } }
            if runner.show(quiet, name: "--setup #\(i + 1)", firstLine: 1) != .succeeded { return 1 }
        }
        let outputs = BenchCommand.outputs(shell, expression: expression, budget: budget, source: expression, offset: 0)
        return runner.show(outputs, name: "bench", firstLine: 1) == .succeeded ? 0 : 1
    }
}
