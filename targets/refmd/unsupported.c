/* refmd entry points the simulated card cannot back: each validates
 * pCardData and returns SCARD_E_UNSUPPORTED_FEATURE.  One table below
 * generates them all with their exact signatures (prototypes from
 * cardmod.h), so every CARD_DATA slot holds a function of the right type. */
#include "refmd.h"

static DWORD unsupported(PCARD_DATA pCardData) {
  DWORD rc = refmd_check(pCardData);
  return rc ? rc : SCARD_E_UNSUPPORTED_FEATURE;
}

#define REFMD_UNSUPPORTED(X) \
  /* v4: no on-card key generation or import, no ECDH */ \
  X(CardDeleteContainer, (PCARD_DATA pCardData, BYTE bContainerIndex, DWORD dwReserved)) \
  X(CardCreateContainer, (PCARD_DATA pCardData, BYTE bContainerIndex, DWORD dwFlags, DWORD dwKeySpec, \
                          DWORD dwKeySize, PBYTE pbKeyData)) \
  X(CardConstructDHAgreement, (PCARD_DATA pCardData, PCARD_DH_AGREEMENT_INFO pAgreementInfo)) \
  /* v5 */ \
  X(CardDeriveKey, (PCARD_DATA pCardData, PCARD_DERIVE_KEY pAgreementInfo)) \
  X(CardDestroyDHAgreement, (PCARD_DATA pCardData, BYTE bSecretAgreementIndex, DWORD dwFlags)) \
  /* v6 */ \
  X(CardGetChallengeEx, (PCARD_DATA pCardData, PIN_ID PinId, PBYTE *ppbChallengeData, PDWORD pcbChallengeData, \
                         DWORD dwFlags)) \
  X(CardAuthenticateEx, (PCARD_DATA pCardData, PIN_ID PinId, DWORD dwFlags, PBYTE pbPinData, DWORD cbPinData, \
                         PBYTE *ppbSessionPin, PDWORD pcbSessionPin, PDWORD pcAttemptsRemaining)) \
  X(CardChangeAuthenticatorEx, (PCARD_DATA pCardData, DWORD dwFlags, PIN_ID dwAuthenticatingPinId, \
                                PBYTE pbAuthenticatingPinData, DWORD cbAuthenticatingPinData, PIN_ID dwTargetPinId, \
                                PBYTE pbTargetData, DWORD cbTargetData, DWORD cRetryCount, \
                                PDWORD pcAttemptsRemaining)) \
  X(CardDeauthenticateEx, (PCARD_DATA pCardData, PIN_SET PinId, DWORD dwFlags)) \
  X(CardGetContainerProperty, (PCARD_DATA pCardData, BYTE bContainerIndex, LPCWSTR wszProperty, PBYTE pbData, \
                               DWORD cbData, PDWORD pdwDataLen, DWORD dwFlags)) \
  X(CardSetContainerProperty, (PCARD_DATA pCardData, BYTE bContainerIndex, LPCWSTR wszProperty, PBYTE pbData, \
                               DWORD cbDataLen, DWORD dwFlags)) \
  X(CardGetProperty, (PCARD_DATA pCardData, LPCWSTR wszProperty, PBYTE pbData, DWORD cbData, PDWORD pdwDataLen, \
                      DWORD dwFlags)) \
  X(CardSetProperty, (PCARD_DATA pCardData, LPCWSTR wszProperty, PBYTE pbData, DWORD cbDataLen, DWORD dwFlags)) \
  /* v7 */ \
  X(MDImportSessionKey, (PCARD_DATA pCardData, LPCWSTR pwszBlobType, LPCWSTR pwszAlgId, PCARD_KEY_HANDLE phKey, \
                         PBYTE pbInput, DWORD cbInput)) \
  X(MDEncryptData, (PCARD_DATA pCardData, CARD_KEY_HANDLE hKey, LPCWSTR pwszSecureFunction, PBYTE pbInput, \
                    DWORD cbInput, DWORD dwFlags, PCARD_ENCRYPTED_DATA *ppEncryptedData, \
                    PDWORD pcEncryptedData)) \
  X(CardImportSessionKey, (PCARD_DATA pCardData, BYTE bContainerIndex, LPVOID pPaddingInfo, LPCWSTR pwszBlobType, \
                           LPCWSTR pwszAlgId, PCARD_KEY_HANDLE phKey, PBYTE pbInput, DWORD cbInput, \
                           DWORD dwFlags)) \
  X(CardGetSharedKeyHandle, (PCARD_DATA pCardData, PBYTE pbInput, DWORD cbInput, PBYTE *ppbOutput, \
                             PDWORD pcbOutput, PCARD_KEY_HANDLE phKey)) \
  X(CardGetAlgorithmProperty, (PCARD_DATA pCardData, LPCWSTR pwszAlgId, LPCWSTR pwszProperty, PBYTE pbData, \
                               DWORD cbData, PDWORD pdwDataLen, DWORD dwFlags)) \
  X(CardGetKeyProperty, (PCARD_DATA pCardData, CARD_KEY_HANDLE hKey, LPCWSTR pwszProperty, PBYTE pbData, \
                         DWORD cbData, PDWORD pdwDataLen, DWORD dwFlags)) \
  X(CardSetKeyProperty, (PCARD_DATA pCardData, CARD_KEY_HANDLE hKey, LPCWSTR pwszProperty, PBYTE pbInput, \
                         DWORD cbInput, DWORD dwFlags)) \
  X(CardDestroyKey, (PCARD_DATA pCardData, CARD_KEY_HANDLE hKey)) \
  X(CardProcessEncryptedData, (PCARD_DATA pCardData, CARD_KEY_HANDLE hKey, LPCWSTR pwszSecureFunction, \
                               PCARD_ENCRYPTED_DATA pEncryptedData, DWORD cEncryptedData, PBYTE pbOutput, \
                               DWORD cbOutput, PDWORD pdwOutputLen, DWORD dwFlags)) \
  X(CardCreateContainerEx, (PCARD_DATA pCardData, BYTE bContainerIndex, DWORD dwFlags, DWORD dwKeySpec, \
                            DWORD dwKeySize, PBYTE pbKeyData, PIN_ID PinId))

/* The generated bodies look only at pCardData. */
#pragma GCC diagnostic ignored "-Wunused-parameter"

#define REFMD_DEFINE_UNSUPPORTED(name, params) \
  DWORD WINAPI name params { return unsupported(pCardData); }
REFMD_UNSUPPORTED(REFMD_DEFINE_UNSUPPORTED)
