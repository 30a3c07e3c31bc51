/// Derivatives by central differences, to check the exact ones against.
///
/// (f(x + h·e_j) − f(x − h·e_j)) / 2h has error O(h²) from truncation and O(ε/h) from rounding;
/// h = ε^(1/3) ≈ 6e-6 balances the two (Nocedal & Wright, §8.1). The step is scaled by max(1, |x_j|),
/// so it stays relative for large coordinates.
enum FiniteDifferences {
    static let defaultStep = 6.0554544523933395e-06

    static let entries: [Builtin] = [numgrad, numjacobian]

    static let numgrad = Builtin(
        "numgrad", ["numgrad(f, x)", "numgrad(f, x, h)"], "The gradient by central differences, with step h·max(1, |x_j|) (h defaults to 6e-6).",
        example: "numgrad(z -> sum(z^2), [1, 2])", category: .calculus, arity: 2...3,
        derivative: .unsupported("finite differences are numeric; differentiate the function itself")
    ) { args in
        let columns = try differences(args)
        guard columns.allSatisfy({ $0.count == 1 }) else {
            throw args.error("numgrad needs a function with a single-number result", argument: 0,
                             suggestion: "for a vector-valued function use numjacobian")
        }
        let x = try args.tensor(1)
        return .tensor(Tensor(shape: x.shape, scalars: columns.map { $0[0] }))
    }

    static let numjacobian = Builtin(
        "numjacobian", ["numjacobian(f, x)", "numjacobian(f, x, h)"], "The Jacobian by central differences, column by column.",
        example: "numjacobian(softmax, [2, 1, 0.1])", category: .calculus, arity: 2...3,
        derivative: .unsupported("finite differences are numeric; differentiate the function itself")
    ) { args in
        // The size is known after the first column and checked then, before the whole matrix is
        // built; each column goes straight into its place, with no second copy.
        var scalars: [Double] = []
        var m = 0
        let n = try args.tensor(1).count
        try differences(args) { j, column in
            if j == 0 {
                m = column.count
                try args.checkSize([m, n])
                scalars = [Double](repeating: 0, count: m * n)
            }
            guard column.count == m else { throw args.error("the function's result changed size", argument: 0) }
            for i in 0..<m { scalars[i * n + j] = column[i] }
        }
        return .tensor(Tensor(rows: m, columns: n, scalars: scalars))
    }

    /// Columns of differences (one per coordinate of x) laid out as the rows of a Jacobian.
    static func rowMajor(_ columns: [[Double]], rows m: Int) -> [Double] {
        var scalars = [Double](repeating: 0, count: m * columns.count)
        for (j, column) in columns.enumerated() { for i in 0..<min(m, column.count) { scalars[i * columns.count + j] = column[i] } }
        return scalars
    }

    /// For each coordinate j, the central difference of f's (flattened) result.
    static func differences(_ args: Arguments) throws -> [[Double]] {
        var columns: [[Double]] = []
        try differences(args) { _, column in columns.append(column) }
        return columns
    }

    /// The central difference of f's (flattened) result for each coordinate j, handed to `column` in turn.
    static func differences(_ args: Arguments, column: (Int, [Double]) throws -> Void) throws {
        let f = try args.function(0)
        let x = try args.tensor(1)
        let h = args.count == 3 ? try args.scalar(2) : defaultStep
        guard h > 0, h.isFinite else { throw args.error("the step h must be a positive number", argument: 2) }
        for j in 0..<x.count {
            try args.checkInterrupt()
            let step = h * max(1, abs(x.scalars[j]))
            var plus = x, minus = x
            plus.scalars[j] += step
            minus.scalars[j] -= step
            let up = try numbers(args.call(f, with: [.tensor(plus)], from: 0), args)
            let down = try numbers(args.call(f, with: [.tensor(minus)], from: 0), args)
            guard up.count == down.count else { throw args.error("the function's result changed size", argument: 0) }
            let width = plus.scalars[j] - minus.scalars[j]
            try column(j, zip(up.scalars, down.scalars).map { ($0 - $1) / width })
        }
    }

    private static func numbers(_ value: Value, _ args: Arguments) throws -> Tensor {
        guard let t = value.numbers else {
            throw args.error("\(args.name) needs a function that returns numbers, not a \(value.kindDescription)", argument: 0)
        }
        return t
    }
}
