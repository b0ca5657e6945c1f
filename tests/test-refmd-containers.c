/* refmd key containers: CardCreateContainer(Ex) by on-card generation,
 * CardDeleteContainer, cmapfile kept in step, the CMR.4.2.1/4.2.2 argument
 * order, hostile GENERATE KEY PAIR answers, and the container properties. */
#include "test-refmd-util.h"

#define KX AT_KEYEXCHANGE
#define GEN CARD_CREATE_CONTAINER_KEY_GEN

static DWORD create(rt_session_t *s, BYTE idx, DWORD flags, DWORD spec, DWORD bits, PBYTE data) {
  return s->cd.pfnCardCreateContainer(&s->cd, idx, flags, spec, bits, data);
}

/* The public key blob of a container (copied; freed here). */
static DWORD pubkey(rt_session_t *s, BYTE idx, BYTE *out, DWORD *len) {
  CONTAINER_INFO ci;
  DWORD rc;
  memset(&ci, 0, sizeof ci);
  rc = s->cd.pfnCardGetContainerInfo(&s->cd, idx, 0, &ci);
  *len = 0;
  if (rc)
    return rc;
  if (ci.pbKeyExPublicKey) {
    memcpy(out, ci.pbKeyExPublicKey, ci.cbKeyExPublicKey);
    *len = ci.cbKeyExPublicKey;
  } else {
    memcpy(out, ci.pbSigPublicKey, ci.cbSigPublicKey);
    *len = ci.cbSigPublicKey;
  }
  rt_free(ci.pbKeyExPublicKey);
  rt_free(ci.pbSigPublicKey);
  return 0;
}

static void test_create_args(void **state) {
  rt_session_t *s = *state;
  BYTE blob[16] = {0};

  assert_int_equal(s->cd.pfnCardCreateContainer(NULL, 2, GEN, KX, 2048, NULL),
                   SCARD_E_INVALID_PARAMETER);
  /* E2 before E4..E8 */
  assert_int_equal(create(s, 2, CARD_CREATE_CONTAINER_KEY_IMPORT, 99, 1, NULL),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(create(s, 2, 0, KX, 2048, NULL), SCARD_E_INVALID_PARAMETER); /* E4 */
  assert_int_equal(create(s, 2, 3, KX, 2048, NULL), SCARD_E_INVALID_PARAMETER);
  assert_int_equal(create(s, 2, GEN, 0, 2048, NULL), SCARD_E_INVALID_PARAMETER); /* E5 */
  assert_int_equal(create(s, 2, GEN, 9, 2048, NULL), SCARD_E_INVALID_PARAMETER);
  assert_int_equal(create(s, 2, GEN, KX, 1024, NULL), SCARD_E_INVALID_PARAMETER); /* E6 */
  assert_int_equal(create(s, 3, GEN, AT_ECDSA_P256, 256, NULL), SCARD_E_INVALID_PARAMETER);
  assert_int_equal(create(s, 8, GEN, KX, 2048, NULL), SCARD_E_INVALID_PARAMETER); /* no such slot */
  /* E7: no import; ECC only P-256 signing; the slot fixes the type. */
  assert_int_equal(create(s, 2, CARD_CREATE_CONTAINER_KEY_IMPORT, KX, 2048, blob),
                   SCARD_E_UNSUPPORTED_FEATURE);
  assert_int_equal(create(s, 3, GEN, AT_ECDSA_P384, 0, NULL), SCARD_E_UNSUPPORTED_FEATURE);
  assert_int_equal(create(s, 3, GEN, AT_ECDHE_P256, 0, NULL), SCARD_E_UNSUPPORTED_FEATURE);
  assert_int_equal(create(s, 3, GEN, KX, 2048, NULL), SCARD_E_UNSUPPORTED_FEATURE);
  assert_int_equal(create(s, 2, GEN, AT_ECDSA_P256, 0, NULL), SCARD_E_UNSUPPORTED_FEATURE);
  /* E8: the user only. */
  assert_int_equal(create(s, 2, GEN, KX, 2048, NULL), SCARD_W_SECURITY_VIOLATION);
  assert_int_equal(rt_login_admin(s, "12345678"), 0);
  assert_int_equal(create(s, 2, GEN, KX, 2048, NULL), SCARD_W_SECURITY_VIOLATION);
  /* CardCreateContainerEx: only the user PIN guards keys. */
  assert_int_equal(rt_login(s, "1234"), 0);
  assert_int_equal(s->cd.pfnCardCreateContainerEx(&s->cd, 2, GEN, KX, 2048, NULL, ROLE_ADMIN),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardCreateContainerEx(&s->cd, 2, GEN, KX, 9, NULL, ROLE_USER),
                   SCARD_E_INVALID_PARAMETER);
}

static void test_create_and_delete(void **state) {
  rt_session_t *s = *state;
  BYTE a[600], b[600], *map;
  DWORD na, nb, nmap;
  static const WCHAR guid2[] = {'{', '6', 'D', '6', '4', '6', '6', '7', '5', '-'};

  assert_int_equal(rt_login(s, "1234"), 0);
  assert_int_equal(pubkey(s, 2, a, &na), SCARD_E_NO_KEY_CONTAINER);
  assert_int_equal(create(s, 2, GEN, KX, 2048, NULL), 0);
  assert_int_equal(pubkey(s, 2, a, &na), 0);
  assert_int_equal(na, 20 + 256);
  assert_int_equal(a[0], PUBLICKEYBLOB);
  /* CMR.4.2.1.3 / .6: a second call overwrites with a new key. */
  assert_int_equal(create(s, 2, GEN, KX, 2048, NULL), 0);
  assert_int_equal(pubkey(s, 2, b, &nb), 0);
  assert_int_equal(nb, na);
  assert_memory_not_equal(a, b, na);
  /* ECC in an odd slot, through the Ex entry. */
  assert_int_equal(
      s->cd.pfnCardCreateContainerEx(&s->cd, 5, GEN, AT_ECDSA_P256, 0, NULL, ROLE_USER), 0);
  assert_int_equal(pubkey(s, 5, b, &nb), 0);
  assert_int_equal(nb, 8 + 64);

  /* cmapfile grew to 6 records; the personalised ones are untouched. */
  assert_int_equal(rt_read(s, "mscp", "cmapfile", &map, &nmap), 0);
  assert_int_equal(nmap, 6 * 86);
  assert_int_equal(map[80] & CONTAINER_MAP_VALID_CONTAINER, 1); /* 0 */
  assert_int_equal(map[86 + 80] & CONTAINER_MAP_VALID_CONTAINER, 1);
  assert_memory_equal(map + 2 * 86, guid2, sizeof guid2);
  assert_int_equal(map[2 * 86 + 80], CONTAINER_MAP_VALID_CONTAINER);
  assert_int_equal(map[2 * 86 + 84] | map[2 * 86 + 85] << 8, 2048); /* key exchange */
  assert_int_equal(map[2 * 86 + 82] | map[2 * 86 + 83] << 8, 0);
  assert_int_equal(map[3 * 86 + 80], 0);
  assert_int_equal(map[5 * 86 + 82] | map[5 * 86 + 83] << 8, 256);
  rt_free(map);

  /* CardDeleteContainer: E1, E3, E4, then success, also for no container. */
  assert_int_equal(s->cd.pfnCardDeleteContainer(NULL, 2, 0), SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardDeleteContainer(&s->cd, 2, 1), SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardDeauthenticate(&s->cd, (LPWSTR)rt_user, 0), 0);
  assert_int_equal(s->cd.pfnCardDeleteContainer(&s->cd, 2, 0), SCARD_W_SECURITY_VIOLATION);
  assert_int_equal(rt_login(s, "1234"), 0);
  assert_int_equal(s->cd.pfnCardDeleteContainer(&s->cd, 2, 0), 0);
  assert_int_equal(pubkey(s, 2, a, &na), SCARD_E_NO_KEY_CONTAINER);
  assert_int_equal(s->cd.pfnCardDeleteContainer(&s->cd, 2, 0), 0); /* gone already */
  assert_int_equal(s->cd.pfnCardDeleteContainer(&s->cd, 7, 0), 0); /* past the file */
  assert_int_equal(s->cd.pfnCardDeleteContainer(&s->cd, 255, 0), 0);
  assert_int_equal(s->cd.pfnCardDeleteContainer(&s->cd, 1, 0), 0);
  assert_int_equal(pubkey(s, 1, a, &na), SCARD_E_NO_KEY_CONTAINER);
  assert_int_equal(pubkey(s, 0, a, &na), 0);
  assert_int_equal(rt_read(s, "mscp", "cmapfile", &map, &nmap), 0);
  assert_int_equal(nmap, 6 * 86);
  assert_int_equal(map[86 + 80], 0);
  assert_int_equal(map[2 * 86 + 80], 0);
  rt_free(map);
}

/* A hostile GENERATE KEY PAIR answer: an error, and cmapfile as it was. */
static void test_create_hostile(void **state) {
  /* acquire (3 APDUs), login (1), "user verified?" (1), then GENERATE. */
  static const uint8_t rows[][8] = {
      {0, 0, 0, 0, 0, MDF_FZ_TRUNCATE, 10},   /* a cut template */
      {0, 0, 0, 0, 0, MDF_FZ_SW, 0x6A, 0x88}, /* no such key reference */
      {0, 0, 0, 0, 0, MDF_FZ_FLIP, 0, 0x55},  /* not 7F49 */
      {0, 0, 0, 0, 0, MDF_FZ_REMOVED},
  };
  static const DWORD expect[] = {SCARD_E_UNEXPECTED, SCARD_E_NO_KEY_CONTAINER, SCARD_E_UNEXPECTED,
                                 SCARD_W_REMOVED_CARD};
  size_t i;
  (void)state;
  for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    rt_session_t s;
    BYTE *map;
    DWORD nmap;
    rt_insert(&s, rows[i], sizeof rows[i]);
    rt_fill(&s, CARD_DATA_CURRENT_VERSION);
    assert_int_equal(CardAcquireContext(&s.cd, 0), 0);
    assert_int_equal(rt_login(&s, "1234"), 0);
    assert_int_equal(create(&s, 2, GEN, AT_SIGNATURE, 2048, NULL), expect[i]);
    if (expect[i] != SCARD_W_REMOVED_CARD) {
      assert_int_equal(rt_read(&s, "mscp", "cmapfile", &map, &nmap), 0);
      assert_int_equal(nmap, 2 * 86);
      rt_free(map);
    }
    assert_int_equal(s.cd.pfnCardDeleteContext(&s.cd), 0);
    assert_int_equal(rt_live, 0);
    mdf_reader_eject();
  }
}

static void test_container_property_get(void **state) {
  rt_session_t *s = *state;
  CARD_DATA *cd = &s->cd;
  CONTAINER_INFO ci;
  BYTE small[8];
  DWORD n = 77, pin = 0;

  memset(&ci, 0, sizeof ci);
  assert_int_equal(
      cd->pfnCardGetContainerProperty(NULL, 0, CCP_CONTAINER_INFO, (PBYTE)&ci, sizeof ci, &n, 0),
      SCARD_E_INVALID_PARAMETER);
  assert_int_equal(cd->pfnCardGetContainerProperty(cd, 0, NULL, (PBYTE)&ci, sizeof ci, &n, 0),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(
      cd->pfnCardGetContainerProperty(cd, 0, CCP_CONTAINER_INFO, (PBYTE)&ci, sizeof ci, NULL, 0),
      SCARD_E_INVALID_PARAMETER);
  assert_int_equal(
      cd->pfnCardGetContainerProperty(cd, 0, CP_CARD_GUID, (PBYTE)&ci, sizeof ci, &n, 0),
      SCARD_E_INVALID_PARAMETER); /* a card property, not a container's */
  assert_int_equal(
      cd->pfnCardGetContainerProperty(cd, 0, CCP_CONTAINER_INFO, (PBYTE)&ci, sizeof ci, &n, 1),
      SCARD_E_INVALID_PARAMETER);
  assert_int_equal(
      cd->pfnCardGetContainerProperty(cd, 0, CCP_ASSOCIATED_ECDH_KEY, small, sizeof small, &n, 0),
      SCARD_E_UNSUPPORTED_FEATURE);
  /* Too small: the size needed, and no key blob handed out. */
  assert_int_equal(
      cd->pfnCardGetContainerProperty(cd, 0, CCP_CONTAINER_INFO, small, sizeof small, &n, 0),
      ERROR_INSUFFICIENT_BUFFER);
  assert_int_equal(n, sizeof ci);
  n = 0;
  assert_int_equal(cd->pfnCardGetContainerProperty(cd, 0, CCP_CONTAINER_INFO, NULL, 0, &n, 0),
                   ERROR_INSUFFICIENT_BUFFER);
  assert_int_equal(n, sizeof ci);
  ci.dwVersion = CONTAINER_INFO_CURRENT_VERSION + 1;
  assert_int_equal(
      cd->pfnCardGetContainerProperty(cd, 0, CCP_CONTAINER_INFO, (PBYTE)&ci, sizeof ci, &n, 0),
      ERROR_REVISION_MISMATCH);
  ci.dwVersion = 0;
  assert_int_equal(
      cd->pfnCardGetContainerProperty(cd, 4, CCP_CONTAINER_INFO, (PBYTE)&ci, sizeof ci, &n, 0),
      SCARD_E_NO_KEY_CONTAINER);
  assert_int_equal(
      cd->pfnCardGetContainerProperty(cd, 0, CCP_CONTAINER_INFO, (PBYTE)&ci, sizeof ci, &n, 0), 0);
  assert_int_equal(n, sizeof ci);
  assert_int_equal(ci.dwVersion, 0); /* the caller's version stays */
  assert_int_equal(ci.cbKeyExPublicKey, 20 + 256);
  assert_null(ci.pbSigPublicKey);
  rt_free(ci.pbKeyExPublicKey);

  assert_int_equal(
      cd->pfnCardGetContainerProperty(cd, 1, CCP_PIN_IDENTIFIER, (PBYTE)&pin, sizeof pin, &n, 0),
      0);
  assert_int_equal(n, sizeof pin);
  assert_int_equal(pin, ROLE_USER);
  assert_int_equal(cd->pfnCardGetContainerProperty(cd, 1, CCP_PIN_IDENTIFIER, small, 3, &n, 0),
                   ERROR_INSUFFICIENT_BUFFER);
  assert_int_equal(n, sizeof pin);
  assert_int_equal(
      cd->pfnCardGetContainerProperty(cd, 6, CCP_PIN_IDENTIFIER, (PBYTE)&pin, sizeof pin, &n, 0),
      SCARD_E_NO_KEY_CONTAINER);
}

static void test_container_property_set(void **state) {
  rt_session_t *s = *state;
  CARD_DATA *cd = &s->cd;
  DWORD pin = ROLE_USER;
  CONTAINER_INFO ci;

  memset(&ci, 0, sizeof ci);
  assert_int_equal(cd->pfnCardSetContainerProperty(NULL, 0, CCP_PIN_IDENTIFIER, (PBYTE)&pin, 4, 0),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(cd->pfnCardSetContainerProperty(cd, 0, CCP_PIN_IDENTIFIER, NULL, 4, 0),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(cd->pfnCardSetContainerProperty(cd, 0, CP_CARD_GUID, (PBYTE)&pin, 4, 0),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(
      cd->pfnCardSetContainerProperty(cd, 0, CCP_CONTAINER_INFO, (PBYTE)&ci, sizeof ci, 0),
      SCARD_E_UNSUPPORTED_FEATURE); /* read-only */
  assert_int_equal(cd->pfnCardSetContainerProperty(cd, 0, CCP_PIN_IDENTIFIER, (PBYTE)&pin, 4, 1),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(cd->pfnCardSetContainerProperty(cd, 0, CCP_PIN_IDENTIFIER, (PBYTE)&pin, 3, 0),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(cd->pfnCardSetContainerProperty(cd, 0, CCP_PIN_IDENTIFIER, (PBYTE)&pin, 4, 0),
                   0);
  assert_int_equal(cd->pfnCardSetContainerProperty(cd, 3, CCP_PIN_IDENTIFIER, (PBYTE)&pin, 4, 0),
                   SCARD_E_NO_KEY_CONTAINER);
  pin = ROLE_ADMIN;
  assert_int_equal(cd->pfnCardSetContainerProperty(cd, 0, CCP_PIN_IDENTIFIER, (PBYTE)&pin, 4, 0),
                   SCARD_E_UNSUPPORTED_FEATURE);
  pin = MAX_PINS;
  assert_int_equal(cd->pfnCardSetContainerProperty(cd, 0, CCP_PIN_IDENTIFIER, (PBYTE)&pin, 4, 0),
                   SCARD_E_INVALID_PARAMETER);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_create_args, rt_setup, rt_teardown),
      cmocka_unit_test_setup_teardown(test_create_and_delete, rt_setup, rt_teardown),
      cmocka_unit_test(test_create_hostile),
      cmocka_unit_test_setup_teardown(test_container_property_get, rt_setup, rt_teardown),
      cmocka_unit_test_setup_teardown(test_container_property_set, rt_setup, rt_teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
