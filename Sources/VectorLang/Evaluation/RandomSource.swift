/// The session's random numbers: reproducible after `seed(k)`, as NumPy's and Julia's are.
///
/// xoshiro256** seeded through SplitMix64 (Blackman & Vigna); normals by the Box–Muller transform.
public final class RandomSource {
    private var state: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    private var spareNormal: Double?

    public init(seed: UInt64 = 0x9E37_79B9_7F4A_7C15) {
        reseed(seed)
    }

    public func reseed(_ seed: UInt64) {
        var s = seed
        func splitMix() -> UInt64 {
            s &+= 0x9E37_79B9_7F4A_7C15
            var z = s
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (splitMix(), splitMix(), splitMix(), splitMix())
        spareNormal = nil
    }

    private func nextBits() -> UInt64 {
        let result = ((state.1 &* 5) << 7 | (state.1 &* 5) >> 57) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = state.3 << 45 | state.3 >> 19
        return result
    }

    /// Uniform on [0, 1), with 53 random bits.
    public func uniform() -> Double {
        Double(nextBits() >> 11) * 0x1.0p-53
    }

    /// Standard normal.
    public func normal() -> Double {
        if let spare = spareNormal {
            spareNormal = nil
            return spare
        }
        var u = uniform()
        while u == 0 { u = uniform() }
        let v = uniform()
        let radius = (-2 * _log(u)).squareRoot()
        let angle = 2 * Double.pi * v
        spareNormal = radius * _sin(angle)
        return radius * _cos(angle)
    }
}
