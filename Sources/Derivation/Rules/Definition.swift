import VectorLang

/// A name the derivation gives to a recognised part of the input: p for softmax(z), u for W @ x.
///
/// The name is chosen when the input is read, never one the input or the session already uses; what
/// it stands for is kept as typed (`expression`), so the numeric check evaluates the input itself.
public struct Definition: Sendable {
    public enum Kind: Sendable, Equatable {
        /// p_X = exp(z_X / T)/Σₖ exp(zₖ / T), with T = 1 left out.
        case softmax(temperature: Term?)
        /// q_X = z_X − log Σₖ exp(zₖ).
        case logSoftmax
        /// u_X = Σₘ W_Xm xₘ.
        case linear
        /// P_XY = exp(Z_XY)/Σₖ exp(Z_Xk): each row its own softmax.
        case rowSoftmax
    }

    /// The name used for it: `p`.
    public let name: String
    public let kind: Kind
    /// What it stands for, as the input wrote it, with earlier definitions' names: `softmax(u)`.
    public let meaning: String
    /// What it stands for with nothing abbreviated, as typed: the numeric check evaluates this.
    public let expression: Expr
    /// The names it depends on directly: z, or W and x, or another definition's name.
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
        }
    }

    /// The vector (or matrix) a softmax-like definition is taken of.
    var argument: String { arguments.first ?? "" }

    /// How many indices an element takes.
    var rank: Int { kind == .rowSoftmax ? 2 : 1 }

    /// The element at `x`, written out; its sum's index is any letter, as the sum binds it.
    public func element(_ x: [Index]) -> Term? {
        guard x.count == rank else { return nil }
        let k = Term.fresh(avoiding: Set(x))
        switch kind {
        case .softmax, .rowSoftmax:
            guard let n = numerator(x), let d = denominator(x) else { return nil }
            return .quotient(n, d)
        case .logSoftmax:
            return .indexed(argument, x) - .log(.indexSum(k, .exp(.indexed(argument, [k]))))
        case .linear:
            guard arguments.count == 2 else { return nil }
            return .indexSum(k, .indexed(arguments[0], [x[0], k]) * .indexed(arguments[1], [k]))
        }
    }

    /// For a quotient N(X)/D (softmax): the numerator, so that written-out forms can be folded back.
    func numerator(_ x: [Index]) -> Term? {
        switch kind {
        case .softmax(let temperature): return .exp(scaled(.indexed(argument, x), temperature))
        case .rowSoftmax: return .exp(.indexed(argument, x))
        default: return nil
        }
    }

    /// The denominator of a softmax at X: it depends on X's row only, for the row-wise one.
    func denominator(_ x: [Index]) -> Term? {
        let k = Term.fresh(avoiding: Set(x))
        switch kind {
        case .softmax(let temperature): return .indexSum(k, .exp(scaled(.indexed(argument, [k]), temperature)))
        case .rowSoftmax: return x.count == 2 ? .indexSum(k, .exp(.indexed(argument, [x[0], k]))) : nil
        default: return nil
        }
    }

    private func scaled(_ t: Term, _ temperature: Term?) -> Term {
        temperature.map { Term.quotient(t, $0) } ?? t
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
        /// ∂p_X/∂z_Y = (1/T) p_X(δ_XY − p_Y), for p = softmax(z) or softmax(z, T); row by row for a matrix.
        case softmaxJacobian
    }

    public let name: String
    public let statement: String
    /// ∂(definition at X)/∂(its argument at Y), for index lists X and Y.
    let definition: Definition
    let derivative: @Sendable (_ x: [Index], _ y: [Index]) -> Term?

    /// The lemma of `kind` about `d`, when it has one.
    static func about(_ d: Definition, kind: Kind) -> Lemma? {
        let p = d.name, z = d.argument
        let derivative: @Sendable ([Index], [Index]) -> Term?
        let name: String, cite: String
        switch (kind, d.kind) {
        case (.softmaxJacobian, .softmax(let temperature)):
            name = "softmax Jacobian"
            cite = temperature == nil ? ":derive softmax" : ":derive softmax-temperature"
            derivative = { x, y in
                guard x.count == 1, y.count == 1 else { return nil }
                let core = Term.product(of: [.indexed(p, x), .kronecker(x[0], y[0]) - .indexed(p, y)])
                return temperature.map { .product(of: [.quotient(.one, $0), core]) } ?? core
            }
        case (.softmaxJacobian, .rowSoftmax):
            name = "softmax Jacobian, row by row"
            cite = "each row is its own softmax"
            derivative = { x, y in
                guard x.count == 2, y.count == 2 else { return nil }
                return .product(of: [.kronecker(x[0], y[0]), .indexed(p, x), .kronecker(x[1], y[1]) - .indexed(p, [x[0], y[1]])])
            }
        default:
            return nil
        }
        // The statement in the definition's own names, at sample letters.
        let x = d.rank == 2 ? [Index("r"), Index("k")] : [Index("k")]
        let y = d.rank == 2 ? [Index("i"), Index("j")] : [Index("j")]
        guard let general = derivative(x, y) else { return nil }
        let r = TermRenderer(.unicode)
        let statement = "\(r.render(.partial(.indexed(p, x), Variable(z, y)))) = \(r.render(general)) (\(cite))"
        return Lemma(name: name, statement: statement, definition: d, derivative: derivative)
    }
}
