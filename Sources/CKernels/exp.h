// exp over arrays, vectorised, within 0.54 ulp of the exact value (so within 1 ulp of glibc's exp).
//
// The table method of Tang (ACM TOMS 15(2), 1989), as glibc's scalar exp uses it since 2.28: with N = 16,
//     x = k·ln2/N + r,  |r| ≤ ln2/2N ≈ 0.0217,   exp(x) = 2^(k/N) · exp(r),
// where 2^(j/N) for j = k mod N comes from a table, as a double and a relative tail (so the table adds no
// rounding), and exp(r) − 1 from its degree-7 Taylor polynomial, whose truncation error |r|⁸/8! < 1.3e-18
// is 1/100 ulp. k·ln2/N is subtracted in two parts (Cody–Waite): the high part has 37 significant bits,
// so k · hi is exact for |k| < 2^16. The error budget is then 0.5 ulp for the final rounding and about
// 0.04 ulp for the rest; VectorMathTests measures the result against glibc over the whole range.
//
// Sixteen entries fit in two AVX-512 registers, so the table is read with two-source permutes rather
// than gathers (slow on recent Intel cores since the microcode fix for Gather Data Sampling); other
// levels read it with ordinary loads, which the compiler turns into gathers on AVX2.
//
// The loop has no branches; each block afterwards checks the largest |argument|, and only a block that
// reaches 704, where 2^(k/N) would leave the normal range, or holds a NaN goes through its elements
// again, handing those to the C library's exp, so overflow, subnormal results, ±Inf and NaN are libm's.
//
// Multiply–adds are fused where the level has FMA (AVX2, AVX-512, arm64), and those levels give the
// same bits; the SSE2 baseline rounds the products separately (a result may differ in the last place).

#ifndef JACOBI_EXP_H
#define JACOBI_EXP_H

#include <math.h>
#include <stdint.h>
#include <string.h>

#define ALWAYS_INLINE static inline __attribute__((always_inline))

#if defined(__x86_64__) && defined(__clang__)
#define JACOBI_X86 1
#include <immintrin.h>
#define AVX2 __attribute__((target("avx2,fma")))
#define AVX512 __attribute__((target("avx2,fma,avx512f,avx512dq,avx512vl")))
#define BASELINE_FMA 0
#else
#define JACOBI_X86 0
#define BASELINE_FMA 1  // arm64: fma() is one instruction
#endif

enum { EXP_N = 16, BLOCK = 512 };

static const double inv_ln2_n = 0x1.71547652b82fep+4;  // N / ln 2
static const double ln2_hi_n = 0x1.62e42fefa0000p-5;   // ln 2 / N, 37 significant bits
static const double ln2_lo_n = 0x1.cf79abc9e3b3ap-44;  // ln 2 / N − ln2_hi_n
// Adding 1.5·2^52 rounds to an integer and leaves it in the low bits of the sum (for |v| < 2^51).
static const double round_shift = 0x1.8p52;
// 1/2!, …, 1/7!
static const double c2 = 0x1p-1, c3 = 0x1.5555555555555p-3, c4 = 0x1.5555555555555p-5;
static const double c5 = 0x1.1111111111111p-7, c6 = 0x1.6c16c16c16c17p-10, c7 = 0x1.a01a01a01a01ap-13;
// |x| < 704 in the bits of x: integer comparison, which also sends NaN and ±Inf to the C library.
static const uint64_t safe_bits = 0x4086000000000000ULL;
static const uint64_t abs_mask = 0x7fffffffffffffffULL;

// For j < N, the relative tail (2^(j/N) − T_j) / T_j of T_j = 2^(j/N) rounded to a double ...
static const uint64_t exp_tail[EXP_N] = {
    0x0000000000000000ULL, 0x3c979aa65d837b6dULL, 0xbc801b15eaa59348ULL, 0x3c968efde3a8a894ULL,
    0x3c834d754db0abb6ULL, 0x3c859f48a72a4c6dULL, 0x3c7690cebb7aafb0ULL, 0x3c9063e1e21c5409ULL,
    0xbc93b3efbf5e2228ULL, 0xbc7b32dcb94da51dULL, 0x3c8db72fc1f0eab4ULL, 0x3c71affc2b91ce27ULL,
    0x3c8c1a7792cb3387ULL, 0x3c736eae30af0cb3ULL, 0x3c74a385a63d07a7ULL, 0xbc8ff7128fd391f0ULL,
};
// ... and the bits of T_j less j << 48: adding k << 48 then puts floor(k / N) into the exponent and
// cancels the j.
static const uint64_t exp_scale[EXP_N] = {
    0x3ff0000000000000ULL, 0x3fefb5586cf9890fULL, 0x3fef72b83c7d517bULL, 0x3fef387a6e756238ULL,
    0x3fef06fe0a31b715ULL, 0x3feedea64c123422ULL, 0x3feebfdad5362a27ULL, 0x3feeab07dd485429ULL,
    0x3feea09e667f3bcdULL, 0x3feea11473eb0187ULL, 0x3feeace5422aa0dbULL, 0x3feec49182a3f090ULL,
    0x3feee89f995ad3adULL, 0x3fef199bdd85529cULL, 0x3fef5818dcfba487ULL, 0x3fefa4afa2a490daULL,
};

ALWAYS_INLINE double as_double(uint64_t u) {
    double d;
    memcpy(&d, &u, sizeof d);
    return d;
}

ALWAYS_INLINE uint64_t as_bits(double d) {
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return u;
}

/// a·b + c, rounded once where `fused` (a compile-time constant after inlining).
ALWAYS_INLINE double muladd(int fused, double a, double b, double c) { return fused ? fma(a, b, c) : a * b + c; }

/// exp(x) for |x| < 704; garbage (never a trap) elsewhere.
ALWAYS_INLINE double exp_core(int fused, double x) {
    double kd = muladd(fused, x, inv_ln2_n, round_shift);
    uint64_t ki = as_bits(kd);
    kd -= round_shift;
    double r = muladd(fused, -kd, ln2_hi_n, x);
    r = muladd(fused, -kd, ln2_lo_n, r);
    uint64_t j = ki % EXP_N;
    double tail = as_double(exp_tail[j]);
    double scale = as_double(exp_scale[j] + (ki << 48));
    double r2 = r * r;
    double p01 = muladd(fused, c3, r, c2), p23 = muladd(fused, c5, r, c4), p45 = muladd(fused, c7, r, c6);
    double poly = muladd(fused, muladd(fused, p45, r2, p23), r2, p01);
    double q = muladd(fused, r2, poly, tail + r);
    return muladd(fused, scale, q, scale);
}

ALWAYS_INLINE int is_safe(double x) { return (as_bits(x) & abs_mask) < safe_bits; }

/// What exp is taken of, for element i of a block: x[i], x[i] − shift, or (x[i] − shift) / t.
/// (z − shift) / t, not z / t − shift / t: dividing first could overflow (1e308 / 0.5).
enum { PLAIN, SHIFTED, SCALED };
ALWAYS_INLINE double argument(int form, const double *x, size_t i, double shift, double t) {
    return form == PLAIN ? x[i] : form == SHIFTED ? x[i] - shift : (x[i] - shift) / t;
}

/// The elements of a block whose argument is unsafe, again, by libm.
ALWAYS_INLINE void exp_fix_up(int form, const double *x, double *y, size_t n, double shift, double t) {
    for (size_t i = 0; i < n; i++) {
        double a = argument(form, x, i, shift, t);
        if (!is_safe(a)) y[i] = exp(a);
    }
}

/// y[i] = exp(argument i) over a block of at most BLOCK elements; y may not be x.
ALWAYS_INLINE void exp_block_generic(int fused, int form, const double *x, double *y, size_t n, double shift, double t) {
    uint64_t largest = 0;  // the largest |argument|, in bits: an integer maximum, which NaN cannot slip past
    for (size_t i = 0; i < n; i++) {
        double a = argument(form, x, i, shift, t);
        uint64_t bits = as_bits(a) & abs_mask;
        largest = bits > largest ? bits : largest;
        y[i] = exp_core(fused, a);
    }
    if (largest >= safe_bits) exp_fix_up(form, x, y, n, shift, t);
}

#if JACOBI_X86
/// exp_core on 8 lanes, the table read by permutes; `largest` gathers the lanes' |x| bits.
AVX512 ALWAYS_INLINE __m512d exp8(__m512d x, __m512i *largest) {
    const __m512d tail_lo = _mm512_loadu_pd((const double *)exp_tail), tail_hi = _mm512_loadu_pd((const double *)exp_tail + 8);
    const __m512i scale_lo = _mm512_loadu_si512(exp_scale), scale_hi = _mm512_loadu_si512(exp_scale + 8);
    const __m512d shift = _mm512_set1_pd(round_shift);
    *largest = _mm512_max_epu64(*largest, _mm512_and_si512(_mm512_castpd_si512(x), _mm512_set1_epi64((long long)abs_mask)));
    __m512d kd = _mm512_fmadd_pd(x, _mm512_set1_pd(inv_ln2_n), shift);
    __m512i ki = _mm512_castpd_si512(kd);
    kd = _mm512_sub_pd(kd, shift);
    __m512d r = _mm512_fnmadd_pd(kd, _mm512_set1_pd(ln2_hi_n), x);
    r = _mm512_fnmadd_pd(kd, _mm512_set1_pd(ln2_lo_n), r);
    // Index bits 0–2 pick a lane, bit 3 the register: j = k mod 16, from the low bits of ki.
    __m512d tail = _mm512_permutex2var_pd(tail_lo, ki, tail_hi);
    __m512i bits = _mm512_add_epi64(_mm512_permutex2var_epi64(scale_lo, ki, scale_hi), _mm512_slli_epi64(ki, 48));
    __m512d scale = _mm512_castsi512_pd(bits);
    __m512d r2 = _mm512_mul_pd(r, r);
    __m512d p01 = _mm512_fmadd_pd(_mm512_set1_pd(c3), r, _mm512_set1_pd(c2));
    __m512d p23 = _mm512_fmadd_pd(_mm512_set1_pd(c5), r, _mm512_set1_pd(c4));
    __m512d p45 = _mm512_fmadd_pd(_mm512_set1_pd(c7), r, _mm512_set1_pd(c6));
    __m512d poly = _mm512_fmadd_pd(_mm512_fmadd_pd(p45, r2, p23), r2, p01);
    __m512d q = _mm512_fmadd_pd(r2, poly, _mm512_add_pd(tail, r));
    return _mm512_fmadd_pd(scale, q, scale);
}

AVX512 ALWAYS_INLINE __m512d argument8(int form, __m512d x, double shift, double t) {
    if (form == PLAIN) return x;
    x = _mm512_sub_pd(x, _mm512_set1_pd(shift));
    return form == SHIFTED ? x : _mm512_div_pd(x, _mm512_set1_pd(t));
}

AVX512 ALWAYS_INLINE void exp_block_avx512_form(int form, const double *x, double *y, size_t n, double shift, double t) {
    __m512i largest = _mm512_setzero_si512();
    size_t i = 0;
    for (; i + 8 <= n; i += 8) _mm512_storeu_pd(y + i, exp8(argument8(form, _mm512_loadu_pd(x + i), shift, t), &largest));
    if (i < n) {
        __mmask8 live = (__mmask8)((1u << (n - i)) - 1);
        __m512d a = argument8(form, _mm512_maskz_loadu_pd(live, x + i), shift, t);
        _mm512_mask_storeu_pd(y + i, live, exp8(_mm512_maskz_mov_pd(live, a), &largest));
    }
    if (_mm512_reduce_max_epu64(largest) >= safe_bits) exp_fix_up(form, x, y, n, shift, t);
}

/// exp_block for AVX-512, a function of its own: callers at every level can name it, and only the
/// AVX-512 variants call it.
AVX512 static void exp_block_avx512(int form, const double *x, double *y, size_t n, double shift, double t) {
    switch (form) {
    case PLAIN: exp_block_avx512_form(PLAIN, x, y, n, shift, t); break;
    case SHIFTED: exp_block_avx512_form(SHIFTED, x, y, n, shift, t); break;
    default: exp_block_avx512_form(SCALED, x, y, n, shift, t); break;
    }
}
#endif

/// exp_block at an instruction-set level (a compile-time constant after inlining).
ALWAYS_INLINE void exp_block(int level, int form, const double *x, double *y, size_t n, double shift, double t) {
#if JACOBI_X86
    if (level >= 2) {
        exp_block_avx512(form, x, y, n, shift, t);
        return;
    }
#endif
    exp_block_generic(level >= 1 || BASELINE_FMA, form, x, y, n, shift, t);
}

#endif
