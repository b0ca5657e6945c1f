/* The simulated card: lifecycle, APDU parsing, dispatch, response chaining
 * (61xx / GET RESPONSE) and the proprietary GET DATA.  The commands
 * themselves live in sim_fs.c, sim_auth.c and sim_crypto.c. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "mdfuzz/common/bytes.h"
#include "sim_int.h"

const uint8_t mdf_sim_atr[MDF_SIM_ATR_LEN] = {0x3B, 0x8C, 0x80, 0x01, 'M', 'D', 'F', 'U', 'Z',
                                              'Z',  '-',  'S',  'I',  'M', '0', '1', 0x6C};

static const uint8_t serial_number[8] = {0x4D, 0x44, 0x46, 0x00, 0x00, 0x00, 0x00, 0x01};

/* ISO 7816-4 cases 1-4, short and extended.  Returns false on a length
 * encoding that matches no case (the card answers 6700). */
static bool parse_apdu(const uint8_t *c, size_t n, mdf__sim_apdu_t *a) {
  memset(a, 0, sizeof(*a));
  if (n < 4)
    return false;
  a->cla = c[0];
  a->ins = c[1];
  a->p1 = c[2];
  a->p2 = c[3];
  if (n == 4)
    return true;
  if (n == 5) {
    a->has_le = true;
    a->ne = c[4] ? c[4] : 256;
    return true;
  }
  if (c[4] != 0) {
    size_t lc = c[4];
    a->data = c + 5;
    a->lc = lc;
    if (n == 5 + lc)
      return true;
    if (n != 6 + lc)
      return false;
    a->has_le = true;
    a->ne = c[n - 1] ? c[n - 1] : 256;
    return true;
  }
  a->ext = true;
  if (n < 7)
    return false;
  if (n == 7) {
    a->has_le = true;
    a->ne = mdf_be16(c + 5) ? mdf_be16(c + 5) : 65536;
    return true;
  }
  size_t lc = mdf_be16(c + 5);
  if (lc == 0)
    return false;
  a->data = c + 7;
  a->lc = lc;
  if (n == 7 + lc)
    return true;
  if (n != 9 + lc)
    return false;
  a->has_le = true;
  a->ne = mdf_be16(c + n - 2) ? mdf_be16(c + n - 2) : 65536;
  return true;
}

/* 80 CA 01 01: free space; 80 CA 01 02: serial number. */
static uint16_t get_data(mdf_sim_t *sim, const mdf__sim_apdu_t *a, size_t *out_len) {
  mdf__sim_state_t *st = &sim->st;
  size_t n;
  if (a->p1 != 0x01 || (a->p2 != 0x01 && a->p2 != 0x02))
    return SW_WRONG_P1P2;
  if (a->lc)
    return SW_WRONG_LENGTH;
  if (a->p2 == 0x01) {
    unsigned free_bytes = MDF__SIM_DATA_MAX - st->data_used, free_slots = 0;
    for (int i = 0; i < MDF__SIM_KEY_SLOTS; i++)
      free_slots += st->keys[i] == MDF__SIM_NONE;
    mdf_put_be16(st->resp, (uint16_t)(free_bytes > 0xFFFF ? 0xFFFF : free_bytes));
    st->resp[2] = (uint8_t)free_slots;
    st->resp[3] = MDF__SIM_KEY_SLOTS;
    n = 4;
  } else {
    memcpy(st->resp, serial_number, sizeof(serial_number));
    n = sizeof(serial_number);
  }
  if (a->has_le && a->ne < n)
    return (uint16_t)(0x6C00 | n);
  *out_len = n;
  return SW_OK;
}

static const mdf__sim_handler_fn iso_ins[256] = {
    [0xA4] = mdf__sim_select,      [0xB0] = mdf__sim_read_binary, [0xD6] = mdf__sim_update_binary,
    [0xE0] = mdf__sim_create_file, [0xE4] = mdf__sim_delete_file, [0x20] = mdf__sim_verify,
    [0x24] = mdf__sim_change_ref,  [0x2C] = mdf__sim_reset_retry, [0x84] = mdf__sim_get_challenge,
    [0x82] = mdf__sim_ext_auth,    [0x22] = mdf__sim_mse,         [0x2A] = mdf__sim_pso,
    [0x47] = mdf__sim_keypair,
};
static const mdf__sim_handler_fn prop_ins[256] = {[0xCA] = get_data};

/* GET RESPONSE: hand out the next part of the pending answer. */
static uint16_t get_response(mdf__sim_state_t *st, const mdf__sim_apdu_t *a, const uint8_t **out,
                             size_t *out_len) {
  if (a->p1 || a->p2)
    return SW_WRONG_P1P2;
  if (a->lc)
    return SW_WRONG_LENGTH;
  if (!st->pending_len)
    return SW_COND_NOT_SATISFIED;
  size_t want = a->has_le ? a->ne : (a->ext ? 65536 : 256);
  size_t take = want < st->pending_len ? want : st->pending_len;
  *out = st->resp + st->pending_off;
  *out_len = take;
  st->pending_off = (uint16_t)(st->pending_off + take);
  st->pending_len = (uint16_t)(st->pending_len - take);
  if (!st->pending_len)
    return SW_OK;
  return (uint16_t)(0x6100 | (st->pending_len >= 256 ? 0 : st->pending_len));
}

/* Hot path: no allocation, no I/O (crypto commands excepted, inside OpenSSL). */
static mdf_err_t sim_transmit(void *ctx, const uint8_t *capdu, size_t clen, uint8_t *rapdu,
                              size_t *rlen) {
  if (!rlen)
    return MDF_EINVAL;
  size_t cap = *rlen;
  *rlen = 0;
  if (!ctx || !capdu || !rapdu)
    return MDF_EINVAL;
  mdf_sim_t *sim = ctx;
  mdf__sim_state_t *st = &sim->st;
  mdf__sim_apdu_t a;
  const uint8_t *out = st->resp;
  size_t n = 0;
  uint16_t sw;

  if (!parse_apdu(capdu, clen, &a)) {
    st->pending_len = 0;
    sw = SW_WRONG_LENGTH;
  } else if (a.cla == 0x00 && a.ins == 0xC0) {
    sw = get_response(st, &a, &out, &n);
  } else {
    st->pending_len = 0;
    const mdf__sim_handler_fn *table = a.cla == 0x00 ? iso_ins : a.cla == 0x80 ? prop_ins : NULL;
    if (!table)
      sw = SW_CLA_UNKNOWN;
    else if (!table[a.ins])
      sw = SW_INS_UNKNOWN;
    else
      sw = table[a.ins](sim, &a, &n);
    if (sw != SW_OK)
      n = 0;
    /* Answers longer than the short (or explicit) Le are chained. */
    size_t limit = a.has_le ? a.ne : (a.ext ? 65536 : 256);
    if (n > limit) {
      st->pending_off = (uint16_t)limit;
      st->pending_len = (uint16_t)(n - limit);
      n = limit;
      sw = (uint16_t)(0x6100 | (st->pending_len >= 256 ? 0 : st->pending_len));
    }
  }
  if (n + 2 > cap)
    return MDF_ESPACE;
  memcpy(rapdu, out, n);
  mdf_put_be16(rapdu + n, sw);
  *rlen = n + 2;
  return MDF_OK;
}

static mdf_err_t sim_power_on(void *ctx, uint8_t *atr, size_t *atr_len) {
  if (!atr_len)
    return MDF_EINVAL;
  size_t cap = *atr_len;
  *atr_len = 0;
  if (!ctx || !atr)
    return MDF_EINVAL;
  if (cap < MDF_SIM_ATR_LEN)
    return MDF_ESPACE;
  mdf_sim_t *sim = ctx;
  mdf__sim_session_reset(&sim->st);
  memcpy(atr, mdf_sim_atr, MDF_SIM_ATR_LEN);
  *atr_len = MDF_SIM_ATR_LEN;
  return MDF_OK;
}

static void sim_reset_op(void *ctx) {
  mdf_sim_reset(ctx);
}
static void sim_free_op(void *ctx) {
  mdf_sim_free(ctx);
}

static const mdf_card_ops_t sim_ops = {"sim", sim_power_on, sim_transmit, sim_reset_op,
                                       sim_free_op};

mdf_err_t mdf_sim_new(mdf_sim_t **out) {
  mdf_err_t err;
  mdf_sim_t *sim = NULL;
  if (!out)
    return MDF_EINVAL;
  *out = NULL;
  sim = calloc(1, sizeof(*sim));
  if (!sim)
    return MDF_ENOMEM;
  err = mdf__sim_crypto_new(&sim->crypto);
  if (err)
    goto fail_crypto;
  err = mdf__sim_personalise(&sim->personalised);
  if (err)
    goto fail_personalise;
  sim->st = sim->personalised;
  *out = sim;
  return MDF_OK;
fail_personalise:
  mdf__sim_crypto_free(sim->crypto);
fail_crypto:
  free(sim);
  return err;
}

void mdf_sim_free(mdf_sim_t *sim) {
  if (!sim)
    return;
  mdf__sim_crypto_free(sim->crypto);
  free(sim);
}

/* Runs once per fuzz input: copy only what a session can have changed and
 * a later one can observe (see the field order in mdf__sim_state_t). */
void mdf_sim_reset(mdf_sim_t *sim) {
  if (sim)
    memcpy(&sim->st, &sim->personalised,
           offsetof(mdf__sim_state_t, data) + sim->personalised.data_used);
}

mdf_card_t mdf_sim_card(mdf_sim_t *sim) {
  mdf_card_t c = {&sim_ops, sim};
  return c;
}

mdf_err_t mdf_sim_open(const char *arg, mdf_card_t *out, mdf_diag_t *diag) {
  mdf_sim_t *sim = NULL;
  mdf_err_t err;

  (void)arg; /* the simulated card has one personalisation */
  if (!out)
    return MDF_EINVAL;
  out->ops = NULL;
  out->ctx = NULL;
  err = mdf_sim_new(&sim);
  if (err)
    return mdf_diag_set(diag, err, "", 0, 0, "cannot make the simulated card: %s",
                        mdf_strerror(err));
  *out = mdf_sim_card(sim);
  return MDF_OK;
}
