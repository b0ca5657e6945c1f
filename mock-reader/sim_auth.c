/* Simulated card: PINs (VERIFY, CHANGE REFERENCE DATA, RESET RETRY COUNTER)
 * and challenge/response (GET CHALLENGE, EXTERNAL AUTHENTICATE). */
#include <string.h>

#include "sim_int.h"

#define PIN_MIN 4
#define PIN_MAX 16

static int pin_index(uint8_t ref) {
  return ref == 0x81 ? MDF__SIM_PIN_USER : ref == 0x82 ? MDF__SIM_PIN_ADMIN : -1;
}

static void set_verified(mdf__sim_state_t *st, int pin, bool v) {
  if (pin == MDF__SIM_PIN_USER)
    st->user_verified = v;
  else
    st->admin_verified = v;
}

static uint16_t tries_left(const mdf__sim_pin_t *p) {
  return (uint16_t)(0x63C0 | (p->tries & 0x0F));
}

/* Compare a presented PIN, counting a failure.  Returns SW_OK on a match. */
static uint16_t check_pin(mdf__sim_state_t *st, int pin, const uint8_t *v, size_t len) {
  mdf__sim_pin_t *p = &st->pins[pin];
  if (!p->tries)
    return SW_AUTH_BLOCKED;
  if (len == p->len && !memcmp(v, p->value, len)) {
    p->tries = p->max_tries;
    return SW_OK;
  }
  p->tries--;
  set_verified(st, pin, false);
  return tries_left(p);
}

uint16_t mdf__sim_verify(mdf_sim_t *sim, const mdf__sim_apdu_t *a, size_t *out_len) {
  mdf__sim_state_t *st = &sim->st;
  (void)out_len;
  if (a->p1 != 0x00 && a->p1 != 0xFF)
    return SW_WRONG_P1P2;
  int pin = pin_index(a->p2);
  if (pin < 0)
    return SW_REF_NOT_FOUND;
  if (a->p1 == 0xFF) {
    if (a->lc)
      return SW_WRONG_LENGTH;
    set_verified(st, pin, false);
    return SW_OK;
  }
  if (a->lc > PIN_MAX)
    return SW_WRONG_LENGTH;
  if (!a->lc) {
    if (!st->pins[pin].tries)
      return SW_AUTH_BLOCKED;
    bool v = pin == MDF__SIM_PIN_USER ? st->user_verified : st->admin_verified;
    return v ? SW_OK : tries_left(&st->pins[pin]);
  }
  uint16_t sw = check_pin(st, pin, a->data, a->lc);
  if (sw == SW_OK)
    set_verified(st, pin, true);
  return sw;
}

uint16_t mdf__sim_change_ref(mdf_sim_t *sim, const mdf__sim_apdu_t *a, size_t *out_len) {
  mdf__sim_state_t *st = &sim->st;
  (void)out_len;
  if (a->p1 != 0x00)
    return SW_WRONG_P1P2;
  int pin = pin_index(a->p2);
  if (pin < 0)
    return SW_REF_NOT_FOUND;
  mdf__sim_pin_t *p = &st->pins[pin];
  size_t old = p->len;
  if (a->lc < old + PIN_MIN || a->lc > old + PIN_MAX)
    return SW_WRONG_LENGTH;
  uint16_t sw = check_pin(st, pin, a->data, old);
  if (sw != SW_OK)
    return sw;
  p->len = (uint8_t)(a->lc - old);
  memset(p->value, 0, sizeof(p->value));
  memcpy(p->value, a->data + old, p->len);
  set_verified(st, pin, true);
  return SW_OK;
}

uint16_t mdf__sim_reset_retry(mdf_sim_t *sim, const mdf__sim_apdu_t *a, size_t *out_len) {
  mdf__sim_state_t *st = &sim->st;
  mdf__sim_pin_t *user = &st->pins[MDF__SIM_PIN_USER];
  (void)out_len;
  if ((a->p1 != 0x00 && a->p1 != 0x03) || a->p2 != 0x81)
    return SW_WRONG_P1P2;
  if (a->p1 == 0x03) {
    if (a->lc)
      return SW_WRONG_LENGTH;
    if (!st->admin_verified)
      return SW_SEC_NOT_SATISFIED;
    user->tries = user->max_tries;
    return SW_OK;
  }
  size_t alen = st->pins[MDF__SIM_PIN_ADMIN].len;
  if (a->lc < alen + PIN_MIN || a->lc > alen + PIN_MAX)
    return SW_WRONG_LENGTH;
  uint16_t sw = check_pin(st, MDF__SIM_PIN_ADMIN, a->data, alen);
  if (sw != SW_OK)
    return sw;
  st->admin_verified = true;
  user->len = (uint8_t)(a->lc - alen);
  memset(user->value, 0, sizeof(user->value));
  memcpy(user->value, a->data + alen, user->len);
  user->tries = user->max_tries;
  st->user_verified = false;
  return SW_OK;
}

/* xorshift64*: deterministic, restarted by mdf_sim_reset (state is in st). */
static uint64_t next_random(mdf__sim_state_t *st) {
  uint64_t x = st->rng;
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  st->rng = x;
  return x * 0x2545F4914F6CDD1DULL;
}

uint16_t mdf__sim_get_challenge(mdf_sim_t *sim, const mdf__sim_apdu_t *a, size_t *out_len) {
  mdf__sim_state_t *st = &sim->st;
  if (a->p1 || a->p2)
    return SW_WRONG_P1P2;
  /* Le 8..256: that many random bytes, the first 8 being the challenge
   * EXTERNAL AUTHENTICATE checks (so a 6Cxx-corrected Le gets an answer). */
  if (a->lc || !a->has_le || a->ne < 8 || a->ne > 256)
    return SW_WRONG_LENGTH;
  for (size_t at = 0; at < a->ne; at += 8) {
    uint64_t r = next_random(st);
    for (size_t i = 0; i < 8 && at + i < a->ne; i++)
      st->resp[at + i] = (uint8_t)(r >> (8 * i));
  }
  memcpy(st->challenge, st->resp, 8);
  st->have_challenge = true;
  *out_len = a->ne;
  return SW_OK;
}

uint16_t mdf__sim_ext_auth(mdf_sim_t *sim, const mdf__sim_apdu_t *a, size_t *out_len) {
  mdf__sim_state_t *st = &sim->st;
  uint8_t expect[8];
  (void)out_len;
  if (a->p1 != 0x00 || a->p2 != 0x82)
    return SW_WRONG_P1P2;
  if (a->lc != 8)
    return SW_WRONG_LENGTH;
  if (!st->have_challenge)
    return SW_COND_NOT_SATISFIED;
  st->have_challenge = false; /* one response per challenge */
  if (!mdf__sim_3des(sim->crypto, st->challenge, expect))
    return SW_UNKNOWN;
  if (memcmp(expect, a->data, 8)) {
    st->admin_verified = false;
    return SW_AUTH_FAILED;
  }
  st->admin_verified = true;
  return SW_OK;
}
