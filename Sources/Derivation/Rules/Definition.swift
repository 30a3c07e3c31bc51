/// An abbreviation the derivation introduces or unfolds: p = softmax(z), with p_i = exp(z_i)/Σ_k exp(z_k).
public struct Definition: Sendable {
    /// The letter used for it: `p`.
    public let abbreviation: String
    /// What it stands for, in input syntax: `softmax(z)`.
    public let meaning: String
    /// The variable it depends on: `z`.
    public let argument: String
    /// Element X written out.
    public let element: @Sendable (Index) -> Term
    /// For a quotient N(X)/D with D free of X (softmax): the parts, so the form can be folded back.
    let numerator: (@Sendable (Index) -> Term)?
    let denominator: Term?
    /// The function's name, for the rule that unfolds it: "definition of softmax".
    public let name: String

    init(abbreviation: String, meaning: String, argument: String, name: String,
         numerator: @escaping @Sendable (Index) -> Term, denominator: Term) {
        self.abbreviation = abbreviation
        self.meaning = meaning
        self.argument = argument
        self.name = name
        self.numerator = numerator
        self.denominator = denominator
        self.element = { .quotient(numerator($0), denominator) }
    }

    init(abbreviation: String, meaning: String, argument: String, name: String, element: @escaping @Sendable (Index) -> Term) {
        self.abbreviation = abbreviation
        self.meaning = meaning
        self.argument = argument
        self.name = name
        self.numerator = nil
        self.denominator = nil
        self.element = element
    }

    /// q = log_softmax(z): q_X = z_X − log Σ_k exp(z_k).
    public static func logSoftmax(_ q: String = "q", of z: String = "z", summingOver k: Index = Index("k")) -> Definition {
        Definition(abbreviation: q, meaning: "log_softmax(\(z))", argument: z, name: "log_softmax") { x in
            .indexed(z, [x]) - .log(.indexSum(k, .exp(.indexed(z, [k]))))
        }
    }

    /// u = W @ x: u_X = Σ_m W_Xm x_m, the logits of a linear layer.
    public static func linear(_ u: String = "u", weights w: String = "W", input x: String = "x", summingOver m: Index = Index("m")) -> Definition {
        Definition(abbreviation: u, meaning: "\(w) @ \(x)", argument: w, name: "a linear layer") { r in
            .indexSum(m, .indexed(w, [r, m]) * .indexed(x, [m]))
        }
    }

    /// p = softmax(z): p_X = exp(z_X / T)/Σ_k exp(z_k / T), with T = 1 left out.
    public static func softmax(_ p: String = "p", of z: String = "z", temperature: Term? = nil, summingOver k: Index = Index("k")) -> Definition {
        @Sendable func scaled(_ x: Index) -> Term {
            let zx = Term.indexed(z, [x])
            return temperature.map { Term.quotient(zx, $0) } ?? zx
        }
        let meaning = temperature.map { "softmax(\(z), \(TermRenderer(.input).render($0)))" } ?? "softmax(\(z))"
        return Definition(abbreviation: p, meaning: meaning, argument: z, name: "softmax",
                          numerator: { .exp(scaled($0)) }, denominator: .indexSum(k, .exp(scaled(k))))
    }
}

/// A theorem the derivation may cite instead of re-deriving it, as a textbook cites an earlier result.
public struct Lemma: Sendable {
    public let name: String
    public let statement: String
    /// ∂(abbreviation at X)/∂(argument at Y), for index lists X and Y.
    let abbreviation: String
    let argument: String
    let derivative: @Sendable (_ x: [Index], _ y: [Index]) -> Term?

    init(name: String, statement: String, abbreviation: String, argument: String,
         derivative: @escaping @Sendable (_ x: [Index], _ y: [Index]) -> Term?) {
        self.name = name
        self.statement = statement
        self.abbreviation = abbreviation
        self.argument = argument
        self.derivative = derivative
    }

    /// ∂p_X/∂z_Y = (1/T) p_X(δ_XY − p_Y), for p = softmax(z) or softmax(z, T).
    public static func softmaxJacobian(_ p: String = "p", of z: String = "z", temperature: Term? = nil) -> Lemma {
        Lemma(name: "softmax Jacobian", statement: temperature == nil ? "∂pₖ/∂zⱼ = pₖ(δₖⱼ − pⱼ) (:derive softmax)"
                  : "∂pₖ/∂zⱼ = (1/T)·pₖ(δₖⱼ − pⱼ) (:derive softmax-temperature)",
              abbreviation: p, argument: z) { x, y in
            guard x.count == 1, y.count == 1 else { return nil }
            let core = Term.product(of: [.indexed(p, x), .kronecker(x[0], y[0]) - .indexed(p, y)])
            return temperature.map { .product(of: [.quotient(.one, $0), core]) } ?? core
        }
    }

    /// ∂P_bk/∂Z_ij = δ_bi P_bk(δ_kj − P_bj) for a row-wise softmax P = softmax(Z): rows do not mix.
    public static func rowSoftmaxJacobian(_ p: String = "P", of z: String = "Z") -> Lemma {
        Lemma(name: "softmax Jacobian, row by row", statement: "∂Pᵣₖ/∂Zᵢⱼ = δᵣᵢ·Pᵣₖ(δₖⱼ − Pᵣⱼ): each row is its own softmax",
              abbreviation: p, argument: z) { x, y in
            guard x.count == 2, y.count == 2 else { return nil }
            return .product(of: [.kronecker(x[0], y[0]), .indexed(p, x), .kronecker(x[1], y[1]) - .indexed(p, [x[0], y[1]])])
        }
    }
}
