#include "CParleyMem.h"

#if defined(__x86_64__) && defined(__linux__)
__attribute__((target_clones("avx2", "default")))
#endif
void parley_add_i16(int32_t *restrict scores, const int16_t *restrict weights, long count) {
    uint32_t *s = (uint32_t *)scores;
    for (long i = 0; i < count; i++) s[i] += (uint32_t)(int32_t)weights[i];
}
