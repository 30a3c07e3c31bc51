/// The operators of the language, by what they mean rather than how they are written.
public enum BinaryOperator: String, Sendable, CaseIterable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", power = "^", matrixProduct = "@"
}

public enum UnaryOperator: String, Sendable {
    case negate = "-", plus = "+"
}

/// One subscript inside `x[…]`: a position, a range `a:b` (either end may be left out), or `:` for all.
public enum IndexArgument: Sendable {
    case single(Expr)
    case range(lower: Expr?, upper: Expr?, range: SourceRange)
    case all(range: SourceRange)
}

/// An expression, as parsed; every node keeps the source range it came from.
public indirect enum Expr: Sendable {
    case number(Double, range: SourceRange)
    case variable(String, range: SourceRange)
    /// `[a, b, c]`; each element may itself be an array, which makes a matrix.
    case array([Expr], range: SourceRange)
    case unary(UnaryOperator, Expr, range: SourceRange)
    case binary(BinaryOperator, Expr, Expr, operatorRange: SourceRange, range: SourceRange)
    case call(Expr, arguments: [Expr], range: SourceRange)
    case index(Expr, [IndexArgument], range: SourceRange)
    case transpose(Expr, range: SourceRange)
    case lambda(parameters: [String], body: Expr, range: SourceRange)

    public var range: SourceRange {
        switch self {
        case .number(_, let range), .variable(_, let range), .array(_, let range), .unary(_, _, let range),
             .binary(_, _, _, _, let range), .call(_, _, let range), .index(_, _, let range),
             .transpose(_, let range), .lambda(_, _, let range):
            return range
        }
    }
}

/// A complete statement: what one `;`-separated part of a line does.
public enum Statement: Sendable {
    case expression(Expr)
    /// `z = [2, 1, 0.1]`
    case assignment(name: String, value: Expr, range: SourceRange)
    /// `f(z) = -sum(y * log(softmax(z)))`
    case definition(name: String, parameters: [String], body: Expr, range: SourceRange)
    /// `p := softmax(z)`: the name stands for the expression, evaluated where the name is used (see
    /// `Environment.Definition`), where `=` would evaluate it once, now.
    case lazyDefinition(name: String, body: Expr, range: SourceRange)

    public var range: SourceRange {
        switch self {
        case .expression(let expr): return expr.range
        case .assignment(_, _, let range), .definition(_, _, _, let range), .lazyDefinition(_, _, let range): return range
        }
    }
}

extension Expr {
    /// The same expression covering `range` (a parenthesised expression covers its parentheses, so the
    /// text of `x -> x * (1 - x)` keeps its last `)`).
    func withRange(_ range: SourceRange) -> Expr {
        switch self {
        case .number(let x, _): return .number(x, range: range)
        case .variable(let name, _): return .variable(name, range: range)
        case .array(let items, _): return .array(items, range: range)
        case .unary(let op, let e, _): return .unary(op, e, range: range)
        case .binary(let op, let a, let b, let opRange, _): return .binary(op, a, b, operatorRange: opRange, range: range)
        case .call(let f, let args, _): return .call(f, arguments: args, range: range)
        case .index(let base, let subs, _): return .index(base, subs, range: range)
        case .transpose(let e, _): return .transpose(e, range: range)
        case .lambda(let ps, let body, _): return .lambda(parameters: ps, body: body, range: range)
        }
    }
}
