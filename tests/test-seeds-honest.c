/* The committed seeds against the clean refmd over the simulated card:
 * every export of the table has an honest seed (corpus/<Export>/honest-*),
 * and each honest seed's call returns what an honest caller gets in ONE
 * call of a fresh session: 0, except the exports that need an earlier call
 * (a PIN, a challenge) or that refmd does not implement (table below).
 * Runs each session exactly as fuzzers/target/fuzz_export.c does, with the oracles.
 *
 *   test-seeds-honest            the test (one ctest entry)
 *   test-seeds-honest DIR...     print "<file> rc=0x..." for every file of
 *                                each corpus/<Export> DIR (seed writing aid) */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "mdfuzz/fuzzers/decode.h"
#include "mdfuzz/fuzzers/fuzz.h"
#include "mdfuzz/reader/fuzzcard.h"
#include "mdfuzz/reader/reader.h"

#define RC_NO_CALL 0xFFFFFFF0u /* the acquire failed: no export call */

/* One-call sessions that cannot succeed on refmd, and what they return. */
static const struct {
  const char *export_name;
  DWORD rc;
  const char *why;
} expected[] = {
    /* the user's PIN first: the card refuses the key generation / the key */
    {"CardCreateContainer", SCARD_W_SECURITY_VIOLATION, "needs CardAuthenticatePin first"},
    {"CardCreateContainerEx", SCARD_W_SECURITY_VIOLATION, "needs CardAuthenticatePin first"},
    {"CardDeleteContainer", SCARD_W_SECURITY_VIOLATION, "needs CardAuthenticatePin first"},
    {"CardRSADecrypt", SCARD_W_SECURITY_VIOLATION, "needs CardAuthenticatePin first"},
    {"CardDeleteDirectory", SCARD_W_SECURITY_VIOLATION,
     "needs a PIN first (and mscp is not empty)"},
    /* no DH agreement on the card (no ECDH key), so none to use or destroy */
    {"CardConstructDHAgreement", SCARD_E_INVALID_PARAMETER, "no AT_ECDHE key on the card"},
    {"CardDeriveKey", SCARD_E_INVALID_PARAMETER, "no agreement"},
    {"CardDestroyDHAgreement", SCARD_E_INVALID_PARAMETER, "no agreement"},
    /* the v7 key injection family: the sim card has no symmetric keys */
    {"MDImportSessionKey", SCARD_E_UNSUPPORTED_FEATURE, "not implemented"},
    {"MDEncryptData", SCARD_E_UNSUPPORTED_FEATURE, "not implemented"},
    {"CardImportSessionKey", SCARD_E_UNSUPPORTED_FEATURE, "not implemented"},
    {"CardGetSharedKeyHandle", SCARD_E_UNSUPPORTED_FEATURE, "not implemented"},
    {"CardGetAlgorithmProperty", SCARD_E_UNSUPPORTED_FEATURE, "not implemented"},
    {"CardGetKeyProperty", SCARD_E_UNSUPPORTED_FEATURE, "not implemented"},
    {"CardSetKeyProperty", SCARD_E_UNSUPPORTED_FEATURE, "not implemented"},
    {"CardDestroyKey", SCARD_E_UNSUPPORTED_FEATURE, "not implemented"},
    {"CardProcessEncryptedData", SCARD_E_UNSUPPORTED_FEATURE, "not implemented"},
};

static mdf_fuzz_env_t *g_env;
static mdf_case_t g_case;

static DWORD expected_rc(const char *name) {
  size_t i;

  for (i = 0; i < sizeof(expected) / sizeof(expected[0]); i++)
    if (strcmp(expected[i].export_name, name) == 0)
      return expected[i].rc;
  return 0;
}

/* One session as fuzz_export.c runs it; returns the rc of the last call
 * (the acquire's for the CardAcquireContext row), stopping at the first
 * call that fails or is not made. */
static DWORD run_session(const mdf_export_t *ex, const uint8_t *data, size_t len) {
  mdf_harness_t *h = mdf_fuzz_env_harness(g_env);
  mdf_fuzzcard_t fc;
  mdf_card_t card;
  DWORD rc = RC_NO_CALL;
  size_t i;

  mdf_decode(ex, data, len, &g_case);
  mdf_fuzzcard_init(&fc, mdf_fuzz_env_inner(g_env), g_case.script, g_case.script_len);
  if (g_case.atr_len != 0)
    mdf_fuzzcard_set_atr(&fc, g_case.atr, g_case.atr_len);
  card = mdf_fuzzcard_card(&fc);
  if (mdf_fuzz_input_begin(g_env, &g_case, &card) != MDF_OK)
    goto out;
  rc = mdf_harness_acquire(h);
  for (i = 0; rc == 0 && ex->invoke != NULL && i < g_case.ncalls; i++) {
    rc = mdf_fuzz_call(g_env, &g_case.calls[i]);
    if (rc == MDF_FUZZ_SKIPPED)
      rc = RC_NO_CALL;
  }
out:
  mdf_fuzz_input_end(g_env);
  return rc;
}

static size_t read_file(const char *path, uint8_t *buf, size_t cap) {
  FILE *f = fopen(path, "rb");
  size_t n;

  if (f == NULL)
    return 0;
  n = fread(buf, 1, cap, f);
  fclose(f);
  return n;
}

/* Every file of dir (prefix: only names starting with it) through ex; calls
 * fn per file.  Returns the number of files. */
static size_t each_seed(const char *dir, const char *prefix, const mdf_export_t *ex,
                        void (*fn)(const mdf_export_t *, const char *, DWORD)) {
  static uint8_t in[1 << 16];
  char path[1024];
  struct dirent *de;
  size_t count = 0, n;
  DIR *d = opendir(dir);

  if (d == NULL)
    return 0;
  while ((de = readdir(d)) != NULL) {
    if (de->d_name[0] == '.' || strncmp(de->d_name, prefix, strlen(prefix)) != 0)
      continue;
    snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
    n = read_file(path, in, sizeof(in));
    fn(ex, de->d_name, run_session(ex, in, n));
    count++;
  }
  closedir(d);
  return count;
}

static unsigned g_wrong;

/* Reported after the directory is closed (fail_msg would leak it). */
static void check_honest(const mdf_export_t *ex, const char *name, DWORD rc) {
  DWORD want = expected_rc(ex->name);

  if (rc == want)
    return;
  print_error("%s/%s returned 0x%08X, expected 0x%08X\n", ex->name, name, (unsigned)rc,
              (unsigned)want);
  g_wrong++;
}

static void test_honest_seeds(void **state) {
  size_t n, i, files = 0;
  const mdf_export_t *rows = mdf_exports(&n);
  char dir[1024];

  (void)state;
  for (i = 0; i < n; i++) {
    size_t k;

    snprintf(dir, sizeof(dir), "%s/%s", MDF_CORPUS_DIR, rows[i].name);
    k = each_seed(dir, "honest-", &rows[i], check_honest);
    if (k == 0)
      fail_msg("%s: no honest-* seed in %s", rows[i].name, dir);
    files += k;
  }
  assert_int_equal(g_wrong, 0);
  print_message("%zu honest seeds of %zu exports give their expected code\n", files, n);
}

/* The honest seeds' calls do not end in a finding either way, and a seed
 * that is not honest still decodes and runs (every seed, no rc judged). */
static void ignore_rc(const mdf_export_t *ex, const char *name, DWORD rc) {
  (void)ex;
  (void)name;
  (void)rc;
}

static void test_all_seeds_run(void **state) {
  size_t n, i, files = 0;
  const mdf_export_t *rows = mdf_exports(&n);
  char dir[1024];

  (void)state;
  for (i = 0; i < n; i++) {
    snprintf(dir, sizeof(dir), "%s/%s", MDF_CORPUS_DIR, rows[i].name);
    files += each_seed(dir, "", &rows[i], ignore_rc);
  }
  print_message("%zu seeds ran without a finding\n", files);
  assert_true(files > 0);
}

static void print_rc(const mdf_export_t *ex, const char *name, DWORD rc) {
  printf("%s/%s rc=0x%08X\n", ex->name, name, (unsigned)rc);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_honest_seeds),
      cmocka_unit_test(test_all_seeds_run),
  };
  int i;

  if (mdf_fuzz_env_new(CardAcquireContext, &g_env) != MDF_OK)
    return 2;
  for (i = 1; i < argc; i++) {
    const char *base = strrchr(argv[i], '/');
    const mdf_export_t *ex = mdf_export_find(base ? base + 1 : argv[i]);

    if (ex == NULL) {
      fprintf(stderr, "test-seeds-honest: %s: not corpus/<Export>\n", argv[i]);
      return 2;
    }
    each_seed(argv[i], "", ex, print_rc);
  }
  if (argc > 1)
    return 0;
  return cmocka_run_group_tests(tests, NULL, NULL);
}
