/* refmd private-key operations: CardSignData (RSA PKCS#1 v1.5 padded by
 * the card, ECDSA P-256) and CardRSADecrypt (raw RSA on the card, extended
 * APDU).  Checks follow CMR.4.3.5 and CMR.4.3.1 in their listed order.
 * CAPI wants RSA values little-endian; the card speaks big-endian. */
#include <string.h>

#include "refmd.h"

/* Hashes refmd can wrap in a DigestInfo: the ALG_ID, the CNG name used in
 * BCRYPT_PKCS1_PADDING_INFO, the hash size and the DER prefix. */
static const struct hash_alg {
  ALG_ID alg;
  LPCWSTR cng;
  DWORD len;
  BYTE prefix_len;
  BYTE prefix[19];
} hashes[] = {
    {CALG_SHA1,
     BCRYPT_SHA1_ALGORITHM,
     20,
     15,
     {0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14}},
    {CALG_SHA_256,
     BCRYPT_SHA256_ALGORITHM,
     32,
     19,
     {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01,
      0x05, 0x00, 0x04, 0x20}},
    {CALG_SHA_384,
     BCRYPT_SHA384_ALGORITHM,
     48,
     19,
     {0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02,
      0x05, 0x00, 0x04, 0x30}},
    {CALG_SHA_512,
     BCRYPT_SHA512_ALGORITHM,
     64,
     19,
     {0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03,
      0x05, 0x00, 0x04, 0x40}},
};
#define NHASHES (sizeof hashes / sizeof hashes[0])

#define SIGN_FLAGS (CARD_BUFFER_SIZE_ONLY | CARD_PADDING_INFO_PRESENT | CRYPT_NOHASHOID)
#define PKCS1_MAX_INPUT(mod_len) ((mod_len)-11)

/* What goes to the card for an RSA signature: the DigestInfo (card pads)
 * or, for CARD_PADDING_NONE, a full modulus-size block (raw RSA). */
typedef struct sign_input {
  const struct hash_alg *hash; /* NULL: data already formatted */
  BOOL raw;
} sign_input_t;

/* The v2 fields of CARD_SIGNING_INFO, read once; zero for a v1 struct,
 * which ends before them. */
typedef struct sign_padding {
  const void *info;
  DWORD type;
} sign_padding_t;

static DWORD pick_hash(const CARD_SIGNING_INFO *in, DWORD version, const sign_padding_t *pad,
                       sign_input_t *si) {
  DWORD k;

  memset(si, 0, sizeof *si);
  if (version >= 2 && (in->dwSigningFlags & CARD_PADDING_INFO_PRESENT)) {
    const BCRYPT_PKCS1_PADDING_INFO *pi = pad->info;
    if (pad->type == CARD_PADDING_NONE) {
      si->raw = TRUE;
      return SCARD_S_SUCCESS;
    }
    if (pad->type == CARD_PADDING_PSS)
      return SCARD_E_UNSUPPORTED_FEATURE;
    if (pad->type != CARD_PADDING_PKCS1 || pi == NULL)
      return SCARD_E_INVALID_PARAMETER;
    if (pi->pszAlgId == NULL)
      return SCARD_S_SUCCESS; /* formatted by the caller */
    for (k = 0; k < NHASHES; k++)
      if (refmd_wcs_eq(pi->pszAlgId, hashes[k].cng))
        si->hash = &hashes[k];
    return si->hash ? SCARD_S_SUCCESS : SCARD_E_UNSUPPORTED_FEATURE;
  }
  if (in->dwSigningFlags & CARD_PADDING_INFO_PRESENT)
    return SCARD_E_INVALID_PARAMETER; /* v1 has no such fields */
  if (in->aiHashAlg == 0)
    return SCARD_S_SUCCESS;
  if (GET_ALG_CLASS(in->aiHashAlg) != ALG_CLASS_HASH)
    return SCARD_E_INVALID_PARAMETER; /* E8 */
  for (k = 0; k < NHASHES; k++)
    if (hashes[k].alg == in->aiHashAlg)
      si->hash = &hashes[k];
  return si->hash ? SCARD_S_SUCCESS : SCARD_E_UNSUPPORTED_FEATURE; /* E9 */
}

DWORD WINAPI CardSignData(PCARD_DATA pCardData, PCARD_SIGNING_INFO pInfo) {
  BYTE data[REFMD_MOD_MAX];
  refmd_apdu_t a = {0x00, 0x2A, 0x9E, 0x9A, data, 0, 0};
  refmd_rsp_t rsp;
  refmd_key_t key;
  sign_input_t si;
  sign_padding_t pad = {NULL, 0};
  DWORD rc, version, sig_len;
  BYTE *sig = NULL;
  BOOL tx = FALSE;

  rc = refmd_check(pCardData);
  if (rc)
    return rc;
  if (pInfo == NULL)
    return SCARD_E_INVALID_PARAMETER;
#ifndef REFMD_BUG_STRUCTVER0
  version = pInfo->dwVersion ? pInfo->dwVersion : CARD_SIGNING_INFO_BASIC_VERSION;
#else
  /* PLANTED BUG (REFMD_BUG_STRUCTVER0): version 0 is taken for the current
   * version instead of 1, so the v2 fields of a v1-sized struct are read. */
  version = pInfo->dwVersion ? pInfo->dwVersion : CARD_SIGNING_INFO_CURRENT_VERSION;
#endif
  if (version > CARD_SIGNING_INFO_CURRENT_VERSION)
    return ERROR_REVISION_MISMATCH;
  if (version >= CARD_SIGNING_INFO_CURRENT_VERSION) {
    pad.info = pInfo->pPaddingInfo;
    pad.type = pInfo->dwPaddingType;
  }
  if (pInfo->pbData == NULL)
    return SCARD_E_INVALID_PARAMETER;
  pInfo->pbSignedData = NULL;
  pInfo->cbSignedData = 0;

  rc = refmd_begin(pCardData);
  if (rc)
    goto out;
  tx = TRUE;
  rc = refmd_key_load(pCardData, pInfo->bContainerIndex, &key); /* E5 */
  if (!rc)
    rc = refmd_keyspec_check(&key, pInfo->dwKeySpec); /* E6 */
  if (rc)
    goto out;
  if (pInfo->dwSigningFlags & ~(DWORD)SIGN_FLAGS) { /* E7 */
    rc = SCARD_E_INVALID_PARAMETER;
    goto out;
  }
  rc = pick_hash(pInfo, version, &pad, &si); /* E8, E9 */
  if (rc)
    goto out;

  if (key.ecc) {
    /* ECDSA signs the hash itself; the signature is r||s, big-endian. */
    if (si.raw || pInfo->cbData == 0 || pInfo->cbData > 64 ||
        (si.hash && pInfo->cbData != si.hash->len)) {
      rc = SCARD_E_INVALID_PARAMETER;
      goto out;
    }
    memcpy(data, pInfo->pbData, pInfo->cbData);
    a.lc = pInfo->cbData;
    sig_len = 2 * REFMD_EC_COORD;
  } else if (si.raw) {
    if (pInfo->cbData != key.mod_len) {
      rc = SCARD_E_INVALID_PARAMETER;
      goto out;
    }
    memcpy(data, pInfo->pbData, pInfo->cbData);
    a.lc = pInfo->cbData;
    sig_len = key.mod_len;
  } else {
    DWORD prefix = si.hash && !(pInfo->dwSigningFlags & CRYPT_NOHASHOID) ? si.hash->prefix_len : 0;
    if (pInfo->cbData == 0 || (si.hash && pInfo->cbData != si.hash->len) ||
        pInfo->cbData > PKCS1_MAX_INPUT(key.mod_len) - prefix) {
      rc = SCARD_E_INVALID_PARAMETER;
      goto out;
    }
    if (prefix)
      memcpy(data, si.hash->prefix, prefix);
    memcpy(data + prefix, pInfo->pbData, pInfo->cbData);
    a.lc = prefix + pInfo->cbData;
    sig_len = key.mod_len;
  }
  if (pInfo->dwSigningFlags & CARD_BUFFER_SIZE_ONLY) {
    pInfo->cbSignedData = sig_len;
    goto out;
  }

  a.le = sig_len;
  rc = refmd_mse_set(pCardData, 0xB6, key.ref);
  if (!rc)
    rc = refmd_send(pCardData, &a, &rsp); /* 6982 -> E10 */
  if (rc)
    goto out;
  if (rsp.len != sig_len) {
    rc = SCARD_E_UNEXPECTED;
    goto out;
  }
  sig = pCardData->pfnCspAlloc(sig_len);
  if (sig == NULL) {
    rc = SCARD_E_NO_MEMORY;
    goto out;
  }
  memcpy(sig, rsp.data, sig_len);
  if (!key.ecc)
    refmd_reverse(sig, sig_len);
  pInfo->pbSignedData = sig;
  pInfo->cbSignedData = sig_len;
out:
  if (tx)
    refmd_end(pCardData);
  return rc;
}

/* PKCS#1 v1.5 type 2 unpadding of block b (big-endian, n bytes): returns
 * the message offset or 0 when the padding is wrong. */
static DWORD unpad_pkcs1(const BYTE *b, DWORD n) {
  DWORD i;
  if (n < 11 || b[0] != 0x00 || b[1] != 0x02)
    return 0;
  for (i = 2; i < n && b[i] != 0; i++) {
  }
  return i < n && i >= 10 ? i + 1 : 0;
}

DWORD WINAPI CardRSADecrypt(PCARD_DATA pCardData, PCARD_RSA_DECRYPT_INFO pInfo) {
  BYTE data[1 + REFMD_MOD_MAX];
  refmd_apdu_t a = {0x00, 0x2A, 0x80, 0x86, data, 0, 0};
  refmd_rsp_t rsp;
  refmd_key_t key;
  DWORD rc, version, padding = CARD_PADDING_NONE, at;
  BOOL tx = FALSE;

  rc = refmd_check(pCardData);
  if (rc)
    return rc;
  if (pInfo == NULL)
    return SCARD_E_INVALID_PARAMETER;
  version = pInfo->dwVersion ? pInfo->dwVersion : CARD_RSA_KEY_DECRYPT_INFO_VERSION_ONE;
  if (version > CARD_RSA_KEY_DECRYPT_INFO_CURRENT_VERSION)
    return ERROR_REVISION_MISMATCH;

  rc = refmd_begin(pCardData);
  if (rc)
    goto out;
  tx = TRUE;
  rc = refmd_key_load(pCardData, pInfo->bContainerIndex, &key); /* E4 */
  if (rc)
    goto out;
  if (key.ecc || (pInfo->dwKeySpec != AT_KEYEXCHANGE && pInfo->dwKeySpec != AT_SIGNATURE) ||
      refmd_keyspec_check(&key, pInfo->dwKeySpec) || pInfo->pbData == NULL) { /* E5, E6 */
    rc = SCARD_E_INVALID_PARAMETER;
    goto out;
  }
  if (pInfo->cbData != key.mod_len) { /* E7 */
    rc = SCARD_E_INSUFFICIENT_BUFFER;
    goto out;
  }
  /* Version 2 says how the caller wants the block: raw (the CSP unpads)
   * or PKCS#1 unpadded here.  OAEP needs hashing the card cannot do. */
  if (version >= CARD_RSA_KEY_DECRYPT_INFO_VERSION_TWO && pInfo->dwPaddingType != 0)
    padding = pInfo->dwPaddingType;
  if (padding == CARD_PADDING_OAEP) {
    rc = SCARD_E_UNSUPPORTED_FEATURE;
    goto out;
  }
  if (padding != CARD_PADDING_NONE && padding != CARD_PADDING_PKCS1) {
    rc = SCARD_E_INVALID_PARAMETER;
    goto out;
  }

  /* 00 || cryptogram (big-endian): Lc = modulus + 1 needs an extended APDU. */
  data[0] = 0x00;
  memcpy(data + 1, pInfo->pbData, key.mod_len);
  refmd_reverse(data + 1, key.mod_len);
  a.lc = 1 + key.mod_len;
  a.le = key.mod_len;
  rc = refmd_mse_set(pCardData, 0xB8, key.ref);
  if (!rc)
    rc = refmd_send(pCardData, &a, &rsp); /* 6982 -> E8 */
  memset(data, 0, sizeof data);
  if (rc)
    goto out;
  if (rsp.len != key.mod_len) {
    rc = SCARD_E_UNEXPECTED;
    goto out;
  }
  if (padding == CARD_PADDING_PKCS1) {
    at = unpad_pkcs1(rsp.data, rsp.len);
    if (at == 0) {
      rc = NTE_BAD_DATA;
      goto out;
    }
    /* The message, in its natural byte order, replaces the input. */
    memcpy(pInfo->pbData, rsp.data + at, rsp.len - at);
    pInfo->cbData = rsp.len - at;
  } else {
    /* The raw block, little-endian like the input, same size. */
    memcpy(pInfo->pbData, rsp.data, rsp.len);
    refmd_reverse(pInfo->pbData, rsp.len);
  }
out:
  memset(rsp.data, 0, sizeof rsp.data);
  if (tx)
    refmd_end(pCardData);
  return rc;
}
