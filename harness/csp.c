/* The CSP's crypto callbacks: PKCS#1 v1.5 signature padding
 * (pfnCspPadData), unpadding of a decrypted block (pfnCspUnpadData) and the
 * DH agreement index lookup (pfnCspGetDHAgreement).  Correct by default so
 * that a driver's honest paths run; each also answers per the session's
 * mdf_csp_mode_t (fail, NULL output, one byte short, too long) so that the
 * driver's handling of its CSP's answers is fuzzed. */
#include <stdlib.h>
#include <string.h>

#include "harness_int.h"

/* Hand buf (len bytes, allocated tracked with room for len + 16) to the
 * driver as *out / *out_len, bent by mode. */
static DWORD answer(mdf_harness_t *h, mdf_csp_mode_t mode, uint8_t *buf, size_t len, DWORD *out_len,
                    PBYTE *out) {
  switch (mode) {
  case MDF_CSP_NULL_OUT:
    mdf__track_release(h, buf);
    return 0; /* *out NULL, *out_len 0 already */
  case MDF_CSP_SHORT:
    len = len > 0 ? len - 1 : 0;
    break;
  case MDF_CSP_LONG:
    memset(buf + len, 0x5A, 16);
    len += 16;
    break;
  default:
    break;
  }
  *out = buf;
  *out_len = (DWORD)len;
  return 0;
}

/* DER DigestInfo prefixes (the hash follows). */
static const struct digest_info {
  ALG_ID alg;
  uint8_t hash_len;
  uint8_t prefix_len;
  uint8_t prefix[19];
} digest_infos[] = {
    {CALG_MD5,
     16,
     18,
     {0x30, 0x20, 0x30, 0x0c, 0x06, 0x08, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x05, 0x05,
      0x00, 0x04, 0x10}},
    {CALG_SHA1,
     20,
     15,
     {0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14}},
    {CALG_SHA_256,
     32,
     19,
     {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01,
      0x05, 0x00, 0x04, 0x20}},
    {CALG_SHA_384,
     48,
     19,
     {0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02,
      0x05, 0x00, 0x04, 0x30}},
    {CALG_SHA_512,
     64,
     19,
     {0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03,
      0x05, 0x00, 0x04, 0x40}},
    {CALG_SSL3_SHAMD5, 36, 0, {0}},
};

DWORD WINAPI mdf__pad_data(PCARD_SIGNING_INFO info, DWORD max_width, DWORD *out_len, PBYTE *out) {
  mdf_harness_t *h = mdf__harness;
  const struct digest_info *di = NULL;
  size_t i, tlen, pad;
  uint8_t *buf;

  if (out != NULL)
    *out = NULL;
  if (out_len != NULL)
    *out_len = 0;
  if (h == NULL || info == NULL || out == NULL || out_len == NULL ||
      (info->pbData == NULL && info->cbData != 0))
    return SCARD_E_INVALID_PARAMETER;
  if (h->p.pad_mode == MDF_CSP_FAIL)
    return (DWORD)NTE_FAIL;
  if (info->aiHashAlg != 0) {
    for (i = 0; i < sizeof(digest_infos) / sizeof(digest_infos[0]); i++)
      if (digest_infos[i].alg == info->aiHashAlg)
        di = &digest_infos[i];
    if (di == NULL)
      return (DWORD)NTE_BAD_ALGID;
    if (info->cbData != di->hash_len)
      return (DWORD)NTE_BAD_HASH;
  }
  tlen = (di ? di->prefix_len : 0) + (size_t)info->cbData;
  if (max_width > 8192 || tlen + 11 > max_width)
    return (DWORD)NTE_BAD_LEN;
  buf = mdf__track_alloc(h, (size_t)max_width + 16);
  if (buf == NULL)
    return SCARD_E_NO_MEMORY;
  /* 00 01 FF..FF 00 DigestInfo hash */
  pad = max_width - tlen - 3;
  buf[0] = 0x00;
  buf[1] = 0x01;
  memset(buf + 2, 0xFF, pad);
  buf[2 + pad] = 0x00;
  if (di != NULL)
    memcpy(buf + 3 + pad, di->prefix, di->prefix_len);
  if (info->cbData != 0)
    memcpy(buf + max_width - info->cbData, info->pbData, info->cbData);
  return answer(h, h->p.pad_mode, buf, max_width, out_len, out);
}

DWORD WINAPI mdf__unpad_data(PCARD_RSA_DECRYPT_INFO info, DWORD *out_len, PBYTE *out) {
  mdf_harness_t *h = mdf__harness;
  const uint8_t *p;
  size_t i, n, start = 0;
  uint8_t *buf;

  if (out != NULL)
    *out = NULL;
  if (out_len != NULL)
    *out_len = 0;
  if (h == NULL || info == NULL || out == NULL || out_len == NULL || info->pbData == NULL)
    return SCARD_E_INVALID_PARAMETER;
  if (h->p.unpad_mode == MDF_CSP_FAIL)
    return (DWORD)NTE_FAIL;
  p = info->pbData;
  n = info->cbData;
  if (info->dwVersion >= CARD_RSA_KEY_DECRYPT_INFO_VERSION_TWO &&
      info->dwPaddingType == CARD_PADDING_NONE) {
    start = 0;
  } else if (info->dwVersion < CARD_RSA_KEY_DECRYPT_INFO_VERSION_TWO ||
             info->dwPaddingType == CARD_PADDING_PKCS1) {
    /* 00 02 PS (>= 8 non-zero) 00 M */
    if (n < 11 || p[0] != 0x00 || p[1] != 0x02)
      return (DWORD)NTE_BAD_DATA;
    for (i = 2; i < n && p[i] != 0; i++)
      ;
    if (i >= n || i < 10)
      return (DWORD)NTE_BAD_DATA;
    start = i + 1;
  } else {
    return SCARD_E_UNSUPPORTED_FEATURE; /* OAEP is left to the card here */
  }
  buf = mdf__track_alloc(h, n - start + 16);
  if (buf == NULL)
    return SCARD_E_NO_MEMORY;
  if (n > start)
    memcpy(buf, p + start, n - start);
  return answer(h, h->p.unpad_mode, buf, n - start, out_len, out);
}

/* The CSP keeps agreement handles; ours are index + 1 cast to a pointer. */
DWORD WINAPI mdf__get_dh_agreement(PCARD_DATA cd, PVOID agreement, BYTE *index, DWORD flags) {
  mdf_harness_t *h = mdf__harness;
  uintptr_t v = (uintptr_t)agreement;

  (void)flags;
  if (cd == NULL || index == NULL || v == 0 || v > 256)
    return SCARD_E_INVALID_PARAMETER;
  switch (h != NULL ? h->p.dh_mode : MDF_CSP_NORMAL) {
  case MDF_CSP_FAIL:
    return (DWORD)NTE_FAIL;
  case MDF_CSP_NULL_OUT:
    return 0; /* index not written */
  case MDF_CSP_SHORT:
    *index = (BYTE)(v - 2);
    return 0;
  case MDF_CSP_LONG:
    *index = 0xFF;
    return 0;
  default:
    *index = (BYTE)(v - 1);
    return 0;
  }
}
