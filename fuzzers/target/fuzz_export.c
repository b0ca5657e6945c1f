/* One fuzz target per driver and export, compiled with
 * -DMDF_TARGET_EXPORT=<export> (cmake/mdfuzz.cmake) and linked with the
 * driver's CardAcquireContext.  Each input is one whole session:
 *   decode -> fuzz card over the inner card -> mdf_fuzz_run: the one
 *   per-input reset (mdf_fuzz_input_begin: card source, reader, harness,
 *   compat runtime, key handles, finding context) -> CardAcquireContext ->
 *   the call(s) -> CardDeleteContext -> eject,
 * with the harness's oracles after every call.  Nothing survives between
 * inputs except the process-wide objects made in LLVMFuzzerInitialize.
 *
 * Pseudo-exports (mdf_fuzz_pseudo):
 *   Sequence     a session of up to MDF_MAX_CALLS calls over the whole
 *                export table (mdf_decode_seq, the list of
 *                `mdfuzz decode --export Sequence`), sharing CARD_DATA,
 *                key handles and card state;
 *   HostileCard  an honest session (mdf_seq_honest_case) whose every card
 *                answer, and the ATR, come from the input: the fuzz card
 *                has no inner card (mdf_hostile_decode).
 * With env MDFUZZ_CALLS set, each call's return code is printed on stderr
 * ("calls: N EXPORT rc=0x..."), for writing and checking seeds. */
#include <stdio.h>
#include <stdlib.h>

#include "mdfuzz/fuzzers/decode.h"
#include "mdfuzz/fuzzers/fuzz.h"
#include "mdfuzz/reader/fuzzcard.h"
#include "mdfuzz/reader/reader.h"

#ifndef MDF_TARGET_EXPORT
#error "build with -DMDF_TARGET_EXPORT=<export name>"
#endif
#define MDF__STR2(x) #x
#define MDF__STR(x) MDF__STR2(x)

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static mdf_fuzz_env_t *g_env;
static const mdf_export_t *g_export;
static mdf_fuzz_pseudo_t g_pseudo;
static const mdf_export_t *const *g_seq;
static size_t g_nseq;
static bool g_print_calls;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  const char *name = MDF__STR(MDF_TARGET_EXPORT);
  mdf_case_t *probe;
  mdf_err_t err;

  (void)argc;
  (void)argv;
  g_pseudo = mdf_fuzz_pseudo(name);
  g_seq = mdf_fuzz_seq_exports(&g_nseq);
  g_export = mdf_export_find(name);
  if (g_export == NULL && g_pseudo == MDF_FUZZ_ROW) {
    fprintf(stderr, "mdfuzz: no export table row for %s\n", name);
    exit(2);
  }
  if (g_pseudo == MDF_FUZZ_HOSTILE) { /* parse the honest sessions now, not in the first run */
    probe = malloc(sizeof(*probe));
    if (probe == NULL || mdf_hostile_decode(NULL, 0, probe) != MDF_OK) {
      fprintf(stderr, "mdfuzz: HostileCard: no honest session\n");
      exit(2);
    }
    free(probe);
  }
  err = mdf_fuzz_env_new(CardAcquireContext, &g_env);
  if (err != MDF_OK) {
    fprintf(stderr, "mdfuzz: cannot set up the target: %s\n", mdf_strerror(err));
    exit(2);
  }
  g_print_calls = getenv("MDFUZZ_CALLS") != NULL;
  return 0;
}

static void print_calls(const mdf_case_t *c, DWORD acquire_rc, const DWORD *rcs) {
  size_t i;

  fprintf(stderr, "calls: 0 CardAcquireContext rc=0x%08X\n", (unsigned)acquire_rc);
  for (i = 0; i < c->ncalls && i < MDF_MAX_CALLS; i++) {
    if (rcs[i] == MDF_FUZZ_SKIPPED)
      fprintf(stderr, "calls: %zu %s skipped\n", i + 1, c->calls[i].ex->name);
    else
      fprintf(stderr, "calls: %zu %s rc=0x%08X\n", i + 1, c->calls[i].ex->name, (unsigned)rcs[i]);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  mdf_fuzzcard_t fc;
  mdf_card_t card;
  DWORD rcs[MDF_MAX_CALLS], rc;
  static mdf_case_t c; /* ~31 KiB: not on the stack */

  if (g_env == NULL) /* an engine that skips LLVMFuzzerInitialize */
    LLVMFuzzerInitialize(NULL, NULL);
  if (g_pseudo == MDF_FUZZ_SEQUENCE)
    mdf_decode_seq(g_seq, g_nseq, data, size, &c);
  else if (g_pseudo == MDF_FUZZ_HOSTILE)
    mdf_hostile_decode(data, size, &c);
  else
    mdf_decode(g_export, data, size, &c);
  /* HostileCard: no inner card, so every answer is the script's. */
  mdf_fuzzcard_init(&fc, g_pseudo == MDF_FUZZ_HOSTILE ? NULL : mdf_fuzz_env_inner(g_env), c.script,
                    c.script_len);
  if (c.atr_len != 0)
    mdf_fuzzcard_set_atr(&fc, c.atr, c.atr_len);
  card = mdf_fuzzcard_card(&fc);
  rc = mdf_fuzz_run(g_env, &c, &card, rcs);
  if (g_print_calls)
    print_calls(&c, rc, rcs);
  return 0;
}
