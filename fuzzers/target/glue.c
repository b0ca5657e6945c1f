/* Fuzz target glue: the inner card source, the one per-input reset, session
 * parameters, one export call with its oracles. */
#include "mdfuzz/fuzzers/fuzz.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mdfuzz/common/finding.h"
#include "mdfuzz/compat/compat.h"
#include "mdfuzz/fuzzers/exports.h"
#include "mdfuzz/reader/reader.h"
#include "mdfuzz/reader/replay.h"
#include "mdfuzz/reader/sim.h"

/* The card sources an environment can start from, first match wins: a row
 * with an environment variable is chosen when that variable is set (its
 * value is the source's argument); the last row is the default.  Adding a
 * source is its file in mock-reader/ and one row here. */
static const struct source {
  const char *name;
  const char *env; /* NULL: the default */
  mdf_card_open_cb open;
} sources[] = {
    {"replay", "MDFUZZ_TRACE", mdf_replay_open},
    {"sim", NULL, mdf_sim_open},
};

struct mdf_fuzz_env {
  mdf_harness_t *h;
  mdf_card_t inner;       /* the chosen source; ops NULL until opened */
  mdf_export_ctx_t calls; /* per-session state of export calls (key handles) */
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

static mdf_err_t open_source(mdf_card_t *out) {
  const struct source *s = NULL;
  const char *arg = NULL;
  mdf_diag_t diag;
  char msg[600];
  mdf_err_t err;
  size_t i;

  for (i = 0; i < sizeof(sources) / sizeof(sources[0]) && s == NULL; i++) {
    arg = sources[i].env != NULL ? getenv(sources[i].env) : NULL;
    if (sources[i].env == NULL || (arg != NULL && arg[0] != '\0'))
      s = &sources[i];
  }
  memset(&diag, 0, sizeof(diag));
  err = s->open(arg, out, &diag);
  if (err != MDF_OK)
    fprintf(stderr, "mdfuzz: %s: %s\n", s->env != NULL ? s->env : s->name,
            mdf_diag_format(&diag, msg, sizeof(msg)));
  return err;
}

mdf_err_t mdf_fuzz_env_new(PFN_CARD_ACQUIRE_CONTEXT acquire, mdf_fuzz_env_t **out) {
  mdf_harness_config_t cfg = {MDF_HARNESS_CONFIG_VERSION, acquire, true, reader_depth,
                              reader_transmits};
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
  err = open_source(&e->inner);
  if (err != MDF_OK)
    goto out;
  mdf_export_ctx_init(&e->calls, e->h);
  /* common/ knows no reader: crash reports count APDUs through this. */
  mdf_context()->apdus = reader_transmits;
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
  if (e->h != NULL)
    mdf_export_ctx_reset(&e->calls);
  if (e->inner.ops != NULL)
    e->inner.ops->free(e->inner.ctx);
  mdf_harness_free(e->h);
  if (mdf_context()->apdus == reader_transmits)
    mdf_context()->apdus = NULL;
  free(e);
}

const mdf_card_t *mdf_fuzz_env_inner(mdf_fuzz_env_t *e) {
  return &e->inner;
}

mdf_harness_t *mdf_fuzz_env_harness(mdf_fuzz_env_t *e) {
  return e->h;
}

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
}

/* Every piece of per-input state is reset here and nowhere else, so that
 * nothing one input did is seen by the next. */
mdf_err_t mdf_fuzz_input_begin(mdf_fuzz_env_t *e, const mdf_case_t *c, const mdf_card_t *card) {
  mdf_session_params_t params;
  mdf_err_t err;

  if (e == NULL || c == NULL || card == NULL)
    return MDF_EINVAL;
  e->inner.ops->reset(e->inner.ctx); /* files, PIN counters / trace position */
  mdf_compat_input_reset();          /* the driver's last error */
  mdf_export_ctx_reset(&e->calls);   /* no key handles yet */
  err = mdf_reader_insert(card);     /* depth, counters, card events */
  /* The harness starts over even when the reader refused the card, so
   * that mdf_fuzz_input_end always ends a clean session. */
  mdf_fuzz_session_params(c, &params);
  mdf_harness_begin(e->h, &params); /* allocations, fault plan, cache, finding context */
  return err;
}

void mdf_fuzz_input_end(mdf_fuzz_env_t *e) {
  if (e != NULL)
    mdf_harness_end(e->h);
  mdf_reader_eject();
}

DWORD mdf_fuzz_call(mdf_fuzz_env_t *e, const mdf_call_t *call) {
  const mdf_export_t *ex = call->ex;
  mdf_harness_t *h = e->h;
  PCARD_DATA cd = mdf_harness_card_data(h);
  mdf_outputs_t out;
  DWORD rc;

  if (cd == NULL || ex == NULL || ex->invoke == NULL || mdf_harness_version(h) < ex->min_version)
    return MDF_FUZZ_SKIPPED;
  memset(&out, 0, sizeof(out));
  mdf_export_ctx_next_call(&e->calls);
  mdf_harness_enter(h, ex->name);
  rc = ex->invoke(&e->calls, cd, call->args, &out);
  if (rc == MDF_EXPORT_NOT_CALLED)
    return MDF_FUZZ_SKIPPED; /* an optional entry point the driver left NULL */
  mdf_harness_leave(h);
  /* A card reset or removed earlier in the session (fuzz card directives)
   * makes the next SCardBeginTransaction fail before any APDU: a driver
   * that reports that card state has not broken an argument rule. */
  if (!card_event_rc(rc))
    mdf_harness_check_rc(h, ex->name, rc, ex->classify, &(mdf_export_args_t){ex, call->args});
  if (ex->contract != NULL)
    ex->contract(&e->calls, rc, call->args, &out);
  return rc;
}

size_t mdf_fuzz_calls_rc(mdf_fuzz_env_t *e, const mdf_case_t *c, DWORD rcs[MDF_MAX_CALLS]) {
  size_t i, made = 0;
  DWORD rc;

  for (i = 0; i < MDF_MAX_CALLS && rcs != NULL; i++)
    rcs[i] = MDF_FUZZ_SKIPPED;
  for (i = 0; i < c->ncalls && i < MDF_MAX_CALLS && mdf_harness_card_data(e->h) != NULL; i++) {
    rc = mdf_fuzz_call(e, &c->calls[i]);
    if (rcs != NULL)
      rcs[i] = rc;
    made += rc != MDF_FUZZ_SKIPPED;
  }
  return made;
}

void mdf_fuzz_calls(mdf_fuzz_env_t *e, const mdf_case_t *c) {
  mdf_fuzz_calls_rc(e, c, NULL);
}

DWORD mdf_fuzz_run(mdf_fuzz_env_t *e, const mdf_case_t *c, const mdf_card_t *card,
                   DWORD rcs[MDF_MAX_CALLS]) {
  DWORD rc;
  size_t i;

  for (i = 0; i < MDF_MAX_CALLS && rcs != NULL; i++)
    rcs[i] = MDF_FUZZ_SKIPPED;
  if (mdf_fuzz_input_begin(e, c, card) != MDF_OK) {
    rc = MDF_FUZZ_NO_CARD;
    goto out;
  }
  rc = mdf_harness_acquire(e->h);
  if (rc == 0)
    mdf_fuzz_calls_rc(e, c, rcs);
out:
  mdf_fuzz_input_end(e);
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
