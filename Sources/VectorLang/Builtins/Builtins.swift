/// The table of every builtin, assembled from one file per family.
public enum Builtins {
    public static let all: [Builtin] =
        Operators.entries + MathFunctions.entries + Reductions.entries + LinearAlgebra.entries + Constructors.entries
        + RandomBuiltins.entries + SoftmaxFamily.entries + Activations.entries + Losses.entries + Calculus.entries
        + IndexFunctions.entries + Pictures.entries

    /// Lookup by name; the first entry of a name wins (names are unique, and a test checks it).
    public static let named: [String: Builtin] = Dictionary(all.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })

    /// Named numbers, which cannot be reassigned.
    public static let constants: [String: Double] = [
        "pi": .pi, "π": .pi, "inf": .infinity, "Inf": .infinity, "nan": .nan, "NaN": .nan,
    ]

    static let negate = Operators.negate
    static let transpose = Operators.transpose
}
