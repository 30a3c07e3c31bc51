import VectorLang

/// Diagnoses the first wrong step W against the line before it R: each common slip is a relation
/// between the two (W = −R, W = R − t for a term t of R, …) tested at every random point, so a slip is
/// named only when it explains W exactly, and none is named when none does.
struct SlipFinder {
    let space: PointSpace
    let start: DerivationFile.Line
    let previous: DerivationFile.Line
    let wrong: Expr
    let wrongCode: String
    let previousValues: [IndexedValue]
    let wrongValues: [IndexedValue]

    func slips() -> [Slip] {
        var found: [Slip] = []
        if matches([], { r, _ in -r }) { found.append(.sign) }
        found += indexSlips()
        found += factSlips()
        if matches([], { r, _ in 2 * r }) { found.append(.doubled) }
        switch previous.kind {
        case .start(let r), .step(let r): found += partSlips(r)
        default: break
        }
        found += inputSlips()
        return found
    }

    // MARK: - Relations

    /// Whether W = candidate(R, others…) entry by entry at every point, the others lined up over the same letters.
    private func matches(_ others: [[IndexedValue]], _ candidate: (_ r: Double, _ others: [Double]) -> Double) -> Bool {
        guard !wrongValues.isEmpty, others.allSatisfy({ $0.count == wrongValues.count }) else { return false }
        for (n, (w, r)) in zip(wrongValues, previousValues).enumerated() {
            guard let (_, _, columns) = IndexedValue.aligned([w, r] + others.map { $0[n] }) else { return false }
            for e in columns[0].indices {
                let expected = candidate(columns[1][e], columns.dropFirst(2).map { $0[e] })
                if !IndexedValue.close(columns[0][e], expected) { return false }
            }
        }
        return true
    }

    /// Transpose and lost δ: relations between entries at different places, for two square indices.
    private func indexSlips() -> [Slip] {
        var transpose = true, diagonalAgrees = true, offDiagonalAgrees = true
        // Where only the diagonal agrees, the lost part c·(1 − δ) is off the diagonal one index's alone.
        var rowwise = true, columnwise = true
        var letters: [String] = []
        for (w, r) in zip(wrongValues, previousValues) {
            guard let (l, shape, columns) = IndexedValue.aligned([w, r]), l.count == 2, shape[0] == shape[1] else { return [] }
            letters = l
            let n = shape[0]
            for a in 0..<n {
                for b in 0..<n {
                    let wv = columns[0][a * n + b], rv = columns[1][a * n + b]
                    if !IndexedValue.close(wv, columns[1][b * n + a]) { transpose = false }
                    if !IndexedValue.close(wv, rv) {
                        if a == b { diagonalAgrees = false } else { offDiagonalAgrees = false }
                    }
                }
            }
            func difference(_ a: Int, _ b: Int) -> Double { columns[0][a * n + b] - columns[1][a * n + b] }
            for a in 0..<n {
                let others = (0..<n).filter { $0 != a }
                if let b0 = others.first {
                    if !others.allSatisfy({ IndexedValue.close(difference(a, $0), difference(a, b0)) }) { rowwise = false }
                    if !others.allSatisfy({ IndexedValue.close(difference($0, a), difference(b0, a)) }) { columnwise = false }
                }
            }
        }
        guard letters.count == 2 else { return [] }
        var found: [Slip] = []
        if transpose { found.append(.transpose(letters[0], letters[1])) }
        // A transpose agrees on the diagonal anyway: that is not a second, δ slip.
        if diagonalAgrees != offDiagonalAgrees, !(transpose && diagonalAgrees), offDiagonalAgrees || rowwise || columnwise { found.append(.lostDelta(letters[0], letters[1], onDiagonal: diagonalAgrees)) }
        return found
    }

    /// A top-level term or factor of R dropped or added, or a factor dropped from one term.
    private func partSlips(_ r: Expr) -> [Slip] {
        var found: [Slip] = []
        let terms = SlipFinder.terms(r)
        if terms.count >= 2 {
            for (term, negated) in terms {
                guard let t = value(term) else { continue }
                let s: Double = negated ? -1 : 1
                if matches([t], { r, o in r - s * o[0] }) { found.append(.droppedTerm(text(term))) }
                if matches([t], { r, o in r + s * o[0] }) { found.append(.addedTerm(text(term))) }
                let factors = SlipFinder.factors(term)
                guard factors.count >= 2 else { continue }
                for (factor, divisor) in factors {
                    guard let f = value(factor) else { continue }
                    if matches([t, f], { r, o in r - s * o[0] + s * (divisor ? o[0] * o[1] : o[0] / o[1]) }) {
                        found.append(.droppedFactorInTerm(factor: text(factor), term: text(term)))
                    }
                }
            }
        }
        let factors = SlipFinder.factors(r)
        if factors.count >= 2 {
            for (factor, divisor) in factors {
                guard let f = value(factor) else { continue }
                if matches([f], { r, o in divisor ? r * o[0] : r / o[0] }) { found.append(.droppedFactor(text(factor))) }
                if matches([f], { r, o in divisor ? r / o[0] : r * o[0] }) { found.append(.addedFactor(text(factor))) }
            }
        }
        return found
    }

    /// W = R wherever an input's elements (each row, for a matrix) sum to one, a fact not assumed.
    private func factSlips() -> [Slip] {
        let line = previous
        let r: Expr
        switch line.kind {
        case .start(let e), .step(let e): r = e
        default: return []
        }
        var found: [Slip] = []
        for name in space.inputs.names where (space.inputs.ranks[name] ?? 1) >= 1 {
            if space.inputs.facts[name]?.contains(where: \.impliesSumToOne) == true { continue }
            let fact = Assumption(.sumsToOne, name)
            let constrained = space.with(fact)
            guard case .success(let w) = constrained.values(of: wrong, code: wrongCode),
                  case .success(let v) = constrained.values(of: r, code: line.code),
                  constrained.equal(w, v) else { continue }
            found.append(.unassumedFact(fact))
        }
        return found
    }

    /// W = ∂f/∂u where the start is ∂f/∂x, for another input u of x's rank.
    private func inputSlips() -> [Slip] {
        guard case .start(let s) = start.kind, case .call(.variable("partial", _), let arguments, _) = s, arguments.count == 2,
              case .variable(let wrt, let range) = arguments[1] else { return [] }
        let parts = IndexedName.parse(wrt, range: range)
        let base = parts?.base ?? wrt
        let suffix = parts.map { "_" + $0.suffix } ?? ""
        var found: [Slip] = []
        let scalars = Array(start.code.unicodeScalars)
        guard range.start >= 0, range.end <= scalars.count else { return [] }
        for other in space.inputs.names where other != base && space.inputs.ranks[other] == space.inputs.ranks[base] {
            let text = String(String.UnicodeScalarView(scalars[..<range.start])) + other + suffix
                + String(String.UnicodeScalarView(scalars[range.end...]))
            guard let expr = try? Parser.parseExpression(text), case .success(let v) = space.values(of: expr, code: text),
                  v.contains(where: { $0.tensor.scalars.contains { $0 != 0 } }) else { continue }
            if space.equal(wrongValues, v) {
                found.append(.otherInput(used: other + suffix, expected: wrt))
            }
        }
        return found
    }

    // MARK: - Parts

    private func value(_ part: Expr) -> [IndexedValue]? {
        if case .success(let v) = space.values(of: part, code: previous.code) { return v }
        return nil
    }

    private func text(_ part: Expr) -> String {
        let scalars = Array(previous.code.unicodeScalars)
        let r = part.range
        guard r.start >= 0, r.start <= r.end, r.end <= scalars.count else { return "" }
        return String(String.UnicodeScalarView(scalars[r.start..<r.end]))
    }

    /// The terms of a sum, each with whether it is subtracted.
    static func terms(_ e: Expr) -> [(Expr, negated: Bool)] {
        switch e {
        case .binary(.add, let a, let b, _, _): return terms(a) + terms(b)
        case .binary(.subtract, let a, let b, _, _): return terms(a) + terms(b).map { ($0.0, !$0.negated) }
        case .unary(.plus, let a, _): return terms(a)
        default: return [(e, false)]
        }
    }

    /// The factors of a product, each with whether it divides; a leading minus is not a factor.
    static func factors(_ e: Expr) -> [(Expr, divisor: Bool)] {
        switch e {
        case .binary(.multiply, let a, let b, _, _): return factors(a) + factors(b)
        case .binary(.divide, let a, let b, _, _): return factors(a) + factors(b).map { ($0.0, !$0.divisor) }
        case .unary(_, let a, _): return factors(a)
        default: return [(e, false)]
        }
    }
}
