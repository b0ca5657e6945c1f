/* Expected layouts, written from the facts in
 * /work/shared/reference/minidriver-api-facts.md (and the public Windows
 * type documentation), not computed from the headers under test.
 *
 * MDF_ABI_SIZES(X):  X(type, sizeof on x64, sizeof on x86)
 * MDF_ABI_FIELDS(X): X(type, field, offset on x64, offset on x86)
 * Used by test-compat-abi.c (run time, x64 column, prints mismatches) and
 * abi_static.c (compile time, for -m64 and -m32). */
#ifndef MDF_TEST_ABI_TABLE_H
#define MDF_TEST_ABI_TABLE_H

#define MDF_ABI_SIZES(X)                                                                           \
  X(CARD_DATA, 504, 252)                                                                           \
  X(CARD_CAPABILITIES, 12, 12)                                                                     \
  X(CONTAINER_INFO, 40, 24)                                                                        \
  X(CARD_FILE_INFO, 12, 12)                                                                        \
  X(CARD_FREE_SPACE_INFO, 16, 16)                                                                  \
  X(CARD_KEY_SIZES, 20, 20)                                                                        \
  X(CARD_RSA_DECRYPT_INFO, 48, 28)                                                                 \
  X(CARD_SIGNING_INFO, 72, 44)                                                                     \
  X(CARD_DH_AGREEMENT_INFO, 40, 32)                                                                \
  X(CARD_DERIVE_KEY, 72, 40)                                                                       \
  X(PIN_CACHE_POLICY, 12, 12)                                                                      \
  X(PIN_INFO, 36, 36)                                                                              \
  X(CARD_CACHE_FILE_FORMAT, 6, 6)                                                                  \
  X(CONTAINER_MAP_RECORD, 86, 86)                                                                  \
  X(CARD_ENCRYPTED_DATA, 16, 8)                                                                    \
  X(CARD_IMPORT_KEYPAIR, 24, 24)                                                                   \
  X(CARD_CHANGE_AUTHENTICATOR, 28, 28)                                                             \
  X(CARD_CHANGE_AUTHENTICATOR_RESPONSE, 8, 8)                                                      \
  X(CARD_AUTHENTICATE, 16, 16)                                                                     \
  X(CARD_AUTHENTICATE_RESPONSE, 12, 12)                                                            \
  X(SCARD_IO_REQUEST, 8, 8)                                                                        \
  X(BLOBHEADER, 8, 8)                                                                              \
  X(RSAPUBKEY, 12, 12)                                                                             \
  X(BCRYPT_ECCKEY_BLOB, 8, 8)                                                                      \
  X(BCRYPT_RSAKEY_BLOB, 24, 24)                                                                    \
  X(BCRYPT_PKCS1_PADDING_INFO, 8, 4)                                                               \
  X(BCRYPT_PSS_PADDING_INFO, 16, 8)                                                                \
  X(BCRYPT_OAEP_PADDING_INFO, 24, 12)                                                              \
  X(BCryptBuffer, 16, 12)                                                                          \
  X(BCryptBufferDesc, 16, 12)                                                                      \
  X(GUID, 16, 16)                                                                                  \
  X(CARD_KEY_HANDLE, 8, 4)                                                                         \
  X(SCARDHANDLE, 8, 4)                                                                             \
  X(SCARDCONTEXT, 8, 4)                                                                            \
  X(ULONG_PTR, 8, 4)                                                                               \
  X(SIZE_T, 8, 4)                                                                                  \
  X(WCHAR, 2, 2)                                                                                   \
  X(DWORD, 4, 4)                                                                                   \
  X(LONG, 4, 4)                                                                                    \
  X(BOOL, 4, 4)                                                                                    \
  X(ALG_ID, 4, 4)                                                                                  \
  X(PIN_ID, 4, 4)                                                                                  \
  X(PIN_SET, 4, 4)                                                                                 \
  X(CARD_DIRECTORY_ACCESS_CONDITION, 4, 4)                                                         \
  X(CARD_FILE_ACCESS_CONDITION, 4, 4)                                                              \
  X(SECRET_TYPE, 4, 4)                                                                             \
  X(SECRET_PURPOSE, 4, 4)                                                                          \
  X(PIN_CACHE_POLICY_TYPE, 4, 4)

#define MDF_ABI_FIELDS(X)                                                                          \
  X(CARD_DATA, dwVersion, 0, 0)                                                                    \
  X(CARD_DATA, pbAtr, 8, 4)                                                                        \
  X(CARD_DATA, cbAtr, 16, 8)                                                                       \
  X(CARD_DATA, pwszCardName, 24, 12)                                                               \
  X(CARD_DATA, pfnCspAlloc, 32, 16)                                                                \
  X(CARD_DATA, pfnCspReAlloc, 40, 20)                                                              \
  X(CARD_DATA, pfnCspFree, 48, 24)                                                                 \
  X(CARD_DATA, pfnCspCacheAddFile, 56, 28)                                                         \
  X(CARD_DATA, pfnCspCacheLookupFile, 64, 32)                                                      \
  X(CARD_DATA, pfnCspCacheDeleteFile, 72, 36)                                                      \
  X(CARD_DATA, pvCacheContext, 80, 40)                                                             \
  X(CARD_DATA, pfnCspPadData, 88, 44)                                                              \
  X(CARD_DATA, hSCardCtx, 96, 48)                                                                  \
  X(CARD_DATA, hScard, 104, 52)                                                                    \
  X(CARD_DATA, pvVendorSpecific, 112, 56)                                                          \
  X(CARD_DATA, pfnCardDeleteContext, 120, 60)                                                      \
  X(CARD_DATA, pfnCardQueryCapabilities, 128, 64)                                                  \
  X(CARD_DATA, pfnCardDeleteContainer, 136, 68)                                                    \
  X(CARD_DATA, pfnCardCreateContainer, 144, 72)                                                    \
  X(CARD_DATA, pfnCardGetContainerInfo, 152, 76)                                                   \
  X(CARD_DATA, pfnCardAuthenticatePin, 160, 80)                                                    \
  X(CARD_DATA, pfnCardGetChallenge, 168, 84)                                                       \
  X(CARD_DATA, pfnCardAuthenticateChallenge, 176, 88)                                              \
  X(CARD_DATA, pfnCardUnblockPin, 184, 92)                                                         \
  X(CARD_DATA, pfnCardChangeAuthenticator, 192, 96)                                                \
  X(CARD_DATA, pfnCardDeauthenticate, 200, 100)                                                    \
  X(CARD_DATA, pfnCardCreateDirectory, 208, 104)                                                   \
  X(CARD_DATA, pfnCardDeleteDirectory, 216, 108)                                                   \
  X(CARD_DATA, pvUnused3, 224, 112)                                                                \
  X(CARD_DATA, pvUnused4, 232, 116)                                                                \
  X(CARD_DATA, pfnCardCreateFile, 240, 120)                                                        \
  X(CARD_DATA, pfnCardReadFile, 248, 124)                                                          \
  X(CARD_DATA, pfnCardWriteFile, 256, 128)                                                         \
  X(CARD_DATA, pfnCardDeleteFile, 264, 132)                                                        \
  X(CARD_DATA, pfnCardEnumFiles, 272, 136)                                                         \
  X(CARD_DATA, pfnCardGetFileInfo, 280, 140)                                                       \
  X(CARD_DATA, pfnCardQueryFreeSpace, 288, 144)                                                    \
  X(CARD_DATA, pfnCardQueryKeySizes, 296, 148)                                                     \
  X(CARD_DATA, pfnCardSignData, 304, 152)                                                          \
  X(CARD_DATA, pfnCardRSADecrypt, 312, 156)                                                        \
  X(CARD_DATA, pfnCardConstructDHAgreement, 320, 160)                                              \
  X(CARD_DATA, pfnCardDeriveKey, 328, 164)                                                         \
  X(CARD_DATA, pfnCardDestroyDHAgreement, 336, 168)                                                \
  X(CARD_DATA, pfnCspGetDHAgreement, 344, 172)                                                     \
  X(CARD_DATA, pfnCardGetChallengeEx, 352, 176)                                                    \
  X(CARD_DATA, pfnCardAuthenticateEx, 360, 180)                                                    \
  X(CARD_DATA, pfnCardChangeAuthenticatorEx, 368, 184)                                             \
  X(CARD_DATA, pfnCardDeauthenticateEx, 376, 188)                                                  \
  X(CARD_DATA, pfnCardGetContainerProperty, 384, 192)                                              \
  X(CARD_DATA, pfnCardSetContainerProperty, 392, 196)                                              \
  X(CARD_DATA, pfnCardGetProperty, 400, 200)                                                       \
  X(CARD_DATA, pfnCardSetProperty, 408, 204)                                                       \
  X(CARD_DATA, pfnCspUnpadData, 416, 208)                                                          \
  X(CARD_DATA, pfnMDImportSessionKey, 424, 212)                                                    \
  X(CARD_DATA, pfnMDEncryptData, 432, 216)                                                         \
  X(CARD_DATA, pfnCardImportSessionKey, 440, 220)                                                  \
  X(CARD_DATA, pfnCardGetSharedKeyHandle, 448, 224)                                                \
  X(CARD_DATA, pfnCardGetAlgorithmProperty, 456, 228)                                              \
  X(CARD_DATA, pfnCardGetKeyProperty, 464, 232)                                                    \
  X(CARD_DATA, pfnCardSetKeyProperty, 472, 236)                                                    \
  X(CARD_DATA, pfnCardDestroyKey, 480, 240)                                                        \
  X(CARD_DATA, pfnCardProcessEncryptedData, 488, 244)                                              \
  X(CARD_DATA, pfnCardCreateContainerEx, 496, 248)                                                 \
  X(CARD_CAPABILITIES, dwVersion, 0, 0)                                                            \
  X(CARD_CAPABILITIES, fCertificateCompression, 4, 4)                                              \
  X(CARD_CAPABILITIES, fKeyGen, 8, 8)                                                              \
  X(CONTAINER_INFO, dwVersion, 0, 0)                                                               \
  X(CONTAINER_INFO, dwReserved, 4, 4)                                                              \
  X(CONTAINER_INFO, cbSigPublicKey, 8, 8)                                                          \
  X(CONTAINER_INFO, pbSigPublicKey, 16, 12)                                                        \
  X(CONTAINER_INFO, cbKeyExPublicKey, 24, 16)                                                      \
  X(CONTAINER_INFO, pbKeyExPublicKey, 32, 20)                                                      \
  X(CARD_FILE_INFO, dwVersion, 0, 0)                                                               \
  X(CARD_FILE_INFO, cbFileSize, 4, 4)                                                              \
  X(CARD_FILE_INFO, AccessCondition, 8, 8)                                                         \
  X(CARD_FREE_SPACE_INFO, dwVersion, 0, 0)                                                         \
  X(CARD_FREE_SPACE_INFO, dwBytesAvailable, 4, 4)                                                  \
  X(CARD_FREE_SPACE_INFO, dwKeyContainersAvailable, 8, 8)                                          \
  X(CARD_FREE_SPACE_INFO, dwMaxKeyContainers, 12, 12)                                              \
  X(CARD_KEY_SIZES, dwVersion, 0, 0)                                                               \
  X(CARD_KEY_SIZES, dwMinimumBitlen, 4, 4)                                                         \
  X(CARD_KEY_SIZES, dwDefaultBitlen, 8, 8)                                                         \
  X(CARD_KEY_SIZES, dwMaximumBitlen, 12, 12)                                                       \
  X(CARD_KEY_SIZES, dwIncrementalBitlen, 16, 16)                                                   \
  X(CARD_RSA_DECRYPT_INFO, dwVersion, 0, 0)                                                        \
  X(CARD_RSA_DECRYPT_INFO, bContainerIndex, 4, 4)                                                  \
  X(CARD_RSA_DECRYPT_INFO, dwKeySpec, 8, 8)                                                        \
  X(CARD_RSA_DECRYPT_INFO, pbData, 16, 12)                                                         \
  X(CARD_RSA_DECRYPT_INFO, cbData, 24, 16)                                                         \
  X(CARD_RSA_DECRYPT_INFO, pPaddingInfo, 32, 20)                                                   \
  X(CARD_RSA_DECRYPT_INFO, dwPaddingType, 40, 24)                                                  \
  X(CARD_SIGNING_INFO, dwVersion, 0, 0)                                                            \
  X(CARD_SIGNING_INFO, bContainerIndex, 4, 4)                                                      \
  X(CARD_SIGNING_INFO, dwKeySpec, 8, 8)                                                            \
  X(CARD_SIGNING_INFO, dwSigningFlags, 12, 12)                                                     \
  X(CARD_SIGNING_INFO, aiHashAlg, 16, 16)                                                          \
  X(CARD_SIGNING_INFO, pbData, 24, 20)                                                             \
  X(CARD_SIGNING_INFO, cbData, 32, 24)                                                             \
  X(CARD_SIGNING_INFO, pbSignedData, 40, 28)                                                       \
  X(CARD_SIGNING_INFO, cbSignedData, 48, 32)                                                       \
  X(CARD_SIGNING_INFO, pPaddingInfo, 56, 36)                                                       \
  X(CARD_SIGNING_INFO, dwPaddingType, 64, 40)                                                      \
  X(CARD_DH_AGREEMENT_INFO, dwVersion, 0, 0)                                                       \
  X(CARD_DH_AGREEMENT_INFO, bContainerIndex, 4, 4)                                                 \
  X(CARD_DH_AGREEMENT_INFO, dwFlags, 8, 8)                                                         \
  X(CARD_DH_AGREEMENT_INFO, dwPublicKey, 12, 12)                                                   \
  X(CARD_DH_AGREEMENT_INFO, pbPublicKey, 16, 16)                                                   \
  X(CARD_DH_AGREEMENT_INFO, pbReserved, 24, 20)                                                    \
  X(CARD_DH_AGREEMENT_INFO, cbReserved, 32, 24)                                                    \
  X(CARD_DH_AGREEMENT_INFO, bSecretAgreementIndex, 36, 28)                                         \
  X(CARD_DERIVE_KEY, dwVersion, 0, 0)                                                              \
  X(CARD_DERIVE_KEY, dwFlags, 4, 4)                                                                \
  X(CARD_DERIVE_KEY, pwszKDF, 8, 8)                                                                \
  X(CARD_DERIVE_KEY, bSecretAgreementIndex, 16, 12)                                                \
  X(CARD_DERIVE_KEY, pParameterList, 24, 16)                                                       \
  X(CARD_DERIVE_KEY, pbDerivedKey, 32, 20)                                                         \
  X(CARD_DERIVE_KEY, cbDerivedKey, 40, 24)                                                         \
  X(CARD_DERIVE_KEY, pwszAlgId, 48, 28)                                                            \
  X(CARD_DERIVE_KEY, dwKeyLen, 56, 32)                                                             \
  X(CARD_DERIVE_KEY, hKey, 64, 36)                                                                 \
  X(PIN_CACHE_POLICY, dwVersion, 0, 0)                                                             \
  X(PIN_CACHE_POLICY, PinCachePolicyType, 4, 4)                                                    \
  X(PIN_CACHE_POLICY, dwPinCachePolicyInfo, 8, 8)                                                  \
  X(PIN_INFO, dwVersion, 0, 0)                                                                     \
  X(PIN_INFO, PinType, 4, 4)                                                                       \
  X(PIN_INFO, PinPurpose, 8, 8)                                                                    \
  X(PIN_INFO, dwChangePermission, 12, 12)                                                          \
  X(PIN_INFO, dwUnblockPermission, 16, 16)                                                         \
  X(PIN_INFO, PinCachePolicy, 20, 20)                                                              \
  X(PIN_INFO, dwFlags, 32, 32)                                                                     \
  X(CARD_CACHE_FILE_FORMAT, bVersion, 0, 0)                                                        \
  X(CARD_CACHE_FILE_FORMAT, bPinsFreshness, 1, 1)                                                  \
  X(CARD_CACHE_FILE_FORMAT, wContainersFreshness, 2, 2)                                            \
  X(CARD_CACHE_FILE_FORMAT, wFilesFreshness, 4, 4)                                                 \
  X(CONTAINER_MAP_RECORD, wszGuid, 0, 0)                                                           \
  X(CONTAINER_MAP_RECORD, bFlags, 80, 80)                                                          \
  X(CONTAINER_MAP_RECORD, bReserved, 81, 81)                                                       \
  X(CONTAINER_MAP_RECORD, wSigKeySizeBits, 82, 82)                                                 \
  X(CONTAINER_MAP_RECORD, wKeyExchangeKeySizeBits, 84, 84)                                         \
  X(CARD_ENCRYPTED_DATA, pbEncryptedData, 0, 0)                                                    \
  X(CARD_ENCRYPTED_DATA, cbEncryptedData, 8, 4)                                                    \
  X(CARD_IMPORT_KEYPAIR, dwVersion, 0, 0)                                                          \
  X(CARD_IMPORT_KEYPAIR, bContainerIndex, 4, 4)                                                    \
  X(CARD_IMPORT_KEYPAIR, PinId, 8, 8)                                                              \
  X(CARD_IMPORT_KEYPAIR, dwKeySpec, 12, 12)                                                        \
  X(CARD_IMPORT_KEYPAIR, dwKeySize, 16, 16)                                                        \
  X(CARD_IMPORT_KEYPAIR, cbInput, 20, 20)                                                          \
  X(CARD_IMPORT_KEYPAIR, pbInput, 24, 24)                                                          \
  X(CARD_CHANGE_AUTHENTICATOR, dwVersion, 0, 0)                                                    \
  X(CARD_CHANGE_AUTHENTICATOR, dwFlags, 4, 4)                                                      \
  X(CARD_CHANGE_AUTHENTICATOR, dwAuthenticatingPinId, 8, 8)                                        \
  X(CARD_CHANGE_AUTHENTICATOR, cbAuthenticatingPinData, 12, 12)                                    \
  X(CARD_CHANGE_AUTHENTICATOR, dwTargetPinId, 16, 16)                                              \
  X(CARD_CHANGE_AUTHENTICATOR, cbTargetData, 20, 20)                                               \
  X(CARD_CHANGE_AUTHENTICATOR, cRetryCount, 24, 24)                                                \
  X(CARD_CHANGE_AUTHENTICATOR, pbData, 28, 28)                                                     \
  X(CARD_CHANGE_AUTHENTICATOR_RESPONSE, dwVersion, 0, 0)                                           \
  X(CARD_CHANGE_AUTHENTICATOR_RESPONSE, cAttemptsRemaining, 4, 4)                                  \
  X(CARD_AUTHENTICATE, dwVersion, 0, 0)                                                            \
  X(CARD_AUTHENTICATE, dwFlags, 4, 4)                                                              \
  X(CARD_AUTHENTICATE, PinId, 8, 8)                                                                \
  X(CARD_AUTHENTICATE, cbPinData, 12, 12)                                                          \
  X(CARD_AUTHENTICATE, pbPinData, 16, 16)                                                          \
  X(CARD_AUTHENTICATE_RESPONSE, dwVersion, 0, 0)                                                   \
  X(CARD_AUTHENTICATE_RESPONSE, cbSessionPin, 4, 4)                                                \
  X(CARD_AUTHENTICATE_RESPONSE, cAttemptsRemaining, 8, 8)                                          \
  X(CARD_AUTHENTICATE_RESPONSE, pbSessionPin, 12, 12)                                              \
  X(SCARD_IO_REQUEST, dwProtocol, 0, 0)                                                            \
  X(SCARD_IO_REQUEST, cbPciLength, 4, 4)                                                           \
  X(BLOBHEADER, bType, 0, 0)                                                                       \
  X(BLOBHEADER, bVersion, 1, 1)                                                                    \
  X(BLOBHEADER, reserved, 2, 2)                                                                    \
  X(BLOBHEADER, aiKeyAlg, 4, 4)                                                                    \
  X(RSAPUBKEY, magic, 0, 0)                                                                        \
  X(RSAPUBKEY, bitlen, 4, 4)                                                                       \
  X(RSAPUBKEY, pubexp, 8, 8)                                                                       \
  X(BCRYPT_ECCKEY_BLOB, dwMagic, 0, 0)                                                             \
  X(BCRYPT_ECCKEY_BLOB, cbKey, 4, 4)                                                               \
  X(BCRYPT_PSS_PADDING_INFO, pszAlgId, 0, 0)                                                       \
  X(BCRYPT_PSS_PADDING_INFO, cbSalt, 8, 4)                                                         \
  X(BCRYPT_OAEP_PADDING_INFO, pszAlgId, 0, 0)                                                      \
  X(BCRYPT_OAEP_PADDING_INFO, pbLabel, 8, 4)                                                       \
  X(BCRYPT_OAEP_PADDING_INFO, cbLabel, 16, 8)                                                      \
  X(BCryptBuffer, cbBuffer, 0, 0)                                                                  \
  X(BCryptBuffer, BufferType, 4, 4)                                                                \
  X(BCryptBuffer, pvBuffer, 8, 8)                                                                  \
  X(BCryptBufferDesc, ulVersion, 0, 0)                                                             \
  X(BCryptBufferDesc, cBuffers, 4, 4)                                                              \
  X(BCryptBufferDesc, pBuffers, 8, 8)

#endif
