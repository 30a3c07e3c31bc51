/// Elementwise combination of two tensors, with NumPy's broadcasting for the shapes Jacobi has.
///
/// A scalar (or any one-element value of lower rank) combines with anything; a vector of n combines
/// with an m×n matrix row by row; otherwise the shapes must be equal.
enum Broadcasting {
    /// The shape of `a op b`, or nil when the shapes do not broadcast.
    static func shape(_ a: [Int], _ b: [Int]) -> [Int]? {
        if a == b { return a }
        if a.isEmpty { return b }
        if b.isEmpty { return a }
        if a.count == 2, b.count == 1, a[1] == b[0] { return a }
        if a.count == 1, b.count == 2, b[1] == a[0] { return b }
        return nil
    }

    /// Combines `a` and `b` elementwise; throws a shape-mismatch diagnostic naming both shapes.
    ///
    /// Each result is written once into uninitialised storage through raw pointers, so that with `op`
    /// inlined (the optimiser specialises this function for each operator's closure) the loops vectorise.
    @inline(__always)
    static func combine(_ a: Tensor, _ b: Tensor, _ args: Arguments, _ op: (Double, Double) -> Double) throws -> Tensor {
        if a.shape == b.shape {
            return Tensor(shape: a.shape, scalars: VectorMath.array(count: a.count) { out in
                a.scalars.withUnsafeBufferPointer { pa in
                    b.scalars.withUnsafeBufferPointer { pb in
                        for i in 0..<out.count { out[i] = op(pa[i], pb[i]) }
                    }
                }
            })
        }
        guard let shape = shape(a.shape, b.shape) else { throw mismatch(a.shape, b.shape, args) }
        let count = shape.reduce(1, *)
        if a.isScalar {
            let x = a.scalars[0]
            return Tensor(shape: shape, scalars: VectorMath.array(count: count) { out in
                b.scalars.withUnsafeBufferPointer { pb in for i in 0..<out.count { out[i] = op(x, pb[i]) } }
            })
        }
        if b.isScalar {
            let y = b.scalars[0]
            return Tensor(shape: shape, scalars: VectorMath.array(count: count) { out in
                a.scalars.withUnsafeBufferPointer { pa in for i in 0..<out.count { out[i] = op(pa[i], y) } }
            })
        }
        // One is a matrix, the other a vector that repeats along its rows.
        let n = shape[1]
        return Tensor(shape: shape, scalars: VectorMath.array(count: count) { out in
            a.scalars.withUnsafeBufferPointer { pa in
                b.scalars.withUnsafeBufferPointer { pb in
                    for r in 0..<shape[0] {
                        let row = r * n
                        if a.isVector {
                            for j in 0..<n { out[row + j] = op(pa[j], pb[row + j]) }
                        } else {
                            for j in 0..<n { out[row + j] = op(pa[row + j], pb[j]) }
                        }
                    }
                }
            }
        })
    }

    static func mismatch(_ a: [Int], _ b: [Int], _ args: Arguments) -> Diagnostic {
        var note = "shapes \(Tensor.describe(shape: a)) and \(Tensor.describe(shape: b)) do not match"
        if a.count == 2, b.count == 1 || b.count == 2 && a.count == 1 {
            note += "; a vector combines with a matrix row by row, so its length must equal the number of columns"
        }
        var suggestion: String?
        if a.count == 2 && b.count == 2 && a[0] == b[1] && a[1] == b[0] {
            suggestion = "transpose one of them with '"
        } else if a.count == 2 || b.count == 2 {
            suggestion = "for a matrix product, use @"
        }
        return Diagnostic("shape mismatch in \(args.name): \(Tensor.describe(shape: a)) and \(Tensor.describe(shape: b))",
                          at: args.callRange.union(args.range(0)).union(args.range(1)), note: note, suggestion: suggestion)
    }
}
