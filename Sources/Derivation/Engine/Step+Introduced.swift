/// What a step brought in or rewrote, to be shown with its numbers beside the step.
///
/// The whole expression has the same value at every step, so printing it again says nothing about the
/// step; the values of the parts the rule named (f, g, f′ of the quotient rule), of what it cancelled or
/// took out, or of the part it rewrote (the cited Jacobian, Σₖ δₖⱼ exp(zₖ) = exp(zⱼ)) do.
extension Step {
    /// A part worth evaluating: the name the rule gave it (f, g′, u) or nil, and the part itself.
    public struct Introduced: Sendable, Equatable {
        public let name: String?
        public let term: Term
    }

    /// At most this many parts per step, so the line under a step stays short.
    static let introducedLimit = 4

    /// The parts this step introduced or rewrote, given the whole expression before it; never an input
    /// itself (zᵢ: its numbers are in the header), a number or a bare δ (its value is the identity). A
    /// name in `named` (p, u1) is a part of the derivation, and is shown.
    public func introduced(after previous: Term?, named: Set<String>) -> [Introduced] {
        var found: [Introduced] = []
        for piece in explanation {
            switch piece {
            case .binding(let name, let term): found.append(Introduced(name: name, term: term))
            case .term(let term): found.append(Introduced(name: nil, term: term))
            case .text: break
            }
        }
        // The i = j case is the diagonal of the whole: its value is worth seeing (the i ≠ j case is not a matrix of its own).
        for c in cases { if case .indices(_, _, equal: true) = c.when { found.append(Introduced(name: nil, term: c.expression)) } }
        found = found.filter { $0.isWorthShowing(named: named) }
        // The part a rule rewrote is always worth its value; the function itself only when nothing else is.
        if let part {
            let rewritten = Step.introduced(by: part, previous: previous).filter { $0.isWorthShowing(named: named) }
            if found.isEmpty || !Step.isWhole(part, previous: previous) { found += rewritten }
        }
        var seen: Set<Term> = []
        return Array(found.filter { seen.insert($0.term).inserted }.prefix(Step.introducedLimit))
    }

    private static func isWhole(_ part: Part, previous: Term?) -> Bool {
        (part.wrt.map { Term.partial(part.of, $0) } ?? part.of) == previous
    }

    /// For a rewritten part: the derivative it is, ∂f/∂v (its value is the value of what it became); when
    /// that derivative is the whole expression, the function being differentiated instead; for a rewrite
    /// that is not a derivative, what the part became (pᵢ for exp(zᵢ)/Σₖ exp(zₖ)), unless it is the whole.
    private static func introduced(by part: Part, previous: Term?) -> [Introduced] {
        // ∂x/∂x = 1, ∂c/∂x = 0: the rule's statement already says the value.
        if part.result.isNumber { return [] }
        if let v = part.wrt {
            let derivative = Term.partial(part.of, v)
            return derivative == previous ? [Introduced(name: nil, term: part.of)] : [Introduced(name: nil, term: derivative)]
        }
        return part.of == previous ? [] : [Introduced(name: nil, term: part.result)]
    }
}

extension Step.Introduced {
    /// Whether the value says something: not a constant, an input's own element or a Kronecker delta.
    func isWorthShowing(named: Set<String>) -> Bool {
        switch term {
        case .number, .delta: return false
        case .symbol(let name), .indexed(let name, _): return named.contains(name)
        // The derivative of a constant (f′ of f = 1) is 0, whatever the numbers.
        case .partial(let body, _): return !body.variableNames.isEmpty
        default: return !term.variableNames.isEmpty
        }
    }
}
