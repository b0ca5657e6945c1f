/* The `fuzz` card source: mutates an inner card's answers under the control
 * of a directive script taken from the fuzz input.
 *
 * One directive per transmit, read with an mdf_cursor_t (past the end of the
 * script every directive is PASS, so every byte string is a valid script):
 *
 *   op = u8 % 8
 *   0 PASS      inner answer as is (no inner card: 6F 00)
 *   1 SW        inner answer, SW1 SW2 replaced by the next 2 bytes
 *   2 TRUNCATE  inner answer cut to n = u8 % (len + 1) bytes
 *   3 EXTEND    k = u8, then k bytes inserted before the SW
 *   4 REPLACE   k = u16le % 1024, then k bytes: the whole answer (data + SW)
 *   5 FLIP      inner answer, byte at u8 % len XORed with u8 (0 becomes 1)
 *   6 REMOVED   MDF_EREMOVED (the reader reports SCARD_W_REMOVED_CARD)
 *   7 RESET     MDF_ERESET (the reader reports SCARD_W_RESET_CARD)
 *
 * Init on the stack per fuzz input; no allocation, the script is borrowed.
 * Its reset op starts the script again and resets the inner card; its free
 * op releases nothing (the caller owns the struct). */
#ifndef MDFUZZ_FUZZCARD_H
#define MDFUZZ_FUZZCARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "mdfuzz/common/bytes.h"
#include "mdfuzz/reader/card.h"
#include "mdfuzz/common/err.h"

enum {
  MDF_FZ_PASS = 0,
  MDF_FZ_SW = 1,
  MDF_FZ_TRUNCATE = 2,
  MDF_FZ_EXTEND = 3,
  MDF_FZ_REPLACE = 4,
  MDF_FZ_FLIP = 5,
  MDF_FZ_REMOVED = 6,
  MDF_FZ_RESET = 7,
  MDF_FZ_NOPS = 8
};

#define MDF_FZ_REPLACE_MAX 1024

typedef struct mdf_fuzzcard {
  const mdf_card_t *inner; /* borrowed; NULL = no inner card */
  mdf_cursor_t script;     /* borrowed directive bytes */
  uint8_t atr[MDF_ATR_MAX];
  size_t atr_len; /* 0 = use the inner card's ATR */
  uint32_t apdus; /* transmits seen since init */
} mdf_fuzzcard_t;

void mdf_fuzzcard_init(mdf_fuzzcard_t *fc, const mdf_card_t *inner, const uint8_t *script,
                       size_t len);
/* ATR override for power_on (len clipped to MDF_ATR_MAX; len 0 = none). */
void mdf_fuzzcard_set_atr(mdf_fuzzcard_t *fc, const uint8_t *atr, size_t len);
mdf_card_t mdf_fuzzcard_card(mdf_fuzzcard_t *fc);

/* One decoded directive (arguments point into the script). */
typedef struct mdf_fz_directive {
  uint8_t op;          /* MDF_FZ_* */
  uint8_t sw[2];       /* SW */
  uint8_t arg;         /* TRUNCATE raw n, FLIP raw position */
  uint8_t mask;        /* FLIP xor value (raw, 0 means 1) */
  const uint8_t *data; /* EXTEND / REPLACE bytes */
  size_t len;          /* bytes available at data (may be short at end of script) */
  size_t want;         /* bytes the directive asked for (k) */
} mdf_fz_directive_t;

/* Decode the next directive from a cursor (same reading as transmit). */
void mdf_fuzzcard_next(mdf_cursor_t *c, mdf_fz_directive_t *d);

/* Print a script as text, one directive per line, numbered from 1:
 *   "apdu 3: EXTEND +5 bytes 01 02 03 04 05"
 * Stops at the end of the script (remaining directives are PASS). */
mdf_err_t mdf_fuzzcard_describe(FILE *out, const uint8_t *script, size_t len);
/* Inverse of describe: parse that text back into script bytes.  out has
 * capacity cap; *out_len receives the bytes written.  Errors go to diag
 * (file name may be NULL) with line and column. */
mdf_err_t mdf_fuzzcard_encode(const char *text, size_t text_len, uint8_t *out, size_t cap,
                              size_t *out_len, mdf_diag_t *diag);

#endif
