/// Where a subterm sits in a term: the child numbers from the root, so a slip can be planted in one
/// place and the whole line rebuilt around it by the smart constructors.
typealias TermPath = [Int]

extension Term {
    /// Every subterm with its path, the term itself first, then its children's left to right.
    var positions: [(path: TermPath, term: Term)] {
        var found: [(TermPath, Term)] = [([], self)]
        for (n, child) in children.enumerated() {
            found += child.positions.map { ([n] + $0.path, $0.term) }
        }
        return found
    }

    /// The subterm at `path`, or nil when the path leads nowhere.
    func subterm(at path: TermPath) -> Term? {
        guard let first = path.first else { return self }
        let kids = children
        guard first < kids.count else { return nil }
        return kids[first].subterm(at: Array(path.dropFirst()))
    }

    /// The term with the subterm at `path` replaced, rebuilt outwards.
    func replacing(at path: TermPath, with new: Term) -> Term {
        guard let first = path.first else { return new }
        var kids = children
        guard first < kids.count else { return self }
        kids[first] = kids[first].replacing(at: Array(path.dropFirst()), with: new)
        return with(children: kids)
    }

    /// The path of the first occurrence of `part` (pre-order), or nil.
    func path(of part: Term) -> TermPath? {
        positions.first { $0.term == part }?.path
    }

    /// Free indices `a` and `b` swapped: the transpose of a matrix-valued term.
    func swapping(_ a: Index, _ b: Index) -> Term {
        let spare = Term.fresh(avoiding: allIndices.union([a, b]))
        return renaming(a, to: spare).renaming(b, to: a).renaming(spare, to: b)
    }
}
