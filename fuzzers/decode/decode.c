/* The one fuzz input decoder.  Layout: include/mdfuzz/fuzzers/decode.h and
 * corpus/README.md "Fuzz inputs".  No allocation, no I/O: a case holds its
 * data in its arena, pointers to static tables are used where they can. */
#include <string.h>

#include "decode_int.h"
#include "mdfuzz/common/bytes.h"

/* ---- argument decoding ------------------------------------------------------------ */

typedef struct dec {
  mdf_cursor_t cur;
  mdf_case_t *c;
} dec_t;

static void set_name(mdf_arg_t *a, const char *s, size_t n) {
  a->is_null = s == NULL;
  a->data = s;
  a->len = s ? (uint32_t)n : 0;
}

/* n literal bytes from the input (zeros past the end), clipped to the arena,
 * plus term zero bytes; returns the arena copy, *kept the bytes stored. */
static const uint8_t *take_literal(dec_t *d, size_t n, size_t term, size_t align, size_t *kept) {
  size_t left = mdf__arena_left(d->c, align), got;
  const uint8_t *p;
  uint8_t *q;

  if (left < term) {
    (void)mdf_cursor_take(&d->cur, n, &got);
    *kept = 0;
    return NULL;
  }
  *kept = n < left - term ? n : left - term;
  q = mdf__arena(d->c, *kept + term, align);
  p = mdf_cursor_take(&d->cur, n, &got);
  memcpy(q, p, got < *kept ? got : *kept);
  if (got < *kept + term)
    memset(q + (got < *kept ? got : *kept), 0, *kept + term - (got < *kept ? got : *kept));
  return q;
}

static void dec_name(dec_t *d, const mdf_arg_spec_t *s, mdf_arg_t *a) {
  uint8_t b = mdf_cursor_u8(&d->cur);
  const char *const *list;
  size_t n, kept;
  bool null;

  mdf__names(s, &list, &n);
  if (b < MDF__NAME_KNOWN && s->kind == MDF_ARG_DIR_NAME) {
    /* directories: < 80 the honest one, 80..BF the first known name */
    const char *k = b < MDF__NAME_KNOWN0 ? mdf__dir_honest(s, &null) : list[0];

    set_name(a, k, k ? strlen(k) : 0);
  } else if (b < MDF__NAME_EDGE) {
    const char *k = list[b % n];

    set_name(a, k, k ? strlen(k) : 0);
  } else if (b < MDF__NAME_LITERAL) {
    set_name(a, mdf__name_edge[b & 15], mdf__name_edge_len[b & 15]);
  } else {
    const uint8_t *q = take_literal(d, mdf_cursor_u8(&d->cur) % (MDF_NAME_MAX + 1), 1, 1, &kept);

    set_name(a, q ? (const char *)q : "", kept);
  }
}

static uint32_t dom_value(const mdf_arg_spec_t *s, size_t i) {
  return s->dom != NULL && s->dom->nvalues ? s->dom->values[i % s->dom->nvalues].value : 0;
}

static void dec_number(dec_t *d, const mdf_arg_spec_t *s, mdf_arg_t *a) {
  uint8_t b = mdf_cursor_u8(&d->cur);
  uint32_t v;

  switch (s->kind) {
  case MDF_ARG_FLAGS:
    v = b < 0xC0   ? 0
        : b < 0xE0 ? (s->dom && s->dom->nvalues ? dom_value(s, b - 0xC0u) : mdf__rare_flags[b & 15])
        : b < 0xF0 ? mdf__rare_flags[b & 15]
                   : mdf_cursor_u32(&d->cur);
    break;
  case MDF_ARG_OUT_VAL:
    v = b < 0xF0 ? 0 : b < 0xFF ? mdf__dword_edge[b & 15] : mdf_cursor_u32(&d->cur);
    break;
  default: /* DWORD, BYTE */
    v = b < 0xC0   ? dom_value(s, 0)
        : b < 0xE0 ? dom_value(s, b - 0xC0u)
        : b < 0xF0 ? mdf__dword_edge[b & 15]
                   : (s->kind == MDF_ARG_BYTE ? mdf_cursor_u8(&d->cur) : mdf_cursor_u32(&d->cur));
    if (s->kind == MDF_ARG_BYTE)
      v &= 0xFF;
  }
  a->u32 = v;
}

static void set_wide_ascii(dec_t *d, mdf_arg_t *a, const char *s) {
  size_t n = strlen(s), i;
  uint16_t *w = mdf__arena(d->c, (n + 1) * 2, 2);

  if (w == NULL) { /* arena full: the empty string (static) */
    static const uint16_t empty[1];

    a->data = empty;
    a->len = 0;
    return;
  }
  for (i = 0; i < n; i++)
    w[i] = (uint8_t)s[i];
  w[n] = 0;
  a->data = w;
  a->len = (uint32_t)n;
}

static void dec_wstr(dec_t *d, const mdf_arg_spec_t *s, mdf_arg_t *a) {
  static const uint16_t empty[1];
  uint8_t b = mdf_cursor_u8(&d->cur);
  const char *const *list;
  size_t n, i;

  mdf__wstrs(s, &list, &n);
  a->data = empty;
  if (b < 0xC0) {
    set_wide_ascii(d, a, list[b < 0x80 ? 0 : b % n]);
  } else if (b < 0xD0) {
    uint16_t tmp[MDF__WSTR_EDGE_MAX];
    bool null;
    size_t len = mdf__wstr_edge(s, b & 15, &null, tmp, MDF__WSTR_EDGE_MAX);
    uint16_t *w = null ? NULL : mdf__arena(d->c, (len + 1) * 2, 2);

    a->is_null = null;
    a->data = null ? NULL : empty;
    if (w != NULL) {
      memcpy(w, tmp, len * 2);
      w[len] = 0;
      a->data = w;
      a->len = (uint32_t)len;
    }
  } else {
    size_t len = mdf_cursor_u8(&d->cur) % (MDF__WSTR_LIT_MAX + 1);
    uint16_t *w = mdf__arena(d->c, (len + 1) * 2, 2);

    for (i = 0; i < len; i++) {
      uint16_t ch = mdf_cursor_u16(&d->cur);

      if (w != NULL)
        w[i] = ch;
    }
    if (w != NULL) {
      w[len] = 0;
      a->data = w;
      a->len = (uint32_t)len;
    }
  }
}

static void dec_in_buf(dec_t *d, const mdf_arg_spec_t *s, mdf_arg_t *a) {
  uint8_t b = mdf_cursor_u8(&d->cur);
  uint32_t hlen;
  const uint8_t *h = mdf__honest_bytes(s, &hlen);
  size_t kept;

  if (b >= 0xF0) {
    a->is_null = true;
    a->u32 = b < 0xF8 ? mdf__len_edge(hlen, b) : mdf_cursor_u32(&d->cur);
    return;
  }
  if (b < 0xC0 || (b >= 0xE0 && b < 0xE8)) {
    a->data = h;
    a->len = hlen;
  } else {
    const uint8_t *q = take_literal(d, mdf_cursor_u16(&d->cur) % (MDF_BUF_MAX + 1), 0, 1, &kept);

    a->data = q ? q : mdf__zeros;
    a->len = (uint32_t)kept;
  }
  a->u32 = b < 0xE0 ? a->len : mdf__len_edge(a->len, b);
}

static void dec_out_buf(dec_t *d, const mdf_arg_spec_t *s, mdf_arg_t *a) {
  uint8_t b = mdf_cursor_u8(&d->cur);
  uint32_t typ = mdf__out_buf_typical(s);

  a->is_null = b >= 0xE0;
  if (b < 0xC0)
    a->u32 = typ;
  else if ((b & 0xF0) == 0xC0 || (b & 0xF0) == 0xE0)
    a->u32 = mdf__cap_edge(typ, b);
  else
    a->u32 = mdf_cursor_u32(&d->cur) % (MDF__CAP_MAX + 1);
}

static void dec_key(dec_t *d, mdf_arg_t *a) {
  uint8_t b = mdf_cursor_u8(&d->cur);

  a->how = b < 0xD0 ? MDF_KEY_EARLIER : MDF_KEY_LITERAL;
  a->u32 = b < 0xC0   ? 0
           : b < 0xD0 ? (uint32_t)(b & 3)
           : b < 0xE0 ? 0
           : b < 0xF0 ? mdf__handle_edge[b & 15]
                      : mdf_cursor_u32(&d->cur);
}

static void dec_value(dec_t *d, const mdf_arg_spec_t *s, mdf_arg_t *a, int depth);

/* The members of one struct value (version already set). */
static void dec_fields(dec_t *d, const mdf_struct_desc_t *sd, mdf_arg_t *a, int depth) {
  mdf_case_t *c = d->c;
  mdf_arg_t *sub;
  size_t i;

  if (sd == NULL || sd->nfields == 0)
    return;
  if (c->nvals + sd->nfields > MDF_MAX_VALS || depth > 3) {
    a->is_null = true; /* out of room: deterministic fallback, nothing taken */
    a->u32 = 0;
    return;
  }
  sub = &c->vals[c->nvals];
  c->nvals = (uint16_t)(c->nvals + sd->nfields);
  a->sub = sub;
  a->nsub = sd->nfields;
  for (i = 0; i < sd->nfields; i++)
    dec_value(d, &sd->fields[i], &sub[i], depth + 1);
}

static void dec_struct(dec_t *d, const mdf_arg_spec_t *s, mdf_arg_t *a, int depth) {
  const mdf_struct_desc_t *sd = s->dom ? s->dom->sdesc : NULL;
  uint8_t b = mdf_cursor_u8(&d->cur);
  uint32_t cur = sd ? sd->current : 0;

  if (b >= 0xF8) {
    a->is_null = true;
    return;
  }
  if (cur == 0)
    a->u32 = 0; /* not versioned */
  else if (b < 0xC0)
    a->u32 = cur;
  else if (b < 0xD0)
    a->u32 = sd->versions[b % sd->nversions].version;
  else if (b < 0xD8)
    a->u32 = 0;
  else if (b < 0xE0)
    a->u32 = cur + 1;
  else if (b < 0xF0)
    a->u32 = mdf__version_edge[b & 15];
  else
    a->u32 = mdf_cursor_u32(&d->cur);
  dec_fields(d, sd, a, depth);
}

static void dec_array(dec_t *d, const mdf_arg_spec_t *s, mdf_arg_t *a, int depth) {
  const mdf_struct_desc_t *sd = s->dom ? s->dom->sdesc : NULL;
  uint8_t b = mdf_cursor_u8(&d->cur);
  uint32_t typ = mdf__array_typical(s), n, i;
  mdf_arg_t *el;

  if (b >= 0xF0) {
    a->is_null = true;
    a->u32 = b < 0xF8 ? mdf__len_edge(typ, b) : mdf_cursor_u32(&d->cur);
    return;
  }
  n = b < 0xC0 || b >= 0xE0 ? typ : (uint32_t)(b - 0xC0) % (MDF_ARRAY_MAX + 1);
  a->u32 = b < 0xE0 ? n : mdf__len_edge(n, b);
  if (n == 0 || sd == NULL)
    return;
  if (d->c->nvals + n > MDF_MAX_VALS || depth > 3) {
    a->is_null = true;
    return;
  }
  el = &d->c->vals[d->c->nvals];
  d->c->nvals = (uint16_t)(d->c->nvals + n);
  a->sub = el;
  a->nsub = (uint16_t)n;
  memset(el, 0, n * sizeof(*el));
  for (i = 0; i < n; i++) {
    el[i].u32 = sd->current;
    dec_fields(d, sd, &el[i], depth + 1);
  }
}

static void dec_value(dec_t *d, const mdf_arg_spec_t *s, mdf_arg_t *a, int depth) {
  memset(a, 0, sizeof(*a));
  switch (s->kind) {
  case MDF_ARG_CARD_DATA:
  case MDF_ARG_OUT_PTR:
    a->is_null = mdf_cursor_u8(&d->cur) >= 0xF8;
    break;
  case MDF_ARG_DIR_NAME:
  case MDF_ARG_FILE_NAME:
    dec_name(d, s, a);
    break;
  case MDF_ARG_FLAGS:
  case MDF_ARG_DWORD:
  case MDF_ARG_BYTE:
  case MDF_ARG_OUT_VAL:
    dec_number(d, s, a);
    break;
  case MDF_ARG_WSTR:
    dec_wstr(d, s, a);
    break;
  case MDF_ARG_IN_BUF:
    dec_in_buf(d, s, a);
    break;
  case MDF_ARG_OUT_BUF:
    dec_out_buf(d, s, a);
    break;
  case MDF_ARG_STRUCT:
    dec_struct(d, s, a, depth);
    break;
  case MDF_ARG_ARRAY:
    dec_array(d, s, a, depth);
    break;
  case MDF_ARG_KEY_HANDLE:
    dec_key(d, a);
    break;
  default:
    break;
  }
}

static void dec_call(dec_t *d, const mdf_export_t *ex) {
  mdf_call_t *call = &d->c->calls[d->c->ncalls++];
  size_t i;

  call->ex = ex;
  for (i = 0; i < ex->nargs && i < MDF_MAX_ARGS; i++)
    dec_value(d, &ex->args[i], &call->args[i], 0);
}

/* ---- header ---------------------------------------------------------------------- */

static void reset(mdf_case_t *c) {
  /* the arena and the value pool are not cleared: only [0, len) is used */
  memset(c, 0, offsetof(mdf_case_t, vals));
}

static void dec_header(dec_t *d) {
  mdf_case_t *c = d->c;
  uint8_t b = mdf_cursor_u8(&d->cur);
  size_t n, got, i;
  const uint8_t *p;

  c->version = b < 0xC0                ? 7
               : b < MDF__RARE_VERSION ? 4 + (DWORD)((b - 0xC0) % 3)
                                       : mdf__rare_versions[b & 15];
  b = mdf_cursor_u8(&d->cur);
  if (b == 0xFF)
    c->null_acquire = true;
  else if (b >= 0xF0)
    c->mutation[mdf_cursor_u8(&d->cur) % MDF_CDM_COUNT] = b < 0xF8 ? MDF_MUT_ZERO : MDF_MUT_GARBAGE;
  b = mdf_cursor_u8(&d->cur);
  c->acquire_flags = b < 0xF0               ? 0
                     : b < MDF__ACQ_LITERAL ? mdf__acq_rare[b & 15]
                                            : mdf_cursor_u32(&d->cur);
  b = mdf_cursor_u8(&d->cur);
  if (b >= 0xF0)
    c->realloc_fail_at = (uint32_t)(b & 15) + 1;
  else if (b >= 0xE0)
    c->alloc_fail_at = (uint32_t)(b & 15) + 1;
  b = mdf_cursor_u8(&d->cur);
  if (b >= MDF__MODES) {
    c->cache_mode = (uint8_t)(mdf_cursor_u8(&d->cur) % MDF_CACHE_MODES);
    c->pad_mode = (uint8_t)(mdf_cursor_u8(&d->cur) % MDF_CSP_MODES);
    c->unpad_mode = (uint8_t)(mdf_cursor_u8(&d->cur) % MDF_CSP_MODES);
    c->dh_mode = (uint8_t)(mdf_cursor_u8(&d->cur) % MDF_CSP_MODES);
    n = mdf_cursor_u8(&d->cur) % (MDF_ATR_MAX + 1);
    p = mdf_cursor_take(&d->cur, n, &got);
    for (i = 0; i < n; i++)
      c->atr[i] = i < got ? p[i] : 0;
    c->atr_len = (uint8_t)n;
  }
}

static void set_script(dec_t *d) {
  d->c->script = d->cur.p ? d->cur.p + d->cur.pos : NULL;
  d->c->script_len = mdf_cursor_left(&d->cur);
}

mdf_err_t mdf_decode(const mdf_export_t *ex, const uint8_t *data, size_t len, mdf_case_t *c) {
  dec_t d;

  if (c == NULL || ex == NULL)
    return MDF_EINVAL;
  reset(c);
  d.cur = mdf_cursor(data, data ? len : 0);
  d.c = c;
  dec_header(&d);
  dec_call(&d, ex);
  set_script(&d);
  return MDF_OK;
}

mdf_err_t mdf_decode_seq(const mdf_export_t *const *seq, size_t nseq, const uint8_t *data,
                         size_t len, mdf_case_t *c) {
  dec_t d;
  uint8_t b;

  if (c == NULL || seq == NULL || nseq == 0 || nseq > 255)
    return MDF_EINVAL;
  reset(c);
  c->seq = seq;
  c->nseq = nseq;
  d.cur = mdf_cursor(data, data ? len : 0);
  d.c = c;
  dec_header(&d);
  do {
    b = mdf_cursor_u8(&d.cur);
    if (b == 0xFF && c->ncalls > 0)
      break; /* the rest is the card script */
    dec_call(&d, seq[b % nseq]);
  } while (c->ncalls < MDF_MAX_CALLS && mdf_cursor_left(&d.cur) > 0);
  set_script(&d);
  return MDF_OK;
}

void mdf_case_init(mdf_case_t *c, const mdf_export_t *ex) {
  mdf_decode(ex, NULL, 0, c);
}

void mdf_case_init_seq(mdf_case_t *c, const mdf_export_t *const *seq, size_t nseq) {
  if (c == NULL)
    return;
  reset(c);
  c->seq = seq;
  c->nseq = nseq;
  c->version = 7;
}

mdf_call_t *mdf_case_add_call(mdf_case_t *c, const mdf_export_t *ex) {
  dec_t d;
  size_t i;

  if (c == NULL || ex == NULL || c->ncalls >= MDF_MAX_CALLS)
    return NULL;
  if (c->seq != NULL) {
    for (i = 0; i < c->nseq && c->seq[i] != ex; i++)
      ;
    if (i == c->nseq)
      return NULL;
  }
  d.cur = mdf_cursor(NULL, 0);
  d.c = c;
  dec_call(&d, ex);
  return &c->calls[c->ncalls - 1];
}
