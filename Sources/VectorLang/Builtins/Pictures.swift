/// The drawing builtins: `bar`, `heatmap` and `plot` return a picture value, drawn when it is printed.
///
/// They are ordinary builtins, so they work at the prompt, in scripts and with `jacobi -e`; the
/// picture is drawn for the width and character set of wherever it is shown (see `Picture`). The
/// renderers live in `Printing/Pictures` and know nothing of the evaluator; only sampling a function,
/// which needs to call it, happens here.
enum Pictures {
    static let entries: [Builtin] = [bar, heatmap, plot]

    static let notDifferentiable = Derivative.unsupported("it draws a picture, which is not a number")

    static let bar = Builtin(
        "bar", ["bar(v)"], "Draws a vector as horizontal bars labelled with their indices and values.",
        example: "bar(softmax([2, 1, 0.1]))", category: .picture, arity: 1...1, derivative: notDifferentiable
    ) { args in
        let v = try args.tensor(0)
        guard v.rank <= 1 else {
            throw args.error("bar expects a vector here, got a \(Tensor.describe(shape: v.shape))", argument: 0,
                             suggestion: "draw one row with bar(A[1, :]), or the whole matrix with heatmap(A)")
        }
        let chart = BarChart(values: v.scalars)
        return .picture(Picture { chart.render($0) })
    }

    static let heatmap = Builtin(
        "heatmap", ["heatmap(A)"],
        "Draws a matrix as cells with row and column indices: red positive, blue negative (without colour, shades and dashes).",
        example: "heatmap(jacobian(softmax, [2, 1, 0.1]))", category: .picture, arity: 1...1, derivative: notDifferentiable
    ) { args in
        let a = try args.tensor(0)
        guard a.rank >= 1 else {
            throw args.error("heatmap expects a matrix here, got a scalar", argument: 0, suggestion: "heatmap([[1, -1], [-1, 1]])")
        }
        guard a.count > 0 else { throw args.error("heatmap needs at least one element; this \(Tensor.describe(shape: a.shape)) is empty", argument: 0) }
        let map = Heatmap(matrix: a)
        return .picture(Picture(tinted: { map.render($0) }))
    }

    static let plot = Builtin(
        "plot", ["plot(f, a, b)", "plot([f, g], a, b)", "plot(f)"],
        "Draws functions of one variable as curves over [a, b] (default [-5, 5]), with axes, ticks and a legend.",
        example: "plot([sigmoid, x -> sigmoid(x) * (1 - sigmoid(x))], -6, 6)", category: .picture, arity: 1...3,
        derivative: notDifferentiable
    ) { args in
        guard args.count != 2 else {
            throw args.error("plot needs both ends of the interval, or neither", suggestion: "plot(f, -5, 5)")
        }
        let (a, b) = args.count == 3 ? (try args.scalar(1), try args.scalar(2)) : (-5.0, 5.0)
        guard a.isFinite, b.isFinite, a < b, (b - a).isFinite else {
            throw args.error("plot needs finite ends with a < b, got [\(NumberFormat.scalar(a, precision: 4)), \(NumberFormat.scalar(b, precision: 4))]",
                             argument: args.count == 3 ? 1 : nil)
        }
        let functions = try plotted(args)
        let series = try functions.map { f in
            LinePlot.Series(name: legendName(f), ys: try sample(f, from: a, to: b, args))
        }
        guard series.contains(where: { $0.ys.contains(where: \.isFinite) }) else {
            throw args.error("nothing to draw: the function has no finite value on [\(NumberFormat.scalar(a, precision: 4)), \(NumberFormat.scalar(b, precision: 4))]",
                             argument: 0)
        }
        let chart = LinePlot(series: series, a: a, b: b)
        return .picture(Picture { chart.render($0) })
    }

    /// Most curves in one plot: beyond four the markers no longer tell them apart.
    static let maximumCurves = 4
    /// Points sampled on [a, b]: two per braille dot column of the widest plot.
    static let sampleCount = 4 * LinePlot.maximumWidth + 1

    /// The first argument as a list of functions: `f`, or `[f, g]`.
    private static func plotted(_ args: Arguments) throws -> [Function] {
        guard case .list(let items) = args.values[0] else { return [try args.function(0)] }
        guard !items.isEmpty, items.count <= maximumCurves else {
            throw args.error("plot draws 1 to \(maximumCurves) functions, got \(items.count)", argument: 0)
        }
        return try items.map { item in
            guard case .function(let f) = item else {
                throw args.error("plot expects a list of functions here, but it holds a \(item.kindDescription)", argument: 0)
            }
            return f
        }
    }

    /// How a function is named in the legend: its name, or its text when it has none.
    static func legendName(_ f: Function) -> String {
        if let name = f.name { return name }
        let text = Printer.describe(f)
        return text.count <= 40 ? text : String(text.prefix(39)) + "…"
    }

    /// f at `sampleCount` evenly spaced points of [a, b], both ends included.
    ///
    /// An elementwise function answers all points in one call on the vector of them, which is much
    /// faster than a call per point. A function that mixes elements (softmax, z -> z - mean(z)) also
    /// returns a vector of the same length, but of different numbers, so three points are checked
    /// against calls on single numbers before the vector's answer is trusted.
    static func sample(_ f: Function, from a: Double, to b: Double, _ args: Arguments) throws -> [Double] {
        guard f.arity.contains(1) else {
            throw args.error("plot expects functions of one variable; \(f.name ?? "this function") takes \(f.arity.lowerBound)", argument: 0)
        }
        let n = sampleCount
        var xs = (0..<n).map { a + (b - a) * (Double($0) / Double(n - 1)) }
        xs[n - 1] = b
        if case .tensor(let whole)? = try? args.call(f, with: [.vector(xs)], from: 0), whole.shape == [n] {
            let checked = try [0, n / 2, n - 1].allSatisfy { i in same(whole.scalars[i], try point(f, xs[i], args)) }
            if checked { return whole.scalars }
        }
        return try xs.map { x in
            try args.checkInterrupt()
            return try point(f, x, args)
        }
    }

    /// f at one number, which must give one number.
    private static func point(_ f: Function, _ x: Double, _ args: Arguments) throws -> Double {
        let y = try args.call(f, with: [.scalar(x)], from: 0)
        guard case .tensor(let t) = y, let value = t.scalarValue else {
            throw args.error("plot needs one number from \(f.name ?? "the function") at each x, but at x = \(NumberFormat.scalar(x, precision: 4)) it gave a \(y.kindDescription)",
                             argument: 0)
        }
        return value
    }

    /// Equal up to rounding, or both NaN.
    private static func same(_ x: Double, _ y: Double) -> Bool {
        if x.isNaN || y.isNaN { return x.isNaN && y.isNaN }
        return x == y || abs(x - y) <= 1e-12 * max(abs(x), abs(y))
    }
}
