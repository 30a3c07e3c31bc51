/// A sum binds its index: Σₖ f(k) and Σₘ f(m) are the same term, substitution never captures, and no
/// letter is bound twice on one path.
///
/// Letters stay in the term (so a step reads as typed), but nothing depends on them: equality and
/// hashing see a bound index by how many binders out it points (de Bruijn), as SymPy's dummy
/// variables compare; renaming and replacing rename a binder out of the way before they could
/// capture, as egg's capture-avoiding rewrites do; `TermRenderer` picks the letters that are shown.
extension Term: Hashable {
    public static func == (a: Term, b: Term) -> Bool {
        var left: [Index] = [], right: [Index] = []
        return equal(a, b, &left, &right)
    }

    public func hash(into hasher: inout Hasher) {
        var bound: [Index] = []
        hash(into: &hasher, bound: &bound)
    }

    /// An index seen under `binders` (innermost last): its distance to the binder, or its name if free.
    private enum Resolved: Hashable {
        case bound(Int)
        case free(String)
    }

    private static func resolve(_ index: Index, _ binders: [Index]) -> Resolved {
        if let n = binders.lastIndex(of: index) { return .bound(binders.count - n) }
        return .free(index.name)
    }

    private static func equal(_ a: Index, _ b: Index, _ left: [Index], _ right: [Index]) -> Bool {
        resolve(a, left) == resolve(b, right)
    }

    private static func equal(_ a: Term, _ b: Term, _ left: inout [Index], _ right: inout [Index]) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)): return x == y
        case (.symbol(let x), .symbol(let y)): return x == y
        case (.indexed(let x, let xs), .indexed(let y, let ys)):
            return x == y && xs.count == ys.count && zip(xs, ys).allSatisfy { equal($0, $1, left, right) }
        case (.delta(let a1, let a2), .delta(let b1, let b2)):
            // δ is symmetric: δ_ab and δ_ba are one term, though each is shown as it was written.
            return equal(a1, b1, left, right) && equal(a2, b2, left, right) || equal(a1, b2, left, right) && equal(a2, b1, left, right)
        case (.add(let xs), .add(let ys)), (.multiply(let xs), .multiply(let ys)):
            return equalLists(xs, ys, &left, &right)
        case (.divide(let a1, let a2), .divide(let b1, let b2)), (.power(let a1, let a2), .power(let b1, let b2)):
            return equal(a1, b1, &left, &right) && equal(a2, b2, &left, &right)
        case (.apply(let f, let xs), .apply(let g, let ys)):
            return f == g && equalLists(xs, ys, &left, &right)
        case (.sum(let k, let x), .sum(let m, let y)):
            left.append(k)
            right.append(m)
            defer { left.removeLast(); right.removeLast() }
            return equal(x, y, &left, &right)
        case (.partial(let x, let v), .partial(let y, let w)):
            return v.name == w.name && v.indices.count == w.indices.count
                && zip(v.indices, w.indices).allSatisfy { equal($0, $1, left, right) } && equal(x, y, &left, &right)
        default:
            return false
        }
    }

    private static func equalLists(_ xs: [Term], _ ys: [Term], _ left: inout [Index], _ right: inout [Index]) -> Bool {
        guard xs.count == ys.count else { return false }
        for (x, y) in zip(xs, ys) where !equal(x, y, &left, &right) { return false }
        return true
    }

    private func hash(into hasher: inout Hasher, bound: inout [Index]) {
        func index(_ i: Index, _ hasher: inout Hasher) { hasher.combine(Term.resolve(i, bound)) }
        switch self {
        case .number(let x): hasher.combine(0); hasher.combine(x)
        case .symbol(let s): hasher.combine(1); hasher.combine(s)
        case .indexed(let s, let indices):
            hasher.combine(2); hasher.combine(s)
            for i in indices { index(i, &hasher) }
        case .delta(let a, let b):
            hasher.combine(3)
            let (x, y) = (Term.resolve(a, bound).hashValue, Term.resolve(b, bound).hashValue)
            hasher.combine(min(x, y))
            hasher.combine(max(x, y))
        case .add(let terms): hasher.combine(4); hasher.combine(terms.count)
            for t in terms { t.hash(into: &hasher, bound: &bound) }
        case .multiply(let terms): hasher.combine(5); hasher.combine(terms.count)
            for t in terms { t.hash(into: &hasher, bound: &bound) }
        case .divide(let a, let b): hasher.combine(6); a.hash(into: &hasher, bound: &bound); b.hash(into: &hasher, bound: &bound)
        case .power(let a, let b): hasher.combine(7); a.hash(into: &hasher, bound: &bound); b.hash(into: &hasher, bound: &bound)
        case .apply(let f, let args): hasher.combine(8); hasher.combine(f)
            for t in args { t.hash(into: &hasher, bound: &bound) }
        case .sum(let k, let body):
            hasher.combine(9)
            bound.append(k)
            body.hash(into: &hasher, bound: &bound)
            bound.removeLast()
        case .partial(let body, let v):
            hasher.combine(10); hasher.combine(v.name)
            for i in v.indices { index(i, &hasher) }
            body.hash(into: &hasher, bound: &bound)
        }
    }
}

extension Term {
    /// Letters tried, in order, when a binder needs a new one.
    static let indexLetters = ["k", "m", "l", "n", "r", "s", "t", "u", "v", "w", "a", "b", "c", "d", "e", "f", "g", "h", "o", "q",
                               "x", "p", "i", "j"].map(Index.init)

    /// The letters a result's rows and columns are given first, as on paper (∂pᵢ/∂zⱼ): a convention of
    /// printing only, since every letter is a binder or a fresh name and any other pair reads the same.
    static let outputLetters = [Index("i"), Index("j")]

    /// A letter not in `used`, preferring `preferred`.
    static func fresh(avoiding used: Set<Index>, preferring preferred: Index? = nil) -> Index {
        if let preferred, !used.contains(preferred) { return preferred }
        if let letter = indexLetters.first(where: { !used.contains($0) }) { return letter }
        var n = 1
        while used.contains(Index("k\(n)")) { n += 1 }
        return Index("k\(n)")
    }

    /// Whether some Σ inside binds `k`.
    func binds(_ k: Index) -> Bool {
        if case .sum(let m, let body) = self { return m == k || body.binds(k) }
        return children.contains { $0.binds(k) }
    }

    /// The sum's bound index and body, with the index renamed if it is in `avoid` (so that putting a term
    /// with those free indices into the body cannot capture them). Nil if the term is not a sum.
    func openedSum(avoiding avoid: Set<Index>) -> (index: Index, body: Term)? {
        guard case .sum(let k, let body) = self else { return nil }
        guard avoid.contains(k) else { return (k, body) }
        let fresh = Term.fresh(avoiding: avoid.union(body.allIndices))
        return (fresh, body.renaming(k, to: fresh))
    }

    /// Renames free occurrences of index `a` to `b`; a binder that would capture `b` is renamed first.
    public func renaming(_ a: Index, to b: Index) -> Term {
        guard a != b else { return self }
        switch self {
        case .indexed(let s, let indices): return .indexed(s, indices.map { $0 == a ? b : $0 })
        case .delta(let x, let y): return .kronecker(x == a ? b : x, y == a ? b : y)
        case .sum(let k, let body):
            if k == a || !body.freeIndices.contains(a) { return self }
            guard let (k2, inner) = openedSum(avoiding: [a, b]) else { return self }
            return .indexSum(k2, inner.renaming(a, to: b))
        case .partial(let body, let v):
            return .partial(body.renaming(a, to: b), Variable(v.name, v.indices.map { $0 == a ? b : $0 }))
        default: return with(children: children.map { $0.renaming(a, to: b) })
        }
    }

    /// Replaces every occurrence of `pattern` (equal up to bound letters) with `replacement`. Inside a
    /// sum whose letter is free in either, that letter means something else, so the binder is renamed first.
    /// Every element of `name` replaced by a term at the same indices (qₓ by log pₓ): no letter moves, so
    /// nothing can be captured.
    func replacingElements(of name: String, by element: ([Index]) -> Term) -> Term {
        if case .indexed(let n, let x) = self, n == name { return element(x) }
        let kids = children
        return kids.isEmpty ? self : with(children: kids.map { $0.replacingElements(of: name, by: element) })
    }

    public func replacing(_ pattern: Term, with replacement: Term) -> Term {
        let outside = pattern.freeIndices.union(replacement.freeIndices)
        return replacing(pattern, with: replacement, outside: outside)
    }

    private func replacing(_ pattern: Term, with replacement: Term, outside: Set<Index>) -> Term {
        if self == pattern { return replacement }
        if let (k, body) = openedSum(avoiding: outside) {
            return .indexSum(k, body.replacing(pattern, with: replacement, outside: outside))
        }
        let kids = children
        if kids.isEmpty { return self }
        return with(children: kids.map { $0.replacing(pattern, with: replacement, outside: outside) })
    }

    /// A letter that two nested sums both bind, if any: `indexSum` never lets this happen, and tests check it.
    public var letterBoundTwiceOnAPath: Index? {
        func visit(_ t: Term, _ enclosing: Set<Index>) -> Index? {
            if case .sum(let k, let body) = t {
                if enclosing.contains(k) { return k }
                return visit(body, enclosing.union([k]))
            }
            for child in t.children { if let k = visit(child, enclosing) { return k } }
            return nil
        }
        return visit(self, [])
    }
}

extension Term {
    /// The same term with every bound index given a letter that is not in `avoid` and not an enclosing
    /// sum's: what can be written out as input and read back with the same meaning.
    func withWritableBinders(avoiding avoid: Set<Index>) -> Term {
        func visit(_ t: Term, _ enclosing: Set<Index>) -> Term {
            if case .sum(let k, let body) = t {
                let taken = avoid.union(enclosing)
                let letter = ([k] + Term.indexLetters).first { !taken.contains($0) } ?? Term.fresh(avoiding: taken)
                return .sum(letter, visit(body.renaming(k, to: letter), enclosing.union([letter])))
            }
            let kids = t.children
            return kids.isEmpty ? t : t.with(children: kids.map { visit($0, enclosing) })
        }
        return visit(self, [])
    }

    /// Names of symbols and indexed names, for letters a binder should not be shown as.
    var variableNames: Set<String> {
        switch self {
        case .symbol(let s): return [s]
        case .indexed(let s, _): return [s]
        case .partial(let body, let v): return body.variableNames.union([v.name])
        default: return children.reduce(into: Set<String>()) { $0.formUnion($1.variableNames) }
        }
    }
}
