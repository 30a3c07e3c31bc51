import VectorLang

/// A fresh session that has run a list of lines, with some variables rebound to random values.
///
/// Point 0 is the lesson's own values: the lines run as written. At point k > 0 every line that
/// assigns a varied variable is followed by rebinding it to a random value of the same shape, drawn
/// from a generator seeded by (seed, k, name, the value assigned). So every replay at the same point
/// sees the same numbers, even one that ran a line twice (a learner who went `:back`), a lesson that
/// assigns two different values gets two different random ones, and definitions that follow
/// (`p = softmax(z)`) are computed from the random value.
struct Replay {
    let session: Session
    /// Lines that failed, and varied names that were never assigned.
    private(set) var problems: [SourceProblem] = []
    private var assignments: [String: Int] = [:]

    init(lines: [SourceLine], variations: [Variation], point: Int, seed: UInt64) {
        session = Session()
        for line in lines { run(line, variations: variations, point: point, seed: seed) }
        for variation in variations where assignments[variation.name] == nil {
            problems.append(SourceProblem(line: variation.line > 0 ? variation.line : nil,
                                          message: "'vary: \(variation.name)', but no line before the question assigns \(variation.name)"))
        }
    }

    private mutating func run(_ line: SourceLine, variations: [Variation], point: Int, seed: UInt64) {
        do {
            for statement in try Parser.parse(line.text) {
                let outcome = try session.evaluator.execute(statement, in: line.text)
                guard case .assigned(let name, let value) = outcome,
                      let variation = variations.first(where: { $0.name == name }) else { continue }
                assignments[name, default: 0] += 1
                // Point 0 is the lesson's own values: it only notes that the variable was assigned.
                guard point > 0 else { continue }
                guard let tensor = value.numbers else {
                    problems.append(SourceProblem(line: line.line, message: "'vary: \(name)', but \(name) is a \(value.kindDescription), not numbers"))
                    continue
                }
                let random = RandomSource(seed: Replay.mix(seed, UInt64(point), Replay.fnv(name), Replay.hash(tensor)))
                session.environment.bind(name, to: .tensor(variation.sample(like: tensor, random: random)))
            }
        } catch {
            problems.append(SourceProblem(line: line.line, message: Replay.message(error)))
        }
    }

    /// The value of one expression in this session, or the message of what went wrong.
    func evaluate(_ text: String) -> Result<Value, SourceProblem> {
        do {
            let statements = try Parser.parse(text)
            guard statements.count == 1, case .expression = statements[0] else {
                return .failure(SourceProblem(line: nil, message: "expected one expression, not an assignment or several statements"))
            }
            guard case .value(let value) = try session.evaluator.execute(statements[0], in: text) else {
                return .failure(SourceProblem(line: nil, message: "expected an expression"))
            }
            return .success(value)
        } catch {
            return .failure(SourceProblem(line: nil, message: Replay.message(error)))
        }
    }

    static func message(_ error: any Error) -> String {
        (error as? Diagnostic)?.message ?? "\(error)"
    }

    /// FNV-1a: a hash that is the same in every process (Swift's `Hasher` is seeded per run).
    static func fnv(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        return hash
    }

    /// A hash of a tensor's shape and bits, the same in every process.
    static func hash(_ tensor: Tensor) -> UInt64 {
        mix(UInt64(tensor.shape.count), tensor.shape.reduce(0) { mix($0, UInt64(max($1, 0))) },
            tensor.scalars.reduce(0) { mix($0, $1.bitPattern) })
    }

    static func mix(_ values: UInt64...) -> UInt64 {
        values.reduce(0x9E37_79B9_7F4A_7C15) { ($0 ^ $1) &* 0xBF58_476D_1CE4_E5B9 &+ 0x94D0_49BB_1331_11EB }
    }
}

/// Something that went wrong while replaying or evaluating, with the lesson line when there is one.
struct SourceProblem: Error, Equatable {
    var line: Int?
    var message: String
}

extension Variation {
    /// A random tensor with the shape of `like`, drawn from this variation's distribution by the one sampler.
    func sample(like: Tensor, random: RandomSource) -> Tensor {
        switch distribution {
        case .uniform(let lower, let upper):
            return AssumptionSampler.draw(shape: like.shape, facts: [], random: random, uniform: (lower, upper))
        case .simplex:
            return AssumptionSampler.draw(shape: like.shape, facts: [Assumption(.simplex, name)], random: random)
        case .onehot:
            return AssumptionSampler.draw(shape: like.shape, facts: [Assumption(.oneHot, name)], random: random)
        }
    }
}
