/* Text form of a case, the parsing half (grammar: text.c).  The first
 * problem is reported as line:col: message in an mdf_diag_t. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "decode_int.h"
#include "text_int.h"
#include "mdfuzz/reader/fuzzcard.h"

/* "{" closing a line, after optional white space: a struct's body follows. */
static mdf_err_t open_brace(parser_t *p) {
  mdf__t_skip_ws(p);
  if (p->q >= p->le || *p->q != '{')
    return mdf__t_fail(p, p->q, "expected '{'");
  p->q++;
  return mdf__t_end_of_line(p);
}

static mdf_err_t value(parser_t *p, const mdf_arg_spec_t *s, mdf_arg_t *a, int depth);

static mdf_err_t fields(parser_t *p, const mdf_struct_desc_t *sd, mdf_arg_t *a, int depth,
                        bool versioned) {
  mdf_case_t *c = p->c;
  mdf_err_t err;
  mdf_arg_t *sub;
  size_t i;

  a->u32 = versioned ? sd->current : 0;
  if (versioned && sd->current != 0) {
    if ((err = mdf__t_expect_key(p, "dwVersion")) != MDF_OK ||
        (err = mdf__t_number(p, &a->u32)) != MDF_OK || (err = mdf__t_end_of_line(p)) != MDF_OK)
      return err;
  }
  if (sd->nfields) {
    if (c->nvals + sd->nfields > MDF_MAX_VALS || depth > 3)
      return mdf__t_fail(p, p->q, "too many struct members in one case");
    sub = &c->vals[c->nvals];
    c->nvals = (uint16_t)(c->nvals + sd->nfields);
    memset(sub, 0, sd->nfields * sizeof(*sub));
    a->sub = sub;
    a->nsub = sd->nfields;
    for (i = 0; i < sd->nfields; i++)
      if ((err = value(p, &sd->fields[i], &sub[i], depth + 1)) != MDF_OK)
        return err;
  }
  if (!mdf__t_next_line(p) || (mdf__t_skip_ws(p), p->q >= p->le || *p->q != '}'))
    return mdf__t_fail(p, p->q, "expected '}' closing %s", sd->name);
  p->q++;
  return mdf__t_end_of_line(p);
}

static mdf_err_t array(parser_t *p, const mdf_arg_spec_t *s, mdf_arg_t *a, int depth) {
  const mdf_struct_desc_t *sd = s->dom ? s->dom->sdesc : NULL;
  mdf_arg_t *el;
  mdf_err_t err;
  size_t n;
  const char *w;

  if (sd == NULL)
    return mdf__t_fail(p, p->q, "%s has no element type", s->name);
  if (p->c->nvals + MDF_ARRAY_MAX > MDF_MAX_VALS)
    return mdf__t_fail(p, p->q, "too many struct members in one case");
  el = &p->c->vals[p->c->nvals];
  p->c->nvals = (uint16_t)(p->c->nvals + MDF_ARRAY_MAX);
  memset(el, 0, MDF_ARRAY_MAX * sizeof(*el));
  a->sub = el;
  for (;;) {
    if (!mdf__t_next_line(p))
      return mdf__t_fail(p, NULL, "missing ']' closing %s", s->name);
    mdf__t_skip_ws(p);
    if (*p->q == ']') {
      p->q++;
      break;
    }
    w = mdf__t_word(p, &n);
    if (!mdf__t_is_word(w, n, sd->name))
      return mdf__t_fail(p, w, "expected '%s {' or ']'", sd->name);
    if ((err = open_brace(p)) != MDF_OK)
      return err;
    if (a->nsub == MDF_ARRAY_MAX)
      return mdf__t_fail(p, w, "more than %d elements", MDF_ARRAY_MAX);
    if ((err = fields(p, sd, &el[a->nsub++], depth + 1, true)) != MDF_OK)
      return err;
  }
  if (a->nsub == 0)
    a->sub = NULL;
  return mdf__t_end_of_line(p);
}

static mdf_err_t pair_length(parser_t *p, const mdf_arg_spec_t *s, mdf_arg_t *a, const char *dflt) {
  mdf_err_t err = mdf__t_expect_key(p, s->name2 ? s->name2 : dflt);

  if (err == MDF_OK)
    err = mdf__t_number(p, &a->u32);
  return err != MDF_OK ? err : mdf__t_end_of_line(p);
}

static mdf_err_t value(parser_t *p, const mdf_arg_spec_t *s, mdf_arg_t *a, int depth) {
  const mdf_struct_desc_t *sd = s->dom ? s->dom->sdesc : NULL;
  uint8_t buf[MDF_BUF_MAX];
  mdf_err_t err;
  size_t n;
  const char *at;

  memset(a, 0, sizeof(*a));
  if ((err = mdf__t_expect_key(p, s->name)) != MDF_OK)
    return err;
  at = p->q;
  switch (s->kind) {
  case MDF_ARG_CARD_DATA:
  case MDF_ARG_OUT_PTR:
    if (!mdf__t_take_word(p, "valid") && !(a->is_null = mdf__t_take_word(p, "NULL")))
      return mdf__t_fail(p, at, "expected valid or NULL");
    break;
  case MDF_ARG_DIR_NAME:
  case MDF_ARG_FILE_NAME:
    if (mdf__t_take_word(p, "NULL")) {
      a->is_null = true;
      break;
    }
    if ((err = mdf__t_quoted(p, false, buf, MDF_NAME_MAX, &n)) != MDF_OK)
      return err;
    if (mdf_case_set_name(p->c, a, buf, n) != MDF_OK)
      return mdf__t_fail(p, at, "case too large");
    break;
  case MDF_ARG_FLAGS:
    for (;;) {
      uint32_t v;

      if ((err = mdf__t_named(p, s, &v)) != MDF_OK)
        return err;
      a->u32 |= v;
      mdf__t_skip_ws(p);
      if (p->q >= p->le || *p->q != '|')
        break;
      p->q++;
    }
    break;
  case MDF_ARG_DWORD:
  case MDF_ARG_BYTE:
  case MDF_ARG_OUT_VAL:
    if ((err = mdf__t_named(p, s, &a->u32)) != MDF_OK)
      return err;
    if (s->kind == MDF_ARG_BYTE && a->u32 > 0xFF)
      return mdf__t_fail(p, at, "a BYTE is 0..255");
    break;
  case MDF_ARG_WSTR:
    if (mdf__t_take_word(p, "NULL")) {
      a->is_null = true;
      break;
    }
    if ((err = mdf__t_quoted(p, true, buf, sizeof(buf) / 2, &n)) != MDF_OK)
      return err;
    {
      uint16_t *w = mdf__arena(p->c, (n + 1) * 2, 2);

      if (w == NULL)
        return mdf__t_fail(p, at, "case too large");
      memcpy(w, buf, n * 2);
      w[n] = 0;
      a->data = w;
    }
    a->len = (uint32_t)n;
    break;
  case MDF_ARG_IN_BUF:
    if (mdf__t_take_word(p, "NULL")) {
      a->is_null = true;
    } else {
      n = 0;
      if (!mdf__t_take_word(p, "empty") &&
          (err = mdf__t_hex_bytes(p, buf, sizeof(buf), &n)) != MDF_OK)
        return err;
      if (mdf_case_set_bytes(p->c, a, buf, n) != MDF_OK)
        return mdf__t_fail(p, at, "case too large");
    }
    if ((err = mdf__t_end_of_line(p)) != MDF_OK)
      return err;
    return pair_length(p, s, a, "length");
  case MDF_ARG_OUT_BUF:
    if (!mdf__t_take_word(p, "buffer") && !(a->is_null = mdf__t_take_word(p, "NULL")))
      return mdf__t_fail(p, at, "expected buffer or NULL");
    if ((err = mdf__t_end_of_line(p)) != MDF_OK)
      return err;
    return pair_length(p, s, a, "capacity");
  case MDF_ARG_STRUCT:
    if (mdf__t_take_word(p, "NULL")) {
      a->is_null = true;
      break;
    }
    if (sd == NULL) {
      if (!mdf__t_take_word(p, "valid"))
        return mdf__t_fail(p, at, "expected valid or NULL");
      break;
    }
    {
      const char *w = mdf__t_word(p, &n);

      if (!mdf__t_is_word(w, n, sd->name))
        return mdf__t_fail(p, w, "expected NULL or '%s {'", sd->name);
    }
    if ((err = open_brace(p)) != MDF_OK)
      return err;
    return fields(p, sd, a, depth, true);
  case MDF_ARG_ARRAY:
    if (mdf__t_take_word(p, "NULL")) {
      a->is_null = true;
    } else {
      mdf__t_skip_ws(p);
      if (p->q >= p->le || *p->q != '[')
        return mdf__t_fail(p, at, "expected NULL or '['");
      p->q++;
      if ((err = mdf__t_end_of_line(p)) != MDF_OK || (err = array(p, s, a, depth)) != MDF_OK)
        return err;
    }
    if ((err = mdf__t_end_of_line(p)) != MDF_OK)
      return err;
    return pair_length(p, s, a, "count");
  case MDF_ARG_KEY_HANDLE:
    if (mdf__t_take_word(p, "earlier"))
      a->how = MDF_KEY_EARLIER;
    if ((err = mdf__t_number(p, &a->u32)) != MDF_OK)
      return err;
    break;
  default:
    return mdf__t_fail(p, at, "unknown argument kind");
  }
  return mdf__t_end_of_line(p);
}

/* ---- the session lines and the calls ------------------------------------------ */

static int mode_index(const char *w, size_t n, const char *(*name)(int), int count) {
  int i;

  for (i = 0; i < count; i++)
    if (mdf__t_is_word(w, n, name(i)))
      return i;
  return -1;
}

static mdf_err_t header_line(parser_t *p, const char *key, size_t kn) {
  mdf_case_t *c = p->c;
  const char *w;
  size_t n;
  mdf_err_t err;
  int i;

  if (mdf__t_is_word(key, kn, "version"))
    return mdf__t_number(p, &c->version);
  if (mdf__t_is_word(key, kn, "acquire")) {
    for (w = mdf__t_word(p, &n); n > 0; w = mdf__t_word(p, &n)) {
      if (p->q >= p->le || *p->q != '=')
        return mdf__t_fail(p, p->q, "expected '=' after %.*s", (int)n, w);
      p->q++;
      if (mdf__t_is_word(w, n, "pCardData")) {
        if (!mdf__t_take_word(p, "valid") && !(c->null_acquire = mdf__t_take_word(p, "NULL")))
          return mdf__t_fail(p, p->q, "expected valid or NULL");
      } else if (mdf__t_is_word(w, n, "dwFlags")) {
        if ((err = mdf__t_number(p, &c->acquire_flags)) != MDF_OK)
          return err;
      } else {
        return mdf__t_fail(p, w, "expected pCardData= or dwFlags=");
      }
    }
    return MDF_OK;
  }
  if (mdf__t_is_word(key, kn, "mutate")) {
    if (mdf__t_take_word(p, "none"))
      return MDF_OK;
    w = mdf__t_word(p, &n);
    for (i = 0; i < MDF_CDM_COUNT && !mdf__t_is_word(w, n, mdf_cdm_name(i)); i++)
      ;
    if (i == MDF_CDM_COUNT)
      return mdf__t_fail(p, w,
                         "expected none or a CARD_DATA field (pbAtr, cbAtr, pwszCardName, ...)");
    if (mdf__t_take_word(p, "NULL"))
      c->mutation[i] = MDF_MUT_ZERO;
    else if (mdf__t_take_word(p, "garbage"))
      c->mutation[i] = MDF_MUT_GARBAGE;
    else
      return mdf__t_fail(p, p->q, "expected NULL or garbage");
    return MDF_OK;
  }
  if (mdf__t_is_word(key, kn, "fault")) {
    if (mdf__t_take_word(p, "none"))
      return MDF_OK;
    w = mdf__t_word(p, &n);
    if (!mdf__t_is_word(w, n, "pfnCspAlloc") && !mdf__t_is_word(w, n, "pfnCspReAlloc"))
      return mdf__t_fail(p, w, "expected none, pfnCspAlloc N or pfnCspReAlloc N");
    err = mdf__t_number(p, mdf__t_is_word(w, n, "pfnCspAlloc") ? &c->alloc_fail_at
                                                               : &c->realloc_fail_at);
    return err;
  }
  if (mdf__t_is_word(key, kn, "atr")) {
    if (mdf__t_take_word(p, "card"))
      return c->atr_len = 0, MDF_OK;
    err = mdf__t_hex_bytes(p, c->atr, MDF_ATR_MAX, &n);
    c->atr_len = (uint8_t)n;
    return err;
  }
  w = mdf__t_word(p, &n);
  if (mdf__t_is_word(key, kn, "cache")) {
    if ((i = mode_index(w, n, mdf_cache_mode_name, MDF_CACHE_MODES)) < 0)
      return mdf__t_fail(p, w, "expected NORMAL, MISS, STALE, TRUNCATED, OTHER or FAIL");
    c->cache_mode = (uint8_t)i;
    return MDF_OK;
  }
  if (mdf__t_is_word(key, kn, "pad") || mdf__t_is_word(key, kn, "unpad") ||
      mdf__t_is_word(key, kn, "dh")) {
    if ((i = mode_index(w, n, mdf_csp_mode_name, MDF_CSP_MODES)) < 0)
      return mdf__t_fail(p, w, "expected NORMAL, FAIL, NULL_OUT, SHORT or LONG");
    *(key[0] == 'p' ? &c->pad_mode : key[0] == 'u' ? &c->unpad_mode : &c->dh_mode) = (uint8_t)i;
    return MDF_OK;
  }
  return mdf__t_fail(p, key,
                     "unknown line '%.*s' (expected version, acquire, mutate, fault, cache, pad, "
                     "unpad, dh, atr, call or script)",
                     (int)kn, key);
}

/* Is the next content line the end of a call's arguments? */
static bool at_call_end(parser_t *p) {
  parser_t save = *p;
  const char *w;
  size_t n;
  bool end = true;

  if (mdf__t_next_line(p)) {
    w = mdf__t_word(p, &n);
    end = mdf__t_is_word(w, n, "call") || mdf__t_is_word(w, n, "script");
  }
  *p = save;
  return end;
}

static mdf_err_t call_line(parser_t *p, const mdf_export_t *ex, const mdf_export_t *const *seq,
                           size_t nseq) {
  mdf_case_t *c = p->c;
  const mdf_export_t *found = NULL;
  mdf_call_t *call;
  mdf_err_t err;
  size_t n, i;
  const char *w = mdf__t_word(p, &n);

  for (i = 0; seq != NULL && i < nseq && found == NULL; i++)
    if (mdf__t_is_word(w, n, seq[i]->name))
      found = seq[i];
  if (seq == NULL && ex != NULL && mdf__t_is_word(w, n, ex->name))
    found = ex;
  if (found == NULL)
    return mdf__t_fail(p, w, "call '%.*s' is not an export of this target", (int)n, w);
  if (seq == NULL && c->ncalls == 1)
    return mdf__t_fail(p, w, "this target makes one call");
  if (c->ncalls == MDF_MAX_CALLS)
    return mdf__t_fail(p, w, "more than %d calls", MDF_MAX_CALLS);
  if ((err = mdf__t_end_of_line(p)) != MDF_OK)
    return err;
  /* honest values first: trailing arguments may be left out */
  if ((call = mdf_case_add_call(c, found)) == NULL)
    return mdf__t_fail(p, w, "cannot add this call");
  for (i = 0; i < found->nargs && i < MDF_MAX_ARGS && !at_call_end(p); i++)
    if ((err = value(p, &found->args[i], &call->args[i], 0)) != MDF_OK)
      return err;
  return MDF_OK;
}

static mdf_err_t script(parser_t *p) {
  mdf_case_t *c = p->c;
  size_t cap = mdf__arena_left(c, 1), len = 0;
  uint8_t *out = c->arena + c->arena_len;
  unsigned base = p->no;
  mdf_err_t err;

  if (mdf__t_take_word(p, "hex")) { /* raw bytes; the rest of the text is comments */
    if ((err = mdf__t_hex_bytes(p, out, cap, &len)) != MDF_OK)
      return err;
    if (mdf__t_next_line(p))
      return mdf__t_fail(p, p->q, "nothing may follow 'script hex'");
    c->arena_len += (uint32_t)len;
    c->script = len ? out : NULL;
    c->script_len = len;
    return MDF_OK;
  }
  if ((err = mdf__t_end_of_line(p)) != MDF_OK)
    return err;

  err = mdf_fuzzcard_encode(p->next, (size_t)(p->end - p->next), out, cap, &len, p->diag);
  if (err != MDF_OK) {
    if (p->diag != NULL && p->diag->line)
      p->diag->line += base;
    return err;
  }
  c->arena_len += (uint32_t)len;
  c->script = len ? out : NULL;
  c->script_len = len;
  return MDF_OK;
}

mdf_err_t mdf_case_from_text(const char *text, size_t text_len, const mdf_export_t *ex,
                             const mdf_export_t *const *seq, size_t nseq, mdf_case_t *c,
                             mdf_diag_t *diag) {
  parser_t p;
  mdf_err_t err = MDF_OK;
  size_t kn;
  const char *key;

  if (c == NULL || (text == NULL && text_len != 0) || (ex == NULL && (seq == NULL || nseq == 0)))
    return MDF_EINVAL;
  memset(&p, 0, sizeof(p));
  p.text = p.next = text ? text : "";
  p.end = p.text + text_len;
  p.next_no = 1;
  p.c = c;
  p.diag = diag;
  if (memchr(p.text, '\0', text_len) != NULL)
    return mdf_diag_set(diag, MDF_EPARSE, NULL, 0, 0, "NUL byte in text");
  if (seq != NULL)
    mdf_case_init_seq(c, seq, nseq);
  else
    mdf_case_init_seq(c, NULL, 0);
  while (err == MDF_OK && mdf__t_next_line(&p)) {
    key = mdf__t_word(&p, &kn);
    if (mdf__t_is_word(key, kn, "script"))
      return c->ncalls == 0 && ex != NULL && seq == NULL && mdf_case_add_call(c, ex) == NULL
                 ? MDF_EINVAL
                 : script(&p);
    if (mdf__t_is_word(key, kn, "call"))
      err = call_line(&p, ex, seq, nseq);
    else if (c->ncalls > 0)
      err = mdf__t_fail(&p, key, "session lines come before the first call");
    else if ((err = header_line(&p, key, kn)) == MDF_OK)
      err = mdf__t_end_of_line(&p);
  }
  if (err == MDF_OK && c->ncalls == 0) {
    if (seq == NULL && ex != NULL)
      mdf_case_add_call(c, ex);
    else
      err = mdf__t_fail(&p, NULL, "no call");
  }
  return err;
}
