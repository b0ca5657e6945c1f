/* refmd v6 authentication by PIN_ID: CardGetChallengeEx (+ the 3DES
 * response through CardAuthenticateChallenge), CardAuthenticateEx,
 * CardChangeAuthenticatorEx (change and unblock), CardDeauthenticateEx,
 * their argument rules, and the context's challenge across calls. */
#include <openssl/evp.h>

#include "test-refmd-util.h"

static DWORD auth_ex(rt_session_t *s, PIN_ID id, DWORD flags, const char *pin, DWORD *left) {
  return s->cd.pfnCardAuthenticateEx(&s->cd, id, flags, (PBYTE)pin, (DWORD)strlen(pin), NULL, NULL,
                                     left);
}

static DWORD change_ex(rt_session_t *s, DWORD flags, PIN_ID auth, const char *a, PIN_ID target,
                       const char *t, DWORD *left) {
  return s->cd.pfnCardChangeAuthenticatorEx(&s->cd, flags, auth, (PBYTE)a, (DWORD)strlen(a), target,
                                            (PBYTE)t, (DWORD)strlen(t), 0, left);
}

static DWORD state_of(rt_session_t *s) {
  DWORD v = 0, n = 0;
  assert_int_equal(
      s->cd.pfnCardGetProperty(&s->cd, CP_CARD_AUTHENTICATED_STATE, (PBYTE)&v, sizeof v, &n, 0), 0);
  return v;
}

static void test_challenge_ex(void **state) {
  static const BYTE key[24] = {1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12,
                               13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24};
  rt_session_t *s = *state;
  PBYTE ch = (PBYTE)1;
  DWORD n = 5, left = 0;
  BYTE resp[8];
  int len = 0;
  EVP_CIPHER_CTX *c;

  assert_int_equal(s->cd.pfnCardGetChallengeEx(NULL, ROLE_ADMIN, &ch, &n, 0),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardGetChallengeEx(&s->cd, ROLE_ADMIN, NULL, &n, 0),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardGetChallengeEx(&s->cd, ROLE_ADMIN, &ch, NULL, 0),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardGetChallengeEx(&s->cd, ROLE_USER, &ch, &n, 0),
                   SCARD_E_INVALID_PARAMETER);
  assert_null(ch);
  assert_int_equal(n, 0);
  assert_int_equal(s->cd.pfnCardGetChallengeEx(&s->cd, ROLE_ADMIN, &ch, &n, 1),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardGetChallengeEx(&s->cd, ROLE_ADMIN, &ch, &n, 0), 0);
  assert_int_equal(n, 8);
  c = EVP_CIPHER_CTX_new();
  assert_non_null(c);
  assert_true(EVP_EncryptInit_ex(c, EVP_des_ede3_ecb(), NULL, key, NULL));
  EVP_CIPHER_CTX_set_padding(c, 0);
  assert_true(EVP_EncryptUpdate(c, resp, &len, ch, 8));
  EVP_CIPHER_CTX_free(c);
  rt_free(ch);
  assert_int_equal(s->cd.pfnCardAuthenticateChallenge(&s->cd, resp, 8, &left), 0);
  assert_int_equal(state_of(s), CREATE_PIN_SET(ROLE_ADMIN));
}

static void test_authenticate_ex(void **state) {
  rt_session_t *s = *state;
  PBYTE sp = (PBYTE)1;
  DWORD spn = 7, left = 99;

  assert_int_equal(
      s->cd.pfnCardAuthenticateEx(NULL, ROLE_USER, 0, (PBYTE) "1234", 4, NULL, NULL, NULL),
      SCARD_E_INVALID_PARAMETER);
  assert_int_equal(auth_ex(s, ROLE_EVERYONE, 0, "1234", NULL), SCARD_E_INVALID_PARAMETER);
  assert_int_equal(auth_ex(s, 3, 0, "1234", NULL), SCARD_E_INVALID_PARAMETER);
  assert_int_equal(auth_ex(s, ROLE_USER, 0x4, "1234", NULL), SCARD_E_INVALID_PARAMETER);
  assert_int_equal(auth_ex(s, ROLE_USER, CARD_AUTHENTICATE_GENERATE_SESSION_PIN, "1234", NULL),
                   SCARD_E_INVALID_PARAMETER); /* no session-PIN outputs */
  assert_int_equal(s->cd.pfnCardAuthenticateEx(&s->cd, ROLE_USER,
                                               CARD_AUTHENTICATE_GENERATE_SESSION_PIN,
                                               (PBYTE) "1234", 4, &sp, &spn, NULL),
                   SCARD_E_UNSUPPORTED_FEATURE);
  assert_null(sp);
  assert_int_equal(spn, 0);
  sp = (PBYTE)1;
  spn = 7;
  assert_int_equal(auth_ex(s, ROLE_USER, CARD_AUTHENTICATE_SESSION_PIN, "1234", NULL),
                   SCARD_E_UNSUPPORTED_FEATURE);
  assert_int_equal(s->cd.pfnCardAuthenticateEx(&s->cd, ROLE_USER, 0, NULL, 4, NULL, NULL, NULL),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(auth_ex(s, ROLE_USER, 0, "123", NULL), SCARD_E_INVALID_PARAMETER);
  assert_int_equal(auth_ex(s, ROLE_USER, 0, "12345678901234567", NULL), SCARD_E_INVALID_PARAMETER);
  assert_int_equal(state_of(s), 0);
  /* Wrong, then right; the silent-context flag is accepted. */
  assert_int_equal(auth_ex(s, ROLE_USER, 0, "9999", &left), SCARD_W_WRONG_CHV);
  assert_int_equal(left, 2);
  assert_int_equal(s->cd.pfnCardAuthenticateEx(&s->cd, ROLE_USER, CARD_PIN_SILENT_CONTEXT,
                                               (PBYTE) "1234", 4, &sp, &spn, &left),
                   0);
  assert_null(sp); /* no session PIN: outputs zeroed */
  assert_int_equal(spn, 0);
  assert_int_equal(auth_ex(s, ROLE_ADMIN, 0, "12345678", NULL), 0);
  assert_int_equal(state_of(s), CREATE_PIN_SET(ROLE_USER) | CREATE_PIN_SET(ROLE_ADMIN));
}

static void test_deauthenticate_ex(void **state) {
  rt_session_t *s = *state;
  PBYTE ch = NULL;
  DWORD n = 0;

  assert_int_equal(s->cd.pfnCardDeauthenticateEx(NULL, PIN_SET_ALL_ROLES, 0),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardDeauthenticateEx(&s->cd, PIN_SET_ALL_ROLES, 1),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardDeauthenticateEx(&s->cd, PIN_SET_NONE, 0),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardDeauthenticateEx(&s->cd, 0x100, 0), SCARD_E_INVALID_PARAMETER);
  assert_int_equal(rt_login(s, "1234"), 0);
  assert_int_equal(rt_login_admin(s, "12345678"), 0);
  assert_int_equal(s->cd.pfnCardDeauthenticateEx(&s->cd, CREATE_PIN_SET(ROLE_ADMIN), 0), 0);
  assert_int_equal(state_of(s), CREATE_PIN_SET(ROLE_USER));
  assert_int_equal(s->cd.pfnCardDeauthenticateEx(&s->cd, CREATE_PIN_SET(5), 0),
                   0); /* no such PIN: nothing */
  assert_int_equal(state_of(s), CREATE_PIN_SET(ROLE_USER));
  assert_int_equal(rt_login_admin(s, "12345678"), 0);
  /* A logout drops the outstanding challenge; a new one comes fresh. */
  assert_int_equal(s->cd.pfnCardGetChallenge(&s->cd, &ch, &n), 0);
  rt_free(ch);
  assert_int_equal(s->cd.pfnCardDeauthenticateEx(&s->cd, PIN_SET_ALL_ROLES, 0), 0);
  assert_int_equal(state_of(s), 0);
  assert_int_equal(s->cd.pfnCardDeauthenticateEx(&s->cd, PIN_SET_ALL_ROLES, 0), 0);
  assert_int_equal(s->cd.pfnCardGetChallenge(&s->cd, &ch, &n), 0);
  rt_free(ch);
  assert_int_equal(s->cd.pfnCardDeauthenticate(&s->cd, (LPWSTR)rt_user, 0), 0);
  assert_int_equal(s->cd.pfnCardDeauthenticate(&s->cd, (LPWSTR)rt_admin, 0), 0);
}

static void test_change_ex(void **state) {
  rt_session_t *s = *state;
  DWORD left = 0;
  const DWORD CH = PIN_CHANGE_FLAG_CHANGEPIN, UB = PIN_CHANGE_FLAG_UNBLOCK;

  assert_int_equal(s->cd.pfnCardChangeAuthenticatorEx(NULL, CH, ROLE_USER, (PBYTE) "1234", 4,
                                                      ROLE_USER, (PBYTE) "5678", 4, 0, NULL),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardChangeAuthenticatorEx(&s->cd, CH, ROLE_USER, NULL, 4, ROLE_USER,
                                                      (PBYTE) "5678", 4, 0, NULL),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardChangeAuthenticatorEx(&s->cd, CH, ROLE_USER, (PBYTE) "1234", 4,
                                                      ROLE_USER, NULL, 4, 0, NULL),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(change_ex(s, 0, ROLE_USER, "1234", ROLE_USER, "5678", NULL),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(change_ex(s, CH | UB, ROLE_USER, "1234", ROLE_USER, "5678", NULL),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(change_ex(s, CH, 4, "1234", ROLE_USER, "5678", NULL), SCARD_E_INVALID_PARAMETER);
  assert_int_equal(change_ex(s, CH, ROLE_ADMIN, "12345678", ROLE_USER, "5678", NULL),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(change_ex(s, UB, ROLE_USER, "1234", ROLE_USER, "5678", NULL),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(change_ex(s, CH, ROLE_USER, "1234", ROLE_USER, "567", NULL),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardChangeAuthenticatorEx(&s->cd, CH, ROLE_USER, (PBYTE) "1234", 4,
                                                      ROLE_USER, (PBYTE) "5678", 4, 1, NULL),
                   SCARD_E_INVALID_PARAMETER); /* cRetryCount */

  /* Change the user PIN, then log in with the new one. */
  assert_int_equal(change_ex(s, CH, ROLE_USER, "0000", ROLE_USER, "5678", &left),
                   SCARD_W_WRONG_CHV);
  assert_int_equal(left, 2);
  assert_int_equal(
      change_ex(s, CH | CARD_PIN_SILENT_CONTEXT, ROLE_USER, "1234", ROLE_USER, "5678", &left), 0);
  assert_int_equal(auth_ex(s, ROLE_USER, 0, "1234", NULL), SCARD_W_WRONG_CHV);
  assert_int_equal(auth_ex(s, ROLE_USER, 0, "5678", NULL), 0);
  /* Block the user PIN, unblock it with the admin PIN and a new PIN. */
  assert_int_equal(auth_ex(s, ROLE_USER, 0, "0000", NULL), SCARD_W_WRONG_CHV);
  assert_int_equal(auth_ex(s, ROLE_USER, 0, "0000", NULL), SCARD_W_WRONG_CHV);
  assert_int_equal(auth_ex(s, ROLE_USER, 0, "0000", &left), SCARD_W_WRONG_CHV);
  assert_int_equal(left, 0);
  assert_int_equal(auth_ex(s, ROLE_USER, 0, "5678", &left), SCARD_W_CHV_BLOCKED);
  assert_int_equal(change_ex(s, UB, ROLE_ADMIN, "00000000", ROLE_USER, "4321", &left),
                   SCARD_W_WRONG_CHV);
  assert_int_equal(change_ex(s, UB, ROLE_ADMIN, "12345678", ROLE_USER, "4321", NULL), 0);
  assert_int_equal(state_of(s), 0); /* both logged out after an unblock */
  assert_int_equal(auth_ex(s, ROLE_USER, 0, "4321", NULL), 0);
  /* Admin PIN change. */
  assert_int_equal(change_ex(s, CH, ROLE_ADMIN, "12345678", ROLE_ADMIN, "87654321", NULL), 0);
  assert_int_equal(auth_ex(s, ROLE_ADMIN, 0, "87654321", NULL), 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_challenge_ex, rt_setup, rt_teardown),
      cmocka_unit_test_setup_teardown(test_authenticate_ex, rt_setup, rt_teardown),
      cmocka_unit_test_setup_teardown(test_deauthenticate_ex, rt_setup, rt_teardown),
      cmocka_unit_test_setup_teardown(test_change_ex, rt_setup, rt_teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
