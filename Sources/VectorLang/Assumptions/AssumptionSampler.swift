/// Random values that satisfy the facts assumed of a name: the one place examples, random test points
/// and lesson checks draw from, so a step is never checked at numbers that contradict what it uses.
public enum AssumptionSampler {
    /// A value of `shape` (`[]`, `[n]` or `[m, n]`) satisfying every assumption in `facts` about it.
    ///
    /// Without facts the elements are uniform on `uniform` when it is given, standard normal otherwise.
    /// A probability vector (each row, for a matrix) is the gaps between sorted uniform draws, which are
    /// uniform on the simplex (Dirichlet(1, …, 1)), kept away from 0 so that log(p) stays finite; a
    /// one-hot row has its 1 at a random place; positive numbers lie in [0.5, 1.5); a symmetric matrix is
    /// (B + Bᵀ)/2.
    public static func draw(shape: [Int], facts: [Assumption], random: RandomSource,
                            uniform: (lower: Double, upper: Double)? = nil) -> Tensor {
        let kinds = Set(facts.map(\.kind))
        let count = shape.reduce(1, *)
        let columns = shape.last ?? 1
        let rows = shape.count == 2 ? shape[0] : 1
        var scalars = [Double](repeating: 0, count: count)
        if kinds.contains(.oneHot) {
            for r in 0..<rows where columns > 0 {
                scalars[r * columns + min(columns - 1, Int(random.uniform() * Double(columns)))] = 1
            }
        } else if kinds.contains(.simplex) || kinds.contains(.sumsToOne) {
            for r in 0..<rows where columns > 0 {
                let cuts = [0] + (1..<columns).map { _ in random.uniform() }.sorted() + [1]
                let gaps = (0..<columns).map { 0.01 + cuts[$0 + 1] - cuts[$0] }
                let total = gaps.reduce(0, +)
                for c in 0..<columns { scalars[r * columns + c] = gaps[c] / total }
            }
        } else if kinds.contains(.positive) {
            for i in scalars.indices { scalars[i] = 0.5 + random.uniform() }
        } else if let (lower, upper) = uniform {
            for i in scalars.indices { scalars[i] = lower + (upper - lower) * random.uniform() }
        } else {
            for i in scalars.indices { scalars[i] = random.normal() }
        }
        if kinds.contains(.symmetric), shape.count == 2, shape[0] == shape[1] {
            let n = shape[0]
            var symmetric = scalars
            for r in 0..<n { for c in 0..<n { symmetric[r * n + c] = (scalars[r * n + c] + scalars[c * n + r]) / 2 } }
            scalars = symmetric
        }
        return Tensor(shape: shape, scalars: scalars)
    }
}
