/* The mutator's argument mutations: pick one value of one call (a top-level
 * argument or a member of a struct / array element, at any depth) and give
 * it an edge value of its kind.  New data lives in static scratch storage:
 * the encoder only reads values, wherever they point. */
#include <string.h>

#include "decode_int.h"
#include "mutator_int.h"

#define MAX_SLOTS 256
#define SLOT_PATH_MAX 10

/* One mutable value and the path to it from the call (arg index, then per
 * level a member index, with an element index before it inside arrays). */
typedef struct slot {
  mdf_arg_t *a;
  const mdf_arg_spec_t *s;
  uint8_t path[SLOT_PATH_MAX];
  uint8_t depth;
} slot_t;

static slot_t g_slots[MAX_SLOTS];
static size_t g_nslots;

static char g_name[MDF_NAME_MAX + 1];
static uint16_t g_wide[MDF__WSTR_EDGE_MAX + 1];
static uint8_t g_bytes[MDF_BUF_MAX];
static mdf_arg_t g_elems[MDF_ARRAY_MAX];

static void add_slot(mdf_arg_t *a, const mdf_arg_spec_t *s, const uint8_t *path, size_t depth) {
  slot_t *t;

  if (g_nslots >= MAX_SLOTS || depth > SLOT_PATH_MAX)
    return;
  t = &g_slots[g_nslots++];
  t->a = a;
  t->s = s;
  t->depth = (uint8_t)depth;
  memcpy(t->path, path, depth);
}

static void collect(mdf_arg_t *a, const mdf_arg_spec_t *s, uint8_t *path, size_t depth);

static void collect_fields(mdf_arg_t *a, const mdf_struct_desc_t *sd, uint8_t *path, size_t depth) {
  size_t i;

  if (sd == NULL || a->sub == NULL || depth >= SLOT_PATH_MAX)
    return;
  for (i = 0; i < a->nsub && i < sd->nfields; i++) {
    path[depth] = (uint8_t)i;
    /* the pool is the case's own (non-const) value array */
    collect((mdf_arg_t *)&a->sub[i], &sd->fields[i], path, depth + 1);
  }
}

static void collect(mdf_arg_t *a, const mdf_arg_spec_t *s, uint8_t *path, size_t depth) {
  const mdf_struct_desc_t *sd = s->dom ? s->dom->sdesc : NULL;
  size_t i;

  add_slot(a, s, path, depth);
  if (a->is_null)
    return;
  if (s->kind == MDF_ARG_STRUCT) {
    collect_fields(a, sd, path, depth);
  } else if (s->kind == MDF_ARG_ARRAY && a->sub != NULL && depth + 1 < SLOT_PATH_MAX) {
    for (i = 0; i < a->nsub; i++) {
      path[depth] = (uint8_t)i;
      collect_fields((mdf_arg_t *)&a->sub[i], sd, path, depth + 1);
    }
  }
}

/* The honest value at a slot's path in the honest call (array element
 * indexes clipped to the honest count); NULL if the path leaves it. */
static const mdf_arg_t *honest_at(const mdf_call_t *h, const slot_t *t) {
  const mdf_arg_spec_t *s = &h->ex->args[t->path[0]];
  const mdf_arg_t *a = &h->args[t->path[0]];
  size_t d = 1, e;

  while (d < t->depth) {
    const mdf_struct_desc_t *sd = s->dom ? s->dom->sdesc : NULL;

    if (a->is_null || a->sub == NULL || sd == NULL)
      return NULL;
    if (s->kind == MDF_ARG_ARRAY) {
      if (a->nsub == 0 || d + 1 >= t->depth)
        return NULL;
      e = t->path[d] < a->nsub ? t->path[d] : a->nsub - 1u;
      a = &a->sub[e];
      d++;
    }
    if (t->path[d] >= a->nsub || t->path[d] >= sd->nfields || a->sub == NULL)
      return NULL;
    s = &sd->fields[t->path[d]];
    a = &a->sub[t->path[d]];
    d++;
  }
  return a;
}

/* ---- per kind ------------------------------------------------------------------- */

static const char k_odd_chars[] = "\\/:*?\"<>|. ~\x01\x7f\xe9";

static void set_name(mdf_arg_t *a, const char *p, size_t n) {
  if (n > MDF_NAME_MAX)
    n = MDF_NAME_MAX;
  memmove(g_name, p, n);
  g_name[n] = '\0';
  a->is_null = false;
  a->data = g_name;
  a->len = (uint32_t)n;
}

static void mut_name(mdf_arg_t *a, const mdf_arg_spec_t *s, uint64_t *r) {
  const char *const *list;
  size_t n, len = a->is_null ? 0 : a->len, i;
  const char *cur = a->is_null ? "" : (const char *)a->data;
  bool null;

  mdf__names(s, &list, &n);
  switch (mdf__below(r, 6)) {
  case 0: /* a known name (the list may hold NULL) */
    i = mdf__below(r, (uint32_t)n);
    if (list[i] == NULL)
      a->is_null = true, a->data = NULL, a->len = 0;
    else
      set_name(a, list[i], strlen(list[i]));
    return;
  case 1: /* an edge: NULL, "", 8 / 9 characters, forbidden characters */
    i = mdf__below(r, 16);
    if (mdf__name_edge[i] == NULL)
      a->is_null = true, a->data = NULL, a->len = 0;
    else
      set_name(a, mdf__name_edge[i], mdf__name_edge_len[i]);
    return;
  case 2: /* one character more or less (off by one around 8 characters) */
    if (len > MDF_NAME_MAX)
      len = MDF_NAME_MAX;
    set_name(a, cur, len);
    if (len > 0 && mdf__one_in(r, 2))
      a->len = (uint32_t)--len, g_name[len] = '\0';
    else if (len < MDF_NAME_MAX)
      g_name[len] = (char)('a' + mdf__below(r, 26)), g_name[++len] = '\0', a->len = (uint32_t)len;
    return;
  case 3: /* one character replaced by a forbidden / odd one */
    if (len == 0 || len > MDF_NAME_MAX)
      len = 1, cur = "a";
    set_name(a, cur, len);
    g_name[mdf__below(r, (uint32_t)len)] = k_odd_chars[mdf__below(r, sizeof(k_odd_chars) - 1)];
    return;
  case 4: /* a literal of random bytes */
    n = mdf__below(r, MDF_NAME_MAX + 1);
    for (i = 0; i < n; i++)
      g_name[i] = (char)(mdf__one_in(r, 4) ? mdf__rnd(r) : 'a' + mdf__below(r, 26));
    set_name(a, g_name, n);
    return;
  default: /* the honest directory (NULL: the root) */
    cur = s->kind == MDF_ARG_DIR_NAME ? mdf__dir_honest(s, &null) : list[0];
    if (cur == NULL)
      a->is_null = true, a->data = NULL, a->len = 0;
    else
      set_name(a, cur, strlen(cur));
    return;
  }
}

static uint32_t dom_pick(const mdf_arg_spec_t *s, uint64_t *r) {
  return s->dom && s->dom->nvalues ? s->dom->values[mdf__below(r, s->dom->nvalues)].value : 0;
}

static void mut_number(mdf_arg_t *a, const mdf_arg_spec_t *s, uint64_t *r) {
  uint32_t v = a->u32;

  switch (mdf__below(r, s->kind == MDF_ARG_OUT_VAL ? 3 : 6)) {
  case 0:
    v = s->kind == MDF_ARG_OUT_VAL ? 0 : dom_pick(s, r);
    break;
  case 1:
    v = mdf__dword_edge[mdf__below(r, 16)];
    break;
  case 2:
    v = (uint32_t)mdf__rnd(r);
    break;
  case 3:
    v = s->kind == MDF_ARG_FLAGS ? mdf__rare_flags[mdf__below(r, 16)] : v + 1u;
    break;
  case 4:
    v = s->kind == MDF_ARG_FLAGS ? v ^ (1u << mdf__below(r, 32)) : v - 1u;
    break;
  default:
    v = s->kind == MDF_ARG_FLAGS ? v | dom_pick(s, r) : 0;
    break;
  }
  if (s->kind == MDF_ARG_BYTE)
    v &= 0xFF;
  a->u32 = v;
}

static void set_wide_ascii(mdf_arg_t *a, const char *s) {
  size_t n = strlen(s), i;

  if (n > MDF__WSTR_EDGE_MAX)
    n = MDF__WSTR_EDGE_MAX;
  for (i = 0; i < n; i++)
    g_wide[i] = (uint8_t)s[i];
  g_wide[n] = 0;
  a->is_null = false;
  a->data = g_wide;
  a->len = (uint32_t)n;
}

static void mut_wstr(mdf_arg_t *a, const mdf_arg_spec_t *s, uint64_t *r) {
  const char *const *list;
  size_t n, len, i;
  bool null;

  mdf__wstrs(s, &list, &n);
  switch (mdf__below(r, 4)) {
  case 0:
    i = mdf__below(r, (uint32_t)n);
    set_wide_ascii(a, list[i] ? list[i] : "");
    return;
  case 1:
    len = mdf__wstr_edge(s, mdf__below(r, 16), &null, g_wide, MDF__WSTR_EDGE_MAX);
    g_wide[len] = 0;
    a->is_null = null;
    a->data = null ? NULL : g_wide;
    a->len = null ? 0 : (uint32_t)len;
    return;
  default: /* the current text, one character changed, added or dropped */
    len = a->is_null ? 0 : a->len;
    if (len > MDF__WSTR_LIT_MAX - 1)
      len = MDF__WSTR_LIT_MAX - 1;
    if (len)
      memmove(g_wide, a->data, len * 2);
    i = mdf__below(r, 3);
    if (i == 0 && len > 0)
      len--;
    else if (i == 1 || len == 0)
      g_wide[len++] = (uint16_t)(mdf__one_in(r, 2) ? 'a' + mdf__below(r, 26) : mdf__rnd(r));
    else
      g_wide[mdf__below(r, (uint32_t)len)] = (uint16_t)mdf__rnd(r);
    g_wide[len] = 0;
    a->is_null = false;
    a->data = g_wide;
    a->len = (uint32_t)len;
    return;
  }
}

static void mut_in_buf(mdf_arg_t *a, const mdf_arg_spec_t *s, uint64_t *r) {
  uint32_t hlen, len;
  const uint8_t *h = mdf__honest_bytes(s, &hlen);
  size_t i;

  switch (mdf__below(r, 5)) {
  case 0: /* NULL pointer with a length edge, or back to the honest bytes */
    if (a->is_null) {
      a->is_null = false, a->data = h, a->len = hlen, a->u32 = hlen;
    } else {
      a->is_null = true, a->data = NULL, a->len = 0, a->u32 = mdf__len_edge(hlen, mdf__below(r, 8));
    }
    return;
  case 1: /* declared length off: 0, 1, n-1, n+1, huge */
    if (a->is_null)
      a->u32 = mdf__len_edge(hlen, mdf__below(r, 8));
    else
      a->u32 = mdf__len_edge(a->len, mdf__below(r, 8));
    return;
  default: /* content: a byte changed, one more or less, or random bytes */
    len = a->is_null ? 0 : a->len;
    if (len > MDF_BUF_MAX)
      len = MDF_BUF_MAX;
    if (len)
      memmove(g_bytes, a->data, len);
    i = mdf__below(r, 4);
    if (i == 0 && len > 0)
      g_bytes[mdf__below(r, len)] ^= (uint8_t)(1u + mdf__below(r, 255));
    else if (i == 1 && len > 0)
      len--;
    else if (i == 2 && len < MDF_BUF_MAX)
      g_bytes[len++] = (uint8_t)mdf__rnd(r);
    else
      for (len = mdf__one_in(r, 4) ? mdf__below(r, 1025) : mdf__below(r, 65), i = 0; i < len; i++)
        g_bytes[i] = (uint8_t)mdf__rnd(r);
    a->is_null = false;
    a->data = g_bytes;
    a->len = len;
    a->u32 = len;
    return;
  }
}

static void mut_out_buf(mdf_arg_t *a, const mdf_arg_spec_t *s, uint64_t *r) {
  uint32_t typ = mdf__out_buf_typical(s);

  switch (mdf__below(r, 4)) {
  case 0:
    a->is_null = !a->is_null;
    return;
  case 1:
    a->u32 = mdf__cap_edge(typ, mdf__below(r, 8));
    return;
  case 2:
    a->u32 = a->u32 + (mdf__one_in(r, 2) ? 1u : -1u);
    break;
  default:
    a->u32 = (uint32_t)mdf__rnd(r);
    break;
  }
  if (a->u32 > MDF__CAP_MAX)
    a->u32 %= MDF__CAP_MAX + 1;
}

/* A NULL struct or array made valid: the honest value at the same place. */
static bool make_valid(mdf_arg_t *a, const mdf_call_t *h, const slot_t *t) {
  const mdf_arg_t *v = h ? honest_at(h, t) : NULL;

  if (v == NULL || v->is_null)
    return false;
  *a = *v;
  return true;
}

static bool mut_struct(mdf_arg_t *a, const mdf_arg_spec_t *s, const mdf_call_t *h, const slot_t *t,
                       uint64_t *r) {
  const mdf_struct_desc_t *sd = s->dom ? s->dom->sdesc : NULL;
  uint32_t cur = sd ? sd->current : 0;

  if (a->is_null)
    return make_valid(a, h, t);
  if (cur == 0 || mdf__one_in(r, 4)) {
    a->is_null = true, a->u32 = 0, a->sub = NULL, a->nsub = 0;
    return true;
  }
  switch (mdf__below(r, 5)) {
  case 0:
    a->u32 = 0;
    break; /* 0 (means 1 to some drivers) */
  case 1:
    a->u32 = cur + 1;
    break; /* the next, unknown version */
  case 2:
    a->u32 = sd->versions[mdf__below(r, sd->nversions)].version;
    break;
  case 3:
    a->u32 = mdf__version_edge[mdf__below(r, 16)];
    break;
  default:
    a->u32 = mdf__one_in(r, 2) ? cur : (uint32_t)mdf__rnd(r);
    break;
  }
  return true;
}

static bool mut_array(mdf_arg_t *a, const mdf_arg_spec_t *s, const mdf_call_t *h, const slot_t *t,
                      uint64_t *r) {
  uint32_t typ = mdf__array_typical(s), n, i;

  if (a->is_null) {
    if (mdf__one_in(r, 2))
      return make_valid(a, h, t);
    a->u32 = mdf__len_edge(typ, mdf__below(r, 8)); /* NULL with another count */
    return true;
  }
  switch (mdf__below(r, 3)) {
  case 0: /* NULL pointer, count edge */
    a->is_null = true, a->sub = NULL, a->nsub = 0, a->u32 = mdf__len_edge(typ, mdf__below(r, 8));
    return true;
  case 1: /* declared count off by an edge (elements as typical) */
    if (a->nsub != typ)
      return false;
    a->u32 = mdf__len_edge(typ, 1u + mdf__below(r, 7));
    return true;
  default: /* one element less or more (a copy of one), count exact */
    n = mdf__below(r, MDF_ARRAY_MAX + 1);
    if ((a->sub == NULL || a->nsub == 0) && n > 0)
      return false;
    for (i = 0; i < n; i++)
      g_elems[i] = a->sub[i < a->nsub ? i : mdf__below(r, a->nsub)];
    a->sub = n ? g_elems : NULL;
    a->nsub = (uint16_t)n;
    a->u32 = n;
    return true;
  }
}

static void mut_key(mdf_arg_t *a, uint64_t *r) {
  switch (mdf__below(r, 4)) {
  case 0:
    a->how = MDF_KEY_EARLIER, a->u32 = mdf__below(r, 4);
    break;
  case 1:
    a->how = MDF_KEY_LITERAL, a->u32 = 0;
    break;
  case 2:
    a->how = MDF_KEY_LITERAL, a->u32 = mdf__handle_edge[mdf__below(r, 16)];
    break;
  default:
    a->how = MDF_KEY_LITERAL, a->u32 = (uint32_t)mdf__rnd(r);
    break;
  }
}

int mdf__mut_arg(mdf_case_t *c, uint64_t *rng) {
  uint8_t path[SLOT_PATH_MAX];
  mdf_call_t *call;
  const mdf_call_t *h;
  slot_t *t;
  size_t k;

  size_t with_args[MDF_MAX_CALLS], n = 0;

  for (k = 0; k < c->ncalls && k < MDF_MAX_CALLS; k++)
    if (c->calls[k].ex != NULL && c->calls[k].ex->nargs > 0)
      with_args[n++] = k;
  if (n == 0)
    return 0;
  call = &c->calls[with_args[mdf__below(rng, (uint32_t)n)]];
  g_nslots = 0;
  for (k = 0; k < call->ex->nargs && k < MDF_MAX_ARGS; k++) {
    path[0] = (uint8_t)k;
    collect(&call->args[k], &call->ex->args[k], path, 1);
  }
  if (g_nslots == 0)
    return 0;
  t = &g_slots[mdf__below(rng, (uint32_t)g_nslots)];
  switch (t->s->kind) {
  case MDF_ARG_CARD_DATA:
  case MDF_ARG_OUT_PTR:
    t->a->is_null = !t->a->is_null;
    return 1;
  case MDF_ARG_DIR_NAME:
  case MDF_ARG_FILE_NAME:
    mut_name(t->a, t->s, rng);
    return 1;
  case MDF_ARG_FLAGS:
  case MDF_ARG_DWORD:
  case MDF_ARG_BYTE:
  case MDF_ARG_OUT_VAL:
    mut_number(t->a, t->s, rng);
    return 1;
  case MDF_ARG_WSTR:
    mut_wstr(t->a, t->s, rng);
    return 1;
  case MDF_ARG_IN_BUF:
    mut_in_buf(t->a, t->s, rng);
    return 1;
  case MDF_ARG_OUT_BUF:
    mut_out_buf(t->a, t->s, rng);
    return 1;
  case MDF_ARG_STRUCT:
  case MDF_ARG_ARRAY:
    h = mdf__mut_honest_call(c, call->ex);
    return t->s->kind == MDF_ARG_STRUCT ? mut_struct(t->a, t->s, h, t, rng)
                                        : mut_array(t->a, t->s, h, t, rng);
  case MDF_ARG_KEY_HANDLE:
    mut_key(t->a, rng);
    return 1;
  default:
    return 0;
  }
}
