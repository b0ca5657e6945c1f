/* refmd v6 authentication by PIN_ID: CardGetChallengeEx, CardAuthenticateEx,
 * CardChangeAuthenticatorEx, CardDeauthenticateEx.  The card operations
 * are pin.c's; this file maps PIN_IDs (ROLE_USER -> 81, ROLE_ADMIN -> 82)
 * and checks arguments first: a NULL or malformed argument is
 * SCARD_E_INVALID_PARAMETER, a feature the card lacks (session PINs)
 * SCARD_E_UNSUPPORTED_FEATURE, and only then does the card answer. */
#include <string.h>

#include "refmd.h"

/* CardAuthenticateEx flags refmd knows; the session-PIN ones it refuses. */
#define AUTH_EX_FLAGS                                                                              \
  (CARD_AUTHENTICATE_GENERATE_SESSION_PIN | CARD_AUTHENTICATE_SESSION_PIN | CARD_PIN_SILENT_CONTEXT)
#define AUTH_EX_SESSION (CARD_AUTHENTICATE_GENERATE_SESSION_PIN | CARD_AUTHENTICATE_SESSION_PIN)

static BOOL pin_len_ok(DWORD n) {
  return n >= REFMD_PIN_MIN && n <= REFMD_PIN_MAX;
}

DWORD WINAPI CardGetChallengeEx(PCARD_DATA pCardData, PIN_ID PinId, PBYTE *ppbChallengeData,
                                PDWORD pcbChallengeData, DWORD dwFlags) {
  DWORD rc = refmd_check(pCardData);
  if (rc)
    return rc;
  if (ppbChallengeData == NULL || pcbChallengeData == NULL)
    return SCARD_E_INVALID_PARAMETER;
  *ppbChallengeData = NULL;
  *pcbChallengeData = 0;
  /* Only the admin answers challenges (EXTERNAL AUTHENTICATE 82). */
  if (PinId != ROLE_ADMIN || dwFlags != 0)
    return SCARD_E_INVALID_PARAMETER;
  return refmd_get_challenge(pCardData, ppbChallengeData, pcbChallengeData);
}

DWORD WINAPI CardAuthenticateEx(PCARD_DATA pCardData, PIN_ID PinId, DWORD dwFlags, PBYTE pbPinData,
                                DWORD cbPinData, PBYTE *ppbSessionPin, PDWORD pcbSessionPin,
                                PDWORD pcAttemptsRemaining) {
  DWORD rc;
  BYTE ref;

  rc = refmd_check(pCardData);
  if (rc)
    return rc;
  if (ppbSessionPin)
    *ppbSessionPin = NULL;
  if (pcbSessionPin)
    *pcbSessionPin = 0;
  ref = refmd_role_ref(PinId);
  if (ref == 0 || (dwFlags & ~(DWORD)AUTH_EX_FLAGS))
    return SCARD_E_INVALID_PARAMETER;
  /* Asking for a session PIN with nowhere to put it is a caller error
   * before it is a missing feature. */
  if (pbPinData == NULL || ((dwFlags & CARD_AUTHENTICATE_GENERATE_SESSION_PIN) &&
                            (ppbSessionPin == NULL || pcbSessionPin == NULL)))
    return SCARD_E_INVALID_PARAMETER;
  /* CP_CARD_PIN_STRENGTH_VERIFY says plaintext only: no session PINs. */
  if (dwFlags & AUTH_EX_SESSION)
    return SCARD_E_UNSUPPORTED_FEATURE;
  if (!pin_len_ok(cbPinData))
    return SCARD_E_INVALID_PARAMETER;
  rc = refmd_begin(pCardData);
  if (rc)
    return rc;
  rc = refmd_verify(pCardData, ref, pbPinData, cbPinData, pcAttemptsRemaining);
  refmd_end(pCardData);
  return rc;
}

DWORD WINAPI CardChangeAuthenticatorEx(PCARD_DATA pCardData, DWORD dwFlags,
                                       PIN_ID dwAuthenticatingPinId, PBYTE pbAuthenticatingPinData,
                                       DWORD cbAuthenticatingPinData, PIN_ID dwTargetPinId,
                                       PBYTE pbTargetData, DWORD cbTargetData, DWORD cRetryCount,
                                       PDWORD pcAttemptsRemaining) {
  DWORD rc, op = dwFlags & ~(DWORD)CARD_PIN_SILENT_CONTEXT;
  BYTE auth, target;

  rc = refmd_check(pCardData);
  if (rc)
    return rc;
  if (pbAuthenticatingPinData == NULL || pbTargetData == NULL)
    return SCARD_E_INVALID_PARAMETER;
  auth = refmd_role_ref(dwAuthenticatingPinId);
  target = refmd_role_ref(dwTargetPinId);
  if (auth == 0 || target == 0 ||
      (op != PIN_CHANGE_FLAG_UNBLOCK && op != PIN_CHANGE_FLAG_CHANGEPIN) || cRetryCount != 0 ||
      !pin_len_ok(cbAuthenticatingPinData) || !pin_len_ok(cbTargetData))
    return SCARD_E_INVALID_PARAMETER;
  /* The card changes a PIN with its own current value, and unblocks only
   * the user PIN with the admin PIN. */
  if (op == PIN_CHANGE_FLAG_CHANGEPIN ? auth != target
                                      : (auth != REFMD_PIN_ADMIN || target != REFMD_PIN_USER))
    return SCARD_E_INVALID_PARAMETER;
  rc = refmd_begin(pCardData);
  if (rc)
    return rc;
  if (op == PIN_CHANGE_FLAG_CHANGEPIN)
    rc = refmd_change_pin(pCardData, target, pbAuthenticatingPinData, cbAuthenticatingPinData,
                          pbTargetData, cbTargetData, pcAttemptsRemaining);
  else
    rc = refmd_unblock_user(pCardData, pbAuthenticatingPinData, cbAuthenticatingPinData,
                            pbTargetData, cbTargetData, pcAttemptsRemaining);
  refmd_end(pCardData);
  return rc;
}

DWORD WINAPI CardDeauthenticateEx(PCARD_DATA pCardData, PIN_SET PinId, DWORD dwFlags) {
  static const struct {
    PIN_ID id;
    BYTE ref;
  } roles[] = {{ROLE_USER, REFMD_PIN_USER}, {ROLE_ADMIN, REFMD_PIN_ADMIN}};
  refmd_apdu_t a = {0x00, 0x20, 0xFF, 0, NULL, 0, 0};
  refmd_rsp_t rsp;
  DWORD rc;
  size_t i;

  rc = refmd_check(pCardData);
  if (rc)
    return rc;
  if (dwFlags != 0 || PinId == PIN_SET_NONE || (PinId & ~(DWORD)PIN_SET_ALL_ROLES))
    return SCARD_E_INVALID_PARAMETER;
  refmd_forget_challenge(pCardData);
  rc = refmd_begin(pCardData);
  if (rc)
    return rc;
  /* PINs 0 (everyone) and 3..7 do not exist on the card: nothing to clear. */
  for (i = 0; i < sizeof roles / sizeof roles[0] && rc == SCARD_S_SUCCESS; i++) {
    if (!IS_PIN_SET(PinId, roles[i].id))
      continue;
    a.p2 = roles[i].ref;
    rc = refmd_send(pCardData, &a, &rsp);
  }
  refmd_end(pCardData);
  return rc;
}
