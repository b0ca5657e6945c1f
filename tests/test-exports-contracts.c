/* Output contracts and return-code rules of export rows, each on a fake
 * driver that breaks it and on the same fake keeping it.  Calls go through
 * the real rows and glue (mdf_fuzz_run over the simulated card, which the
 * fakes never talk to) with honest decoded arguments; findings abort, so
 * every session runs in a child (mdf_test_child.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "mdf_test_child.h"
#include "windows.h" /* the compat runtime's SetLastError / GetLastError */
#include "mdfuzz/fuzzers/decode.h"
#include "mdfuzz/fuzzers/fuzz.h"
#include "mdfuzz/harness/harness.h"

enum bug {
  OK,
  ENUM_NO_TERM,    /* multi-string without its final NUL */
  ENUM_MALLOC,     /* multi-string from malloc */
  ENUM_SIZE,       /* declared size larger than the multi-string */
  CINFO_MALLOC,    /* public key from malloc */
  CINFO_VERSION,   /* CONTAINER_INFO.dwVersion raised to 2 */
  SIGN_SIZE_ALLOC, /* CARD_BUFFER_SIZE_ONLY, yet a block stays allocated */
  PROP_OVERRUN,    /* one byte past cbData */
  PROP_LEN,        /* *pdwDataLen beyond cbData */
  DELETE_RC,       /* CardDeleteContext returns 1 */
  FREE_FLAGS,      /* CardQueryFreeSpace accepts dwFlags != 0 */
  CHAL_SHORT,      /* challenge buffer smaller than declared */
  TXN_ACQUIRE,     /* CardAcquireContext leaves a PC/SC transaction open */
  TXN_EXPORT,      /* CardQueryFreeSpace leaves one open */
  TXN_DELETE,      /* CardDeleteContext leaves one open */
};
static enum bug g_bug;
static mdf_fuzz_env_t *g_env;

static DWORD g_seen_error;          /* GetLastError() when CardAcquireContext began */
static CARD_KEY_HANDLE g_destroyed; /* the handle CardDestroyKey was given */

static DWORD WINAPI fake_delete(PCARD_DATA cd) {
  if (cd == NULL)
    return SCARD_E_INVALID_PARAMETER;
  if (g_bug == TXN_DELETE)
    SCardBeginTransaction(cd->hScard);
  cd->pfnCspFree(cd->pvVendorSpecific);
  cd->pvVendorSpecific = NULL;
  return g_bug == DELETE_RC ? 1 : 0;
}

static DWORD WINAPI fake_enum(PCARD_DATA cd, LPSTR dir, LPSTR *names, LPDWORD cb, DWORD flags) {
  static const char ok[] = "cardid\0cardcf\0";
  size_t n = g_bug == ENUM_NO_TERM ? sizeof(ok) - 2 : sizeof(ok);
  char *p;

  (void)dir;
  if (cd == NULL || names == NULL || cb == NULL || flags != 0)
    return SCARD_E_INVALID_PARAMETER;
  p = g_bug == ENUM_MALLOC ? malloc(n) : cd->pfnCspAlloc(n);
  if (p == NULL)
    return SCARD_E_NO_MEMORY;
  memcpy(p, ok, n);
  *names = p;
  *cb = (DWORD)n - (g_bug == ENUM_SIZE ? 1 : 0);
  if (g_bug == ENUM_SIZE) {
    *names = cd->pfnCspReAlloc(p, n + 4);
    *cb = (DWORD)n + 4;
  }
  return 0;
}

static DWORD WINAPI fake_cinfo(PCARD_DATA cd, BYTE idx, DWORD flags, PCONTAINER_INFO ci) {
  if (cd == NULL || ci == NULL || flags != 0)
    return SCARD_E_INVALID_PARAMETER;
  if (ci->dwVersion > CONTAINER_INFO_CURRENT_VERSION)
    return ERROR_REVISION_MISMATCH;
  if (idx != 0)
    return SCARD_E_NO_KEY_CONTAINER;
  ci->pbSigPublicKey = g_bug == CINFO_MALLOC ? malloc(8) : cd->pfnCspAlloc(8);
  ci->cbSigPublicKey = 8;
  memset(ci->pbSigPublicKey, 1, 8);
  if (g_bug == CINFO_VERSION)
    ci->dwVersion = 2;
  return 0;
}

static DWORD WINAPI fake_sign(PCARD_DATA cd, PCARD_SIGNING_INFO si) {
  if (cd == NULL || si == NULL || si->pbData == NULL)
    return SCARD_E_INVALID_PARAMETER;
  si->cbSignedData = 256;
  if (si->dwSigningFlags & CARD_BUFFER_SIZE_ONLY) {
    if (g_bug == SIGN_SIZE_ALLOC)
      (void)cd->pfnCspAlloc(4); /* a buffer nobody asked for */
    return 0;
  }
  si->pbSignedData = cd->pfnCspAlloc(256);
  return si->pbSignedData ? 0 : SCARD_E_NO_MEMORY;
}

static DWORD WINAPI fake_getprop(PCARD_DATA cd, LPCWSTR prop, PBYTE pb, DWORD cb, PDWORD len,
                                 DWORD flags) {
  if (cd == NULL || prop == NULL || len == NULL || flags != 0)
    return SCARD_E_INVALID_PARAMETER;
  *len = sizeof(CARD_FREE_SPACE_INFO);
  if (cb < *len)
    return ERROR_INSUFFICIENT_BUFFER;
  if (pb == NULL)
    return SCARD_E_INVALID_PARAMETER;
  memset(pb, 0, g_bug == PROP_OVERRUN ? cb + 1 : *len);
  pb[0] = 1;
  if (g_bug == PROP_LEN)
    *len = cb + 10;
  return 0;
}

static DWORD WINAPI fake_free(PCARD_DATA cd, DWORD flags, PCARD_FREE_SPACE_INFO fs) {
  if (cd == NULL || fs == NULL || (flags != 0 && g_bug != FREE_FLAGS))
    return SCARD_E_INVALID_PARAMETER;
  if (g_bug == TXN_EXPORT)
    SCardBeginTransaction(cd->hScard);
  if (fs->dwVersion > 1)
    return ERROR_REVISION_MISMATCH;
  fs->dwBytesAvailable = CARD_DATA_VALUE_UNKNOWN;
  return 0;
}

static DWORD WINAPI fake_chal(PCARD_DATA cd, PBYTE *pp, PDWORD pcb) {
  if (cd == NULL || pp == NULL || pcb == NULL)
    return SCARD_E_INVALID_PARAMETER;
  *pp = cd->pfnCspAlloc(8);
  *pcb = g_bug == CHAL_SHORT ? 16 : 8;
  return *pp ? 0 : SCARD_E_NO_MEMORY;
}

/* v7 key injection: one handle out, and the handle a later call passes. */
static DWORD WINAPI fake_import(PCARD_DATA cd, LPCWSTR blob, LPCWSTR alg, PCARD_KEY_HANDLE key,
                                PBYTE in, DWORD cb) {
  (void)blob, (void)alg, (void)in, (void)cb;
  if (cd == NULL || key == NULL)
    return SCARD_E_INVALID_PARAMETER;
  *key = 0x1234;
  return 0;
}

static DWORD WINAPI fake_destroy(PCARD_DATA cd, CARD_KEY_HANDLE key) {
  if (cd == NULL)
    return SCARD_E_INVALID_PARAMETER;
  g_destroyed = key;
  return 0;
}

static void WINAPI dummy(void) {}

static DWORD WINAPI fake_acquire(PCARD_DATA cd, DWORD flags) {
  void(WINAPI * fn)(void) = dummy;

  /* What an earlier input's driver code left behind, then leave some. */
  g_seen_error = GetLastError();
  SetLastError(ERROR_FILE_NOT_FOUND);
  if (cd == NULL || flags != 0)
    return SCARD_E_INVALID_PARAMETER;
  if (cd->dwVersion < 4)
    return ERROR_REVISION_MISMATCH;
  if (cd->dwVersion > 7)
    cd->dwVersion = 7;
  if (g_bug == TXN_ACQUIRE)
    SCardBeginTransaction(cd->hScard);
    /* Every entry point of the version set (never called), then the fakes. */
#define FILL(type, name, added, kind)                                                              \
  if (MDF_CARD_FIELD_IS_ENTRY(kind) && (added) <= cd->dwVersion)                                   \
    memcpy(&cd->name, &fn, sizeof(fn));
  MDF_CARD_DATA_FIELDS(FILL)
#undef FILL
  cd->pfnCardRSADecrypt = NULL; /* optional: the target skips it */
  cd->pfnCardDeleteContext = fake_delete;
  cd->pfnCardEnumFiles = fake_enum;
  cd->pfnCardGetContainerInfo = fake_cinfo;
  cd->pfnCardSignData = fake_sign;
  cd->pfnCardQueryFreeSpace = fake_free;
  cd->pfnCardGetChallenge = fake_chal;
  if (cd->dwVersion >= 6)
    cd->pfnCardGetProperty = fake_getprop;
  if (cd->dwVersion >= 7) {
    cd->pfnMDImportSessionKey = fake_import;
    cd->pfnCardDestroyKey = fake_destroy;
  }
  cd->pvVendorSpecific = cd->pfnCspAlloc(16);
  return cd->pvVendorSpecific ? 0 : SCARD_E_NO_MEMORY;
}

typedef struct scenario {
  enum bug bug;
  const char *export_name;
  void (*edit)(mdf_case_t *c);
} scenario_t;

static void run(void *arg) {
  const scenario_t *s = arg;
  static mdf_case_t c;

  g_bug = s->bug;
  mdf_case_init(&c, mdf_export_find(s->export_name));
  if (s->edit != NULL)
    s->edit(&c);
  mdf_fuzz_run(g_env, &c, mdf_fuzz_env_inner(g_env), NULL);
}

static void expect(enum bug bug, const char *export_name, void (*edit)(mdf_case_t *),
                   const char *line) {
  scenario_t s = {bug, export_name, edit};
  mdf_child_result_t r;

  mdf_run_child(run, &s, &r);
  if (line == NULL) {
    if (mdf_child_finding(&r) != NULL || !r.exited || r.status != 0)
      fail_msg("%s: expected no finding, got exit %d:\n%s", export_name, r.status, r.err);
    return;
  }
  if (!mdf_child_has(&r, line))
    fail_msg("%s: expected '%s', got:\n%s", export_name, line, r.err);
}

static void size_only(mdf_case_t *c) {
  mdf_arg_t *st = &c->calls[0].args[1];
  size_t i;

  for (i = 0; i < mdf_sd_signing_info.nfields; i++)
    if (strcmp(mdf_sd_signing_info.fields[i].name, "dwSigningFlags") == 0)
      ((mdf_arg_t *)&st->sub[i])->u32 = CARD_BUFFER_SIZE_ONLY;
}
static void flags4(mdf_case_t *c) {
  c->calls[0].args[1].u32 = 4;
}
static void prop_free_space(mdf_case_t *c) {
  mdf_case_set_wstr(c, &c->calls[0].args[1], "Free Space");
  c->calls[0].args[2].u32 = 64;
}

static void test_enum_files(void **state) {
  (void)state;
  expect(OK, "CardEnumFiles", NULL, NULL);
  expect(ENUM_NO_TERM, "CardEnumFiles", NULL,
         "mdfuzz: CMR.3.4.8.2: CardEnumFiles returned *pmszFileNames of 13 byte(s) not ended");
  expect(ENUM_MALLOC, "CardEnumFiles", NULL,
         "mdfuzz: CMR.3.4.8.3: CardEnumFiles returned *pmszFileNames");
  expect(ENUM_SIZE, "CardEnumFiles", NULL,
         "mdfuzz: CMR.3.4.8.2: CardEnumFiles returned *pmszFileNames whose multi-string is 15 "
         "byte(s) but declared 19");
}

static void test_container_info(void **state) {
  (void)state;
  expect(OK, "CardGetContainerInfo", NULL, NULL);
  expect(CINFO_MALLOC, "CardGetContainerInfo", NULL,
         "mdfuzz: CMR.4.2.3.2: CardGetContainerInfo returned pbSigPublicKey");
  expect(CINFO_VERSION, "CardGetContainerInfo", NULL,
         "mdfuzz: CMR.4.2.3.4: CardGetContainerInfo changed CONTAINER_INFO.dwVersion from 1 to 2");
}

static void test_sign_size_only(void **state) {
  (void)state;
  expect(OK, "CardSignData", NULL, NULL);
  expect(OK, "CardSignData", size_only, NULL);
  expect(SIGN_SIZE_ALLOC, "CardSignData", size_only,
         "mdfuzz: CMR.4.3.5.3: CardSignData allocated 1 block(s) for CARD_BUFFER_SIZE_ONLY");
}

static void test_property_buffer(void **state) {
  (void)state;
  expect(OK, "CardGetProperty", prop_free_space, NULL);
  expect(PROP_OVERRUN, "CardGetProperty", prop_free_space,
         "mdfuzz: buffer-overrun: CardGetProperty wrote past the 64 byte(s) of pbData");
  expect(PROP_LEN, "CardGetProperty", prop_free_space,
         "mdfuzz: buffer-overrun: CardGetProperty returned *pdwDataLen=74 for a buffer of 64");
}

static void test_delete_context_target(void **state) {
  (void)state;
  expect(OK, "CardDeleteContext", NULL, NULL); /* no second delete, no leak */
  expect(DELETE_RC, "CardDeleteContext", NULL,
         "mdfuzz: CMR.3.1.2.3: CardDeleteContext returned 0x00000001");
}

static void test_rules_and_buffers(void **state) {
  (void)state;
  expect(OK, "CardQueryFreeSpace", flags4, NULL);
  expect(FREE_FLAGS, "CardQueryFreeSpace", flags4,
         "mdfuzz: CMR.3.4.9.E3: CardQueryFreeSpace returned 0x00000000 (expected "
         "SCARD_E_INVALID_PARAMETER) for dwFlags=0x4");
  expect(OK, "CardGetChallenge", NULL, NULL);
  expect(CHAL_SHORT, "CardGetChallenge", NULL,
         "mdfuzz: CMR.3.2.2.2: CardGetChallenge returned *ppbChallengeData of 8 byte(s) but "
         "declared 16");
  /* entry points the fake leaves NULL are skipped, not called */
  expect(OK, "CardRSADecrypt", NULL, NULL);
  expect(OK, "CardAcquireContext", NULL, NULL);
}

/* The open-transaction check is one check for every call of the session:
 * the acquire, an export, and CardDeleteContext (the session's own at the
 * end and the CardDeleteContext target's), over the mock reader. */
static void test_transaction_leak(void **state) {
  (void)state;
  expect(OK, "CardQueryFreeSpace", NULL, NULL);
  expect(TXN_ACQUIRE, "CardQueryFreeSpace", NULL,
         "mdfuzz: transaction-leak: CardAcquireContext returned with 1 transaction(s) open");
  expect(TXN_EXPORT, "CardQueryFreeSpace", NULL,
         "mdfuzz: transaction-leak: CardQueryFreeSpace returned with 1 transaction(s) open");
  expect(TXN_DELETE, "CardQueryFreeSpace", NULL,
         "mdfuzz: transaction-leak: CardDeleteContext returned with 1 transaction(s) open");
  expect(TXN_DELETE, "CardDeleteContext", NULL,
         "mdfuzz: transaction-leak: CardDeleteContext returned with 1 transaction(s) open");
}

static void run_text(const char *text, mdf_case_t *c) {
  const mdf_export_t *const *seq;
  mdf_diag_t d;
  size_t nseq;

  seq = mdf_fuzz_seq_exports(&nseq);
  if (mdf_case_from_text(text, strlen(text), NULL, seq, nseq, c, &d) != MDF_OK) {
    fprintf(stderr, "bad test text: %u:%u: %s\n", d.line, d.col, d.msg);
    _exit(2);
  }
  mdf_fuzz_run(g_env, c, mdf_fuzz_env_inner(g_env), NULL);
}

/* Nothing of one input reaches the next: its driver's last error and its
 * key handles.  Exit codes name what leaked (the first input of each pair
 * proves the state was there to leak). */
static void two_inputs(void *arg) {
  static mdf_case_t c;

  (void)arg;
  g_bug = OK;
  run_text("call CardQueryFreeSpace\n", &c);
  if (GetLastError() != ERROR_FILE_NOT_FOUND)
    _exit(3); /* the driver's SetLastError did not land */
  run_text("call CardQueryFreeSpace\n", &c);
  if (g_seen_error != 0)
    _exit(4); /* the second input saw the first one's last error */
  run_text("call MDImportSessionKey\ncall CardDestroyKey\n  pCardData = valid\n"
           "  hKey = earlier 0\n",
           &c);
  if (g_destroyed != 0x1234)
    _exit(5); /* the handle did not reach the session's later call */
  run_text("call CardDestroyKey\n  pCardData = valid\n  hKey = earlier 0\n", &c);
  if (g_destroyed != 0)
    _exit(6); /* the second input got the first one's key handle */
}

static void test_per_input_reset(void **state) {
  mdf_child_result_t r;

  (void)state;
  mdf_run_child(two_inputs, NULL, &r);
  if (mdf_child_finding(&r) != NULL || !r.exited || r.status != 0)
    fail_msg("per-input state survived (exit %d; 4: last error, 6: key handle):\n%s", r.status,
             r.err);
}

static int setup(void **state) {
  (void)state;
  return mdf_fuzz_env_new(fake_acquire, &g_env) == MDF_OK ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  mdf_fuzz_env_free(g_env);
  return 0;
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_enum_files),
      cmocka_unit_test(test_container_info),
      cmocka_unit_test(test_sign_size_only),
      cmocka_unit_test(test_property_buffer),
      cmocka_unit_test(test_delete_context_target),
      cmocka_unit_test(test_rules_and_buffers),
      cmocka_unit_test(test_transaction_leak),
      cmocka_unit_test(test_per_input_reset),
  };

  return cmocka_run_group_tests_name("exports-contracts", tests, setup, teardown);
}
