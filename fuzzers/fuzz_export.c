/* One fuzz target per driver and export, compiled with
 * -DMDF_TARGET_EXPORT=<export> (cmake/mdfuzz.cmake) and linked with the
 * driver's CardAcquireContext.  Each input is one whole session:
 *   decode -> reset the card -> fuzz card over it -> insert ->
 *   CardAcquireContext -> the export -> CardDeleteContext -> eject,
 * with the harness's oracles after every call.  Nothing survives between
 * inputs except the process-wide objects made in LLVMFuzzerInitialize. */
#include <stdio.h>
#include <stdlib.h>

#include "mdfuzz/decode.h"
#include "mdfuzz/fuzz.h"
#include "mdfuzz/fuzzcard.h"
#include "mdfuzz/reader.h"

#ifndef MDF_TARGET_EXPORT
#error "build with -DMDF_TARGET_EXPORT=<export name>"
#endif
#define MDF__STR2(x) #x
#define MDF__STR(x) MDF__STR2(x)

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static mdf_fuzz_env_t *g_env;
static const mdf_export_t *g_export;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  mdf_err_t err;

  (void)argc;
  (void)argv;
  g_export = mdf_export_find(MDF__STR(MDF_TARGET_EXPORT));
  if (g_export == NULL) {
    fprintf(stderr, "mdfuzz: no export table row for %s\n", MDF__STR(MDF_TARGET_EXPORT));
    exit(2);
  }
  err = mdf_fuzz_env_new(CardAcquireContext, &g_env);
  if (err != MDF_OK) {
    fprintf(stderr, "mdfuzz: cannot set up the target: %s\n", mdf_strerror(err));
    exit(2);
  }
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  mdf_harness_t *h;
  mdf_session_params_t params;
  mdf_fuzzcard_t fc;
  mdf_card_t card;
  static mdf_case_t c; /* ~20 KiB: not on the stack */

  if (g_env == NULL) /* an engine that skips LLVMFuzzerInitialize */
    LLVMFuzzerInitialize(NULL, NULL);
  h = mdf_fuzz_env_harness(g_env);
  mdf_decode(g_export, data, size, &c);
  mdf_fuzzcard_init(&fc, mdf_fuzz_env_inner(g_env), c.script, c.script_len);
  if (c.atr_len != 0)
    mdf_fuzzcard_set_atr(&fc, c.atr, c.atr_len);
  card = mdf_fuzzcard_card(&fc);
  if (mdf_reader_insert(&card) != MDF_OK)
    goto out;
  mdf_fuzz_session_params(&c, &params);
  mdf_harness_begin(h, &params);
  if (mdf_harness_acquire(h) == 0)
    mdf_fuzz_calls(h, &c);
  mdf_harness_end(h);
out:
  mdf_reader_eject();
  return 0;
}
