/* refmd context: CardAcquireContext (checks in the order of CMR.3.1.1.E1..
 * E10, version negotiation 4..7, card identification), CardDeleteContext
 * (frees what the context holds),
 * CardQueryCapabilities, and the small helpers every file shares. */
#include <string.h>

#include "refmd.h"

/* Every CARD_DATA entry point refmd fills, with the version that added the
 * field: only fields of the negotiated version are written, because a
 * caller asking for version 4 may own a shorter struct. */
#define REFMD_ENTRY_POINTS(X)                                                                      \
  X(4, pfnCardDeleteContext, CardDeleteContext)                                                    \
  X(4, pfnCardQueryCapabilities, CardQueryCapabilities)                                            \
  X(4, pfnCardDeleteContainer, CardDeleteContainer)                                                \
  X(4, pfnCardCreateContainer, CardCreateContainer)                                                \
  X(4, pfnCardGetContainerInfo, CardGetContainerInfo)                                              \
  X(4, pfnCardAuthenticatePin, CardAuthenticatePin)                                                \
  X(4, pfnCardGetChallenge, CardGetChallenge)                                                      \
  X(4, pfnCardAuthenticateChallenge, CardAuthenticateChallenge)                                    \
  X(4, pfnCardUnblockPin, CardUnblockPin)                                                          \
  X(4, pfnCardChangeAuthenticator, CardChangeAuthenticator)                                        \
  X(4, pfnCardDeauthenticate, CardDeauthenticate)                                                  \
  X(4, pfnCardCreateDirectory, CardCreateDirectory)                                                \
  X(4, pfnCardDeleteDirectory, CardDeleteDirectory)                                                \
  X(4, pfnCardCreateFile, CardCreateFile)                                                          \
  X(4, pfnCardReadFile, CardReadFile)                                                              \
  X(4, pfnCardWriteFile, CardWriteFile)                                                            \
  X(4, pfnCardDeleteFile, CardDeleteFile)                                                          \
  X(4, pfnCardEnumFiles, CardEnumFiles)                                                            \
  X(4, pfnCardGetFileInfo, CardGetFileInfo)                                                        \
  X(4, pfnCardQueryFreeSpace, CardQueryFreeSpace)                                                  \
  X(4, pfnCardQueryKeySizes, CardQueryKeySizes)                                                    \
  X(4, pfnCardSignData, CardSignData)                                                              \
  X(4, pfnCardRSADecrypt, CardRSADecrypt)                                                          \
  X(4, pfnCardConstructDHAgreement, CardConstructDHAgreement)                                      \
  X(5, pfnCardDeriveKey, CardDeriveKey)                                                            \
  X(5, pfnCardDestroyDHAgreement, CardDestroyDHAgreement)                                          \
  X(6, pfnCardGetChallengeEx, CardGetChallengeEx)                                                  \
  X(6, pfnCardAuthenticateEx, CardAuthenticateEx)                                                  \
  X(6, pfnCardChangeAuthenticatorEx, CardChangeAuthenticatorEx)                                    \
  X(6, pfnCardDeauthenticateEx, CardDeauthenticateEx)                                              \
  X(6, pfnCardGetContainerProperty, CardGetContainerProperty)                                      \
  X(6, pfnCardSetContainerProperty, CardSetContainerProperty)                                      \
  X(6, pfnCardGetProperty, CardGetProperty)                                                        \
  X(6, pfnCardSetProperty, CardSetProperty)                                                        \
  X(7, pfnMDImportSessionKey, MDImportSessionKey)                                                  \
  X(7, pfnMDEncryptData, MDEncryptData)                                                            \
  X(7, pfnCardImportSessionKey, CardImportSessionKey)                                              \
  X(7, pfnCardGetSharedKeyHandle, CardGetSharedKeyHandle)                                          \
  X(7, pfnCardGetAlgorithmProperty, CardGetAlgorithmProperty)                                      \
  X(7, pfnCardGetKeyProperty, CardGetKeyProperty)                                                  \
  X(7, pfnCardSetKeyProperty, CardSetKeyProperty)                                                  \
  X(7, pfnCardDestroyKey, CardDestroyKey)                                                          \
  X(7, pfnCardProcessEncryptedData, CardProcessEncryptedData)                                      \
  X(7, pfnCardCreateContainerEx, CardCreateContainerEx)

/* The sim's ATR without its TCK: 3B 8C 80 01 + "MDFUZZ-SIM01"; the TCK is
 * the XOR of T0 .. the last historical byte. */
static const BYTE sim_atr[] = {0x3B, 0x8C, 0x80, 0x01, 'M', 'D', 'F', 'U',
                               'Z',  'Z',  '-',  'S',  'I', 'M', '0', '1'};

static BOOL atr_is_sim(const BYTE *atr, DWORD len) {
  BYTE tck = 0;
  DWORD i;
  if (len != sizeof sim_atr + 1 || memcmp(atr, sim_atr, sizeof sim_atr))
    return FALSE;
  for (i = 1; i < sizeof sim_atr; i++)
    tck ^= sim_atr[i];
  return atr[sizeof sim_atr] == tck;
}

/* Make sure the card behind hScard is the sim: select the MF and read the
 * 16-byte card identifier (EF 1001).  Any answer but the expected one means
 * a card refmd does not drive. */
static DWORD identify(PCARD_DATA pCardData, refmd_ctx_t *ctx) {
  static const BYTE mf[2] = {0x3F, 0x00}, cardid[2] = {0x10, 0x01};
  const refmd_apdu_t steps[] = {
      {0x00, 0xA4, 0x00, 0x0C, mf, sizeof mf, 0},
      {0x00, 0xA4, 0x08, 0x0C, cardid, sizeof cardid, 0},
      {0x00, 0xB0, 0x00, 0x00, NULL, 0, sizeof ctx->cardid},
  };
  refmd_rsp_t rsp;
  DWORD rc;
  size_t i;

  for (i = 0; i < sizeof steps / sizeof steps[0]; i++) {
    rc = refmd_transmit(pCardData, &steps[i], &rsp);
    if (rc)
      return rc;
    if (rsp.sw != 0x9000)
      return SCARD_E_UNKNOWN_CARD;
  }
  if (rsp.len != sizeof ctx->cardid)
    return SCARD_E_UNKNOWN_CARD;
  memcpy(ctx->cardid, rsp.data, sizeof ctx->cardid);
  return SCARD_S_SUCCESS;
}

DWORD WINAPI CardAcquireContext(PCARD_DATA pCardData, DWORD dwFlags) {
  refmd_ctx_t *ctx = NULL;
  DWORD rc, version;

  if (pCardData == NULL || dwFlags != 0)
    return SCARD_E_INVALID_PARAMETER; /* E1, E2 */
  if (pCardData->dwVersion < REFMD_VERSION_MIN)
    return ERROR_REVISION_MISMATCH; /* E3 */
  if (pCardData->pbAtr == NULL || pCardData->cbAtr == 0 || pCardData->cbAtr > SCARD_ATR_LENGTH ||
      pCardData->pwszCardName == NULL) /* E4, E5, E6 */
    return SCARD_E_INVALID_PARAMETER;
  if (!atr_is_sim(pCardData->pbAtr, pCardData->cbAtr))
    return SCARD_E_UNKNOWN_CARD; /* E7 */
  if (pCardData->pfnCspAlloc == NULL || pCardData->pfnCspReAlloc == NULL ||
      pCardData->pfnCspFree == NULL)
    return SCARD_E_INVALID_PARAMETER; /* E8 */
  /* E9: no context is fine (the CSP may not pass one); a bad one is not. */
  if (pCardData->hSCardCtx != 0 && SCardIsValidContext(pCardData->hSCardCtx) != SCARD_S_SUCCESS)
    return SCARD_E_INVALID_HANDLE;
  if (pCardData->hScard == 0)
    return SCARD_E_INVALID_HANDLE; /* E10 */
  version = pCardData->dwVersion > REFMD_VERSION_MAX ? REFMD_VERSION_MAX : pCardData->dwVersion;

  ctx = pCardData->pfnCspAlloc(sizeof *ctx);
  if (ctx == NULL)
    return SCARD_E_NO_MEMORY;
  memset(ctx, 0, sizeof *ctx);
  ctx->magic = REFMD_MAGIC;
  rc = refmd_begin(pCardData);
  if (rc)
    goto out;
  rc = identify(pCardData, ctx);
  refmd_end(pCardData);
  if (rc)
    goto out;

#define SET_ENTRY(v, field, fn)                                                                    \
  if (version >= (v))                                                                              \
    pCardData->field = fn;
  REFMD_ENTRY_POINTS(SET_ENTRY)
#undef SET_ENTRY
  pCardData->pvVendorSpecific = ctx;
  pCardData->dwVersion = version;
  ctx = NULL;
out:
  if (ctx)
    pCardData->pfnCspFree(ctx);
  return rc;
}

DWORD WINAPI CardDeleteContext(PCARD_DATA pCardData) {
  refmd_ctx_t *ctx;

  if (pCardData == NULL)
    return SCARD_E_INVALID_PARAMETER;
  ctx = pCardData->pvVendorSpecific;
  if (ctx == NULL)
    return SCARD_S_SUCCESS; /* nothing acquired, nothing to free */
  if (ctx->magic != REFMD_MAGIC)
    return SCARD_E_INVALID_PARAMETER;
  refmd_forget_challenge(pCardData);
  ctx->magic = 0; /* a stale pointer must not pass refmd_check */
  pCardData->pfnCspFree(ctx);
  pCardData->pvVendorSpecific = NULL;
  return SCARD_S_SUCCESS;
}

DWORD WINAPI CardQueryCapabilities(PCARD_DATA pCardData, PCARD_CAPABILITIES pCardCapabilities) {
  DWORD rc = refmd_check(pCardData);
  if (rc)
    return rc;
  if (pCardCapabilities == NULL)
    return SCARD_E_INVALID_PARAMETER;
  /* Version 0 means version 1 (CMR.4.1.1.3). */
  if (pCardCapabilities->dwVersion > CARD_CAPABILITIES_CURRENT_VERSION)
    return ERROR_REVISION_MISMATCH;
  pCardCapabilities->fCertificateCompression = FALSE;
  pCardCapabilities->fKeyGen = TRUE; /* GENERATE KEY PAIR; no key import */
  return SCARD_S_SUCCESS;
}

DWORD refmd_check(PCARD_DATA pCardData) {
  const refmd_ctx_t *ctx;
  if (pCardData == NULL)
    return SCARD_E_INVALID_PARAMETER;
  ctx = pCardData->pvVendorSpecific;
  if (ctx == NULL || ctx->magic != REFMD_MAGIC)
    return SCARD_E_INVALID_PARAMETER;
  return SCARD_S_SUCCESS;
}

void refmd_reverse(BYTE *p, DWORD n) {
  DWORD i;
  for (i = 0; i < n / 2; i++) {
    BYTE t = p[i];
    p[i] = p[n - 1 - i];
    p[n - 1 - i] = t;
  }
}

BOOL refmd_wcs_eq(LPCWSTR s, LPCWSTR lit) {
  size_t i;
  /* Stops at the first difference or at the literal's NUL, so s is never
   * read past its own terminator. */
  for (i = 0;; i++) {
    if (s[i] != lit[i])
      return FALSE;
    if (lit[i] == 0)
      return TRUE;
  }
}
