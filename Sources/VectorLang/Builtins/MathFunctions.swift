/// Elementary functions applied elementwise: exp, log, sqrt, abs.
enum MathFunctions {
    static let entries: [Builtin] = [
        map("exp", "exp(x)", "e to the power x, elementwise.", "exp([0, 1])") { _exp($0) },
        Builtin("log", ["log(x)", "log(x, b)"], "Natural logarithm, elementwise; log(x, b) is the logarithm in base b.",
                example: "log([1, 100], 10)", category: .elementwise, arity: 1...2) { args in
            let x = try args.tensor(0)
            if args.count == 1 { return .tensor(x.map(_log)) }
            return .tensor(try Broadcasting.combine(x, try args.tensor(1), args) { _log($0) / _log($1) })
        },
        map("sqrt", "sqrt(x)", "Square root, elementwise; negative numbers give NaN.", "sqrt([4, 9])") { $0.squareRoot() },
        map("abs", "abs(x)", "Absolute value, elementwise; its derivative at 0 is taken to be 0.", "abs([-1, 2])") { Swift.abs($0) },
    ]

    /// An entry for a function of one number applied to every element.
    static func map(
        _ name: String, _ signature: String, _ summary: String, _ example: String,
        category: Builtin.Category = .elementwise, _ f: @escaping @Sendable (Double) -> Double
    ) -> Builtin {
        Builtin(name, [signature], summary, example: example, category: category, arity: 1...1) { args in
            .tensor(try args.tensor(0).map(f))
        }
    }
}
