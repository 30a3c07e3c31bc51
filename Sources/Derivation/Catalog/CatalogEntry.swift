/// A named derivation in the catalog: what to differentiate, with respect to what, and how.
public struct CatalogEntry: Sendable {
    public let name: String
    public let title: String
    /// One line for `jacobi derive --list`.
    public let summary: String
    public let target: Term
    /// nil for an identity (shift invariance), which simplifies the target instead of differentiating it.
    public let wrt: Variable?
    public let plan: Deriver.Plan
    /// A small example, as lines of Jacobi input, used when the session binds nothing.
    public let example: [String]

    public func derive() -> DerivationResult {
        guard let wrt else { return Deriver().simplify(target, plan: plan) }
        return Deriver().derive(target, wrt: wrt, plan: plan)
    }
}
