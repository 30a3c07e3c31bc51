/// One builtin function: everything Jacobi knows about it, in one place.
///
/// The evaluator calls `kernel`; `:help` shows `signatures`, `summary` and `example`; tab completion
/// lists `name`; automatic differentiation and the derivation engine read the same entry. There is no
/// second table of builtins anywhere.
public struct Builtin: Sendable {
    /// Groups for `:help`, in the order they are listed.
    public enum Category: String, Sendable, CaseIterable {
        case arithmetic = "Operators"
        case elementwise = "Elementwise functions"
        case reduction = "Reductions"
        case linearAlgebra = "Linear algebra"
        case construction = "Building vectors and matrices"
        case random = "Random numbers"
        case softmax = "Softmax family"
        case activation = "Activations"
        case loss = "Losses"
        case calculus = "Derivatives"
        case picture = "Pictures"
    }

    public let name: String
    /// How it is called, e.g. `["softmax(z)", "softmax(z, T)"]`.
    public let signatures: [String]
    /// One line: what it computes.
    public let summary: String
    /// A line that can be typed at the prompt to see it work.
    public let example: String
    public let category: Category
    public let arity: ClosedRange<Int>
    public let kernel: @Sendable (Arguments) throws -> Value
    /// How automatic differentiation goes through it.
    public let derivative: Derivative
    /// What it is, in Jacobi's own syntax over its parameters (`sigmoid`: `1 / (1 + exp(-x))` over `x`):
    /// the derivation engine unfolds this to derive it by the rules.
    public let definition: Definition?
    /// ∂f/∂(each parameter) in Jacobi's syntax, one set per way of calling it (`log(x)`, `log(x, b)`):
    /// the derivation engine's chain rule multiplies these by the derivatives of the arguments.
    public let partials: [Partials]

    /// The partial derivatives of one way of calling a builtin.
    public struct Partials: Sendable {
        public let parameters: [String]
        /// ∂f/∂parameters[n], over the parameters.
        public let derivatives: [String]
        /// The convention where the derivative does not exist (relu′(0) = 0), said wherever it is used.
        public let note: String?
        public init(_ parameters: [String], _ derivatives: [String], note: String? = nil) {
            self.parameters = parameters
            self.derivatives = derivatives
            self.note = note
        }
    }

    /// A builtin written out: parameter names and a body in input syntax.
    public struct Definition: Sendable {
        public let parameters: [String]
        public let body: String
        public init(_ parameters: [String], _ body: String) {
            self.parameters = parameters
            self.body = body
        }
    }

    public init(
        _ name: String, _ signatures: [String], _ summary: String, example: String,
        category: Category, arity: ClosedRange<Int>, derivative: Derivative = .unsupported("it has no derivative rule"),
        definition: Definition? = nil, partials: [Partials] = [], kernel: @escaping @Sendable (Arguments) throws -> Value
    ) {
        self.name = name
        self.signatures = signatures
        self.summary = summary
        self.example = example
        self.category = category
        self.arity = arity
        self.kernel = kernel
        self.derivative = derivative
        self.definition = definition
        self.partials = partials
    }
}
