/* The text form's line lexer: lines with comments cut, words, numbers,
 * hex bytes, quoted strings; errors as line:col: message. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "text_int.h"

mdf_err_t mdf__t_fail(parser_t *p, const char *at, const char *fmt, ...) {
  char msg[200];
  va_list ap;

  va_start(ap, fmt);
  vsnprintf(msg, sizeof(msg), fmt, ap);
  va_end(ap);
  return mdf_diag_set(p->diag, MDF_EPARSE, NULL, p->no,
                      at && p->ln ? (unsigned)(at - p->ln) + 1 : 1, "%s", msg);
}

/* Next line with content; false at the end of text. */
bool mdf__t_next_line(parser_t *p) {
  while (p->next < p->end) {
    const char *s = p->next, *e = memchr(s, '\n', (size_t)(p->end - s)), *h;
    bool quoted = false;

    if (e == NULL)
      e = p->end;
    p->next = e < p->end ? e + 1 : e;
    p->no = p->next_no++;
    for (h = s; h < e; h++) { /* cut a comment outside quotes */
      if (*h == '"' && (h == s || h[-1] != '\\'))
        quoted = !quoted;
      else if (*h == '#' && !quoted)
        break;
    }
    while (h > s && isspace((unsigned char)h[-1]))
      h--;
    p->ln = s;
    p->le = h;
    p->q = s;
    while (p->q < p->le && isspace((unsigned char)*p->q))
      p->q++;
    if (p->q < p->le)
      return true;
  }
  p->ln = p->le = p->q = p->end;
  return false;
}

void mdf__t_skip_ws(parser_t *p) {
  while (p->q < p->le && (*p->q == ' ' || *p->q == '\t'))
    p->q++;
}

/* A word of [A-Za-z0-9_.]; *n its length (0: none). */
const char *mdf__t_word(parser_t *p, size_t *n) {
  const char *s;

  mdf__t_skip_ws(p);
  s = p->q;
  while (p->q < p->le && (isalnum((unsigned char)*p->q) || *p->q == '_' || *p->q == '.'))
    p->q++;
  *n = (size_t)(p->q - s);
  return s;
}

bool mdf__t_is_word(const char *s, size_t n, const char *w) {
  return strlen(w) == n && memcmp(s, w, n) == 0;
}

mdf_err_t mdf__t_end_of_line(parser_t *p) {
  mdf__t_skip_ws(p);
  return p->q < p->le ? mdf__t_fail(p, p->q, "unexpected text '%.*s'", (int)(p->le - p->q), p->q)
                      : MDF_OK;
}

bool mdf__t_parse_u32(const char *s, size_t n, uint32_t *v) {
  uint64_t x = 0;
  size_t i = 0;
  int base = 10;

  if (n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
    base = 16, i = 2;
  if (i == n)
    return false;
  for (; i < n; i++) {
    int d = isdigit((unsigned char)s[i])                  ? s[i] - '0'
            : base == 16 && isxdigit((unsigned char)s[i]) ? tolower((unsigned char)s[i]) - 'a' + 10
                                                          : -1;
    if (d < 0 || (x = x * (uint64_t)base + (uint64_t)d) > 0xFFFFFFFFu)
      return false;
  }
  *v = (uint32_t)x;
  return true;
}

mdf_err_t mdf__t_number(parser_t *p, uint32_t *v) {
  size_t n;
  const char *s = mdf__t_word(p, &n);

  if (n == 0 || !mdf__t_parse_u32(s, n, v))
    return mdf__t_fail(p, s, "expected a number");
  return MDF_OK;
}

/* A number or a name of the spec's domain. */
mdf_err_t mdf__t_named(parser_t *p, const mdf_arg_spec_t *s, uint32_t *v) {
  size_t n, i;
  const char *w;

  mdf__t_skip_ws(p);
  w = p->q;
  while (p->q < p->le && !isspace((unsigned char)*p->q) && *p->q != '|')
    p->q++;
  n = (size_t)(p->q - w);
  for (i = 0; s->dom != NULL && i < s->dom->nvalues; i++)
    if (mdf__t_is_word(w, n, s->dom->values[i].name))
      return *v = s->dom->values[i].value, MDF_OK;
  if (n == 0 || !mdf__t_parse_u32(w, n, v))
    return mdf__t_fail(p, w, "expected a number or a %s name", s->dom ? s->dom->name : "value");
  return MDF_OK;
}

int mdf__t_hexval(char ch) {
  return isdigit((unsigned char)ch)    ? ch - '0'
         : isxdigit((unsigned char)ch) ? tolower((unsigned char)ch) - 'a' + 10
                                       : -1;
}

/* Hex bytes (blanks between bytes optional) up to the end of the line. */
mdf_err_t mdf__t_hex_bytes(parser_t *p, uint8_t *out, size_t cap, size_t *n) {
  *n = 0;
  for (mdf__t_skip_ws(p); p->q < p->le; mdf__t_skip_ws(p)) {
    int hi = mdf__t_hexval(p->q[0]), lo = p->q + 1 < p->le ? mdf__t_hexval(p->q[1]) : -1;

    if (hi < 0 || lo < 0)
      return mdf__t_fail(p, p->q, "expected hex bytes");
    if (*n == cap)
      return mdf__t_fail(p, p->q, "more than %zu bytes", cap);
    out[(*n)++] = (uint8_t)(hi << 4 | lo);
    p->q += 2;
  }
  return MDF_OK;
}

/* A quoted string: wide (\uXXXX) or narrow (\xHH) escapes, \\ and \". */
mdf_err_t mdf__t_quoted(parser_t *p, bool wide, void *out, size_t cap, size_t *n) {
  const char *open;

  mdf__t_skip_ws(p);
  open = p->q;
  *n = 0;
  if (p->q >= p->le || *p->q != '"')
    return mdf__t_fail(p, p->q, "expected NULL or a quoted string");
  for (p->q++; p->q < p->le && *p->q != '"';) {
    unsigned v = (unsigned char)*p->q, digits = 0, i;
    const char *at = p->q++;

    if (v == '\\') {
      char e = p->q < p->le ? *p->q++ : '\0';

      if (e == 'x' && !wide)
        digits = 2;
      else if (e == 'u' && wide)
        digits = 4;
      else if (e == '\\' || e == '"')
        v = (unsigned char)e;
      else
        return mdf__t_fail(p, at, "unknown escape (use \\\\, \\\" or %s)",
                           wide ? "\\uXXXX" : "\\xHH");
      for (i = 0, v = digits ? 0 : v; i < digits; i++, p->q++) {
        if (p->q >= p->le || mdf__t_hexval(*p->q) < 0)
          return mdf__t_fail(p, at, "escape needs %u hex digits", digits);
        v = v << 4 | (unsigned)mdf__t_hexval(*p->q);
      }
    } else if (v >= 0x80 || v < 0x20) {
      return mdf__t_fail(p, at, "write this character as %s", wide ? "\\uXXXX" : "\\xHH");
    }
    if (*n == cap)
      return mdf__t_fail(p, at, "string longer than %zu characters", cap);
    if (wide)
      ((uint16_t *)out)[(*n)++] = (uint16_t)v;
    else
      ((uint8_t *)out)[(*n)++] = (uint8_t)v;
  }
  if (p->q >= p->le)
    return mdf__t_fail(p, open, "unterminated string");
  p->q++;
  return MDF_OK;
}

/* "NAME =" at the start of a new line. */
mdf_err_t mdf__t_expect_key(parser_t *p, const char *name) {
  size_t n;
  const char *w;

  if (!mdf__t_next_line(p))
    return mdf__t_fail(p, NULL, "missing '%s = ...' at the end of the text", name);
  w = mdf__t_word(p, &n);
  if (!mdf__t_is_word(w, n, name))
    return mdf__t_fail(p, w, "expected '%s = ...'", name);
  mdf__t_skip_ws(p);
  if (p->q >= p->le || *p->q != '=')
    return mdf__t_fail(p, p->q, "expected '=' after %s", name);
  p->q++;
  mdf__t_skip_ws(p);
  return MDF_OK;
}

bool mdf__t_take_word(parser_t *p, const char *w) {
  const char *save = p->q;
  size_t n;
  const char *s = mdf__t_word(p, &n);

  if (mdf__t_is_word(s, n, w))
    return true;
  p->q = save;
  return false;
}
