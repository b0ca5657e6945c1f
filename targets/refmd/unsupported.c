/* refmd entry points the simulated card cannot back: the v7 secure key
 * injection (the card has no symmetric keys and imports nothing, which
 * CP_KEY_IMPORT_SUPPORT reports as 0).  Each validates pCardData and
 * returns SCARD_E_UNSUPPORTED_FEATURE.  One table below
 * generates them all with their exact signatures (prototypes from
 * cardmod.h), so every CARD_DATA slot holds a function of the right type. */
#include "refmd.h"

static DWORD unsupported(PCARD_DATA pCardData) {
  DWORD rc = refmd_check(pCardData);
  return rc ? rc : SCARD_E_UNSUPPORTED_FEATURE;
}

#define REFMD_UNSUPPORTED(X)                                                                       \
  /* v7 secure key injection */                                                                    \
  X(MDImportSessionKey, (PCARD_DATA pCardData, LPCWSTR pwszBlobType, LPCWSTR pwszAlgId,            \
                         PCARD_KEY_HANDLE phKey, PBYTE pbInput, DWORD cbInput))                    \
  X(MDEncryptData, (PCARD_DATA pCardData, CARD_KEY_HANDLE hKey, LPCWSTR pwszSecureFunction,        \
                    PBYTE pbInput, DWORD cbInput, DWORD dwFlags,                                   \
                    PCARD_ENCRYPTED_DATA * ppEncryptedData, PDWORD pcEncryptedData))               \
  X(CardImportSessionKey,                                                                          \
    (PCARD_DATA pCardData, BYTE bContainerIndex, LPVOID pPaddingInfo, LPCWSTR pwszBlobType,        \
     LPCWSTR pwszAlgId, PCARD_KEY_HANDLE phKey, PBYTE pbInput, DWORD cbInput, DWORD dwFlags))      \
  X(CardGetSharedKeyHandle, (PCARD_DATA pCardData, PBYTE pbInput, DWORD cbInput,                   \
                             PBYTE * ppbOutput, PDWORD pcbOutput, PCARD_KEY_HANDLE phKey))         \
  X(CardGetAlgorithmProperty, (PCARD_DATA pCardData, LPCWSTR pwszAlgId, LPCWSTR pwszProperty,      \
                               PBYTE pbData, DWORD cbData, PDWORD pdwDataLen, DWORD dwFlags))      \
  X(CardGetKeyProperty, (PCARD_DATA pCardData, CARD_KEY_HANDLE hKey, LPCWSTR pwszProperty,         \
                         PBYTE pbData, DWORD cbData, PDWORD pdwDataLen, DWORD dwFlags))            \
  X(CardSetKeyProperty, (PCARD_DATA pCardData, CARD_KEY_HANDLE hKey, LPCWSTR pwszProperty,         \
                         PBYTE pbInput, DWORD cbInput, DWORD dwFlags))                             \
  X(CardDestroyKey, (PCARD_DATA pCardData, CARD_KEY_HANDLE hKey))                                  \
  X(CardProcessEncryptedData,                                                                      \
    (PCARD_DATA pCardData, CARD_KEY_HANDLE hKey, LPCWSTR pwszSecureFunction,                       \
     PCARD_ENCRYPTED_DATA pEncryptedData, DWORD cEncryptedData, PBYTE pbOutput, DWORD cbOutput,    \
     PDWORD pdwOutputLen, DWORD dwFlags))

/* The generated bodies look only at pCardData. */
#pragma GCC diagnostic ignored "-Wunused-parameter"

#define REFMD_DEFINE_UNSUPPORTED(name, params)                                                     \
  DWORD WINAPI name params {                                                                       \
    return unsupported(pCardData);                                                                 \
  }
REFMD_UNSUPPORTED(REFMD_DEFINE_UNSUPPORTED)
