/* Glue between a fuzz target and the harness: the process-wide inner card
 * source, the one per-input reset, per-input session parameters, and one
 * export call with its oracles.  fuzzers/target/fuzz_export.c is the main
 * user.  One input flows one way:
 *   mdf_fuzz_input_begin -> mdf_harness_acquire -> mdf_fuzz_call ... ->
 *   mdf_fuzz_input_end
 * (mdf_fuzz_run does exactly that), with the per-input state reset in
 * mdf_fuzz_input_begin only. */
#ifndef MDFUZZ_FUZZ_H
#define MDFUZZ_FUZZ_H

#include "mdfuzz/reader/card.h"
#include "mdfuzz/fuzzers/decode.h"
#include "mdfuzz/harness/harness.h"

typedef struct mdf_fuzz_env mdf_fuzz_env_t;

/* Create the harness for acquire, the export-call state, and the inner
 * card source from the glue's table of sources: with env MDFUZZ_TRACE=<file>
 * a lenient replay of that trace, else the simulated card.  Registers the
 * reader's APDU count with the finding context.  Reports problems on
 * stderr; returns MDF_EINVAL, MDF_ENOMEM, trace errors. */
mdf_err_t mdf_fuzz_env_new(PFN_CARD_ACQUIRE_CONTEXT acquire, mdf_fuzz_env_t **out);
void mdf_fuzz_env_free(mdf_fuzz_env_t *e);
/* The inner card source (what a fuzz card wraps).  Not reset here:
 * mdf_fuzz_input_begin resets it. */
const mdf_card_t *mdf_fuzz_env_inner(mdf_fuzz_env_t *e);
mdf_harness_t *mdf_fuzz_env_harness(mdf_fuzz_env_t *e);

/* The one per-input reset, called by every path that runs an input: the
 * inner card source (its reset op), the compat runtime (last error), the
 * export-call state (key handles), the finding context (export, fault),
 * the reader (card inserted: transactions, counters, events) and the
 * harness (mdf_harness_begin with c's session parameters: allocations,
 * fault plan, cache).  card (borrowed until mdf_fuzz_input_end) is what the
 * reader answers from: usually a fuzz card over mdf_fuzz_env_inner(e).
 * No allocation in the steady state.  Returns MDF_OK; MDF_EINVAL; the
 * reader's error when it refused the card (the harness is reset anyway). */
mdf_err_t mdf_fuzz_input_begin(mdf_fuzz_env_t *e, const mdf_case_t *c, const mdf_card_t *card);
/* CardDeleteContext and the end-of-session oracles (mdf_harness_end), then
 * eject the card.  e NULL: eject only. */
void mdf_fuzz_input_end(mdf_fuzz_env_t *e);

/* Session parameters for c, with the ATR and handles of the inserted card.
 * No side effect (mdf_fuzz_input_begin uses it). */
void mdf_fuzz_session_params(const mdf_case_t *c, mdf_session_params_t *p);

/* Make one call with the oracles: enter, invoke, leave (CMR.1.0.7),
 * return-code rules, output contract.  Skipped when the negotiated
 * CARD_DATA version lacks the export, when its entry point is NULL in
 * CARD_DATA (optional exports), and for a row without invoke (the
 * CardAcquireContext target: the session's acquire was the call).  Key
 * handles it returns are kept in e for the input's later calls.  Returns
 * the export's return code, MDF_FUZZ_SKIPPED when no call was made. */
#define MDF_FUZZ_SKIPPED MDF_EXPORT_NOT_CALLED
DWORD mdf_fuzz_call(mdf_fuzz_env_t *e, const mdf_call_t *call);
/* Every call of c in order (after a successful acquire); stops after a
 * CardDeleteContext call that ended the context. */
void mdf_fuzz_calls(mdf_fuzz_env_t *e, const mdf_case_t *c);
/* Same, with each call's return code in rcs[i] (MDF_FUZZ_SKIPPED for calls
 * not made); returns the number of calls made. */
size_t mdf_fuzz_calls_rc(mdf_fuzz_env_t *e, const mdf_case_t *c, DWORD rcs[MDF_MAX_CALLS]);

/* One whole input of c over card, as every fuzz target runs it:
 * mdf_fuzz_input_begin, CardAcquireContext, the calls (rcs as above, may be
 * NULL), mdf_fuzz_input_end.  Returns the acquire's return code,
 * MDF_FUZZ_NO_CARD if the reader refused the card (no call made). */
#define MDF_FUZZ_NO_CARD ((DWORD)0xFFFFFFF0u)
DWORD mdf_fuzz_run(mdf_fuzz_env_t *e, const mdf_case_t *c, const mdf_card_t *card,
                   DWORD rcs[MDF_MAX_CALLS]);

/* ---- pseudo-exports: targets that are not one row of the table ------------ */

/* The MDF_PSEUDO lines of fuzzers/exports/exports.list. */
typedef enum mdf_fuzz_pseudo {
  MDF_FUZZ_ROW = 0,      /* not a pseudo-export: a table row (or unknown) */
  MDF_FUZZ_SEQUENCE = 1, /* "Sequence": a session of calls, mdf_decode_seq */
  MDF_FUZZ_HOSTILE = 2   /* "HostileCard": an honest session, every card answer from the input */
} mdf_fuzz_pseudo_t;
mdf_fuzz_pseudo_t mdf_fuzz_pseudo(const char *name);

/* The export list of the Sequence target (and of `mdfuzz decode --export
 * Sequence`): every row of the table, in table order; *n gets its length. */
const mdf_export_t *const *mdf_fuzz_seq_exports(size_t *n);

/* ---- honest sessions (fuzzers/target/seq_honest.c) ----------------------------- */

/* The sequence tests of the requirements document (2.5: logon, PIN change,
 * enrollment RSA / ECC, run-as, e-mail signing and decryption, PIN unblock,
 * TLS client authentication RSA / ECC) as Card* sessions with honest
 * arguments for the simulated card, plus a read of every file.  Names are
 * the seed names ("honest-logon", ...). */
size_t mdf_seq_honest_count(void);
const char *mdf_seq_honest_name(size_t i);
/* Session i as a sequence case over mdf_fuzz_seq_exports().  MDF_EINVAL
 * for i out of range or c NULL; parse errors are a bug (reported on stderr). */
mdf_err_t mdf_seq_honest_case(size_t i, mdf_case_t *c);

/* ---- HostileCard inputs (fuzzers/target/hostile.c) ------------------------------ */

/* Layout (corpus/README.md "HostileCard inputs"):
 *   byte 0     honest session: mdf_seq_honest_case(b % count)
 *   byte 1     ATR length n = b % (MDF_ATR_MAX + 1); 0: the simulated card's ATR
 *   n bytes    the ATR
 *   rest       the directive script of a fuzz card with NO inner card: every
 *              answer comes from the input (REPLACE k bytes = data + SW; a
 *              PASS, or the end of the script, answers 6F00).
 * Never fails for non-NULL c (the script is borrowed from data). */
mdf_err_t mdf_hostile_decode(const uint8_t *data, size_t len, mdf_case_t *c);
/* Inverse: session index, ATR (atr_len 0: the sim's), script. */
mdf_err_t mdf_hostile_encode(size_t session, const uint8_t *atr, size_t atr_len,
                             const uint8_t *script, size_t script_len, uint8_t *buf, size_t cap,
                             size_t *len);

#endif
