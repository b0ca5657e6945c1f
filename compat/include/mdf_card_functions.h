/* mdfuzz clean-room Windows ABI: signatures of the card module's entry points.
 *
 * X(pfn_type, function_name, (parameter list)), one row per entry point the
 * card module fills into CARD_DATA, in CARD_DATA order.  cardmod.h expands it
 * into the PFN_* typedef and the Card* prototype of each row, so the two can
 * never disagree.  Names and parameter types are facts from the minidriver
 * specification.  Include cardmod.h, not this file. */
#ifndef MDF_COMPAT_CARD_FUNCTIONS_H
#define MDF_COMPAT_CARD_FUNCTIONS_H

#define MDF_CARD_FUNCTIONS(X)                                                                      \
  /* version 4 */                                                                                  \
  X(PFN_CARD_DELETE_CONTEXT, CardDeleteContext, (PCARD_DATA pCardData))                            \
  X(PFN_CARD_QUERY_CAPABILITIES, CardQueryCapabilities,                                            \
    (PCARD_DATA pCardData, PCARD_CAPABILITIES pCardCapabilities))                                  \
  X(PFN_CARD_DELETE_CONTAINER, CardDeleteContainer,                                                \
    (PCARD_DATA pCardData, BYTE bContainerIndex, DWORD dwReserved))                                \
  X(PFN_CARD_CREATE_CONTAINER, CardCreateContainer,                                                \
    (PCARD_DATA pCardData, BYTE bContainerIndex, DWORD dwFlags, DWORD dwKeySpec, DWORD dwKeySize,  \
     PBYTE pbKeyData))                                                                             \
  X(PFN_CARD_GET_CONTAINER_INFO, CardGetContainerInfo,                                             \
    (PCARD_DATA pCardData, BYTE bContainerIndex, DWORD dwFlags, PCONTAINER_INFO pContainerInfo))   \
  X(PFN_CARD_AUTHENTICATE_PIN, CardAuthenticatePin,                                                \
    (PCARD_DATA pCardData, LPWSTR pwszUserId, PBYTE pbPin, DWORD cbPin,                            \
     PDWORD pcAttemptsRemaining))                                                                  \
  X(PFN_CARD_GET_CHALLENGE, CardGetChallenge,                                                      \
    (PCARD_DATA pCardData, PBYTE * ppbChallengeData, PDWORD pcbChallengeData))                     \
  X(PFN_CARD_AUTHENTICATE_CHALLENGE, CardAuthenticateChallenge,                                    \
    (PCARD_DATA pCardData, PBYTE pbResponseData, DWORD cbResponseData,                             \
     PDWORD pcAttemptsRemaining))                                                                  \
  X(PFN_CARD_UNBLOCK_PIN, CardUnblockPin,                                                          \
    (PCARD_DATA pCardData, LPWSTR pwszUserId, PBYTE pbAuthenticationData,                          \
     DWORD cbAuthenticationData, PBYTE pbNewPinData, DWORD cbNewPinData, DWORD cRetryCount,        \
     DWORD dwFlags))                                                                               \
  X(PFN_CARD_CHANGE_AUTHENTICATOR, CardChangeAuthenticator,                                        \
    (PCARD_DATA pCardData, LPWSTR pwszUserId, PBYTE pbCurrentAuthenticator,                        \
     DWORD cbCurrentAuthenticator, PBYTE pbNewAuthenticator, DWORD cbNewAuthenticator,             \
     DWORD cRetryCount, DWORD dwFlags, PDWORD pcAttemptsRemaining))                                \
  X(PFN_CARD_DEAUTHENTICATE, CardDeauthenticate,                                                   \
    (PCARD_DATA pCardData, LPWSTR pwszUserId, DWORD dwFlags))                                      \
  X(PFN_CARD_CREATE_DIRECTORY, CardCreateDirectory,                                                \
    (PCARD_DATA pCardData, LPSTR pszDirectoryName,                                                 \
     CARD_DIRECTORY_ACCESS_CONDITION AccessCondition))                                             \
  X(PFN_CARD_DELETE_DIRECTORY, CardDeleteDirectory,                                                \
    (PCARD_DATA pCardData, LPSTR pszDirectoryName))                                                \
  X(PFN_CARD_CREATE_FILE, CardCreateFile,                                                          \
    (PCARD_DATA pCardData, LPSTR pszDirectoryName, LPSTR pszFileName, DWORD cbInitialCreationSize, \
     CARD_FILE_ACCESS_CONDITION AccessCondition))                                                  \
  X(PFN_CARD_READ_FILE, CardReadFile,                                                              \
    (PCARD_DATA pCardData, LPSTR pszDirectoryName, LPSTR pszFileName, DWORD dwFlags,               \
     PBYTE * ppbData, PDWORD pcbData))                                                             \
  X(PFN_CARD_WRITE_FILE, CardWriteFile,                                                            \
    (PCARD_DATA pCardData, LPSTR pszDirectoryName, LPSTR pszFileName, DWORD dwFlags, PBYTE pbData, \
     DWORD cbData))                                                                                \
  X(PFN_CARD_DELETE_FILE, CardDeleteFile,                                                          \
    (PCARD_DATA pCardData, LPSTR pszDirectoryName, LPSTR pszFileName, DWORD dwFlags))              \
  X(PFN_CARD_ENUM_FILES, CardEnumFiles,                                                            \
    (PCARD_DATA pCardData, LPSTR pszDirectoryName, LPSTR * pmszFileNames, LPDWORD pdwcbFileName,   \
     DWORD dwFlags))                                                                               \
  X(PFN_CARD_GET_FILE_INFO, CardGetFileInfo,                                                       \
    (PCARD_DATA pCardData, LPSTR pszDirectoryName, LPSTR pszFileName,                              \
     PCARD_FILE_INFO pCardFileInfo))                                                               \
  X(PFN_CARD_QUERY_FREE_SPACE, CardQueryFreeSpace,                                                 \
    (PCARD_DATA pCardData, DWORD dwFlags, PCARD_FREE_SPACE_INFO pCardFreeSpaceInfo))               \
  X(PFN_CARD_QUERY_KEY_SIZES, CardQueryKeySizes,                                                   \
    (PCARD_DATA pCardData, DWORD dwKeySpec, DWORD dwFlags, PCARD_KEY_SIZES pKeySizes))             \
  X(PFN_CARD_SIGN_DATA, CardSignData, (PCARD_DATA pCardData, PCARD_SIGNING_INFO pInfo))            \
  X(PFN_CARD_RSA_DECRYPT, CardRSADecrypt, (PCARD_DATA pCardData, PCARD_RSA_DECRYPT_INFO pInfo))    \
  X(PFN_CARD_CONSTRUCT_DH_AGREEMENT, CardConstructDHAgreement,                                     \
    (PCARD_DATA pCardData, PCARD_DH_AGREEMENT_INFO pAgreementInfo))                                \
  /* version 5 */                                                                                  \
  X(PFN_CARD_DERIVE_KEY, CardDeriveKey, (PCARD_DATA pCardData, PCARD_DERIVE_KEY pAgreementInfo))   \
  X(PFN_CARD_DESTROY_DH_AGREEMENT, CardDestroyDHAgreement,                                         \
    (PCARD_DATA pCardData, BYTE bSecretAgreementIndex, DWORD dwFlags))                             \
  /* version 6 */                                                                                  \
  X(PFN_CARD_GET_CHALLENGE_EX, CardGetChallengeEx,                                                 \
    (PCARD_DATA pCardData, PIN_ID PinId, PBYTE * ppbChallengeData, PDWORD pcbChallengeData,        \
     DWORD dwFlags))                                                                               \
  X(PFN_CARD_AUTHENTICATE_EX, CardAuthenticateEx,                                                  \
    (PCARD_DATA pCardData, PIN_ID PinId, DWORD dwFlags, PBYTE pbPinData, DWORD cbPinData,          \
     PBYTE * ppbSessionPin, PDWORD pcbSessionPin, PDWORD pcAttemptsRemaining))                     \
  X(PFN_CARD_CHANGE_AUTHENTICATOR_EX, CardChangeAuthenticatorEx,                                   \
    (PCARD_DATA pCardData, DWORD dwFlags, PIN_ID dwAuthenticatingPinId,                            \
     PBYTE pbAuthenticatingPinData, DWORD cbAuthenticatingPinData, PIN_ID dwTargetPinId,           \
     PBYTE pbTargetData, DWORD cbTargetData, DWORD cRetryCount, PDWORD pcAttemptsRemaining))       \
  X(PFN_CARD_DEAUTHENTICATE_EX, CardDeauthenticateEx,                                              \
    (PCARD_DATA pCardData, PIN_SET PinId, DWORD dwFlags))                                          \
  X(PFN_CARD_GET_CONTAINER_PROPERTY, CardGetContainerProperty,                                     \
    (PCARD_DATA pCardData, BYTE bContainerIndex, LPCWSTR wszProperty, PBYTE pbData, DWORD cbData,  \
     PDWORD pdwDataLen, DWORD dwFlags))                                                            \
  X(PFN_CARD_SET_CONTAINER_PROPERTY, CardSetContainerProperty,                                     \
    (PCARD_DATA pCardData, BYTE bContainerIndex, LPCWSTR wszProperty, PBYTE pbData,                \
     DWORD cbDataLen, DWORD dwFlags))                                                              \
  X(PFN_CARD_GET_PROPERTY, CardGetProperty,                                                        \
    (PCARD_DATA pCardData, LPCWSTR wszProperty, PBYTE pbData, DWORD cbData, PDWORD pdwDataLen,     \
     DWORD dwFlags))                                                                               \
  X(PFN_CARD_SET_PROPERTY, CardSetProperty,                                                        \
    (PCARD_DATA pCardData, LPCWSTR wszProperty, PBYTE pbData, DWORD cbDataLen, DWORD dwFlags))     \
  /* version 7 */                                                                                  \
  X(PFN_MD_IMPORT_SESSION_KEY, MDImportSessionKey,                                                 \
    (PCARD_DATA pCardData, LPCWSTR pwszBlobType, LPCWSTR pwszAlgId, PCARD_KEY_HANDLE phKey,        \
     PBYTE pbInput, DWORD cbInput))                                                                \
  X(PFN_MD_ENCRYPT_DATA, MDEncryptData,                                                            \
    (PCARD_DATA pCardData, CARD_KEY_HANDLE hKey, LPCWSTR pwszSecureFunction, PBYTE pbInput,        \
     DWORD cbInput, DWORD dwFlags, PCARD_ENCRYPTED_DATA * ppEncryptedData,                         \
     PDWORD pcEncryptedData))                                                                      \
  X(PFN_CARD_IMPORT_SESSION_KEY, CardImportSessionKey,                                             \
    (PCARD_DATA pCardData, BYTE bContainerIndex, LPVOID pPaddingInfo, LPCWSTR pwszBlobType,        \
     LPCWSTR pwszAlgId, PCARD_KEY_HANDLE phKey, PBYTE pbInput, DWORD cbInput, DWORD dwFlags))      \
  X(PFN_CARD_GET_SHARED_KEY_HANDLE, CardGetSharedKeyHandle,                                        \
    (PCARD_DATA pCardData, PBYTE pbInput, DWORD cbInput, PBYTE * ppbOutput, PDWORD pcbOutput,      \
     PCARD_KEY_HANDLE phKey))                                                                      \
  X(PFN_CARD_GET_ALGORITHM_PROPERTY, CardGetAlgorithmProperty,                                     \
    (PCARD_DATA pCardData, LPCWSTR pwszAlgId, LPCWSTR pwszProperty, PBYTE pbData, DWORD cbData,    \
     PDWORD pdwDataLen, DWORD dwFlags))                                                            \
  X(PFN_CARD_GET_KEY_PROPERTY, CardGetKeyProperty,                                                 \
    (PCARD_DATA pCardData, CARD_KEY_HANDLE hKey, LPCWSTR pwszProperty, PBYTE pbData, DWORD cbData, \
     PDWORD pdwDataLen, DWORD dwFlags))                                                            \
  X(PFN_CARD_SET_KEY_PROPERTY, CardSetKeyProperty,                                                 \
    (PCARD_DATA pCardData, CARD_KEY_HANDLE hKey, LPCWSTR pwszProperty, PBYTE pbInput,              \
     DWORD cbInput, DWORD dwFlags))                                                                \
  X(PFN_CARD_DESTROY_KEY, CardDestroyKey, (PCARD_DATA pCardData, CARD_KEY_HANDLE hKey))            \
  X(PFN_CARD_PROCESS_ENCRYPTED_DATA, CardProcessEncryptedData,                                     \
    (PCARD_DATA pCardData, CARD_KEY_HANDLE hKey, LPCWSTR pwszSecureFunction,                       \
     PCARD_ENCRYPTED_DATA pEncryptedData, DWORD cEncryptedData, PBYTE pbOutput, DWORD cbOutput,    \
     PDWORD pdwOutputLen, DWORD dwFlags))                                                          \
  X(PFN_CARD_CREATE_CONTAINER_EX, CardCreateContainerEx,                                           \
    (PCARD_DATA pCardData, BYTE bContainerIndex, DWORD dwFlags, DWORD dwKeySpec, DWORD dwKeySize,  \
     PBYTE pbKeyData, PIN_ID PinId))

#endif
