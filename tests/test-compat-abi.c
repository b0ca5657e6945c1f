/* ABI of compat/include: sizes and offsets (x64 column of
 * compat/abi_table.h, written from the facts), constant values, the
 * CARD_DATA field table and the wide property names.  Every failing row is
 * printed with its expected and actual value before the test fails. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "cardmod.h"
#include "windows.h"

#include "compat/abi_table.h"

typedef struct row {
  const char *name;
  uint64_t expected, actual;
} row_t;

static int check_rows(const char *what, const row_t *rows, size_t n) {
  int bad = 0;
  for (size_t i = 0; i < n; i++) {
    if (rows[i].expected == rows[i].actual)
      continue;
    print_error("%s %s: expected 0x%llx, actual 0x%llx\n", what, rows[i].name,
                (unsigned long long)rows[i].expected, (unsigned long long)rows[i].actual);
    bad++;
  }
  return bad;
}

static void test_layout(void **state) {
  (void)state;
#define SIZE_ROW(type, s64, s86) {#type, s64, sizeof(type)},
#define FIELD_ROW(type, field, o64, o86) {#type "." #field, o64, offsetof(type, field)},
  static const row_t sizes[] = {MDF_ABI_SIZES(SIZE_ROW)};
  static const row_t fields[] = {MDF_ABI_FIELDS(FIELD_ROW)};
  int bad = check_rows("sizeof", sizes, sizeof sizes / sizeof sizes[0]) +
            check_rows("offsetof", fields, sizeof fields / sizeof fields[0]);
  assert_int_equal(bad, 0);
  assert_int_equal(sizeof(void *), 8); /* the table's x64 column applies */
}

/* Constant values from the facts (and the requirements' error codes). */
#define CONSTANTS(X)                                                                               \
  X(SCARD_S_SUCCESS, 0)                                                                            \
  X(SCARD_E_INVALID_PARAMETER, 0x80100004)                                                         \
  X(SCARD_E_INVALID_HANDLE, 0x80100003)                                                            \
  X(SCARD_E_NO_MEMORY, 0x80100006)                                                                 \
  X(SCARD_E_INSUFFICIENT_BUFFER, 0x80100008)                                                       \
  X(SCARD_E_UNKNOWN_CARD, 0x8010000D)                                                              \
  X(SCARD_E_INVALID_VALUE, 0x80100011)                                                             \
  X(SCARD_E_UNSUPPORTED_FEATURE, 0x80100022)                                                       \
  X(SCARD_E_DIR_NOT_FOUND, 0x80100023)                                                             \
  X(SCARD_E_FILE_NOT_FOUND, 0x80100024)                                                            \
  X(SCARD_E_WRITE_TOO_MANY, 0x80100028)                                                            \
  X(SCARD_E_NO_KEY_CONTAINER, 0x80100030)                                                          \
  X(SCARD_E_READ_ONLY_CARD, 0x80100034)                                                            \
  X(SCARD_W_RESET_CARD, 0x80100068)                                                                \
  X(SCARD_W_REMOVED_CARD, 0x80100069)                                                              \
  X(SCARD_W_SECURITY_VIOLATION, 0x8010006A)                                                        \
  X(SCARD_W_WRONG_CHV, 0x8010006B)                                                                 \
  X(SCARD_W_CHV_BLOCKED, 0x8010006C)                                                               \
  X(SCARD_W_CANCELLED_BY_USER, 0x8010006E)                                                         \
  X(SCARD_W_CACHE_ITEM_TOO_BIG, 0x80100072)                                                        \
  X(ERROR_FILE_EXISTS, 80)                                                                         \
  X(ERROR_INVALID_PARAMETER, 87)                                                                   \
  X(ERROR_INSUFFICIENT_BUFFER, 122)                                                                \
  X(ERROR_DIR_NOT_EMPTY, 145)                                                                      \
  X(ERROR_NOT_SUPPORTED, 50)                                                                       \
  X(ERROR_REVISION_MISMATCH, 1306)                                                                 \
  X(ERROR_NO_UNICODE_TRANSLATION, 1113)                                                            \
  X(NTE_BAD_KEY, 0x80090003)                                                                       \
  X(NTE_BAD_DATA, 0x80090005)                                                                      \
  X(NTE_BAD_ALGID, 0x80090008)                                                                     \
  X(NTE_BAD_FLAGS, 0x80090009)                                                                     \
  X(NTE_NO_MEMORY, 0x8009000E)                                                                     \
  X(NTE_INVALID_PARAMETER, 0x80090027)                                                             \
  X(NTE_BUFFER_TOO_SMALL, 0x80090028)                                                              \
  X(NTE_NOT_SUPPORTED, 0x80090029)                                                                 \
  X(CARD_DATA_VERSION_FOUR, 4)                                                                     \
  X(CARD_DATA_VERSION_FIVE, 5)                                                                     \
  X(CARD_DATA_VERSION_SIX, 6)                                                                      \
  X(CARD_DATA_VERSION_SEVEN, 7)                                                                    \
  X(CARD_DATA_CURRENT_VERSION, 7)                                                                  \
  X(CARD_DATA_VALUE_UNKNOWN, 0xFFFFFFFF)                                                           \
  X(SCARD_PROVIDER_CARD_MODULE, 0x80000001)                                                        \
  X(CARD_BUFFER_SIZE_ONLY, 0x20000000)                                                             \
  X(CARD_PADDING_INFO_PRESENT, 0x40000000)                                                         \
  X(CARD_PADDING_NONE, 1)                                                                          \
  X(CARD_PADDING_PKCS1, 2)                                                                         \
  X(CARD_PADDING_PSS, 4)                                                                           \
  X(CARD_PADDING_OAEP, 8)                                                                          \
  X(CARD_CREATE_CONTAINER_KEY_GEN, 1)                                                              \
  X(CARD_CREATE_CONTAINER_KEY_IMPORT, 2)                                                           \
  X(CARD_AUTHENTICATE_PIN_CHALLENGE_RESPONSE, 1)                                                   \
  X(CARD_AUTHENTICATE_PIN_PIN, 2)                                                                  \
  X(CARD_AUTHENTICATE_GENERATE_SESSION_PIN, 0x10000000)                                            \
  X(CARD_AUTHENTICATE_SESSION_PIN, 0x20000000)                                                     \
  X(CARD_PIN_STRENGTH_PLAINTEXT, 1)                                                                \
  X(CARD_PIN_STRENGTH_SESSION_PIN, 2)                                                              \
  X(CARD_PIN_SILENT_CONTEXT, 0x40)                                                                 \
  X(PIN_CHANGE_FLAG_UNBLOCK, 1)                                                                    \
  X(PIN_CHANGE_FLAG_CHANGEPIN, 2)                                                                  \
  X(CARD_RETURN_KEY_HANDLE, 0x1000000)                                                             \
  X(CARD_SECURE_KEY_INJECTION_NO_CARD_MODE, 1)                                                     \
  X(CARD_KEY_IMPORT_PLAIN_TEXT, 1)                                                                 \
  X(CARD_KEY_IMPORT_RSA_KEYEST, 2)                                                                 \
  X(CARD_KEY_IMPORT_ECC_KEYEST, 4)                                                                 \
  X(CARD_KEY_IMPORT_SHARED_SYMMETRIC, 8)                                                           \
  X(CARD_CIPHER_OPERATION, 1)                                                                      \
  X(CARD_ASYMMETRIC_OPERATION, 2)                                                                  \
  X(CARD_BLOCK_PADDING, 1)                                                                         \
  X(CARD_CAPABILITIES_CURRENT_VERSION, 1)                                                          \
  X(CONTAINER_INFO_CURRENT_VERSION, 1)                                                             \
  X(CARD_FILE_INFO_CURRENT_VERSION, 1)                                                             \
  X(CARD_FREE_SPACE_INFO_CURRENT_VERSION, 1)                                                       \
  X(CARD_KEY_SIZES_CURRENT_VERSION, 1)                                                             \
  X(CARD_RSA_KEY_DECRYPT_INFO_VERSION_ONE, 1)                                                      \
  X(CARD_RSA_KEY_DECRYPT_INFO_VERSION_TWO, 2)                                                      \
  X(CARD_RSA_KEY_DECRYPT_INFO_CURRENT_VERSION, 2)                                                  \
  X(CARD_SIGNING_INFO_BASIC_VERSION, 1)                                                            \
  X(CARD_SIGNING_INFO_CURRENT_VERSION, 2)                                                          \
  X(CARD_DH_AGREEMENT_INFO_VERSION, 2)                                                             \
  X(CARD_DERIVE_KEY_VERSION, 1)                                                                    \
  X(CARD_DERIVE_KEY_VERSION_TWO, 2)                                                                \
  X(CARD_DERIVE_KEY_CURRENT_VERSION, 2)                                                            \
  X(PIN_INFO_CURRENT_VERSION, 6)                                                                   \
  X(PIN_CACHE_POLICY_CURRENT_VERSION, 6)                                                           \
  X(PIN_INFO_REQUIRE_SECURE_ENTRY, 1)                                                              \
  X(CARD_CACHE_FILE_CURRENT_VERSION, 1)                                                            \
  X(CARD_IMPORT_KEYPAIR_CURRENT_VERSION, 7)                                                        \
  X(CARD_CHANGE_AUTHENTICATOR_CURRENT_VERSION, 7)                                                  \
  X(CARD_CHANGE_AUTHENTICATOR_RESPONSE_CURRENT_VERSION, 7)                                         \
  X(CARD_AUTHENTICATE_CURRENT_VERSION, 7)                                                          \
  X(CARD_AUTHENTICATE_RESPONSE_CURRENT_VERSION, 7)                                                 \
  X(AT_KEYEXCHANGE, 1)                                                                             \
  X(AT_SIGNATURE, 2)                                                                               \
  X(AT_ECDSA_P256, 3)                                                                              \
  X(AT_ECDSA_P384, 4)                                                                              \
  X(AT_ECDSA_P521, 5)                                                                              \
  X(AT_ECDHE_P256, 6)                                                                              \
  X(AT_ECDHE_P384, 7)                                                                              \
  X(AT_ECDHE_P521, 8)                                                                              \
  X(MAX_PINS, 8)                                                                                   \
  X(ROLE_EVERYONE, 0)                                                                              \
  X(ROLE_USER, 1)                                                                                  \
  X(ROLE_ADMIN, 2)                                                                                 \
  X(PIN_SET_NONE, 0)                                                                               \
  X(PIN_SET_ALL_ROLES, 0xFF)                                                                       \
  X(CREATE_PIN_SET(ROLE_ADMIN), 4)                                                                 \
  X(CP_CACHE_MODE_GLOBAL_CACHE, 1)                                                                 \
  X(CP_CACHE_MODE_SESSION_ONLY, 2)                                                                 \
  X(CP_CACHE_MODE_NO_CACHE, 3)                                                                     \
  X(MAX_CONTAINER_NAME_LEN, 39)                                                                    \
  X(CONTAINER_MAP_VALID_CONTAINER, 1)                                                              \
  X(CONTAINER_MAP_DEFAULT_CONTAINER, 2)                                                            \
  X(InvalidDirAc, 0)                                                                               \
  X(AdminCreateDeleteDirAc, 2)                                                                     \
  X(EveryoneReadUserWriteAc, 1)                                                                    \
  X(UnknownAc, 4)                                                                                  \
  X(AdminReadWriteAc, 6)                                                                           \
  X(ChallengeResponsePinType, 2)                                                                   \
  X(EmptyPinType, 3)                                                                               \
  X(UnblockOnlyPin, 6)                                                                             \
  X(PinCacheAlwaysPrompt, 3)                                                                       \
  X(CALG_SHA1, 0x8004)                                                                             \
  X(CALG_SHA_256, 0x800c)                                                                          \
  X(CALG_SHA_384, 0x800d)                                                                          \
  X(CALG_SHA_512, 0x800e)                                                                          \
  X(CALG_MD5, 0x8003)                                                                              \
  X(CALG_SSL3_SHAMD5, 0x8008)                                                                      \
  X(CALG_RSA_KEYX, 0xa400)                                                                         \
  X(CALG_RSA_SIGN, 0x2400)                                                                         \
  X(CALG_3DES, 0x6603)                                                                             \
  X(CALG_AES_256, 0x6610)                                                                          \
  X(PUBLICKEYBLOB, 6)                                                                              \
  X(PRIVATEKEYBLOB, 7)                                                                             \
  X(PLAINTEXTKEYBLOB, 8)                                                                           \
  X(CUR_BLOB_VERSION, 2)                                                                           \
  X(BCRYPT_RSAPUBLIC_MAGIC, 0x31415352)                                                            \
  X(BCRYPT_RSAPRIVATE_MAGIC, 0x32415352)                                                           \
  X(BCRYPT_ECDSA_PUBLIC_P256_MAGIC, 0x31534345)                                                    \
  X(BCRYPT_ECDH_PUBLIC_P384_MAGIC, 0x334B4345)                                                     \
  X(SCARD_PROTOCOL_T0, 1)                                                                          \
  X(SCARD_PROTOCOL_T1, 2)                                                                          \
  X(SCARD_SHARE_SHARED, 2)                                                                         \
  X(SCARD_LEAVE_CARD, 0)                                                                           \
  X(SCARD_RESET_CARD, 1)

static void test_constants(void **state) {
  (void)state;
#define CONST_ROW(name, value) {#name, (uint64_t)(value), (uint64_t)(name)},
  static const row_t rows[] = {CONSTANTS(CONST_ROW)};
  assert_int_equal(check_rows("value of", rows, sizeof rows / sizeof rows[0]), 0);
}

/* The CARD_DATA table: spec order (offsets strictly increasing by one
 * slot), per-kind counts, and non-decreasing versions. */
static void test_card_data_table(void **state) {
  (void)state;
  struct {
    const char *name;
    size_t off;
    int version, kind;
  } f[] = {
#define ROW(type, name, version, kind)                                                             \
  {#name, offsetof(CARD_DATA, name), version, MDF_CARD_FIELD_KIND(kind)},
      MDF_CARD_DATA_FIELDS(ROW)
#undef ROW
  };
  size_t n = sizeof f / sizeof f[0];
  int kinds[6] = {0};
  assert_int_equal(n, 63);
  for (size_t i = 0; i < n; i++) {
    kinds[f[i].kind]++;
    assert_int_equal(f[i].off, i * sizeof(void *));
    if (i)
      assert_true(f[i].version >= f[i - 1].version);
  }
  assert_int_equal(kinds[MDF_CARD_FIELD_DATA], 7);
  assert_int_equal(kinds[MDF_CARD_FIELD_CSP], 9);
  assert_int_equal(kinds[MDF_CARD_FIELD_CARD], 29);
  assert_int_equal(kinds[MDF_CARD_FIELD_CARDOPT], 15); /* may be NULL (CMR.3.1.1.2) */
  assert_int_equal(kinds[MDF_CARD_FIELD_VENDOR], 1);
  assert_int_equal(kinds[MDF_CARD_FIELD_UNUSED], 2);
  assert_string_equal(f[41].name, "pfnCardDeriveKey");
  assert_int_equal(f[41].version, 5);
  assert_int_equal(f[44].version, 6);
  assert_int_equal(f[52].version, 7);
}

/* Wide names are 16-bit and spell what the specification says. */
static void test_wide_names(void **state) {
  (void)state;
  static const struct {
    const WCHAR *w;
    const char *a;
  } names[] = {
      {CP_CARD_FREE_SPACE, "Free Space"},
      {CP_SUPPORTS_WIN_X509_ENROLLMENT, "Supports Windows x.509 Enrollment"},
      {CP_CARD_PIN_INFO, "PIN Information"},
      {CCP_CONTAINER_INFO, "Container Info"},
      {CSF_IMPORT_KEYPAIR, "Import Key Pair"},
      {CKP_INITIALIZATION_VECTOR, "IV"},
      {wszCARD_USER_EVERYONE, "anonymous"},
      {CARD_CHAIN_MODE_CBC, "ChainingModeCBC"},
      {BCRYPT_SHA256_ALGORITHM, "SHA256"},
      {CARD_3DES_112_ALGORITHM, "3DES_112"},
  };
  assert_int_equal(sizeof(WCHAR), 2);
  assert_int_equal(sizeof(L"ab"), 3 * sizeof(WCHAR));
  assert_int_equal(sizeof(L"ab"[0]), 2);
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    size_t k = 0;
    for (; names[i].a[k]; k++)
      assert_int_equal(names[i].w[k], (unsigned char)names[i].a[k]);
    assert_int_equal(names[i].w[k], 0);
  }
  assert_string_equal(szCONTAINER_MAP_FILE, "cmapfile");
  assert_string_equal(szBASE_CSP_DIR, "mscp");
}

/* PIN set macros. */
static void test_pin_sets(void **state) {
  (void)state;
  PIN_SET s = PIN_SET_NONE;
  SET_PIN(s, ROLE_USER);
  SET_PIN(s, 7);
  assert_int_equal(s, 0x82);
  assert_true(IS_PIN_SET(s, 7));
  assert_false(IS_PIN_SET(s, ROLE_ADMIN));
  CLEAR_PIN(s, 7);
  assert_int_equal(s, CREATE_PIN_SET(ROLE_USER));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_layout),          cmocka_unit_test(test_constants),
      cmocka_unit_test(test_card_data_table), cmocka_unit_test(test_wide_names),
      cmocka_unit_test(test_pin_sets),
  };
  return cmocka_run_group_tests_name("compat-abi", tests, NULL, NULL);
}
