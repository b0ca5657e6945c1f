/* The structure-aware mutator: libFuzzer's custom mutator / cross-over
 * hooks over mdf_mutate / mdf_crossover (include/mdfuzz/fuzzers/mutator.h).
 * Compiled into each fuzz target executable (MDFUZZ_CUSTOM_MUTATOR=ON):
 * libFuzzer only weakly references LLVMFuzzerCustomMutator, so an archive
 * member defining it would never be linked. */
#include <string.h>

#include "mdfuzz/fuzzers/fuzz.h"
#include "mdfuzz/fuzzers/mutator.h"
#include "mutator_int.h"

#define OUT_MAX 65536 /* encoded inputs larger than this stay byte-level */
#define TRIES 4       /* structural attempts before falling back to bytes */

/* libFuzzer's byte mutator; absent in the standalone engine and a stub
 * returning 0 in AFL++'s driver: both fall back to byte_mutate(). */
size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size) __attribute__((weak));
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed);
size_t LLVMFuzzerCustomCrossOver(const uint8_t *data1, size_t size1, const uint8_t *data2,
                                 size_t size2, uint8_t *out, size_t max_out_size,
                                 unsigned int seed);

static const mdf_export_t *g_ex;
static const mdf_export_t *const *g_seq;
static size_t g_nseq;
static bool g_hostile; /* HostileCard: session byte, ATR, script (mdf_hostile_decode) */
static bool g_have_target;

static mdf_case_t g_orig, g_mut, g_other;
static uint8_t g_out[OUT_MAX];

void mdf_mutator_set_target(const mdf_export_t *ex, const mdf_export_t *const *seq, size_t nseq) {
  g_ex = seq != NULL && nseq > 0 ? NULL : ex;
  g_seq = g_ex ? NULL : seq;
  g_nseq = g_seq ? (nseq > 255 ? 255 : nseq) : 0;
  g_hostile = false;
  g_have_target = true;
}

bool mdf_mutator_set_target_name(const char *name) {
  const mdf_export_t *const *seq;
  size_t n;

  mdf_mutator_set_target(NULL, NULL, 0);
  if (name == NULL)
    return false;
  switch (mdf_fuzz_pseudo(name)) {
  case MDF_FUZZ_SEQUENCE:
    seq = mdf_fuzz_seq_exports(&n);
    mdf_mutator_set_target(NULL, seq, n);
    return seq != NULL && n > 0;
  case MDF_FUZZ_HOSTILE:
    g_hostile = mdf_seq_honest_count() > 0;
    return g_hostile;
  default:
    mdf_mutator_set_target(mdf_export_find(name), NULL, 0);
    return g_ex != NULL;
  }
}

#ifdef MDF_TARGET_EXPORT
#define MDF__MSTR2(x) #x
#define MDF__MSTR(x) MDF__MSTR2(x)
/* The target's row or list, as fuzz_export.c finds it. */
static void target_from_build(void) {
  mdf_mutator_set_target_name(MDF__MSTR(MDF_TARGET_EXPORT));
}
#else
static void target_from_build(void) {
  mdf_mutator_set_target(NULL, NULL, 0);
}
#endif

static bool decode(const uint8_t *data, size_t size, mdf_case_t *c) {
  if (!g_have_target)
    target_from_build();
  if (g_hostile)
    return mdf_hostile_decode(data, size, c) == MDF_OK;
  if (g_seq != NULL)
    return mdf_decode_seq(g_seq, g_nseq, data, size, c) == MDF_OK;
  return g_ex != NULL && mdf_decode(g_ex, data, size, c) == MDF_OK;
}

const char *mdf_mutop_name(int op) {
  static const char *const names[MDF_MOP_COUNT] = {
      "BYTES", "VERSION", "CARD_DATA", "ACQUIRE_FLAGS", "FAULT",
      "MODE",  "ATR",     "ARG",       "SCRIPT",        "CALLS"};

  return op >= 0 && op < MDF_MOP_COUNT ? names[op] : "?";
}

/* ---- bytes ------------------------------------------------------------------------- */

/* Byte mutations when libFuzzer's are not there: selector bytes high (the
 * rare choices sit at the top of each range), a byte changed, added, removed. */
static size_t byte_mutate(uint8_t *d, size_t size, size_t max, uint64_t *r) {
  size_t i = mdf__below(r, (uint32_t)(size ? size : 1));

  switch (size == 0 ? 2 : mdf__below(r, 5)) {
  case 0:
    d[i] = (uint8_t)(0xC0 + mdf__below(r, 64));
    return size;
  case 1:
    d[i] ^= (uint8_t)(1u << mdf__below(r, 8));
    return size;
  case 2:
    if (size >= max)
      break;
    memmove(d + i + 1, d + i, size - i);
    d[i] = (uint8_t)mdf__rnd(r);
    return size + 1;
  case 3:
    memmove(d + i, d + i + 1, size - i - 1);
    return size - 1;
  default:
    break;
  }
  if (size)
    d[i] = (uint8_t)mdf__rnd(r);
  return size;
}

static size_t bytes(uint8_t *data, size_t size, size_t max, uint64_t *r) {
  size_t n = LLVMFuzzerMutate != NULL ? LLVMFuzzerMutate(data, size, max) : 0;

  return n > 0 && n <= max ? n : byte_mutate(data, size, max, r);
}

/* ---- mutate ----------------------------------------------------------------------- */

/* A random kind, weighted: arguments and the card script carry most bugs. */
static mdf_mutop_t pick_op(const mdf_case_t *c, uint64_t *r) {
  static const uint8_t w[MDF_MOP_COUNT] = {
      [MDF_MOP_BYTES] = 25,        [MDF_MOP_VERSION] = 4, [MDF_MOP_CARD_DATA] = 4,
      [MDF_MOP_ACQUIRE_FLAGS] = 3, [MDF_MOP_FAULT] = 5,   [MDF_MOP_MODE] = 4,
      [MDF_MOP_ATR] = 2,           [MDF_MOP_ARG] = 30,    [MDF_MOP_SCRIPT] = 24,
      [MDF_MOP_CALLS] = 12};
  bool args = false, off;
  uint32_t total = 0, x;
  int i;

  for (i = 0; i < c->ncalls; i++)
    args |= c->calls[i].ex != NULL && c->calls[i].ex->nargs > 0;
  for (i = 0; i < MDF_MOP_COUNT; i++) {
    off = (i == MDF_MOP_CALLS && c->seq == NULL) || (i == MDF_MOP_ARG && !args);
    total += off ? 0 : w[i];
  }
  x = mdf__below(r, total);
  for (i = 0; i < MDF_MOP_COUNT; i++) {
    off = (i == MDF_MOP_CALLS && c->seq == NULL) || (i == MDF_MOP_ARG && !args);
    uint32_t wi = off ? 0 : w[i];

    if (x < wi)
      return (mdf_mutop_t)i;
    x -= wi;
  }
  return MDF_MOP_BYTES;
}

/* HostileCard inputs: the session (byte 0), the ATR or one directive of the
 * script that answers for the card; re-encoded with mdf_hostile_encode. */
static size_t hostile_mutate(uint8_t *data, size_t size, size_t max, mdf_mutop_t op,
                             mdf_mutop_t *done, uint64_t *r) {
  size_t session = size ? data[0] : 0, len = 0, cap = max < OUT_MAX ? max : OUT_MAX;
  mdf_mutop_t k = op;

  if (k == MDF_MOP_COUNT) {
    uint32_t x = mdf__below(r, 10);

    k = x < 2 ? MDF_MOP_BYTES : x < 3 ? MDF_MOP_ATR : x < 4 ? MDF_MOP_CALLS : MDF_MOP_SCRIPT;
  }
  mdf_case_copy(&g_mut, &g_orig);
  if (k == MDF_MOP_CALLS) /* another honest session under the same answers */
    session = mdf__below(r, (uint32_t)mdf_seq_honest_count());
  else if ((k != MDF_MOP_ATR && k != MDF_MOP_SCRIPT) || !mdf_mutate_case(&g_mut, k, r))
    return bytes(data, size, max, r);
  if (mdf_hostile_encode(session, g_mut.atr, g_mut.atr_len, g_mut.script, g_mut.script_len, g_out,
                         cap, &len) != MDF_OK ||
      len == 0)
    return bytes(data, size, max, r);
  memcpy(data, g_out, len);
  if (done != NULL)
    *done = k;
  return len;
}

/* The card script (of g_orig) mutated as bytes by libFuzzer, whose
 * compare-guided and dictionary mutations find values directives cannot
 * name (the FLIP mask that empties a file's size); the rest of the input
 * is re-encoded unchanged.  Returns the new size, 0 if it does not fit. */
static size_t script_bytes(uint8_t *data, size_t cap, uint64_t *r) {
  static const uint8_t one[1];
  size_t len = 0, pre, n, slen = g_orig.script_len;

  mdf_case_copy(&g_mut, &g_orig);
  g_mut.script = one; /* a script byte: a sequence gets its end-of-calls byte */
  g_mut.script_len = 1;
  if (mdf_encode(&g_mut, g_out, cap, &len) != MDF_OK || len == 0)
    return 0;
  pre = len - 1;
  if (slen > cap - pre)
    slen = cap - pre;
  if (slen)
    memcpy(g_out + pre, g_orig.script, slen); /* g_orig.script may point into data */
  n = bytes(g_out + pre, slen, cap - pre, r);
  memcpy(data, g_out, pre + n);
  return pre + n;
}

size_t mdf_mutate(uint8_t *data, size_t size, size_t max, unsigned seed, mdf_mutop_t op,
                  mdf_mutop_t *done) {
  uint64_t r = 0x6D6466757A7A0000ull ^ seed;
  mdf_mutop_t k = MDF_MOP_BYTES;
  size_t len = 0, cap = max < OUT_MAX ? max : OUT_MAX;
  int t;

  if (done != NULL)
    *done = MDF_MOP_BYTES;
  if (data == NULL || max == 0)
    return 0;
  if (size > max)
    size = max;
  if (op != MDF_MOP_BYTES && decode(data, size, &g_orig)) {
    if (g_hostile)
      return hostile_mutate(data, size, max, op, done, &r);
    for (t = 0; t < TRIES; t++) {
      k = op > MDF_MOP_BYTES && op < MDF_MOP_COUNT ? op : pick_op(&g_orig, &r);
      if (k == MDF_MOP_BYTES)
        break;
      if (k == MDF_MOP_SCRIPT && !mdf__one_in(&r, 3) && (len = script_bytes(data, cap, &r)) > 0) {
        if (done != NULL)
          *done = k;
        return len;
      }
      mdf_case_copy(&g_mut, &g_orig);
      if (!mdf_mutate_case(&g_mut, k, &r) || mdf_case_equal(&g_mut, &g_orig))
        continue;
      if (mdf_encode(&g_mut, g_out, cap, &len) != MDF_OK || len == 0)
        continue;
      memcpy(data, g_out, len);
      if (done != NULL)
        *done = k;
      return len;
    }
  }
  return bytes(data, size, max, &r);
}

/* ---- cross-over --------------------------------------------------------------------- */

static bool cross_cases(mdf_case_t *c, const mdf_case_t *o, uint64_t *r) {
  size_t i, k, n;

  switch (mdf__below(r, 4)) {
  case 0: /* the other's session header */
    memcpy(c, o, offsetof(mdf_case_t, script));
    return true;
  case 1: /* the other's card script */
    c->script = o->script;
    c->script_len = o->script_len;
    return true;
  case 2: /* one argument of a call to the same export */
    i = mdf__below(r, c->ncalls);
    for (k = 0; k < o->ncalls && o->calls[k].ex != c->calls[i].ex; k++)
      ;
    if (k == o->ncalls || c->calls[i].ex == NULL || c->calls[i].ex->nargs == 0)
      return false;
    n = mdf__below(r, c->calls[i].ex->nargs);
    c->calls[i].args[n] = o->calls[k].args[n];
    return true;
  default: /* sequence: our first calls, then the other's last ones */
    if (c->seq == NULL || o->ncalls == 0)
      return false;
    i = 1 + mdf__below(r, c->ncalls);
    k = mdf__below(r, o->ncalls);
    for (; k < o->ncalls && i < MDF_MAX_CALLS; k++)
      c->calls[i++] = o->calls[k];
    c->ncalls = (uint8_t)i;
    return true;
  }
}

size_t mdf_crossover(const uint8_t *d1, size_t s1, const uint8_t *d2, size_t s2, uint8_t *out,
                     size_t max, unsigned seed) {
  uint64_t r = 0x63726F7373000000ull ^ seed;
  size_t len = 0, cap = max < OUT_MAX ? max : OUT_MAX, a, b;
  int t;

  if (out == NULL || max == 0)
    return 0;
  if (decode(d1, s1, &g_orig) && !g_hostile && decode(d2, s2, &g_other)) {
    for (t = 0; t < TRIES; t++) {
      mdf_case_copy(&g_mut, &g_orig);
      if (cross_cases(&g_mut, &g_other, &r) && !mdf_case_equal(&g_mut, &g_orig) &&
          mdf_encode(&g_mut, g_out, cap, &len) == MDF_OK && len > 0) {
        memcpy(out, g_out, len);
        return len;
      }
    }
  }
  /* bytes: a head of the first, a tail of the second */
  a = d1 ? mdf__below(&r, (uint32_t)(s1 < max ? s1 : max) + 1) : 0;
  b = d2 ? mdf__below(&r, (uint32_t)s2 + 1) : 0;
  if (a)
    memmove(out, d1, a);
  if (b > max - a)
    b = max - a;
  if (b)
    memmove(out + a, d2 + s2 - b, b);
  return a + b;
}

/* ---- libFuzzer hooks ------------------------------------------------------------------ */

size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed) {
  return mdf_mutate(data, size, max_size, seed, MDF_MOP_COUNT, NULL);
}

size_t LLVMFuzzerCustomCrossOver(const uint8_t *data1, size_t size1, const uint8_t *data2,
                                 size_t size2, uint8_t *out, size_t max_out_size,
                                 unsigned int seed) {
  return mdf_crossover(data1, size1, data2, size2, out, max_out_size, seed);
}
