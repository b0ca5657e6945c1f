/* Reader internals shared by reader.c and the winscard*.c front end. */
#ifndef MDFUZZ_READER_INT_H
#define MDFUZZ_READER_INT_H

#include <stdbool.h>

#include "mdfuzz/reader/reader.h"

#define MDF__CTX_HANDLE ((uintptr_t)0x4D444643u)  /* "MDFC" */
#define MDF__CARD_HANDLE ((uintptr_t)0x4D444648u) /* "MDFH" */

typedef struct mdf__reader {
  const mdf_card_t *card; /* NULL: no card */
  bool removed;           /* the source reported removal: sticky until insert */
  bool reset_pending;     /* the source reported a reset: until SCardReconnect */
  bool connected; /* the card handle is valid (insert / SCardConnect until SCardDisconnect) */
  uint8_t atr[MDF_ATR_MAX];
  size_t atr_len;
  mdf_reader_stats_t stats;
  mdf_reader_observer_cb observer;
  void *observer_arg;
} mdf__reader_t;

extern mdf__reader_t mdf__reader;

/* Power the card (again) and cache its ATR.  MDF_EREMOVED marks it removed. */
mdf_err_t mdf__reader_power(void);
/* One exchange through the source into the reader's static buffer.  Handles
 * events (removed / reset) and stats; *rapdu points into that buffer. */
mdf_err_t mdf__reader_exchange(const uint8_t *capdu, size_t clen, const uint8_t **rapdu,
                               size_t *rlen);

#endif
