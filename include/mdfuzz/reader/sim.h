/* The simulated card (`sim` card source).
 *
 * An ISO 7816-4 file-system card with PINs, a 3DES admin key, an RSA-2048
 * and an ECC P-256 key, exactly as docs/simcard.md specifies (that document
 * is the contract; this header is only the handle).  All mutable state is
 * one fixed-size struct: mdf_sim_reset() is a single memcpy, and transmit
 * never allocates (OpenSSL may, inside the few crypto commands). */
#ifndef MDFUZZ_SIM_H
#define MDFUZZ_SIM_H

#include <stddef.h>
#include <stdint.h>

#include "mdfuzz/reader/card.h"
#include "mdfuzz/common/err.h"

typedef struct mdf_sim mdf_sim_t;

/* The card's ATR (docs/simcard.md): 3B 8C 80 01 "MDFUZZ-SIM01" TCK. */
#define MDF_SIM_ATR_LEN 17
extern const uint8_t mdf_sim_atr[MDF_SIM_ATR_LEN];

/* A personalised card with its keys loaded (OpenSSL set up once here). */
mdf_err_t mdf_sim_new(mdf_sim_t **out);
/* NULL is fine. */
void mdf_sim_free(mdf_sim_t *sim);
/* Back to the personalised state (files, PIN counters, verified flags,
 * current DF/EF, challenge generator, security environment). */
void mdf_sim_reset(mdf_sim_t *sim);
/* Card source view for mdf_reader_insert (power_on also resets the card's
 * session state: verified flags, selection, pending GET RESPONSE data, but
 * not the file system or counters, like a real card). */
mdf_card_t mdf_sim_card(mdf_sim_t *sim);
/* A new simulated card as a source (mdf_card_open_cb; arg unused): reset
 * op = mdf_sim_reset, free op = mdf_sim_free. */
mdf_err_t mdf_sim_open(const char *arg, mdf_card_t *out, mdf_diag_t *diag);

#endif
