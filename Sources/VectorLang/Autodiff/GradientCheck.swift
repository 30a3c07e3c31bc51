/// `gradcheck`: the analytic derivative against central differences, reported as a teacher would.
///
/// Relative error per component is |a − n| / max(|a|, |n|, τ), with τ = 1e-6 × the largest magnitude
/// (at least 1e-6): central differences cannot resolve components smaller than that, so they are
/// compared on that scale rather than declared wrong. The verdict uses the usual scale (CS231n):
/// above 1e-2 wrong, 1e-2 to 1e-4 suspicious, 1e-4 to 1e-7 acceptable only near a kink, below 1e-7 good.
enum GradientCheck {
    static let entry = Builtin(
        "gradcheck", ["gradcheck(f, x)", "gradcheck(f, x, df)"],
        "Compares a derivative with central differences: automatic by default, or df(x) if you wrote one.",
        example: "gradcheck(softmax, [2, 1, 0.1], z -> diag(softmax(z) * (1 - softmax(z))))",
        category: .calculus, arity: 2...3, derivative: .unsupported("gradcheck reports; it is not a function to differentiate")
    ) { args in
        let f = try args.function(0)
        let x = try args.tensor(1)
        args.evaluator.kinks = []
        let fx = try args.call(f, with: [.tensor(x)], from: 0)
        guard let y = fx.numbers else {
            throw args.error("gradcheck needs a function that returns numbers, not a \(fx.kindDescription)", argument: 0)
        }
        let analytic: Tensor
        if args.count == 3 {
            let df = try args.function(2)
            guard let given = try args.call(df, with: [.tensor(x)], from: 2).numbers else {
                throw args.error("the derivative must return numbers", argument: 2)
            }
            analytic = given
        } else {
            let derivative = y.count == 1 ? Calculus.grad : Calculus.jacobian
            guard let exact = try args.evaluator.apply(derivative, [.function(f), .tensor(x)], ranges: args.ranges,
                                                       callRange: args.callRange).numbers else { return fx }
            analytic = exact
        }
        let columns = try FiniteDifferences.differences(args.dropping(2))
        let numeric = FiniteDifferences.rowMajor(columns, rows: y.count)
        guard analytic.count == numeric.count else {
            let expected = y.count == 1 ? Tensor.describe(shape: x.shape) : Tensor.describe(shape: [y.count, x.count])
            throw args.error("the derivative has \(analytic.count) numbers, but \(expected) was expected", argument: args.count == 3 ? 2 : 0,
                             note: y.count == 1 ? "a gradient has the shape of x" : "a Jacobian has a row per output and a column per input")
        }
        let report = Report(analytic: analytic.scalars, numeric: numeric, outputs: y.count, inputs: x.count,
                            kinks: args.evaluator.kinks.sorted())
        return .picture(Picture(lines: report.lines(ascii: false)))
    }

    struct Report {
        let analytic: [Double]
        let numeric: [Double]
        let outputs: Int
        let inputs: Int
        let kinks: [String]
        /// How many components the table lists; beyond this, only the worst.
        static let shown = 8

        var errors: [Double] {
            let scale = max(1e-6, 1e-6 * (analytic + numeric).reduce(0) { max($0, abs($1)) })
            return zip(analytic, numeric).map { a, n in
                if a == n { return 0 }
                guard a.isFinite, n.isFinite else { return .infinity }
                return abs(a - n) / max(abs(a), abs(n), scale)
            }
        }

        func label(_ k: Int) -> String {
            outputs == 1 ? "\(k + 1)" : "(\(k / inputs + 1), \(k % inputs + 1))"
        }

        func lines(ascii: Bool) -> [String] {
            let errors = errors
            let worst = errors.indices.max { errors[$0] < errors[$1] } ?? 0
            let order = shownComponents(errors)
            let what = outputs == 1 ? "gradient" : "Jacobian"
            var lines = ["gradcheck: \(what), analytic vs central differences"]
            let width = max(9, order.map { label($0).count }.max() ?? 0)
            lines.append(pad("component", width) + "  " + pad("analytic", 12) + "  " + pad("numeric", 12) + "  relative error")
            for k in order {
                lines.append(pad(label(k), width) + "  " + pad(Printer.format(number: analytic[k], precision: 6), 12) + "  "
                             + pad(Printer.format(number: numeric[k], precision: 6), 12) + "  " + Printer.format(number: errors[k], precision: 2))
            }
            if errors.count > order.count { lines.append("(the \(order.count) largest errors of \(errors.count) components, largest first)") }
            let e = errors.isEmpty ? 0 : errors[worst]
            lines.append("worst: component \(label(worst)), relative error \(Printer.format(number: e, precision: 2))")
            lines.append("verdict: " + verdict(e))
            for kink in kinks {
                lines.append("warning: x sits on a kink (\(kink)); there the derivative jumps, and central differences average the two sides")
            }
            return lines
        }

        /// Every component in order when all fit; otherwise the `shown` largest errors, largest first (ties
        /// by position), so the component that decides the verdict is always on the first row.
        func shownComponents(_ errors: [Double]) -> [Int] {
            guard errors.count > Report.shown else { return Array(errors.indices) }
            let ranked = errors.indices.sorted { errors[$0] > errors[$1] || (errors[$0] == errors[$1] && $0 < $1) }
            return Array(ranked.prefix(Report.shown))
        }

        func verdict(_ e: Double) -> String {
            if !kinks.isEmpty, e >= 1e-4 {
                return "disagrees (\(Printer.format(number: e, precision: 2))), as expected at a kink: both sides' slopes are right, and neither is the average"
            }
            switch e {
            case ..<1e-7: return "good (below 1e-7)"
            case ..<1e-4: return kinks.isEmpty ? "acceptable only near a kink (1e-7 to 1e-4); is there one near x?" : "acceptable near a kink (1e-7 to 1e-4)"
            case ..<1e-2: return "suspicious (1e-4 to 1e-2): probably a bug"
            default: return "wrong (above 1e-2): the derivative disagrees with finite differences"
            }
        }

        private func pad(_ s: String, _ width: Int) -> String {
            s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
        }
    }
}

extension Arguments {
    /// The same call without argument `i` (for reusing a kernel's helpers on the leading arguments).
    func dropping(_ i: Int) -> Arguments {
        guard i < values.count else { return self }
        var values = values, ranges = ranges
        values.remove(at: i)
        if i < ranges.count { ranges.remove(at: i) }
        return Arguments(name: name, values: values, ranges: ranges, callRange: callRange, evaluator: evaluator)
    }
}
