/* The `fuzz` card source: one directive from the fuzz input per transmit
 * mutates the inner card's answer (see include/mdfuzz/fuzzcard.h).
 * Everything here is on the fuzzing hot path: no allocation, no I/O. */
#include <string.h>

#include "mdfuzz/reader/fuzzcard.h"
#include "mdfuzz/reader/sim.h"

void mdf_fuzzcard_next(mdf_cursor_t *c, mdf_fz_directive_t *d) {
  memset(d, 0, sizeof(*d));
  d->op = (uint8_t)(mdf_cursor_u8(c) % MDF_FZ_NOPS);
  switch (d->op) {
  case MDF_FZ_SW:
    d->sw[0] = mdf_cursor_u8(c);
    d->sw[1] = mdf_cursor_u8(c);
    break;
  case MDF_FZ_TRUNCATE:
    d->arg = mdf_cursor_u8(c);
    break;
  case MDF_FZ_EXTEND:
    d->want = mdf_cursor_u8(c);
    d->data = mdf_cursor_take(c, d->want, &d->len);
    break;
  case MDF_FZ_REPLACE:
    d->want = mdf_cursor_u16(c) % MDF_FZ_REPLACE_MAX;
    d->data = mdf_cursor_take(c, d->want, &d->len);
    break;
  case MDF_FZ_FLIP:
    d->arg = mdf_cursor_u8(c);
    d->mask = mdf_cursor_u8(c);
    break;
  default:
    break;
  }
}

static mdf_err_t fz_power_on(void *ctx, uint8_t *atr, size_t *atr_len) {
  mdf_fuzzcard_t *fc = ctx;
  if (!fc || !atr || !atr_len)
    return MDF_EINVAL;
  size_t cap = *atr_len;
  const uint8_t *src = fc->atr;
  size_t n = fc->atr_len;
  if (!n && fc->inner) {
    /* Powering the inner card resets its session, as a real card would. */
    return fc->inner->ops->power_on(fc->inner->ctx, atr, atr_len);
  }
  if (fc->inner) {
    size_t scratch_len = MDF_ATR_MAX;
    uint8_t scratch[MDF_ATR_MAX];
    mdf_err_t err = fc->inner->ops->power_on(fc->inner->ctx, scratch, &scratch_len);
    if (err)
      return *atr_len = 0, err;
  }
  if (!n) {
    src = mdf_sim_atr;
    n = MDF_SIM_ATR_LEN;
  }
  if (n > cap)
    return *atr_len = 0, MDF_ESPACE;
  memcpy(atr, src, n);
  *atr_len = n;
  return MDF_OK;
}

static mdf_err_t fz_transmit(void *ctx, const uint8_t *capdu, size_t clen, uint8_t *rapdu,
                             size_t *rlen) {
  mdf_fuzzcard_t *fc = ctx;
  mdf_fz_directive_t d;
  if (!rlen)
    return MDF_EINVAL;
  size_t cap = *rlen, n = 0;
  *rlen = 0;
  if (!fc || !rapdu || cap < 2)
    return MDF_EINVAL;
  fc->apdus++;
  mdf_fuzzcard_next(&fc->script, &d);
  /* Events: the card never sees the command. */
  if (d.op == MDF_FZ_REMOVED)
    return MDF_EREMOVED;
  if (d.op == MDF_FZ_RESET)
    return MDF_ERESET;

  if (fc->inner) {
    n = cap;
    mdf_err_t err = fc->inner->ops->transmit(fc->inner->ctx, capdu, clen, rapdu, &n);
    if (err)
      return err;
  } else {
    rapdu[0] = 0x6F;
    rapdu[1] = 0x00;
    n = 2;
  }

  switch (d.op) {
  case MDF_FZ_SW:
    if (n < 2)
      n = 2;
    rapdu[n - 2] = d.sw[0];
    rapdu[n - 1] = d.sw[1];
    break;
  case MDF_FZ_TRUNCATE:
    n = d.arg % (n + 1);
    break;
  case MDF_FZ_EXTEND: {
    size_t at = n >= 2 ? n - 2 : n, k = d.len;
    if (k > cap - n)
      k = cap - n;
    memmove(rapdu + at + k, rapdu + at, n - at);
    if (k)
      memcpy(rapdu + at, d.data, k);
    n += k;
    break;
  }
  case MDF_FZ_REPLACE:
    n = d.len < cap ? d.len : cap;
    if (n)
      memcpy(rapdu, d.data, n);
    break;
  case MDF_FZ_FLIP:
    if (n)
      rapdu[d.arg % n] ^= d.mask ? d.mask : 1;
    break;
  default:
    break;
  }
  *rlen = n;
  return MDF_OK;
}

/* The same directives again from the first, over a reset inner card: one
 * input replayed from its start. */
static void fz_reset(void *ctx) {
  mdf_fuzzcard_t *fc = ctx;
  if (!fc)
    return;
  fc->script.pos = 0;
  fc->apdus = 0;
  if (fc->inner && fc->inner->ops->reset)
    fc->inner->ops->reset(fc->inner->ctx);
}

/* The caller owns the fuzz card (on its stack) and lends the script and
 * the inner card: nothing to release. */
static void fz_free(void *ctx) {
  (void)ctx;
}

static const mdf_card_ops_t fuzz_ops = {"fuzz", fz_power_on, fz_transmit, fz_reset, fz_free};

void mdf_fuzzcard_init(mdf_fuzzcard_t *fc, const mdf_card_t *inner, const uint8_t *script,
                       size_t len) {
  if (!fc)
    return;
  static const uint8_t empty[1];
  memset(fc, 0, sizeof(*fc));
  fc->inner = inner && inner->ops ? inner : NULL;
  /* Never a NULL base: cursor arithmetic on it would be undefined. */
  fc->script = mdf_cursor(script ? script : empty, script ? len : 0);
}

void mdf_fuzzcard_set_atr(mdf_fuzzcard_t *fc, const uint8_t *atr, size_t len) {
  if (!fc)
    return;
  if (!atr)
    len = 0;
  fc->atr_len = len < MDF_ATR_MAX ? len : MDF_ATR_MAX;
  if (fc->atr_len)
    memcpy(fc->atr, atr, fc->atr_len);
}

mdf_card_t mdf_fuzzcard_card(mdf_fuzzcard_t *fc) {
  mdf_card_t c = {&fuzz_ops, fc};
  return c;
}
