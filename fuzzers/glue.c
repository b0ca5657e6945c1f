/* Fuzz target glue: card sources, session parameters, one export call. */
#include "mdfuzz/fuzz.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exports_int.h"
#include "mdfuzz/reader.h"
#include "mdfuzz/sim.h"
#if defined(__has_include)
#if __has_include("mdfuzz/replay.h")
#include "mdfuzz/replay.h"
#include "mdfuzz/trace.h"
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

void mdf_fuzz_call(mdf_harness_t *h, const mdf_call_t *call) {
  const mdf_export_t *ex = call->ex;
  PCARD_DATA cd = mdf_harness_card_data(h);
  mdf_outputs_t out;
  DWORD rc;

  if (cd == NULL || ex == NULL || ex->invoke == NULL || mdf_harness_version(h) < ex->min_version)
    return;
  memset(&out, 0, sizeof(out));
  mdf__ex_bind(h);
  mdf_harness_enter(h, ex->name);
  rc = ex->invoke(cd, call->args, &out);
  if (rc == MDF__NOT_CALLED)
    return; /* an optional entry point the driver left NULL */
  mdf_harness_leave(h);
  mdf_harness_check_rc(h, ex->name, rc, ex->classify, call->args);
  if (ex->contract != NULL)
    ex->contract(h, rc, call->args, &out);
}

void mdf_fuzz_calls(mdf_harness_t *h, const mdf_case_t *c) {
  size_t i;

  for (i = 0; i < c->ncalls && mdf_harness_card_data(h) != NULL; i++)
    mdf_fuzz_call(h, &c->calls[i]);
}
