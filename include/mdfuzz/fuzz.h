/* Glue between a fuzz target and the harness: the process-wide card
 * sources, per-input session parameters, and one export call with its
 * oracles.  fuzzers/fuzz_export.c is the only intended user. */
#ifndef MDFUZZ_FUZZ_H
#define MDFUZZ_FUZZ_H

#include "mdfuzz/card.h"
#include "mdfuzz/decode.h"
#include "mdfuzz/harness.h"

typedef struct mdf_fuzz_env mdf_fuzz_env_t;

/* Create the harness for acquire and the inner card: the simulated card,
 * or, with env MDFUZZ_TRACE=<file>, a lenient replay of that trace.
 * Reports problems on stderr; returns MDF_EINVAL, MDF_ENOMEM, parse errors. */
mdf_err_t mdf_fuzz_env_new(PFN_CARD_ACQUIRE_CONTEXT acquire, mdf_fuzz_env_t **out);
void mdf_fuzz_env_free(mdf_fuzz_env_t *e);
/* Reset the inner card (sim reset / replay rewind) and return it. */
const mdf_card_t *mdf_fuzz_env_inner(mdf_fuzz_env_t *e);
mdf_harness_t *mdf_fuzz_env_harness(mdf_fuzz_env_t *e);

/* Session parameters for c, with the ATR and handles of the inserted card. */
void mdf_fuzz_session_params(const mdf_case_t *c, mdf_session_params_t *p);

/* Make one call with the oracles: enter, invoke, leave (CMR.1.0.7),
 * return-code rules, output contract.  Skipped when the negotiated
 * CARD_DATA version lacks the export, when its entry point is NULL in
 * CARD_DATA (optional exports), and for a row without invoke (the
 * CardAcquireContext target: the session's acquire was the call).  Key
 * handles it returns are kept for the session's later calls. */
void mdf_fuzz_call(mdf_harness_t *h, const mdf_call_t *call);
/* Every call of c in order (after a successful acquire); stops after a
 * CardDeleteContext call that ended the context. */
void mdf_fuzz_calls(mdf_harness_t *h, const mdf_case_t *c);

#endif
