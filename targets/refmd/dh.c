/* refmd ECDH exports: CardConstructDHAgreement, CardDeriveKey,
 * CardDestroyDHAgreement.  The card holds no AT_ECDHE_* key (its ECC keys
 * sign) and has no key-agreement command, so no agreement ever exists;
 * each export still checks its arguments in the order of CMR.4.3.2.E*,
 * CMR.4.3.3.E* and CMR.4.3.4.E*, and fails at the first rule that the
 * missing agreement trips (E5, E6/E7 and E2 respectively). */
#include "refmd.h"

/* bcrypt's KDF_USE_SECRET_AS_HMAC_KEY_FLAG (not in the compat subset). */
#define REFMD_KDF_SECRET_AS_HMAC 0x1

DWORD WINAPI CardConstructDHAgreement(PCARD_DATA pCardData,
                                      PCARD_DH_AGREEMENT_INFO pAgreementInfo) {
  refmd_key_t key;
  DWORD rc;

  rc = refmd_check(pCardData);
  if (rc)
    return rc;
  if (pAgreementInfo == NULL)
    return SCARD_E_INVALID_PARAMETER; /* E2 */
  /* E3: only version 2 exists (0 would mean 1, which is not supported). */
  if (pAgreementInfo->dwVersion != CARD_DH_AGREEMENT_INFO_VERSION)
    return ERROR_REVISION_MISMATCH;
  if (pAgreementInfo->pbPublicKey == NULL)
    return SCARD_E_INVALID_PARAMETER; /* E4 */
  rc = refmd_begin(pCardData);
  if (rc)
    return rc;
  rc = refmd_key_load(pCardData, pAgreementInfo->bContainerIndex, &key);
  refmd_end(pCardData);
  /* E5: no container -> SCARD_E_NO_KEY_CONTAINER; one that holds no
   * AT_ECDHE_* key (all of the card's) -> SCARD_E_INVALID_PARAMETER. */
  return rc ? rc : SCARD_E_INVALID_PARAMETER;
}

DWORD WINAPI CardDeriveKey(PCARD_DATA pCardData, PCARD_DERIVE_KEY pAgreementInfo) {
  DWORD rc, version, flags;

  rc = refmd_check(pCardData);
  if (rc)
    return rc;
  if (pAgreementInfo == NULL)
    return SCARD_E_INVALID_PARAMETER; /* E2 */
  version = pAgreementInfo->dwVersion ? pAgreementInfo->dwVersion : CARD_DERIVE_KEY_VERSION;
  if (version > CARD_DERIVE_KEY_CURRENT_VERSION)
    return ERROR_REVISION_MISMATCH; /* E3 */
  if (pAgreementInfo->pwszKDF == NULL)
    return SCARD_E_INVALID_PARAMETER; /* E4 */
  flags = REFMD_KDF_SECRET_AS_HMAC | CARD_BUFFER_SIZE_ONLY;
  if (version >= CARD_DERIVE_KEY_VERSION_TWO)
    flags |= CARD_RETURN_KEY_HANDLE;
  if (pAgreementInfo->dwFlags & ~flags)
    return SCARD_E_INVALID_PARAMETER; /* E5 */
  /* E6: a KDF the driver cannot compute is invalid, and with no agreement
   * on the card that is every KDF (E7 would refuse every index anyway).
   * Only v1 fields are read: a v1 caller's struct ends before pwszAlgId. */
  return SCARD_E_INVALID_PARAMETER;
}

DWORD WINAPI CardDestroyDHAgreement(PCARD_DATA pCardData, BYTE bSecretAgreementIndex,
                                    DWORD dwFlags) {
  DWORD rc = refmd_check(pCardData);
  (void)bSecretAgreementIndex, (void)dwFlags;
  /* E2 comes before the flags (E3): no index is a live agreement. */
  return rc ? rc : SCARD_E_INVALID_PARAMETER;
}
