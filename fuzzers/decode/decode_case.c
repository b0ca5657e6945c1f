/* Case helpers: setters that copy into the arena, copy, compare, names. */
#include <string.h>

#include "decode_int.h"

static const char *const cdm_names[MDF_CDM_COUNT] = {
#define MDF__CDM_NAME(id, field) #field,
    MDF_CARD_DATA_MUTABLE(MDF__CDM_NAME)
#undef MDF__CDM_NAME
};

const char *mdf_cdm_name(int field) {
  return field >= 0 && field < MDF_CDM_COUNT ? cdm_names[field] : "?";
}

const char *mdf_arg_kind_name(int kind) {
  static const char *const names[MDF_ARG_KIND_COUNT] = {
      "CARD_DATA", "DIR_NAME", "FILE_NAME", "FLAGS",  "DWORD", "BYTE",       "WSTR",
      "IN_BUF",    "OUT_PTR",  "OUT_BUF",   "STRUCT", "ARRAY", "KEY_HANDLE", "OUT_VAL"};

  return kind >= 0 && kind < MDF_ARG_KIND_COUNT ? names[kind] : "?";
}

const char *mdf_cache_mode_name(int mode) {
  static const char *const names[MDF_CACHE_MODES] = {"NORMAL",    "MISS",  "STALE",
                                                     "TRUNCATED", "OTHER", "FAIL"};

  return mode >= 0 && mode < MDF_CACHE_MODES ? names[mode] : "?";
}

const char *mdf_csp_mode_name(int mode) {
  static const char *const names[MDF_CSP_MODES] = {"NORMAL", "FAIL", "NULL_OUT", "SHORT", "LONG"};

  return mode >= 0 && mode < MDF_CSP_MODES ? names[mode] : "?";
}

/* ---- setters ------------------------------------------------------------------ */

mdf_err_t mdf_case_set_name(mdf_case_t *c, mdf_arg_t *a, const void *p, size_t n) {
  char *q;

  if (c == NULL || a == NULL || (p == NULL && n != 0))
    return MDF_EINVAL;
  q = mdf__arena(c, n + 1, 1);
  if (q == NULL)
    return MDF_ESPACE;
  if (n)
    memcpy(q, p, n);
  q[n] = '\0';
  a->is_null = false;
  a->data = q;
  a->len = (uint32_t)n;
  return MDF_OK;
}

mdf_err_t mdf_case_set_str(mdf_case_t *c, mdf_arg_t *a, const char *s) {
  if (c == NULL || a == NULL)
    return MDF_EINVAL;
  if (s == NULL) {
    a->is_null = true;
    a->data = NULL;
    a->len = 0;
    return MDF_OK;
  }
  return mdf_case_set_name(c, a, s, strlen(s));
}

mdf_err_t mdf_case_set_wstr(mdf_case_t *c, mdf_arg_t *a, const char *ascii) {
  uint16_t *w;
  size_t n, i;

  if (c == NULL || a == NULL)
    return MDF_EINVAL;
  if (ascii == NULL) {
    a->is_null = true;
    a->data = NULL;
    a->len = 0;
    return MDF_OK;
  }
  n = strlen(ascii);
  if ((w = mdf__arena(c, (n + 1) * 2, 2)) == NULL)
    return MDF_ESPACE;
  for (i = 0; i < n; i++)
    w[i] = (uint8_t)ascii[i];
  w[n] = 0;
  a->is_null = false;
  a->data = w;
  a->len = (uint32_t)n;
  return MDF_OK;
}

mdf_err_t mdf_case_set_bytes(mdf_case_t *c, mdf_arg_t *a, const void *p, size_t n) {
  uint8_t *q;

  if (c == NULL || a == NULL || (p == NULL && n != 0) || n > MDF_BUF_MAX)
    return MDF_EINVAL;
  if ((q = mdf__arena(c, n ? n : 1, 1)) == NULL)
    return MDF_ESPACE;
  if (n)
    memcpy(q, p, n);
  a->is_null = false;
  a->data = q;
  a->len = (uint32_t)n;
  a->u32 = (uint32_t)n;
  return MDF_OK;
}

mdf_err_t mdf_case_set_script(mdf_case_t *c, const void *p, size_t n) {
  uint8_t *q;

  if (c == NULL || (p == NULL && n != 0))
    return MDF_EINVAL;
  if (n == 0) {
    c->script = NULL;
    c->script_len = 0;
    return MDF_OK;
  }
  if ((q = mdf__arena(c, n, 1)) == NULL)
    return MDF_ESPACE;
  memcpy(q, p, n);
  c->script = q;
  c->script_len = n;
  return MDF_OK;
}

/* ---- copy ------------------------------------------------------------------------ */

static const void *rebase(const mdf_case_t *src, mdf_case_t *dst, const void *p) {
  const uint8_t *b = p;

  if (b >= src->arena && b < src->arena + MDF_ARENA_SIZE)
    return dst->arena + (b - src->arena);
  return p;
}

static void rebase_arg(const mdf_case_t *src, mdf_case_t *dst, mdf_arg_t *a) {
  a->data = rebase(src, dst, a->data);
  if (a->sub != NULL)
    a->sub = dst->vals + (a->sub - src->vals);
}

void mdf_case_copy(mdf_case_t *dst, const mdf_case_t *src) {
  size_t i, k;

  if (dst == NULL || src == NULL || dst == src)
    return;
  memcpy(dst, src, offsetof(mdf_case_t, vals));
  memcpy(dst->vals, src->vals, src->nvals * sizeof(src->vals[0]));
  memcpy(dst->arena, src->arena, src->arena_len);
  for (i = 0; i < src->ncalls; i++)
    for (k = 0; k < MDF_MAX_ARGS; k++)
      rebase_arg(src, dst, &dst->calls[i].args[k]);
  for (i = 0; i < src->nvals; i++)
    rebase_arg(src, dst, &dst->vals[i]);
  dst->script = rebase(src, dst, src->script);
}

/* ---- compare ----------------------------------------------------------------------- */

static bool value_equal(const mdf_arg_spec_t *s, const mdf_arg_t *a, const mdf_arg_t *b);

static bool fields_equal(const mdf_struct_desc_t *sd, const mdf_arg_t *a, const mdf_arg_t *b) {
  size_t i;

  if (a->nsub != b->nsub)
    return false;
  for (i = 0; sd != NULL && i < a->nsub && i < sd->nfields; i++)
    if (!value_equal(&sd->fields[i], &a->sub[i], &b->sub[i]))
      return false;
  return true;
}

static bool value_equal(const mdf_arg_spec_t *s, const mdf_arg_t *a, const mdf_arg_t *b) {
  const mdf_struct_desc_t *sd = s->dom ? s->dom->sdesc : NULL;
  size_t unit = s->kind == MDF_ARG_WSTR ? 2 : 1, i;

  if (a->is_null != b->is_null || a->u32 != b->u32 || a->how != b->how)
    return false;
  switch (s->kind) {
  case MDF_ARG_DIR_NAME:
  case MDF_ARG_FILE_NAME:
  case MDF_ARG_WSTR:
  case MDF_ARG_IN_BUF:
    if (a->is_null)
      return true;
    return a->len == b->len && (a->len == 0 || memcmp(a->data, b->data, a->len * unit) == 0);
  case MDF_ARG_STRUCT:
    return a->is_null || fields_equal(sd, a, b);
  case MDF_ARG_ARRAY:
    if (a->is_null)
      return true;
    if (a->nsub != b->nsub)
      return false;
    for (i = 0; i < a->nsub; i++)
      if (!fields_equal(sd, &a->sub[i], &b->sub[i]))
        return false;
    return true;
  default:
    return true;
  }
}

bool mdf_case_equal(const mdf_case_t *a, const mdf_case_t *b) {
  size_t i, k;

  if (a == NULL || b == NULL)
    return a == b;
  if (a->version != b->version || a->acquire_flags != b->acquire_flags ||
      a->null_acquire != b->null_acquire || memcmp(a->mutation, b->mutation, sizeof(a->mutation)) ||
      a->alloc_fail_at != b->alloc_fail_at || a->realloc_fail_at != b->realloc_fail_at ||
      a->cache_mode != b->cache_mode || a->pad_mode != b->pad_mode ||
      a->unpad_mode != b->unpad_mode || a->dh_mode != b->dh_mode || a->atr_len != b->atr_len ||
      memcmp(a->atr, b->atr, a->atr_len) || a->ncalls != b->ncalls || a->seq != b->seq ||
      a->nseq != b->nseq || a->script_len != b->script_len ||
      (a->script_len && memcmp(a->script, b->script, a->script_len)))
    return false;
  for (i = 0; i < a->ncalls; i++) {
    const mdf_export_t *ex = a->calls[i].ex;

    if (ex != b->calls[i].ex)
      return false;
    for (k = 0; ex != NULL && k < ex->nargs && k < MDF_MAX_ARGS; k++)
      if (!value_equal(&ex->args[k], &a->calls[i].args[k], &b->calls[i].args[k]))
        return false;
  }
  return true;
}
