/* refmd key containers: container index -> key (cmapfile + the card's
 * public key template), public-key blobs for CardGetContainerInfo, key
 * sizes.  Container i uses card key reference i + 1 (docs/simcard.md). */
#include <string.h>

#include "refmd.h"

static void put_le32(BYTE *p, DWORD v) {
  p[0] = (BYTE)v;
  p[1] = (BYTE)(v >> 8);
  p[2] = (BYTE)(v >> 16);
  p[3] = (BYTE)(v >> 24);
}

/* Skip leading zero bytes of a big-endian integer. */
static void strip(const BYTE **p, DWORD *n) {
  while (*n > 0 && **p == 0)
    (*p)++, (*n)--;
}

/* 7F49 { 81 modulus 82 exponent } or 7F49 { 86 04||X||Y }. */
DWORD refmd_pubkey_parse(const BYTE *p, DWORD n, refmd_key_t *key) {
  DWORD i = 2, len = 0, end;
  BOOL has_mod = FALSE, has_exp = FALSE, has_pt = FALSE;

  if (n < 2 || p[0] != 0x7F || p[1] != 0x49 || !refmd_tlv_len(p, n, &i, &len))
    return SCARD_E_UNEXPECTED;
  end = i + len;
  while (i < end) {
    BYTE tag = p[i++];
    DWORD l = 0;
    const BYTE *v;
    if (!refmd_tlv_len(p, end, &i, &l))
      return SCARD_E_UNEXPECTED;
    v = p + i;
    i += l;
    if (tag == 0x81) {
      strip(&v, &l);
      if (l < 64 || l > REFMD_MOD_MAX)
        return SCARD_E_UNEXPECTED;
      memcpy(key->mod, v, l);
      key->mod_len = l;
      has_mod = TRUE;
    } else if (tag == 0x82) {
      DWORD k;
      strip(&v, &l);
      if (l < 1 || l > 4)
        return SCARD_E_UNEXPECTED;
      for (key->exp = 0, k = 0; k < l; k++)
        key->exp = (key->exp << 8) | v[k];
      has_exp = TRUE;
    } else if (tag == 0x86) {
      if (l != 1 + 2 * REFMD_EC_COORD || v[0] != 0x04)
        return SCARD_E_UNEXPECTED;
      memcpy(key->xy, v + 1, 2 * REFMD_EC_COORD);
      has_pt = TRUE;
    }
  }
  if (has_mod && has_exp && !has_pt) {
    key->bits = key->mod_len * 8;
    return SCARD_S_SUCCESS;
  }
  if (has_pt && !has_mod && !has_exp) {
    key->ecc = TRUE;
    key->bits = 8 * REFMD_EC_COORD;
    return SCARD_S_SUCCESS;
  }
  return SCARD_E_UNEXPECTED;
}

DWORD refmd_key_load(PCARD_DATA pCardData, BYTE index, refmd_key_t *key) {
  BYTE rec[REFMD_CMAP_REC_SIZE];
  BYTE crt[5] = {0xB6, 0x03, 0x84, 0x01, 0};
  refmd_apdu_t a = {0x00, 0x47, 0x81, 0x00, crt, sizeof crt, 256};
  refmd_loc_t loc;
  refmd_fcp_t fcp;
  refmd_rsp_t rsp;
  DWORD rc, sig_bits, kx_bits;

  memset(key, 0, sizeof *key);
  if (index >= REFMD_MAX_CONTAINERS)
    return SCARD_E_NO_KEY_CONTAINER;
  rc = refmd_resolve_dir(pCardData, szBASE_CSP_DIR, &loc);
  if (!rc)
    rc = refmd_resolve_file(szCONTAINER_MAP_FILE, SCARD_E_INVALID_PARAMETER, &loc);
  if (rc == SCARD_E_DIR_NOT_FOUND || rc == SCARD_E_FILE_NOT_FOUND)
    return SCARD_E_NO_KEY_CONTAINER;
  if (rc)
    return rc;
  rc = refmd_select(pCardData, loc.df, loc.rec.fid, &fcp);
  if (rc)
    return rc;
  if (!fcp.has_size || (DWORD)(index + 1) * REFMD_CMAP_REC_SIZE > fcp.size)
    return SCARD_E_NO_KEY_CONTAINER;
  rc = refmd_read_binary(pCardData, (DWORD)index * REFMD_CMAP_REC_SIZE, rec, sizeof rec);
  if (rc)
    return rc;
  /* CONTAINER_MAP_RECORD: wszGuid[40], bFlags @80, wSigKeySizeBits @82, wKeyExchangeKeySizeBits
   * @84. */
  sig_bits = (DWORD)rec[82] | ((DWORD)rec[83] << 8);
  kx_bits = (DWORD)rec[84] | ((DWORD)rec[85] << 8);
  if (!(rec[80] & CONTAINER_MAP_VALID_CONTAINER) || (sig_bits == 0 && kx_bits == 0))
    return SCARD_E_NO_KEY_CONTAINER;
  key->kx = kx_bits != 0;
  key->ref = (BYTE)(index + 1);

  crt[4] = key->ref;
  rc = refmd_send(pCardData, &a, &rsp);
  if (rc == SCARD_E_NO_KEY_CONTAINER)
    return rc; /* 6A88: no such key on the card */
  if (rc)
    return rc;
  return refmd_pubkey_parse(rsp.data, rsp.len, key);
}

DWORD refmd_keyspec_check(const refmd_key_t *key, DWORD spec) {
  if (key->ecc) {
    /* The card's ECC keys are P-256 signature keys. */
    return spec == AT_ECDSA_P256 && !key->kx ? SCARD_S_SUCCESS : SCARD_E_INVALID_PARAMETER;
  }
  if (spec == AT_KEYEXCHANGE)
    return key->kx ? SCARD_S_SUCCESS : SCARD_E_INVALID_PARAMETER;
  if (spec == AT_SIGNATURE)
    return !key->kx ? SCARD_S_SUCCESS : SCARD_E_INVALID_PARAMETER;
  return SCARD_E_INVALID_PARAMETER;
}

DWORD refmd_mse_set(PCARD_DATA pCardData, BYTE crt, BYTE ref) {
  BYTE data[3] = {0x84, 0x01, ref};
  refmd_apdu_t a = {0x00, 0x22, 0x41, crt, data, sizeof data, 0};
  refmd_rsp_t rsp;
  return refmd_send(pCardData, &a, &rsp);
}

/* CAPI PUBLICKEYBLOB (header, RSAPUBKEY, modulus little-endian) or
 * BCRYPT_ECCKEY_BLOB (magic, cbKey, X, Y big-endian), from pfnCspAlloc. */
static DWORD make_blob(PCARD_DATA pCardData, const refmd_key_t *key, PBYTE *out, DWORD *out_len) {
  DWORD n = key->ecc ? 8 + 2 * REFMD_EC_COORD : 20 + key->mod_len;
  BYTE *b = pCardData->pfnCspAlloc(n);

  if (b == NULL)
    return SCARD_E_NO_MEMORY;
  if (key->ecc) {
    put_le32(b, key->kx ? BCRYPT_ECDH_PUBLIC_P256_MAGIC : BCRYPT_ECDSA_PUBLIC_P256_MAGIC);
    put_le32(b + 4, REFMD_EC_COORD);
    memcpy(b + 8, key->xy, 2 * REFMD_EC_COORD);
  } else {
    b[0] = PUBLICKEYBLOB;
    b[1] = CUR_BLOB_VERSION;
    b[2] = b[3] = 0;
    put_le32(b + 4, key->kx ? CALG_RSA_KEYX : CALG_RSA_SIGN);
    put_le32(b + 8, BCRYPT_RSAPUBLIC_MAGIC); /* "RSA1", the same value as the CAPI magic */
    put_le32(b + 12, key->bits);
    put_le32(b + 16, key->exp);
    memcpy(b + 20, key->mod, key->mod_len);
    refmd_reverse(b + 20, key->mod_len);
  }
  *out = b;
  *out_len = n;
  return SCARD_S_SUCCESS;
}

DWORD WINAPI CardGetContainerInfo(PCARD_DATA pCardData, BYTE bContainerIndex, DWORD dwFlags,
                                  PCONTAINER_INFO pContainerInfo) {
  refmd_key_t key;
  PBYTE blob = NULL;
  DWORD rc, len = 0;

  rc = refmd_check(pCardData);
  if (rc)
    return rc;
  if (pContainerInfo == NULL)
    return SCARD_E_INVALID_PARAMETER;
  rc = refmd_begin(pCardData);
  if (rc)
    return rc;
  rc = refmd_key_load(pCardData, bContainerIndex, &key);
  refmd_end(pCardData);
  if (rc)
    return rc;
  if (dwFlags != 0)
    return SCARD_E_INVALID_PARAMETER;
  /* Version 0 means version 1 (CMR.4.2.3.4). */
  if (pContainerInfo->dwVersion > CONTAINER_INFO_CURRENT_VERSION)
    return ERROR_REVISION_MISMATCH;
  pContainerInfo->cbSigPublicKey = 0;
  pContainerInfo->pbSigPublicKey = NULL;
  pContainerInfo->cbKeyExPublicKey = 0;
  pContainerInfo->pbKeyExPublicKey = NULL;
  rc = make_blob(pCardData, &key, &blob, &len);
  if (rc)
    return rc;
  if (key.kx) {
    pContainerInfo->pbKeyExPublicKey = blob;
    pContainerInfo->cbKeyExPublicKey = len;
  } else {
    pContainerInfo->pbSigPublicKey = blob;
    pContainerInfo->cbSigPublicKey = len;
  }
  return SCARD_S_SUCCESS;
}

DWORD WINAPI CardQueryKeySizes(PCARD_DATA pCardData, DWORD dwKeySpec, DWORD dwFlags,
                               PCARD_KEY_SIZES pKeySizes) {
  DWORD bits;

  DWORD rc = refmd_check(pCardData);
  if (rc)
    return rc;
  if (pKeySizes == NULL)
    return SCARD_E_INVALID_PARAMETER;
  switch (dwKeySpec) {
  case AT_KEYEXCHANGE:
  case AT_SIGNATURE:
    bits = 2048; /* the card's RSA keys, personalised or generated */
    break;
  case AT_ECDSA_P256:
    bits = 256;
    break;
  case AT_ECDSA_P384:
  case AT_ECDSA_P521:
  case AT_ECDHE_P256:
  case AT_ECDHE_P384:
  case AT_ECDHE_P521:
    bits = 0; /* valid key specs the card cannot do (E6, after E4/E5) */
    break;
  default:
    return SCARD_E_INVALID_PARAMETER;
  }
  if (dwFlags != 0)
    return SCARD_E_INVALID_PARAMETER;
  /* Version 0 means version 1 (CMR.4.3.6.5). */
  if (pKeySizes->dwVersion > CARD_KEY_SIZES_CURRENT_VERSION)
    return ERROR_REVISION_MISMATCH;
  if (bits == 0)
    return SCARD_E_UNSUPPORTED_FEATURE;
  pKeySizes->dwMinimumBitlen = bits;
  pKeySizes->dwDefaultBitlen = bits;
  pKeySizes->dwMaximumBitlen = bits;
  pKeySizes->dwIncrementalBitlen = 1; /* one size only; 1 keeps a caller's stepping finite */
  return SCARD_S_SUCCESS;
}
