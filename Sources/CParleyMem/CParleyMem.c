#include "CParleyMem.h"

#if defined(__x86_64__) && defined(__linux__)
__attribute__((target_clones("avx2", "default")))
#endif
void parley_add_i16(int32_t *restrict scores, const int16_t *restrict weights, long count) {
    uint32_t *s = (uint32_t *)scores;
    for (long i = 0; i < count; i++) s[i] += (uint32_t)(int32_t)weights[i];
}

#if defined(__x86_64__) && defined(__linux__)
__attribute__((target_clones("avx2", "default")))
#endif
void parley_add_rows_i16(int32_t *restrict scores, const int16_t *const *restrict rows, long nrows, long count) {
    uint32_t *s = (uint32_t *)scores;
    long i = 0;
    for (; i + 16 <= count; i += 16) {
        uint32_t acc[16];
        for (int k = 0; k < 16; k++) acc[k] = s[i + k];
        for (long r = 0; r < nrows; r++) {
            const int16_t *w = rows[r] + i;
            for (int k = 0; k < 16; k++) acc[k] += (uint32_t)(int32_t)w[k];
        }
        for (int k = 0; k < 16; k++) s[i + k] = acc[k];
    }
    for (; i + 4 <= count; i += 4) {
        uint32_t acc[4];
        for (int k = 0; k < 4; k++) acc[k] = s[i + k];
        for (long r = 0; r < nrows; r++) {
            const int16_t *w = rows[r] + i;
            for (int k = 0; k < 4; k++) acc[k] += (uint32_t)(int32_t)w[k];
        }
        for (int k = 0; k < 4; k++) s[i + k] = acc[k];
    }
    for (; i < count; i++) {
        uint32_t a = s[i];
        for (long r = 0; r < nrows; r++) a += (uint32_t)(int32_t)rows[r][i];
        s[i] = a;
    }
}

#if defined(__x86_64__) && defined(__linux__)
__attribute__((target_clones("avx2", "default")))
#endif
void parley_add_rows_i32(int32_t *restrict scores, const int32_t *const *restrict rows, long nrows, long count) {
    uint32_t *s = (uint32_t *)scores;
    long i = 0;
    for (; i + 16 <= count; i += 16) {
        uint32_t acc[16];
        for (int k = 0; k < 16; k++) acc[k] = s[i + k];
        for (long r = 0; r < nrows; r++) {
            const uint32_t *w = (const uint32_t *)rows[r] + i;
            for (int k = 0; k < 16; k++) acc[k] += w[k];
        }
        for (int k = 0; k < 16; k++) s[i + k] = acc[k];
    }
    for (; i + 4 <= count; i += 4) {
        uint32_t acc[4];
        for (int k = 0; k < 4; k++) acc[k] = s[i + k];
        for (long r = 0; r < nrows; r++) {
            const uint32_t *w = (const uint32_t *)rows[r] + i;
            for (int k = 0; k < 4; k++) acc[k] += w[k];
        }
        for (int k = 0; k < 4; k++) s[i + k] = acc[k];
    }
    for (; i < count; i++) {
        uint32_t a = s[i];
        for (long r = 0; r < nrows; r++) a += (uint32_t)rows[r][i];
        s[i] = a;
    }
}
