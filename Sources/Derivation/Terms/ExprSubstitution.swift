import VectorLang

/// Replaces names in a syntax tree by expressions: what a definition's name stands for, as typed.
enum ExprSubstitution {
    /// `expr` with every free use of a key of `names` replaced by its value (a lambda's parameters
    /// shadow). Recursion depth is that of the typed input, which the parser has already bounded.
    static func replacing(names: [String: Expr], in expr: Expr) -> Expr {
        guard !names.isEmpty else { return expr }
        func go(_ e: Expr) -> Expr { replacing(names: names, in: e) }
        switch expr {
        case .number: return expr
        case .variable(let name, _): return names[name] ?? expr
        case .array(let items, let range): return .array(items.map(go), range: range)
        case .unary(let op, let a, let range): return .unary(op, go(a), range: range)
        case .binary(let op, let a, let b, let opRange, let range): return .binary(op, go(a), go(b), operatorRange: opRange, range: range)
        case .call(let f, let args, let range): return .call(go(f), arguments: args.map(go), range: range)
        case .index(let base, let subs, let range):
            return .index(go(base), subs.map { s in
                if case .single(let item) = s { return .single(go(item)) }
                return s
            }, range: range)
        case .transpose(let a, let range): return .transpose(go(a), range: range)
        case .lambda(let parameters, let body, let range):
            let inner = names.filter { !parameters.contains($0.key) }
            return .lambda(parameters: parameters, body: replacing(names: inner, in: body), range: range)
        }
    }
}
