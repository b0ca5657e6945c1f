/* refmd planted bugs (targets/refmd/planted-bugs.txt), built once per
 * variant whose row says unit=yes and once clean (tests/refmd.cmake).  A
 * build gets the variant's define, as the driver does, and REFMD_TEST_BUG
 * naming it ("" clean).  For every build: an honest session raises nothing
 * (a bug is reachable only through its condition), and each condition
 * gives, in the variant built with that bug, the sanitizer report (in a
 * child process), and in every other build a clean error code. */
#include "mdf_test_child.h"
#include "test-refmd-util.h"

/* One case per unit=yes row, selected by the row's define.  The planted
 * table check (cmake/mdfuzz-planted.cmake) compares the defines named in
 * this file with those rows. */
#ifdef REFMD_BUG_STRUCTVER0
#define BUG_STRUCTVER0 1
#else
#define BUG_STRUCTVER0 0
#endif
#ifdef REFMD_BUG_NAME9
#define BUG_NAME9 1
#else
#define BUG_NAME9 0
#endif
#ifdef REFMD_BUG_REALLOC
#define BUG_REALLOC 1
#else
#define BUG_REALLOC 0
#endif
#ifdef REFMD_BUG_6CXX
#define BUG_6CXX 1
#else
#define BUG_6CXX 0
#endif
#ifdef REFMD_BUG_MULTISZ
#define BUG_MULTISZ 1
#else
#define BUG_MULTISZ 0
#endif
#ifdef REFMD_BUG_UAF
#define BUG_UAF 1
#else
#define BUG_UAF 0
#endif
#define BUG_CASES (BUG_STRUCTVER0 + BUG_NAME9 + BUG_REALLOC + BUG_6CXX + BUG_MULTISZ + BUG_UAF)
#ifndef REFMD_TEST_BUG
#define REFMD_TEST_BUG ""
#endif

/* Runs fn in a child; true if the child failed with one of the NULL-ended
 * report texts in its stderr. */
static int child_reports_any(void (*fn)(void *), void *arg, const char *const *reports) {
  mdf_child_result_t r;
  int ok = 0;
  mdf_run_child(fn, arg, &r);
  if (!(r.exited && r.status == 0))
    for (; *reports && !ok; reports++)
      ok = strstr(r.err, *reports) != NULL;
  if (!ok)
    fprintf(stderr, "child (exited %d, status %d) said:\n%s\n", r.exited, r.status, r.err);
  return ok;
}
static int child_reports(void (*fn)(void *), void *arg, const char *report) {
  const char *const one[] = {report, NULL};
  return child_reports_any(fn, arg, one);
}

/* ---- An honest session touching every changed path -------------------------- */
static void test_honest(void **state) {
  rt_session_t *s = *state;
  BYTE hash[32] = {1, 2, 3};
  CARD_SIGNING_INFO *si = malloc(offsetof(CARD_SIGNING_INFO, pPaddingInfo)); /* v1-sized */
  LPSTR names = NULL;
  PBYTE ch = NULL;
  DWORD n = 0;

  assert_int_equal(rt_login(s, "1234"), 0);
  memset(si, 0, offsetof(CARD_SIGNING_INFO, pPaddingInfo));
  si->dwVersion = CARD_SIGNING_INFO_BASIC_VERSION;
  si->bContainerIndex = 1;
  si->dwKeySpec = AT_ECDSA_P256;
  si->pbData = hash;
  si->cbData = sizeof hash;
  assert_int_equal(s->cd.pfnCardSignData(&s->cd, si), 0);
  rt_free(si->pbSignedData);
  free(si);
  assert_int_equal(
      s->cd.pfnCardCreateFile(&s->cd, NULL, (LPSTR) "abcdefgh", 0, EveryoneReadUserWriteAc), 0);
  assert_int_equal(s->cd.pfnCardDeleteFile(&s->cd, NULL, (LPSTR) "abcdefgh", 0), 0);
  if (!BUG_NAME9) /* a 9-character name is that variant's condition */
    assert_int_equal(s->cd.pfnCardDeleteFile(&s->cd, NULL, (LPSTR) "abcdefghi", 0),
                     SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardEnumFiles(&s->cd, NULL, &names, &n, 0), 0); /* ends in "cardapps" */
  assert_int_equal(n, 24);
  assert_memory_equal(names + 14, "cardapps\0\0", 10);
  rt_free(names);
  assert_int_equal(s->cd.pfnCardEnumFiles(&s->cd, (LPSTR) "mscp", &names, &n, 0), 0);
  assert_memory_equal(names, "cmapfile\0kxc00\0ksc01\0\0", 22);
  rt_free(names);
  assert_int_equal(s->cd.pfnCardDeauthenticate(&s->cd, (LPWSTR)rt_user, 0), 0);
  /* A challenge then a logout is the use-after-free variant's condition. */
  if (!BUG_UAF) {
    assert_int_equal(s->cd.pfnCardGetChallenge(&s->cd, &ch, &n), 0);
    rt_free(ch);
  }
}

/* ---- Version 0 with a v1-sized CARD_SIGNING_INFO ---------------------------- */
static void sign_v0(void *arg) {
  rt_session_t *s = arg;
  BYTE hash[32] = {1};
  CARD_SIGNING_INFO *si = malloc(offsetof(CARD_SIGNING_INFO, pPaddingInfo));
  memset(si, 0, offsetof(CARD_SIGNING_INFO, pPaddingInfo));
  si->bContainerIndex = 1;
  si->dwKeySpec = AT_ECDSA_P256;
  si->pbData = hash;
  si->cbData = sizeof hash;
  (void)rt_login(s, "1234");
  (void)s->cd.pfnCardSignData(&s->cd, si);
  rt_free(si->pbSignedData);
  free(si);
}
static void test_structver0(void **state) {
  if (BUG_STRUCTVER0)
    assert_true(child_reports(sign_v0, *state, "heap-buffer-overflow"));
  else
    sign_v0(*state);
}

/* ---- A 9-character file name ----------------------------------------------- */
static void delete9(void *arg) {
  rt_session_t *s = arg;
  DWORD rc = s->cd.pfnCardDeleteFile(&s->cd, NULL, (LPSTR) "cardappsx", 0);
  assert_int_equal(rc, SCARD_E_INVALID_PARAMETER);
}
static void test_name9(void **state) {
  if (BUG_NAME9)
    assert_true(child_reports(delete9, *state, "stack-buffer-overflow"));
  else
    delete9(*state);
}

/* ---- pfnCspReAlloc returns NULL in CardEnumFiles ------------------------------ */
static void enum_realloc_fails(void *arg) {
  rt_session_t *s = arg;
  LPSTR names = (LPSTR)1;
  DWORD n = 9;
  rt_fail_at = rt_alloc_count + 2; /* the first growth of the 16-byte start */
  assert_int_equal(s->cd.pfnCardEnumFiles(&s->cd, NULL, &names, &n, 0), SCARD_E_NO_MEMORY);
  assert_null(names);
  assert_int_equal(n, 0);
  rt_fail_at = 0;
}
static void test_enum_realloc(void **state) {
  /* Writing through NULL: UBSan's null-pointer arithmetic report, ASan's
   * SEGV, or cmocka's own signal handler in the child. */
  static const char *const null_write[] = {"runtime error", "SEGV", "Segmentation fault", NULL};
  if (BUG_REALLOC)
    assert_true(child_reports_any(enum_realloc_fails, *state, null_write));
  else
    enum_realloc_fails(*state);
}

/* ---- 6Cxx to GET CHALLENGE, then 16 bytes ----------------------------------- */
/* acquire (3 APDUs), then GET CHALLENGE answers 6C10 and the resend 16 bytes. */
static const uint8_t script_6c[] = {
    0,  0,  0,  MDF_FZ_SW, 0x6C, 0x10, MDF_FZ_REPLACE, 18,  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    11, 12, 13, 14,        15,   16,   0x90,           0x00};
static void challenge_6c(void *arg) {
  rt_session_t *s = arg;
  PBYTE ch = NULL;
  DWORD n = 0;
  assert_int_equal(s->cd.pfnCardGetChallenge(&s->cd, &ch, &n), SCARD_E_UNEXPECTED);
  assert_null(ch);
}
static void test_6cxx(void **state) {
  rt_session_t s;
  (void)state;
  rt_insert(&s, script_6c, sizeof script_6c);
  rt_fill(&s, CARD_DATA_CURRENT_VERSION);
  assert_int_equal(CardAcquireContext(&s.cd, 0), 0);
  if (BUG_6CXX)
    assert_true(child_reports(challenge_6c, &s, "heap-buffer-overflow"));
  else
    challenge_6c(&s);
  assert_int_equal(s.cd.pfnCardDeleteContext(&s.cd), 0);
  mdf_reader_eject();
}

/* ---- The root's name directory claims 383 bytes (a partial record) ------------ */
static const uint8_t script_partial[] = {
    0,    0,    0,    MDF_FZ_REPLACE, 19,   0,    0x62, 0x0F, 0x82, 0x01, 0x01, 0x83, 0x02,
    0x0D, 0xD0, 0x80, 0x02,           0x01, 0x7F, 0x86, 0x02, 0x00, 0x01, 0x90, 0x00};
static void test_multisz(void **state) {
  rt_session_t s;
  LPSTR names = NULL;
  DWORD n = 0;
  (void)state;
  rt_insert(&s, script_partial, sizeof script_partial);
  rt_fill(&s, CARD_DATA_CURRENT_VERSION);
  assert_int_equal(CardAcquireContext(&s.cd, 0), 0);
  assert_int_equal(s.cd.pfnCardEnumFiles(&s.cd, NULL, &names, &n, 0), 0);
  if (BUG_MULTISZ) {
    assert_int_equal(n, 23); /* "...cardapps\0" and no final NUL */
    assert_int_equal(names[n - 1], 0);
    assert_int_not_equal(names[n - 2], 0);
  } else {
    assert_int_equal(n, 24);
    assert_memory_equal(names + n - 2, "\0\0", 2);
  }
  rt_free(names);
  assert_int_equal(s.cd.pfnCardDeleteContext(&s.cd), 0);
  mdf_reader_eject();
}

/* ---- CardGetChallenge, CardDeauthenticate, CardGetChallenge ------------------- */
static void challenge_logout_challenge(void *arg) {
  rt_session_t *s = arg;
  PBYTE ch = NULL;
  DWORD n = 0;
  assert_int_equal(s->cd.pfnCardGetChallenge(&s->cd, &ch, &n), 0);
  rt_free(ch);
  assert_int_equal(s->cd.pfnCardDeauthenticate(&s->cd, (LPWSTR)rt_admin, 0), 0);
  assert_int_equal(s->cd.pfnCardGetChallenge(&s->cd, &ch, &n), 0);
  rt_free(ch);
}
static void test_uaf(void **state) {
  if (BUG_UAF)
    assert_true(child_reports(challenge_logout_challenge, *state, "heap-use-after-free"));
  else
    challenge_logout_challenge(*state);
}

int main(void) {
  /* A build for a planted bug must have selected exactly one case. */
  if (BUG_CASES != (REFMD_TEST_BUG[0] != '\0')) {
    fprintf(stderr, "test-refmd-bugs.c: no case (or more than one) for planted bug '%s'\n",
            REFMD_TEST_BUG);
    return 1;
  }
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_honest, rt_setup, rt_teardown),
      cmocka_unit_test_setup_teardown(test_structver0, rt_setup, rt_teardown),
      cmocka_unit_test_setup_teardown(test_name9, rt_setup, rt_teardown),
      cmocka_unit_test_setup_teardown(test_enum_realloc, rt_setup, rt_teardown),
      cmocka_unit_test(test_6cxx),
      cmocka_unit_test(test_multisz),
      cmocka_unit_test_setup_teardown(test_uaf, rt_setup, rt_teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
