/// A derivation as the engine wrote it, in the blocks a person reads it by: what is derived, each
/// step, and the closing check.
///
/// Lessons and the presenter reveal a derivation one block of `reveals` at a time, so a long
/// derivation no longer pushes the prose and the question off the screen. A derivation that has no
/// steps to reveal (another format, the catalog's list) is all header.
public struct DerivationBlocks: Equatable, Sendable {
    /// What is derived, the abbreviations, the numbers it is evaluated at.
    public var header: [String]
    /// One block per step, each with its rule, expression and value; the first is the starting expression.
    public var steps: [[String]]
    /// How it ended: the check against automatic differentiation and finite differences.
    public var footer: [String]

    public init(header: [String], steps: [[String]] = [], footer: [String] = []) {
        self.header = header
        self.steps = steps
        self.footer = footer
    }

    /// What one press reveals: the header with the starting expression (a header alone says nothing
    /// to wait on), then each step, the last with the footer (the check belongs to the result).
    public var reveals: [[String]] { DerivationBlocks.reveals(header: header, steps: steps, footer: footer) }

    /// The same grouping for lines of any kind (the shell's coloured ones, say).
    public static func reveals<Line>(header: [Line], steps: [[Line]], footer: [Line]) -> [[Line]] {
        guard let first = steps.first else { return [header + footer] }
        var blocks = [header + first] + steps.dropFirst()
        blocks[blocks.count - 1] += footer
        return blocks
    }

    /// The whole derivation, as it reads when shown at once.
    public var lines: [String] { reveals.flatMap { $0 } }
}
