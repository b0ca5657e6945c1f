/* The CSP's data cache (pfnCspCache*).  Lookups answer per the session's
 * mdf_cache_mode_t: normally what was added, or a miss, the previous data
 * of the tag (stale), the data minus its last byte, another tag's data, or
 * an out-of-memory failure, so that a driver's trust in its cache is
 * fuzzed too. */
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
    h->cache[i].has_prev = false;
    h->cache[i].len = h->cache[i].prev_len = 0;
  }
}

void mdf__cache_fini(mdf_harness_t *h) {
  size_t i;

  for (i = 0; i < MDF__CACHE_ENTRIES; i++) {
    free(h->cache[i].data);
    free(h->cache[i].prev);
    h->cache[i].data = h->cache[i].prev = NULL;
    h->cache[i].cap = h->cache[i].prev_cap = 0;
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
  if (e != NULL) { /* keep what it held for MDF_CACHE_STALE: swap the buffers */
    uint8_t *t = e->prev;
    size_t tcap = e->prev_cap;

    e->prev = e->data;
    e->prev_cap = e->cap;
    e->prev_len = e->len;
    e->has_prev = true;
    e->data = t;
    e->cap = tcap;
  }
  for (i = 0; e == NULL && i < MDF__CACHE_ENTRIES; i++)
    if (!h->cache[i].used) {
      e = &h->cache[i];
      e->has_prev = false;
    }
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

/* Another used entry than e, or NULL. */
static mdf__cache_entry_t *other_entry(mdf_harness_t *h, const mdf__cache_entry_t *e) {
  size_t i;

  for (i = 0; i < MDF__CACHE_ENTRIES; i++)
    if (h->cache[i].used && &h->cache[i] != e)
      return &h->cache[i];
  return NULL;
}

DWORD WINAPI mdf__cache_lookup(PVOID ctx, LPWSTR tag, DWORD flags, PBYTE *data, PDWORD len) {
  mdf_harness_t *h = cache_owner(ctx);
  mdf__cache_entry_t *e;
  const uint8_t *src;
  size_t n;
  uint8_t *copy;

  (void)flags;
  if (data != NULL)
    *data = NULL;
  if (len != NULL)
    *len = 0;
  if (h == NULL || tag == NULL || data == NULL || len == NULL)
    return SCARD_E_INVALID_PARAMETER;
  if (h->p.cache_mode == MDF_CACHE_FAIL)
    return SCARD_E_NO_MEMORY;
  e = h->p.cache_mode == MDF_CACHE_MISS ? NULL : lookup(h, tag);
  if (h->p.cache_mode == MDF_CACHE_OTHER && other_entry(h, e) != NULL)
    e = other_entry(h, e);
  if (e == NULL || (h->p.cache_mode == MDF_CACHE_STALE && !e->has_prev))
    return SCARD_W_CACHE_ITEM_NOT_FOUND;
  src = e->data;
  n = e->len;
  if (h->p.cache_mode == MDF_CACHE_STALE) {
    src = e->prev;
    n = e->prev_len;
  } else if (h->p.cache_mode == MDF_CACHE_TRUNCATED && n > 0) {
    n--;
  }
  /* The copy is the caller's to free with pfnCspFree, so it is tracked. */
  copy = mdf__track_alloc(h, n);
  if (copy == NULL)
    return SCARD_E_NO_MEMORY;
  if (n != 0)
    memcpy(copy, src, n);
  *data = copy;
  *len = (DWORD)n;
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
