/* The process-wide mock reader: the inserted card source, its ATR, events,
 * counters and the optional observer.  The transmit path uses one static
 * response buffer and never allocates. */
#include <string.h>

#include "reader_int.h"

mdf__reader_t mdf__reader;
static uint8_t response[MDF_RAPDU_MAX];

mdf_err_t mdf__reader_power(void) {
  mdf__reader_t *r = &mdf__reader;
  size_t n = sizeof(r->atr);
  r->atr_len = 0;
  if (!r->card)
    return MDF_EREMOVED;
  mdf_err_t err = r->card->ops->power_on(r->card->ctx, r->atr, &n);
  if (err == MDF_EREMOVED)
    r->removed = true;
  if (err)
    return err;
  r->atr_len = n;
  return MDF_OK;
}

mdf_err_t mdf_reader_insert(const mdf_card_t *card) {
  mdf__reader_t *r = &mdf__reader;
  mdf_reader_observer_cb cb = r->observer;
  void *arg = r->observer_arg;
  if (!card || !card->ops || !card->ops->power_on || !card->ops->transmit)
    return MDF_EINVAL;
  memset(r, 0, sizeof(*r));
  r->observer = cb; /* the observer outlives cards: a recorder spans sessions */
  r->observer_arg = arg;
  r->card = card;
  r->connected = true;
  return mdf__reader_power();
}

void mdf_reader_eject(void) {
  mdf__reader_t *r = &mdf__reader;
  r->card = NULL; /* the handle stays valid: calls answer SCARD_E_NO_SMARTCARD */
  r->atr_len = 0;
  r->removed = r->reset_pending = false;
  r->stats.depth = 0;
}

uintptr_t mdf_reader_context_handle(void) {
  return MDF__CTX_HANDLE;
}
uintptr_t mdf_reader_card_handle(void) {
  return MDF__CARD_HANDLE;
}

const uint8_t *mdf_reader_atr(size_t *len) {
  mdf__reader_t *r = &mdf__reader;
  bool have = r->card && !r->removed && r->atr_len;
  if (len)
    *len = have ? r->atr_len : 0;
  return have ? r->atr : NULL;
}

const mdf_reader_stats_t *mdf_reader_stats(void) {
  return &mdf__reader.stats;
}

void mdf_reader_set_observer(mdf_reader_observer_cb cb, void *arg) {
  mdf__reader.observer = cb;
  mdf__reader.observer_arg = cb ? arg : NULL;
}

mdf_err_t mdf__reader_exchange(const uint8_t *capdu, size_t clen, const uint8_t **rapdu,
                               size_t *rlen) {
  mdf__reader_t *r = &mdf__reader;
  size_t n = sizeof(response);
  *rapdu = response;
  *rlen = 0;
  r->stats.transmits++;
  mdf_err_t err = r->card->ops->transmit(r->card->ctx, capdu, clen, response, &n);
  if (err) {
    n = 0;
    r->stats.last_error = err;
    if (err == MDF_EREMOVED) {
      r->removed = true;
    } else if (err == MDF_ERESET) {
      /* The card was reset: it comes back powered, with a fresh ATR, but the
       * handle reports the reset until SCardReconnect. */
      r->reset_pending = true;
      (void)mdf__reader_power();
    }
  }
  *rlen = n;
  if (r->observer)
    r->observer(r->observer_arg, capdu, clen, response, n, err);
  return err;
}
