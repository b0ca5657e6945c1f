/* mdfuzz clean-room Windows ABI: the one table of CARD_DATA fields.
 *
 * CARD_DATA (cardmod.h) is declared by expanding this table, and mdfuzz's
 * harness expands it again to snapshot and compare the fields (CMR.1.0.7),
 * to name a changed field, to fill the caller-owned fields and to check that
 * every card entry point has a fuzz target.  Keeping one table means a new
 * field cannot be added to the struct and forgotten by the oracles.
 *
 * X(type, name, version_added, kind), one row per field, in spec order:
 *   type           a single-token type (typedef'd in cardmod.h)
 *   name           the field name
 *   version_added  CARD_DATA version that introduced it (4..7)
 *   kind           data   - plain value the caller (CSP/KSP) fills
 *                  csp    - callback the caller provides
 *                  card   - entry point the card module fills (CMR.3.1.1.2:
 *                           never NULL in the versions that have it)
 *                  cardopt - entry point the card module may leave NULL:
 *                           the optional ones of CMR.3.1.1.2, the v6
 *                           DeauthenticateEx (as optional as Deauthenticate)
 *                           and the v7 secure key injection family, which
 *                           only key-injection cards implement
 *                  vendor - pvVendorSpecific, owned by the card module
 *                  unused - reserved slot
 *
 * Expected layout: x64 sizeof 504 (v4 fields end at 328, v5 at 352, v6 at
 * 416); x86 sizeof 252 (164, 176, 208).  tests/test-compat-abi.c checks it. */
#ifndef MDF_COMPAT_CARD_DATA_FIELDS_H
#define MDF_COMPAT_CARD_DATA_FIELDS_H

#define MDF_CARD_DATA_FIELDS(X)                                                                    \
  X(DWORD, dwVersion, 4, data)                                                                     \
  X(PBYTE, pbAtr, 4, data)                                                                         \
  X(DWORD, cbAtr, 4, data)                                                                         \
  X(LPWSTR, pwszCardName, 4, data)                                                                 \
  X(PFN_CSP_ALLOC, pfnCspAlloc, 4, csp)                                                            \
  X(PFN_CSP_REALLOC, pfnCspReAlloc, 4, csp)                                                        \
  X(PFN_CSP_FREE, pfnCspFree, 4, csp)                                                              \
  X(PFN_CSP_CACHE_ADD_FILE, pfnCspCacheAddFile, 4, csp)                                            \
  X(PFN_CSP_CACHE_LOOKUP_FILE, pfnCspCacheLookupFile, 4, csp)                                      \
  X(PFN_CSP_CACHE_DELETE_FILE, pfnCspCacheDeleteFile, 4, csp)                                      \
  X(PVOID, pvCacheContext, 4, data)                                                                \
  X(PFN_CSP_PAD_DATA, pfnCspPadData, 4, csp)                                                       \
  X(SCARDCONTEXT, hSCardCtx, 4, data)                                                              \
  X(SCARDHANDLE, hScard, 4, data)                                                                  \
  X(PVOID, pvVendorSpecific, 4, vendor)                                                            \
  X(PFN_CARD_DELETE_CONTEXT, pfnCardDeleteContext, 4, card)                                        \
  X(PFN_CARD_QUERY_CAPABILITIES, pfnCardQueryCapabilities, 4, card)                                \
  X(PFN_CARD_DELETE_CONTAINER, pfnCardDeleteContainer, 4, card)                                    \
  X(PFN_CARD_CREATE_CONTAINER, pfnCardCreateContainer, 4, card)                                    \
  X(PFN_CARD_GET_CONTAINER_INFO, pfnCardGetContainerInfo, 4, card)                                 \
  X(PFN_CARD_AUTHENTICATE_PIN, pfnCardAuthenticatePin, 4, card)                                    \
  X(PFN_CARD_GET_CHALLENGE, pfnCardGetChallenge, 4, card)                                          \
  X(PFN_CARD_AUTHENTICATE_CHALLENGE, pfnCardAuthenticateChallenge, 4, card)                        \
  X(PFN_CARD_UNBLOCK_PIN, pfnCardUnblockPin, 4, card)                                              \
  X(PFN_CARD_CHANGE_AUTHENTICATOR, pfnCardChangeAuthenticator, 4, card)                            \
  X(PFN_CARD_DEAUTHENTICATE, pfnCardDeauthenticate, 4, cardopt)                                    \
  X(PFN_CARD_CREATE_DIRECTORY, pfnCardCreateDirectory, 4, card)                                    \
  X(PFN_CARD_DELETE_DIRECTORY, pfnCardDeleteDirectory, 4, card)                                    \
  X(LPVOID, pvUnused3, 4, unused)                                                                  \
  X(LPVOID, pvUnused4, 4, unused)                                                                  \
  X(PFN_CARD_CREATE_FILE, pfnCardCreateFile, 4, card)                                              \
  X(PFN_CARD_READ_FILE, pfnCardReadFile, 4, card)                                                  \
  X(PFN_CARD_WRITE_FILE, pfnCardWriteFile, 4, card)                                                \
  X(PFN_CARD_DELETE_FILE, pfnCardDeleteFile, 4, card)                                              \
  X(PFN_CARD_ENUM_FILES, pfnCardEnumFiles, 4, card)                                                \
  X(PFN_CARD_GET_FILE_INFO, pfnCardGetFileInfo, 4, card)                                           \
  X(PFN_CARD_QUERY_FREE_SPACE, pfnCardQueryFreeSpace, 4, card)                                     \
  X(PFN_CARD_QUERY_KEY_SIZES, pfnCardQueryKeySizes, 4, card)                                       \
  X(PFN_CARD_SIGN_DATA, pfnCardSignData, 4, card)                                                  \
  X(PFN_CARD_RSA_DECRYPT, pfnCardRSADecrypt, 4, cardopt)                                           \
  X(PFN_CARD_CONSTRUCT_DH_AGREEMENT, pfnCardConstructDHAgreement, 4, cardopt)                      \
  X(PFN_CARD_DERIVE_KEY, pfnCardDeriveKey, 5, cardopt)                                             \
  X(PFN_CARD_DESTROY_DH_AGREEMENT, pfnCardDestroyDHAgreement, 5, cardopt)                          \
  X(PFN_CSP_GET_DH_AGREEMENT, pfnCspGetDHAgreement, 5, csp)                                        \
  X(PFN_CARD_GET_CHALLENGE_EX, pfnCardGetChallengeEx, 6, card)                                     \
  X(PFN_CARD_AUTHENTICATE_EX, pfnCardAuthenticateEx, 6, card)                                      \
  X(PFN_CARD_CHANGE_AUTHENTICATOR_EX, pfnCardChangeAuthenticatorEx, 6, card)                       \
  X(PFN_CARD_DEAUTHENTICATE_EX, pfnCardDeauthenticateEx, 6, cardopt)                               \
  X(PFN_CARD_GET_CONTAINER_PROPERTY, pfnCardGetContainerProperty, 6, card)                         \
  X(PFN_CARD_SET_CONTAINER_PROPERTY, pfnCardSetContainerProperty, 6, card)                         \
  X(PFN_CARD_GET_PROPERTY, pfnCardGetProperty, 6, card)                                            \
  X(PFN_CARD_SET_PROPERTY, pfnCardSetProperty, 6, card)                                            \
  X(PFN_CSP_UNPAD_DATA, pfnCspUnpadData, 7, csp)                                                   \
  X(PFN_MD_IMPORT_SESSION_KEY, pfnMDImportSessionKey, 7, cardopt)                                  \
  X(PFN_MD_ENCRYPT_DATA, pfnMDEncryptData, 7, cardopt)                                             \
  X(PFN_CARD_IMPORT_SESSION_KEY, pfnCardImportSessionKey, 7, cardopt)                              \
  X(PFN_CARD_GET_SHARED_KEY_HANDLE, pfnCardGetSharedKeyHandle, 7, cardopt)                         \
  X(PFN_CARD_GET_ALGORITHM_PROPERTY, pfnCardGetAlgorithmProperty, 7, cardopt)                      \
  X(PFN_CARD_GET_KEY_PROPERTY, pfnCardGetKeyProperty, 7, cardopt)                                  \
  X(PFN_CARD_SET_KEY_PROPERTY, pfnCardSetKeyProperty, 7, cardopt)                                  \
  X(PFN_CARD_DESTROY_KEY, pfnCardDestroyKey, 7, cardopt)                                           \
  X(PFN_CARD_PROCESS_ENCRYPTED_DATA, pfnCardProcessEncryptedData, 7, cardopt)                      \
  X(PFN_CARD_CREATE_CONTAINER_EX, pfnCardCreateContainerEx, 7, card)

/* The kind column as a value: MDF_CARD_FIELD_KIND(card) == MDF_CARD_FIELD_CARD. */
enum mdf_card_field_kind {
  MDF_CARD_FIELD_DATA,
  MDF_CARD_FIELD_CSP,
  MDF_CARD_FIELD_CARD,
  MDF_CARD_FIELD_VENDOR,
  MDF_CARD_FIELD_UNUSED,
  MDF_CARD_FIELD_CARDOPT
};
#define MDF_CARD_FIELD_KIND(kind) MDF__CARD_FIELD_KIND_##kind
#define MDF__CARD_FIELD_KIND_data MDF_CARD_FIELD_DATA
#define MDF__CARD_FIELD_KIND_csp MDF_CARD_FIELD_CSP
#define MDF__CARD_FIELD_KIND_card MDF_CARD_FIELD_CARD
#define MDF__CARD_FIELD_KIND_vendor MDF_CARD_FIELD_VENDOR
#define MDF__CARD_FIELD_KIND_unused MDF_CARD_FIELD_UNUSED
#define MDF__CARD_FIELD_KIND_cardopt MDF_CARD_FIELD_CARDOPT
/* A card entry point of either kind (required or optional). */
#define MDF_CARD_FIELD_IS_ENTRY(kind)                                                              \
  (MDF_CARD_FIELD_KIND(kind) == MDF_CARD_FIELD_CARD ||                                             \
   MDF_CARD_FIELD_KIND(kind) == MDF_CARD_FIELD_CARDOPT)

#endif
