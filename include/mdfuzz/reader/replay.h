/* The `replay` card source: answers from a recorded trace.
 *
 * Strict: exchanges must come in trace order; a different command makes
 * transmit return MDF_EDIVERGE (the reader reports SCARD_F_COMM_ERROR) and
 * mdf_replay_divergence() says where ("file:line: expected <hex>, got <hex>").
 * The divergence is sticky until rewind.  `reset` / `removed` events are
 * emitted at their position (MDF_ERESET / MDF_EREMOVED for the command that
 * reaches them, which is then not consumed); power_on returns the ATR in
 * force (the trace's, or the one after the last reset passed).
 * Lenient: events are ignored; each command gets the response of its first
 * unused exact match in the trace, else of any exact match, else the
 * fallback SW (default 6D00). */
#ifndef MDFUZZ_REPLAY_H
#define MDFUZZ_REPLAY_H

#include <stdint.h>

#include "mdfuzz/reader/card.h"
#include "mdfuzz/common/err.h"
#include "mdfuzz/reader/trace.h"

typedef struct mdf_replay mdf_replay_t;
typedef enum { MDF_REPLAY_STRICT, MDF_REPLAY_LENIENT } mdf_replay_mode_t;

/* The trace is copied: it may be freed after this call. */
mdf_err_t mdf_replay_new(mdf_replay_t **out, const mdf_trace_t *trace, mdf_replay_mode_t mode);
void mdf_replay_free(mdf_replay_t *r); /* NULL ok */
/* Back to the start for the next fuzz iteration (no allocation). */
void mdf_replay_rewind(mdf_replay_t *r);
mdf_card_t mdf_replay_card(mdf_replay_t *r);
/* A lenient replay of the trace file at path as a source (mdf_card_open_cb):
 * reset op = mdf_replay_rewind, free op = mdf_replay_free.  Trace errors
 * (MDF_EIO, MDF_EPARSE, ...) are described in diag. */
mdf_err_t mdf_replay_open(const char *path, mdf_card_t *out, mdf_diag_t *diag);
/* The divergence in strict mode, NULL if none since the last rewind. */
const mdf_diag_t *mdf_replay_divergence(const mdf_replay_t *r);
/* Lenient mode: the SW answered to commands the trace does not contain. */
void mdf_replay_set_fallback(mdf_replay_t *r, uint8_t sw1, uint8_t sw2);
/* Strict mode: items consumed so far, and whether the whole trace was replayed. */
size_t mdf_replay_position(const mdf_replay_t *r);
int mdf_replay_done(const mdf_replay_t *r);

#endif
