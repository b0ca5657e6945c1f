/* The cmocka group fixture of the harness tests: one harness around a fake
 * driver's CardAcquireContext, created before the group, freed after it.
 * MDF_TEST_HARNESS_FIXTURE(acquire, exact) defines setup() and teardown()
 * for the file's `static mdf_harness_t *g_h`; exact: CARD_DATA allocated at
 * the requested version's size (see mdf_harness_config_t). */
#ifndef MDF_TEST_HARNESS_FIXTURE_H
#define MDF_TEST_HARNESS_FIXTURE_H

#include "mdfuzz/harness/harness.h"

#define MDF_TEST_HARNESS_FIXTURE(acquire, exact)                                                   \
  static int setup(void **state) {                                                                 \
    mdf_harness_config_t cfg = {MDF_HARNESS_CONFIG_VERSION, (acquire), (exact), NULL, NULL};       \
                                                                                                   \
    (void)state;                                                                                   \
    return mdf_harness_new(&cfg, &g_h) == MDF_OK ? 0 : -1;                                         \
  }                                                                                                \
                                                                                                   \
  static int teardown(void **state) {                                                              \
    (void)state;                                                                                   \
    mdf_harness_free(g_h);                                                                         \
    return 0;                                                                                      \
  }

#endif
