/// Builders of vectors and matrices from sizes: zeros, ones, onehot, linspace.
enum Constructors {
    static let entries: [Builtin] = [zeros, ones, onehot, linspace]

    static let zeros = filled("zeros", with: 0, "A vector of n zeros, or an m×n matrix of zeros.", example: "zeros(2, 3)")
    static let ones = filled("ones", with: 1, "A vector of n ones, or an m×n matrix of ones.", example: "ones(3)")

    static func filled(_ name: String, with value: Double, _ summary: String, example: String) -> Builtin {
        Builtin(name, ["\(name)(n)", "\(name)(m, n)"], summary, example: example, category: .construction, arity: 1...2, derivative: .none) { args in
            .tensor(Tensor(repeating: value, shape: try args.shape(from: 0)))
        }
    }

    /// `onehot(k, n)`: the k-th standard basis vector of length n; a vector of classes gives one row each.
    ///
    /// Classes count from 1, as indices do. `onehot([1, 3], 3)` is the 2×3 target matrix of a batch.
    static let onehot = Builtin(
        "onehot", ["onehot(k, n)", "onehot(ks, n)"],
        "The vector of n zeros with a 1 at position k; a vector of classes ks gives a matrix, one row each.",
        example: "onehot(2, 3)", category: .construction, arity: 2...2, derivative: .none
    ) { args in
        let n = try args.size(1)
        let classes = try args.tensor(0)
        guard classes.rank <= 1 else {
            throw args.error("onehot expects a class number or a vector of them here, got a \(Tensor.describe(shape: classes.shape))",
                             argument: 0)
        }
        try args.checkSize([classes.count, n])
        var out = [Double](repeating: 0, count: classes.count * n)
        for (row, k) in classes.scalars.enumerated() {
            let position = try args.classIndex(k, among: n, argument: 0, element: classes.isVector ? row : nil)
            out[row * n + position] = 1
        }
        return classes.isVector ? .tensor(Tensor(rows: classes.count, columns: n, scalars: out)) : .vector(out)
    }

    /// `linspace(a, b, n)`: n evenly spaced numbers from a to b, both ends included (NumPy's default n is 50).
    ///
    /// Each point is a + (b − a)·(i / (n − 1)) rather than a + i·step, so `linspace(0, 1, 11)` holds 0.3
    /// rather than 0.30000000000000004, and the last point is exactly b.
    static let linspace = Builtin(
        "linspace", ["linspace(a, b)", "linspace(a, b, n)"],
        "n evenly spaced numbers from a to b, both included; n defaults to 50, as in NumPy.",
        example: "linspace(0, 1, 5)", category: .construction, arity: 2...3,
        derivative: .unsupported("its points are a grid, not a function to differentiate; differentiate what you compute on them")
    ) { args in
        let a = try finite(args, 0), b = try finite(args, 1)
        let n = args.count == 3 ? try args.size(2) : 50
        guard n >= 1 else {
            throw args.error("linspace needs at least 1 point, got 0", argument: 2, suggestion: "linspace(a, b, 2) gives [a, b]")
        }
        if n == 1 { return .vector([a]) }
        let width = b - a
        let last = Double(n - 1)
        var points = (0..<n).map { i -> Double in
            let t = Double(i) / last
            // When b − a overflows (linspace(-1e308, 1e308)), the convex combination stays finite.
            return width.isFinite ? a + width * t : a * (1 - t) + b * t
        }
        points[n - 1] = b
        return .vector(points)
    }

    private static func finite(_ args: Arguments, _ i: Int) throws -> Double {
        let x = try args.scalar(i)
        guard x.isFinite else { throw args.error("\(args.name) expects a finite number here, got \(Arguments.describe(x))", argument: i) }
        return x
    }
}

extension Arguments {
    /// Argument `i` as a size: a whole number from 0 up to the most elements one value may hold.
    ///
    /// Checked before any conversion to `Int`, since `Int(1e300)` would trap.
    func size(_ i: Int) throws -> Int {
        let x = try scalar(i)
        guard x.isFinite, x == x.rounded() else {
            throw error("\(name) expects a whole number for a size here, got \(Arguments.describe(x))", argument: i)
        }
        guard x >= 0 else {
            throw error("\(name) expects a size of 0 or more here, got \(Arguments.describe(x))", argument: i)
        }
        guard x <= Double(Tensor.maximumCount) else {
            throw error("result too large: a size of \(Arguments.describe(x))", argument: i,
                        note: "the limit is \(Tensor.maximumCount) elements in one value")
        }
        return Int(x)
    }

    /// The shape given by the sizes from argument `first` on (n, or m and n), refused if too large to hold.
    func shape(from first: Int) throws -> [Int] {
        let shape = try (first..<count).map(size)
        try checkSize(shape)
        return shape
    }

    /// A 1-based class number `k` of `n` classes, as a 0-based position; errors point at argument `i`.
    ///
    /// `element` is the 0-based position of `k` when it came from a vector of classes, for the message.
    func classIndex(_ k: Double, among n: Int, argument i: Int, element: Int? = nil) throws -> Int {
        guard k.isFinite, k == k.rounded(), k >= 1, k <= Double(n) else {
            let which = element.map { " (element \($0 + 1))" } ?? ""
            throw error("class \(Arguments.describe(k))\(which) is out of range", argument: i,
                        note: n == 0 ? "there are no classes" : "classes are numbered 1…\(n)",
                        suggestion: k == 0 ? "classes count from 1, as indices do" : nil)
        }
        return Int(k) - 1
    }

    /// A number as a message shows it: whole numbers without ".0".
    static func describe(_ x: Double) -> String {
        x == x.rounded() && Swift.abs(x) < 1e15 ? String(Int(x)) : String(x)
    }
}
