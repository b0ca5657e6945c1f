/* Card sources: where the mock reader gets its answers.
 *
 * One ops table for every source (replay, sim, fuzz, and later live).  The
 * reader owns no card logic; it only forwards SCardTransmit to the source.
 * transmit is the fuzzing hot path: no allocation, no I/O, no formatting. */
#ifndef MDFUZZ_CARD_H
#define MDFUZZ_CARD_H

#include <stddef.h>
#include <stdint.h>

#include "mdfuzz/common/err.h"

#define MDF_ATR_MAX 33      /* ISO 7816-3 maximum ATR length */
#define MDF_APDU_MAX 65544  /* extended C-APDU upper bound */
#define MDF_RAPDU_MAX 65538 /* 65536 data bytes + SW1 SW2 */

typedef struct mdf_card_ops {
  const char *name; /* "sim", "replay", "fuzz", ... */
  /* Power the card up (cold reset).  atr: capacity *atr_len in, length out.
   * Returns MDF_OK, MDF_EREMOVED (no card), or another error. */
  mdf_err_t (*power_on)(void *ctx, uint8_t *atr, size_t *atr_len);
  /* One exchange.  rapdu: capacity *rlen in, bytes used out (data + SW1 SW2).
   * Returns MDF_OK; MDF_EREMOVED / MDF_ERESET for card events (the reader
   * maps them to SCARD_W_REMOVED_CARD / SCARD_W_RESET_CARD); MDF_EDIVERGE
   * when a strict replay sees an unexpected command; MDF_EIO otherwise. */
  mdf_err_t (*transmit)(void *ctx, const uint8_t *capdu, size_t clen, uint8_t *rapdu, size_t *rlen);
  /* Back to the state a new input starts from (sim: the personalised card;
   * replay: the start of the trace; fuzz: the start of its script and its
   * inner card reset).  Once per input: no allocation. */
  void (*reset)(void *ctx);
  /* Release the source and its state (ctx is invalid afterwards).  A
   * source whose storage the caller owns (the fuzz card) releases nothing. */
  void (*free)(void *ctx);
} mdf_card_ops_t;

/* A source instance: ops plus its state. */
typedef struct mdf_card {
  const mdf_card_ops_t *ops;
  void *ctx;
} mdf_card_t;

/* How a table of sources (the fuzz glue's) makes one: from arg (a file
 * name, or NULL when the source needs none) into *out, to be released with
 * out->ops->free(out->ctx).  Errors: MDF_EINVAL, MDF_ENOMEM, a parse or I/O
 * error described in diag (may be NULL). */
typedef mdf_err_t (*mdf_card_open_cb)(const char *arg, mdf_card_t *out, mdf_diag_t *diag);

#endif
