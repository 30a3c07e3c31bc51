/// Elementwise combination of two tensors, with Julia's broadcasting read through vectors as columns.
///
/// Every operand is read as a matrix (`Tensor.matrixShape(of:)`: a vector of n is n×1, a scalar 1×1);
/// along each dimension the sizes must be equal, or one of them 1, which repeats. So a scalar combines
/// with anything, a vector with a matrix row by row (`A * v` scales row i by v_i), a row 1×n with a
/// matrix column by column (`A * v'` scales column j by v_j), and a column with a row gives the table
/// of every pair (`p * p'` is the outer product ppᵀ). Two vectors of one length combine elementwise.
enum Broadcasting {
    /// The shape of `a op b`, or nil when the shapes do not broadcast.
    ///
    /// The result is a matrix when either operand is one, a vector when either is, else a scalar.
    static func shape(_ a: [Int], _ b: [Int]) -> [Int]? {
        if a == b { return a }
        let x = Tensor.matrixShape(of: a), y = Tensor.matrixShape(of: b)
        guard let rows = stretched(x.rows, y.rows), let columns = stretched(x.columns, y.columns) else { return nil }
        switch max(a.count, b.count) {
        case 0: return []
        case 1: return [rows]
        default: return [rows, columns]
        }
    }

    /// The size of a dimension of sizes `a` and `b`: equal, or the other one when one of them is 1.
    private static func stretched(_ a: Int, _ b: Int) -> Int? {
        if a == b || b == 1 { return a }
        return a == 1 ? b : nil
    }

    /// Combines `a` and `b` elementwise; throws a shape-mismatch diagnostic naming both shapes.
    ///
    /// Each result is written once into uninitialised storage through raw pointers, so that with `op`
    /// inlined (the optimiser specialises this function for each operator's closure) the loops vectorise.
    @inline(__always)
    static func combine(_ a: Tensor, _ b: Tensor, _ args: Arguments, _ op: (Double, Double) -> Double) throws -> Tensor {
        var result = try combined(a, b, args, op)
        // A vector's transpose with numbers, or with another, is still one (p' / 2, p' - q'), as in Julia.
        let keepsRow = { (t: Tensor) in t.isTransposedVector || t.isScalar }
        result.isTransposedVector = keepsRow(a) && keepsRow(b) && !(a.isScalar && b.isScalar)
        return result
    }

    /// The numbers of `a op b`, in the broadcast shape.
    @inline(__always)
    private static func combined(_ a: Tensor, _ b: Tensor, _ args: Arguments, _ op: (Double, Double) -> Double) throws -> Tensor {
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
        try args.checkSize(shape)
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
        // Entry (r, c) of the result reads entry (r, c) of each operand, with a dimension of size 1 held at 0.
        let x = Tensor.matrixShape(of: a.shape), y = Tensor.matrixShape(of: b.shape)
        let (rows, columns) = Tensor.matrixShape(of: shape)
        return Tensor(shape: shape, scalars: VectorMath.array(count: count) { out in
            a.scalars.withUnsafeBufferPointer { pa in
                b.scalars.withUnsafeBufferPointer { pb in
                    for r in 0..<rows {
                        let start = r * columns
                        let ra = (x.rows == 1 ? 0 : r) * x.columns, rb = (y.rows == 1 ? 0 : r) * y.columns
                        switch (x.columns == 1, y.columns == 1) {
                        case (false, false): for c in 0..<columns { out[start + c] = op(pa[ra + c], pb[rb + c]) }
                        case (true, false): for c in 0..<columns { out[start + c] = op(pa[ra], pb[rb + c]) }
                        case (false, true): for c in 0..<columns { out[start + c] = op(pa[ra + c], pb[rb]) }
                        case (true, true): for c in 0..<columns { out[start + c] = op(pa[ra], pb[rb]) }
                        }
                    }
                }
            }
        })
    }
}
