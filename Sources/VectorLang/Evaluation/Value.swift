/// What an expression evaluates to.
///
/// Numbers of every shape share one case, as in NumPy; functions are values so that they can be passed
/// to builtins such as `grad` and `plot`; a list holds values that are not numbers (`[f, g]`); a picture
/// is the text a drawing builtin (`bar`, `heatmap`, `plot`) produced.
public enum Value {
    case tensor(Tensor)
    case function(Function)
    case list([Value])
    case picture(Picture)

    public static func scalar(_ x: Double) -> Value { .tensor(Tensor(x)) }
    public static func vector(_ xs: [Double]) -> Value { .tensor(Tensor(vector: xs)) }

    public var tensor: Tensor? {
        if case .tensor(let t) = self { return t }
        return nil
    }

    /// A word for the kind of value, for messages such as "cannot index a function".
    public var kindDescription: String {
        switch self {
        case .tensor(let t): return Tensor.describe(shape: t.shape)
        case .function: return "function"
        case .list(let items): return "list of \(items.count)"
        case .picture: return "picture"
        }
    }
}

/// Text art that a drawing builtin returns; the printer shows `lines` as they are.
public struct Picture: Sendable, Equatable {
    public var lines: [String]
    public init(lines: [String]) { self.lines = lines }
}

/// A callable value: a builtin entry or a user-defined function.
public enum Function {
    case builtin(Builtin)
    case closure(Closure)

    public var name: String? {
        switch self {
        case .builtin(let b): return b.name
        case .closure(let c): return c.name
        }
    }

    /// How many arguments the function accepts.
    public var arity: ClosedRange<Int> {
        switch self {
        case .builtin(let b): return b.arity
        case .closure(let c): return c.parameters.count...c.parameters.count
        }
    }
}

/// A user function: `f(z) = …` or `z -> …`.
///
/// It captures the local bindings in scope where it was written (the parameters of an enclosing
/// function), and looks up session variables when it is called, as Julia and Python look up globals:
/// redefining `y` changes what `f(z) = cross_entropy(softmax(z), y)` computes.
public final class Closure {
    public let name: String?
    public let parameters: [String]
    public let body: Expr
    public let captured: [String: Value]
    /// The source text of the body, for `:vars`, `:save` and printing.
    public let source: String

    public init(name: String?, parameters: [String], body: Expr, captured: [String: Value], source: String) {
        self.name = name
        self.parameters = parameters
        self.body = body
        self.captured = captured
        self.source = source
    }
}
