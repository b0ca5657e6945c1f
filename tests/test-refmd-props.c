/* refmd CardGetProperty / CardSetProperty: every CP_* name with its value,
 * buffer too small (ERROR_INSUFFICIENT_BUFFER and the size), unknown names,
 * flags where none are defined, versioned structs, read-only properties,
 * and a hostile serial-number answer. */
#include "test-refmd-util.h"

static DWORD get(rt_session_t *s, LPCWSTR name, void *buf, DWORD cb, DWORD *len, DWORD flags) {
  return s->cd.pfnCardGetProperty(&s->cd, name, buf, cb, len, flags);
}

static DWORD get32(rt_session_t *s, LPCWSTR name, DWORD flags) {
  DWORD v = 0xDEADBEEF, n = 0;
  assert_int_equal(get(s, name, &v, sizeof v, &n, flags), 0);
  assert_int_equal(n, sizeof v);
  return v;
}

/* Every readable property: its size, a buffer one byte short, a size query. */
static void test_sizes(void **state) {
  static const struct {
    LPCWSTR name;
    DWORD flags, len;
  } rows[] = {
      {CP_CARD_FREE_SPACE, 0, sizeof(CARD_FREE_SPACE_INFO)},
      {CP_CARD_CAPABILITIES, 0, sizeof(CARD_CAPABILITIES)},
      {CP_CARD_KEYSIZES, AT_SIGNATURE, sizeof(CARD_KEY_SIZES)},
      {CP_CARD_READ_ONLY, 0, sizeof(BOOL)},
      {CP_CARD_CACHE_MODE, 0, sizeof(DWORD)},
      {CP_SUPPORTS_WIN_X509_ENROLLMENT, 0, sizeof(BOOL)},
      {CP_CARD_GUID, 0, 16},
      {CP_CARD_SERIAL_NO, 0, 8},
      {CP_CARD_PIN_INFO, ROLE_USER, sizeof(PIN_INFO)},
      {CP_CARD_LIST_PINS, 0, sizeof(PIN_SET)},
      {CP_CARD_AUTHENTICATED_STATE, 0, sizeof(PIN_SET)},
      {CP_CARD_PIN_STRENGTH_VERIFY, ROLE_USER, sizeof(DWORD)},
      {CP_CARD_PIN_STRENGTH_CHANGE, ROLE_ADMIN, sizeof(DWORD)},
      {CP_CARD_PIN_STRENGTH_UNBLOCK, ROLE_USER, sizeof(DWORD)},
      {CP_KEY_IMPORT_SUPPORT, 0, sizeof(DWORD)},
      {CP_ENUM_ALGORITHMS, CARD_ASYMMETRIC_OPERATION, 16 * sizeof(WCHAR)},
      {CP_ENUM_ALGORITHMS, CARD_CIPHER_OPERATION, 2 * sizeof(WCHAR)},
      {CP_PADDING_SCHEMES, CARD_ASYMMETRIC_OPERATION, sizeof(DWORD)},
      {CP_CHAINING_MODES, 0, 2 * sizeof(WCHAR)},
  };
  rt_session_t *s = *state;
  size_t i;
  for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    BYTE buf[128], copy[128];
    DWORD n = 0;
    memset(buf, 0xA5, sizeof buf);
    memset(buf, 0, 4); /* dwVersion 0 (means 1) where the value is a versioned struct */
    memcpy(copy, buf, sizeof buf);
    assert_int_equal(get(s, rows[i].name, buf, sizeof buf, &n, rows[i].flags), 0);
    assert_int_equal(n, rows[i].len);
    assert_int_equal(buf[n], 0xA5); /* nothing past the value */
    n = 0;
    memcpy(buf, copy, sizeof buf);
    assert_int_equal(get(s, rows[i].name, buf, rows[i].len - 1, &n, rows[i].flags),
                     ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(n, rows[i].len);
    assert_memory_equal(buf, copy, sizeof buf); /* a short buffer is left alone */
    n = 0;
    assert_int_equal(get(s, rows[i].name, NULL, 0, &n, rows[i].flags), ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(n, rows[i].len);
  }
}

static void test_values(void **state) {
  rt_session_t *s = *state;
  CARD_FREE_SPACE_INFO fs;
  CARD_CAPABILITIES caps;
  CARD_KEY_SIZES ks;
  PIN_INFO pi;
  BYTE guid[16], serial[8];
  WCHAR algs[32];
  DWORD n = 0;
  static const BYTE want_serial[8] = {0x4D, 0x44, 0x46, 0, 0, 0, 0, 1};
  static const WCHAR want_algs[] = {'R', 'S', 'A', 0,   'E', 'C', 'D', 'S',
                                    'A', '_', 'P', '2', '5', '6', 0,   0};

  memset(&fs, 0, sizeof fs);
  fs.dwVersion = 1;
  assert_int_equal(get(s, CP_CARD_FREE_SPACE, &fs, sizeof fs, &n, 0), 0);
  assert_int_equal(fs.dwVersion, 1);
  assert_true(fs.dwBytesAvailable > 0);
  assert_int_equal(fs.dwMaxKeyContainers, 8);
  memset(&caps, 0, sizeof caps);
  assert_int_equal(get(s, CP_CARD_CAPABILITIES, &caps, sizeof caps, &n, 0), 0);
  assert_int_equal(caps.dwVersion, 0); /* the caller's 0 (means 1) stays */
  assert_int_equal(caps.fKeyGen, TRUE);
  memset(&ks, 0, sizeof ks);
  assert_int_equal(get(s, CP_CARD_KEYSIZES, &ks, sizeof ks, &n, AT_ECDSA_P256), 0);
  assert_int_equal(ks.dwDefaultBitlen, 256);
  assert_int_equal(get(s, CP_CARD_KEYSIZES, &ks, sizeof ks, &n, AT_ECDSA_P384),
                   SCARD_E_UNSUPPORTED_FEATURE);
  assert_int_equal(get(s, CP_CARD_KEYSIZES, &ks, sizeof ks, &n, 0), SCARD_E_INVALID_PARAMETER);
  ks.dwVersion = 2;
  assert_int_equal(get(s, CP_CARD_KEYSIZES, &ks, sizeof ks, &n, AT_SIGNATURE),
                   ERROR_REVISION_MISMATCH);

  memset(&pi, 0, sizeof pi);
  pi.dwVersion = PIN_INFO_CURRENT_VERSION;
  assert_int_equal(get(s, CP_CARD_PIN_INFO, &pi, sizeof pi, &n, ROLE_USER), 0);
  assert_int_equal(pi.PinType, AlphaNumericPinType);
  assert_int_equal(pi.PinPurpose, AuthenticationPin);
  assert_int_equal(pi.dwChangePermission, CREATE_PIN_SET(ROLE_USER));
  assert_int_equal(pi.dwUnblockPermission, CREATE_PIN_SET(ROLE_ADMIN));
  assert_int_equal(get(s, CP_CARD_PIN_INFO, &pi, sizeof pi, &n, ROLE_ADMIN), 0);
  assert_int_equal(pi.PinPurpose, AdministratorPin);
  assert_int_equal(pi.dwUnblockPermission, PIN_SET_NONE);
  assert_int_equal(get(s, CP_CARD_PIN_INFO, &pi, sizeof pi, &n, ROLE_EVERYONE),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(get(s, CP_CARD_PIN_INFO, &pi, sizeof pi, &n, 3), SCARD_E_INVALID_PARAMETER);
  pi.dwVersion = PIN_INFO_CURRENT_VERSION + 1;
  assert_int_equal(get(s, CP_CARD_PIN_INFO, &pi, sizeof pi, &n, ROLE_USER),
                   ERROR_REVISION_MISMATCH);

  assert_int_equal(get(s, CP_CARD_GUID, guid, sizeof guid, &n, 0), 0);
  assert_memory_equal(guid, "mdfuzz-sim-guid\x01", 16);
  assert_int_equal(get(s, CP_CARD_SERIAL_NO, serial, sizeof serial, &n, 0), 0);
  assert_memory_equal(serial, want_serial, 8);
  assert_int_equal(get32(s, CP_CARD_READ_ONLY, 0), FALSE);
  assert_int_equal(get32(s, CP_CARD_CACHE_MODE, 0), CP_CACHE_MODE_GLOBAL_CACHE);
  assert_int_equal(get32(s, CP_SUPPORTS_WIN_X509_ENROLLMENT, 0), TRUE);
  assert_int_equal(get32(s, CP_CARD_LIST_PINS, 0),
                   CREATE_PIN_SET(ROLE_USER) | CREATE_PIN_SET(ROLE_ADMIN));
  assert_int_equal(get32(s, CP_CARD_PIN_STRENGTH_VERIFY, ROLE_ADMIN), CARD_PIN_STRENGTH_PLAINTEXT);
  assert_int_equal(get32(s, CP_CARD_PIN_STRENGTH_UNBLOCK, ROLE_ADMIN), 0);
  assert_int_equal(get32(s, CP_KEY_IMPORT_SUPPORT, 0), 0); /* no key import */
  assert_int_equal(get32(s, CP_PADDING_SCHEMES, CARD_ASYMMETRIC_OPERATION),
                   CARD_PADDING_NONE | CARD_PADDING_PKCS1);
  assert_int_equal(get32(s, CP_PADDING_SCHEMES, CARD_CIPHER_OPERATION), 0);
  assert_int_equal(get(s, CP_PADDING_SCHEMES, &n, 4, &n, 3), SCARD_E_INVALID_PARAMETER);
  assert_int_equal(get(s, CP_ENUM_ALGORITHMS, algs, sizeof algs, &n, CARD_ASYMMETRIC_OPERATION), 0);
  assert_memory_equal(algs, want_algs, sizeof want_algs);
  assert_int_equal(get(s, CP_ENUM_ALGORITHMS, algs, sizeof algs, &n, 0), SCARD_E_INVALID_PARAMETER);

  /* Authenticated State follows the card. */
  assert_int_equal(get32(s, CP_CARD_AUTHENTICATED_STATE, 0), 0);
  assert_int_equal(rt_login(s, "1234"), 0);
  assert_int_equal(get32(s, CP_CARD_AUTHENTICATED_STATE, 0), CREATE_PIN_SET(ROLE_USER));
  assert_int_equal(rt_login_admin(s, "12345678"), 0);
  assert_int_equal(get32(s, CP_CARD_AUTHENTICATED_STATE, 0),
                   CREATE_PIN_SET(ROLE_USER) | CREATE_PIN_SET(ROLE_ADMIN));
}

static void test_get_errors(void **state) {
  rt_session_t *s = *state;
  static const WCHAR unknown[] = {'N', 'o', ' ', 'S', 'u', 'c', 'h', 0};
  static const WCHAR prefix[] = {'F', 'r', 'e', 'e', 0}; /* a prefix of "Free Space" */
  static const WCHAR longer[] = {'C', 'a', 'c', 'h', 'e', ' ', 'M', 'o', 'd', 'e', 's', 0};
  DWORD v = 0, n = 5;

  assert_int_equal(s->cd.pfnCardGetProperty(NULL, CP_CARD_CACHE_MODE, (PBYTE)&v, 4, &n, 0),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(get(s, NULL, &v, 4, &n, 0), SCARD_E_INVALID_PARAMETER);
  assert_int_equal(get(s, CP_CARD_CACHE_MODE, &v, 4, NULL, 0), SCARD_E_INVALID_PARAMETER);
  assert_int_equal(get(s, CP_CARD_CACHE_MODE, NULL, 4, &n, 0), SCARD_E_INVALID_PARAMETER);
  assert_int_equal(get(s, unknown, &v, 4, &n, 0), SCARD_E_INVALID_PARAMETER);
  assert_int_equal(get(s, prefix, &v, 4, &n, 0), SCARD_E_INVALID_PARAMETER);
  assert_int_equal(get(s, longer, &v, 4, &n, 0), SCARD_E_INVALID_PARAMETER);
  assert_int_equal(get(s, CCP_CONTAINER_INFO, &v, 4, &n, 0), SCARD_E_INVALID_PARAMETER);
  /* Flags where the property defines none. */
  assert_int_equal(get(s, CP_CARD_CACHE_MODE, &v, 4, &n, 1), SCARD_E_INVALID_PARAMETER);
  assert_int_equal(get(s, CP_CARD_GUID, &v, 4, &n, 0x80000000u), SCARD_E_INVALID_PARAMETER);
  assert_int_equal(get(s, CP_CHAINING_MODES, &v, 4, &n, CARD_CIPHER_OPERATION),
                   SCARD_E_INVALID_PARAMETER);
  /* Write-only properties. */
  assert_int_equal(get(s, CP_PARENT_WINDOW, &v, 4, &n, 0), SCARD_E_UNSUPPORTED_FEATURE);
  assert_int_equal(get(s, CP_PIN_CONTEXT_STRING, &v, 4, &n, 0), SCARD_E_UNSUPPORTED_FEATURE);
  assert_int_equal(n, 0);
}

static void test_set(void **state) {
  rt_session_t *s = *state;
  CARD_DATA *cd = &s->cd;
  static const WCHAR ctx_str[] = {'S', 'i', 'g', 'n', 0};
  static const WCHAR no_nul[] = {'S', 'i', 'g', 'n'};
  static const WCHAR unknown[] = {'X', 0};
  HWND w = (HWND)(uintptr_t)0x1234;
  DWORD v = 1;
  static LPCWSTR read_only[] = {CP_CARD_FREE_SPACE,
                                CP_CARD_CAPABILITIES,
                                CP_CARD_KEYSIZES,
                                CP_CARD_READ_ONLY,
                                CP_CARD_CACHE_MODE,
                                CP_SUPPORTS_WIN_X509_ENROLLMENT,
                                CP_CARD_GUID,
                                CP_CARD_SERIAL_NO,
                                CP_CARD_PIN_INFO,
                                CP_CARD_LIST_PINS,
                                CP_CARD_AUTHENTICATED_STATE,
                                CP_CARD_PIN_STRENGTH_VERIFY,
                                CP_CARD_PIN_STRENGTH_CHANGE,
                                CP_CARD_PIN_STRENGTH_UNBLOCK,
                                CP_KEY_IMPORT_SUPPORT,
                                CP_ENUM_ALGORITHMS,
                                CP_PADDING_SCHEMES,
                                CP_CHAINING_MODES};
  size_t i;

  assert_int_equal(cd->pfnCardSetProperty(NULL, CP_PARENT_WINDOW, (PBYTE)&w, sizeof w, 0),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(cd->pfnCardSetProperty(cd, NULL, (PBYTE)&w, sizeof w, 0),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(cd->pfnCardSetProperty(cd, CP_PARENT_WINDOW, NULL, sizeof w, 0),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(cd->pfnCardSetProperty(cd, unknown, (PBYTE)&v, 4, 0), SCARD_E_INVALID_PARAMETER);
  for (i = 0; i < sizeof read_only / sizeof read_only[0]; i++)
    assert_int_equal(cd->pfnCardSetProperty(cd, read_only[i], (PBYTE)&v, 4, 0),
                     SCARD_E_UNSUPPORTED_FEATURE);
  assert_int_equal(cd->pfnCardSetProperty(cd, CP_PARENT_WINDOW, (PBYTE)&w, sizeof w, 1),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(cd->pfnCardSetProperty(cd, CP_PARENT_WINDOW, (PBYTE)&w, sizeof w - 1, 0),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(cd->pfnCardSetProperty(cd, CP_PARENT_WINDOW, (PBYTE)&w, sizeof w, 0), 0);
  assert_int_equal(
      cd->pfnCardSetProperty(cd, CP_PIN_CONTEXT_STRING, (PBYTE)ctx_str, sizeof ctx_str, 0), 0);
  assert_int_equal(
      cd->pfnCardSetProperty(cd, CP_PIN_CONTEXT_STRING, (PBYTE)no_nul, sizeof no_nul, 0),
      SCARD_E_INVALID_PARAMETER);
  assert_int_equal(cd->pfnCardSetProperty(cd, CP_PIN_CONTEXT_STRING, (PBYTE)ctx_str, 1, 0),
                   SCARD_E_INVALID_PARAMETER);
}

/* The serial number comes from the card: any other length is refused. */
static void test_serial_hostile(void **state) {
  static const uint8_t rows[][6] = {
      {0, 0, 0, MDF_FZ_TRUNCATE, 5},
      {0, 0, 0, MDF_FZ_EXTEND, 1, 0x77},
      {0, 0, 0, MDF_FZ_SW, 0x6A, 0x86},
  };
  static const DWORD expect[] = {SCARD_E_UNEXPECTED, SCARD_E_UNEXPECTED, SCARD_E_UNEXPECTED};
  size_t i;
  (void)state;
  for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    rt_session_t s;
    BYTE serial[64];
    DWORD n = 99;
    rt_insert(&s, rows[i], sizeof rows[i]);
    rt_fill(&s, CARD_DATA_CURRENT_VERSION);
    assert_int_equal(CardAcquireContext(&s.cd, 0), 0);
    assert_int_equal(
        s.cd.pfnCardGetProperty(&s.cd, CP_CARD_SERIAL_NO, serial, sizeof serial, &n, 0), expect[i]);
    assert_int_equal(n, 0);
    assert_int_equal(s.cd.pfnCardDeleteContext(&s.cd), 0);
    mdf_reader_eject();
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_sizes, rt_setup, rt_teardown),
      cmocka_unit_test_setup_teardown(test_values, rt_setup, rt_teardown),
      cmocka_unit_test_setup_teardown(test_get_errors, rt_setup, rt_teardown),
      cmocka_unit_test_setup_teardown(test_set, rt_setup, rt_teardown),
      cmocka_unit_test(test_serial_hostile),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
