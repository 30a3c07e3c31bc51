import VectorLang

/// A name the derivation gives to a recognised part of the input: p for softmax(z), u for W @ x.
///
/// The name is chosen when the input is read, never one the input or the session already uses; what
/// it stands for is kept as typed (`expression`), so the numeric check evaluates the input itself.
public struct Definition: Sendable {
    public enum Kind: Sendable, Equatable {
        /// p_X = exp(a_X)/Σₖ exp(aₖ), for logits a written at the index `Definition.slot` (z_#, z_#/T, z_# − c).
        case softmax(logits: Term)
        /// q_X = a_X − log Σₖ exp(aₖ).
        case logSoftmax(logits: Term)
        /// u_X = Σₘ W_Xm xₘ.
        case linear
        /// P_XY = exp(Z_XY)/Σₖ exp(Z_Xk): each row its own softmax.
        case rowSoftmax
        /// Q_XY = Z_XY − log Σₖ exp(Z_Xk).
        case rowLogSoftmax
        /// u = an inner argument of a composition (σ(x) inside σ(σ(σ(x)))), a number: named so that each
        /// level is differentiated once and the steps grow with the depth, not its square.
        case intermediate(Term)
    }

    /// The index the logits of a softmax are written at, replaced by the element's own.
    static let slot = Index("#")

    /// The name used for it: `p`.
    public let name: String
    public let kind: Kind
    /// What it stands for, in input syntax, with earlier definitions' names: `softmax(u)`, `softmax(z - c)`.
    public let meaning: String
    /// What it stands for with nothing abbreviated, as typed: the numeric check evaluates this.
    public let expression: Expr
    /// The names it depends on directly: z and c, or W and x, or another definition's name.
    public let arguments: [String]

    init(name: String, kind: Kind, meaning: String, expression: Expr, arguments: [String]) {
        self.name = name
        self.kind = kind
        self.meaning = meaning
        self.expression = expression
        self.arguments = arguments
    }

    /// For the rule names: "definition of softmax".
    public var title: String {
        switch kind {
        case .softmax: return "softmax"
        case .logSoftmax: return "log_softmax"
        case .linear: return "a linear layer"
        case .rowSoftmax: return "softmax, row by row"
        case .rowLogSoftmax: return "log_softmax, row by row"
        case .intermediate: return "an intermediate"
        }
    }

    /// The vector a softmax is taken of, when its logits are that vector (over a temperature): what the
    /// softmax Jacobian is stated for.
    var plainArgument: (vector: String, temperature: Term?)? {
        let logits: Term
        switch kind {
        case .softmax(let l), .logSoftmax(let l): logits = l
        case .rowSoftmax, .rowLogSoftmax: return arguments.first.map { ($0, nil) }
        case .linear, .intermediate: return nil
        }
        switch logits {
        case .indexed(let z, let x) where x == [Definition.slot]: return (z, nil)
        case .divide(.indexed(let z, let x), let t) where x == [Definition.slot] && !t.mentions(z) && !t.freeIndices.contains(Definition.slot):
            return (z, t)
        default: return nil
        }
    }

    /// The vector (or matrix) a softmax-like definition is taken of, when it is plain.
    var argument: String { plainArgument?.vector ?? "" }

    /// How many indices an element takes.
    var rank: Int {
        switch kind {
        case .rowSoftmax, .rowLogSoftmax: return 2
        case .intermediate: return 0
        default: return 1
        }
    }

    /// The element at `x`, written out; its sum's index is any letter, as the sum binds it.
    public func element(_ x: [Index]) -> Term? {
        guard x.count == rank else { return nil }
        let k = Term.fresh(avoiding: Set(x))
        switch kind {
        case .softmax, .rowSoftmax:
            guard let n = numerator(x), let d = denominator(x) else { return nil }
            return .quotient(n, d)
        case .logSoftmax(let logits):
            return logits.renaming(Definition.slot, to: x[0]) - .log(.indexSum(k, .exp(logits.renaming(Definition.slot, to: k))))
        case .rowLogSoftmax:
            return .indexed(argument, x) - .log(.indexSum(k, .exp(.indexed(argument, [x[0], k]))))
        case .intermediate(let body):
            return body
        case .linear:
            guard arguments.count == 2 else { return nil }
            return .indexSum(k, .indexed(arguments[0], [x[0], k]) * .indexed(arguments[1], [k]))
        }
    }

    /// For a quotient N(X)/D (softmax): the numerator, so that written-out forms can be folded back.
    func numerator(_ x: [Index]) -> Term? {
        switch kind {
        case .softmax(let logits): return x.count == 1 ? .exp(logits.renaming(Definition.slot, to: x[0])) : nil
        case .rowSoftmax: return .exp(.indexed(argument, x))
        default: return nil
        }
    }

    /// The denominator of a softmax at X: it depends on X's row only, for the row-wise one.
    func denominator(_ x: [Index]) -> Term? {
        let k = Term.fresh(avoiding: Set(x))
        switch kind {
        case .softmax(let logits): return .indexSum(k, .exp(logits.renaming(Definition.slot, to: k)))
        case .rowSoftmax: return x.count == 2 ? .indexSum(k, .exp(.indexed(argument, [x[0], k]))) : nil
        default: return nil
        }
    }

    /// Whether its elements sum to one along the last index (softmax's do).
    var sumsToOne: Bool {
        switch kind {
        case .softmax, .rowSoftmax: return true
        default: return false
        }
    }
}

/// A theorem the derivation may cite instead of re-deriving it, as a textbook cites an earlier result.
public struct Lemma: Sendable {
    public enum Kind: Sendable, Equatable {
        /// ∂p_X/∂a_m = p_X(δ_Xm − p_m), for p = softmax(a) whatever its logits a; row by row for a matrix.
        case softmaxJacobian
    }

    public let name: String
    /// Where it was derived: ":derive softmax".
    public let cite: String
    let definition: Definition
    /// ∂(definition at X)/∂v, or nil where the lemma does not say.
    let derivative: @Sendable (_ x: [Index], _ v: Variable) -> Term?

    /// Every lemma about `d`: the softmax Jacobian for a softmax of any logits.
    static func all(about d: Definition) -> [Lemma] {
        [Lemma.about(d, kind: .softmaxJacobian)].compactMap { $0 }
    }

    /// The lemma of `kind` about `d`, when it has one.
    static func about(_ d: Definition, kind: Kind) -> Lemma? {
        let p = d.name
        switch (kind, d.kind) {
        case (.softmaxJacobian, .softmax(let logits)):
            let plain = d.plainArgument
            return Lemma(name: "softmax Jacobian", cite: plain?.temperature == nil ? ":derive softmax" : ":derive softmax-temperature", definition: d) { x, v in
                guard x.count == 1 else { return nil }
                // By the vector itself: pₓ(δₓⱼ − pⱼ), over T for a temperature.
                if let (z, temperature) = plain, v.name == z, v.indices.count == 1 {
                    let core = Term.product(of: [.indexed(p, x), .kronecker(x[0], v.indices[0]) - .indexed(p, v.indices)])
                    return temperature.map { .product(of: [.quotient(.one, $0), core]) } ?? core
                }
                // By anything else the logits depend on: Σₘ pₓ(δₓₘ − pₘ)·∂aₘ/∂v.
                let m = Term.fresh(avoiding: Set(x).union(v.indices).union(logits.allIndices))
                return .indexSum(m, .product(of: [.indexed(p, x), .kronecker(x[0], m) - .indexed(p, [m]),
                                                  .partial(logits.renaming(Definition.slot, to: m), v)]))
            }
        case (.softmaxJacobian, .rowSoftmax):
            return Lemma(name: "softmax Jacobian, row by row", cite: "each row is its own softmax", definition: d) { x, v in
                guard x.count == 2, v.indices.count == 2, v.name == d.argument else { return nil }
                let y = v.indices
                return .product(of: [.kronecker(x[0], y[0]), .indexed(p, x), .kronecker(x[1], y[1]) - .indexed(p, [x[0], y[1]])])
            }
        default:
            return nil
        }
    }

    /// The result as it is used, in the definition's names and the indices where it is cited.
    func statement(at x: [Index], _ v: Variable) -> String? {
        guard let result = derivative(x, v) else { return nil }
        let r = TermRenderer(.unicode)
        if case .sum(let m, let body) = result, case .softmax(let logits) = definition.kind {
            // The Jacobian by the logits, then the chain rule through them.
            let jacobian = body.factors.filter { !$0.containsPartial }
            let a = r.render(logits.renaming(Definition.slot, to: m))
            return "∂\(r.render(.indexed(definition.name, x)))/∂\(a) = \(r.render(.product(of: jacobian))) (\(cite)), then the chain rule through the logits"
        }
        return "\(r.render(.partial(.indexed(definition.name, x), v))) = \(r.render(result)) (\(cite))"
    }
}
