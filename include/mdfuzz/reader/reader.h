/* The mock PC/SC reader.
 *
 * One process-wide reader (fuzz iterations are single-threaded) that a card
 * source is inserted into.  The Windows-ABI SCard* functions declared in
 * compat/include/winscard.h are implemented on top of it; minidriver code
 * only ever sees those.  Handles are fixed non-zero values so that zero and
 * random values are recognisably invalid. */
#ifndef MDFUZZ_READER_H
#define MDFUZZ_READER_H

#include <stddef.h>
#include <stdint.h>

#include "mdfuzz/reader/card.h"
#include "mdfuzz/common/err.h"

#define MDF_READER_NAME "mdfuzz Mock Reader 0"

/* Insert a card (borrowed: the caller keeps it alive until eject) and power
 * it up.  Resets reader state: transaction depth, counters, last error. */
mdf_err_t mdf_reader_insert(const mdf_card_t *card);
/* Remove the card: SCard* calls then answer SCARD_E_NO_SMARTCARD / REMOVED. */
void mdf_reader_eject(void);

/* The context and card handles a caller puts in CARD_DATA (hSCardCtx, hScard). */
uintptr_t mdf_reader_context_handle(void);
uintptr_t mdf_reader_card_handle(void);

/* ATR read at insert (NULL if no card). */
const uint8_t *mdf_reader_atr(size_t *len);

/* Counters since insert, for oracles and triage. */
typedef struct mdf_reader_stats {
  uint32_t transmits;    /* SCardTransmit calls that reached the card */
  uint32_t transactions; /* SCardBeginTransaction calls that succeeded */
  int depth;             /* current transaction nesting (0 when balanced) */
  mdf_err_t last_error;  /* last source error other than MDF_OK (e.g. MDF_EDIVERGE) */
} mdf_reader_stats_t;
const mdf_reader_stats_t *mdf_reader_stats(void);

/* Optional observer of every exchange (recorder, trace writer, tests).
 * Called after the source answered; NULL removes it.  Not on the hot path
 * unless installed. */
typedef void (*mdf_reader_observer_cb)(void *arg, const uint8_t *capdu, size_t clen,
                                       const uint8_t *rapdu, size_t rlen, mdf_err_t rc);
void mdf_reader_set_observer(mdf_reader_observer_cb cb, void *arg);

/* SCARD_AUTOALLOCATE blocks handed out and not yet given back with
 * SCardFreeMemory (an oracle can check 0 after CardDeleteContext; unfreed
 * blocks are also visible to LeakSanitizer). */
unsigned mdf_reader_live_allocations(void);

#endif
