/* Fixture shared by the simulated-card tests: one sim per test program,
 * reset and powered before every test; SW() sends a hex APDU and checks the
 * status word (the answer is in r). */
#ifndef TEST_READER_SIM_H
#define TEST_READER_SIM_H

#include "mdfuzz/reader/sim.h"
#include "test-reader-util.h"

static mdf_sim_t *sim;
static mdf_card_t card;
static tr_resp_t r;

static int setup(void **state) {
  (void)state;
  if (!sim && mdf_sim_new(&sim))
    return -1;
  mdf_sim_reset(sim);
  card = mdf_sim_card(sim);
  uint8_t atr[MDF_ATR_MAX];
  size_t n = sizeof(atr);
  return card.ops->power_on(card.ctx, atr, &n);
}

static int teardown_all(void **state) {
  (void)state;
  mdf_sim_free(sim);
  sim = NULL;
  return 0;
}

#define SW(expect, ...) assert_int_equal(tr_apdu(&card, &r, __VA_ARGS__), expect)

#endif
