/* The encoder (case -> bytes that decode back to an equal case) and the
 * case helpers: setters, copy, compare. */
#include <string.h>

#include "decode_int.h"
#include "mdfuzz/common/bytes.h"

typedef struct writer {
  uint8_t *p;
  size_t cap, len;
  bool full;
} writer_t;

static void put(writer_t *w, uint8_t b) {
  if (w->len < w->cap)
    w->p[w->len++] = b;
  else
    w->full = true;
}
static void put16(writer_t *w, uint32_t v) {
  put(w, (uint8_t)v);
  put(w, (uint8_t)(v >> 8));
}
static void put32(writer_t *w, uint32_t v) {
  put16(w, v & 0xFFFF);
  put16(w, v >> 16);
}
static void put_bytes(writer_t *w, const void *p, size_t n) {
  size_t i;

  for (i = 0; i < n; i++)
    put(w, ((const uint8_t *)p)[i]);
}

static int find_u32(const DWORD *t, size_t n, DWORD v) {
  size_t i;

  for (i = 0; i < n; i++)
    if (t[i] == v)
      return (int)i;
  return -1;
}

/* A selector b in [lo, hi] with b % n == i, or -1. */
static int sel_mod(unsigned lo, unsigned hi, size_t n, size_t i) {
  unsigned b;

  for (b = lo; b <= hi; b++)
    if (b % n == i)
      return (int)b;
  return -1;
}

static bool name_is(const mdf_arg_t *a, const char *s, size_t n) {
  if (s == NULL)
    return a->is_null;
  return !a->is_null && a->len == n && (n == 0 || memcmp(a->data, s, n) == 0);
}

static mdf_err_t enc_name(writer_t *w, const mdf_arg_spec_t *s, const mdf_arg_t *a) {
  const char *const *list;
  const char *h;
  size_t n, i;
  bool null;
  int b;

  mdf__names(s, &list, &n);
  if (s->kind == MDF_ARG_DIR_NAME) {
    h = mdf__dir_honest(s, &null);
    if (name_is(a, h, h ? strlen(h) : 0))
      return put(w, 0x00), MDF_OK;
    if (name_is(a, list[0], list[0] ? strlen(list[0]) : 0))
      return put(w, MDF__NAME_KNOWN0), MDF_OK;
  }
  for (i = 0; i < n; i++) {
    if (!name_is(a, list[i], list[i] ? strlen(list[i]) : 0))
      continue;
    b = sel_mod(s->kind == MDF_ARG_FILE_NAME ? 0 : MDF__NAME_KNOWN, MDF__NAME_EDGE - 1, n, i);
    if (b >= 0)
      return put(w, (uint8_t)b), MDF_OK;
  }
  for (i = 0; i < 16; i++)
    if (name_is(a, mdf__name_edge[i], mdf__name_edge_len[i]))
      return put(w, (uint8_t)(MDF__NAME_EDGE + i)), MDF_OK;
  if (a->is_null || a->len > MDF_NAME_MAX)
    return MDF_EINVAL;
  put(w, MDF__NAME_LITERAL);
  put(w, (uint8_t)a->len);
  put_bytes(w, a->data, a->len);
  return MDF_OK;
}

static int dom_index(const mdf_arg_spec_t *s, uint32_t v) {
  size_t i;

  for (i = 0; s->dom != NULL && i < s->dom->nvalues && i < 32; i++)
    if (s->dom->values[i].value == v)
      return (int)i;
  return -1;
}

static mdf_err_t enc_number(writer_t *w, const mdf_arg_spec_t *s, const mdf_arg_t *a) {
  uint32_t v = a->u32;
  int i;

  switch (s->kind) {
  case MDF_ARG_FLAGS:
    if (v == 0)
      put(w, 0);
    else if (s->dom && s->dom->nvalues && (i = dom_index(s, v)) >= 0)
      put(w, (uint8_t)(0xC0 + i));
    else if ((i = find_u32(mdf__rare_flags, 16, v)) >= 0)
      put(w, (uint8_t)(0xE0 + i));
    else
      put(w, 0xF0), put32(w, v);
    return MDF_OK;
  case MDF_ARG_OUT_VAL:
    if (v == 0)
      put(w, 0);
    else if ((i = find_u32(mdf__dword_edge, 15, v)) >= 0)
      put(w, (uint8_t)(0xF0 + i));
    else
      put(w, 0xFF), put32(w, v);
    return MDF_OK;
  default:
    if (s->kind == MDF_ARG_BYTE && v > 0xFF)
      return MDF_EINVAL;
    if (v == (s->dom && s->dom->nvalues ? s->dom->values[0].value : 0) &&
        (s->kind != MDF_ARG_BYTE || v <= 0xFF))
      put(w, 0);
    else if ((i = dom_index(s, v)) >= 0 && (s->kind != MDF_ARG_BYTE || v <= 0xFF))
      put(w, (uint8_t)(0xC0 + i));
    else if ((i = find_u32(mdf__dword_edge, 16, v)) >= 0 && (s->kind != MDF_ARG_BYTE || v <= 0xFF))
      put(w, (uint8_t)(0xE0 + i));
    else if (s->kind == MDF_ARG_BYTE)
      put(w, 0xF0), put(w, (uint8_t)v);
    else
      put(w, 0xF0), put32(w, v);
    return MDF_OK;
  }
}

static bool wstr_is_ascii(const mdf_arg_t *a, const char *s) {
  size_t n = strlen(s), i;
  const uint16_t *p = a->data;

  if (a->is_null || a->len != n)
    return false;
  for (i = 0; i < n; i++)
    if (p[i] != (uint8_t)s[i])
      return false;
  return true;
}

static mdf_err_t enc_wstr(writer_t *w, const mdf_arg_spec_t *s, const mdf_arg_t *a) {
  uint16_t tmp[MDF__WSTR_EDGE_MAX];
  const char *const *list;
  size_t n, i, len;
  bool null;
  int b;

  mdf__wstrs(s, &list, &n);
  if (wstr_is_ascii(a, list[0]))
    return put(w, 0), MDF_OK;
  for (i = 1; i < n; i++) {
    if (wstr_is_ascii(a, list[i]) && (b = sel_mod(0x80, 0xBF, n, i)) >= 0)
      return put(w, (uint8_t)b), MDF_OK;
  }
  for (i = 0; i < 16; i++) {
    len = mdf__wstr_edge(s, (unsigned)i, &null, tmp, MDF__WSTR_EDGE_MAX);
    if (null ? a->is_null
             : !a->is_null && a->len == len && (len == 0 || memcmp(a->data, tmp, len * 2) == 0))
      return put(w, (uint8_t)(0xC0 + i)), MDF_OK;
  }
  if (a->is_null || a->len > MDF__WSTR_LIT_MAX)
    return MDF_EINVAL;
  put(w, 0xD0);
  put(w, (uint8_t)a->len);
  for (i = 0; i < a->len; i++)
    put16(w, ((const uint16_t *)a->data)[i]);
  return MDF_OK;
}

static int len_edge_index(uint32_t n, uint32_t v) {
  unsigned k;

  for (k = 0; k < 8; k++)
    if (mdf__len_edge(n, k) == v)
      return (int)k;
  return -1;
}

static mdf_err_t enc_in_buf(writer_t *w, const mdf_arg_spec_t *s, const mdf_arg_t *a) {
  uint32_t hlen;
  const uint8_t *h = mdf__honest_bytes(s, &hlen);
  int k;

  if (a->is_null) {
    if ((k = len_edge_index(hlen, a->u32)) >= 0)
      put(w, (uint8_t)(0xF0 + k));
    else
      put(w, 0xF8), put32(w, a->u32);
    return MDF_OK;
  }
  if (a->len == hlen && (hlen == 0 || memcmp(a->data, h, hlen) == 0)) {
    if ((k = len_edge_index(hlen, a->u32)) < 0)
      return MDF_EINVAL;
    put(w, (uint8_t)(0xE0 + k));
    return MDF_OK;
  }
  if (a->len > MDF_BUF_MAX || (k = len_edge_index(a->len, a->u32)) < 0)
    return MDF_EINVAL;
  put(w, (uint8_t)(k == 0 ? 0xC0 : 0xE8 + k));
  put16(w, a->len);
  put_bytes(w, a->data, a->len);
  return MDF_OK;
}

static mdf_err_t enc_out_buf(writer_t *w, const mdf_arg_spec_t *s, const mdf_arg_t *a) {
  uint32_t typ = mdf__out_buf_typical(s);
  unsigned k;

  for (k = 0; k < 8; k++) {
    if (mdf__cap_edge(typ, k) == a->u32)
      return put(w, (uint8_t)((a->is_null ? 0xE0 : 0xC0) + k)), MDF_OK;
  }
  if (a->u32 > MDF__CAP_MAX)
    return MDF_EINVAL;
  put(w, a->is_null ? 0xF0 : 0xD0);
  put32(w, a->u32);
  return MDF_OK;
}

static mdf_err_t enc_value(writer_t *w, const mdf_arg_spec_t *s, const mdf_arg_t *a);

static mdf_err_t enc_fields(writer_t *w, const mdf_struct_desc_t *sd, const mdf_arg_t *a) {
  mdf_err_t err;
  size_t i;

  if (sd == NULL || sd->nfields == 0)
    return MDF_OK;
  if (a->nsub != sd->nfields || a->sub == NULL)
    return MDF_EINVAL;
  for (i = 0; i < sd->nfields; i++)
    if ((err = enc_value(w, &sd->fields[i], &a->sub[i])) != MDF_OK)
      return err;
  return MDF_OK;
}

static mdf_err_t enc_struct(writer_t *w, const mdf_arg_spec_t *s, const mdf_arg_t *a) {
  const mdf_struct_desc_t *sd = s->dom ? s->dom->sdesc : NULL;
  uint32_t cur = sd ? sd->current : 0, v = a->u32;
  int i;

  if (a->is_null)
    return put(w, 0xF8), MDF_OK;
  if (cur == 0 || v == cur) {
    if (cur == 0 && v != 0)
      return MDF_EINVAL;
    put(w, 0);
  } else if (v == 0) {
    put(w, 0xD0);
  } else if (v == cur + 1) {
    put(w, 0xD8);
  } else {
    for (i = 0; i < sd->nversions && sd->versions[i].version != v; i++)
      ;
    if (i < sd->nversions)
      put(w, (uint8_t)(0xC0 + i));
    else if ((i = find_u32(mdf__version_edge, 16, v)) >= 0)
      put(w, (uint8_t)(0xE0 + i));
    else
      put(w, 0xF0), put32(w, v);
  }
  return enc_fields(w, sd, a);
}

static mdf_err_t enc_array(writer_t *w, const mdf_arg_spec_t *s, const mdf_arg_t *a) {
  const mdf_struct_desc_t *sd = s->dom ? s->dom->sdesc : NULL;
  uint32_t typ = mdf__array_typical(s), n = a->nsub, i;
  mdf_err_t err;
  int k;

  if (a->is_null) {
    if ((k = len_edge_index(typ, a->u32)) >= 0)
      put(w, (uint8_t)(0xF0 + k));
    else
      put(w, 0xF8), put32(w, a->u32);
    return MDF_OK;
  }
  if (sd == NULL || sd->nfields == 0)
    n = a->u32 <= MDF_ARRAY_MAX ? a->u32 : typ; /* no element data to carry */
  if (n == typ && a->u32 == n)
    put(w, 0);
  else if (a->u32 == n && n <= MDF_ARRAY_MAX)
    put(w, (uint8_t)(0xC0 + n));
  else if (n == typ && (k = len_edge_index(n, a->u32)) >= 0)
    put(w, (uint8_t)(0xE0 + k));
  else
    return MDF_EINVAL;
  for (i = 0; i < a->nsub; i++)
    if ((err = enc_fields(w, sd, &a->sub[i])) != MDF_OK)
      return err;
  return MDF_OK;
}

static mdf_err_t enc_key(writer_t *w, const mdf_arg_t *a) {
  int i;

  if (a->how == MDF_KEY_EARLIER) {
    if (a->u32 > 3)
      return MDF_EINVAL;
    put(w, (uint8_t)(a->u32 == 0 ? 0 : 0xC0 + a->u32));
  } else if (a->u32 == 0) {
    put(w, 0xD0);
  } else if ((i = find_u32(mdf__handle_edge, 16, a->u32)) >= 0) {
    put(w, (uint8_t)(0xE0 + i));
  } else {
    put(w, 0xF0), put32(w, a->u32);
  }
  return MDF_OK;
}

static mdf_err_t enc_value(writer_t *w, const mdf_arg_spec_t *s, const mdf_arg_t *a) {
  switch (s->kind) {
  case MDF_ARG_CARD_DATA:
  case MDF_ARG_OUT_PTR:
    put(w, a->is_null ? 0xFF : 0x00);
    return MDF_OK;
  case MDF_ARG_DIR_NAME:
  case MDF_ARG_FILE_NAME:
    return enc_name(w, s, a);
  case MDF_ARG_FLAGS:
  case MDF_ARG_DWORD:
  case MDF_ARG_BYTE:
  case MDF_ARG_OUT_VAL:
    return enc_number(w, s, a);
  case MDF_ARG_WSTR:
    return enc_wstr(w, s, a);
  case MDF_ARG_IN_BUF:
    return enc_in_buf(w, s, a);
  case MDF_ARG_OUT_BUF:
    return enc_out_buf(w, s, a);
  case MDF_ARG_STRUCT:
    return enc_struct(w, s, a);
  case MDF_ARG_ARRAY:
    return enc_array(w, s, a);
  case MDF_ARG_KEY_HANDLE:
    return enc_key(w, a);
  default:
    return MDF_EINVAL;
  }
}

static mdf_err_t enc_header(writer_t *w, const mdf_case_t *c) {
  int i, mutated = -1;

  if (c->version == 7)
    put(w, 0x00);
  else if (c->version >= 4 && c->version <= 6)
    put(w, (uint8_t)(0xC0 + c->version - 4));
  else if ((i = find_u32(mdf__rare_versions, 16, c->version)) >= 0)
    put(w, (uint8_t)(MDF__RARE_VERSION + i));
  else
    return MDF_EINVAL;
  for (i = 0; i < MDF_CDM_COUNT; i++) {
    if (c->mutation[i] == MDF_MUT_KEEP)
      continue;
    if (mutated >= 0 || c->null_acquire || c->mutation[i] > MDF_MUT_GARBAGE)
      return MDF_EINVAL;
    mutated = i;
  }
  if (c->null_acquire)
    put(w, 0xFF);
  else if (mutated >= 0)
    put(w, c->mutation[mutated] == MDF_MUT_ZERO ? 0xF0 : 0xF8), put(w, (uint8_t)mutated);
  else
    put(w, 0x00);
  if (c->acquire_flags == 0)
    put(w, 0x00);
  else if ((i = find_u32(mdf__acq_rare, 15, c->acquire_flags)) >= 0)
    put(w, (uint8_t)(0xF0 + i));
  else
    put(w, MDF__ACQ_LITERAL), put32(w, c->acquire_flags);
  if ((c->alloc_fail_at && c->realloc_fail_at) || c->alloc_fail_at > 16 || c->realloc_fail_at > 16)
    return MDF_EINVAL;
  put(w, c->realloc_fail_at ? (uint8_t)(0xF0 + c->realloc_fail_at - 1)
         : c->alloc_fail_at ? (uint8_t)(0xE0 + c->alloc_fail_at - 1)
                            : 0x00);
  if (c->cache_mode >= MDF_CACHE_MODES || c->pad_mode >= MDF_CSP_MODES ||
      c->unpad_mode >= MDF_CSP_MODES || c->dh_mode >= MDF_CSP_MODES || c->atr_len > MDF_ATR_MAX)
    return MDF_EINVAL;
  if (c->cache_mode || c->pad_mode || c->unpad_mode || c->dh_mode || c->atr_len) {
    put(w, MDF__MODES);
    put(w, c->cache_mode);
    put(w, c->pad_mode);
    put(w, c->unpad_mode);
    put(w, c->dh_mode);
    put(w, c->atr_len);
    put_bytes(w, c->atr, c->atr_len);
  } else {
    put(w, 0x00);
  }
  return MDF_OK;
}

static int seq_index(const mdf_case_t *c, const mdf_export_t *ex) {
  size_t i;

  for (i = 0; i < c->nseq; i++)
    if (c->seq[i] == ex)
      return (int)i;
  return -1;
}

mdf_err_t mdf_encode(const mdf_case_t *c, uint8_t *buf, size_t cap, size_t *len) {
  writer_t w = {buf, cap, 0, false};
  mdf_err_t err;
  size_t i, k;
  int idx;

  if (len != NULL)
    *len = 0;
  if (c == NULL || (buf == NULL && cap != 0) || len == NULL || c->ncalls == 0 ||
      c->ncalls > MDF_MAX_CALLS || (c->seq == NULL && c->ncalls != 1) || c->nseq > 255)
    return MDF_EINVAL;
  if ((err = enc_header(&w, c)) != MDF_OK)
    return err;
  for (i = 0; i < c->ncalls; i++) {
    const mdf_call_t *call = &c->calls[i];

    if (call->ex == NULL)
      return MDF_EINVAL;
    if (c->seq != NULL) {
      if ((idx = seq_index(c, call->ex)) < 0)
        return MDF_EINVAL;
      put(&w, (uint8_t)idx);
    }
    for (k = 0; k < call->ex->nargs && k < MDF_MAX_ARGS; k++)
      if ((err = enc_value(&w, &call->ex->args[k], &call->args[k])) != MDF_OK)
        return err;
  }
  if (c->seq != NULL && c->ncalls < MDF_MAX_CALLS && c->script_len > 0)
    put(&w, 0xFF);
  put_bytes(&w, c->script, c->script_len);
  if (w.full)
    return MDF_ESPACE;
  *len = w.len;
  return MDF_OK;
}
