/// A named derivation in the catalog: input a user could type, plus what it may cite and what it assumes.
///
/// It goes through the same path as typed input (`Derivations.derive`), so a catalog entry and the same
/// text typed at the prompt get the same reading, recognition and facts.
public struct CatalogEntry: Sendable {
    public let name: String
    public let title: String
    /// One line for `jacobi derive --list`.
    public let summary: String
    /// The expression, as a user would type it.
    public let input: String
    /// The variable (`z_j`, `x`); nil for an identity (shift invariance), which simplifies the input instead.
    public let wrt: String?
    /// Earlier results it may cite.
    public let cites: [Lemma.Kind]
    /// Facts it assumes, in the vocabulary of `Assumption` (`Y onehot`).
    public let assumes: [String]
    /// Said in the header, for the reader: what the names mean, what is unusual.
    public let notes: [String]
    /// A small example, as lines of Jacobi input, used when the session binds nothing.
    public let example: [String]

    init(name: String, title: String, summary: String, input: String, wrt: String?, cites: [Lemma.Kind] = [],
         assumes: [String] = [], notes: [String] = [], example: [String]) {
        self.name = name
        self.title = title
        self.summary = summary
        self.input = input
        self.wrt = wrt
        self.cites = cites
        self.assumes = assumes
        self.notes = notes
        self.example = example
    }
}
