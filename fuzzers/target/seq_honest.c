/* The honest sessions of the Sequence and HostileCard targets: the sequence
 * tests of the requirements document (section 2.5) as Card* calls with
 * honest arguments for the simulated card (docs/simcard.md: user PIN
 * "1234", admin PIN "12345678", container 0 RSA key exchange, 1 ECDSA
 * P-256, files cardcf / mscp/cmapfile / mscp/kxc00 ...).  CAPI / CNG steps
 * that never reach the card (hashing, verifying, session keys) have no
 * minidriver call.  CardAcquireContext and CardDeleteContext are the
 * session's own (fuzz_export.c), so they are not listed.
 *
 * Written in the text form (mdfuzz decode / encode) so that a reviewer
 * reads them as they are; {CRYPTOGRAM} stands for a 256-byte RSA
 * cryptogram below the modulus, little-endian as CAPI passes it
 * (FF FE ... 01 00: the most significant byte is 00). */
#include <stdio.h>
#include <string.h>

#include "mdfuzz/fuzzers/fuzz.h"

/* ---- reusable call texts -------------------------------------------------- */

#define READ(dir, file)                                                                            \
  "call CardReadFile\n  pCardData = valid\n  pszDirectoryName = " dir "\n  pszFileName = \"" file  \
  "\"\n"
#define WRITE_CARDCF                                                                               \
  "call CardWriteFile\n  pCardData = valid\n  pszDirectoryName = NULL\n"                           \
  "  pszFileName = \"cardcf\"\n  dwFlags = 0x0\n  pbData = 00 00 00 01 00 01\n  cbData = 6\n"
#define CONTAINER_INFO(i)                                                                          \
  "call CardGetContainerInfo\n  pCardData = valid\n  bContainerIndex = " #i "\n"
#define AUTH_PIN "call CardAuthenticatePin\n" /* user "1234" */
#define AUTH_EX                                                                                    \
  "call CardAuthenticateEx\n  pCardData = valid\n  PinId = ROLE_USER\n  dwFlags = 0x0\n"           \
  "  pbPinData = 31 32 33 34\n  cbPinData = 4\n"
#define DEAUTH "call CardDeauthenticate\n"
#define DEAUTH_EX "call CardDeauthenticateEx\n"
#define HASH20 "01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F 10 11 12 13 14"
#define HASH32 HASH20 " 15 16 17 18 19 1A 1B 1C 1D 1E 1F 20"
/* CARD_SIGNING_INFO v2 with every member (the text form wants them all). */
#define SIGN(idx, spec, flags, alg, hash, n, algid, pad)                                           \
  "call CardSignData\n  pCardData = valid\n  pInfo = CARD_SIGNING_INFO {\n"                        \
  "    dwVersion = 2\n    bContainerIndex = " #idx "\n    dwKeySpec = " spec "\n"                  \
  "    dwSigningFlags = " flags "\n    aiHashAlg = " alg "\n    pbData = " hash "\n"               \
  "    cbData = " #n "\n    pbSignedData = 0\n"                                                    \
  "    pPaddingInfo = BCRYPT_PADDING_INFO {\n      pszAlgId = " algid "\n"                         \
  "      cbSalt = 0\n      pbLabel = empty\n      cbLabel = 0\n    }\n"                            \
  "    dwPaddingType = " pad "\n  }\n"
/* CAPI signing: SHA-1 DigestInfo padded by the card, no padding info. */
#define SIGN_CAPI(idx) SIGN(idx, "AT_KEYEXCHANGE", "0x0", "CALG_SHA1", HASH20, 20, "NULL", "0")
/* CARD_RSA_DECRYPT_INFO v1: the raw block back, the CSP unpads. */
#define DECRYPT_CAPI(idx)                                                                          \
  "call CardRSADecrypt\n  pCardData = valid\n  pInfo = CARD_RSA_DECRYPT_INFO {\n"                  \
  "    dwVersion = 1\n    bContainerIndex = " #idx "\n    dwKeySpec = AT_KEYEXCHANGE\n"            \
  "    pbData = {CRYPTOGRAM}\n    cbData = 256\n"                                                  \
  "    pPaddingInfo = NULL\n    dwPaddingType = 0\n  }\n"
/* Store a new certificate: create mscp/<file>, write it, touch cardcf. */
#define STORE_CERT(file)                                                                           \
  "call CardCreateFile\n  pCardData = valid\n  pszDirectoryName = \"mscp\"\n"                      \
  "  pszFileName = \"" file "\"\n  cbInitialCreationSize = 16\n"                                   \
  "  AccessCondition = EveryoneReadUserWriteAc\n"                                                  \
  "call CardWriteFile\n  pCardData = valid\n  pszDirectoryName = \"mscp\"\n"                       \
  "  pszFileName = \"" file "\"\n  dwFlags = 0x0\n"                                                \
  "  pbData = 30 0E 30 0C A0 03 02 01 02 02 01 01 30 00 30 00\n  cbData = 16\n" WRITE_CARDCF
#define KSP_OPEN(idx)                                                                              \
  "call CardGetContainerProperty\n  pCardData = valid\n  bContainerIndex = " #idx "\n"

static const struct session {
  const char *name;
  const char *text;
} sessions[] = {
    /* 2.5.1: read the cache file and the container map, find the key
     * exchange key and its certificate, PIN, sign the certificate's hash,
     * decrypt the session key, log out. */
    {"honest-logon", READ("NULL", "cardcf") READ("\"mscp\"", "cmapfile") CONTAINER_INFO(0)
                         READ("\"mscp\"", "kxc00") AUTH_PIN SIGN_CAPI(0) DECRYPT_CAPI(0) DEAUTH},
    /* 2.5.2: the document's calls, new PIN "4321". */
    {"honest-pin-change",
     "call CardChangeAuthenticator\n  pCardData = valid\n  pwszUserId = \"user\"\n"
     "  pbCurrentAuthenticator = 31 32 33 34\n  cbCurrentAuthenticator = 4\n"
     "  pbNewAuthenticator = 34 33 32 31\n  cbNewAuthenticator = 4\n" READ("NULL", "cardcf")
         WRITE_CARDCF DEAUTH},
    /* 2.5.3 RSA: container map, PIN, generate the key in a free RSA slot
     * (2), export its public key, sign the request, store the certificate. */
    {"honest-enroll-rsa", READ("\"mscp\"", "cmapfile") AUTH_PIN
     "call CardCreateContainer\n  pCardData = valid\n  bContainerIndex = 2\n"
     "  dwFlags = CARD_CREATE_CONTAINER_KEY_GEN\n  dwKeySpec = AT_KEYEXCHANGE\n"
     "  dwKeySize = 2048\n" CONTAINER_INFO(2) SIGN_CAPI(2) STORE_CERT("kxc02")},
    /* 2.5.3 ECC (CNG): a P-256 key in a free ECC slot (3), bound to the
     * user PIN; the card makes ECDSA keys only (no ECDH key generation). */
    {"honest-enroll-ecc", AUTH_EX
     "call CardCreateContainerEx\n  pCardData = valid\n  bContainerIndex = 3\n"
     "  dwFlags = CARD_CREATE_CONTAINER_KEY_GEN\n  dwKeySpec = AT_ECDSA_P256\n"
     "  dwKeySize = 0\n  pbKeyData = empty\n  length = 0\n  PinId = ROLE_USER\n" CONTAINER_INFO(3)
         SIGN(3, "AT_ECDSA_P256", "0x0", "CALG_SHA_256", HASH32, 32, "NULL", "0")
             STORE_CERT("ksc03") DEAUTH_EX},
    /* 2.5.4: the user's key and certificate, the PIN, the algorithms, sign
     * a random hash, decrypt the session key. */
    {"honest-runas", CONTAINER_INFO(0) READ("\"mscp\"", "kxc00") AUTH_PIN
     "call CardQueryKeySizes\n" SIGN_CAPI(0) DECRYPT_CAPI(0) DEAUTH},
    /* 2.5.5: locate the key exchange container, PIN, sign. */
    {"honest-email-sign",
     READ("\"mscp\"", "cmapfile") CONTAINER_INFO(0) AUTH_PIN SIGN_CAPI(0) DEAUTH},
    /* 2.5.6: locate the container, PIN, decrypt the session key. */
    {"honest-email-decrypt",
     READ("\"mscp\"", "cmapfile") CONTAINER_INFO(0) AUTH_PIN DECRYPT_CAPI(0) DEAUTH},
    /* 2.5.7 with the admin PIN as the unblock authenticator (the document's
     * challenge form, which needs the admin key, is pin-unblock-challenge). */
    {"honest-pin-unblock",
     "call CardUnblockPin\n  pCardData = valid\n  pwszUserId = \"user\"\n"
     "  pbAuthenticationData = 31 32 33 34 35 36 37 38\n  cbAuthenticationData = 8\n"
     "  pbNewPinData = 31 32 33 34\n  cbNewPinData = 4\n  cRetryCount = 0\n"
     "  dwFlags = CARD_AUTHENTICATE_PIN_PIN\n" AUTH_PIN READ("NULL", "cardcf") WRITE_CARDCF DEAUTH},
    /* 2.5.7 as the document lists it: challenge, challenge-response unblock
     * (a response the admin key did not make: refused), PIN, cardcf, logout. */
    {"pin-unblock-challenge", "call CardGetChallenge\ncall CardUnblockPin\n" AUTH_PIN READ(
                                  "NULL", "cardcf") WRITE_CARDCF DEAUTH},
    /* 2.5.8.1 (KSP): open the key, PIN, PKCS#1 signature, release. */
    {"honest-tls-rsa",
     KSP_OPEN(0) AUTH_EX SIGN(0, "AT_KEYEXCHANGE", "CARD_PADDING_INFO_PRESENT", "0", HASH32, 32,
                              "\"SHA256\"", "CARD_PADDING_PKCS1") DEAUTH_EX},
    /* 2.5.8.2 (KSP): open the ECC key, PIN, sign the handshake, then the
     * secret agreement and TLS_PRF derivation (refmd's card has no ECDH
     * key: these fail, with their argument checks run). */
    {"honest-tls-ecc",
     KSP_OPEN(1) AUTH_EX SIGN(1, "AT_ECDSA_P256", "0x0", "CALG_SHA_256", HASH32, 32, "NULL",
                              "0") "call CardConstructDHAgreement\ncall CardDeriveKey\ncall "
                                   "CardDestroyDHAgreement\n" DEAUTH_EX},
    /* Every file of the card, and both directories listed. */
    {"honest-read-all",
     READ("NULL", "cardid") READ("NULL", "cardcf") READ("NULL", "cardapps")
         READ("\"mscp\"", "cmapfile") READ("\"mscp\"", "kxc00") READ(
             "\"mscp\"",
             "ksc01") "call CardEnumFiles\n"
                      "call CardEnumFiles\n  pCardData = valid\n  pszDirectoryName = \"mscp\"\n"},
};

#define NSESSIONS (sizeof(sessions) / sizeof(sessions[0]))
#define TEXT_MAX 8192

size_t mdf_seq_honest_count(void) {
  return NSESSIONS;
}

const char *mdf_seq_honest_name(size_t i) {
  return i < NSESSIONS ? sessions[i].name : NULL;
}

/* Expand {CRYPTOGRAM} into out (cap bytes); false if it does not fit. */
static bool expand(const char *in, char *out, size_t cap) {
  static const char key[] = "{CRYPTOGRAM}";
  size_t n = 0, i;
  const char *at;

  while ((at = strstr(in, key)) != NULL) {
    if (n + (size_t)(at - in) + 3 * 256 >= cap)
      return false;
    memcpy(out + n, in, (size_t)(at - in));
    n += (size_t)(at - in);
    for (i = 0; i < 256; i++)
      n += (size_t)snprintf(out + n, cap - n, i ? " %02X" : "%02X", (unsigned)(255 - i));
    in = at + sizeof(key) - 1;
  }
  if (n + strlen(in) >= cap)
    return false;
  strcpy(out + n, in);
  return true;
}

mdf_err_t mdf_seq_honest_case(size_t i, mdf_case_t *c) {
  static char text[TEXT_MAX];
  const mdf_export_t *const *seq;
  mdf_diag_t diag;
  mdf_err_t err;
  size_t nseq;

  if (c == NULL || i >= NSESSIONS)
    return MDF_EINVAL;
  seq = mdf_fuzz_seq_exports(&nseq);
  if (!expand(sessions[i].text, text, sizeof(text)))
    return MDF_ESPACE;
  err = mdf_case_from_text(text, strlen(text), NULL, seq, nseq, c, &diag);
  if (err != MDF_OK)
    fprintf(stderr, "mdfuzz: honest session %s:%u:%u: %s\n", sessions[i].name, diag.line, diag.col,
            diag.msg);
  return err;
}
