import CKernels

/// Whole-array kernels from CKernels (vectorised C), at the best instruction-set level this CPU has.
///
/// `exp` is within 1 ulp of glibc's, which is within 0.502 ulp of the exact value (the method and its
/// error bound are in Sources/CKernels/exp.h; VectorMathTests measures it). Sums are taken in a fixed
/// order, and the levels with fused multiply–adds (AVX2, AVX-512, arm64) agree to the bit.
@usableFromInline
enum VectorMath {
    /// Asked of the CPU once.
    static let level = jacobi_best_level()

    /// Rows shorter than this are computed in order with libm's exp, as they always were: for them the
    /// vector kernels gain nothing, and the short vectors people type keep libm's digits to the last bit
    /// (the finite-difference digits that gradcheck prints depend on them).
    static let shortLength = 64

    /// From this size on (4 MiB, NumPy's threshold), new arrays ask for transparent huge pages.
    static let hugePageThreshold = 1 << 19

    /// A new array of `count` numbers, every one of which `body` writes (it is not zero-filled first).
    ///
    /// A large one is backed by huge pages where the system allows: the first touch of fresh memory costs
    /// a page fault per 4 KiB page otherwise, about a microsecond each, more than computing the numbers.
    @usableFromInline
    static func array(count: Int, _ body: (UnsafeMutableBufferPointer<Double>) throws -> Void) rethrows -> [Double] {
        try [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            let out = UnsafeMutableBufferPointer(rebasing: buffer[..<count])
            if count >= hugePageThreshold, let base = out.baseAddress {
                jacobi_prefer_huge_pages(base, count * MemoryLayout<Double>.stride)
            }
            try body(out)
            initialized = count
        }
    }

    /// y = exp(x), elementwise; `y` may be `x` itself.
    static func exp(_ x: UnsafeBufferPointer<Double>, into y: UnsafeMutableBufferPointer<Double>, level: Int32 = level) {
        guard let source = x.baseAddress, let target = y.baseAddress else { return }
        jacobi_exp(level, source, target, min(x.count, y.count))
    }

    /// A new array of exp(x), elementwise; a short one by libm.
    static func exp(_ x: [Double]) -> [Double] {
        guard x.count >= shortLength else { return x.map(_exp) }
        return array(count: x.count) { y in x.withUnsafeBufferPointer { exp($0, into: y) } }
    }

    /// Σ_i exp(z_i − shift), with the terms summed in a fixed order of blocks and lanes.
    static func expSum(_ z: UnsafeBufferPointer<Double>, shift: Double) -> Double {
        guard let base = z.baseAddress else { return 0 }
        return jacobi_exp_sum(level, base, nil, z.count, shift, 1)
    }

    /// Whether some element of `x` lies outside [lo, hi]; NaN does not.
    static func anyOutside(_ x: [Double], _ lo: Double, _ hi: Double) -> Bool {
        x.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return false }
            return jacobi_any_outside(level, base, buffer.count, lo, hi) != 0
        }
    }

    /// −Σ y_i log p_i over the i with y_i ≠ 0, added in order: the loop `for i where y[i] != 0 { loss -=
    /// y[i] * log(p[i]) }` to the bit, with the all-zero stretches of a one-hot y skipped quickly.
    static func crossEntropy(_ p: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>) -> Double {
        guard let pp = p.baseAddress, let py = y.baseAddress else { return 0 }
        return jacobi_cross_entropy(level, pp, py, min(p.count, y.count))
    }

    /// Writes softmax(z / t) into `p` when max(z) is finite; returns false, writing nothing, otherwise
    /// (some score is +Inf, or none is above −Inf), for the caller's careful path.
    static func softmax(_ z: UnsafeBufferPointer<Double>, temperature t: Double, into p: UnsafeMutableBufferPointer<Double>,
                        level: Int32 = level) -> Bool {
        guard let source = z.baseAddress, let target = p.baseAddress, p.count >= z.count else { return false }
        return jacobi_softmax_row(level, source, target, z.count, t) != 0
    }
}
