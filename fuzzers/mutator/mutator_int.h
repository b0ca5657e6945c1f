/* Private to the mutator (fuzzers/mutator/mutator*.c): its random numbers. */
#ifndef MDF_FUZZERS_MUTATOR_INT_H
#define MDF_FUZZERS_MUTATOR_INT_H

#include <stddef.h>
#include <stdint.h>

#include "mdfuzz/fuzzers/mutator.h"

/* splitmix64: one state word, good enough and seedable from libFuzzer's Seed. */
static inline uint64_t mdf__rnd(uint64_t *s) {
  uint64_t z = (*s += 0x9E3779B97F4A7C15ull);

  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}
/* Uniform-ish in [0, n); 0 for n == 0. */
static inline uint32_t mdf__below(uint64_t *s, uint32_t n) {
  return n ? (uint32_t)(mdf__rnd(s) % n) : 0;
}
/* True one time in n. */
static inline int mdf__one_in(uint64_t *s, uint32_t n) {
  return mdf__below(s, n) == 0;
}

/* The target's honest case for export ex (single or sequence form): the
 * source of values for a NULL struct made valid again, or a call added. */
mdf_call_t *mdf__mut_honest_call(const mdf_case_t *c, const mdf_export_t *ex);

/* One argument / member mutation (fuzzers/mutator/mutator_args.c). */
int mdf__mut_arg(mdf_case_t *c, uint64_t *rng);

#endif
