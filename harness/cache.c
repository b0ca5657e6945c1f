/* The CSP's other callbacks: the data cache (pfnCspCache*), PKCS#1 v1.5
 * signature padding (pfnCspPadData), unpadding of a decrypted block
 * (pfnCspUnpadData) and the DH agreement index lookup.  Simple and correct:
 * they exist so that a driver's honest paths run, not to be fuzzed. */
#include <stdlib.h>
#include <string.h>

#include "harness_int.h"

static size_t wlen(const WCHAR *s, size_t max) {
  size_t n = 0;

  while (n < max && s[n] != 0)
    n++;
  return n;
}

void mdf__cache_reset(mdf_harness_t *h) {
  size_t i;

  for (i = 0; i < MDF__CACHE_ENTRIES; i++) {
    h->cache[i].used = false;
    h->cache[i].len = 0;
  }
}

void mdf__cache_fini(mdf_harness_t *h) {
  size_t i;

  for (i = 0; i < MDF__CACHE_ENTRIES; i++) {
    free(h->cache[i].data);
    h->cache[i].data = NULL;
    h->cache[i].cap = 0;
  }
}

static mdf__cache_entry_t *lookup(mdf_harness_t *h, const WCHAR *tag) {
  size_t i, n = wlen(tag, MDF__CACHE_TAG);

  if (n >= MDF__CACHE_TAG)
    return NULL;
  for (i = 0; i < MDF__CACHE_ENTRIES; i++)
    if (h->cache[i].used && memcmp(h->cache[i].tag, tag, (n + 1) * sizeof(WCHAR)) == 0)
      return &h->cache[i];
  return NULL;
}

static mdf_harness_t *cache_owner(PVOID ctx) {
  return ctx == mdf__harness ? mdf__harness : NULL;
}

DWORD WINAPI mdf__cache_add(PVOID ctx, LPWSTR tag, DWORD flags, PBYTE data, DWORD len) {
  mdf_harness_t *h = cache_owner(ctx);
  mdf__cache_entry_t *e;
  size_t i, n;

  (void)flags;
  if (h == NULL || tag == NULL || (data == NULL && len != 0))
    return SCARD_E_INVALID_PARAMETER;
  n = wlen(tag, MDF__CACHE_TAG);
  if (n >= MDF__CACHE_TAG || len > MDF__ALLOC_LIMIT)
    return SCARD_W_CACHE_ITEM_TOO_BIG;
  e = lookup(h, tag);
  for (i = 0; e == NULL && i < MDF__CACHE_ENTRIES; i++)
    if (!h->cache[i].used)
      e = &h->cache[i];
  if (e == NULL)
    return SCARD_E_NO_MEMORY;
  if (len > e->cap) {
    uint8_t *q = realloc(e->data, len);

    if (q == NULL)
      return SCARD_E_NO_MEMORY;
    e->data = q;
    e->cap = len;
  }
  if (len != 0)
    memcpy(e->data, data, len);
  memcpy(e->tag, tag, (n + 1) * sizeof(WCHAR));
  e->len = len;
  e->used = true;
  return 0;
}

DWORD WINAPI mdf__cache_lookup(PVOID ctx, LPWSTR tag, DWORD flags, PBYTE *data, PDWORD len) {
  mdf_harness_t *h = cache_owner(ctx);
  mdf__cache_entry_t *e;
  uint8_t *copy;

  (void)flags;
  if (data != NULL)
    *data = NULL;
  if (len != NULL)
    *len = 0;
  if (h == NULL || tag == NULL || data == NULL || len == NULL)
    return SCARD_E_INVALID_PARAMETER;
  e = h->p.cache_mode == MDF_CACHE_MISS ? NULL : lookup(h, tag);
  if (e == NULL)
    return SCARD_W_CACHE_ITEM_NOT_FOUND;
  /* The copy is the caller's to free with pfnCspFree, so it is tracked. */
  copy = mdf__track_alloc(h, e->len);
  if (copy == NULL)
    return SCARD_E_NO_MEMORY;
  if (e->len != 0)
    memcpy(copy, e->data, e->len);
  *data = copy;
  *len = (DWORD)e->len;
  return 0;
}

DWORD WINAPI mdf__cache_delete(PVOID ctx, LPWSTR tag, DWORD flags) {
  mdf_harness_t *h = cache_owner(ctx);
  mdf__cache_entry_t *e;

  (void)flags;
  if (h == NULL || tag == NULL)
    return SCARD_E_INVALID_PARAMETER;
  e = lookup(h, tag);
  if (e == NULL)
    return SCARD_W_CACHE_ITEM_NOT_FOUND;
  e->used = false;
  return 0;
}

/* DER DigestInfo prefixes (the hash follows). */
static const struct digest_info {
  ALG_ID alg;
  uint8_t hash_len;
  uint8_t prefix_len;
  uint8_t prefix[19];
} digest_infos[] = {
    {CALG_MD5, 16, 18, {0x30, 0x20, 0x30, 0x0c, 0x06, 0x08, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d,
                        0x02, 0x05, 0x05, 0x00, 0x04, 0x10}},
    {CALG_SHA1, 20, 15, {0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05,
                         0x00, 0x04, 0x14}},
    {CALG_SHA_256, 32, 19, {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65,
                            0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20}},
    {CALG_SHA_384, 48, 19, {0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65,
                            0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04, 0x30}},
    {CALG_SHA_512, 64, 19, {0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65,
                            0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40}},
    {CALG_SSL3_SHAMD5, 36, 0, {0}},
};

DWORD WINAPI mdf__pad_data(PCARD_SIGNING_INFO info, DWORD max_width, DWORD *out_len,
                           PBYTE *out) {
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
  buf = mdf__track_alloc(h, max_width);
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
  *out = buf;
  *out_len = max_width;
  return 0;
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
  buf = mdf__track_alloc(h, n - start);
  if (buf == NULL)
    return SCARD_E_NO_MEMORY;
  if (n > start)
    memcpy(buf, p + start, n - start);
  *out = buf;
  *out_len = (DWORD)(n - start);
  return 0;
}

/* The CSP keeps agreement handles; ours are index + 1 cast to a pointer. */
DWORD WINAPI mdf__get_dh_agreement(PCARD_DATA cd, PVOID agreement, BYTE *index, DWORD flags) {
  uintptr_t v = (uintptr_t)agreement;

  (void)flags;
  if (cd == NULL || index == NULL || v == 0 || v > 256)
    return SCARD_E_INVALID_PARAMETER;
  *index = (BYTE)(v - 1);
  return 0;
}
