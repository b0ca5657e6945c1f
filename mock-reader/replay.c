/* The replay card source (strict and lenient), over a private copy of a
 * trace.  transmit and rewind never allocate; only a divergence formats
 * text, once, into the diag. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "mdfuzz/reader/replay.h"

struct mdf_replay {
  mdf_trace_t t;
  mdf_replay_mode_t mode;
  size_t pos;         /* strict: next item */
  const uint8_t *atr; /* ATR in force */
  size_t atr_len;
  uint8_t fallback[2];
  bool diverged;
  mdf_diag_t diag;
  uint8_t *used; /* lenient: one flag per item */
};

static mdf_err_t copy_trace(mdf_trace_t *dst, const mdf_trace_t *src) {
  mdf_trace_init(dst);
  memcpy(dst->file, src->file, sizeof(dst->file));
  memcpy(dst->atr, src->atr, sizeof(dst->atr));
  dst->atr_len = src->atr_len;
  dst->items = malloc((src->n_items ? src->n_items : 1) * sizeof(*dst->items));
  dst->bytes = malloc(src->bytes_len ? src->bytes_len : 1);
  if (!dst->items || !dst->bytes) {
    mdf_trace_clear(dst);
    return MDF_ENOMEM;
  }
  if (src->n_items)
    memcpy(dst->items, src->items, src->n_items * sizeof(*dst->items));
  if (src->bytes_len)
    memcpy(dst->bytes, src->bytes, src->bytes_len);
  dst->n_items = dst->items_cap = src->n_items;
  dst->bytes_len = dst->bytes_cap = src->bytes_len;
  return MDF_OK;
}

/* "00 A4 04 00 ..." into buf, shortened with "..." past max bytes. */
static void hex(char *buf, size_t cap, const uint8_t *p, size_t n) {
  const size_t max = 24;
  size_t o = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < n && i < max && o + 4 < cap; i++)
    o += (size_t)snprintf(buf + o, cap - o, i ? " %02X" : "%02X", p[i]);
  if (n > max && o + 4 < cap)
    snprintf(buf + o, cap - o, " ...");
}

static mdf_err_t diverge(mdf_replay_t *r, unsigned line, const uint8_t *want, size_t wlen,
                         const uint8_t *got, size_t glen) {
  char w[80], g[80];
  hex(g, sizeof(g), got, glen);
  r->diverged = true;
  if (want) {
    hex(w, sizeof(w), want, wlen);
    mdf_diag_set(&r->diag, MDF_EDIVERGE, r->t.file, line, 0, "expected %s, got %s", w, g);
  } else {
    mdf_diag_set(&r->diag, MDF_EDIVERGE, r->t.file, line, 0, "expected end of trace, got %s", g);
  }
  return MDF_EDIVERGE;
}

static mdf_err_t answer(const uint8_t *rsp, size_t n, uint8_t *rapdu, size_t *rlen) {
  if (n > *rlen) {
    *rlen = 0;
    return MDF_ESPACE;
  }
  memcpy(rapdu, rsp, n);
  *rlen = n;
  return MDF_OK;
}

static mdf_err_t strict_transmit(mdf_replay_t *r, const uint8_t *c, size_t clen, uint8_t *rapdu,
                                 size_t *rlen) {
  const mdf_trace_t *t = &r->t;
  if (r->diverged)
    return *rlen = 0, MDF_EDIVERGE;
  if (r->pos >= t->n_items) {
    unsigned last = t->n_items ? t->items[t->n_items - 1].line : 0;
    *rlen = 0;
    return diverge(r, last, NULL, 0, c, clen);
  }
  const mdf_trace_item_t *it = &t->items[r->pos];
  if (it->kind != MDF_TRACE_EXCHANGE) {
    r->pos++;
    *rlen = 0;
    if (it->kind == MDF_TRACE_REMOVED)
      return MDF_EREMOVED;
    if (it->atr_len) {
      r->atr = mdf_trace_event_atr(t, it);
      r->atr_len = it->atr_len;
    }
    return MDF_ERESET;
  }
  const uint8_t *want = mdf_trace_cmd(t, it);
  if (it->cmd_len != clen || memcmp(want, c, clen)) {
    *rlen = 0;
    return diverge(r, it->line, want, it->cmd_len, c, clen);
  }
  r->pos++;
  return answer(mdf_trace_rsp(t, it), it->rsp_len, rapdu, rlen);
}

static mdf_err_t lenient_transmit(mdf_replay_t *r, const uint8_t *c, size_t clen, uint8_t *rapdu,
                                  size_t *rlen) {
  const mdf_trace_t *t = &r->t;
  size_t any = SIZE_MAX;
  for (size_t i = 0; i < t->n_items; i++) {
    const mdf_trace_item_t *it = &t->items[i];
    if (it->kind != MDF_TRACE_EXCHANGE || it->cmd_len != clen ||
        memcmp(mdf_trace_cmd(t, it), c, clen))
      continue;
    if (!r->used[i]) {
      r->used[i] = 1;
      return answer(mdf_trace_rsp(t, it), it->rsp_len, rapdu, rlen);
    }
    if (any == SIZE_MAX)
      any = i;
  }
  if (any != SIZE_MAX)
    return answer(mdf_trace_rsp(t, &t->items[any]), t->items[any].rsp_len, rapdu, rlen);
  return answer(r->fallback, 2, rapdu, rlen);
}

static mdf_err_t replay_transmit(void *ctx, const uint8_t *capdu, size_t clen, uint8_t *rapdu,
                                 size_t *rlen) {
  mdf_replay_t *r = ctx;
  if (!rlen)
    return MDF_EINVAL;
  if (!r || !capdu || !rapdu) {
    *rlen = 0;
    return MDF_EINVAL;
  }
  return r->mode == MDF_REPLAY_STRICT ? strict_transmit(r, capdu, clen, rapdu, rlen)
                                      : lenient_transmit(r, capdu, clen, rapdu, rlen);
}

static mdf_err_t replay_power_on(void *ctx, uint8_t *atr, size_t *atr_len) {
  mdf_replay_t *r = ctx;
  if (!r || !atr || !atr_len)
    return MDF_EINVAL;
  return answer(r->atr, r->atr_len, atr, atr_len);
}

static void replay_reset_op(void *ctx) {
  mdf_replay_rewind(ctx);
}
static void replay_free_op(void *ctx) {
  mdf_replay_free(ctx);
}

static const mdf_card_ops_t replay_ops = {"replay", replay_power_on, replay_transmit,
                                          replay_reset_op, replay_free_op};

mdf_err_t mdf_replay_new(mdf_replay_t **out, const mdf_trace_t *trace, mdf_replay_mode_t mode) {
  mdf_err_t err;
  if (!out)
    return MDF_EINVAL;
  *out = NULL;
  if (!trace || (mode != MDF_REPLAY_STRICT && mode != MDF_REPLAY_LENIENT))
    return MDF_EINVAL;
  mdf_replay_t *r = calloc(1, sizeof(*r));
  if (!r)
    return MDF_ENOMEM;
  if ((err = copy_trace(&r->t, trace)))
    goto fail_copy;
  r->used = calloc(trace->n_items ? trace->n_items : 1, 1);
  if (!r->used) {
    err = MDF_ENOMEM;
    goto fail_used;
  }
  r->mode = mode;
  r->fallback[0] = 0x6D;
  r->fallback[1] = 0x00;
  mdf_replay_rewind(r);
  *out = r;
  return MDF_OK;
fail_used:
  mdf_trace_clear(&r->t);
fail_copy:
  free(r);
  return err;
}

void mdf_replay_free(mdf_replay_t *r) {
  if (!r)
    return;
  mdf_trace_clear(&r->t);
  free(r->used);
  free(r);
}

void mdf_replay_rewind(mdf_replay_t *r) {
  if (!r)
    return;
  r->pos = 0;
  r->diverged = false;
  r->atr = r->t.atr;
  r->atr_len = r->t.atr_len;
  memset(r->used, 0, r->t.n_items);
}

mdf_card_t mdf_replay_card(mdf_replay_t *r) {
  mdf_card_t c = {&replay_ops, r};
  return c;
}

const mdf_diag_t *mdf_replay_divergence(const mdf_replay_t *r) {
  return r && r->diverged ? &r->diag : NULL;
}

void mdf_replay_set_fallback(mdf_replay_t *r, uint8_t sw1, uint8_t sw2) {
  if (r)
    r->fallback[0] = sw1, r->fallback[1] = sw2;
}

size_t mdf_replay_position(const mdf_replay_t *r) {
  return r ? r->pos : 0;
}

int mdf_replay_done(const mdf_replay_t *r) {
  return r && r->pos == r->t.n_items;
}

mdf_err_t mdf_replay_open(const char *path, mdf_card_t *out, mdf_diag_t *diag) {
  mdf_trace_t t;
  mdf_replay_t *r = NULL;
  mdf_err_t err;

  if (!out)
    return MDF_EINVAL;
  out->ops = NULL;
  out->ctx = NULL;
  if (!path)
    return mdf_diag_set(diag, MDF_EINVAL, "", 0, 0, "no trace file");
  err = mdf_trace_load(path, &t, diag);
  if (err)
    return err;
  err = mdf_replay_new(&r, &t, MDF_REPLAY_LENIENT);
  mdf_trace_clear(&t); /* the replay has its own copy */
  if (err)
    return mdf_diag_set(diag, err, path, 0, 0, "cannot replay the trace: %s", mdf_strerror(err));
  *out = mdf_replay_card(r);
  return MDF_OK;
}
