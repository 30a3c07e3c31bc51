/// The arguments of one builtin call, with where each was written, so a kernel can point at the culprit.
public struct Arguments {
    public let values: [Value]
    /// Source range of each argument; for operators, the operands.
    public let ranges: [SourceRange]
    /// The whole call, for errors about the call as a whole.
    public let callRange: SourceRange
    public let name: String
    let evaluator: Evaluator

    init(name: String, values: [Value], ranges: [SourceRange], callRange: SourceRange, evaluator: Evaluator) {
        self.name = name
        self.values = values
        self.ranges = ranges
        self.callRange = callRange
        self.evaluator = evaluator
    }

    public var count: Int { values.count }

    public func range(_ i: Int) -> SourceRange { i < ranges.count ? ranges[i] : callRange }

    /// A diagnostic pointing at argument `i` (or at the whole call when `i` is nil).
    public func error(_ message: String, argument i: Int? = nil, note: String? = nil, suggestion: String? = nil) -> Diagnostic {
        Diagnostic(message, at: i.map(range) ?? callRange, note: note, suggestion: suggestion)
    }

    /// Argument `i` as numbers of any shape.
    public func tensor(_ i: Int) throws -> Tensor {
        guard case .tensor(let t) = values[i] else {
            throw error("\(name) expects numbers here, not a \(values[i].kindDescription)", argument: i)
        }
        return t
    }

    /// Argument `i` as one number.
    public func scalar(_ i: Int) throws -> Double {
        let t = try tensor(i)
        guard t.isScalar || t.count == 1 else {
            throw error("\(name) expects a single number here, got a \(Tensor.describe(shape: t.shape))", argument: i)
        }
        return t.scalars[0]
    }

    /// Argument `i` as a whole number in `bounds` (a count, a position, a seed).
    ///
    /// Bounds default to ±2⁵³, where every whole number is exact as a Double; wider bounds would let
    /// `Double(Int.max)`, which rounds up to 2⁶³, through to a trapping conversion.
    public func integer(_ i: Int, in bounds: ClosedRange<Int> = -(1 << 53)...(1 << 53), what: String = "a whole number") throws -> Int {
        let x = try scalar(i)
        let bounds = max(bounds.lowerBound, -(1 << 53))...min(bounds.upperBound, 1 << 53)
        guard x.isFinite, x == x.rounded(), x >= Double(bounds.lowerBound), x <= Double(bounds.upperBound) else {
            let limits = bounds == -(1 << 53)...(1 << 53) ? "" : " from \(bounds.lowerBound) to \(bounds.upperBound)"
            throw error("\(name) expects \(what)\(limits) here, got \(Arguments.describe(x))", argument: i)
        }
        return Int(x)
    }

    /// Argument `i` as a vector (a scalar is not accepted; a vector must be given).
    public func vector(_ i: Int) throws -> Tensor {
        let t = try tensor(i)
        guard t.isVector else {
            throw error("\(name) expects a vector here, got a \(Tensor.describe(shape: t.shape))", argument: i)
        }
        return t
    }

    /// Argument `i` as a matrix.
    public func matrix(_ i: Int) throws -> Tensor {
        let t = try tensor(i)
        guard t.isMatrix else {
            throw error("\(name) expects a matrix here, got a \(Tensor.describe(shape: t.shape))", argument: i)
        }
        return t
    }

    /// Argument `i` as a function, with how many arguments it takes.
    public func function(_ i: Int) throws -> Function {
        guard case .function(let f) = values[i] else {
            throw error("\(name) expects a function here, not a \(values[i].kindDescription)", argument: i,
                        suggestion: "pass a function by name (softmax) or write one: z -> z^2")
        }
        return f
    }

    /// Calls a function value with `arguments`; errors inside it point at argument `i` of this call.
    public func call(_ f: Function, with arguments: [Value], from i: Int) throws -> Value {
        try evaluator.call(f, arguments, ranges: Array(repeating: range(i), count: arguments.count), callRange: range(i))
    }

    /// Refuses results too large to hold, before allocating them.
    public func checkSize(_ shape: [Int]) throws {
        var count = 1
        for d in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: max(d, 0))
            if overflow || product > Tensor.maximumCount {
                throw error("result too large: \(shape.map(String.init).joined(separator: "×")) elements",
                            note: "the limit is \(Tensor.maximumCount) elements in one value")
            }
            count = product
        }
        try evaluator.reserve(count, shape: shape, at: callRange)
    }

    /// Throws "interrupted" if Ctrl-C was pressed; long kernels call this in their outer loops.
    public func checkInterrupt() throws {
        try Interrupt.check(at: callRange)
    }
}
