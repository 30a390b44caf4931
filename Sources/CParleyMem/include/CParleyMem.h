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

/// The run-time tables of a sparse linear model (see `SparseLinearModel` in ParleyText): `table` of 4-word slots
/// (key, three class << 16 | weight entries), `hot` of 2-word slots (key, descriptor: top bit set, an offset into
/// `dense`; else a length << 24 | an offset into `overflow`), `overflow` entries, and `dense` rows of `nclasses`
/// 16-bit weights starting on cache lines. Keys are 32-bit, 0 marks an empty slot.
typedef struct {
    const uint32_t *table;
    const uint32_t *hot;
    const uint32_t *overflow;
    const int16_t *dense;
    uint64_t mask;
    uint64_t hot_mask;
    long nclasses;
} parley_linear_tables;

/// For every t < count, adds the weights of feature `features[t]` to the score vector `targets[t]` (wrapping).
/// The lookups are batched so that their cache misses overlap; `scratch` holds 2 × count words.
void parley_accumulate(const parley_linear_tables *model, const uint64_t *features, int32_t *const *targets,
                       long count, uint32_t *scratch);

#endif
