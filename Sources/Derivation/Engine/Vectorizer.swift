/// Writes an index-notation result with whole vectors and matrices: pᵢ(δᵢⱼ − pⱼ) becomes diag(p) − p pᵀ.
///
/// Returns nil when the term has a shape this does not know how to write (the index form stands then).
struct Vectorizer {
    /// The size n of the free indices, in input syntax (`len(z)`), for identity matrices and ones.
    let size: String
    /// Index letters bound to numbers: a term over only these is a number (p_a with a = 2).
    var fixed: Set<Index> = []
    /// Names written out in the matrix form, as what they stand for (u = W @ x reads better as Wx).
    var expansions: [String: Form] = [:]

    /// A vector or matrix expression in three notations, built together.
    struct Form {
        var input: String
        var unicode: String
        var latex: String
        /// Needs parentheses as an operand of a product.
        var isSum = false
        /// A product or quotient: needs parentheses as a divisor or a base, where a sum does too.
        var isProduct = false

        /// A matrix product (A @ x): as an operand of * in input it needs parentheses, since @ and *
        /// bind alike there (y * (X @ w)); on paper juxtaposition binds tighter, so none are shown.
        var isMatrixProduct = false

        func parenthesized() -> Form {
            if isSum { return wrapped }
            if isMatrixProduct { return Form(input: "(\(input))", unicode: unicode, latex: latex, isProduct: true) }
            return self
        }

        /// Parenthesised as what is divided by or raised to a power: `a / (T * s)`, not `a / T * s`.
        func tight() -> Form {
            isSum || isProduct ? wrapped : self
        }

        private var wrapped: Form { Form(input: "(\(input))", unicode: "(\(unicode))", latex: "\\left(\(latex)\\right)") }

        /// In parentheses whatever it is, as a factor of a matrix product: (A + Aᵀ)x, A(2·v).
        var tightened: Form { wrapped }
    }

    /// A term with one free index written as a vector, in input syntax (`z - c` for zₖ − c).
    func vectorForm(of term: Term, over i: Index) -> String? {
        vector(term, over: i)?.input
    }

    func vectorize(_ term: Term) -> Form? {
        let free = term.freeIndices.subtracting(fixed).sorted()
        switch free.count {
        case 0: return scalar(term)
        case 1: return vector(term, over: free[0])
        case 2: return matrix(term, rows: free[0], columns: free[1])
        default: return nil
        }
    }

    /// A term with no free index, such as Σₖ pₖ(pₖ − yₖ): sums become sum(…).
    func scalar(_ term: Term) -> Form? {
        switch term {
        case .sum(let k, let body):
            // Σₖ aₖbₖ of two vectors is the inner product aᵀb.
            let factors = body.factors
            if factors.count == 2, factors.allSatisfy({ $0.freeIndices == [k] }),
               let a = vector(factors[0], over: k), let b = vector(factors[1], over: k) {
                let left = a.isSum || a.isProduct ? a.tightened : a, right = b.isSum || b.isProduct ? b.tightened : b
                return Form(input: "\(left.input)' @ \(right.input)", unicode: Vectorizer.juxtaposed(left.unicode + "ᵀ", right.unicode),
                            latex: "\(left.latex)^{\\top} \(right.latex)", isProduct: true, isMatrixProduct: true)
            }
            guard let inner = vector(body, over: k) else { return nil }
            return Form(input: "sum(\(inner.input))", unicode: "Σ(\(inner.unicode))", latex: "\\sum \\left(\(inner.latex)\\right)")
        case .number, .symbol, .indexed:
            guard term.freeIndices.isSubset(of: fixed) else { return nil }
            let input = TermRenderer(.input).render(term)
            return Form(input: input, unicode: TermRenderer(.unicode).render(term), latex: TermRenderer(.latex).render(term))
        default:
            guard !term.children.isEmpty else { return nil }
            return combine(term) { scalar($0) }
        }
    }

    /// A term with one free index: each element-level operation becomes elementwise.
    func vector(_ term: Term, over i: Index) -> Form? {
        switch term {
        case .indexed(let name, let indices) where indices == [i]:
            return expansions[name] ?? Form(input: name, unicode: name, latex: name)
        case _ where !term.freeIndices.contains(i):
            return scalar(term)
        case .delta(let a, let b) where fixed.contains(a == i ? b : a):
            let at = a == i ? b : a
            return Form(input: "onehot(\(at), \(size))", unicode: "e" + at.name, latex: "e_{\(at)}")
        case .sum(let k, _) where k == i:
            return nil
        case .sum(let k, let body):
            return matrixProduct(k, body, over: i) ?? combine(term) { vector($0, over: i) }
        default:
            return combine(term) { vector($0, over: i) }
        }
    }

    /// Σₖ Aᵢₖ·vₖ = A @ v and Σₖ Aₖᵢ·vₖ = Aᵀ @ v, for a matrix built elementwise over (i, k) (A + Aᵀ as
    /// well) and a vector over k; a factor with neither index is a coefficient in front: 2·Aᵀ(Ax − b).
    private func matrixProduct(_ k: Index, _ body: Term, over i: Index) -> Form? {
        let factors = body.factors
        let matrixPart = factors.filter { $0.freeIndices.contains(i) && $0.freeIndices.contains(k) }
        let vectorPart = factors.filter { !$0.freeIndices.contains(i) && $0.freeIndices.contains(k) }
        let coefficientPart = factors.filter { !$0.freeIndices.contains(i) && !$0.freeIndices.contains(k) }
        guard !matrixPart.isEmpty, !vectorPart.isEmpty, matrixPart.count + vectorPart.count + coefficientPart.count == factors.count,
              let m = elementwise(.product(of: matrixPart), i, k), let v = vector(.product(of: vectorPart), over: k) else { return nil }
        let matrix = m.isSum || m.isProduct ? m.tightened : m
        let vectorShown = v.isSum || v.isProduct ? v.tightened : v
        var form = Form(input: "\(matrix.input) @ \(vectorShown.input)", unicode: Vectorizer.juxtaposed(matrix.unicode, vectorShown.unicode),
                        latex: "\(matrix.latex) \(vectorShown.latex)", isProduct: true, isMatrixProduct: true)
        let coefficient = Term.product(of: coefficientPart)
        if !coefficient.isOne {
            let c = coefficient.coefficientAndRest.0
            let magnitude = Term.product(of: [.number(abs(c)), coefficient.coefficientAndRest.1])
            if !magnitude.isOne {
                guard let k = scalar(magnitude) else { return nil }
                form = Form(input: "\(k.parenthesized().input) * \(form.input)", unicode: "\(k.parenthesized().unicode)·\(form.unicode)",
                            latex: "\(k.parenthesized().latex) \(form.latex)", isProduct: true, isMatrixProduct: true)
            }
            if c < 0 { form = negate(form) }
        }
        return form
    }

    /// Sums, products, quotients, powers and elementwise functions of already-vectorised parts.
    private func combine(_ term: Term, _ part: (Term) -> Form?) -> Form? {
        switch term {
        case .add(let terms):
            var result: Form?
            for t in terms {
                let (c, rest) = t.coefficientAndRest
                guard let piece = part(c < 0 ? Term.product(of: [.number(-c), rest]) : t) else { return nil }
                guard let sofar = result else { result = c < 0 ? negate(piece) : piece; continue }
                let op = c < 0 ? (" - ", " − ", " - ") : (" + ", " + ", " + ")
                result = Form(input: sofar.input + op.0 + piece.input, unicode: sofar.unicode + op.1 + piece.unicode,
                              latex: sofar.latex + op.2 + piece.latex, isSum: true)
            }
            return result
        case .multiply(let factors) where factors.contains(where: { if case .number(let c) = $0 { return c < 0 } else { return false } }):
            // −1·σ(…) is −σ(…): the sign in front, the rest as it is.
            let (c, rest) = term.coefficientAndRest
            guard let positive = part(Term.product(of: [.number(-c), rest])) else { return nil }
            return negate(positive)
        case .multiply(let factors):
            // Numbers scale (·); only two vectors multiply elementwise (⊙).
            var unicode = "", latex = ""
            var inputs: [String] = []
            var previousIsVector = false
            for (n, f) in factors.enumerated() {
                guard let piece = part(f)?.parenthesized() else { return nil }
                let isVector = !f.freeIndices.isEmpty
                if n > 0 {
                    unicode += isVector && previousIsVector ? " ⊙ " : "·"
                    latex += isVector && previousIsVector ? " \\odot " : " "
                }
                unicode += piece.unicode
                latex += piece.latex
                inputs.append(piece.input)
                previousIsVector = previousIsVector || isVector
            }
            return Form(input: inputs.joined(separator: " * "), unicode: unicode, latex: latex, isProduct: factors.count > 1)
        case .divide(let a, let b):
            guard let top = part(a), let bottom = part(b) else { return nil }
            // The top is the left operand: only a sum needs parentheses there.
            let above = top.isSum ? top.parenthesized() : top
            return Form(input: "\(above.input) / \(bottom.tight().input)",
                        unicode: "\(above.unicode) / \(bottom.tight().unicode)",
                        latex: "\\frac{\(top.latex)}{\(bottom.latex)}", isProduct: true)
        case .power(let a, .number(let e)):
            guard let base = part(a) else { return nil }
            let exponent = e == e.rounded() ? String(Int(e)) : String(e)
            return Form(input: "\(base.tight().input)^\(exponent)", unicode: "\(base.tight().unicode)^\(exponent)",
                        latex: "\(base.tight().latex)^{\(exponent)}")
        case .apply(let f, let args):
            var pieces: [Form] = []
            for a in args {
                guard let piece = part(a) else { return nil }
                pieces.append(piece)
            }
            let name = f == "sigmoid" ? "σ" : f
            return Form(input: "\(f)(\(pieces.map(\.input).joined(separator: ", ")))",
                        unicode: "\(name)(\(pieces.map(\.unicode).joined(separator: ", ")))",
                        latex: "\\operatorname{\(f.split(separator: "_").joined(separator: "\\_"))}\\left(\(pieces.map(\.latex).joined(separator: ", "))\\right)")
        default:
            guard case .number = term else { return nil }
            let text = TermRenderer(.input).render(term)
            return Form(input: text, unicode: TermRenderer(.unicode).render(term), latex: TermRenderer(.latex).render(term))
        }
    }

    /// −f: a sum in parentheses; a product as it is, since a leading minus and a left-to-right product or
    /// matrix product read the same (-X' @ v, -2 * v). As an operand later on, it is parenthesised.
    func negate(_ f: Form) -> Form {
        let p = f.isSum ? f.parenthesized() : f
        return Form(input: "-" + p.input, unicode: "−" + p.unicode, latex: "-" + p.latex, isProduct: true, isMatrixProduct: true)
    }

    /// A term built elementwise from matrices indexed exactly (i, j), as (Pᵢⱼ − Yᵢⱼ)/m.
    func elementwise(_ term: Term, _ i: Index, _ j: Index) -> Form? {
        switch term {
        case .indexed(let name, let indices) where indices == [i, j]:
            return Form(input: name, unicode: name, latex: name)
        case .indexed(let name, let indices) where indices == [j, i]:
            // Rows and columns are the free indices in alphabetical order, so W_ji over (i, j) is Wᵀ.
            return Form(input: "\(name)'", unicode: "\(name)ᵀ", latex: "\(name)^{\\top}")
        case _ where term.freeIndices.isEmpty:
            return scalar(term)
        case .indexed, .delta, .sum:
            return nil
        default:
            return combine(term) { elementwise($0, i, j) }
        }
    }

    /// Σₖ with the factors that do not involve k in front: Σₙ aⱼ·bₗ·cₙⱼ = aⱼ·bₗ·Σₙ cₙⱼ, so each part's shape shows.
    static func pullingOut(_ term: Term) -> Term {
        guard case .sum(let k, let body) = term else { return term }
        let factors = body.factors
        let outside = factors.filter { !$0.freeIndices.contains(k) }
        guard !outside.isEmpty, outside.count < factors.count else { return term }
        return .product(of: outside + [.indexSum(k, .product(of: factors.filter { $0.freeIndices.contains(k) }))])
    }

    /// A matrix over (i, j): each expanded monomial is c·diag(a) when it holds δᵢⱼ, or c·outer(a, b).
    private func matrix(_ given: Term, rows i: Index, columns j: Index) -> Form? {
        let term = Vectorizer.pullingOut(given)
        if let whole = elementwise(term, i, j) { return whole }
        // A matrix over a number, as pᵢ(δᵢⱼ − pⱼ)/T: the matrix form of the top, over the number.
        if case .divide(let top, let bottom) = term, bottom.freeIndices.isEmpty, let m = matrix(top, rows: i, columns: j),
           let k = scalar(bottom) {
            return Form(input: "(\(m.input)) / \(k.tight().input)", unicode: "(\(m.unicode)) / \(k.tight().unicode)",
                        latex: "\\frac{\(m.latex)}{\(k.latex)}", isProduct: true)
        }
        // A product of a part over i and a part over j, as (p − y)xᵀ: one outer product, unexpanded.
        let factors = term.factors
        let rowPart = factors.filter { $0.freeIndices == [i] }, columnPart = factors.filter { $0.freeIndices == [j] }
        let scalarPart = factors.filter { $0.freeIndices.isEmpty }
        if !rowPart.isEmpty, !columnPart.isEmpty, rowPart.count + columnPart.count + scalarPart.count == factors.count,
           let a = vector(.product(of: rowPart), over: i), let b = vector(.product(of: columnPart), over: j) {
            var piece = Vectorizer.outer(a, b)
            let coefficient = Term.product(of: scalarPart)
            if !coefficient.isOne, let k = scalar(coefficient) {
                piece = Form(input: "\(k.parenthesized().input) * \(piece.input)", unicode: "\(k.parenthesized().unicode)·\(piece.unicode)",
                             latex: "\(k.parenthesized().latex) \(piece.latex)")
            }
            return piece
        }
        // A vector over i times a matrix, as (1 − tanh(uᵢ)²)·Wᵢⱼ: diag(a) @ W, each row of W scaled.
        if let scaled = scaledMatrix(factors, rows: i, columns: j) { return scaled }
        if let product = matrixMatrixProduct(factors, rows: i, columns: j) { return product }
        let monomials = Polynomial.collect(Polynomial.monomials(term, expand: true))
        var result: Form?
        for m in monomials {
            var rowFactors: [Term] = [], columnFactors: [Term] = [], scalars: [Term] = []
            var diagonal = false
            for (atom, e) in m.powers {
                let factor = Term.raise(atom, to: .number(e))
                let free = atom.freeIndices
                if atom == .delta(i, j) { diagonal = true; continue }
                switch (free.contains(i), free.contains(j)) {
                case (false, false): scalars.append(factor)
                case (true, false): rowFactors.append(factor)
                case (false, true): columnFactors.append(factor)
                case (true, true): return nil
                }
            }
            let c = abs(m.coefficient)
            let coefficient = Term.product(of: [.number(c)] + scalars)
            var piece: Form
            if diagonal {
                let along = Term.product(of: rowFactors + columnFactors.map { $0.renaming(j, to: i) })
                if along.isOne {
                    piece = Form(input: "eye(\(size))", unicode: "I", latex: "I")
                } else {
                    guard let v = vector(along, over: i) else { return nil }
                    piece = Form(input: "diag(\(v.input))", unicode: "diag(\(v.unicode))", latex: "\\operatorname{diag}\\left(\(v.latex)\\right)")
                }
            } else {
                let ones = Form(input: "ones(\(size))", unicode: "𝟏", latex: "\\mathbf{1}")
                let a = rowFactors.isEmpty ? ones : vector(.product(of: rowFactors), over: i)
                let b = columnFactors.isEmpty ? ones : vector(.product(of: columnFactors), over: j)
                guard let a, let b else { return nil }
                piece = Vectorizer.outer(a, b)
            }
            if !coefficient.isOne {
                guard let k = scalar(coefficient) else { return nil }
                piece = Form(input: "\(k.parenthesized().input) * \(piece.input)", unicode: "\(k.parenthesized().unicode)·\(piece.unicode)",
                             latex: "\(k.parenthesized().latex) \(piece.latex)")
            }
            guard let sofar = result else { result = m.coefficient < 0 ? negate(piece) : piece; continue }
            let minus = m.coefficient < 0
            result = Form(input: sofar.input + (minus ? " - " : " + ") + piece.input,
                          unicode: sofar.unicode + (minus ? " − " : " + ") + piece.unicode,
                          latex: sofar.latex + (minus ? " - " : " + ") + piece.latex, isSum: true)
        }
        return result ?? Form(input: "zeros(\(size), \(size))", unicode: "0", latex: "0")
    }
}

extension Vectorizer {
    /// The outer product abᵀ, in input as a column times a row, `a @ b'`, as it is printed on paper.
    static func outer(_ a: Form, _ b: Form) -> Form {
        let left = a.isSum ? a.parenthesized() : a
        let simple = b.input.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
        let right = simple ? b.input : "(\(b.input))"
        let (au, bu) = (a.isSum || a.isProduct ? "(\(a.unicode))" : a.unicode, b.isSum || b.isProduct ? "(\(b.unicode))" : b.unicode)
        return Form(input: "\(left.input) @ \(right)'", unicode: "\(au)\(bu)ᵀ",
                    latex: "\(a.parenthesized().latex) \(b.parenthesized().latex)^{\\top}", isProduct: true, isMatrixProduct: true)
    }

    /// Two factors of a product side by side, as on paper (Wx, Aᵀ(Ax − b)), with a space where they would
    /// run together into one name: after a digit (W2 x) or before a function's name (Wᵀ step(u)).
    static func juxtaposed(_ left: String, _ right: String) -> String {
        let endsInDigit = left.last?.isNumber == true
        let startsWithWord = right.prefix(2).count == 2 && right.prefix(2).allSatisfy(\.isLetter)
        return left + (endsInDigit || startsWithWord ? " " : "") + right
    }

    /// The vectorizer of a derivation: its sizes, its fixed letters, and u = W @ x written out as Wx.
    init(plan: Deriver.Plan) {
        self.init(size: plan.size, fixed: plan.fixed)
        for d in plan.definitions where d.kind == .linear {
            let parts = d.meaning.split(separator: "@").map { String($0.filter { $0 != " " }) }
            guard parts.count == 2 else { continue }
            expansions[d.name] = Form(input: d.meaning, unicode: Vectorizer.juxtaposed(parts[0], parts[1]), latex: parts.joined(separator: " "), isProduct: true,
                                      isMatrixProduct: true)
        }
    }
}
