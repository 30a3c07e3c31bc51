/// The ways a term can be written.
public enum Notation: Sendable {
    /// Jacobi's own input syntax: every step can be pasted at the prompt.
    case input
    /// ∂, Σ, δᵢⱼ, subscripts and superscripts, for terminals.
    case unicode
    /// The same, in ASCII, for terminals without Unicode.
    case ascii
    /// LaTeX math, for `align*` blocks and Markdown.
    case latex
}
