import VectorLang

/// The names an answer uses and the calls it makes, read through the learner's own definitions.
///
/// A name the learner bound is replaced by what they bound it to, as the evaluator would read it: an
/// assignment's expression with its names as they were when it ran, a `:=` definition's and a
/// function's body with their names as they are when used (a function's parameters are its own). A
/// name the lesson bound, a builtin, or a name bound nowhere stays a name. Index notation counts as
/// what it indexes: `z_i` uses z, `sum_k(…)` calls sum, `δ_ij` uses delta; a lone index letter is
/// nothing.
///
/// Each binding is expanded once per place it is used from, so an answer reached through a chain of
/// self-referring assignments (`a = a + a`, thirty times) is read in linear time; the walk keeps its
/// own stack, so an answer nested thousands deep needs no more than it.
struct NameUsage: Equatable {
    /// Each (name, arity) once, the first way it was reached.
    private(set) var uses: [NameUse] = []

    /// The first use of `name`, or, with an arity, the first call of it with that many arguments.
    func first(_ name: String, arity: Int? = nil) -> NameUse? {
        uses.first { $0.name == name && (arity == nil || $0.arity == arity) }
    }

    /// The calls of `name`, with any number of arguments.
    func calls(of name: String) -> [NameUse] { uses.filter { $0.name == name && $0.arity != nil } }

    private init() {}

    private mutating func note(_ name: String, arity: Int?, via: String?) {
        guard !uses.contains(where: { $0.name == name && $0.arity == arity }) else { return }
        uses.append(NameUse(name: name, arity: arity, via: via))
        // A call is a use of the name as well.
        if arity != nil { note(name, arity: nil, via: via) }
    }

    /// Whether `name` is one lowercase ASCII letter, as index letters are (`delta(i, j)`): not a name
    /// an answer uses when nothing binds it.
    static func isIndexLetter(_ name: String) -> Bool {
        name.unicodeScalars.count == 1 && name.unicodeScalars.first.map { $0 >= "a" && $0 <= "z" } == true
    }

    /// How deep the learner's definitions are followed; past it a name is taken as written.
    static let expansionLimit = 64

    /// The names `expr` uses, with the learner's bindings in `bindings` expanded.
    init(_ expr: Expr, bindings: SessionBindings) {
        var reader = Reader(bindings: bindings)
        reader.read(expr)
        self = reader.usage
    }

    /// An expression to read: what its names mean (the bindings before `position`, minus `shadowed`),
    /// the learner's name it came through, and how many of their bindings deep it is.
    private struct Item {
        var expr: Expr
        var shadowed: Set<String> = []
        var position: Int
        var via: String?
        var depth = 0
    }

    private struct Reader {
        let bindings: SessionBindings
        var usage = NameUsage()
        var pending: [Item] = []
        /// (binding, position) pairs already expanded.
        var expanded: Set<[Int]> = []

        init(bindings: SessionBindings) { self.bindings = bindings }

        mutating func read(_ expr: Expr) {
            pending = [Item(expr: expr, position: bindings.entries.count)]
            while let item = pending.popLast() { visit(item) }
        }

        private mutating func visit(_ item: Item) {
            func push(_ children: [Expr], shadowed: Set<String> = item.shadowed) {
                pending += children.reversed().map { Item(expr: $0, shadowed: shadowed, position: item.position, via: item.via, depth: item.depth) }
            }
            switch item.expr {
            case .number: break
            case .variable(let name, let range):
                guard !item.shadowed.contains(name) else { return }
                resolve(name, arity: nil, range: range, item)
            case .array(let elements, _): push(elements)
            case .unary(_, let operand, _), .transpose(let operand, _): push([operand])
            case .binary(_, let lhs, let rhs, _, _): push([lhs, rhs])
            case .call(let callee, let arguments, _):
                push(arguments)
                if case .variable(let name, let range) = callee {
                    if !item.shadowed.contains(name) { resolve(name, arity: arguments.count, range: range, item) }
                } else {
                    push([callee])
                }
            case .index(let base, let subscripts, _):
                var children = [base]
                for argument in subscripts {
                    switch argument {
                    case .single(let e): children.append(e)
                    case .range(let lower, let upper, _): children += [lower, upper].compactMap { $0 }
                    case .all: break
                    }
                }
                push(children)
            case .lambda(let parameters, let body, _): push([body], shadowed: item.shadowed.union(parameters))
            }
        }

        /// A name used (or called with `arity` arguments) where `item` is read.
        private mutating func resolve(_ name: String, arity: Int?, range: SourceRange, _ item: Item) {
            guard let (index, entry) = bindings.latest(name, before: item.position) else {
                unbound(name, arity: arity, range: range, item)
                return
            }
            guard entry.byLearner, item.depth < NameUsage.expansionLimit else {
                usage.note(name, arity: arity, via: item.via)
                return
            }
            let via = item.via ?? name
            switch entry.body {
            case .value(.variable(let alias, let aliasRange)) where arity != nil:
                // `f = softmax`, then `f(z, T)`: the call is softmax's.
                resolve(alias, arity: arity, range: aliasRange, Item(expr: item.expr, position: index, via: via, depth: item.depth + 1))
            case .value(let expr):
                expand(expr, binding: index, at: index, shadowed: [], via: via, item.depth)
            case .lazy(.variable(let alias, let aliasRange)) where arity != nil:
                resolve(alias, arity: arity, range: aliasRange, Item(expr: item.expr, position: item.position, via: via, depth: item.depth + 1))
            case .lazy(let expr):
                expand(expr, binding: index, at: item.position, shadowed: [], via: via, item.depth)
            case .function(let parameters, let body):
                expand(body, binding: index, at: item.position, shadowed: Set(parameters), via: via, item.depth)
            }
        }

        private mutating func expand(_ expr: Expr, binding: Int, at position: Int, shadowed: Set<String>, via: String, _ depth: Int) {
            guard expanded.insert([binding, position]).inserted else { return }
            pending.append(Item(expr: expr, shadowed: shadowed, position: position, via: via, depth: depth + 1))
        }

        /// A name no line binds: a builtin, index notation, or unknown (then evaluating it fails anyway).
        private mutating func unbound(_ name: String, arity: Int?, range: SourceRange, _ item: Item) {
            if Builtins.named[name] != nil || Builtins.constants[name] != nil {
                usage.note(name, arity: arity, via: item.via)
            } else if IndexedName.summationLetter(name) != nil {
                usage.note("sum", arity: arity, via: item.via)
            } else if let parts = IndexedName.parse(name, range: range) {
                if parts.isDelta {
                    usage.note("delta", arity: nil, via: item.via)
                } else if !item.shadowed.contains(parts.base) {
                    resolve(parts.base, arity: nil, range: range, item)
                }
            } else if !NameUsage.isIndexLetter(name) {
                usage.note(name, arity: arity, via: item.via)
            }
        }
    }
}

/// A name as an answer uses it: mentioned (`arity` nil) or called with `arity` arguments, and the
/// learner's definition it was reached through, if it is not written in the answer itself.
public struct NameUse: Hashable, Sendable {
    public var name: String
    public var arity: Int?
    public var via: String?

    public init(name: String, arity: Int? = nil, via: String? = nil) {
        self.name = name
        self.arity = arity
        self.via = via
    }

    /// "softmax", or "softmax with two arguments".
    public var words: String { NameRule(name, arity: arity).words }

    /// ", in your definition of a", when the use came through one.
    var through: String { via.map { ", in your definition of \($0)" } ?? "" }
}
