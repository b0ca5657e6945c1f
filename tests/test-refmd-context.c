/* refmd: CardAcquireContext checks (CMR.3.1.1.E1..E10) and version
 * negotiation, CardDeleteContext, CardQueryCapabilities, the unsupported
 * entry points, and hostile answers during identification. */
#include "test-refmd-util.h"

/* ---- CardAcquireContext error rules, one row each --------------------------- */
enum mutation {
  M_FLAGS,
  M_VERSION_3,
  M_VERSION_0,
  M_VERSION_3_NULL_ATR,
  M_NULL_ATR,
  M_CBATR_0,
  M_CBATR_BIG,
  M_NULL_ATR_BAD_LEN,
  M_NULL_NAME,
  M_CBATR_16,
  M_ATR_BYTE,
  M_ATR_TCK,
  M_UNKNOWN_NULL_ALLOC,
  M_NULL_ALLOC,
  M_NULL_REALLOC,
  M_NULL_FREE,
  M_BAD_CTX,
  M_NULL_HANDLE,
  M_BAD_HANDLE
};

static const struct {
  enum mutation m;
  const char *what;
  DWORD expect;
} acquire_rules[] = {
    {M_FLAGS, "E2 dwFlags 1", SCARD_E_INVALID_PARAMETER},
    {M_VERSION_3, "E3 version 3", ERROR_REVISION_MISMATCH},
    {M_VERSION_0, "E3 version 0", ERROR_REVISION_MISMATCH},
    {M_VERSION_3_NULL_ATR, "E3 before E4", ERROR_REVISION_MISMATCH},
    {M_NULL_ATR, "E4 NULL pbAtr", SCARD_E_INVALID_PARAMETER},
    {M_CBATR_0, "E5 cbAtr 0", SCARD_E_INVALID_PARAMETER},
    {M_CBATR_BIG, "E5 cbAtr 34", SCARD_E_INVALID_PARAMETER},
    {M_NULL_ATR_BAD_LEN, "E4 before E5", SCARD_E_INVALID_PARAMETER},
    {M_NULL_NAME, "E6 NULL name", SCARD_E_INVALID_PARAMETER},
    {M_CBATR_16, "E7 short ATR", SCARD_E_UNKNOWN_CARD},
    {M_ATR_BYTE, "E7 other ATR", SCARD_E_UNKNOWN_CARD},
    {M_ATR_TCK, "E7 bad TCK", SCARD_E_UNKNOWN_CARD},
    {M_UNKNOWN_NULL_ALLOC, "E7 before E8", SCARD_E_UNKNOWN_CARD},
    {M_NULL_ALLOC, "E8 alloc", SCARD_E_INVALID_PARAMETER},
    {M_NULL_REALLOC, "E8 realloc", SCARD_E_INVALID_PARAMETER},
    {M_NULL_FREE, "E8 free", SCARD_E_INVALID_PARAMETER},
    {M_BAD_CTX, "E9 bad context", SCARD_E_INVALID_HANDLE},
    {M_NULL_HANDLE, "E10 hScard 0", SCARD_E_INVALID_HANDLE},
    {M_BAD_HANDLE, "bad hScard", SCARD_E_INVALID_HANDLE},
};

static void mutate(CARD_DATA *cd, enum mutation m, DWORD *flags) {
  switch (m) {
  case M_FLAGS:
    *flags = 1;
    break;
  case M_VERSION_3:
    cd->dwVersion = 3;
    break;
  case M_VERSION_0:
    cd->dwVersion = 0;
    break;
  case M_VERSION_3_NULL_ATR:
    cd->dwVersion = 3;
    cd->pbAtr = NULL;
    break;
  case M_NULL_ATR:
    cd->pbAtr = NULL;
    break;
  case M_CBATR_0:
    cd->cbAtr = 0;
    break;
  case M_CBATR_BIG:
    cd->cbAtr = 34;
    break;
  case M_NULL_ATR_BAD_LEN:
    cd->pbAtr = NULL;
    cd->cbAtr = 0;
    break;
  case M_NULL_NAME:
    cd->pwszCardName = NULL;
    break;
  case M_CBATR_16:
    cd->cbAtr = 16;
    break;
  case M_ATR_BYTE:
    cd->pbAtr[5] ^= 0x20;
    break;
  case M_ATR_TCK:
    cd->pbAtr[16] ^= 0x01;
    break;
  case M_UNKNOWN_NULL_ALLOC:
    cd->pbAtr[5] ^= 0x20;
    cd->pfnCspAlloc = NULL;
    break;
  case M_NULL_ALLOC:
    cd->pfnCspAlloc = NULL;
    break;
  case M_NULL_REALLOC:
    cd->pfnCspReAlloc = NULL;
    break;
  case M_NULL_FREE:
    cd->pfnCspFree = NULL;
    break;
  case M_BAD_CTX:
    cd->hSCardCtx = 0x1234;
    break;
  case M_NULL_HANDLE:
    cd->hScard = 0;
    break;
  case M_BAD_HANDLE:
    cd->hScard = 0x5678;
    break;
  }
}

static void test_acquire_rules(void **state) {
  size_t i;
  (void)state;
  assert_int_equal(CardAcquireContext(NULL, 0), SCARD_E_INVALID_PARAMETER); /* E1 */
  for (i = 0; i < sizeof acquire_rules / sizeof acquire_rules[0]; i++) {
    rt_session_t s;
    DWORD flags = 0, rc;
    rt_insert(&s, NULL, 0);
    rt_fill(&s, CARD_DATA_CURRENT_VERSION);
    mutate(&s.cd, acquire_rules[i].m, &flags);
    rc = CardAcquireContext(&s.cd, flags);
    if (rc != acquire_rules[i].expect)
      fail_msg("%s: got 0x%08x, want 0x%08x", acquire_rules[i].what, rc, acquire_rules[i].expect);
    assert_null(s.cd.pvVendorSpecific);
    assert_null(s.cd.pfnCardReadFile);
    assert_int_equal(rt_live, 0);
    mdf_reader_eject();
  }
}

static void test_acquire_without_context(void **state) {
  rt_session_t s;
  (void)state;
  rt_insert(&s, NULL, 0);
  rt_fill(&s, CARD_DATA_CURRENT_VERSION);
  s.cd.hSCardCtx = 0; /* E9: zero is fine */
  assert_int_equal(CardAcquireContext(&s.cd, 0), 0);
  assert_int_equal(s.cd.pfnCardDeleteContext(&s.cd), 0);
  assert_int_equal(rt_live, 0);
  mdf_reader_eject();
}

/* ---- Version negotiation ------------------------------------------------------ */
static void test_versions(void **state) {
  static const struct {
    DWORD in, out, rc;
  } rows[] = {{3, 3, ERROR_REVISION_MISMATCH},
              {4, 4, 0},
              {5, 5, 0},
              {6, 6, 0},
              {7, 7, 0},
              {8, 7, 0},
              {0xFFFFFFFFu, 7, 0}};
  size_t i;
  (void)state;
  for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    rt_session_t s;
    DWORD negotiated;
    rt_insert(&s, NULL, 0);
    rt_fill(&s, rows[i].in);
    /* Card entry points start as a pattern: those beyond the version must keep it. */
#define POISON(type, name, version, kind)                                                          \
  if (MDF_CARD_FIELD_IS_ENTRY(kind))                                                               \
    memset(&s.cd.name, 0xA5, sizeof s.cd.name);
    MDF_CARD_DATA_FIELDS(POISON)
#undef POISON
    assert_int_equal(CardAcquireContext(&s.cd, 0), rows[i].rc);
    assert_int_equal(s.cd.dwVersion, rows[i].out);
    negotiated = rows[i].rc ? 0 : rows[i].out;
#define CHECK(type, name, version, kind)                                                           \
  if (MDF_CARD_FIELD_IS_ENTRY(kind)) {                                                             \
    unsigned char pat[sizeof s.cd.name], zero[sizeof s.cd.name];                                   \
    memset(pat, 0xA5, sizeof pat);                                                                 \
    memset(zero, 0, sizeof zero);                                                                  \
    if ((DWORD)(version) <= negotiated)                                                            \
      assert_true(memcmp(&s.cd.name, pat, sizeof pat) != 0 &&                                      \
                  memcmp(&s.cd.name, zero, sizeof zero) != 0);                                     \
    else                                                                                           \
      assert_memory_equal(&s.cd.name, pat, sizeof pat);                                            \
  }
    MDF_CARD_DATA_FIELDS(CHECK)
#undef CHECK
    if (!rows[i].rc) {
      assert_non_null(s.cd.pvVendorSpecific);
      assert_int_equal(s.cd.pfnCardDeleteContext(&s.cd), 0);
    }
    assert_int_equal(rt_live, 0);
    mdf_reader_eject();
  }
}

/* ---- CardDeleteContext -------------------------------------------------------- */
static void test_delete_context(void **state) {
  rt_session_t *s = *state;
  assert_int_equal(s->cd.pfnCardDeleteContext(NULL), SCARD_E_INVALID_PARAMETER);
  assert_int_equal(rt_live, 1); /* the context */
}

static void test_two_contexts(void **state) {
  rt_session_t *s = *state, t;
  BYTE *a = NULL, *b = NULL;
  DWORD la = 0, lb = 0;
  t = *s;
  t.cd.pvVendorSpecific = NULL;
  assert_int_equal(CardAcquireContext(&t.cd, 0), 0);
  assert_int_equal(rt_read(s, NULL, "cardid", &a, &la), 0);
  assert_int_equal(rt_read(&t, NULL, "cardid", &b, &lb), 0);
  assert_int_equal(la, 16);
  assert_int_equal(lb, 16);
  assert_memory_equal(a, b, 16);
  rt_free(a);
  rt_free(b);
  assert_int_equal(t.cd.pfnCardDeleteContext(&t.cd), 0);
  assert_null(t.cd.pvVendorSpecific);
}

/* ---- CardQueryCapabilities ---------------------------------------------------- */
static void test_capabilities(void **state) {
  rt_session_t *s = *state;
  CARD_CAPABILITIES caps;
  DWORD v;
  assert_int_equal(s->cd.pfnCardQueryCapabilities(NULL, &caps), SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardQueryCapabilities(&s->cd, NULL), SCARD_E_INVALID_PARAMETER);
  for (v = 0; v <= 2; v++) {
    memset(&caps, 0x55, sizeof caps);
    caps.dwVersion = v;
    assert_int_equal(s->cd.pfnCardQueryCapabilities(&s->cd, &caps),
                     v <= 1 ? 0 : ERROR_REVISION_MISMATCH);
    if (v <= 1) {
      assert_int_equal(caps.fCertificateCompression, FALSE);
      assert_int_equal(caps.fKeyGen, TRUE); /* GENERATE KEY PAIR */
    }
  }
}

/* ---- Entry points the card cannot back: v7 secure key injection ----------- */
static void test_unsupported(void **state) {
  rt_session_t *s = *state;
  CARD_DATA *cd = &s->cd;
  BYTE b[8] = {0};
  DWORD n = 0;
  PBYTE p = NULL;
  CARD_KEY_HANDLE h = 0;
  CARD_ENCRYPTED_DATA *ed = NULL;
  assert_int_equal(cd->pfnMDImportSessionKey(cd, NULL, NULL, &h, b, 0),
                   SCARD_E_UNSUPPORTED_FEATURE);
  assert_int_equal(cd->pfnMDImportSessionKey(NULL, NULL, NULL, &h, b, 0),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(cd->pfnMDEncryptData(cd, h, CSF_AUTHENTICATE, b, 4, 0, &ed, &n),
                   SCARD_E_UNSUPPORTED_FEATURE);
  assert_int_equal(cd->pfnCardImportSessionKey(cd, 0, NULL, NULL, NULL, &h, b, 4, 0),
                   SCARD_E_UNSUPPORTED_FEATURE);
  assert_int_equal(cd->pfnCardGetSharedKeyHandle(cd, b, 4, &p, &n, &h),
                   SCARD_E_UNSUPPORTED_FEATURE);
  assert_int_equal(
      cd->pfnCardGetAlgorithmProperty(cd, CARD_AES_ALGORITHM, CKP_BLOCK_LENGTH, b, 4, &n, 0),
      SCARD_E_UNSUPPORTED_FEATURE);
  assert_int_equal(cd->pfnCardGetKeyProperty(cd, h, CKP_BLOCK_LENGTH, b, 4, &n, 0),
                   SCARD_E_UNSUPPORTED_FEATURE);
  assert_int_equal(cd->pfnCardSetKeyProperty(cd, h, CKP_INITIALIZATION_VECTOR, b, 8, 0),
                   SCARD_E_UNSUPPORTED_FEATURE);
  assert_int_equal(cd->pfnCardDestroyKey(cd, h), SCARD_E_UNSUPPORTED_FEATURE);
  assert_int_equal(cd->pfnCardProcessEncryptedData(cd, h, CSF_AUTHENTICATE, NULL, 0, b, 8, &n, 0),
                   SCARD_E_UNSUPPORTED_FEATURE);
  assert_null(p);
  assert_null(ed);
}

/* ---- ECDH: no AT_ECDHE key on the card, argument order of CMR.4.3.2-4 ---- */
static void test_dh(void **state) {
  rt_session_t *s = *state;
  CARD_DATA *cd = &s->cd;
  CARD_DH_AGREEMENT_INFO ai;
  CARD_DERIVE_KEY dk;
  BYTE pub[65] = {4};
  WCHAR kdf[] = {'H', 'A', 'S', 'H', 0};

  memset(&ai, 0, sizeof ai);
  assert_int_equal(cd->pfnCardConstructDHAgreement(NULL, &ai), SCARD_E_INVALID_PARAMETER); /* E1 */
  assert_int_equal(cd->pfnCardConstructDHAgreement(cd, NULL), SCARD_E_INVALID_PARAMETER);  /* E2 */
  ai.dwVersion = 1;
  assert_int_equal(cd->pfnCardConstructDHAgreement(cd, &ai), ERROR_REVISION_MISMATCH); /* E3 */
  ai.dwVersion = CARD_DH_AGREEMENT_INFO_VERSION;
  assert_int_equal(cd->pfnCardConstructDHAgreement(cd, &ai), SCARD_E_INVALID_PARAMETER); /* E4 */
  ai.pbPublicKey = pub;
  ai.dwPublicKey = sizeof pub;
  ai.bContainerIndex = 5;
  assert_int_equal(cd->pfnCardConstructDHAgreement(cd, &ai), SCARD_E_NO_KEY_CONTAINER); /* E5 */
  ai.bContainerIndex = 1; /* an ECDSA key: not for agreements */
  assert_int_equal(cd->pfnCardConstructDHAgreement(cd, &ai), SCARD_E_INVALID_PARAMETER);

  memset(&dk, 0, sizeof dk);
  assert_int_equal(cd->pfnCardDeriveKey(cd, NULL), SCARD_E_INVALID_PARAMETER);
  dk.dwVersion = 3;
  assert_int_equal(cd->pfnCardDeriveKey(cd, &dk), ERROR_REVISION_MISMATCH);
  dk.dwVersion = 0;                                                           /* means 1 */
  assert_int_equal(cd->pfnCardDeriveKey(cd, &dk), SCARD_E_INVALID_PARAMETER); /* E4: no KDF */
  dk.pwszKDF = kdf;
  dk.dwFlags = CARD_RETURN_KEY_HANDLE; /* a v2 flag */
  assert_int_equal(cd->pfnCardDeriveKey(cd, &dk), SCARD_E_INVALID_PARAMETER);
  dk.dwFlags = CARD_BUFFER_SIZE_ONLY;
  assert_int_equal(cd->pfnCardDeriveKey(cd, &dk), SCARD_E_INVALID_PARAMETER); /* no agreement */

  assert_int_equal(cd->pfnCardDestroyDHAgreement(NULL, 0, 0), SCARD_E_INVALID_PARAMETER);
  assert_int_equal(cd->pfnCardDestroyDHAgreement(cd, 0, 0), SCARD_E_INVALID_PARAMETER);
}

/* ---- Allocator failure and hostile answers during CardAcquireContext ---------- */
static void test_acquire_no_memory(void **state) {
  rt_session_t s;
  (void)state;
  rt_insert(&s, NULL, 0);
  rt_fill(&s, CARD_DATA_CURRENT_VERSION);
  rt_fail_at = 1;
  assert_int_equal(CardAcquireContext(&s.cd, 0), SCARD_E_NO_MEMORY);
  assert_null(s.cd.pvVendorSpecific);
  assert_int_equal(rt_live, 0);
  mdf_reader_eject();
}

static void test_acquire_hostile(void **state) {
  static const struct {
    uint8_t script[8];
    size_t len;
    DWORD expect;
  } rows[] = {
      {{MDF_FZ_SW, 0x6A, 0x82}, 3, SCARD_E_UNKNOWN_CARD},                        /* no MF */
      {{MDF_FZ_PASS, MDF_FZ_PASS, MDF_FZ_TRUNCATE, 5}, 4, SCARD_E_UNKNOWN_CARD}, /* short card id */
      {{MDF_FZ_PASS, MDF_FZ_PASS, MDF_FZ_EXTEND, 1, 0}, 5, SCARD_E_UNKNOWN_CARD}, /* long card id */
      {{MDF_FZ_PASS, MDF_FZ_TRUNCATE, 1}, 3, SCARD_F_COMM_ERROR},                 /* no SW at all */
      {{MDF_FZ_PASS, MDF_FZ_REMOVED}, 2, SCARD_W_REMOVED_CARD},
      {{MDF_FZ_RESET}, 1, SCARD_W_RESET_CARD},
      {{MDF_FZ_SW, 0x61, 0x10},
       3,
       SCARD_E_UNKNOWN_CARD}, /* 61xx then GET RESPONSE: 6D00 from the sim */
  };
  size_t i;
  (void)state;
  for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    rt_session_t s;
    DWORD rc;
    rt_insert(&s, rows[i].script, rows[i].len);
    rt_fill(&s, CARD_DATA_CURRENT_VERSION);
    rc = CardAcquireContext(&s.cd, 0);
    if (rc != rows[i].expect)
      fail_msg("row %zu: got 0x%08x, want 0x%08x", i, rc, rows[i].expect);
    assert_null(s.cd.pvVendorSpecific);
    assert_int_equal(rt_live, 0);
    assert_int_equal(mdf_reader_stats()->depth, 0);
    mdf_reader_eject();
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_acquire_rules),
      cmocka_unit_test(test_acquire_without_context),
      cmocka_unit_test(test_versions),
      cmocka_unit_test_setup_teardown(test_delete_context, rt_setup, rt_teardown),
      cmocka_unit_test_setup_teardown(test_two_contexts, rt_setup, rt_teardown),
      cmocka_unit_test_setup_teardown(test_capabilities, rt_setup, rt_teardown),
      cmocka_unit_test_setup_teardown(test_unsupported, rt_setup, rt_teardown),
      cmocka_unit_test_setup_teardown(test_dh, rt_setup, rt_teardown),
      cmocka_unit_test(test_acquire_no_memory),
      cmocka_unit_test(test_acquire_hostile),
  };
  return cmocka_run_group_tests_name("refmd-context", tests, NULL, NULL);
}
