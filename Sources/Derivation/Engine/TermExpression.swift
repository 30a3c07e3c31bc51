import VectorLang

/// A term as a syntax tree the evaluator runs directly, never printed and read back: how every step of
/// a derivation is evaluated at the numbers.
///
/// Names given to recognised parts become what they stand for as typed (pᵢ becomes softmax(z)ᵢ), so a
/// step is evaluated against the input itself, not against the engine's reading of it. Inside ∂/∂uₘ for
/// a named part u, u stays a name (bound to its value) and what is built on it is written over it.
struct TermExpression {
    /// What each name given to a part stands for, one level deep (p: softmax(u)).
    let definitions: [String: Expr]
    /// Letters a bound index must not be written as (index letters bound to numbers in the session).
    let avoid: Set<Index>
    /// Names written as themselves, not expanded: the parts being differentiated by.
    private var kept: Set<String> = []

    init(definitions: [String: Expr], avoid: Set<Index>) {
        self.definitions = definitions
        self.avoid = avoid
    }

    private static let nowhere = SourceRange(0, 0)

    func expr(_ term: Term) -> Expr {
        let writable = term.withWritableBinders(avoiding: term.freeIndices.union(avoid).union(term.variableNames.map(Index.init)))
        return build(writable)
    }

    /// What `name` stands for with the names in it expanded in turn (but the kept ones), or nil to write it
    /// as is. Definitions are made dependencies first, so this follows a chain and never a cycle.
    private func expansion(_ name: String, visiting: Set<String> = []) -> Expr? {
        guard !kept.contains(name), !visiting.contains(name), let meaning = definitions[name] else { return nil }
        var inner: [String: Expr] = [:]
        for other in TermReader.names(in: meaning) where definitions[other] != nil {
            if let e = expansion(other, visiting: visiting.union([name])) { inner[other] = e }
        }
        return ExprSubstitution.replacing(names: inner, in: meaning)
    }

    private func build(_ term: Term) -> Expr {
        let r = TermExpression.nowhere
        func name(_ s: String) -> Expr { .variable(s, range: r) }
        func binary(_ op: BinaryOperator, _ a: Expr, _ b: Expr) -> Expr { .binary(op, a, b, operatorRange: r, range: r) }
        switch term {
        case .number(let x):
            return x < 0 ? .unary(.negate, .number(-x, range: r), range: r) : .number(x, range: r)
        case .symbol(let s):
            return expansion(s) ?? name(s)
        case .indexed(let s, let indices):
            if let meaning = expansion(s) {
                return .index(meaning, indices.map { .single(index($0)) }, range: r)
            }
            // z_2, K_{1,m}: with a position among the indices, subscripts as a list.
            if indices.contains(where: \.isPosition) { return .index(name(s), indices.map { .single(index($0)) }, range: r) }
            return name(s + "_" + indices.map(\.name).joined())
        case .delta(let a, let b):
            return .call(name("delta"), arguments: [index(a), index(b)], range: r)
        case .add(let terms):
            guard let first = terms.first else { return .number(0, range: r) }
            return terms.dropFirst().reduce(build(first)) { binary(.add, $0, build($1)) }
        case .multiply(let factors):
            guard let first = factors.first else { return .number(1, range: r) }
            return factors.dropFirst().reduce(build(first)) { binary(.multiply, $0, build($1)) }
        case .divide(let a, let b):
            return binary(.divide, build(a), build(b))
        case .power(let a, let b):
            return binary(.power, build(a), build(b))
        case .apply(let f, let args):
            return .call(name(f), arguments: args.map(build), range: r)
        case .sum(let k, let body):
            return .call(name("sum_\(k.name)"), arguments: [build(body)], range: r)
        case .partial(let body, let v):
            var inner = self
            if definitions[v.name] != nil { inner.kept.insert(v.name) }
            return .call(name("partial"), arguments: [inner.build(body), inner.build(v.term)], range: r)
        }
    }

    /// An index as an argument: a letter, or a position.
    private func index(_ i: Index) -> Expr {
        if let n = Int(i.name) { return .number(Double(n), range: TermExpression.nowhere) }
        return .variable(i.name, range: TermExpression.nowhere)
    }
}
