import VectorLang

/// The inputs of a learner's derivation, read off how they are written, and the random points where
/// its lines are compared.
///
/// An input's rank is how many subscripts it carries (`z_j` a vector, `W_ik` a matrix). Two dimensions
/// have the same length when one index letter of a line subscripts both, or a delta pairs their letters,
/// or a definition names an elementwise function of an input (`p := softmax(z)`); every other dimension
/// gets a size of its own, so a matrix is not square unless the derivation says so. No letter means
/// anything by itself: which letters are indices is read from where they subscript.
struct CheckInputs {
    /// Input names in order of first use, with their rank when it is written (nil: never subscripted).
    private(set) var names: [String] = []
    private(set) var ranks: [String: Int] = [:]
    private var parent: [String: String] = [:]
    /// The smallest size a dimension may have: the largest literal index written, and at least 2.
    private(set) var smallest = 2
    /// Sizes run from `smallest` to 6, or past the largest literal index when it is 5 or more (several sizes
    /// still, so z_1 + … + z_8 is not taken for Σₖ zₖ); a literal index is taken up to this.
    static let largestSize = 64
    private var largest: Int { max(6, smallest + 2) }
    let definitions: [(name: String, body: Expr, code: String)]
    let bindings: [String: Tensor]
    let facts: [String: [Assumption]]

    init(definitions: [(name: String, body: Expr, code: String)], bindings: [String: Tensor],
         facts: [Assumption], expressions: [Expr]) {
        self.definitions = definitions
        self.bindings = bindings
        self.facts = Dictionary(grouping: facts, by: \.name)
        let defined = Set(definitions.map(\.name))
        let all = definitions.map(\.body) + expressions
        let letters = CheckInputs.indexLetters(in: all)
        for (n, expr) in all.enumerated() {
            // A builtin's name (log_softmax) is a function, never a name with subscripts (log over s, o, f, …).
            for (name, _) in expr.freeNames() where Builtins.named[name] == nil && Builtins.constants[name] == nil {
                if let parts = IndexedName.parse(name, range: SourceRange(0, 0)), !parts.isDelta, IndexedName.summationLetter(name) == nil {
                    if !defined.contains(parts.base) { note(parts.base) }
                    ranks[parts.base] = max(ranks[parts.base] ?? 0, parts.subscripts.count)
                    for (axis, sub) in parts.subscripts.enumerated() {
                        switch sub {
                        case .letter(let l, _): union("\(parts.base)#\(axis)", "\(n):\(l)")
                        case .position(let p, _): smallest = max(smallest, min(p, CheckInputs.largestSize))
                        }
                    }
                } else if let parts = IndexedName.parse(name, range: SourceRange(0, 0)), parts.isDelta {
                    let ls = parts.letters
                    if ls.count == 2 { union("\(n):\(ls[0])", "\(n):\(ls[1])") }
                } else if IndexedName.summationLetter(name) == nil, !letters.contains(name), !defined.contains(name) {
                    note(name)
                }
            }
            CheckInputs.visitDeltas(expr) { a, b in union("\(n):\(a)", "\(n):\(b)") }
        }
        // p := softmax(z): an input written whole in the body of a definition is as long as it.
        for (name, body, _) in definitions {
            for (input, _) in body.freeNames() where names.contains(input) && !input.contains("_") {
                guard let rank = ranks[name] ?? ranks[input] else { continue }
                if ranks[input] == nil { ranks[input] = rank }
                if ranks[name] == nil { ranks[name] = rank }
                for axis in 0..<rank { union("\(name)#\(axis)", "\(input)#\(axis)") }
            }
        }
        for fact in facts where fact.kind == .symmetric { union("\(fact.name)#0", "\(fact.name)#1") }
        for (name, value) in bindings where names.contains(name) { ranks[name] = value.rank }
    }

    private mutating func note(_ name: String) {
        if !names.contains(name) { names.append(name) }
    }

    private mutating func root(_ key: String) -> String {
        var k = key
        while let p = parent[k], p != k { k = p }
        parent[key] = k
        return k
    }

    private mutating func union(_ a: String, _ b: String) {
        let ra = root(a), rb = root(b)
        if ra != rb { parent[ra] = rb }
    }

    /// Letters that subscript or are summed over anywhere: these are indices, not inputs.
    private static func indexLetters(in exprs: [Expr]) -> Set<String> {
        var letters: Set<String> = []
        for expr in exprs {
            for (name, _) in expr.freeNames() {
                if let l = IndexedName.summationLetter(name) { letters.insert(l) }
                if let parts = IndexedName.parse(name, range: SourceRange(0, 0)) { letters.formUnion(parts.letters) }
            }
        }
        return letters
    }

    /// Calls `pair` with the letters of every `delta(a, b)` in `expr`.
    private static func visitDeltas(_ expr: Expr, _ pair: (String, String) -> Void) {
        switch expr {
        case .call(let callee, let arguments, _):
            if case .variable(let f, _) = callee, f == "delta" || f == "δ", arguments.count == 2,
               case .variable(let a, _) = arguments[0], case .variable(let b, _) = arguments[1] {
                pair(a, b)
            }
            visitDeltas(callee, pair)
            for argument in arguments { visitDeltas(argument, pair) }
        case .unary(_, let e, _), .transpose(let e, _), .lambda(_, let e, _):
            visitDeltas(e, pair)
        case .binary(_, let a, let b, _, _):
            visitDeltas(a, pair)
            visitDeltas(b, pair)
        case .array(let items, _):
            for item in items { visitDeltas(item, pair) }
        case .index(let base, _, _):
            visitDeltas(base, pair)
        case .number, .variable:
            break
        }
    }

    // MARK: - Points

    /// How to draw numbers: the dimensions apart or all one size, and inputs without facts on the whole
    /// line (standard normal) or positive (for a derivation whose start takes logarithms of them).
    struct Mode: Hashable {
        var sameSizes = false
        var positive = false
        /// Never-subscripted inputs taken as vectors instead of scalars.
        var vectors = false
    }

    /// An environment holding one random value of every input, and the definitions.
    ///
    /// - Parameters:
    ///   - extra: a fact added for this draw (to test whether a step holds only under it).
    ///   - user: the learner's own bindings, as given, instead of random values for those names.
    mutating func point(random: RandomSource, mode: Mode, extra: Assumption? = nil, user: Bool = false) -> Environment {
        let environment = Environment()
        var sizes: [String: Int] = [:]
        let same = smallest + Int(random.uniform() * Double(largest + 1 - smallest))
        if user {
            for (name, value) in bindings {
                for (axis, n) in value.shape.enumerated() { sizes[root("\(name)#\(axis)")] = n }
            }
        }
        for name in names {
            if user, let value = bindings[name] {
                environment.bind(name, to: .tensor(value))
                continue
            }
            let rank = ranks[name] ?? (mode.vectors ? 1 : 0)
            let shape = (0..<rank).map { axis -> Int in
                let key = root("\(name)#\(axis)")
                if let n = sizes[key] { return n }
                let n = mode.sameSizes ? same : smallest + Int(random.uniform() * Double(largest + 1 - smallest))
                sizes[key] = n
                return n
            }
            var own = facts[name] ?? []
            if let extra, extra.name == name { own.append(extra) }
            environment.bind(name, to: .tensor(AssumptionSampler.draw(shape: shape, facts: own, random: random,
                                                                      uniform: mode.positive ? (0.2, 1.2) : nil)))
        }
        for (name, body, code) in definitions {
            _ = environment.define(name, as: body, source: code)
        }
        return environment
    }
}
