/// Builds the value of `[…]`: a vector of numbers, a matrix of equal-length rows, or a list of functions.
enum ArrayLiteral {
    static func build(_ values: [Value], elements: [Expr], range: SourceRange) throws -> Value {
        if values.isEmpty { return .tensor(Tensor(shape: [0], scalars: [])) }
        let tensors = values.compactMap(\.numbers)
        if tensors.isEmpty {
            // Lists hold functions (for plot([f, g], a, b)); a list of lists has no use, and doubling one
            // (l = [l, l]) would grow exponentially when printed.
            if let i = values.firstIndex(where: { if case .list = $0 { return true } else { return false } }) {
                throw Diagnostic("a list cannot contain a list", at: elements[i].range,
                                 note: "lists hold functions, as in [sigmoid, tanh]")
            }
            return .list(values)
        }
        if tensors.count != values.count {
            let i = values.firstIndex { $0.numbers == nil } ?? 0
            throw Diagnostic("cannot mix numbers and a \(values[i].kindDescription) in one array", at: elements[i].range)
        }
        let first = tensors[0]
        if first.isScalar {
            if let i = tensors.firstIndex(where: { !$0.isScalar }) {
                throw Diagnostic("array elements must all be numbers or all be rows", at: elements[i].range,
                                 note: "element 1 is a number, element \(i + 1) is a \(Tensor.describe(shape: tensors[i].shape))")
            }
            return stack(values, Tensor(vector: tensors.map { $0.scalars[0] }))
        }
        guard first.isVector else {
            throw Diagnostic("rows of a matrix must be vectors", at: elements[0].range,
                             note: "Jacobi's values have at most two dimensions")
        }
        let columns = first.count
        var scalars: [Double] = []
        scalars.reserveCapacity(columns * tensors.count)
        for (i, row) in tensors.enumerated() {
            guard row.isVector, row.count == columns else {
                throw Diagnostic("row \(i + 1) has \(row.isVector ? "\(row.count) elements" : "the wrong shape"), but row 1 has \(columns)",
                                 at: elements[i].range, note: "every row of a matrix must have the same length")
            }
            scalars += row.scalars
        }
        return stack(values, Tensor(rows: tensors.count, columns: columns, scalars: scalars))
    }

    /// Rows of `columns` numbers each (traced or not) as an m×n matrix.
    static func stack(_ rows: [Value], rows m: Int, columns n: Int, range: SourceRange) throws -> Value {
        var scalars: [Double] = []
        scalars.reserveCapacity(m * n)
        for row in rows { scalars += row.numbers?.scalars ?? [] }
        guard scalars.count == m * n else { throw Diagnostic("internal error: ragged rows", at: range) }
        return stack(rows, Tensor(rows: m, columns: n, scalars: scalars))
    }

    /// The literal's value; when elements are traced, a node whose pullback hands each element its slice.
    private static func stack(_ values: [Value], _ result: Tensor) -> Value {
        let traced = values.indices.filter { values[$0].node != nil }
        guard !traced.isEmpty else { return .tensor(result) }
        let size = result.count / max(values.count, 1)
        return Tracing.record(result, inputs: traced.compactMap { values[$0].node }) { _, g in
            traced.map { i in
                Tracing.gather(g, positions: Array((i * size)..<((i + 1) * size)), shape: values[i].numbers?.shape ?? [])
            }
        }
    }
}
