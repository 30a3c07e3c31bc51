/// What an expression evaluates to.
///
/// Numbers of every shape share one case, as in NumPy; functions are values so that they can be passed
/// to builtins such as `grad` and `plot`; a list holds values that are not numbers (`[f, g]`); a picture
/// is the text a drawing builtin (`bar`, `heatmap`, `plot`) produced; a traced value is numbers inside
/// `grad` and friends, recorded for differentiation.
public enum Value {
    case tensor(Tensor)
    case function(Function)
    case list([Value])
    case picture(Picture)
    /// Numbers being differentiated: they carry how they were computed (see `Node`).
    case traced(Node)

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
        case .traced(let node): return Tensor.describe(shape: node.value.shape)
        }
    }
}

/// A drawing that a picture builtin (`bar`, `heatmap`, `plot`) returns, drawn afresh for each output.
///
/// It keeps its data and a renderer rather than finished text, so the same `bar(p)` fits a narrow
/// terminal or a projector, and switches to ASCII with `--ascii`: the printer asks for the lines at its
/// `PrintOptions` (width, character set, precision, colours). Colour comes as tints beside the text,
/// never as escape sequences in it, so the shell paints it and its output gate stays whole.
public struct Picture: Sendable {
    private let draw: @Sendable (PrintOptions) -> [TintedLine]

    /// A picture in the output's own colour.
    public init(draw: @escaping @Sendable (PrintOptions) -> [String]) {
        self.draw = { options in draw(options).map { TintedLine($0) } }
    }

    /// A picture with tinted parts where `PrintOptions.colors` allows them.
    public init(tinted draw: @escaping @Sendable (PrintOptions) -> [TintedLine]) { self.draw = draw }

    /// A picture that is the same text at every width.
    public init(lines: [String]) { self.init { _ in lines } }

    /// The drawing for `options` as text: at most `options.width` columns where the picture can shrink that far.
    public func lines(for options: PrintOptions) -> [String] { draw(options).map(\.plain) }

    /// The drawing for `options` with its tints, for an output that can paint them.
    public func tintedLines(for options: PrintOptions) -> [TintedLine] { draw(options) }

    /// The drawing at the default options (80 columns, Unicode, no colour), for JSON and tests.
    public var lines: [String] { lines(for: PrintOptions()) }
}

extension Picture: Equatable {
    /// Two pictures are equal when they draw the same, in Unicode and in ASCII.
    public static func == (a: Picture, b: Picture) -> Bool {
        a.lines == b.lines && a.lines(for: PrintOptions(ascii: true)) == b.lines(for: PrintOptions(ascii: true))
    }
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
    public private(set) var captured: [String: Value]
    /// The source text of the body, for `:vars`, `:save` and printing.
    public let source: String
    /// The whole input it was written in: the body's source ranges point into this text.
    public let line: String

    public init(name: String?, parameters: [String], body: Expr, captured: [String: Value], source: String, line: String = "") {
        self.name = name
        self.parameters = parameters
        self.body = body
        self.captured = captured
        self.source = source
        self.line = line
    }

    /// Releases closures that captured closures (`k = a -> (b -> a)` applied again and again) one at a
    /// time, rather than recursively.
    deinit {
        var pending = Closure.capturedClosures(captured)
        captured = [:]
        while var closure = pending.popLast() {
            guard isKnownUniquelyReferenced(&closure) else { continue }
            pending.append(contentsOf: Closure.capturedClosures(closure.captured))
            closure.captured = [:]
        }
    }

    private static func capturedClosures(_ values: [String: Value]) -> [Closure] {
        var found: [Closure] = []
        var stack = Array(values.values)
        while let value = stack.popLast() {
            switch value {
            case .function(.closure(let c)): found.append(c)
            case .list(let items): stack.append(contentsOf: items)
            default: break
            }
        }
        return found
    }
}
