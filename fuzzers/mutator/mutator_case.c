/* The mutator's case mutations: session header, card script, the calls of
 * a sequence.  Argument mutations are in mutator_args.c. */
#include <string.h>

#include "decode_int.h"
#include "mdfuzz/reader/fuzzcard.h"
#include "mutator_int.h"

#define SCRIPT_MAX 65536  /* longest card script the mutator rewrites */
#define DIRECTIVE_MAX 40  /* bytes of one directive it makes */
#define MAX_DIRECTIVES 64 /* directives it indexes (later ones stay as they are) */
#define APDU_MAX 48       /* APDU index it inserts at, at most */

static mdf_case_t g_honest; /* honest calls, for NULL structs made valid and added calls */
static uint8_t g_script[SCRIPT_MAX + DIRECTIVE_MAX + APDU_MAX];

mdf_call_t *mdf__mut_honest_call(const mdf_case_t *c, const mdf_export_t *ex) {
  if (c->seq == NULL) {
    mdf_case_init(&g_honest, ex);
    return &g_honest.calls[0];
  }
  mdf_case_init_seq(&g_honest, c->seq, c->nseq);
  return mdf_case_add_call(&g_honest, ex);
}

/* ---- header ------------------------------------------------------------------- */

static bool mut_version(mdf_case_t *c, uint64_t *r) {
  uint32_t k = mdf__below(r, 20);

  c->version = k < 4 ? 4 + k : mdf__rare_versions[k - 4]; /* 4, 5, 6, 7, then the rare ones */
  return true;
}

static bool mut_card_data(mdf_case_t *c, uint64_t *r) {
  uint32_t k = mdf__below(r, 2 * MDF_CDM_COUNT + 2);

  memset(c->mutation, MDF_MUT_KEEP, sizeof(c->mutation));
  c->null_acquire = k == 2 * MDF_CDM_COUNT;
  if (k < 2 * MDF_CDM_COUNT)
    c->mutation[k / 2] = k % 2 ? MDF_MUT_GARBAGE : MDF_MUT_ZERO;
  return true; /* k == 2 * COUNT + 1: all valid again */
}

static bool mut_acquire_flags(mdf_case_t *c, uint64_t *r) {
  switch (mdf__below(r, 4)) {
  case 0:
    c->acquire_flags = 0;
    break;
  case 1:
    c->acquire_flags ^= 1u << mdf__below(r, 32);
    break;
  case 2:
    c->acquire_flags = (uint32_t)mdf__rnd(r);
    break;
  default:
    c->acquire_flags = mdf__acq_rare[mdf__below(r, 15)];
    break;
  }
  return true;
}

static bool mut_fault(mdf_case_t *c, uint64_t *r) {
  /* early calls fail more often: most drivers allocate little per call */
  uint32_t at = mdf__one_in(r, 2) ? 1 + mdf__below(r, 3) : 1 + mdf__below(r, 16);

  c->alloc_fail_at = c->realloc_fail_at = 0;
  switch (mdf__below(r, 5)) {
  case 0:
    break; /* no fault */
  case 1:
  case 2:
    c->alloc_fail_at = at;
    break;
  default:
    c->realloc_fail_at = at;
    break;
  }
  return true;
}

static bool mut_mode(mdf_case_t *c, uint64_t *r) {
  switch (mdf__below(r, 4)) {
  case 0:
    c->cache_mode = (uint8_t)mdf__below(r, MDF_CACHE_MODES);
    break;
  case 1:
    c->pad_mode = (uint8_t)mdf__below(r, MDF_CSP_MODES);
    break;
  case 2:
    c->unpad_mode = (uint8_t)mdf__below(r, MDF_CSP_MODES);
    break;
  default:
    c->dh_mode = (uint8_t)mdf__below(r, MDF_CSP_MODES);
    break;
  }
  return true;
}

static bool mut_atr(mdf_case_t *c, uint64_t *r) {
  size_t i;

  switch (mdf__below(r, 4)) {
  case 0: /* the card's own */
    c->atr_len = 0;
    break;
  case 1: /* one byte changed */
    if (c->atr_len == 0)
      c->atr[0] = 0x3B, c->atr_len = 1;
    c->atr[mdf__below(r, c->atr_len)] ^= (uint8_t)(1u + mdf__below(r, 255));
    break;
  case 2: /* one byte more or less */
    if (c->atr_len > 1 && mdf__one_in(r, 2))
      c->atr_len--;
    else if (c->atr_len < MDF_ATR_MAX)
      c->atr[c->atr_len++] = (uint8_t)mdf__rnd(r);
    break;
  default: /* random, starting like an ATR (TS 3B / 3F) half of the time */
    c->atr_len = (uint8_t)(1 + mdf__below(r, MDF_ATR_MAX));
    for (i = 0; i < c->atr_len; i++)
      c->atr[i] = (uint8_t)mdf__rnd(r);
    if (mdf__one_in(r, 2))
      c->atr[0] = mdf__one_in(r, 2) ? 0x3B : 0x3F;
    break;
  }
  return true;
}

/* ---- card script ---------------------------------------------------------------- */

/* Status words worth answering with: more data (61xx), wrong Le (6Cxx),
 * warnings, security status, not found, wrong length, success. */
static const uint8_t k_sw[][2] = {
    {0x61, 0x00}, {0x6C, 0x00}, {0x62, 0x82}, {0x69, 0x82}, {0x6A, 0x82}, {0x67, 0x00},
    {0x90, 0x00}, {0x63, 0xC0}, {0x69, 0x83}, {0x6A, 0x86}, {0x6D, 0x00}, {0x6E, 0x00},
    {0x6B, 0x00}, {0x6F, 0x00}, {0x69, 0x85}, {0x6A, 0x80}, {0x62, 0x83}, {0x6A, 0x84}};
#define NSW (sizeof(k_sw) / sizeof(k_sw[0]))

/* One new directive into out (DIRECTIVE_MAX bytes); returns its length. */
static size_t make_directive(uint8_t *out, uint64_t *r) {
  size_t n = 0, k, i;
  uint32_t w;

  switch (mdf__below(r, 12)) {
  case 0:
  case 1:
  case 2:
  case 3:
  case 4: /* SW: the most useful by far */
    w = mdf__below(r, NSW + 1);
    out[n++] = MDF_FZ_SW;
    out[n++] = w < NSW ? k_sw[w][0] : (uint8_t)mdf__rnd(r);
    out[n++] = w < NSW ? k_sw[w][1] : (uint8_t)mdf__rnd(r);
    if (w < NSW && (k_sw[w][0] == 0x61 || k_sw[w][0] == 0x6C || k_sw[w][0] == 0x63))
      out[n - 1] = (uint8_t)(k_sw[w][1] | (mdf__one_in(r, 2) ? mdf__below(r, 16) : mdf__rnd(r)));
    return n;
  case 5: /* TRUNCATE to 0, 1, 2 or any */
    out[n++] = MDF_FZ_TRUNCATE;
    out[n++] = (uint8_t)(mdf__one_in(r, 2) ? mdf__below(r, 3) : mdf__rnd(r));
    return n;
  case 6: /* EXTEND by a few bytes */
    k = 1 + mdf__below(r, DIRECTIVE_MAX - 2);
    out[n++] = MDF_FZ_EXTEND;
    out[n++] = (uint8_t)k;
    for (i = 0; i < k; i++)
      out[n++] = (uint8_t)mdf__rnd(r);
    return n;
  case 7: /* REPLACE the answer: a bare SW, or a few bytes */
    k = mdf__one_in(r, 2) ? 2 : mdf__below(r, DIRECTIVE_MAX - 3);
    out[n++] = MDF_FZ_REPLACE;
    out[n++] = (uint8_t)k;
    out[n++] = 0;
    for (i = 0; i < k; i++)
      out[n++] = (uint8_t)mdf__rnd(r);
    if (k >= 2 && mdf__one_in(r, 2)) {
      w = mdf__below(r, NSW);
      out[n - 2] = k_sw[w][0], out[n - 1] = k_sw[w][1];
    }
    return n;
  case 8:
    out[n++] = MDF_FZ_FLIP;
    out[n++] = (uint8_t)mdf__rnd(r);
    out[n++] = (uint8_t)mdf__rnd(r);
    return n;
  case 9:
    out[n++] = MDF_FZ_REMOVED;
    return n;
  case 10:
    out[n++] = MDF_FZ_RESET;
    return n;
  default:
    out[n++] = MDF_FZ_PASS;
    return n;
  }
}

static bool mut_script(mdf_case_t *c, uint64_t *r) {
  size_t at[MAX_DIRECTIVES + 1], nd = 0, i, pos, end, n;
  uint8_t d[DIRECTIVE_MAX];
  mdf_cursor_t cur;
  mdf_fz_directive_t dir;
  uint32_t what;

  if (c->script_len > SCRIPT_MAX)
    return false;
  cur = mdf_cursor(c->script, c->script_len);
  while (nd < MAX_DIRECTIVES && mdf_cursor_left(&cur) > 0) {
    at[nd++] = cur.pos;
    mdf_fuzzcard_next(&cur, &dir);
  }
  at[nd] = cur.pos; /* end of the indexed directives */
  /* mostly an APDU the session reaches: near the indexed ones */
  i = mdf__one_in(r, 8) ? mdf__below(r, APDU_MAX) : mdf__below(r, (uint32_t)nd + 2);
  what = mdf__below(r, 4); /* 0 remove, 1 replace, 2..3 insert */
  if (i >= nd && what < 2)
    what = 2;
  pos = i < nd ? at[i] : at[nd];
  end = what < 2 ? at[i + 1] : pos; /* the bytes the directive at i had */
  n = 0;
  memcpy(g_script, c->script, pos);
  n = pos;
  for (; i > nd; i--) /* pad with PASS up to the APDU index */
    g_script[n++] = MDF_FZ_PASS;
  if (what != 0) {
    size_t k = make_directive(d, r);

    memcpy(g_script + n, d, k);
    n += k;
  }
  memcpy(g_script + n, c->script + end, c->script_len - end);
  n += c->script_len - end;
  c->script = g_script;
  c->script_len = n;
  return true;
}

/* ---- calls (sequence targets) ------------------------------------------------------- */

static bool mut_calls(mdf_case_t *c, uint64_t *r) {
  mdf_call_t tmp, *h;
  uint32_t i, j, n = c->ncalls;

  if (c->seq == NULL || n == 0)
    return false;
  i = mdf__below(r, n);
  j = mdf__below(r, n);
  switch (mdf__below(r, 5)) {
  case 0: /* add an honest call of any export */
  case 1: /* replace a call by an honest call of any export */
    h = mdf__mut_honest_call(c, c->seq[mdf__below(r, (uint32_t)c->nseq)]);
    if (h == NULL)
      return false;
    if (mdf__one_in(r, 2) || n >= MDF_MAX_CALLS) {
      c->calls[i] = *h;
      return true;
    }
    i = mdf__below(r, n + 1);
    memmove(&c->calls[i + 1], &c->calls[i], (n - i) * sizeof(c->calls[0]));
    c->calls[i] = *h;
    c->ncalls++;
    return true;
  case 2: /* remove one */
    if (n < 2)
      return false;
    memmove(&c->calls[i], &c->calls[i + 1], (n - i - 1) * sizeof(c->calls[0]));
    c->ncalls--;
    return true;
  case 3: /* duplicate one (a double free / second use of a key handle) */
    if (n >= MDF_MAX_CALLS)
      return false;
    tmp = c->calls[i];
    j = mdf__below(r, n + 1);
    memmove(&c->calls[j + 1], &c->calls[j], (n - j) * sizeof(c->calls[0]));
    c->calls[j] = tmp;
    c->ncalls++;
    return true;
  default: /* swap two */
    if (n < 2 || i == j)
      return false;
    tmp = c->calls[i];
    c->calls[i] = c->calls[j];
    c->calls[j] = tmp;
    return true;
  }
}

bool mdf_mutate_case(mdf_case_t *c, mdf_mutop_t op, uint64_t *rng) {
  if (c == NULL || rng == NULL)
    return false;
  switch (op) {
  case MDF_MOP_VERSION:
    return mut_version(c, rng);
  case MDF_MOP_CARD_DATA:
    return mut_card_data(c, rng);
  case MDF_MOP_ACQUIRE_FLAGS:
    return mut_acquire_flags(c, rng);
  case MDF_MOP_FAULT:
    return mut_fault(c, rng);
  case MDF_MOP_MODE:
    return mut_mode(c, rng);
  case MDF_MOP_ATR:
    return mut_atr(c, rng);
  case MDF_MOP_ARG:
    return mdf__mut_arg(c, rng) != 0;
  case MDF_MOP_SCRIPT:
    return mut_script(c, rng);
  case MDF_MOP_CALLS:
    return mut_calls(c, rng);
  default:
    return false;
  }
}
