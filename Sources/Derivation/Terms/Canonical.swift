/// Equality up to the order of sums and products, for recognising the same atom written two ways.
extension Term {
    /// The term with the operands of every sum and product in a fixed order.
    var canonical: Term {
        switch self {
        case .add(let terms): return .add(terms.map(\.canonical).sorted { $0.sortKey < $1.sortKey })
        case .multiply(let factors): return .multiply(factors.map(\.canonical).sorted { $0.sortKey < $1.sortKey })
        default:
            let kids = children
            return kids.isEmpty ? self : with(children: kids.map(\.canonical))
        }
    }

    /// A string that orders terms deterministically.
    var sortKey: String { TermRenderer(.input).render(self) }

    /// Whether two terms are equal up to reordering of sums and products.
    func isEquivalent(to other: Term) -> Bool {
        self == other || canonical == other.canonical
    }
}
