/// Equality up to the order of sums and products, for recognising the same atom written two ways.
extension Term {
    /// The term with the operands of every sum and product in a fixed order.
    var canonical: Term {
        switch self {
        case .add(let terms): return .add(Term.sortedByKey(terms.map(\.canonical)))
        case .multiply(let factors): return .multiply(Term.sortedByKey(factors.map(\.canonical)))
        default:
            let kids = children
            return kids.isEmpty ? self : with(children: kids.map(\.canonical))
        }
    }

    /// Sorted by `sortKey`, each key rendered once rather than once per comparison.
    private static func sortedByKey(_ terms: [Term]) -> [Term] {
        terms.map { ($0.sortKey, $0) }.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// A string that orders terms deterministically.
    var sortKey: String {
        var renderer = TermRenderer(.input)
        renderer.canonicalBinders = true
        return renderer.render(self)
    }

    /// Whether two terms are equal up to reordering of sums and products.
    func isEquivalent(to other: Term) -> Bool {
        self == other || canonical == other.canonical
    }
}
