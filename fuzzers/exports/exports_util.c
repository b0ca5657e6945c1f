/* Decoded values -> the C arguments of an export call, in caller-side
 * memory of exact sizes (include/mdfuzz/harness.h, mdf_harness_call_mem),
 * and the generic struct builder. */
#include <string.h>
#include <sys/mman.h>

#include "exports_int.h"
#include "mdfuzz/common/finding.h"
#include "mdfuzz/common/finding_ids.h"

#define SANE_LEN 0x10000u /* declared lengths up to this get backing memory */

/* Backing for a declared length beyond SANE_LEN: zero pages reserved, not
 * committed, so that a driver may read all the caller said it passes (a
 * caller never passes less than it declares).  Unmapped at the next call. */
static void *huge(mdf_export_ctx_t *x, size_t n) {
  void *p = x->nhuge < MDF_EXPORT_HUGE ? mmap(NULL, n, PROT_READ | PROT_WRITE,
                                              MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
                                       : MAP_FAILED;

  if (p == MAP_FAILED)
    mdf_finding(MDF_FINDING_ID(HARNESS), "cannot reserve %zu byte(s) for a declared length", n);
  x->huge[x->nhuge].p = p;
  x->huge[x->nhuge++].n = n;
  return p;
}

void mdf_export_ctx_init(mdf_export_ctx_t *x, mdf_harness_t *h) {
  memset(x, 0, sizeof(*x));
  x->h = h;
}

void mdf_export_ctx_next_call(mdf_export_ctx_t *x) {
  while (x->nhuge > 0) {
    x->nhuge--;
    munmap(x->huge[x->nhuge].p, x->huge[x->nhuge].n);
  }
}

void mdf_export_ctx_reset(mdf_export_ctx_t *x) {
  mdf_export_ctx_next_call(x);
  x->nkeys = 0;
}

void mdf__ex_key_add(mdf_export_ctx_t *x, CARD_KEY_HANDLE k) {
  if (k == 0)
    return;
  if (x->nkeys == MDF_EXPORT_KEYS) {
    memmove(x->keys, x->keys + 1, sizeof(x->keys) - sizeof(x->keys[0]));
    x->nkeys--;
  }
  x->keys[x->nkeys++] = k;
}

CARD_KEY_HANDLE mdf__ex_key(const mdf_export_ctx_t *x, const mdf_arg_t *a) {
  if (a->how == MDF_KEY_EARLIER)
    return a->u32 < x->nkeys ? x->keys[x->nkeys - 1 - a->u32] : 0;
  return (CARD_KEY_HANDLE)a->u32;
}

/* Caller memory, or a harness finding: the fuzz target cannot go on
 * without it (only a > 1 MiB request or malloc failure gets here). */
static void *mem(mdf_export_ctx_t *x, size_t n) {
  void *p = mdf_harness_call_mem(x->h, n);

  if (p == NULL)
    mdf_finding(MDF_FINDING_ID(HARNESS), "no caller memory for %zu byte(s)", n);
  return p;
}

LPSTR mdf__ex_name(mdf_outputs_t *o, int slot, const mdf_arg_t *a) {
  size_t n = a->len < MDF_NAME_MAX ? a->len : MDF_NAME_MAX;

  if (a->is_null || a->data == NULL)
    return NULL;
  memcpy(o->names[slot], a->data, n);
  o->names[slot][n] = '\0';
  return o->names[slot];
}

LPWSTR mdf__ex_wstr(mdf_export_ctx_t *x, const mdf_arg_t *a) {
  WCHAR *w;

  if (a->is_null || a->data == NULL)
    return NULL;
  w = mem(x, ((size_t)a->len + 1) * sizeof(WCHAR));
  memcpy(w, a->data, (size_t)a->len * sizeof(WCHAR));
  w[a->len] = 0;
  return w;
}

PBYTE mdf__ex_in(mdf_export_ctx_t *x, const mdf_arg_t *a, DWORD *cb) {
  size_t n = a->len;
  PBYTE p;

  *cb = a->u32;
  if (a->is_null)
    return NULL;
  if (a->u32 > n)
    n = a->u32; /* the caller's buffer is as long as it says */
  p = n > SANE_LEN ? huge(x, n) : mem(x, n);
  if (a->len != 0)
    memcpy(p, a->data, a->len);
  return p;
}

PBYTE mdf__ex_out(mdf_export_ctx_t *x, const mdf_arg_t *a, DWORD *cap) {
  PBYTE p;

  *cap = a->u32;
  if (a->is_null)
    return NULL;
  if (*cap > SANE_LEN)
    *cap = SANE_LEN;
  p = mdf_harness_call_buf(x->h, *cap, 0); /* zeros: a struct value reads as version 0 */
  if (p == NULL)
    mdf_finding(MDF_FINDING_ID(HARNESS), "no caller memory for %u byte(s)", (unsigned)*cap);
  return p;
}

/* ---- struct builder ------------------------------------------------------- */

static void put(uint8_t *base, size_t size, size_t off, size_t width, uint64_t v) {
  if (off + width > size)
    return; /* not in this version */
  if (width >= 8)
    memcpy(base + off, &v, 8);
  else if (width >= 4) {
    uint32_t x = (uint32_t)v;
    memcpy(base + off, &x, 4);
  } else if (width >= 2) {
    uint16_t x = (uint16_t)v;
    memcpy(base + off, &x, 2);
  } else {
    base[off] = (uint8_t)v;
  }
}

static void put_ptr(uint8_t *base, size_t size, size_t off, const void *p) {
  if (off + sizeof(p) <= size)
    memcpy(base + off, &p, sizeof(p));
}

/* Bytes from off to the next member (so a value fills a DWORD, a BYTE or a
 * pointer-sized slot alike; padding gets the zero-extension). */
static size_t width(const mdf_struct_desc_t *d, size_t off, size_t size) {
  size_t next = size, i;

  if (d->current != 0 && off < 4)
    next = 4;
  for (i = 0; i < d->nfields; i++) {
    const mdf_arg_spec_t *f = &d->fields[i];

    if (f->off > off && f->off < next)
      next = f->off;
    if (f->name2 != NULL && f->off2 > off && f->off2 < next)
      next = f->off2;
  }
  next -= off;
  return next >= 8 ? 8 : next >= 4 ? 4 : next >= 2 ? 2 : 1;
}

static void *build(mdf_export_ctx_t *x, const mdf_arg_t *v, const mdf_struct_desc_t *d,
                   DWORD pad_type);

static void *build_array(mdf_export_ctx_t *x, const mdf_arg_t *v, const mdf_struct_desc_t *d,
                         DWORD *count) {
  size_t esize = mdf_struct_size(d, 0), n = v->nsub, i;
  uint8_t *arr;

  *count = v->u32;
  if (v->is_null)
    return NULL;
  if (v->u32 > n)
    n = v->u32; /* backing for every element the caller claims */
  arr = n * esize > SANE_LEN ? huge(x, n * esize) : mem(x, n * esize > 0 ? n * esize : 1);
  for (i = 0; i < v->nsub; i++) {
    uint8_t *e = build(x, &v->sub[i], d, 0);

    memcpy(arr + i * esize, e, esize);
  }
  return arr;
}

static void *build(mdf_export_ctx_t *x, const mdf_arg_t *v, const mdf_struct_desc_t *d,
                   DWORD pad_type) {
  size_t size = mdf_struct_size(d, v->u32), total = size, i;
  uint8_t *base;

  if (v->is_null)
    return NULL;
  /* v7 key-injection structs end in a flexible array: room for its bytes */
  for (i = 0; i < d->nfields && i < v->nsub; i++)
    if (d->fields[i].kind == MDF_ARG_IN_BUF && d->fields[i].off + sizeof(void *) > size)
      total = d->fields[i].off + v->sub[i].len;
  base = mem(x, total > size ? total : size);
  if (d->current != 0)
    put(base, size, 0, 4, v->u32);
  for (i = 0; i < d->nfields && i < v->nsub; i++) {
    const mdf_arg_spec_t *f = &d->fields[i];
    const mdf_arg_t *m = &v->sub[i];
    DWORD n = 0;

    if (d == &mdf_sd_padding_info && i > 0 &&
        !(i == 1 ? pad_type == CARD_PADDING_PSS : pad_type == CARD_PADDING_OAEP))
      continue; /* the union holds only the padding type's members */
    switch (f->kind) {
    case MDF_ARG_WSTR:
      put_ptr(base, size, f->off, mdf__ex_wstr(x, m));
      break;
    case MDF_ARG_IN_BUF:
      if (f->off + sizeof(void *) > size) { /* flexible array: inline */
        if (m->len != 0)
          memcpy(base + f->off, m->data, m->len);
        n = m->u32;
      } else {
        put_ptr(base, size, f->off, mdf__ex_in(x, m, &n));
      }
      put(base, size, f->off2, 4, n);
      break;
    case MDF_ARG_STRUCT: {
      const mdf_arg_t *pt = mdf__member(v, d, "dwPaddingType");

      put_ptr(base, size, f->off,
              f->dom ? build(x, m, f->dom->sdesc, pt ? pt->u32 : CARD_PADDING_PKCS1) : NULL);
      break;
    }
    case MDF_ARG_ARRAY:
      if (f->dom != NULL && f->dom->sdesc == &mdf_sd_ncrypt_buffer) {
        NCryptBufferDesc *bd = m->is_null ? NULL : mem(x, sizeof(*bd));
        DWORD cnt = 0;
        void *arr = build_array(x, m, f->dom->sdesc, &cnt);

        if (bd != NULL) {
          bd->ulVersion = 0; /* NCRYPTBUFFER_VERSION */
          bd->cBuffers = cnt;
          bd->pBuffers = arr;
        }
        put_ptr(base, size, f->off, bd);
      } else if (f->dom != NULL) {
        put_ptr(base, size, f->off, build_array(x, m, f->dom->sdesc, &n));
        if (f->name2 != NULL)
          put(base, size, f->off2, 4, n);
      }
      break;
    case MDF_ARG_KEY_HANDLE:
      put(base, size, f->off, sizeof(CARD_KEY_HANDLE), mdf__ex_key(x, m));
      break;
    default: /* DWORD, BYTE, FLAGS, OUT_VAL */
      put(base, size, f->off, width(d, f->off, size), m->u32);
      break;
    }
  }
  return base;
}

void *mdf__ex_struct(mdf_export_ctx_t *x, mdf_outputs_t *o, const mdf_arg_t *a,
                     const mdf_struct_desc_t *d) {
  o->mem = build(x, a, d, 0);
  return o->mem;
}

void *mdf__ex_array(mdf_export_ctx_t *x, const mdf_arg_t *a, const mdf_struct_desc_t *d,
                    DWORD *count) {
  return build_array(x, a, d, count);
}

/* ---- contract helpers ------------------------------------------------------- */

void mdf__ex_take(mdf_harness_t *h, DWORD rc, const char *id, const char *what, void *p, DWORD cb) {
  if (rc == 0)
    mdf_harness_take_buffer(h, id, what, p, cb);
}

DWORD mdf__rd32(const void *base, size_t off) {
  DWORD v;

  memcpy(&v, (const uint8_t *)base + off, sizeof(v));
  return v;
}

void *mdf__rdptr(const void *base, size_t off) {
  void *p;

  memcpy(&p, (const uint8_t *)base + off, sizeof(p));
  return p;
}

void mdf__take_container_keys(mdf_harness_t *h, const void *ci) {
  mdf_harness_take_buffer(h, "CMR.4.2.3.2", "pbSigPublicKey",
                          mdf__rdptr(ci, offsetof(CONTAINER_INFO, pbSigPublicKey)),
                          mdf__rd32(ci, offsetof(CONTAINER_INFO, cbSigPublicKey)));
  mdf_harness_take_buffer(h, "CMR.4.2.3.2", "pbKeyExPublicKey",
                          mdf__rdptr(ci, offsetof(CONTAINER_INFO, pbKeyExPublicKey)),
                          mdf__rd32(ci, offsetof(CONTAINER_INFO, cbKeyExPublicKey)));
}
