/// The analysis's messages and the helpers that read syntax only.
extension IndexAnalysis {
    /// The one length all sized uses agree on; nil if no use has a size.
    static func agreedCount(_ letter: String, _ list: [Use]) throws -> Int? {
        var first: Use?
        for use in list {
            guard let size = use.size, !use.lent else { continue }
            guard let earlier = first, let known = earlier.size else {
                first = use
                continue
            }
            if known != size {
                throw Diagnostic("index \(letter) has two ranges: 1…\(known) from \(earlier.source) and 1…\(size) from \(use.source)",
                                 at: use.range, note: "an index runs over the positions of what it subscripts, so their lengths must agree")
            }
        }
        return first?.size
    }

    static func noRange(summing letter: String, at head: SourceRange) -> Diagnostic {
        Diagnostic("index \(letter) has no range", at: head,
                   note: "sum_\(letter) runs over 1…n, n taken from a vector or matrix that \(letter) subscripts in its body, as in sum_\(letter)(z_\(letter))",
                   suggestion: "for n copies of c, write n * c")
    }

    static func sumArity(_ name: String, range: SourceRange) -> Diagnostic {
        Diagnostic("\(name) takes one expression, the body of the sum", at: range, suggestion: "write \(name)(z_k * y_k)")
    }

    /// Every letter written in an index position inside `expr` (a superset of the indices it uses).
    static func subscriptLetters(in expr: Expr) -> Set<String> {
        var letters: Set<String> = []
        func walk(_ e: Expr) {
            switch e {
            case .number, .lambda: return
            case .variable(let name, let range):
                if let parts = IndexedName.parse(name, range: range) { letters.formUnion(parts.letters) }
            case .array(let items, _): items.forEach(walk)
            case .unary(_, let a, _), .transpose(let a, _): walk(a)
            case .binary(_, let a, let b, _, _): walk(a); walk(b)
            case .call(let callee, let arguments, _):
                if case .variable(let name, _) = callee {
                    if let k = IndexedName.summationLetter(name) { letters.insert(k) }
                    if name == "delta" {
                        for case .variable(let l, _) in arguments where IndexedName.isIndexLetter(l) { letters.insert(l) }
                    }
                }
                walk(callee)
                arguments.forEach(walk)
            case .index(let base, let subscripts, _):
                walk(base)
                for sub in subscripts {
                    switch sub {
                    case .single(.variable(let l, _)) where IndexedName.isIndexLetter(l): letters.insert(l)
                    case .single(let e): walk(e)
                    case .range(let lower, let upper, _): lower.map(walk); upper.map(walk)
                    case .all: break
                    }
                }
            }
        }
        walk(expr)
        return letters
    }

    /// `softmax(…) (vector of 3)`: how a subscripted expression is named in a message about ranges.
    static func describe(_ base: Expr, shape: [Int]?) -> String {
        let name: String
        switch base {
        case .variable(let n, _): name = n
        case .call(.variable(let f, _), _, _): name = "\(f)(…)"
        case .array: name = "[…]"
        default: name = "(…)"
        }
        return shape.map { "\(name) (\(Tensor.describe(shape: $0)))" } ?? name
    }
}
