/// The three statements that bind a name: `z = …` (a value), `f(x) = …` (a function) and `p := …` (a
/// definition). What is on the left is parsed as an expression first and then checked, so a mistake there
/// gets a caret under the whole left side.
extension Parser {
    mutating func statement() throws(Diagnostic) -> Statement {
        let expr = try expression()
        switch peek.kind {
        case .equals:
            let equals = advance()
            return try binding(expr, to: try expression(), equals: equals)
        case .define:
            advance()
            let body = try expression()
            guard case .variable(let name, _) = expr else { throw Parser.notDefinable(expr) }
            return .lazyDefinition(name: name, body: body, range: expr.range.union(body.range))
        default:
            return .expression(expr)
        }
    }

    /// `name = value` or `f(x) = body`.
    private func binding(_ expr: Expr, to value: Expr, equals: Token) throws(Diagnostic) -> Statement {
        let range = expr.range.union(value.range)
        switch expr {
        case .variable(let name, _):
            return .assignment(name: name, value: value, range: range)
        case .call(.variable(let name, _), let arguments, _):
            var parameters: [String] = []
            for argument in arguments {
                guard case .variable(let parameter, _) = argument else {
                    throw Diagnostic("a function's parameters must be plain names", at: argument.range,
                                     suggestion: "define it as \(name)(x) = …")
                }
                if parameters.contains(parameter) {
                    throw Diagnostic("parameter '\(parameter)' appears twice", at: argument.range)
                }
                parameters.append(parameter)
            }
            return .definition(name: name, parameters: parameters, body: value, range: range)
        default:
            throw Diagnostic("cannot assign to this", at: expr.range,
                             note: "the left of '=' must be a name (z = …) or a function head (f(x) = …)",
                             suggestion: equals.range.start > 0 ? "to compare values, subtract them: a - b" : nil)
        }
    }

    /// The error for `f(x) := …`, `1 := 2` and anything else but a plain name left of `:=`.
    private static func notDefinable(_ expr: Expr) -> Diagnostic {
        let suggestion: String
        if case .call(.variable(let name, _), let arguments, _) = expr {
            // A function head: `=` already defines a function, evaluated where it is called.
            let parameters = arguments.map { if case .variable(let p, _) = $0 { p } else { "x" } }
            suggestion = "to define a function, use '=': \(name)(\(parameters.joined(separator: ", "))) = …"
        } else {
            suggestion = "write a name on the left, as in p := softmax(z)"
        }
        return Diagnostic("only a name can be defined with ':='", at: expr.range,
                          note: "':=' binds a name to an expression, evaluated where the name is used",
                          suggestion: suggestion)
    }
}
