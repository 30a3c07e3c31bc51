import VectorLang

extension MetaCommand {
    static var bench: MetaCommand {
        MetaCommand("bench", usage: ":bench [--budget TIME] EXPR", "Times EXPR over many runs: median, spread and memory.",
                    detail: ["Runs EXPR once to warm up, then in batches for about a second (--budget 3s, 500ms):",
                             "the median time per run, the interquartile range (middle half of the samples), min and max,",
                             "and the bytes held after a run. Ctrl-C stops it. :time runs once and shows the value.",
                             "Example: :bench softmax(randn(1000))"],
                    argument: .expression) { shell, call in
            let argumentStart = call.argumentRange.start
            switch BenchCommand.splitBudget(call.argument) {
            case .failure(let problem):
                let range = SourceRange(argumentStart + problem.start, argumentStart + problem.end)
                return [.error(Diagnostic(problem.message, at: range, suggestion: "type :bench --budget 3s softmax(randn(1000))"), source: call.source)]
            case .success(let (budget, expressionStart)):
                let expression = String(String.UnicodeScalarView(call.argument.unicodeScalars.dropFirst(expressionStart)))
                guard !expression.isEmpty else {
                    return [call.error(":bench needs an expression to time", suggestion: "type :bench softmax(randn(1000))")]
                }
                return BenchCommand.outputs(shell, expression: expression, budget: budget, source: call.source,
                                            offset: argumentStart + expressionStart)
            }
        }
    }
}
