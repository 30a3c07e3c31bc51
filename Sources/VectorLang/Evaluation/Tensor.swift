/// A dense array of Doubles with a shape: a scalar (`[]`), a vector (`[n]`) or a matrix (`[m, n]`, row-major).
///
/// Jacobi's numbers are always Double; the shape is what tells a vector from a one-row matrix,
/// as in NumPy. Indices in this type are 0-based; the language's 1-based indexing is translated
/// by the evaluator.
public struct Tensor: Equatable, Sendable {
    public var shape: [Int]
    public var scalars: [Double]

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

    public var rank: Int { shape.count }
    public var count: Int { scalars.count }
    public var isScalar: Bool { shape.isEmpty }
    public var isVector: Bool { shape.count == 1 }
    public var isMatrix: Bool { shape.count == 2 }

    /// The single number of a scalar, or of a one-element vector or matrix.
    public var scalarValue: Double? { scalars.count == 1 ? scalars[0] : nil }

    public var rows: Int { shape.count == 2 ? shape[0] : 1 }
    public var columns: Int { shape.last ?? 1 }

    /// Applies `transform` to every element, keeping the shape.
    @inlinable
    public func map(_ transform: (Double) -> Double) -> Tensor {
        // Written once into uninitialised storage: Array.map appends element by element.
        Tensor(shape: shape, scalars: VectorMath.array(count: count) { out in
            scalars.withUnsafeBufferPointer { x in
                for i in 0..<out.count { out[i] = transform(x[i]) }
            }
        })
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
    /// A matrix with rows and columns swapped (other shapes are returned as they are).
    public var transposed: Tensor {
        guard isMatrix else { return self }
        let (m, n) = (shape[0], shape[1])
        var out = [Double](repeating: 0, count: count)
        for i in 0..<m { for j in 0..<n { out[j * m + i] = scalars[i * n + j] } }
        return Tensor(rows: n, columns: m, scalars: out)
    }
}
