/* refmd authentication: PIN ok / wrong / blocked, unblock with the admin
 * PIN and by challenge-response (3DES computed here with OpenSSL), PIN
 * change, deauthentication, and the error rules of CMR.3.2.x / 3.3.x. */
#include <openssl/evp.h>

#include "test-refmd-util.h"

static const WCHAR bob[] = {'b', 'o', 'b', 0};
static const WCHAR anon[] = {'a', 'n', 'o', 'n', 'y', 'm', 'o', 'u', 's', 0};

static DWORD auth(rt_session_t *s, const WCHAR *who, const char *pin, DWORD *left) {
  return s->cd.pfnCardAuthenticatePin(&s->cd, (LPWSTR)who, (PBYTE)pin, (DWORD)strlen(pin), left);
}

/* The admin response: 3DES-EDE-ECB(key 01..18, challenge). */
static void response(rt_session_t *s, BYTE out[8]) {
  static const BYTE key[24] = {1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12,
                               13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24};
  PBYTE ch = NULL;
  DWORD n = 0;
  int len = 0;
  EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
  assert_int_equal(s->cd.pfnCardGetChallenge(&s->cd, &ch, &n), 0);
  assert_int_equal(n, 8);
  assert_non_null(c);
  assert_true(EVP_EncryptInit_ex(c, EVP_des_ede3_ecb(), NULL, key, NULL));
  EVP_CIPHER_CTX_set_padding(c, 0);
  assert_true(EVP_EncryptUpdate(c, out, &len, ch, 8));
  assert_int_equal(len, 8);
  EVP_CIPHER_CTX_free(c);
  rt_free(ch);
}

static BOOL can_write_cardcf(rt_session_t *s) {
  BYTE six[6] = {0};
  return s->cd.pfnCardWriteFile(&s->cd, NULL, (LPSTR) "cardcf", 0, six, 6) == 0;
}

static void test_pin(void **state) {
  rt_session_t *s = *state;
  DWORD left = 77;
  assert_int_equal(auth(s, rt_user, "1234", &left), 0);
  assert_true(can_write_cardcf(s));
  assert_int_equal(auth(s, rt_user, "9999", &left), SCARD_W_WRONG_CHV);
  assert_int_equal(left, 2);
  assert_false(can_write_cardcf(s)); /* a failure logs the user out (CMR.3.2.1.E7) */
  assert_int_equal(auth(s, rt_user, "99999", NULL),
                   SCARD_W_WRONG_CHV); /* attempts pointer optional */
  assert_int_equal(auth(s, rt_user, "1234", &left), 0);
  assert_int_equal(auth(s, rt_user, "0000", &left), SCARD_W_WRONG_CHV);
  assert_int_equal(left, 2); /* success reset the counter */
  assert_int_equal(auth(s, rt_user, "0000", &left), SCARD_W_WRONG_CHV);
  assert_int_equal(left, 1);
  assert_int_equal(auth(s, rt_user, "0000", &left), SCARD_W_WRONG_CHV);
  assert_int_equal(left, 0); /* last allowed attempt (CMR.3.2.1.E9) */
  left = 77;
  assert_int_equal(auth(s, rt_user, "0000", &left), SCARD_W_CHV_BLOCKED);
  assert_int_equal(left, 0);
  assert_int_equal(auth(s, rt_user, "1234", &left), SCARD_W_CHV_BLOCKED);

  /* Unblock with the admin PIN and a new user PIN. */
  assert_int_equal(s->cd.pfnCardUnblockPin(&s->cd, (LPWSTR)rt_user, (PBYTE) "12345678", 8,
                                           (PBYTE) "4321", 4, 0, CARD_AUTHENTICATE_PIN_PIN),
                   0);
  assert_false(can_write_cardcf(s)); /* de-authenticated after unblock */
  assert_int_equal(auth(s, rt_user, "1234", &left), SCARD_W_WRONG_CHV);
  assert_int_equal(auth(s, rt_user, "4321", &left), 0);
  /* Wrong admin PIN. */
  assert_int_equal(s->cd.pfnCardUnblockPin(&s->cd, (LPWSTR)rt_user, (PBYTE) "11111111", 8,
                                           (PBYTE) "4321", 4, 0, CARD_AUTHENTICATE_PIN_PIN),
                   SCARD_W_WRONG_CHV);
}

static void test_pin_rules(void **state) {
  rt_session_t *s = *state;
  BYTE pin[4] = {'1', '2', '3', '4'};
  /* CMR.3.2.1.E1..E5 */
  assert_int_equal(s->cd.pfnCardAuthenticatePin(NULL, (LPWSTR)rt_user, pin, 4, NULL),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardAuthenticatePin(&s->cd, NULL, pin, 4, NULL),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardAuthenticatePin(&s->cd, (LPWSTR)rt_user, NULL, 4, NULL),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardAuthenticatePin(&s->cd, (LPWSTR)bob, pin, 4, NULL),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardAuthenticatePin(&s->cd, (LPWSTR)anon, pin, 4, NULL),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardAuthenticatePin(&s->cd, (LPWSTR)rt_user, pin, 0, NULL),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardAuthenticatePin(&s->cd, (LPWSTR)rt_user, pin, 0xFFFFFFFFu, NULL),
                   SCARD_E_INVALID_PARAMETER);
  /* CMR.3.2.4.E1, E4 and the user checks of CardDeauthenticate. */
  assert_int_equal(s->cd.pfnCardDeauthenticate(NULL, (LPWSTR)rt_user, 0),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardDeauthenticate(&s->cd, NULL, 0), SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardDeauthenticate(&s->cd, (LPWSTR)bob, 0), SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardDeauthenticate(&s->cd, (LPWSTR)rt_user, 1),
                   SCARD_E_INVALID_PARAMETER);
}

static void test_deauthenticate(void **state) {
  rt_session_t *s = *state;
  assert_int_equal(rt_login(s, "1234"), 0);
  assert_true(can_write_cardcf(s));
  assert_int_equal(s->cd.pfnCardDeauthenticate(&s->cd, (LPWSTR)rt_user, 0), 0);
  assert_false(can_write_cardcf(s));
  assert_int_equal(rt_login_admin(s, "12345678"), 0);
  assert_int_equal(s->cd.pfnCardDeauthenticate(&s->cd, (LPWSTR)rt_admin, 0), 0);
}

static void test_challenge(void **state) {
  rt_session_t *s = *state;
  PBYTE a = NULL, b = NULL;
  DWORD na = 0, nb = 0, left = 5;
  BYTE resp[8];
  /* CMR.3.2.2.E1..E3 */
  assert_int_equal(s->cd.pfnCardGetChallenge(NULL, &a, &na), SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardGetChallenge(&s->cd, NULL, &na), SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardGetChallenge(&s->cd, &a, NULL), SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardGetChallenge(&s->cd, &a, &na), 0);
  assert_int_equal(s->cd.pfnCardGetChallenge(&s->cd, &b, &nb), 0);
  assert_int_equal(na, 8);
  assert_int_equal(nb, 8);
  assert_memory_not_equal(a, b, 8); /* CMR.3.2.2.6 */
  rt_free(a);
  rt_free(b);

  /* CMR.3.2.3.E1..E5, E8 */
  assert_int_equal(s->cd.pfnCardAuthenticateChallenge(NULL, resp, 8, NULL),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardAuthenticateChallenge(&s->cd, NULL, 8, NULL),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardAuthenticateChallenge(&s->cd, resp, 0, NULL),
                   SCARD_E_INVALID_PARAMETER);
  memset(resp, 0, sizeof resp);
  assert_int_equal(s->cd.pfnCardAuthenticateChallenge(&s->cd, resp, 8, &left),
                   SCARD_W_WRONG_CHV); /* E4: no challenge */
  response(s, resp);
  resp[0] ^= 1;
  assert_int_equal(s->cd.pfnCardAuthenticateChallenge(&s->cd, resp, 8, &left),
                   SCARD_W_WRONG_CHV); /* E5 */
  assert_int_equal(left, (DWORD)-1);   /* the card does not count: -1 (E8) */
  response(s, resp);
  assert_int_equal(s->cd.pfnCardAuthenticateChallenge(&s->cd, resp, 8, NULL), 0);
  /* Admin verified: RESET RETRY COUNTER without data is allowed now. */
  assert_int_equal(s->cd.pfnCardAuthenticateChallenge(&s->cd, resp, 8, NULL),
                   SCARD_W_WRONG_CHV); /* replay */
}

static void test_unblock_challenge(void **state) {
  rt_session_t *s = *state;
  BYTE resp[8];
  int i;
  for (i = 0; i < 3; i++)
    assert_int_equal(rt_login(s, "0000"), SCARD_W_WRONG_CHV);
  assert_int_equal(rt_login(s, "1234"), SCARD_W_CHV_BLOCKED);
  response(s, resp);
  assert_int_equal(s->cd.pfnCardUnblockPin(&s->cd, (LPWSTR)rt_user, resp, 8, (PBYTE) "1234", 4, 0,
                                           CARD_AUTHENTICATE_PIN_CHALLENGE_RESPONSE),
                   0);
  assert_int_equal(rt_login(s, "1234"), 0); /* counter reset; the card keeps the PIN */
  /* The same response a second time (CMR.3.3.1.E12), and a wrong one (E11). */
  assert_int_equal(s->cd.pfnCardUnblockPin(&s->cd, (LPWSTR)rt_user, resp, 8, (PBYTE) "1234", 4, 0,
                                           CARD_AUTHENTICATE_PIN_CHALLENGE_RESPONSE),
                   SCARD_W_WRONG_CHV);
  response(s, resp);
  resp[7] ^= 0x80;
  assert_int_equal(s->cd.pfnCardUnblockPin(&s->cd, (LPWSTR)rt_user, resp, 8, (PBYTE) "1234", 4, 0,
                                           CARD_AUTHENTICATE_PIN_CHALLENGE_RESPONSE),
                   SCARD_W_WRONG_CHV);
}

static void test_unblock_rules(void **state) {
  rt_session_t *s = *state;
  CARD_DATA *cd = &s->cd;
  BYTE a[8] = "12345678", p[4] = {'1', '2', '3', '4'};
  const DWORD PIN = CARD_AUTHENTICATE_PIN_PIN, CR = CARD_AUTHENTICATE_PIN_CHALLENGE_RESPONSE;
  /* CMR.3.3.1.E1..E9, E13 */
  assert_int_equal(cd->pfnCardUnblockPin(NULL, (LPWSTR)rt_user, a, 8, p, 4, 0, PIN),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(cd->pfnCardUnblockPin(cd, NULL, a, 8, p, 4, 0, PIN), SCARD_E_INVALID_PARAMETER);
  assert_int_equal(cd->pfnCardUnblockPin(cd, (LPWSTR)rt_user, NULL, 8, p, 4, 0, PIN),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(cd->pfnCardUnblockPin(cd, (LPWSTR)rt_user, a, 8, NULL, 4, 0, PIN),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(cd->pfnCardUnblockPin(cd, (LPWSTR)bob, a, 8, p, 4, 0, PIN),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(cd->pfnCardUnblockPin(cd, (LPWSTR)rt_user, a, 0, p, 4, 0, PIN),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(cd->pfnCardUnblockPin(cd, (LPWSTR)rt_user, a, 8, p, 0, 0, PIN),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(cd->pfnCardUnblockPin(cd, (LPWSTR)rt_user, a, 8, p, 4, 3, PIN),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(cd->pfnCardUnblockPin(cd, (LPWSTR)rt_user, a, 8, p, 4, 0, 0),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(cd->pfnCardUnblockPin(cd, (LPWSTR)rt_user, a, 8, p, 4, 0, 3),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(cd->pfnCardUnblockPin(cd, (LPWSTR)rt_user, a, 4, p, 4, 0, CR),
                   SCARD_E_INVALID_PARAMETER);
  /* E10: no challenge before. */
  assert_int_equal(cd->pfnCardUnblockPin(cd, (LPWSTR)rt_user, a, 8, p, 4, 0, CR),
                   SCARD_W_WRONG_CHV);
}

static void test_change(void **state) {
  rt_session_t *s = *state;
  CARD_DATA *cd = &s->cd;
  DWORD left = 77;
  const DWORD PIN = CARD_AUTHENTICATE_PIN_PIN;
  BYTE o[4] = {'1', '2', '3', '4'}, n[6] = {'5', '6', '7', '8', '9', '0'};
  /* CMR.3.3.2.E1..E9 */
  assert_int_equal(cd->pfnCardChangeAuthenticator(NULL, (LPWSTR)rt_user, o, 4, n, 6, 0, PIN, NULL),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(cd->pfnCardChangeAuthenticator(cd, NULL, o, 4, n, 6, 0, PIN, NULL),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(cd->pfnCardChangeAuthenticator(cd, (LPWSTR)rt_user, NULL, 4, n, 6, 0, PIN, NULL),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(cd->pfnCardChangeAuthenticator(cd, (LPWSTR)rt_user, o, 4, NULL, 6, 0, PIN, NULL),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(cd->pfnCardChangeAuthenticator(cd, (LPWSTR)bob, o, 4, n, 6, 0, PIN, NULL),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(cd->pfnCardChangeAuthenticator(cd, (LPWSTR)rt_user, o, 0, n, 6, 0, PIN, NULL),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(cd->pfnCardChangeAuthenticator(cd, (LPWSTR)rt_user, o, 4, n, 0, 0, PIN, NULL),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(cd->pfnCardChangeAuthenticator(cd, (LPWSTR)rt_user, o, 4, n, 6, 1, PIN, NULL),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(cd->pfnCardChangeAuthenticator(cd, (LPWSTR)rt_user, o, 4, n, 6, 0, 0, NULL),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(cd->pfnCardChangeAuthenticator(cd, (LPWSTR)rt_user, o, 4, n, 6, 0, 4, NULL),
                   SCARD_E_INVALID_PARAMETER);

  /* E11 / E16: wrong current PIN. */
  assert_int_equal(cd->pfnCardChangeAuthenticator(cd, (LPWSTR)rt_user, n, 4, n, 6, 0, PIN, &left),
                   SCARD_W_WRONG_CHV);
  assert_int_equal(left, 2);
  assert_int_equal(cd->pfnCardChangeAuthenticator(cd, (LPWSTR)rt_user, o, 4, n, 6, 0, PIN, &left),
                   0);
  assert_true(can_write_cardcf(s)); /* authenticated after the change (CMR.3.3.2.4) */
  assert_int_equal(rt_login(s, "1234"), SCARD_W_WRONG_CHV);
  assert_int_equal(rt_login(s, "567890"), 0);
  /* The admin PIN. */
  assert_int_equal(cd->pfnCardChangeAuthenticator(cd, (LPWSTR)rt_admin, (PBYTE) "12345678", 8,
                                                  (PBYTE) "87654321", 8, 0, PIN, NULL),
                   0);
  assert_int_equal(rt_login_admin(s, "87654321"), 0);
  /* Challenge-response: a wrong response is WRONG_CHV; a right one cannot change the key. */
  {
    BYTE resp[8];
    response(s, resp);
    resp[3] ^= 4;
    assert_int_equal(cd->pfnCardChangeAuthenticator(cd, (LPWSTR)rt_admin, resp, 8, n, 6, 0,
                                                    CARD_AUTHENTICATE_PIN_CHALLENGE_RESPONSE,
                                                    &left),
                     SCARD_W_WRONG_CHV);
    response(s, resp);
    assert_int_equal(cd->pfnCardChangeAuthenticator(cd, (LPWSTR)rt_admin, resp, 8, n, 6, 0,
                                                    CARD_AUTHENTICATE_PIN_CHALLENGE_RESPONSE,
                                                    &left),
                     SCARD_E_UNSUPPORTED_FEATURE);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_pin, rt_setup, rt_teardown),
      cmocka_unit_test_setup_teardown(test_pin_rules, rt_setup, rt_teardown),
      cmocka_unit_test_setup_teardown(test_deauthenticate, rt_setup, rt_teardown),
      cmocka_unit_test_setup_teardown(test_challenge, rt_setup, rt_teardown),
      cmocka_unit_test_setup_teardown(test_unblock_challenge, rt_setup, rt_teardown),
      cmocka_unit_test_setup_teardown(test_unblock_rules, rt_setup, rt_teardown),
      cmocka_unit_test_setup_teardown(test_change, rt_setup, rt_teardown),
  };
  return cmocka_run_group_tests_name("refmd-pin", tests, NULL, NULL);
}
