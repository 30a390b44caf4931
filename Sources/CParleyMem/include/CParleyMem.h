#ifndef CPARLEYMEM_H
#define CPARLEYMEM_H

#include <stdint.h>

/// Hints the processor to bring the cache line holding `p` into the caches (no fault if `p` is not mapped).
static inline __attribute__((always_inline)) void parley_prefetch(const void *p) {
    __builtin_prefetch(p, 0, 3);
}

/// scores[i] += weights[i] for i < count, wrapping (two's complement), weights sign-extended to 32 bits.
/// Vectorised; uses AVX2 where the processor has it.
void parley_add_i16(int32_t *scores, const int16_t *weights, long count);

/// scores[i] += rows[0][i] + rows[1][i] + ... + rows[nrows-1][i] for i < count, wrapping, with the partial sums
/// kept in registers. Vectorised; uses AVX2 where the processor has it.
void parley_add_rows_i16(int32_t *scores, const int16_t *const *rows, long nrows, long count);

/// scores[i] += rows[0][i] + ... + rows[nrows-1][i] for i < count, wrapping (32-bit rows).
void parley_add_rows_i32(int32_t *scores, const int32_t *const *rows, long nrows, long count);

#endif
