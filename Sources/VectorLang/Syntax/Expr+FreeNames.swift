extension Expr {
    /// Every name the expression reads from around it, in the order written, with where each is written:
    /// variables and called names, but not a lambda's parameters inside its body.
    ///
    /// Walked with a stack of its own, not by recursion: a chain such as `1 + 1 + … + 1` nests as deep as it
    /// is long, and reading it must not need more stack than evaluating it.
    public func freeNames() -> [(name: String, range: SourceRange)] {
        var found: [(name: String, range: SourceRange)] = []
        var pending: [(expr: Expr, shadowed: Set<String>)] = [(self, [])]
        while let (expr, shadowed) = pending.popLast() {
            // Children are pushed last-first, so they are read first-first.
            var children: [Expr] = []
            switch expr {
            case .number:
                break
            case .variable(let name, let range):
                if !shadowed.contains(name) { found.append((name, range)) }
            case .array(let items, _):
                children = items
            case .unary(_, let operand, _), .transpose(let operand, _):
                children = [operand]
            case .binary(_, let lhs, let rhs, _, _):
                children = [lhs, rhs]
            case .call(let callee, let arguments, _):
                children = [callee] + arguments
            case .index(let base, let subscripts, _):
                children = [base]
                for argument in subscripts {
                    switch argument {
                    case .single(let e): children.append(e)
                    case .range(let lower, let upper, _): children += [lower, upper].compactMap { $0 }
                    case .all: break
                    }
                }
            case .lambda(let parameters, let body, _):
                pending.append((body, shadowed.union(parameters)))
            }
            pending += children.reversed().map { ($0, shadowed) }
        }
        return found
    }
}
