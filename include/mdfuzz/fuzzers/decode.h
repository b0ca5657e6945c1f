/* The fuzz input decoder, one for every target, its encoder and text form.
 *
 * Every byte string decodes, deterministically, into a case; nothing is
 * rejected and reads past the end give zeros, so that short inputs are
 * honest sessions (version 7, no mutation, no fault, valid arguments, the
 * card answering as is) and the fuzzer gets deep.  Rare choices sit at the
 * top of each selector byte's range.  Layout (corpus/README.md "Fuzz
 * inputs" has the full table):
 *
 *   session header  CARD_DATA version, field mutation, acquire dwFlags,
 *                   allocator fault, callback modes, ATR override
 *   call(s)         single-export targets: the export's arguments, one
 *                   selector per spec (exports.h); sequence targets: per call
 *                   an export selector byte then its arguments
 *   rest            the card's directive script (include/mdfuzz/reader/fuzzcard.h)
 *
 * No heap allocation: a case holds its variable data in its own arena;
 * argument pointers point into it (copy a case with mdf_case_copy). */
#ifndef MDFUZZ_DECODE_H
#define MDFUZZ_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "mdfuzz/reader/card.h"
#include "mdfuzz/common/err.h"
#include "mdfuzz/fuzzers/exports.h"

#define MDF_MAX_CALLS 8      /* calls in one case (sequence target) */
#define MDF_MAX_VALS 384     /* struct members / array elements of one case */
#define MDF_ARENA_SIZE 16384 /* bytes of names, strings and buffers of one case */
#define MDF_BUF_MAX 4096     /* longest literal buffer the decoder makes */
#define MDF_ARRAY_MAX 4      /* array elements the decoder makes */

/* Callback behaviours (values pinned with include/mdfuzz/harness/harness.h). */
#define MDF_CACHE_MODES 6 /* mdf_cache_mode_t: NORMAL .. FAIL */
#define MDF_CSP_MODES 5   /* mdf_csp_mode_t: NORMAL .. LONG */

/* One call of the case: the export and one value per spec of its row. */
typedef struct mdf_call {
  const mdf_export_t *ex;
  mdf_arg_t args[MDF_MAX_ARGS];
} mdf_call_t;

typedef struct mdf_case {
  /* CARD_DATA and CardAcquireContext */
  DWORD version;                   /* CARD_DATA dwVersion */
  DWORD acquire_flags;             /* dwFlags of CardAcquireContext */
  bool null_acquire;               /* NULL pCardData to CardAcquireContext */
  uint8_t mutation[MDF_CDM_COUNT]; /* mdf_mutation_t per field (at most one set) */
  /* faults and callback behaviour */
  uint32_t alloc_fail_at;   /* 1-based pfnCspAlloc call that returns NULL; 0 none */
  uint32_t realloc_fail_at; /* same for pfnCspReAlloc */
  uint8_t cache_mode;       /* mdf_cache_mode_t */
  uint8_t pad_mode;         /* mdf_csp_mode_t of pfnCspPadData */
  uint8_t unpad_mode;       /* ... pfnCspUnpadData */
  uint8_t dh_mode;          /* ... pfnCspGetDHAgreement */
  /* the card */
  uint8_t atr[MDF_ATR_MAX]; /* ATR override (mdf_fuzzcard_set_atr) */
  uint8_t atr_len;          /* 0: the card's own ATR */
  const uint8_t *script;    /* directive script: into the input or the arena */
  size_t script_len;
  /* the calls, in order */
  uint8_t ncalls;
  mdf_call_t calls[MDF_MAX_CALLS];
  /* sequence targets: the export list call selectors index (NULL: single) */
  const mdf_export_t *const *seq;
  size_t nseq;
  /* storage for values (private to decode/encode/text) */
  uint16_t nvals;
  uint32_t arena_len;
  mdf_arg_t vals[MDF_MAX_VALS];
  _Alignas(8) uint8_t arena[MDF_ARENA_SIZE];
} mdf_case_t;

/* Decode data as one call of ex.  Never fails for non-NULL ex and c
 * (MDF_EINVAL otherwise).  The script is borrowed from data. */
mdf_err_t mdf_decode(const mdf_export_t *ex, const uint8_t *data, size_t len, mdf_case_t *c);

/* Decode data as a session of calls: the header, then calls while input
 * is left (at least one, at most MDF_MAX_CALLS), each an export selector
 * byte (0xFF: no more calls, the rest is the card script; else the export
 * seq[b % nseq]) and that export's arguments. */
mdf_err_t mdf_decode_seq(const mdf_export_t *const *seq, size_t nseq, const uint8_t *data,
                         size_t len, mdf_case_t *c);

/* The honest case for ex (what decoding an empty input gives). */
void mdf_case_init(mdf_case_t *c, const mdf_export_t *ex);
/* Honest sequence case with no calls yet; add calls with mdf_case_add_call. */
void mdf_case_init_seq(mdf_case_t *c, const mdf_export_t *const *seq, size_t nseq);
/* Append an honest call of ex (must be in c->seq for a sequence case).
 * Returns the call, NULL when full or ex is not in the list. */
mdf_call_t *mdf_case_add_call(mdf_case_t *c, const mdf_export_t *ex);

/* Setters for editing a case (seeds, text parser): copy data into c's
 * arena.  MDF_ESPACE when the arena is full. */
mdf_err_t mdf_case_set_str(mdf_case_t *c, mdf_arg_t *a, const char *s);             /* NULL ok */
mdf_err_t mdf_case_set_name(mdf_case_t *c, mdf_arg_t *a, const void *p, size_t n);  /* raw bytes */
mdf_err_t mdf_case_set_wstr(mdf_case_t *c, mdf_arg_t *a, const char *ascii);        /* NULL ok */
mdf_err_t mdf_case_set_bytes(mdf_case_t *c, mdf_arg_t *a, const void *p, size_t n); /* IN_BUF */
mdf_err_t mdf_case_set_script(mdf_case_t *c, const void *p, size_t n);

/* Copy src into dst, pointers rebased into dst's arena. */
void mdf_case_copy(mdf_case_t *dst, const mdf_case_t *src);
/* Same case (values compared, not pointers)? */
bool mdf_case_equal(const mdf_case_t *a, const mdf_case_t *b);

/* Encode c so that decoding (mdf_decode, or mdf_decode_seq with c->seq)
 * gives an equal case, script appended.  buf has capacity cap; *len gets
 * the bytes used.  MDF_EINVAL for a case the format cannot express (two
 * mutated fields, a literal too long, ...), MDF_ESPACE if cap is short. */
mdf_err_t mdf_encode(const mdf_case_t *c, uint8_t *buf, size_t cap, size_t *len);

/* ---- text form (fuzzers/decode/text*.c) ----------------------------------------- */

/* Print c as readable text: the CARD_DATA setup, faults, modes, each call
 * with its arguments by parameter name, the card ATR and directives.
 * mdf_case_from_text parses it back. */
mdf_err_t mdf_case_to_text(FILE *out, const mdf_case_t *c);
/* Parse text (text_len bytes) into c.  Single-export text needs ex (or a
 * "call NAME(" line naming a row of the table); sequence text needs seq.
 * Errors: diag gets "line:col: message" (file name from the caller). */
mdf_err_t mdf_case_from_text(const char *text, size_t text_len, const mdf_export_t *ex,
                             const mdf_export_t *const *seq, size_t nseq, mdf_case_t *c,
                             mdf_diag_t *diag);
/* Old name of mdf_case_to_text. */
void mdf_decode_print(FILE *out, const mdf_case_t *c);

/* Names of the mutable CARD_DATA fields, MDF_CDM_* order. */
const char *mdf_cdm_name(int field);
/* Name of an argument kind ("DIR_NAME"), of a cache / CSP mode ("STALE"). */
const char *mdf_arg_kind_name(int kind);
const char *mdf_cache_mode_name(int mode);
const char *mdf_csp_mode_name(int mode);

#endif
