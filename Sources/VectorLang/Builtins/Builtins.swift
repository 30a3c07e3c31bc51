/// The table of every builtin, assembled from one file per family.
public enum Builtins {
    public static let all: [Builtin] =
        Operators.entries + MathFunctions.entries + Reductions.entries + LinearAlgebra.entries + Constructors.entries
        + RandomBuiltins.entries + SoftmaxFamily.entries + Activations.entries + Losses.entries + Calculus.entries
        + IndexFunctions.entries + Pictures.entries

    /// Lookup by name; the first entry of a name wins (names are unique, and a test checks it).
    public static let named: [String: Builtin] = Dictionary(all.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })

    /// Named numbers; only those in `shadowableConstants` can be reassigned.
    public static let constants: [String: Double] = [
        "pi": .pi, "π": .pi, "e": eulersNumber, "inf": .infinity, "Inf": .infinity, "nan": .nan, "NaN": .nan,
    ]

    /// Constants a session may bind to its own value, which then hides the constant until `:reset`.
    ///
    /// `e` is Euler's number, but it is also what many people call an error or an edge; forbidding the
    /// name would break their scripts, so the session's binding wins (and says so once).
    public static let shadowableConstants: Set<String> = ["e"]

    /// e = exp(1), correctly rounded (the nearest Double to 2.718281828459045235…).
    static let eulersNumber = 2.718281828459045

    static let negate = Operators.negate
    static let transpose = Operators.transpose
}
