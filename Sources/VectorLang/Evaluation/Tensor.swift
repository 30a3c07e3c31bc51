/// A dense array of Doubles with a shape: a scalar (`[]`), a vector (`[n]`) or a matrix (`[m, n]`, row-major).
///
/// Jacobi's numbers are always Double. A vector is stored with one dimension but means what it means
/// in the mathematics Jacobi prints, and in Julia: an n×1 column (see `matrixShape(of:)`); its
/// transpose is a 1×n row matrix that remembers it was a vector (`isTransposedVector`). Indices in
/// this type are 0-based; the language's 1-based indexing is translated by the evaluator.
public struct Tensor: Equatable, Sendable {
    public var shape: [Int]
    public var scalars: [Double]
    /// Whether this 1×n row is a vector's transpose (`p'`, or what `@ A` and elementwise arithmetic with
    /// numbers make of one), as Julia's `Adjoint` is.
    ///
    /// Such a row times a column is a number (`p' @ p`, `x' @ A @ x`), where a one-row matrix times a
    /// column is a one-element vector, as every matrix times a column is a vector; and its transpose is
    /// the vector again. Otherwise it is a 1×n matrix: it prints as one and equals one.
    public var isTransposedVector = false

    /// The largest number of elements a single value may hold.
    ///
    /// Refusing bigger results keeps `zeros(100000, 100000)` a message rather than an out-of-memory kill.
    public static let maximumCount = 100_000_000

    public init(shape: [Int], scalars: [Double]) {
        self.shape = shape
        self.scalars = scalars
    }

    public init(_ scalar: Double) {
        self.init(shape: [], scalars: [scalar])
    }

    public init(vector: [Double]) {
        self.init(shape: [vector.count], scalars: vector)
    }

    /// A matrix from rows that the caller guarantees are all `columns` long.
    public init(rows: Int, columns: Int, scalars: [Double]) {
        self.init(shape: [rows, columns], scalars: scalars)
    }

    public init(repeating value: Double, shape: [Int]) {
        self.init(shape: shape, scalars: Array(repeating: value, count: shape.reduce(1, *)))
    }

    /// The row `vᵀ` of a vector's numbers.
    public init(transposedVector scalars: [Double]) {
        self.init(shape: [1, scalars.count], scalars: scalars)
        isTransposedVector = true
    }

    /// Equal shapes and numbers; a vector's transpose equals the 1×n matrix of its numbers.
    public static func == (a: Tensor, b: Tensor) -> Bool { a.shape == b.shape && a.scalars == b.scalars }

    public var rank: Int { shape.count }
    public var count: Int { scalars.count }
    public var isScalar: Bool { shape.isEmpty }
    public var isVector: Bool { shape.count == 1 }
    public var isMatrix: Bool { shape.count == 2 }

    /// The single number of a scalar, or of a one-element vector or matrix.
    public var scalarValue: Double? { scalars.count == 1 ? scalars[0] : nil }

    /// Rows and columns with a vector read as one row of scores: how the row-wise builtins (the softmax
    /// family, the losses) see it, one example. Broadcasting and `@` read it as a column instead.
    public var rows: Int { shape.count == 2 ? shape[0] : 1 }
    public var columns: Int { shape.last ?? 1 }

    /// Applies `transform` to every element, keeping the shape (and a transposed vector's being one).
    @inlinable
    public func map(_ transform: (Double) -> Double) -> Tensor {
        // Written once into uninitialised storage: Array.map appends element by element.
        replacing(scalars: VectorMath.array(count: count) { out in
            scalars.withUnsafeBufferPointer { x in
                for i in 0..<out.count { out[i] = transform(x[i]) }
            }
        })
    }

    /// Other numbers in this shape, a transposed vector still one: what an elementwise function gives.
    @inlinable
    public func replacing(scalars: [Double]) -> Tensor {
        var result = self
        result.scalars = scalars
        return result
    }

    /// Row `r` (0-based) of a matrix, as a slice of the storage.
    public func row(_ r: Int) -> ArraySlice<Double> {
        let n = columns
        return scalars[(r * n)..<((r + 1) * n)]
    }
}

extension Tensor {
    /// The shape written as people read it: `scalar`, `(3,)` style is NumPy's; Jacobi says `3` and `2×3`.
    public static func describe(shape: [Int], ascii: Bool = false) -> String {
        switch shape.count {
        case 0: return "scalar"
        case 1: return "vector of \(shape[0])"
        default: return shape.map(String.init).joined(separator: ascii ? "x" : "×") + " matrix"
        }
    }
}

extension Tensor {
    /// A shape read as a matrix, with a vector as a column: a vector of n is n×1, a scalar 1×1.
    ///
    /// This is the one place that says vectors are columns: broadcasting and `@` read every shape
    /// through it, so `A * v` scales A's rows, `p * p'` and `p @ p'` are outer products, and `p' @ p`
    /// is a row times a column.
    public static func matrixShape(of shape: [Int]) -> (rows: Int, columns: Int) {
        switch shape.count {
        case 0: return (1, 1)
        case 1: return (shape[0], 1)
        default: return (shape[0], shape[1])
        }
    }

    /// A matrix with rows and columns swapped (other shapes are returned as they are).
    public var transposed: Tensor {
        guard isMatrix else { return self }
        let (m, n) = (shape[0], shape[1])
        var out = [Double](repeating: 0, count: count)
        for i in 0..<m { for j in 0..<n { out[j * m + i] = scalars[i * n + j] } }
        return Tensor(rows: n, columns: m, scalars: out)
    }
}
