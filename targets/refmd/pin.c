/* refmd authentication: PINs (VERIFY 81 user, 82 admin), challenge /
 * response with the admin key (GET CHALLENGE, EXTERNAL AUTHENTICATE),
 * PIN change and unblock.  Checks follow CMR.3.2.x and CMR.3.3.x in their
 * listed order.  The card operations are shared with the v6 PIN_ID
 * exports (pin_ex.c).  Planted bugs: REFMD_BUG_6CXX, REFMD_BUG_UAF. */
#include <string.h>

#include "refmd.h"

/* The CARD_DATA user names refmd knows, and their card PIN references. */
static BYTE pin_ref(LPCWSTR user) {
  if (refmd_wcs_eq(user, wszCARD_USER_USER))
    return REFMD_PIN_USER;
  if (refmd_wcs_eq(user, wszCARD_USER_ADMIN))
    return REFMD_PIN_ADMIN;
  return 0;
}

/* Turn an authentication SW into the result and the attempts left: 63Cx
 * carries the count; 6300 (challenge response) does not, so -1 as the
 * requirements ask; blocked is 0. */
static DWORD auth_result(WORD sw, PDWORD attempts) {
  DWORD left = (DWORD)-1, rc = refmd_sw_error(sw);
  if ((sw & 0xFFF0) == 0x63C0)
    left = sw & 0x0F;
  else if (sw == 0x6983)
    left = 0;
  else if (sw == 0x6985)
    rc = SCARD_W_WRONG_CHV; /* no challenge: a wrong response */
  if (rc == SCARD_W_WRONG_CHV || rc == SCARD_W_CHV_BLOCKED) {
    if (attempts)
      *attempts = left;
  }
  return rc;
}

BYTE refmd_role_ref(PIN_ID id) {
  return id == ROLE_USER ? REFMD_PIN_USER : id == ROLE_ADMIN ? REFMD_PIN_ADMIN : 0;
}

/* Clear a reference's verified state: a failed attempt must leave the card
 * de-authenticated (CMR.3.2.1.E7), and so must an unblock. */
void refmd_deauth(PCARD_DATA pCardData, BYTE ref) {
  refmd_apdu_t a = {0x00, 0x20, 0xFF, ref, NULL, 0, 0};
  refmd_rsp_t rsp;
  (void)refmd_transmit(pCardData, &a, &rsp);
}

DWORD refmd_verify(PCARD_DATA pCardData, BYTE ref, const BYTE *pin, DWORD len, PDWORD attempts) {
  refmd_apdu_t a = {0x00, 0x20, 0x00, ref, pin, len, 0};
  refmd_rsp_t rsp;
  DWORD rc = refmd_transmit(pCardData, &a, &rsp);
  if (rc)
    return rc;
  rc = auth_result(rsp.sw, attempts);
  if (rc)
    refmd_deauth(pCardData, ref);
  return rc;
}

static DWORD external_auth(PCARD_DATA pCardData, const BYTE *resp, DWORD len, PDWORD attempts) {
  refmd_apdu_t a = {0x00, 0x82, 0x00, REFMD_PIN_ADMIN, resp, len, 0};
  refmd_rsp_t rsp;
  DWORD rc = refmd_transmit(pCardData, &a, &rsp);
  if (rc)
    return rc;
  rc = auth_result(rsp.sw, attempts);
  if (rc)
    refmd_deauth(pCardData, REFMD_PIN_ADMIN);
  return rc;
}

DWORD WINAPI CardAuthenticatePin(PCARD_DATA pCardData, LPWSTR pwszUserId, PBYTE pbPin, DWORD cbPin,
                                 PDWORD pcAttemptsRemaining) {
  DWORD rc;
  BYTE ref;

  rc = refmd_check(pCardData);
  if (rc)
    return rc;
  if (pwszUserId == NULL || pbPin == NULL)
    return SCARD_E_INVALID_PARAMETER;
  ref = pin_ref(pwszUserId);
  /* The card takes 4..16 byte PINs; anything else is not presented (E5). */
  if (ref == 0 || cbPin < REFMD_PIN_MIN || cbPin > REFMD_PIN_MAX)
    return SCARD_E_INVALID_PARAMETER;
  rc = refmd_begin(pCardData);
  if (rc)
    return rc;
  rc = refmd_verify(pCardData, ref, pbPin, cbPin, pcAttemptsRemaining);
  refmd_end(pCardData);
  return rc;
}

DWORD WINAPI CardDeauthenticate(PCARD_DATA pCardData, LPWSTR pwszUserId, DWORD dwFlags) {
  refmd_apdu_t a = {0x00, 0x20, 0xFF, 0, NULL, 0, 0};
  refmd_rsp_t rsp;
  DWORD rc;

  rc = refmd_check(pCardData);
  if (rc)
    return rc;
  if (pwszUserId == NULL || (a.p2 = pin_ref(pwszUserId)) == 0 || dwFlags != 0)
    return SCARD_E_INVALID_PARAMETER;
  refmd_forget_challenge(pCardData);
  rc = refmd_begin(pCardData);
  if (rc)
    return rc;
  rc = refmd_send(pCardData, &a, &rsp);
  refmd_end(pCardData);
  return rc;
}

void refmd_forget_challenge(PCARD_DATA pCardData) {
  refmd_ctx_t *ctx = REFMD_CTX(pCardData);

  if (ctx->chal == NULL)
    return;
  memset(ctx->chal, 0, REFMD_CHALLENGE_LEN);
  pCardData->pfnCspFree(ctx->chal);
#ifndef REFMD_BUG_UAF
  ctx->chal = NULL;
#else
  /* PLANTED BUG (REFMD_BUG_UAF): the pointer outlives the block, so the
   * next call that touches the challenge (CardGetChallenge, another logout,
   * CardDeleteContext) writes freed memory. */
#endif
}

DWORD refmd_get_challenge(PCARD_DATA pCardData, PBYTE *out, PDWORD out_len) {
  refmd_apdu_t a = {0x00, 0x84, 0x00, 0x00, NULL, 0, REFMD_CHALLENGE_LEN};
  refmd_ctx_t *ctx = REFMD_CTX(pCardData);
  refmd_rsp_t rsp;
  BYTE *buf = NULL;
  DWORD rc, n;

  *out = NULL;
  *out_len = 0;
  rc = refmd_begin(pCardData);
  if (rc)
    return rc;
  rc = refmd_send(pCardData, &a, &rsp);
  refmd_end(pCardData);
  if (rc)
    goto out;
#ifndef REFMD_BUG_6CXX
  if (rsp.len != REFMD_CHALLENGE_LEN) {
    rc = SCARD_E_UNEXPECTED;
    goto out;
  }
  n = REFMD_CHALLENGE_LEN;
#else
  /* PLANTED BUG (REFMD_BUG_6CXX): after a 6Cxx resend the card's Le is
   * taken as the challenge length and that many bytes are copied into the
   * buffer sized for the Le first asked. */
  n = rsp.le_fixed ? rsp.le_fixed : REFMD_CHALLENGE_LEN;
  if (!rsp.le_fixed && rsp.len != REFMD_CHALLENGE_LEN) {
    rc = SCARD_E_UNEXPECTED;
    goto out;
  }
#endif
  buf = pCardData->pfnCspAlloc(REFMD_CHALLENGE_LEN);
  if (buf == NULL ||
      (ctx->chal == NULL && (ctx->chal = pCardData->pfnCspAlloc(REFMD_CHALLENGE_LEN)) == NULL)) {
    rc = SCARD_E_NO_MEMORY;
    goto out;
  }
  memcpy(buf, rsp.data, n);
  memcpy(ctx->chal, buf, REFMD_CHALLENGE_LEN);
  *out = buf;
  *out_len = REFMD_CHALLENGE_LEN;
  buf = NULL;
out:
  if (buf)
    pCardData->pfnCspFree(buf);
  memset(rsp.data, 0, REFMD_CHALLENGE_LEN);
  return rc;
}

DWORD WINAPI CardGetChallenge(PCARD_DATA pCardData, PBYTE *ppbChallengeData,
                              PDWORD pcbChallengeData) {
  DWORD rc = refmd_check(pCardData);
  if (rc)
    return rc;
  if (ppbChallengeData == NULL || pcbChallengeData == NULL)
    return SCARD_E_INVALID_PARAMETER;
  return refmd_get_challenge(pCardData, ppbChallengeData, pcbChallengeData);
}

DWORD WINAPI CardAuthenticateChallenge(PCARD_DATA pCardData, PBYTE pbResponseData,
                                       DWORD cbResponseData, PDWORD pcAttemptsRemaining) {
  DWORD rc;

  rc = refmd_check(pCardData);
  if (rc)
    return rc;
  /* The response is one 3DES block; other lengths are never sent. */
  if (pbResponseData == NULL || cbResponseData != REFMD_CHALLENGE_LEN)
    return SCARD_E_INVALID_PARAMETER;
  rc = refmd_begin(pCardData);
  if (rc)
    return rc;
  rc = external_auth(pCardData, pbResponseData, cbResponseData, pcAttemptsRemaining);
  refmd_end(pCardData);
  return rc;
}

DWORD WINAPI CardChangeAuthenticator(PCARD_DATA pCardData, LPWSTR pwszUserId,
                                     PBYTE pbCurrentAuthenticator, DWORD cbCurrentAuthenticator,
                                     PBYTE pbNewAuthenticator, DWORD cbNewAuthenticator,
                                     DWORD cRetryCount, DWORD dwFlags, PDWORD pcAttemptsRemaining) {
  DWORD rc;
  BYTE ref;

  rc = refmd_check(pCardData);
  if (rc)
    return rc;
  if (pwszUserId == NULL || pbCurrentAuthenticator == NULL || pbNewAuthenticator == NULL)
    return SCARD_E_INVALID_PARAMETER;
  ref = pin_ref(pwszUserId);
  if (ref == 0 || cbCurrentAuthenticator == 0 || cbNewAuthenticator == 0 || cRetryCount != 0 ||
      (dwFlags != CARD_AUTHENTICATE_PIN_PIN && dwFlags != CARD_AUTHENTICATE_PIN_CHALLENGE_RESPONSE))
    return SCARD_E_INVALID_PARAMETER;

  if (dwFlags == CARD_AUTHENTICATE_PIN_CHALLENGE_RESPONSE) {
    /* Only the admin authenticates by challenge; the card has no command
     * to replace the admin key, so a correct response still ends in
     * "unsupported" (and the admin is logged out again). */
    if (ref != REFMD_PIN_ADMIN || cbCurrentAuthenticator != REFMD_CHALLENGE_LEN)
      return SCARD_E_INVALID_PARAMETER;
    rc = refmd_begin(pCardData);
    if (rc)
      return rc;
    rc = external_auth(pCardData, pbCurrentAuthenticator, cbCurrentAuthenticator,
                       pcAttemptsRemaining);
    if (!rc) {
      refmd_deauth(pCardData, REFMD_PIN_ADMIN);
      rc = SCARD_E_UNSUPPORTED_FEATURE;
    }
    refmd_end(pCardData);
    return rc;
  }

  /* PIN policy of the card: 4..16 bytes each. */
  if (cbCurrentAuthenticator < REFMD_PIN_MIN || cbCurrentAuthenticator > REFMD_PIN_MAX ||
      cbNewAuthenticator < REFMD_PIN_MIN || cbNewAuthenticator > REFMD_PIN_MAX)
    return SCARD_E_INVALID_PARAMETER;
  rc = refmd_begin(pCardData);
  if (rc)
    return rc;
  rc = refmd_change_pin(pCardData, ref, pbCurrentAuthenticator, cbCurrentAuthenticator,
                        pbNewAuthenticator, cbNewAuthenticator, pcAttemptsRemaining);
  refmd_end(pCardData);
  return rc;
}

/* CHANGE REFERENCE DATA and RESET RETRY COUNTER carry two secrets back to
 * back (old||new, admin||new); the buffer is wiped after the exchange.
 * The callers have checked both lengths against REFMD_PIN_MAX. */
static DWORD send_two_pins(PCARD_DATA pCardData, BYTE ins, BYTE ref, const BYTE *first,
                           DWORD first_len, const BYTE *second, DWORD second_len, PDWORD attempts) {
  BYTE data[2 * REFMD_PIN_MAX];
  refmd_apdu_t a = {0x00, ins, 0x00, ref, data, first_len + second_len, 0};
  refmd_rsp_t rsp;
  DWORD rc;

  memcpy(data, first, first_len);
  memcpy(data + first_len, second, second_len);
  rc = refmd_transmit(pCardData, &a, &rsp);
  if (!rc)
    rc = auth_result(rsp.sw, attempts);
  memset(data, 0, sizeof data);
  return rc;
}

DWORD refmd_change_pin(PCARD_DATA pCardData, BYTE ref, const BYTE *cur, DWORD cur_len,
                       const BYTE *nw, DWORD nw_len, PDWORD attempts) {
  DWORD rc;

  if (cur_len > REFMD_PIN_MAX || nw_len > REFMD_PIN_MAX)
    return SCARD_E_INVALID_PARAMETER;
  rc = send_two_pins(pCardData, 0x24, ref, cur, cur_len, nw, nw_len, attempts);
  if (rc)
    refmd_deauth(pCardData, ref);
  /* The card leaves the principal verified after a change (CMR.3.3.2.4). */
  return rc;
}

DWORD refmd_unblock_user(PCARD_DATA pCardData, const BYTE *admin, DWORD admin_len, const BYTE *nw,
                         DWORD nw_len, PDWORD attempts) {
  DWORD rc;

  if (admin_len > REFMD_PIN_MAX || nw_len > REFMD_PIN_MAX)
    return SCARD_E_INVALID_PARAMETER;
  rc = send_two_pins(pCardData, 0x2C, REFMD_PIN_USER, admin, admin_len, nw, nw_len, attempts);
  /* RESET RETRY COUNTER verifies the admin PIN; log both out (CMR.3.3.1.5). */
  refmd_deauth(pCardData, REFMD_PIN_ADMIN);
  refmd_deauth(pCardData, REFMD_PIN_USER);
  return rc;
}

DWORD WINAPI CardUnblockPin(PCARD_DATA pCardData, LPWSTR pwszUserId, PBYTE pbAuthenticationData,
                            DWORD cbAuthenticationData, PBYTE pbNewPinData, DWORD cbNewPinData,
                            DWORD cRetryCount, DWORD dwFlags) {
  refmd_apdu_t a = {0x00, 0x2C, 0x03, REFMD_PIN_USER, NULL, 0, 0};
  refmd_rsp_t rsp;
  DWORD rc;

  rc = refmd_check(pCardData);
  if (rc)
    return rc;
  if (pwszUserId == NULL || pbAuthenticationData == NULL || pbNewPinData == NULL)
    return SCARD_E_INVALID_PARAMETER;
  /* Only the user PIN can be unblocked on this card. */
  if (pin_ref(pwszUserId) != REFMD_PIN_USER || cbAuthenticationData == 0 || cbNewPinData == 0 ||
      cRetryCount != 0 ||
      (dwFlags != CARD_AUTHENTICATE_PIN_PIN && dwFlags != CARD_AUTHENTICATE_PIN_CHALLENGE_RESPONSE))
    return SCARD_E_INVALID_PARAMETER;
  if (cbNewPinData < REFMD_PIN_MIN || cbNewPinData > REFMD_PIN_MAX)
    return SCARD_E_INVALID_PARAMETER;

  if (dwFlags == CARD_AUTHENTICATE_PIN_CHALLENGE_RESPONSE) {
    /* E13: a response of the wrong length is refused without using it. */
    if (cbAuthenticationData != REFMD_CHALLENGE_LEN)
      return SCARD_E_INVALID_PARAMETER;
    rc = refmd_begin(pCardData);
    if (rc)
      return rc;
    rc = external_auth(pCardData, pbAuthenticationData, cbAuthenticationData, NULL);
    if (!rc) {
      /* Admin verified: reset the user's retry counter (P1 03, no data).
       * The card has no command to set a new PIN this way, so the user
       * keeps the current PIN; see the report. */
      rc = refmd_send(pCardData, &a, &rsp);
      refmd_deauth(pCardData, REFMD_PIN_ADMIN);
    }
    refmd_end(pCardData);
    return rc;
  }

  if (cbAuthenticationData < REFMD_PIN_MIN || cbAuthenticationData > REFMD_PIN_MAX)
    return SCARD_E_INVALID_PARAMETER;
  rc = refmd_begin(pCardData);
  if (rc)
    return rc;
  rc = refmd_unblock_user(pCardData, pbAuthenticationData, cbAuthenticationData, pbNewPinData,
                          cbNewPinData, NULL);
  refmd_end(pCardData);
  return rc;
}
