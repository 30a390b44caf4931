#ifndef CPARLEYMEM_H
#define CPARLEYMEM_H

/// Hints the processor to bring the cache line holding `p` into the caches (no fault if `p` is not mapped).
static inline __attribute__((always_inline)) void parley_prefetch(const void *p) {
    __builtin_prefetch(p, 0, 3);
}

#endif
