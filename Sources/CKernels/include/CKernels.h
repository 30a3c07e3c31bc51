#ifndef JACOBI_CKERNELS_H
#define JACOBI_CKERNELS_H

#include <stddef.h>

/// Instruction-set levels a kernel can run at, best last; every level gives bit-for-bit the same results.
enum {
    JACOBI_LEVEL_BASELINE = 0,  ///< plain C (SSE2 on x86-64, NEON on arm64), what the compiler vectorises by default
    JACOBI_LEVEL_AVX2 = 1,      ///< x86-64 with AVX2 (4 doubles per instruction, gathers)
    JACOBI_LEVEL_AVX512 = 2,    ///< x86-64 with AVX-512 F/DQ/VL (8 doubles per instruction)
};

/// The best level this CPU supports (asked once of the CPU, then remembered).
int jacobi_best_level(void);

/// y[i] = exp(x[i]) for i < n; y may equal x.
///
/// Within 1 ulp of the correctly rounded result (measured against glibc's exp); arguments with
/// |x| ≥ 704, and NaN, are handed to the C library's exp, so overflow, underflow to subnormals,
/// ±Inf and NaN come out exactly as libm's.
void jacobi_exp(int level, const double *x, double *y, size_t n);

/// The largest element of z[0..<n] that is not NaN (−Inf when there is none).
double jacobi_max(int level, const double *z, size_t n);

/// p[i] = exp((z[i] − shift) / t), or exp(z[i] − shift) when t == 1, and returns Σ p[i]; p may be NULL to
/// get the sum alone. The sum is accumulated in 8 lanes per block of 512 and the blocks in order.
double jacobi_exp_sum(int level, const double *z, double *p, size_t n, double shift, double t);

/// One row of softmax(z / t) into p, for a row whose maximum is finite; returns 0 without writing when
/// the maximum is ±Inf or there is none (all NaN), so the caller can take its careful path.
int jacobi_softmax_row(int level, const double *z, double *p, size_t n, double t);

/// Whether some x[i] lies outside [lo, hi]; NaN counts as inside (it is no number to refuse).
int jacobi_any_outside(int level, const double *x, size_t n, double lo, double hi);

/// −Σ y[i] log p[i] over the i with y[i] ≠ 0, added in order of i (a term with y[i] = 0 counts as 0 even
/// where log p[i] = −Inf); the blocks of y that are all zero, as most of a one-hot target is, are skipped.
double jacobi_cross_entropy(int level, const double *p, const double *y, size_t n);

/// Asks the kernel to back the whole 2 MiB pages of [p, p + bytes) with transparent huge pages, as NumPy
/// does for arrays of 4 MiB or more: a fresh array is then faulted in 2 MiB at a time, not 4 KiB. Advice
/// only; does nothing where the system has no such thing.
void jacobi_prefer_huge_pages(void *p, size_t bytes);

#endif
