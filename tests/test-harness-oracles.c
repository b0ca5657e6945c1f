/* Every harness oracle fires on a fake driver that misbehaves, and stays
 * quiet on the same fake driver behaving.  Findings abort, so each session
 * runs in a child process and the test reads its "mdfuzz: <ID>: " line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "mdf_test_child.h"
#include "test-harness-fixture.h"
#include "mdfuzz/common/finding.h"
#include "mdfuzz/harness/harness.h"

enum bug {
  BUG_NONE,
  BUG_CHANGE_CARD_DATA, /* CardReadFile changes cbAtr */
  BUG_MALLOC_OUT,       /* *ppbData from malloc */
  BUG_SHORT_OUT,        /* *pcbData larger than the block */
  BUG_LEAK,             /* a CSP block never freed */
  BUG_DOUBLE_FREE,
  BUG_IGNORE_FLAGS, /* dwFlags != 0 accepted */
  BUG_BAD_VERSION,  /* dwVersion set to 3 */
  BUG_NULL_FN,      /* pfnCardWriteFile left NULL */
  BUG_DELETE_RC,    /* CardDeleteContext returns 1 */
  BUG_NULL_DEREF,   /* uses a pfnCspAlloc result unchecked */
  BUG_ACCEPT_ZERO_HANDLE,
  BUG_ACQUIRE_LEAK, /* fails CardAcquireContext without freeing */
};

static enum bug g_bug;

static void WINAPI dummy(void) {}

static DWORD WINAPI fake_delete(PCARD_DATA cd) {
  if (cd == NULL)
    return SCARD_E_INVALID_PARAMETER;
  cd->pfnCspFree(cd->pvVendorSpecific);
  cd->pvVendorSpecific = NULL;
  return g_bug == BUG_DELETE_RC ? 1 : 0;
}

static DWORD WINAPI fake_read(PCARD_DATA cd, LPSTR dir, LPSTR file, DWORD flags, PBYTE *ppb,
                              PDWORD pcb) {
  uint8_t *p;

  if (cd == NULL || file == NULL || file[0] == 0 || ppb == NULL || pcb == NULL)
    return SCARD_E_INVALID_PARAMETER;
  if (dir != NULL && (strlen(dir) == 0 || strlen(dir) > 8))
    return SCARD_E_INVALID_PARAMETER;
  if (flags != 0 && g_bug != BUG_IGNORE_FLAGS)
    return SCARD_E_INVALID_PARAMETER;
  if (strcmp(file, "cardid") != 0)
    return SCARD_E_FILE_NOT_FOUND;
  p = g_bug == BUG_MALLOC_OUT ? malloc(16) : cd->pfnCspAlloc(16);
  if (g_bug == BUG_NULL_DEREF)
    p[0] = 0x42; /* crashes when the alloc was made to fail */
  if (p == NULL)
    return SCARD_E_NO_MEMORY;
  memset(p, 0xC1, 16);
  *ppb = p;
  *pcb = g_bug == BUG_SHORT_OUT ? 32 : 16;
  if (g_bug == BUG_CHANGE_CARD_DATA)
    cd->cbAtr = 1;
  if (g_bug == BUG_LEAK)
    cd->pfnCspAlloc(10);
  if (g_bug == BUG_DOUBLE_FREE) {
    void *q = cd->pfnCspAlloc(4);
    cd->pfnCspFree(q);
    cd->pfnCspFree(q);
  }
  cd->pvVendorSpecific = cd->pvVendorSpecific; /* allowed to change */
  return 0;
}

static DWORD WINAPI fake_acquire(PCARD_DATA cd, DWORD flags) {
  void(WINAPI * fn)(void) = dummy;

  if (cd == NULL || flags != 0)
    return SCARD_E_INVALID_PARAMETER;
  if (cd->dwVersion < 4)
    return ERROR_REVISION_MISMATCH;
  if (cd->pbAtr == NULL || cd->cbAtr == 0 || cd->cbAtr > 33 || cd->pwszCardName == NULL ||
      cd->pfnCspAlloc == NULL || cd->pfnCspReAlloc == NULL || cd->pfnCspFree == NULL)
    return SCARD_E_INVALID_PARAMETER;
  if (cd->hScard == 0 && g_bug != BUG_ACCEPT_ZERO_HANDLE)
    return SCARD_E_INVALID_HANDLE;
  if (g_bug == BUG_ACQUIRE_LEAK) {
    cd->pfnCspAlloc(3);
    return SCARD_E_UNKNOWN_CARD;
  }
  if (cd->dwVersion > 7)
    cd->dwVersion = 7;
    /* Fill only the entry points of the negotiated version. */
#define FILL(type, name, added, kind)                                                              \
  if (MDF_CARD_FIELD_IS_ENTRY(kind) && (added) <= cd->dwVersion)                                   \
    memcpy(&cd->name, &fn, sizeof(cd->name) < sizeof(fn) ? sizeof(cd->name) : sizeof(fn));
  MDF_CARD_DATA_FIELDS(FILL)
#undef FILL
  cd->pfnCardDeleteContext = fake_delete;
  cd->pfnCardReadFile = fake_read;
  cd->pvVendorSpecific = cd->pfnCspAlloc(32);
  if (cd->pvVendorSpecific == NULL)
    return SCARD_E_NO_MEMORY;
  if (g_bug == BUG_BAD_VERSION)
    cd->dwVersion = 3;
  if (g_bug == BUG_NULL_FN)
    cd->pfnCardWriteFile = NULL;
  return 0;
}

static mdf_harness_t *g_h;
static const uint8_t atr[] = {0x3B, 0x8C, 0x80, 0x01, 0x4D, 0x44};

MDF_TEST_HARNESS_FIXTURE(fake_acquire, true)

/* A test classifier for CardReadFile: only the flags rule is sure. */
static mdf_tri_t flags_only(mdf_cmr_cond_t cond, const void *arg, char *why, size_t cap) {
  DWORD flags = *(const DWORD *)arg;

  if (cond == MDF_COND_BAD_FLAGS) {
    snprintf(why, cap, "dwFlags=0x%X", (unsigned)flags);
    return flags ? MDF_YES : MDF_NO;
  }
  return cond == MDF_COND_NO_FILE ? MDF_MAYBE : MDF_NO;
}

typedef struct scenario {
  enum bug bug;
  mdf_session_params_t p;
  DWORD flags;
  const char *file;
} scenario_t;

static void params(scenario_t *s) {
  memset(s, 0, sizeof(*s));
  mdf_session_params_init(&s->p);
  s->p.atr = atr;
  s->p.atr_len = sizeof(atr);
  s->p.hSCardCtx = 0x1000;
  s->p.hScard = 0x2000;
  s->file = "cardid";
}

static void run_session(void *arg) {
  scenario_t *s = arg;
  PCARD_DATA cd;
  char file[16];

  g_bug = s->bug;
  mdf_harness_begin(g_h, &s->p);
  if (mdf_harness_acquire(g_h) == 0) {
    PBYTE pb = NULL;
    DWORD cb = 0, rc;

    cd = mdf_harness_card_data(g_h);
    snprintf(file, sizeof(file), "%s", s->file);
    mdf_harness_enter(g_h, "CardReadFile");
    rc = cd->pfnCardReadFile(cd, NULL, file, s->flags, &pb, &cb);
    mdf_harness_leave(g_h);
    mdf_harness_check_rc(g_h, "CardReadFile", rc, flags_only, &s->flags);
    if (rc == 0)
      mdf_harness_take_buffer(g_h, "CMR.3.4.3.2", "*ppbData", pb, cb);
  }
  mdf_harness_end(g_h);
  fprintf(stderr, "session done\n");
}

static void expect(scenario_t *s, const char *line) {
  mdf_child_result_t r;

  mdf_run_child(run_session, s, &r);
  if (line == NULL) {
    if (mdf_child_finding(&r) != NULL || !r.exited || r.status != 0)
      fail_msg("expected no finding, got exit %d:\n%s", r.status, r.err);
    return;
  }
  if (!mdf_child_has(&r, line))
    fail_msg("expected '%s', got:\n%s", line, r.err);
  assert_false(r.exited && r.status == 0);
}

static void test_clean_driver_quiet(void **state) {
  scenario_t s;
  DWORD v;

  (void)state;
  for (v = 0; v <= 9; v++) {
    params(&s);
    s.p.card_data_version = v;
    expect(&s, NULL);
  }
  params(&s);
  s.file = "nosuch";
  expect(&s, NULL);
  params(&s);
  s.flags = 4;
  expect(&s, NULL);
  params(&s);
  s.p.alloc_fail_at = 2; /* the read's buffer: NO_MEMORY is fine */
  expect(&s, NULL);
  params(&s);
  s.p.alloc_fail_at = 1; /* the context: acquire fails cleanly */
  expect(&s, NULL);
  params(&s);
  s.p.card_data_version = 0xFFFFFFFFu;
  expect(&s, NULL);
}

static void test_acquire_rules(void **state) {
  scenario_t s;

  (void)state;
  params(&s);
  s.p.null_card_data = true;
  expect(&s, NULL); /* fake answers INVALID_PARAMETER */
  params(&s);
  s.p.mutation[MDF_CDM_ALLOC] = MDF_MUT_ZERO;
  expect(&s, NULL);
  params(&s);
  s.p.mutation[MDF_CDM_CBATR] = MDF_MUT_GARBAGE;
  expect(&s, NULL);
  params(&s);
  s.p.mutation[MDF_CDM_CARD] = MDF_MUT_ZERO;
  expect(&s, NULL);
  s.bug = BUG_ACCEPT_ZERO_HANDLE;
  expect(&s, "mdfuzz: CMR.3.1.1.E10: CardAcquireContext returned 0x00000000 (expected "
             "SCARD_E_INVALID_HANDLE) for hScard=0");
  params(&s);
  s.bug = BUG_BAD_VERSION;
  expect(&s, "mdfuzz: CMR.3.1.1.6: CardAcquireContext set dwVersion=3");
  params(&s);
  s.bug = BUG_NULL_FN;
  expect(&s, "mdfuzz: CMR.3.1.1.2: pfnCardWriteFile is NULL in a version 7 CARD_DATA");
  params(&s);
  s.bug = BUG_ACQUIRE_LEAK;
  expect(&s, "mdfuzz: CMR.1.3.4: 1 CSP block(s) (3 bytes) still allocated after a failed "
             "CardAcquireContext; first allocated in CardAcquireContext");
}

static void test_export_oracles(void **state) {
  scenario_t s;

  (void)state;
  params(&s);
  s.bug = BUG_CHANGE_CARD_DATA;
  expect(&s, "mdfuzz: CMR.1.0.7: cbAtr changed by CardReadFile");
  params(&s);
  s.bug = BUG_MALLOC_OUT;
  expect(&s, "mdfuzz: CMR.3.4.3.2: CardReadFile returned *ppbData");
  params(&s);
  s.bug = BUG_SHORT_OUT;
  expect(&s, "mdfuzz: CMR.3.4.3.2: CardReadFile returned *ppbData of 16 byte(s) but declared 32");
  params(&s);
  s.bug = BUG_LEAK;
  expect(&s, "mdfuzz: CMR.1.3.4: 1 CSP block(s) (10 bytes) still allocated after "
             "CardDeleteContext; first allocated in CardReadFile");
  params(&s);
  s.bug = BUG_DOUBLE_FREE;
  expect(&s, "mdfuzz: CMR.1.4.4: pfnCspFree of an already freed block");
  params(&s);
  s.bug = BUG_IGNORE_FLAGS;
  s.flags = 4;
  expect(&s, "mdfuzz: CMR.3.4.3.E11: CardReadFile returned 0x00000000 (expected "
             "SCARD_E_INVALID_PARAMETER) for dwFlags=0x4");
  params(&s);
  s.bug = BUG_DELETE_RC;
  expect(&s, "mdfuzz: CMR.3.1.2.3: CardDeleteContext returned 0x00000001");
}

static void test_fault_crash_is_cmr_1_4_1(void **state) {
  scenario_t s;
  mdf_child_result_t r;

  (void)state;
  params(&s);
  s.bug = BUG_NULL_DEREF;
  s.p.alloc_fail_at = 2;
  mdf_run_child(run_session, &s, &r);
  if (!mdf_child_has(&r, "mdfuzz: CMR.1.4.1: crash after pfnCspAlloc returned NULL (call #2) in "
                         "CardReadFile"))
    fail_msg("got:\n%s", r.err);
  assert_non_null(
      strstr(r.err, "mdfuzz: context: export=CardReadFile apdus=0 fault=pfnCspAlloc#2"));
}

static void test_card_data_diff(void **state) {
  CARD_DATA a, b;

  (void)state;
  memset(&a, 0, sizeof(a));
  b = a;
  assert_null(mdf_card_data_diff(&a, &b, sizeof(a)));
  b.pvVendorSpecific = &a;
  assert_null(mdf_card_data_diff(&a, &b, sizeof(a)));
  b.hScard = 5;
  assert_string_equal(mdf_card_data_diff(&a, &b, sizeof(a)), "hScard");
  b = a;
  b.pfnCardCreateContainerEx = (PFN_CARD_CREATE_CONTAINER_EX)dummy;
  assert_string_equal(mdf_card_data_diff(&a, &b, sizeof(a)), "pfnCardCreateContainerEx");
  /* outside a v4 caller's struct: not compared */
  assert_null(mdf_card_data_diff(&a, &b, mdf_card_data_size(4)));
  assert_int_equal(mdf_card_data_size(4), MDF_CARD_DATA_V4_END);
  assert_int_equal(mdf_card_data_size(5), MDF_CARD_DATA_V5_END);
  assert_int_equal(mdf_card_data_size(6), MDF_CARD_DATA_V6_END);
  assert_int_equal(mdf_card_data_size(7), sizeof(CARD_DATA));
  assert_int_equal(mdf_card_data_size(0), MDF_CARD_DATA_V4_END);
  assert_int_equal(mdf_card_data_size(0xFFFFFFFFu), sizeof(CARD_DATA));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_clean_driver_quiet), cmocka_unit_test(test_acquire_rules),
      cmocka_unit_test(test_export_oracles),     cmocka_unit_test(test_fault_crash_is_cmr_1_4_1),
      cmocka_unit_test(test_card_data_diff),
  };

  return cmocka_run_group_tests_name("harness-oracles", tests, setup, teardown);
}
