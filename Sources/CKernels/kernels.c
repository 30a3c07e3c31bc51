// The passes of the numeric builtins over whole arrays, at each instruction-set level: exp, softmax's max,
// exp-and-sum and scale, the cross-entropy loss and the probability check.
//
// Each body is written once, as plain loops the compiler vectorises, and compiled three times on x86-64
// (SSE2 baseline, AVX2, AVX-512) through target attributes; jacobi_best_level asks the CPU which to run.
// Sums are taken in a fixed order of blocks and lanes, so the level changes no result beyond what exp.h
// says about fused multiply–adds.

#include "CKernels.h"
#include "exp.h"

#if defined(__linux__)
#include <sys/mman.h>
#endif

// Only the explicit fma() calls of exp.h fuse; no other product is contracted behind the source's back.
#pragma STDC FP_CONTRACT OFF

enum { LANES = 8 };

/// Σ y[i] in LANES running sums, then the lanes pairwise: a fixed order.
ALWAYS_INLINE double block_sum(const double *y, size_t n) {
    double lane[LANES] = {0};
    size_t i = 0;
    for (; i + LANES <= n; i += LANES) {
        for (size_t l = 0; l < LANES; l++) lane[l] += y[i + l];
    }
    for (size_t l = 0; i < n; i++, l++) lane[l] += y[i];
    return ((lane[0] + lane[4]) + (lane[2] + lane[6])) + ((lane[1] + lane[5]) + (lane[3] + lane[7]));
}

ALWAYS_INLINE int exp_body(int level, const double *x, double *y, size_t n) {
    for (size_t start = 0; start < n; start += BLOCK) {
        size_t m = n - start < BLOCK ? n - start : BLOCK;
        if (y == x) {
            // In place, the fix-up for unsafe arguments would read overwritten ones: copy the block first.
            double copy[BLOCK];
            memcpy(copy, x + start, m * sizeof *copy);
            exp_block(level, PLAIN, copy, y + start, m, 0, 1);
        } else {
            exp_block(level, PLAIN, x + start, y + start, m, 0, 1);
        }
    }
    return 0;
}

ALWAYS_INLINE double max_body(int level, const double *z, size_t n) {
    (void)level;
    // z > m ? z : m keeps m when z is NaN, as `for x in z where x > m` does.
    double lane[LANES];
    for (size_t l = 0; l < LANES; l++) lane[l] = -INFINITY;
    size_t i = 0;
    for (; i + LANES <= n; i += LANES) {
        for (size_t l = 0; l < LANES; l++) lane[l] = z[i + l] > lane[l] ? z[i + l] : lane[l];
    }
    double m = -INFINITY;
    for (; i < n; i++) m = z[i] > m ? z[i] : m;
    for (size_t l = 0; l < LANES; l++) m = lane[l] > m ? lane[l] : m;
    return m;
}

ALWAYS_INLINE double exp_sum_body(int level, const double *z, double *p, size_t n, double shift, double t) {
    double scratch[BLOCK];
    double total = 0;
    for (size_t start = 0; start < n; start += BLOCK) {
        size_t m = n - start < BLOCK ? n - start : BLOCK;
        double *y = p ? p + start : scratch;
        // Two calls with constant forms, so that neither loop tests the form per element.
        if (t == 1) {
            exp_block(level, SHIFTED, z + start, y, m, shift, t);
        } else {
            exp_block(level, SCALED, z + start, y, m, shift, t);
        }
        total += block_sum(y, m);
    }
    return total;
}

ALWAYS_INLINE int softmax_row_body(int level, const double *z, double *p, size_t n, double t) {
    double m = max_body(level, z, n);
    if (!isfinite(m)) return 0;
    double s = exp_sum_body(level, z, p, n, m, t);
    // s ≥ 1 (the maximum contributes exp(0)), so 1 / s is safe; one division instead of n.
    double c = 1 / s;
    for (size_t i = 0; i < n; i++) p[i] *= c;
    return 1;
}

ALWAYS_INLINE int any_outside_body(int level, const double *x, size_t n, double lo, double hi) {
    (void)level;
    // Running minimum and maximum in lanes; x < m ? x : m keeps m when x is NaN.
    double low[LANES], high[LANES];
    for (size_t l = 0; l < LANES; l++) low[l] = high[l] = lo;
    size_t i = 0;
    for (; i + LANES <= n; i += LANES) {
        for (size_t l = 0; l < LANES; l++) {
            low[l] = x[i + l] < low[l] ? x[i + l] : low[l];
            high[l] = x[i + l] > high[l] ? x[i + l] : high[l];
        }
    }
    int outside = 0;
    for (; i < n; i++) outside |= x[i] < lo || x[i] > hi;
    for (size_t l = 0; l < LANES; l++) outside |= low[l] < lo || high[l] > hi;
    return outside;
}

ALWAYS_INLINE double cross_entropy_body(int level, const double *p, const double *y, size_t n) {
    (void)level;
    double loss = 0;
    size_t i = 0;
    for (; i + LANES <= n; i += LANES) {
        // Any nonzero y in this group? Its bits without the sign (−0 is zero; NaN is not).
        uint64_t bits = 0;
        for (size_t l = 0; l < LANES; l++) bits |= as_bits(y[i + l]) << 1;
        if (bits == 0) continue;
        for (size_t l = i; l < i + LANES; l++) {
            if (y[l] != 0) loss -= y[l] * log(p[l]);
        }
    }
    for (; i < n; i++) {
        if (y[i] != 0) loss -= y[i] * log(p[i]);
    }
    return loss;
}

// Each kernel three times on x86-64, for the baseline, AVX2 and AVX-512: the same body, inlined.
#if JACOBI_X86
#define VARIANTS(type, name, params, ...)                                                        \
    static type name##_baseline params { return name##_body(JACOBI_LEVEL_BASELINE, __VA_ARGS__); } \
    AVX2 static type name##_avx2 params { return name##_body(JACOBI_LEVEL_AVX2, __VA_ARGS__); }     \
    AVX512 static type name##_avx512 params { return name##_body(JACOBI_LEVEL_AVX512, __VA_ARGS__); }
#define DISPATCH(level, name, ...)                                      \
    ((level) >= JACOBI_LEVEL_AVX512 ? name##_avx512(__VA_ARGS__)       \
     : (level) >= JACOBI_LEVEL_AVX2 ? name##_avx2(__VA_ARGS__) : name##_baseline(__VA_ARGS__))

int jacobi_best_level(void) {
    static int best = -1;
    int level = __atomic_load_n(&best, __ATOMIC_RELAXED);
    if (level < 0) {
        __builtin_cpu_init();
        level = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl")
            ? JACOBI_LEVEL_AVX512
            : __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") ? JACOBI_LEVEL_AVX2 : JACOBI_LEVEL_BASELINE;
        __atomic_store_n(&best, level, __ATOMIC_RELAXED);
    }
    return level;
}
#else
#define VARIANTS(type, name, params, ...) \
    static type name##_baseline params { return name##_body(JACOBI_LEVEL_BASELINE, __VA_ARGS__); }
#define DISPATCH(level, name, ...) ((void)(level), name##_baseline(__VA_ARGS__))

int jacobi_best_level(void) { return JACOBI_LEVEL_BASELINE; }
#endif

VARIANTS(int, exp, (const double *x, double *y, size_t n), x, y, n)
VARIANTS(double, max, (const double *z, size_t n), z, n)
VARIANTS(double, exp_sum, (const double *z, double *p, size_t n, double shift, double t), z, p, n, shift, t)
VARIANTS(int, softmax_row, (const double *z, double *p, size_t n, double t), z, p, n, t)
VARIANTS(int, any_outside, (const double *x, size_t n, double lo, double hi), x, n, lo, hi)
VARIANTS(double, cross_entropy, (const double *p, const double *y, size_t n), p, y, n)

void jacobi_exp(int level, const double *x, double *y, size_t n) { (void)DISPATCH(level, exp, x, y, n); }
double jacobi_max(int level, const double *z, size_t n) { return DISPATCH(level, max, z, n); }
double jacobi_exp_sum(int level, const double *z, double *p, size_t n, double shift, double t) {
    return DISPATCH(level, exp_sum, z, p, n, shift, t);
}
int jacobi_softmax_row(int level, const double *z, double *p, size_t n, double t) {
    return DISPATCH(level, softmax_row, z, p, n, t);
}
int jacobi_any_outside(int level, const double *x, size_t n, double lo, double hi) {
    return DISPATCH(level, any_outside, x, n, lo, hi);
}
double jacobi_cross_entropy(int level, const double *p, const double *y, size_t n) {
    return DISPATCH(level, cross_entropy, p, y, n);
}

void jacobi_prefer_huge_pages(void *p, size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    const uintptr_t page = 4096;
    uintptr_t start = ((uintptr_t)p + page - 1) & ~(page - 1), end = ((uintptr_t)p + bytes) & ~(page - 1);
    if (end > start) (void)madvise((void *)start, end - start, MADV_HUGEPAGE);
#else
    (void)p;
    (void)bytes;
#endif
}
