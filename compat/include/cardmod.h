/* mdfuzz clean-room Windows ABI: the smart-card minidriver interface.
 *
 * Written from the facts of the minidriver specification (CARD_DATA
 * versions 4 to 7): names, values, layouts and signatures; see
 * /work/shared/reference/minidriver-api-facts.md.  Layouts follow the
 * Windows natural alignment (x64 and x86); tests/test-compat-abi.c and
 * tests/compat/abi_x86.c check every offset.
 *
 * Every function is WINAPI and returns a DWORD status (0 = success) except
 * the CSP allocator callbacks.  The enum-typed parameters are DWORDs so a
 * caller may pass any 32-bit value without undefined behaviour (C++ and
 * UBSan treat out-of-range enum values as UB); the named values are plain
 * enumerators. */
#ifndef MDF_COMPAT_CARDMOD_H
#define MDF_COMPAT_CARDMOD_H

#include "mdf_wintypes.h"
#include "mdf_sal.h"
#include "winerror.h"
#include "winscard.h"
#include "wincrypt.h"
#include "bcrypt.h"
#include "mdf_card_data_fields.h"

MDF_EXTERN_C_BEGIN

/* ---- CARD_DATA versions ------------------------------------------------ */
#define CARD_DATA_VERSION_FOUR 4
#define CARD_DATA_VERSION_FIVE 5
#define CARD_DATA_VERSION_SIX 6
#define CARD_DATA_VERSION_SEVEN 7
#define CARD_DATA_CURRENT_VERSION CARD_DATA_VERSION_SEVEN

/* ---- Basic types ------------------------------------------------------- */
typedef ULONG_PTR CARD_KEY_HANDLE, *PCARD_KEY_HANDLE;
typedef DWORD PIN_ID, *PPIN_ID;
typedef DWORD PIN_SET, *PPIN_SET;

#define CARD_DATA_VALUE_UNKNOWN ((DWORD)0xFFFFFFFFu)
#ifndef SCARD_PROVIDER_CARD_MODULE
#define SCARD_PROVIDER_CARD_MODULE 0x80000001u
#endif

/* ---- Well-known file system names -------------------------------------- */
#define szBASE_CSP_DIR "mscp"
#define szINTERMEDIATE_CERTS_DIR "mscerts"
#define szCACHE_FILE "cardcf"
#define szCARD_IDENTIFIER_FILE "cardid"
#define szCONTAINER_MAP_FILE "cmapfile"
#define szROOT_STORE_FILE "msroots"
#define szUSER_SIGNATURE_CERT_PREFIX "ksc"
#define szUSER_KEYEXCHANGE_CERT_PREFIX "kxc"
#define szUSER_SIGNATURE_PRIVATE_KEY_PREFIX "kss"
#define szUSER_SIGNATURE_PUBLIC_KEY_PREFIX "ksp"
#define szUSER_KEYEXCHANGE_PRIVATE_KEY_PREFIX "kxs"
#define szUSER_KEYEXCHANGE_PUBLIC_KEY_PREFIX "kxp"

/* Logical user names (CardAuthenticatePin and friends). */
#define wszCARD_USER_EVERYONE L"anonymous"
#define wszCARD_USER_USER L"user"
#define wszCARD_USER_ADMIN L"admin"

/* ---- Access conditions (4-byte values) ---------------------------------- */
typedef DWORD CARD_DIRECTORY_ACCESS_CONDITION;
enum { InvalidDirAc = 0, UserCreateDeleteDirAc = 1, AdminCreateDeleteDirAc = 2 };

typedef DWORD CARD_FILE_ACCESS_CONDITION;
enum {
  InvalidAc = 0,
  EveryoneReadUserWriteAc = 1,
  UserWriteExecuteAc = 2,
  EveryoneReadAdminWriteAc = 3,
  UnknownAc = 4,
  UserReadWriteAc = 5,
  AdminReadWriteAc = 6
};

/* ---- Key specs beyond wincrypt's AT_KEYEXCHANGE / AT_SIGNATURE ---------- */
#define AT_ECDSA_P256 3
#define AT_ECDSA_P384 4
#define AT_ECDSA_P521 5
#define AT_ECDHE_P256 6
#define AT_ECDHE_P384 7
#define AT_ECDHE_P521 8

/* ---- Flags --------------------------------------------------------------- */
/* CardAcquireContext dwFlags (v7). */
#define CARD_SECURE_KEY_INJECTION_NO_CARD_MODE 0x1
/* Sign / derive: return only the size. */
#define CARD_BUFFER_SIZE_ONLY 0x20000000
/* Sign: pPaddingInfo / dwPaddingType are valid. */
#define CARD_PADDING_INFO_PRESENT 0x40000000
#define CARD_PADDING_NONE 0x00000001
#define CARD_PADDING_PKCS1 0x00000002
#define CARD_PADDING_PSS 0x00000004
#define CARD_PADDING_OAEP 0x00000008
/* CardCreateContainer(Ex) dwFlags. */
#define CARD_CREATE_CONTAINER_KEY_GEN 1
#define CARD_CREATE_CONTAINER_KEY_IMPORT 2
/* CardUnblockPin dwFlags. */
#define CARD_AUTHENTICATE_PIN_CHALLENGE_RESPONSE 1
#define CARD_AUTHENTICATE_PIN_PIN 2
/* CardAuthenticateEx dwFlags. */
#define CARD_AUTHENTICATE_GENERATE_SESSION_PIN 0x10000000
#define CARD_AUTHENTICATE_SESSION_PIN 0x20000000
#define CARD_PIN_SILENT_CONTEXT 0x00000040
/* CP_CARD_PIN_STRENGTH_* values. */
#define CARD_PIN_STRENGTH_PLAINTEXT 0x1
#define CARD_PIN_STRENGTH_SESSION_PIN 0x2
/* CardChangeAuthenticatorEx dwFlags. */
#define PIN_CHANGE_FLAG_UNBLOCK 0x01
#define PIN_CHANGE_FLAG_CHANGEPIN 0x02
/* CardDeriveKey dwFlags. */
#define CARD_RETURN_KEY_HANDLE 0x1000000
/* CP_KEY_IMPORT_SUPPORT bits (v7). */
#define CARD_KEY_IMPORT_PLAIN_TEXT 0x1
#define CARD_KEY_IMPORT_RSA_KEYEST 0x2
#define CARD_KEY_IMPORT_ECC_KEYEST 0x4
#define CARD_KEY_IMPORT_SHARED_SYMMETRIC 0x8
/* CP_ENUM_ALGORITHMS dwFlags (v7). */
#define CARD_CIPHER_OPERATION 0x1
#define CARD_ASYMMETRIC_OPERATION 0x2
/* v7 algorithm, padding and chaining names. */
#define CARD_3DES_112_ALGORITHM BCRYPT_3DES_112_ALGORITHM
#define CARD_3DES_ALGORITHM BCRYPT_3DES_ALGORITHM
#define CARD_AES_ALGORITHM BCRYPT_AES_ALGORITHM
#define CARD_BLOCK_PADDING BCRYPT_BLOCK_PADDING
#define CARD_CHAIN_MODE_CBC BCRYPT_CHAIN_MODE_CBC

/* ---- PINs and roles (v6) ------------------------------------------------ */
#define MAX_PINS 8
#define ROLE_EVERYONE 0
#define ROLE_USER 1
#define ROLE_ADMIN 2
#define PIN_SET_NONE 0x00
#define PIN_SET_ALL_ROLES 0xFF
#define CREATE_PIN_SET(PinId) (1 << (PinId))
#define SET_PIN(PinSet, PinId) ((PinSet) |= CREATE_PIN_SET(PinId))
#define IS_PIN_SET(PinSet, PinId) (0 != ((PinSet)&CREATE_PIN_SET(PinId)))
#define CLEAR_PIN(PinSet, PinId) ((PinSet) &= ~CREATE_PIN_SET(PinId))

typedef DWORD SECRET_TYPE;
enum {
  AlphaNumericPinType = 0,
  ExternalPinType = 1,
  ChallengeResponsePinType = 2,
  EmptyPinType = 3
};

typedef DWORD SECRET_PURPOSE;
enum {
  AuthenticationPin = 0,
  DigitalSignaturePin = 1,
  EncryptionPin = 2,
  NonRepudiationPin = 3,
  AdministratorPin = 4,
  PrimaryCardPin = 5,
  UnblockOnlyPin = 6
};

typedef DWORD PIN_CACHE_POLICY_TYPE;
enum { PinCacheNormal = 0, PinCacheTimed = 1, PinCacheNone = 2, PinCacheAlwaysPrompt = 3 };

#define PIN_CACHE_POLICY_CURRENT_VERSION 6
typedef struct _PIN_CACHE_POLICY {
  DWORD dwVersion;
  PIN_CACHE_POLICY_TYPE PinCachePolicyType;
  DWORD dwPinCachePolicyInfo;
} PIN_CACHE_POLICY, *PPIN_CACHE_POLICY;

#define PIN_INFO_CURRENT_VERSION 6
#define PIN_INFO_REQUIRE_SECURE_ENTRY 1
typedef struct _PIN_INFO {
  DWORD dwVersion;
  SECRET_TYPE PinType;
  SECRET_PURPOSE PinPurpose;
  PIN_SET dwChangePermission;
  PIN_SET dwUnblockPermission;
  PIN_CACHE_POLICY PinCachePolicy;
  DWORD dwFlags;
} PIN_INFO, *PPIN_INFO;

/* CP_CARD_CACHE_MODE values. */
#define CP_CACHE_MODE_GLOBAL_CACHE 1
#define CP_CACHE_MODE_SESSION_ONLY 2
#define CP_CACHE_MODE_NO_CACHE 3

/* ---- Property names (16-bit wide literals) ------------------------------ */
/* CardGetProperty / CardSetProperty. */
#define CP_CARD_FREE_SPACE L"Free Space"
#define CP_CARD_CAPABILITIES L"Capabilities"
#define CP_CARD_KEYSIZES L"Key Sizes"
#define CP_CARD_READ_ONLY L"Read Only Mode"
#define CP_CARD_CACHE_MODE L"Cache Mode"
#define CP_SUPPORTS_WIN_X509_ENROLLMENT L"Supports Windows x.509 Enrollment"
#define CP_CARD_GUID L"Card Identifier"
#define CP_CARD_SERIAL_NO L"Card Serial Number"
#define CP_CARD_PIN_INFO L"PIN Information"
#define CP_CARD_LIST_PINS L"PIN List"
#define CP_CARD_AUTHENTICATED_STATE L"Authenticated State"
#define CP_CARD_PIN_STRENGTH_VERIFY L"PIN Strength Verify"
#define CP_CARD_PIN_STRENGTH_CHANGE L"PIN Strength Change"
#define CP_CARD_PIN_STRENGTH_UNBLOCK L"PIN Strength Unblock"
#define CP_PARENT_WINDOW L"Parent Window"
#define CP_PIN_CONTEXT_STRING L"PIN Context String"
#define CP_KEY_IMPORT_SUPPORT L"Key Import Support"
#define CP_ENUM_ALGORITHMS L"Algorithms"
#define CP_PADDING_SCHEMES L"Padding Schemes"
#define CP_CHAINING_MODES L"Chaining Modes"
/* CardGetContainerProperty / CardSetContainerProperty. */
#define CCP_CONTAINER_INFO L"Container Info"
#define CCP_PIN_IDENTIFIER L"PIN Identifier"
#define CCP_ASSOCIATED_ECDH_KEY L"Associated ECDH Key"
/* Secure functions (MDEncryptData / CardProcessEncryptedData, v7). */
#define CSF_IMPORT_KEYPAIR L"Import Key Pair"
#define CSF_CHANGE_AUTHENTICATOR L"Change Authenticator"
#define CSF_AUTHENTICATE L"Authenticate"
/* Key properties (CardGetKeyProperty / CardSetKeyProperty, v7). */
#define CKP_CHAINING_MODE L"ChainingMode"
#define CKP_INITIALIZATION_VECTOR L"IV"
#define CKP_BLOCK_LENGTH L"BlockLength"

/* ---- On-card files ------------------------------------------------------ */
/* cardcf: freshness counters, 6 bytes. */
#define CARD_CACHE_FILE_CURRENT_VERSION 1
typedef struct _CARD_CACHE_FILE_FORMAT {
  BYTE bVersion;
  BYTE bPinsFreshness;
  WORD wContainersFreshness;
  WORD wFilesFreshness;
} CARD_CACHE_FILE_FORMAT, *PCARD_CACHE_FILE_FORMAT;

/* cmapfile: an array of 86-byte records. */
#define MAX_CONTAINER_NAME_LEN 39
#define CONTAINER_MAP_VALID_CONTAINER 1
#define CONTAINER_MAP_DEFAULT_CONTAINER 2
typedef struct _CONTAINER_MAP_RECORD {
  WCHAR wszGuid[MAX_CONTAINER_NAME_LEN + 1];
  BYTE bFlags;
  BYTE bReserved;
  WORD wSigKeySizeBits;
  WORD wKeyExchangeKeySizeBits;
} CONTAINER_MAP_RECORD, *PCONTAINER_MAP_RECORD;

/* ---- Versioned structs -------------------------------------------------- */
#define CARD_CAPABILITIES_CURRENT_VERSION 1
typedef struct _CARD_CAPABILITIES {
  DWORD dwVersion;
  BOOL fCertificateCompression;
  BOOL fKeyGen;
} CARD_CAPABILITIES, *PCARD_CAPABILITIES;

#define CONTAINER_INFO_CURRENT_VERSION 1
typedef struct _CONTAINER_INFO {
  DWORD dwVersion;
  DWORD dwReserved;
  DWORD cbSigPublicKey;
  PBYTE pbSigPublicKey;
  DWORD cbKeyExPublicKey;
  PBYTE pbKeyExPublicKey;
} CONTAINER_INFO, *PCONTAINER_INFO;

#define CARD_FILE_INFO_CURRENT_VERSION 1
typedef struct _CARD_FILE_INFO {
  DWORD dwVersion;
  DWORD cbFileSize;
  CARD_FILE_ACCESS_CONDITION AccessCondition;
} CARD_FILE_INFO, *PCARD_FILE_INFO;

#define CARD_FREE_SPACE_INFO_CURRENT_VERSION 1
typedef struct _CARD_FREE_SPACE_INFO {
  DWORD dwVersion;
  DWORD dwBytesAvailable;
  DWORD dwKeyContainersAvailable;
  DWORD dwMaxKeyContainers;
} CARD_FREE_SPACE_INFO, *PCARD_FREE_SPACE_INFO;

#define CARD_KEY_SIZES_CURRENT_VERSION 1
typedef struct _CARD_KEY_SIZES {
  DWORD dwVersion;
  DWORD dwMinimumBitlen;
  DWORD dwDefaultBitlen;
  DWORD dwMaximumBitlen;
  DWORD dwIncrementalBitlen;
} CARD_KEY_SIZES, *PCARD_KEY_SIZES;

/* Decrypt: version 1 ends before pPaddingInfo; the result replaces pbData. */
#define CARD_RSA_KEY_DECRYPT_INFO_VERSION_ONE 1
#define CARD_RSA_KEY_DECRYPT_INFO_VERSION_TWO 2
#define CARD_RSA_KEY_DECRYPT_INFO_CURRENT_VERSION CARD_RSA_KEY_DECRYPT_INFO_VERSION_TWO
typedef struct _CARD_RSA_DECRYPT_INFO {
  DWORD dwVersion;
  BYTE bContainerIndex;
  DWORD dwKeySpec;
  PBYTE pbData;
  DWORD cbData;
  LPVOID pPaddingInfo; /* v2 */
  DWORD dwPaddingType; /* v2 */
} CARD_RSA_DECRYPT_INFO, *PCARD_RSA_DECRYPT_INFO;

/* Sign: version 1 ends before pPaddingInfo; pbSignedData comes from pfnCspAlloc. */
#define CARD_SIGNING_INFO_BASIC_VERSION 1
#define CARD_SIGNING_INFO_CURRENT_VERSION 2
typedef struct _CARD_SIGNING_INFO {
  DWORD dwVersion;
  BYTE bContainerIndex;
  DWORD dwKeySpec;
  DWORD dwSigningFlags;
  ALG_ID aiHashAlg;
  PBYTE pbData;
  DWORD cbData;
  PBYTE pbSignedData;
  DWORD cbSignedData;
  LPVOID pPaddingInfo; /* v2 */
  DWORD dwPaddingType; /* v2 */
} CARD_SIGNING_INFO, *PCARD_SIGNING_INFO;

/* Size of the version-1 prefix of the two structs above: a caller that
 * passes dwVersion 1 may allocate only this much. */
#define MDF_CARD_RSA_DECRYPT_INFO_V1_SIZE offsetof(CARD_RSA_DECRYPT_INFO, pPaddingInfo)
#define MDF_CARD_SIGNING_INFO_V1_SIZE offsetof(CARD_SIGNING_INFO, pPaddingInfo)

#define CARD_DH_AGREEMENT_INFO_VERSION 2
typedef struct _CARD_DH_AGREEMENT_INFO {
  DWORD dwVersion;
  BYTE bContainerIndex;
  DWORD dwFlags;
  DWORD dwPublicKey;
  PBYTE pbPublicKey;
  PBYTE pbReserved;
  DWORD cbReserved;
  BYTE bSecretAgreementIndex; /* out */
} CARD_DH_AGREEMENT_INFO, *PCARD_DH_AGREEMENT_INFO;

#define CARD_DERIVE_KEY_VERSION 1
#define CARD_DERIVE_KEY_VERSION_TWO 2
#define CARD_DERIVE_KEY_CURRENT_VERSION CARD_DERIVE_KEY_VERSION_TWO
typedef struct _CARD_DERIVE_KEY {
  DWORD dwVersion;
  DWORD dwFlags;
  LPWSTR pwszKDF;
  BYTE bSecretAgreementIndex;
  PVOID pParameterList; /* NCryptBufferDesc * */
  PBYTE pbDerivedKey;
  DWORD cbDerivedKey;
  LPWSTR pwszAlgId;     /* v2 */
  DWORD dwKeyLen;       /* v2 */
  CARD_KEY_HANDLE hKey; /* v2 */
} CARD_DERIVE_KEY, *PCARD_DERIVE_KEY;
#define MDF_CARD_DERIVE_KEY_V1_SIZE offsetof(CARD_DERIVE_KEY, pwszAlgId)

/* ---- Secure key injection (v7); trailing arrays are flexible ------------- */
typedef struct _CARD_ENCRYPTED_DATA {
  PBYTE pbEncryptedData;
  DWORD cbEncryptedData;
} CARD_ENCRYPTED_DATA, *PCARD_ENCRYPTED_DATA;

#define CARD_IMPORT_KEYPAIR_VERSION_SEVEN 7
#define CARD_IMPORT_KEYPAIR_CURRENT_VERSION CARD_IMPORT_KEYPAIR_VERSION_SEVEN
typedef struct _CARD_IMPORT_KEYPAIR {
  DWORD dwVersion;
  BYTE bContainerIndex;
  PIN_ID PinId;
  DWORD dwKeySpec;
  DWORD dwKeySize;
  DWORD cbInput;
  BYTE pbInput[];
} CARD_IMPORT_KEYPAIR, *PCARD_IMPORT_KEYPAIR;

#define CARD_CHANGE_AUTHENTICATOR_VERSION_SEVEN 7
#define CARD_CHANGE_AUTHENTICATOR_CURRENT_VERSION CARD_CHANGE_AUTHENTICATOR_VERSION_SEVEN
typedef struct _CARD_CHANGE_AUTHENTICATOR {
  DWORD dwVersion;
  DWORD dwFlags;
  PIN_ID dwAuthenticatingPinId;
  DWORD cbAuthenticatingPinData;
  PIN_ID dwTargetPinId;
  DWORD cbTargetData;
  DWORD cRetryCount;
  BYTE pbData[];
} CARD_CHANGE_AUTHENTICATOR, *PCARD_CHANGE_AUTHENTICATOR;

#define CARD_CHANGE_AUTHENTICATOR_RESPONSE_VERSION_SEVEN 7
#define CARD_CHANGE_AUTHENTICATOR_RESPONSE_CURRENT_VERSION                                         \
  CARD_CHANGE_AUTHENTICATOR_RESPONSE_VERSION_SEVEN
typedef struct _CARD_CHANGE_AUTHENTICATOR_RESPONSE {
  DWORD dwVersion;
  DWORD cAttemptsRemaining;
} CARD_CHANGE_AUTHENTICATOR_RESPONSE, *PCARD_CHANGE_AUTHENTICATOR_RESPONSE;

#define CARD_AUTHENTICATE_VERSION_SEVEN 7
#define CARD_AUTHENTICATE_CURRENT_VERSION CARD_AUTHENTICATE_VERSION_SEVEN
typedef struct _CARD_AUTHENTICATE {
  DWORD dwVersion;
  DWORD dwFlags;
  PIN_ID PinId;
  DWORD cbPinData;
  BYTE pbPinData[];
} CARD_AUTHENTICATE, *PCARD_AUTHENTICATE;

#define CARD_AUTHENTICATE_RESPONSE_VERSION_SEVEN 7
#define CARD_AUTHENTICATE_RESPONSE_CURRENT_VERSION CARD_AUTHENTICATE_RESPONSE_VERSION_SEVEN
typedef struct _CARD_AUTHENTICATE_RESPONSE {
  DWORD dwVersion;
  DWORD cbSessionPin;
  DWORD cAttemptsRemaining;
  BYTE pbSessionPin[];
} CARD_AUTHENTICATE_RESPONSE, *PCARD_AUTHENTICATE_RESPONSE;

/* ---- Function types ----------------------------------------------------- */
typedef struct _CARD_DATA CARD_DATA, *PCARD_DATA;

/* Callbacks the caller (CSP/KSP) provides. */
typedef LPVOID(WINAPI *PFN_CSP_ALLOC)(SIZE_T Size);
typedef LPVOID(WINAPI *PFN_CSP_REALLOC)(LPVOID Address, SIZE_T Size);
typedef void(WINAPI *PFN_CSP_FREE)(LPVOID Address);
typedef DWORD(WINAPI *PFN_CSP_CACHE_ADD_FILE)(PVOID pvCacheContext, LPWSTR wszTag, DWORD dwFlags,
                                              PBYTE pbData, DWORD cbData);
typedef DWORD(WINAPI *PFN_CSP_CACHE_LOOKUP_FILE)(PVOID pvCacheContext, LPWSTR wszTag, DWORD dwFlags,
                                                 PBYTE *ppbData, PDWORD pcbData);
typedef DWORD(WINAPI *PFN_CSP_CACHE_DELETE_FILE)(PVOID pvCacheContext, LPWSTR wszTag,
                                                 DWORD dwFlags);
typedef DWORD(WINAPI *PFN_CSP_PAD_DATA)(PCARD_SIGNING_INFO pSigningInfo, DWORD cbMaxWidth,
                                        DWORD *pcbPaddedBuffer, PBYTE *ppbPaddedBuffer);
typedef DWORD(WINAPI *PFN_CSP_GET_DH_AGREEMENT)(PCARD_DATA pCardData, PVOID hSecretAgreement,
                                                BYTE *pbSecretAgreementIndex, DWORD dwFlags);
typedef DWORD(WINAPI *PFN_CSP_UNPAD_DATA)(PCARD_RSA_DECRYPT_INFO pRSADecryptInfo,
                                          DWORD *pcbUnpaddedData, PBYTE *ppbUnpaddedData);

/* Entry points; each type also has a same-named prototype below. */
#define MDF__CARD_FN(pfn, name, params)                                                            \
  typedef DWORD(WINAPI *pfn) params;                                                               \
  DWORD WINAPI name params;
#include "mdf_card_functions.h"
MDF_CARD_FUNCTIONS(MDF__CARD_FN)
#undef MDF__CARD_FN

/* The one required export. */
typedef DWORD(WINAPI *PFN_CARD_ACQUIRE_CONTEXT)(PCARD_DATA pCardData, DWORD dwFlags);
DWORD WINAPI CardAcquireContext(PCARD_DATA pCardData, DWORD dwFlags);

/* ---- CARD_DATA: expanded from mdf_card_data_fields.h -------------------- */
struct _CARD_DATA {
#define MDF__CARD_DATA_FIELD(type, name, version, kind) type name;
  MDF_CARD_DATA_FIELDS(MDF__CARD_DATA_FIELD)
#undef MDF__CARD_DATA_FIELD
};

/* Where the fields of each version end (the struct is one size for all). */
#define MDF_CARD_DATA_V4_END offsetof(CARD_DATA, pfnCardDeriveKey)
#define MDF_CARD_DATA_V5_END offsetof(CARD_DATA, pfnCardGetChallengeEx)
#define MDF_CARD_DATA_V6_END offsetof(CARD_DATA, pfnCspUnpadData)
#define MDF_CARD_DATA_V7_END sizeof(CARD_DATA)

MDF_EXTERN_C_END

#endif
