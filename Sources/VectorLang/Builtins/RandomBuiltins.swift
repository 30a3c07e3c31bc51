/// Random vectors and matrices from the session's generator, reproducible after `seed(k)`.
enum RandomBuiltins {
    static let entries: [Builtin] = [
        generator("randn", "Standard normal samples: a number, a vector of n, or an m×n matrix.", example: "randn(3)") { $0.normal() },
        generator("rand", "Uniform samples from [0, 1): a number, a vector of n, or an m×n matrix.", example: "rand(2, 2)") { $0.uniform() },
        seed,
    ]

    /// The largest seed: every whole number up to 2^53 is exactly a Double, so none is silently rounded.
    static let maximumSeed = 1 << 53

    static func generator(
        _ name: String, _ summary: String, example: String, _ sample: @escaping @Sendable (RandomSource) -> Double
    ) -> Builtin {
        Builtin(name, ["\(name)()", "\(name)(n)", "\(name)(m, n)"], summary, example: example, category: .random,
                arity: 0...2, derivative: .none) { args in
            let shape = try args.shape(from: 0)
            let random = args.evaluator.random
            let count = shape.reduce(1, *)
            // Check for Ctrl-C once per block rather than per number, so the loop stays tight.
            let block = 1 << 16
            var out = [Double](repeating: 0, count: count)
            var start = 0
            while start < count {
                try args.checkInterrupt()
                let end = min(start + block, count)
                for i in start..<end { out[i] = sample(random) }
                start = end
            }
            return .tensor(Tensor(shape: shape, scalars: out))
        }
    }

    /// `seed(k)`: restarts the session's generator, so the same calls give the same numbers again.
    static let seed = Builtin(
        "seed", ["seed(k)"], "Restarts the random numbers from seed k, so the same calls give the same numbers again.",
        example: "seed(42)", category: .random, arity: 1...1, derivative: .none
    ) { args in
        let k = try args.integer(0, in: 0...maximumSeed, what: "a seed")
        args.evaluator.random.reseed(UInt64(k))
        return .scalar(Double(k))
    }
}
