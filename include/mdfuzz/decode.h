/* The fuzz input decoder, one for every target.
 *
 * Every byte string decodes, deterministically, into a case; nothing is
 * rejected and reads past the end give zeros, so that short inputs are
 * honest sessions (version 7, no mutation, valid arguments) and the fuzzer
 * gets deep.  Layout (each selector one byte unless said; see
 * corpus/README.md "Fuzz inputs"):
 *
 *   version    < C0: 7 | C0..EF: 4,5,6 | F0..FF: rare (0..3, 8, FFFFFFFF, ...)
 *   mutation   < F0: none | F0..F7: field (next byte % 12) = NULL/0 |
 *              F8..FE: field = garbage | FF: pCardData NULL to CardAcquireContext
 *   acq flags  < F0: 0 | F0..FF: rare values
 *   fault      < E0: none | E0..EF: alloc call (b&15)+1 fails | F0..FF: realloc call
 *   cache      < F0: normal | F0..FF: every lookup misses
 *   args       per the export's schema (exports.h):
 *     CARD_DATA < F8: valid | else NULL
 *     DIR_NAME  < 80: NULL | 80..BF: "mscp" | C0..DF: known[b%4] | E0..FF: literal
 *     FILE_NAME < C0: known[b%10] (0 = "cardid") | C0..FF: literal
 *     FLAGS     < E0: 0 | E0..EF: rare[b&15] | F0..FF: u32le literal
 *     OUT_PTR   < F8: valid | else NULL
 *     literal = length byte (% 17) then that many bytes
 *   rest       the card's directive script (include/mdfuzz/fuzzcard.h) */
#ifndef MDFUZZ_DECODE_H
#define MDFUZZ_DECODE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "mdfuzz/err.h"
#include "mdfuzz/exports.h"

typedef struct mdf_case {
  const mdf_export_t *ex;
  DWORD version;                   /* CARD_DATA dwVersion */
  DWORD acquire_flags;
  bool null_acquire;               /* NULL pCardData to CardAcquireContext */
  uint8_t mutation[MDF_CDM_COUNT]; /* mdf_mutation_t per field */
  uint32_t alloc_fail_at;          /* 0 = none */
  uint32_t realloc_fail_at;
  uint8_t cache_mode;              /* mdf_cache_mode_t */
  mdf_arg_t args[MDF_MAX_ARGS];
  const uint8_t *script;           /* borrowed from the input */
  size_t script_len;
} mdf_case_t;

/* Decode data for export ex.  Never fails for a non-NULL ex and c. */
mdf_err_t mdf_decode(const mdf_export_t *ex, const uint8_t *data, size_t len, mdf_case_t *c);

/* An honest case for ex (what decoding an empty input gives). */
void mdf_case_init(mdf_case_t *c, const mdf_export_t *ex);

/* Encode c so that mdf_decode gives it back (script appended).  buf has
 * capacity cap; *len gets the bytes used.  MDF_EINVAL for a value the
 * format cannot express (e.g. two mutated fields), MDF_ESPACE if short. */
mdf_err_t mdf_encode(const mdf_case_t *c, uint8_t *buf, size_t cap, size_t *len);

/* Print c as text: the calls, arguments, faults and card directives. */
void mdf_decode_print(FILE *out, const mdf_case_t *c);

/* Names of the mutable CARD_DATA fields, MDF_CDM_* order. */
const char *mdf_cdm_name(int field);

#endif
