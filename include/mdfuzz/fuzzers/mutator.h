/* The structure-aware mutator (fuzzers/mutator/mutator*.c), compiled into every fuzz
 * target when MDFUZZ_CUSTOM_MUTATOR is ON.
 *
 * An input is decoded with the target's export row (include/mdfuzz/fuzzers/decode.h),
 * ONE thing of the case is changed (an argument, a struct member, the
 * CARD_DATA set-up, a fault, a callback mode, the ATR, one card directive,
 * for sequence targets the list of calls), and the case is encoded again.
 * Some mutations stay byte-level (LLVMFuzzerMutate) so that the fuzzer keeps
 * reaching what the structure does not name.  Deterministic for a seed
 * (LLVMFuzzerMutate is libFuzzer's own, deterministic under -seed); never
 * writes more than max bytes; every byte string is accepted.  State is static:
 * not thread-safe, like libFuzzer's mutators. */
#ifndef MDFUZZ_MUTATOR_H
#define MDFUZZ_MUTATOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mdfuzz/fuzzers/decode.h"

/* What one mutation changed. */
typedef enum mdf_mutop {
  MDF_MOP_BYTES = 0,     /* raw bytes (LLVMFuzzerMutate, or the mutator's own) */
  MDF_MOP_VERSION,       /* CARD_DATA dwVersion */
  MDF_MOP_CARD_DATA,     /* one CARD_DATA field NULL/garbage, or a NULL pCardData */
  MDF_MOP_ACQUIRE_FLAGS, /* dwFlags of CardAcquireContext */
  MDF_MOP_FAULT,         /* pfnCspAlloc / pfnCspReAlloc failure */
  MDF_MOP_MODE,          /* one callback mode: cache, pad, unpad, DH */
  MDF_MOP_ATR,           /* the ATR override */
  MDF_MOP_ARG,           /* one argument or struct member of one call */
  MDF_MOP_SCRIPT,        /* one card directive inserted / replaced / removed */
  MDF_MOP_CALLS,         /* sequence: a call added, removed, duplicated, swapped, replaced */
  MDF_MOP_COUNT
} mdf_mutop_t;

/* The target the mutator decodes for: ex for a single-export target, or the
 * call list of a sequence target (seq, nseq; ex NULL).  Targets built with
 * -DMDF_TARGET_EXPORT=X get it from X on first use (mdf_mutator_set_target_name). */
void mdf_mutator_set_target(const mdf_export_t *ex, const mdf_export_t *const *seq, size_t nseq);

/* The same from a target's export name, as fuzz_export.c resolves it: a
 * table row, "Sequence" (mdf_fuzz_seq_exports) or "HostileCard" (inputs of
 * mdf_hostile_decode: the session, the ATR and the script are mutated).
 * False for an unknown name (the mutator then stays byte-level). */
bool mdf_mutator_set_target_name(const char *name);

/* Change c once, structurally, with an op of kind op, drawing from *rng.
 * Values may come to point at the mutator's static storage (valid until the
 * next mutator call).  Returns false when op does not apply to c (e.g.
 * MDF_MOP_CALLS on a single-export case); c may then be changed anyway. */
bool mdf_mutate_case(mdf_case_t *c, mdf_mutop_t op, uint64_t *rng);

/* Mutate data (size bytes, capacity max) in place for the target; returns
 * the new size (<= max).  op: MDF_MOP_COUNT for a random choice, else that
 * kind (falls back to bytes when it cannot apply).  *done (may be NULL)
 * gets the kind that was applied. */
size_t mdf_mutate(uint8_t *data, size_t size, size_t max, unsigned seed, mdf_mutop_t op,
                  mdf_mutop_t *done);

/* Cross two inputs into out (capacity max): a session header, an argument,
 * the card script or (sequence) a tail of calls from the second input.
 * Returns the size written (<= max). */
size_t mdf_crossover(const uint8_t *d1, size_t s1, const uint8_t *d2, size_t s2, uint8_t *out,
                     size_t max, unsigned seed);

/* Names of the kinds, for messages ("ARG"). */
const char *mdf_mutop_name(int op);

#endif
