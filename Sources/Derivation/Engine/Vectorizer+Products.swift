/// Matrix products in a matrix form: A @ diag(w) @ B from Σₖ Aᵢₖwₖ Bₖⱼ, and a matrix scaled by a
/// vector, diag(a) @ M, as Hessians and Jacobians of layers come out.
extension Vectorizer {
    /// c·Σₖ Aᵢₖ·wₖ·Bₖⱼ = c·A @ diag(w) @ B (a Hessian's Xᵀ diag(s) X, least squares' 2·AᵀA).
    func matrixMatrixProduct(_ factors: [Term], rows i: Index, columns j: Index) -> Form? {
        guard let sum = factors.last, case .sum(let k, let body) = sum else { return nil }
        let coefficient = Term.product(of: factors.dropLast())
        guard coefficient.freeIndices.isEmpty else { return nil }
        let inner = body.factors
        let left = inner.filter { $0.freeIndices.contains(k) && $0.freeIndices.contains(i) && !$0.freeIndices.contains(j) }
        let right = inner.filter { $0.freeIndices.contains(k) && $0.freeIndices.contains(j) && !$0.freeIndices.contains(i) }
        let weights = inner.filter { $0.freeIndices == [k] }
        let scalars = inner.filter { $0.freeIndices.isEmpty }
        guard !left.isEmpty, !right.isEmpty, left.count + right.count + weights.count + scalars.count == inner.count,
              let a = elementwise(.product(of: left), i, k), let b = elementwise(.product(of: right), k, j) else { return nil }
        var parts = [a.isSum || a.isProduct ? a.tightened : a]
        if !weights.isEmpty {
            guard let w = vector(.product(of: weights), over: k) else { return nil }
            parts.append(Form(input: "diag(\(w.input))", unicode: "diag(\(w.unicode))", latex: "\\operatorname{diag}\\left(\(w.latex)\\right)"))
        }
        parts.append(b.isSum || b.isProduct ? b.tightened : b)
        var form = Form(input: parts.map(\.input).joined(separator: " @ "), unicode: parts.dropFirst().map(\.unicode).reduce(parts[0].unicode) { Vectorizer.juxtaposed($0, $1) },
                        latex: parts.map(\.latex).joined(separator: " "), isProduct: true, isMatrixProduct: true)
        let c = Term.product(of: [coefficient] + scalars)
        if !c.isOne {
            let (number, rest) = c.coefficientAndRest
            let magnitude = Term.product(of: [.number(abs(number)), rest])
            if !magnitude.isOne {
                guard let k = scalar(magnitude) else { return nil }
                form = Form(input: "\(k.parenthesized().input) * \(form.input)", unicode: "\(k.parenthesized().unicode)·\(form.unicode)",
                            latex: "\(k.parenthesized().latex) \(form.latex)", isProduct: true, isMatrixProduct: true)
            }
            if number < 0 { form = negate(form) }
        }
        return form
    }

    /// diag(a) @ M or M @ diag(b): factors over i alone (or j alone) and a matrix built elementwise over (i, j).
    func scaledMatrix(_ factors: [Term], rows i: Index, columns j: Index) -> Form? {
        let both = factors.filter { $0.freeIndices.contains(i) && $0.freeIndices.contains(j) }
        let rowOnly = factors.filter { $0.freeIndices.contains(i) && !$0.freeIndices.contains(j) }
        let columnOnly = factors.filter { !$0.freeIndices.contains(i) && $0.freeIndices.contains(j) }
        let scalars = factors.filter { $0.freeIndices.isDisjoint(with: [i, j]) }
        guard !both.isEmpty, rowOnly.isEmpty != columnOnly.isEmpty, scalars.allSatisfy({ $0.isNumber }),
              let m = elementwise(.product(of: both), i, j) else { return nil }
        let onRows = !rowOnly.isEmpty
        guard let v = onRows ? vector(.product(of: rowOnly), over: i) : vector(.product(of: columnOnly), over: j) else { return nil }
        let diagonal = Form(input: "diag(\(v.input))", unicode: "diag(\(v.unicode))", latex: "\\operatorname{diag}\\left(\(v.latex)\\right)")
        let matrix = m.isSum || m.isProduct ? m.tightened : m
        var form = onRows
            ? Form(input: "\(diagonal.input) @ \(matrix.input)", unicode: Vectorizer.juxtaposed(diagonal.unicode, matrix.unicode),
                   latex: "\(diagonal.latex) \(matrix.latex)", isProduct: true, isMatrixProduct: true)
            : Form(input: "\(matrix.input) @ \(diagonal.input)", unicode: Vectorizer.juxtaposed(matrix.unicode, diagonal.unicode),
                   latex: "\(matrix.latex) \(diagonal.latex)", isProduct: true, isMatrixProduct: true)
        let c = Term.product(of: scalars).coefficientAndRest.0
        if abs(c) != 1 {
            let k = TermRenderer(.input).render(.number(abs(c)))
            form = Form(input: "\(k) * \(form.input)", unicode: "\(k)·\(form.unicode)", latex: "\(k) \(form.latex)", isProduct: true, isMatrixProduct: true)
        }
        return c < 0 ? negate(form) : form
    }

}
