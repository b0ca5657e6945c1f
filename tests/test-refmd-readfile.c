/* refmd CardReadFile: every personalised file with its contents, the
 * error rules CMR.3.4.3.E1..E12 in order, and hostile card answers (long,
 * short, wrong SW, 6282, 6Cxx, bad FCP, removal) plus a seeded random run
 * that must never leak, crash or unbalance a transaction. */
#include <openssl/x509.h>

#include "test-refmd-util.h"

static const BYTE guid[16] = {0x6d, 0x64, 0x66, 0x75, 0x7a, 0x7a, 0x2d, 0x73,
                              0x69, 0x6d, 0x2d, 0x67, 0x75, 0x69, 0x64, 0x01};

static void check_cert(const BYTE *p, DWORD n, int pkey_type) {
  const unsigned char *q = p;
  X509 *x = d2i_X509(NULL, &q, (long)n);
  assert_non_null(x);
  assert_ptr_equal(q, p + n); /* the whole file is the certificate */
  assert_int_equal(EVP_PKEY_base_id(X509_get0_pubkey(x)), pkey_type);
  X509_free(x);
}

static void test_personalised(void **state) {
  rt_session_t *s = *state;
  BYTE *d;
  DWORD n;

  assert_int_equal(rt_read(s, NULL, "cardid", &d, &n), 0);
  assert_int_equal(n, 16);
  assert_memory_equal(d, guid, 16);
  rt_free(d);

  assert_int_equal(rt_read(s, NULL, "cardcf", &d, &n), 0);
  assert_int_equal(n, 6);
  assert_memory_equal(d, "\0\0\0\0\0\0", 6);
  rt_free(d);

  assert_int_equal(rt_read(s, NULL, "cardapps", &d, &n), 0);
  assert_int_equal(n, 8);
  assert_memory_equal(d, "mscp\0\0\0\0", 8);
  rt_free(d);

  assert_int_equal(rt_read(s, "mscp", "cmapfile", &d, &n), 0);
  assert_int_equal(n, 2 * sizeof(CONTAINER_MAP_RECORD));
  {
    CONTAINER_MAP_RECORD r[2];
    memcpy(r, d, sizeof r);
    assert_int_equal(r[0].bFlags, CONTAINER_MAP_VALID_CONTAINER | CONTAINER_MAP_DEFAULT_CONTAINER);
    assert_int_equal(r[0].wKeyExchangeKeySizeBits, 2048);
    assert_int_equal(r[0].wSigKeySizeBits, 0);
    assert_int_equal(r[1].bFlags, CONTAINER_MAP_VALID_CONTAINER);
    assert_int_equal(r[1].wSigKeySizeBits, 256);
    assert_int_equal(r[0].wszGuid[0], '{');
  }
  rt_free(d);

  assert_int_equal(rt_read(s, "mscp", "kxc00", &d, &n), 0);
  assert_true(n > 256); /* a multi-chunk read */
  check_cert(d, n, EVP_PKEY_RSA);
  rt_free(d);

  assert_int_equal(rt_read(s, "mscp", "ksc01", &d, &n), 0);
  check_cert(d, n, EVP_PKEY_EC);
  rt_free(d);

  /* Names are case-insensitive (CMR.1.2.3). */
  assert_int_equal(rt_read(s, "MSCP", "CmapFile", &d, &n), 0);
  assert_int_equal(n, 172);
  rt_free(d);
}

/* ---- CMR.3.4.3.E1..E12 -------------------------------------------------------- */
enum { NO_PPB = 1, NO_PCB = 2, NULL_CD = 4 };
static const struct {
  const char *id, *dir, *file;
  DWORD flags;
  int special;
  DWORD expect;
} rules[] = {
    {"E2 NULL file", NULL, NULL, 0, 0, SCARD_E_INVALID_PARAMETER},
    {"E2 empty file", NULL, "", 0, 0, SCARD_E_INVALID_PARAMETER},
    {"E2 before E7", "nodir", "", 0, 0, SCARD_E_INVALID_PARAMETER},
    {"E3 NULL ppbData", NULL, "cardid", 0, NO_PPB, SCARD_E_INVALID_PARAMETER},
    {"E4 NULL pcbData", NULL, "cardid", 0, NO_PCB, SCARD_E_INVALID_PARAMETER},
    {"E5 empty dir", "", "cardid", 0, 0, SCARD_E_INVALID_PARAMETER},
    {"E5 long dir", "mscpmscp1", "cmapfile", 0, 0, SCARD_E_INVALID_PARAMETER},
    {"E6 dir char *", "ms*p", "cmapfile", 0, 0, SCARD_E_INVALID_PARAMETER},
    {"E6 dir char 0x1f", "ms\x1fp", "cmapfile", 0, 0, SCARD_E_INVALID_PARAMETER},
    {"E7 no dir", "nodir", "cmapfile", 0, 0, SCARD_E_DIR_NOT_FOUND},
    {"E7 a file is no dir", "cardid", "cmapfile", 0, 0, SCARD_E_DIR_NOT_FOUND},
    {"E7 before E8", "nodir", "waytoolongname", 0, 0, SCARD_E_DIR_NOT_FOUND},
    {"E8 long file", "mscp", "cmapfile1", 0, 0, SCARD_E_INVALID_PARAMETER},
    {"E9 file char |", "mscp", "cmap|", 0, 0, SCARD_E_INVALID_PARAMETER},
    {"E9 file char \\", NULL, "a\\b", 0, 0, SCARD_E_INVALID_PARAMETER},
    {"E10 no file", "mscp", "nofile", 0, 0, SCARD_E_FILE_NOT_FOUND},
    {"E10 a dir is no file", NULL, "mscp", 0, 0, SCARD_E_FILE_NOT_FOUND},
    {"E10 before E11", NULL, "nofile", 1, 0, SCARD_E_FILE_NOT_FOUND},
    {"E11 flags", NULL, "cardid", 1, 0, SCARD_E_INVALID_PARAMETER},
    {"E11 flags high", NULL, "cardid", 0x80000000u, 0, SCARD_E_INVALID_PARAMETER},
};

static void test_rules(void **state) {
  rt_session_t *s = *state;
  size_t i;
  assert_int_equal(s->cd.pfnCardReadFile(NULL, NULL, (LPSTR) "cardid", 0, NULL, NULL),
                   SCARD_E_INVALID_PARAMETER);
  for (i = 0; i < sizeof rules / sizeof rules[0]; i++) {
    BYTE *d = (BYTE *)"x";
    DWORD n = 77, rc;
    rc = s->cd.pfnCardReadFile(&s->cd, (LPSTR)rules[i].dir, (LPSTR)rules[i].file, rules[i].flags,
                               rules[i].special & NO_PPB ? NULL : &d,
                               rules[i].special & NO_PCB ? NULL : &n);
    if (rc != rules[i].expect)
      fail_msg("%s: got 0x%08x, want 0x%08x", rules[i].id, rc, rules[i].expect);
    assert_int_equal(rt_live, 1); /* only the context: nothing handed out */
  }
}

/* E12: a file nobody may read (UserWriteExecuteAc). */
static void test_no_read_access(void **state) {
  rt_session_t *s = *state;
  BYTE *d;
  DWORD n;
  BYTE data[4] = {1, 2, 3, 4};
  assert_int_equal(rt_login(s, "1234"), 0);
  assert_int_equal(
      s->cd.pfnCardCreateFile(&s->cd, (LPSTR) "mscp", (LPSTR) "kxs00", 0, UserWriteExecuteAc), 0);
  assert_int_equal(
      s->cd.pfnCardWriteFile(&s->cd, (LPSTR) "mscp", (LPSTR) "kxs00", 0, data, sizeof data), 0);
  assert_int_equal(rt_read(s, "mscp", "kxs00", &d, &n), SCARD_W_SECURITY_VIOLATION);
  assert_null(d);
  assert_int_equal(n, 0);
  /* E11 still comes first. */
  assert_int_equal(s->cd.pfnCardReadFile(&s->cd, (LPSTR) "mscp", (LPSTR) "kxs00", 2, &d, &n),
                   SCARD_E_INVALID_PARAMETER);
}

/* The output buffer's allocation fails: SCARD_E_NO_MEMORY, nothing leaks. */
static void test_no_memory(void **state) {
  rt_session_t *s = *state;
  BYTE *d;
  DWORD n;
  rt_fail_at = rt_alloc_count + 1; /* the output buffer */
  assert_int_equal(rt_read(s, "mscp", "kxc00", &d, &n), SCARD_E_NO_MEMORY);
  assert_null(d);
  assert_int_equal(rt_live, 1);
  rt_fail_at = 0;
}

/* ---- Hostile answers ------------------------------------------------------------ */
/* APDUs: 3 for CardAcquireContext; CardReadFile(NULL, "cardcf") then sends
 * SELECT 0DD0, READ 256, READ 128, SELECT 1002, READ 6. */
#define ACQ 0, 0, 0
#define TO_DATA ACQ, 0, 0, 0, 0 /* PASS up to the READ of cardcf */
#define S(...) {__VA_ARGS__}, sizeof((uint8_t[]){__VA_ARGS__})
static const struct {
  const char *what;
  uint8_t script[24];
  size_t len;
  DWORD expect;
  DWORD size; /* on success */
} hostile[] = {
    {"long answer", S(TO_DATA, MDF_FZ_EXTEND, 4, 1, 2, 3, 4), SCARD_E_UNEXPECTED, 0},
    {"6282 end of file", S(TO_DATA, MDF_FZ_SW, 0x62, 0x82), 0, 6},
    {"6982 security", S(TO_DATA, MDF_FZ_SW, 0x69, 0x82), SCARD_W_SECURITY_VIOLATION, 0},
    {"truncated", S(TO_DATA, MDF_FZ_TRUNCATE, 5), SCARD_E_UNEXPECTED, 0},
    {"empty 9000", S(TO_DATA, MDF_FZ_REPLACE, 2, 0, 0x90, 0x00), SCARD_E_UNEXPECTED, 0},
    {"6C03 then short reads", S(TO_DATA, MDF_FZ_SW, 0x6C, 0x03), 0, 6},
    {"61FF, nothing pending", S(TO_DATA, MDF_FZ_SW, 0x61, 0xFF), SCARD_W_SECURITY_VIOLATION, 0},
    {"removed", S(TO_DATA, MDF_FZ_REMOVED), SCARD_W_REMOVED_CARD, 0},
    {"FCP without size",
     S(ACQ, 0, 0, 0, MDF_FZ_REPLACE, 9, 0, 0x62, 0x05, 0x82, 0x01, 0x01, 0x86, 0x00, 0x90, 0x00),
     SCARD_E_UNEXPECTED, 0},
    {"FCP size 0",
     S(ACQ, 0, 0, 0, MDF_FZ_REPLACE, 15, 0, 0x62, 0x0B, 0x82, 0x01, 0x01, 0x80, 0x02, 0x00, 0x00,
       0x86, 0x02, 0x00, 0x00, 0x90, 0x00),
     0, 0},
    {"FCP size 5000",
     S(ACQ, 0, 0, 0, MDF_FZ_REPLACE, 11, 0, 0x62, 0x07, 0x82, 0x01, 0x01, 0x80, 0x02, 0x13, 0x88,
       0x90, 0x00),
     SCARD_E_UNEXPECTED, 0},
    {"FCP length past the answer",
     S(ACQ, 0, 0, 0, MDF_FZ_REPLACE, 6, 0, 0x62, 0x7F, 0x80, 0x02, 0x90, 0x00), SCARD_E_UNEXPECTED,
     0},
    {"name dir garbage", S(ACQ, 0, MDF_FZ_FLIP, 15, 0x40), SCARD_E_FILE_NOT_FOUND, 0},
};

static void test_hostile(void **state) {
  size_t i;
  (void)state;
  for (i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
    rt_session_t s;
    BYTE *d;
    DWORD n, rc;
    rt_insert(&s, hostile[i].script, hostile[i].len);
    rt_fill(&s, CARD_DATA_CURRENT_VERSION);
    assert_int_equal(CardAcquireContext(&s.cd, 0), 0);
    rc = rt_read(&s, NULL, "cardcf", &d, &n);
    if (rc != hostile[i].expect)
      fail_msg("%s: got 0x%08x, want 0x%08x", hostile[i].what, rc, hostile[i].expect);
    if (rc == 0) {
      assert_non_null(d);
      assert_int_equal(n, hostile[i].size);
      rt_free(d);
    } else {
      assert_null(d);
      assert_int_equal(n, 0);
    }
    assert_int_equal(s.cd.pfnCardDeleteContext(&s.cd), 0);
    assert_int_equal(rt_live, 0);
    assert_int_equal(mdf_reader_stats()->depth, 0);
    mdf_reader_eject();
  }
}

/* The card fails while the root is looked up: an argument error the
 * caller can see still wins (E9, E11 come after the lookup in the table). */
static void test_args_win_over_card(void **state) {
  static const uint8_t removed[] = {ACQ, MDF_FZ_REMOVED}, bad_fcp[] = {ACQ, MDF_FZ_SW, 0x6A, 0x82};
  static const struct {
    const uint8_t *script;
    size_t len;
    const char *dir, *file;
    DWORD flags, expect;
  } rows[] = {
      {removed, sizeof removed, NULL, "card*id", 0, SCARD_E_INVALID_PARAMETER},
      {removed, sizeof removed, NULL, "cardid", 1, SCARD_E_INVALID_PARAMETER},
      {removed, sizeof removed, NULL, "cardid", 0, SCARD_W_REMOVED_CARD},
      {bad_fcp, sizeof bad_fcp, NULL, "a\x01", 0, SCARD_E_INVALID_PARAMETER},
      {bad_fcp, sizeof bad_fcp, "mscp", "cardidxyz", 0, SCARD_E_DIR_NOT_FOUND}, /* E7 before E8 */
  };
  size_t i;
  (void)state;
  for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    rt_session_t s;
    BYTE *d = NULL;
    DWORD n = 0, rc;
    rt_insert(&s, rows[i].script, rows[i].len);
    rt_fill(&s, CARD_DATA_CURRENT_VERSION);
    assert_int_equal(CardAcquireContext(&s.cd, 0), 0);
    rc =
        s.cd.pfnCardReadFile(&s.cd, (LPSTR)rows[i].dir, (LPSTR)rows[i].file, rows[i].flags, &d, &n);
    if (rc != rows[i].expect)
      fail_msg("row %zu: got 0x%08x, want 0x%08x", i, rc, rows[i].expect);
    assert_null(d);
    assert_int_equal(s.cd.pfnCardDeleteContext(&s.cd), 0);
    assert_int_equal(rt_live, 0);
    mdf_reader_eject();
  }
}

/* Seeded random directive scripts against every file: the driver must
 * return something sensible and keep its memory and transactions straight.
 * ASan/UBSan (the default build) catch any out-of-bounds access. */
static void test_random(void **state) {
  static const char *const files[][2] = {
      {NULL, "cardid"}, {NULL, "cardcf"}, {"mscp", "cmapfile"}, {"mscp", "kxc00"}};
  uint64_t x = 0x9E3779B97F4A7C15ull;
  int iter;
  (void)state;
  for (iter = 0; iter < 1500; iter++) {
    uint8_t script[48];
    rt_session_t s;
    size_t k;
    BYTE *d;
    DWORD n, rc;
    for (k = 0; k < sizeof script; k++) {
      x ^= x << 13, x ^= x >> 7, x ^= x << 17;
      script[k] = (uint8_t)x;
    }
    /* Mostly honest answers, so that the reads get deep. */
    for (k = 0; k < sizeof script; k++)
      if (script[k] < 160 && k % 3 == 0)
        script[k] = 0;
    script[0] = script[1] = script[2] = MDF_FZ_PASS;
    rt_insert(&s, script, sizeof script);
    rt_fill(&s, CARD_DATA_CURRENT_VERSION);
    if (CardAcquireContext(&s.cd, 0) == 0) {
      rc = rt_read(&s, files[iter % 4][0], files[iter % 4][1], &d, &n);
      if (rc == 0) {
        assert_non_null(d);
        assert_true(n <= 4096);
        rt_free(d);
      } else {
        assert_null(d);
      }
      assert_int_equal(s.cd.pfnCardDeleteContext(&s.cd), 0);
    }
    assert_int_equal(rt_live, 0);
    assert_int_equal(mdf_reader_stats()->depth, 0);
    mdf_reader_eject();
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_personalised, rt_setup, rt_teardown),
      cmocka_unit_test_setup_teardown(test_rules, rt_setup, rt_teardown),
      cmocka_unit_test_setup_teardown(test_no_read_access, rt_setup, rt_teardown),
      cmocka_unit_test_setup_teardown(test_no_memory, rt_setup, rt_teardown),
      cmocka_unit_test(test_hostile),
      cmocka_unit_test(test_args_win_over_card),
      cmocka_unit_test(test_random),
  };
  return cmocka_run_group_tests_name("refmd-readfile", tests, NULL, NULL);
}
