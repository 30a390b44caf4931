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

static inline __attribute__((always_inline)) uint32_t parley_short_key(uint64_t key) {
    uint32_t k = (uint32_t)(key >> 32) ^ (uint32_t)key;
    return k == 0 ? 1 : k;
}

static inline __attribute__((always_inline)) void parley_add_entry(int32_t *scores, uint32_t v) {
    uint32_t *s = (uint32_t *)scores + (v >> 16);
    *s += (uint32_t)(int32_t)(int16_t)(uint16_t)v;
}

/// The same lookups, sums and order of memory accesses as `SparseLinearModel.accumulate` documented in Swift:
/// first every feature's home slot in the small `hot` table is read; then the hot probes are resolved, prefetching
/// the rows found and, for the keys not there, the home lines of the large table; then those probes are resolved;
/// and only then are the rows added up, the dense rows of a run of features with the same target together.
void parley_accumulate(const parley_linear_tables *m, const uint64_t *features, int32_t *const *targets,
                       long n, uint32_t *tmp) {
    const uint32_t *tb = m->table, *hot = m->hot, *ov = m->overflow;
    const int16_t *dense = m->dense;
    const uint64_t mask = m->mask, hot_mask = m->hot_mask;
    const long C = m->nclasses;
    for (long t = 0; t < n; t++) {
        uint32_t k = parley_short_key(features[t]);
        tmp[t] = hot[((uint64_t)(k * 0x9E3779B1u) & hot_mask) << 1];
    }
    for (long t = 0; t < n; t++) {
        uint32_t k = parley_short_key(features[t]);
        uint64_t h = (uint64_t)(k * 0x9E3779B1u);
        uint32_t key = tmp[t];
        uint64_t j = h & hot_mask;
        while (key != k && key != 0) {
            j = (j + 1) & hot_mask;
            key = hot[j << 1];
        }
        if (key == k) {
            uint32_t d = hot[(j << 1) + 1];
            tmp[t] = 1;
            tmp[n + t] = d;
            const char *p, *end;
            if (d & 0x80000000u) {
                p = (const char *)(dense + (d & 0x7FFFFFFFu));
                end = p + C * 2;
            } else {
                p = (const char *)(ov + (d & 0xFFFFFFu));
                end = p + (long)(d >> 24) * 4;
            }
            for (; p < end; p += 64) parley_prefetch(p);
            parley_prefetch(end - 1);
        } else {
            tmp[t] = 3;
            uint64_t home = (h & mask) << 2;
            parley_prefetch(tb + home);
            parley_prefetch(tb + (((home | 15) + 1) & (mask << 2 | 3)));
        }
    }
    for (long t = 0; t < n; t++) {
        if (tmp[t] != 3) continue;
        uint32_t k = parley_short_key(features[t]);
        uint64_t j = (uint64_t)(k * 0x9E3779B1u) & mask;
        uint32_t key = tb[j << 2];
        while (key != k && key != 0) {
            j = (j + 1) & mask;
            key = tb[j << 2];
        }
        if (key == 0) tmp[t] = 0; else { tmp[t] = 2; tmp[n + t] = (uint32_t)j; }
    }
    const int16_t *rows[32];
    long t = 0;
    while (t < n) {
        int32_t *scores = targets[t];
        long nd = 0;
        do {
            uint32_t state = tmp[t], d = tmp[n + t];
            t++;
            if (state == 2) {
                const uint32_t *slot = tb + ((uint64_t)d << 2);
                parley_add_entry(scores, slot[1]);
                parley_add_entry(scores, slot[2]);
                parley_add_entry(scores, slot[3]);
            } else if (state == 1) {
                if (d & 0x80000000u) {
                    if (nd == 32) { parley_add_rows_i16(scores, rows, nd, C); nd = 0; }
                    rows[nd++] = dense + (d & 0x7FFFFFFFu);
                } else {
                    const uint32_t *e = ov + (d & 0xFFFFFFu), *end = e + (d >> 24);
                    for (; e < end; e++) parley_add_entry(scores, *e);
                }
            }
        } while (t < n && targets[t] == scores);
        if (nd > 0) parley_add_rows_i16(scores, rows, nd, C);
    }
}
