/* Fuzz target glue: card sources, session parameters, one export call. */
#include "mdfuzz/fuzzers/fuzz.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exports_int.h"
#include "mdfuzz/reader/reader.h"
#include "mdfuzz/reader/sim.h"
#if defined(__has_include)
#if __has_include("mdfuzz/reader/replay.h")
#include "mdfuzz/reader/replay.h"
#include "mdfuzz/reader/trace.h"
#define MDF_HAVE_REPLAY 1
#endif
#endif

struct mdf_fuzz_env {
  mdf_harness_t *h;
  mdf_sim_t *sim;
  mdf_card_t inner;
#ifdef MDF_HAVE_REPLAY
  mdf_trace_t trace;
  bool have_trace;
  mdf_replay_t *replay;
#endif
};

static int reader_depth(void) {
  const mdf_reader_stats_t *s = mdf_reader_stats();

  return s ? s->depth : 0;
}

static uint32_t reader_transmits(void) {
  const mdf_reader_stats_t *s = mdf_reader_stats();

  return s ? s->transmits : 0;
}

/* rc is the card state the reader reported after a reset / removal. */
static bool card_event_rc(DWORD rc) {
  const mdf_reader_stats_t *s = mdf_reader_stats();

  if (s == NULL || (s->last_error != MDF_ERESET && s->last_error != MDF_EREMOVED))
    return false;
  return rc == SCARD_W_RESET_CARD || rc == SCARD_W_REMOVED_CARD || rc == SCARD_E_NO_SMARTCARD;
}

static mdf_err_t open_trace(mdf_fuzz_env_t *e, const char *path) {
#ifdef MDF_HAVE_REPLAY
  mdf_diag_t diag;
  char msg[600];
  mdf_err_t err = mdf_trace_load(path, &e->trace, &diag);

  e->have_trace = err == MDF_OK;

  if (err != MDF_OK) {
    fprintf(stderr, "mdfuzz: MDFUZZ_TRACE: %s\n", mdf_diag_format(&diag, msg, sizeof(msg)));
    return err;
  }
  err = mdf_replay_new(&e->replay, &e->trace, MDF_REPLAY_LENIENT);
  if (err != MDF_OK)
    return err;
  e->inner = mdf_replay_card(e->replay);
  return MDF_OK;
#else
  (void)e;
  fprintf(stderr, "mdfuzz: MDFUZZ_TRACE=%s: this build has no trace replay\n", path);
  return MDF_EUNSUPP;
#endif
}

mdf_err_t mdf_fuzz_env_new(PFN_CARD_ACQUIRE_CONTEXT acquire, mdf_fuzz_env_t **out) {
  mdf_harness_config_t cfg = {MDF_HARNESS_CONFIG_VERSION, acquire, true, reader_depth,
                              reader_transmits};
  const char *trace = getenv("MDFUZZ_TRACE");
  mdf_fuzz_env_t *e;
  mdf_err_t err;

  if (out == NULL || acquire == NULL)
    return MDF_EINVAL;
  *out = NULL;
  e = calloc(1, sizeof(*e));
  if (e == NULL)
    return MDF_ENOMEM;
  err = mdf_harness_new(&cfg, &e->h);
  if (err != MDF_OK)
    goto out;
  if (trace != NULL && trace[0] != '\0') {
    err = open_trace(e, trace);
  } else {
    err = mdf_sim_new(&e->sim);
    if (err == MDF_OK)
      e->inner = mdf_sim_card(e->sim);
  }
out:
  if (err != MDF_OK) {
    mdf_fuzz_env_free(e);
    return err;
  }
  *out = e;
  return MDF_OK;
}

void mdf_fuzz_env_free(mdf_fuzz_env_t *e) {
  if (e == NULL)
    return;
  mdf_harness_free(e->h);
  mdf_sim_free(e->sim);
#ifdef MDF_HAVE_REPLAY
  mdf_replay_free(e->replay);
  if (e->have_trace)
    mdf_trace_clear(&e->trace);
#endif
  free(e);
}

const mdf_card_t *mdf_fuzz_env_inner(mdf_fuzz_env_t *e) {
  if (e->sim != NULL)
    mdf_sim_reset(e->sim);
#ifdef MDF_HAVE_REPLAY
  if (e->replay != NULL)
    mdf_replay_rewind(e->replay);
#endif
  return &e->inner;
}

mdf_harness_t *mdf_fuzz_env_harness(mdf_fuzz_env_t *e) { return e->h; }

void mdf_fuzz_session_params(const mdf_case_t *c, mdf_session_params_t *p) {
  int i;

  mdf_session_params_init(p);
  p->card_data_version = c->version;
  p->acquire_flags = c->acquire_flags;
  p->null_card_data = c->null_acquire;
  for (i = 0; i < MDF_CDM_COUNT; i++)
    p->mutation[i] = c->mutation[i];
  p->alloc_fail_at = c->alloc_fail_at;
  p->realloc_fail_at = c->realloc_fail_at;
  p->cache_mode = (mdf_cache_mode_t)c->cache_mode;
  p->pad_mode = (mdf_csp_mode_t)c->pad_mode;
  p->unpad_mode = (mdf_csp_mode_t)c->unpad_mode;
  p->dh_mode = (mdf_csp_mode_t)c->dh_mode;
  p->atr = mdf_reader_atr(&p->atr_len);
  p->hSCardCtx = mdf_reader_context_handle();
  p->hScard = mdf_reader_card_handle();
  mdf__ex_keys_reset(); /* a new session: no key handles yet */
}

DWORD mdf_fuzz_call(mdf_harness_t *h, const mdf_call_t *call) {
  const mdf_export_t *ex = call->ex;
  PCARD_DATA cd = mdf_harness_card_data(h);
  mdf_outputs_t out;
  DWORD rc;

  if (cd == NULL || ex == NULL || ex->invoke == NULL || mdf_harness_version(h) < ex->min_version)
    return MDF_FUZZ_SKIPPED;
  memset(&out, 0, sizeof(out));
  mdf__ex_bind(h);
  mdf_harness_enter(h, ex->name);
  rc = ex->invoke(cd, call->args, &out);
  if (rc == MDF__NOT_CALLED)
    return MDF_FUZZ_SKIPPED; /* an optional entry point the driver left NULL */
  mdf_harness_leave(h);
  /* A card reset or removed earlier in the session (fuzz card directives)
   * makes the next SCardBeginTransaction fail before any APDU: a driver
   * that reports that card state has not broken an argument rule. */
  if (!card_event_rc(rc))
    mdf_harness_check_rc(h, ex->name, rc, ex->classify, call->args);
  if (ex->contract != NULL)
    ex->contract(h, rc, call->args, &out);
  return rc;
}

size_t mdf_fuzz_calls_rc(mdf_harness_t *h, const mdf_case_t *c, DWORD rcs[MDF_MAX_CALLS]) {
  size_t i, made = 0;
  DWORD rc;

  for (i = 0; i < MDF_MAX_CALLS && rcs != NULL; i++)
    rcs[i] = MDF_FUZZ_SKIPPED;
  for (i = 0; i < c->ncalls && i < MDF_MAX_CALLS && mdf_harness_card_data(h) != NULL; i++) {
    rc = mdf_fuzz_call(h, &c->calls[i]);
    if (rcs != NULL)
      rcs[i] = rc;
    made += rc != MDF_FUZZ_SKIPPED;
  }
  return made;
}

void mdf_fuzz_calls(mdf_harness_t *h, const mdf_case_t *c) { mdf_fuzz_calls_rc(h, c, NULL); }

DWORD mdf_fuzz_run(mdf_fuzz_env_t *e, const mdf_case_t *c, const mdf_card_t *card,
                   DWORD rcs[MDF_MAX_CALLS]) {
  mdf_session_params_t params;
  DWORD rc;
  size_t i;

  for (i = 0; i < MDF_MAX_CALLS && rcs != NULL; i++)
    rcs[i] = MDF_FUZZ_SKIPPED;
  if (e == NULL || c == NULL || card == NULL || mdf_reader_insert(card) != MDF_OK) {
    rc = MDF_FUZZ_NO_CARD;
    goto out;
  }
  mdf_fuzz_session_params(c, &params);
  mdf_harness_begin(e->h, &params);
  rc = mdf_harness_acquire(e->h);
  if (rc == 0)
    mdf_fuzz_calls_rc(e->h, c, rcs);
  mdf_harness_end(e->h);
out:
  mdf_reader_eject();
  return rc;
}

mdf_fuzz_pseudo_t mdf_fuzz_pseudo(const char *name) {
  if (name != NULL && strcmp(name, "Sequence") == 0)
    return MDF_FUZZ_SEQUENCE;
  if (name != NULL && strcmp(name, "HostileCard") == 0)
    return MDF_FUZZ_HOSTILE;
  return MDF_FUZZ_ROW;
}

const mdf_export_t *const *mdf_fuzz_seq_exports(size_t *n) {
  /* mdf_decode_seq takes b % n: more than 255 rows could not be chosen. */
  static const mdf_export_t *list[255];
  static size_t nlist;
  const mdf_export_t *rows;
  size_t i, nrows;

  if (nlist == 0) {
    rows = mdf_exports(&nrows);
    for (i = 0; i < nrows && i < 255; i++)
      list[i] = &rows[i];
    nlist = i;
  }
  if (n != NULL)
    *n = nlist;
  return list;
}
