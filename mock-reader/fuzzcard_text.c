/* Directive scripts as text, for `mdfuzz decode` and hand-written inputs:
 *
 *   apdu 1: PASS
 *   apdu 2: SW 6A 82
 *   apdu 3: TRUNCATE 5            (raw byte; the card cuts to 5 % (len + 1))
 *   apdu 4: EXTEND +3 bytes 01 02 03
 *   apdu 5: REPLACE 2 bytes 90 00
 *   apdu 6: FLIP at 7 xor 10      (position raw byte decimal, mask hex)
 *   apdu 7: REMOVED
 *   apdu 8: RESET
 *
 * The "apdu N:" prefix is optional when encoding; '#' starts a comment.
 * EXTEND and REPLACE may list fewer bytes than announced only in the last
 * directive (a script cut short by the end of the fuzz input). */
#include <ctype.h>
#include <string.h>

#include "mdfuzz/reader/fuzzcard.h"

static const char *const op_names[MDF_FZ_NOPS] = {"PASS",    "SW",   "TRUNCATE", "EXTEND",
                                                  "REPLACE", "FLIP", "REMOVED",  "RESET"};

static void put_hex(FILE *out, const uint8_t *p, size_t n) {
  for (size_t i = 0; i < n; i++)
    fprintf(out, " %02X", p[i]);
}

mdf_err_t mdf_fuzzcard_describe(FILE *out, const uint8_t *script, size_t len) {
  if (!out || (!script && len))
    return MDF_EINVAL;
  mdf_cursor_t c = mdf_cursor(script ? script : (const uint8_t *)"", script ? len : 0);
  for (unsigned apdu = 1; mdf_cursor_left(&c) > 0; apdu++) {
    mdf_fz_directive_t d;
    mdf_fuzzcard_next(&c, &d);
    fprintf(out, "apdu %u: %s", apdu, op_names[d.op]);
    switch (d.op) {
    case MDF_FZ_SW:
      fprintf(out, " %02X %02X", d.sw[0], d.sw[1]);
      break;
    case MDF_FZ_TRUNCATE:
      fprintf(out, " %u", d.arg);
      break;
    case MDF_FZ_EXTEND:
    case MDF_FZ_REPLACE:
      fprintf(out, d.op == MDF_FZ_EXTEND ? " +%zu bytes" : " %zu bytes", d.want);
      put_hex(out, d.data, d.len);
      break;
    case MDF_FZ_FLIP:
      fprintf(out, " at %u xor %02X", d.arg, d.mask);
      break;
    default:
      break;
    }
    fputc('\n', out);
  }
  return ferror(out) ? MDF_EIO : MDF_OK;
}

/* ---- encoder ---- */

typedef struct enc {
  const char *s, *end; /* current line [s, end) */
  const char *line_start;
  unsigned line;
  uint8_t *out;
  size_t cap, n;
  mdf_diag_t *diag;
} enc_t;

static mdf_err_t fail(enc_t *e, const char *at, const char *msg) {
  return mdf_diag_set(e->diag, MDF_EPARSE, NULL, e->line, (unsigned)(at - e->line_start) + 1, "%s",
                      msg);
}

static void skip_ws(enc_t *e) {
  while (e->s < e->end && (*e->s == ' ' || *e->s == '\t'))
    e->s++;
}

static bool word(enc_t *e, const char *w) {
  size_t n = strlen(w);
  skip_ws(e);
  if ((size_t)(e->end - e->s) < n || strncmp(e->s, w, n) ||
      (e->s + n < e->end && isalnum((unsigned char)e->s[n])))
    return false;
  e->s += n;
  return true;
}

static bool number(enc_t *e, unsigned long max, int base, unsigned long *v) {
  skip_ws(e);
  const char *p = e->s;
  unsigned long x = 0;
  while (p < e->end && isxdigit((unsigned char)*p) && (base == 16 || isdigit((unsigned char)*p))) {
    x = x * (unsigned)base +
        (unsigned)(isdigit((unsigned char)*p) ? *p - '0' : (tolower(*p) - 'a' + 10));
    if (x > max)
      return false;
    p++;
  }
  if (p == e->s || (p < e->end && !isspace((unsigned char)*p)))
    return false;
  e->s = p;
  *v = x;
  return true;
}

static mdf_err_t emit(enc_t *e, unsigned long v) {
  if (e->n >= e->cap)
    return mdf_diag_set(e->diag, MDF_ESPACE, NULL, e->line, 0, "script longer than %zu bytes",
                        e->cap);
  e->out[e->n++] = (uint8_t)v;
  return MDF_OK;
}

#define EMIT(v)                                                                                    \
  do {                                                                                             \
    mdf_err_t err_ = emit(e, v);                                                                   \
    if (err_)                                                                                      \
      return err_;                                                                                 \
  } while (0)

/* The arguments of one directive; *short_data set when fewer bytes follow
 * than announced. */
static mdf_err_t directive(enc_t *e, int op, bool *short_data) {
  unsigned long v, k;
  EMIT((unsigned long)op);
  switch (op) {
  case MDF_FZ_SW:
    for (int i = 0; i < 2; i++) {
      if (!number(e, 0xFF, 16, &v))
        return fail(e, e->s, "SW needs two hex bytes");
      EMIT(v);
    }
    break;
  case MDF_FZ_TRUNCATE:
    if (!number(e, 255, 10, &v))
      return fail(e, e->s, "TRUNCATE needs a decimal 0..255");
    EMIT(v);
    break;
  case MDF_FZ_EXTEND:
  case MDF_FZ_REPLACE:
    skip_ws(e);
    if (op == MDF_FZ_EXTEND) {
      if (e->s >= e->end || *e->s != '+')
        return fail(e, e->s, "EXTEND needs +count");
      e->s++;
    }
    if (!number(e, op == MDF_FZ_EXTEND ? 255 : MDF_FZ_REPLACE_MAX - 1, 10, &k) || !word(e, "bytes"))
      return fail(e, e->s,
                  op == MDF_FZ_EXTEND ? "expected +count (0..255) bytes"
                                      : "expected count (0..1023) bytes");
    EMIT(k & 0xFF);
    if (op == MDF_FZ_REPLACE)
      EMIT(k >> 8);
    for (v = 0; v < k; v++) {
      unsigned long b;
      skip_ws(e);
      if (e->s >= e->end) {
        *short_data = true;
        break;
      }
      if (!number(e, 0xFF, 16, &b))
        return fail(e, e->s, "expected a hex byte");
      EMIT(b);
    }
    break;
  case MDF_FZ_FLIP:
    if (!word(e, "at") || !number(e, 255, 10, &v))
      return fail(e, e->s, "FLIP needs: at position xor mask");
    EMIT(v);
    if (!word(e, "xor") || !number(e, 0xFF, 16, &v))
      return fail(e, e->s, "FLIP needs: at position xor mask");
    EMIT(v);
    break;
  default:
    break;
  }
  skip_ws(e);
  if (e->s < e->end)
    return fail(e, e->s, "unexpected text after the directive");
  return MDF_OK;
}

mdf_err_t mdf_fuzzcard_encode(const char *text, size_t text_len, uint8_t *out, size_t cap,
                              size_t *out_len, mdf_diag_t *diag) {
  if (out_len)
    *out_len = 0;
  if (!text || !out || !out_len)
    return MDF_EINVAL;
  enc_t e = {.out = out, .cap = cap, .diag = diag};
  const char *p = text, *text_end = text + text_len;
  bool ended_short = false;
  for (e.line = 1; p < text_end; e.line++) {
    const char *nl = memchr(p, '\n', (size_t)(text_end - p));
    const char *eol = nl ? nl : text_end, *hash = memchr(p, '#', (size_t)(eol - p));
    e.line_start = e.s = p;
    e.end = hash ? hash : eol;
    while (e.end > e.s && isspace((unsigned char)e.end[-1]))
      e.end--;
    p = nl ? nl + 1 : text_end;
    skip_ws(&e);
    if (e.s == e.end)
      continue;
    if (ended_short)
      return fail(&e, e.s, "a directive follows one with missing bytes");
    if (word(&e, "apdu")) {
      skip_ws(&e);
      const char *digits = e.s;
      while (e.s < e.end && isdigit((unsigned char)*e.s))
        e.s++;
      if (e.s == digits || e.s >= e.end || *e.s != ':')
        return fail(&e, e.s, "expected 'apdu N:'");
      e.s++;
    }
    int op = -1;
    for (int i = 0; i < MDF_FZ_NOPS && op < 0; i++)
      if (word(&e, op_names[i]))
        op = i;
    if (op < 0)
      return fail(&e, e.s,
                  "unknown directive (PASS SW TRUNCATE EXTEND REPLACE FLIP REMOVED RESET)");
    mdf_err_t err = directive(&e, op, &ended_short);
    if (err)
      return err;
  }
  *out_len = e.n;
  return MDF_OK;
}
