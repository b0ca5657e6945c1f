/* Trace storage, building and the text parser (format in
 * include/mdfuzz/reader/trace.h and corpus/README.md).  The parser stops at the
 * first error and reports it with file, line and column. */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mdfuzz/reader/trace.h"

void mdf_trace_init(mdf_trace_t *t) {
  if (t)
    memset(t, 0, sizeof(*t));
}

void mdf_trace_clear(mdf_trace_t *t) {
  if (!t)
    return;
  free(t->items);
  free(t->bytes);
  mdf_trace_init(t);
}

static mdf_err_t grow(void **p, size_t *cap, size_t need, size_t elem) {
  if (need <= *cap)
    return MDF_OK;
  size_t n = *cap ? *cap : 16;
  while (n < need)
    n *= 2;
  void *q = realloc(*p, n * elem);
  if (!q)
    return MDF_ENOMEM;
  *p = q;
  *cap = n;
  return MDF_OK;
}

static mdf_err_t add_bytes(mdf_trace_t *t, const uint8_t *p, size_t n, size_t *off) {
  mdf_err_t err = grow((void **)&t->bytes, &t->bytes_cap, t->bytes_len + n + 1, 1);
  if (err)
    return err;
  *off = t->bytes_len;
  if (n)
    memcpy(t->bytes + t->bytes_len, p, n);
  t->bytes_len += n;
  return MDF_OK;
}

static mdf_err_t push_item(mdf_trace_t *t, const mdf_trace_item_t *it) {
  mdf_err_t err = grow((void **)&t->items, &t->items_cap, t->n_items + 1, sizeof(*it));
  if (err)
    return err;
  t->items[t->n_items++] = *it;
  return MDF_OK;
}

/* Labels are one line of text: keep printable characters, '#' (which would
 * start a comment) becomes '_', surrounding blanks go. */
static void copy_label(char *dst, const char *src, size_t n) {
  size_t j = 0;
  while (n && (*src == ' ' || *src == '\t'))
    src++, n--;
  for (size_t i = 0; i < n && src[i] && j + 1 < MDF_TRACE_LABEL_MAX; i++)
    if (isprint((unsigned char)src[i]))
      dst[j++] = src[i] == '#' ? '_' : src[i];
  while (j && dst[j - 1] == ' ')
    j--;
  dst[j] = '\0';
}

mdf_err_t mdf_trace_set_atr(mdf_trace_t *t, const uint8_t *atr, size_t len) {
  if (!t || (!atr && len) || len > MDF_ATR_MAX)
    return MDF_EINVAL;
  if (len)
    memcpy(t->atr, atr, len);
  t->atr_len = len;
  return MDF_OK;
}

mdf_err_t mdf_trace_add_exchange(mdf_trace_t *t, const uint8_t *cmd, size_t clen,
                                 const uint8_t *rsp, size_t rlen, const char *label,
                                 unsigned line) {
  mdf_trace_item_t it = {
      .kind = MDF_TRACE_EXCHANGE, .line = line, .cmd_len = clen, .rsp_len = rlen};
  mdf_err_t err;
  if (!t || !cmd || !rsp || clen > MDF_APDU_MAX || rlen > MDF_RAPDU_MAX)
    return MDF_EINVAL;
  if ((err = add_bytes(t, cmd, clen, &it.cmd_off)) || (err = add_bytes(t, rsp, rlen, &it.rsp_off)))
    return err;
  if (label)
    copy_label(it.label, label, strlen(label));
  return push_item(t, &it);
}

mdf_err_t mdf_trace_add_event(mdf_trace_t *t, mdf_trace_kind_t kind, const uint8_t *atr,
                              size_t atr_len, unsigned line) {
  mdf_trace_item_t it = {.kind = kind, .line = line};
  if (!t || (kind != MDF_TRACE_RESET && kind != MDF_TRACE_REMOVED) || (!atr && atr_len) ||
      atr_len > MDF_ATR_MAX || (kind == MDF_TRACE_REMOVED && atr_len))
    return MDF_EINVAL;
  it.atr_len = atr_len;
  mdf_err_t err = add_bytes(t, atr, atr_len, &it.atr_off);
  return err ? err : push_item(t, &it);
}

/* ---- parser ---- */

typedef struct parser {
  const char *file;
  mdf_trace_t *t;
  mdf_diag_t *diag;
  const char *line_start;
  unsigned line;
  bool header, have_atr, atr_after_reset_ok;
  bool pending; /* a command waits for its response */
  unsigned cmd_line;
  size_t cmd_off, cmd_len;
  bool have_label;
  char label[MDF_TRACE_LABEL_MAX];
} parser_t;

static mdf_err_t perr(parser_t *p, mdf_err_t err, const char *at, const char *fmt,
                      const char *arg) {
  unsigned col = at ? (unsigned)(at - p->line_start) + 1 : 0;
  return mdf_diag_set(p->diag, err, p->file, p->line, col, fmt, arg);
}

static bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

/* Hex bytes in [s, end) appended to the pool; groups of digits separated by
 * blanks, each group an even number of digits. */
static mdf_err_t parse_hex(parser_t *p, const char *s, const char *end, size_t *off, size_t *len) {
  mdf_trace_t *t = p->t;
  mdf_err_t err =
      grow((void **)&t->bytes, &t->bytes_cap, t->bytes_len + (size_t)(end - s) / 2 + 1, 1);
  if (err)
    return perr(p, err, s, "%s", "out of memory");
  *off = t->bytes_len;
  while (s < end) {
    while (s < end && is_blank(*s))
      s++;
    const char *group = s;
    while (s < end && !is_blank(*s)) {
      if (!isxdigit((unsigned char)*s)) {
        char what[8];
        snprintf(what, sizeof(what), isprint((unsigned char)*s) ? "'%c'" : "\\x%02X",
                 (unsigned char)*s);
        return perr(p, MDF_EPARSE, s, "non-hex character %s", what);
      }
      s++;
    }
    if ((s - group) % 2)
      return perr(p, MDF_EPARSE, group, "%s", "odd number of hex digits");
    for (const char *q = group; q < s; q += 2) {
      char pair[3] = {q[0], q[1], 0};
      t->bytes[t->bytes_len++] = (uint8_t)strtoul(pair, NULL, 16);
    }
  }
  *len = t->bytes_len - *off;
  return MDF_OK;
}

/* One directive line: [s, end) without comment and trailing blanks. */
static mdf_err_t parse_line(parser_t *p, const char *s, const char *end) {
  const char *word = s;
  size_t off, len;
  mdf_err_t err;
  if (*s == '>' || *s == '<')
    s++;
  else
    while (s < end && !is_blank(*s))
      s++;
  size_t wlen = (size_t)(s - word);
  const char *args = s;
  while (args < end && is_blank(*args))
    args++;
#define IS(w) (wlen == sizeof(w) - 1 && !memcmp(word, w, wlen))

  if (!p->header) {
    if (!IS("mdfuzz-trace"))
      return perr(p, MDF_EPARSE, word, "%s",
                  "missing header: the first line must be 'mdfuzz-trace 1'");
    if ((size_t)(end - args) != 1 || *args != '0' + MDF_TRACE_VERSION)
      return perr(p, MDF_EPARSE, args, "%s", "unsupported trace version (expected 1)");
    p->header = true;
    return MDF_OK;
  }
  if (p->pending && !IS("<"))
    return mdf_diag_set(p->diag, MDF_EPARSE, p->file, p->line, 1,
                        "command without response: line %u has no '<' line after it", p->cmd_line);
  if (IS("mdfuzz-trace"))
    return perr(p, MDF_EPARSE, word, "%s", "duplicated header");
  if (IS("atr")) {
    if (p->have_atr && !p->atr_after_reset_ok)
      return perr(p, MDF_EPARSE, word, "%s",
                  "duplicated atr (only one, or one right after 'reset')");
    if ((err = parse_hex(p, args, end, &off, &len)))
      return err;
    if (len < 2 || len > MDF_ATR_MAX)
      return perr(p, MDF_EPARSE, args, "%s", "ATR must be 2..33 bytes");
    if (p->have_atr) { /* the new ATR of the reset just before */
      p->t->items[p->t->n_items - 1].atr_off = off;
      p->t->items[p->t->n_items - 1].atr_len = len;
    } else {
      mdf_trace_set_atr(p->t, p->t->bytes + off, len);
    }
    p->have_atr = true;
    p->atr_after_reset_ok = false;
    return MDF_OK;
  }
  p->atr_after_reset_ok = false;
  if (IS("label")) {
    if (p->have_label)
      return perr(p, MDF_EPARSE, word, "%s", "two labels for one exchange");
    if (args == end)
      return perr(p, MDF_EPARSE, args, "%s", "empty label");
    if ((size_t)(end - args) >= MDF_TRACE_LABEL_MAX)
      return perr(p, MDF_EPARSE, args + MDF_TRACE_LABEL_MAX - 1, "%s",
                  "label longer than 63 characters");
    copy_label(p->label, args, (size_t)(end - args));
    p->have_label = true;
    return MDF_OK;
  }
  if (!IS(">") && !IS("<") && !IS("reset") && !IS("removed")) {
    char name[24];
    snprintf(name, sizeof(name), "%.*s", (int)(wlen < 20 ? wlen : 20), word);
    return perr(p, MDF_EPARSE, word, "unknown directive '%s'", name);
  }
  if (!p->have_atr)
    return perr(p, MDF_EPARSE, word, "%s", "missing atr before the first exchange or event");
  if (IS("reset") || IS("removed")) {
    if (args != end)
      return perr(p, MDF_EPARSE, args, "%s", "unexpected text after the event");
    err = mdf_trace_add_event(p->t, IS("reset") ? MDF_TRACE_RESET : MDF_TRACE_REMOVED, NULL, 0,
                              p->line);
    if (err)
      return perr(p, err, word, "%s", "out of memory");
    p->atr_after_reset_ok = IS("reset");
    return MDF_OK;
  }
  if (IS(">")) {
    if ((err = parse_hex(p, args, end, &off, &len)))
      return err;
    if (len < 4 || len > MDF_APDU_MAX)
      return perr(p, MDF_EPARSE, args, "%s", "command must be 4..65544 bytes");
    p->pending = true;
    p->cmd_line = p->line;
    p->cmd_off = off;
    p->cmd_len = len;
    return MDF_OK;
  }
  /* "<" */
  if (!p->pending)
    return perr(p, MDF_EPARSE, word, "%s", "response without command");
  if ((err = parse_hex(p, args, end, &off, &len)))
    return err;
  if (len < 2)
    return perr(p, MDF_EPARSE, args, "%s", "response shorter than 2 bytes (no SW1 SW2)");
  if (len > MDF_RAPDU_MAX)
    return perr(p, MDF_EPARSE, args, "%s", "response longer than 65538 bytes");
  mdf_trace_item_t it = {.kind = MDF_TRACE_EXCHANGE,
                         .line = p->cmd_line,
                         .cmd_off = p->cmd_off,
                         .cmd_len = p->cmd_len,
                         .rsp_off = off,
                         .rsp_len = len};
  if (p->have_label)
    memcpy(it.label, p->label, sizeof(it.label));
  if ((err = push_item(p->t, &it)))
    return perr(p, err, word, "%s", "out of memory");
  p->pending = p->have_label = false;
  return MDF_OK;
#undef IS
}

static mdf_err_t parse_all(parser_t *p, const char *text, size_t len) {
  const char *s = text, *text_end = text + len;
  mdf_err_t err;
  for (p->line = 1; s < text_end; p->line++) {
    const char *nl = memchr(s, '\n', (size_t)(text_end - s));
    const char *eol = nl ? nl : text_end, *nul = memchr(s, '\0', (size_t)(eol - s));
    p->line_start = s;
    if ((size_t)(eol - s) > MDF_TRACE_LINE_MAX)
      return perr(p, MDF_EPARSE, s + MDF_TRACE_LINE_MAX, "%s", "line too long");
    if (nul)
      return perr(p, MDF_EPARSE, nul, "%s", "NUL byte in trace");
    const char *hash = memchr(s, '#', (size_t)(eol - s)), *end = hash ? hash : eol;
    while (end > s && isspace((unsigned char)end[-1]))
      end--;
    while (s < end && is_blank(*s))
      s++;
    if (s < end && (err = parse_line(p, s, end)))
      return err;
    s = nl ? nl + 1 : text_end;
  }
  /* End-of-file errors point at the last line. */
  p->line = p->line > 1 ? p->line - 1 : 1;
  p->line_start = NULL;
  if (!p->header)
    return perr(p, MDF_EPARSE, NULL, "%s",
                "missing header: the first line must be 'mdfuzz-trace 1'");
  if (p->pending)
    return mdf_diag_set(p->diag, MDF_ETRUNC, p->file, p->cmd_line, 1,
                        "truncated file: the command has no response");
  if (!p->have_atr)
    return perr(p, MDF_EPARSE, NULL, "%s", "missing atr");
  if (p->have_label)
    return perr(p, MDF_EPARSE, NULL, "%s", "label without an exchange after it");
  return MDF_OK;
}

mdf_err_t mdf_trace_parse(const char *text, size_t len, const char *filename, mdf_trace_t *trace,
                          mdf_diag_t *diag) {
  if (!trace)
    return MDF_EINVAL;
  mdf_trace_init(trace);
  if (!text && len)
    return MDF_EINVAL;
  parser_t p = {.file = filename ? filename : "", .t = trace, .diag = diag};
  snprintf(trace->file, sizeof(trace->file), "%s", p.file);
  mdf_err_t err = parse_all(&p, text ? text : "", len);
  if (err)
    mdf_trace_clear(trace);
  return err;
}

mdf_err_t mdf_trace_load(const char *path, mdf_trace_t *trace, mdf_diag_t *diag) {
  mdf_err_t err = MDF_EIO;
  char *buf = NULL;
  size_t len = 0, cap = 0;
  if (!path || !trace)
    return MDF_EINVAL;
  mdf_trace_init(trace);
  FILE *f = fopen(path, "rb");
  if (!f)
    return mdf_diag_set(diag, MDF_EIO, path, 0, 0, "cannot open: %s", strerror(errno));
  for (;;) {
    if (len == cap && grow((void **)&buf, &cap, cap + 4096, 1)) {
      err = mdf_diag_set(diag, MDF_ENOMEM, path, 0, 0, "out of memory");
      goto out;
    }
    size_t got = fread(buf + len, 1, cap - len, f);
    len += got;
    if (got == 0)
      break;
  }
  if (ferror(f)) {
    err = mdf_diag_set(diag, MDF_EIO, path, 0, 0, "read error");
    goto out;
  }
  err = mdf_trace_parse(buf, len, path, trace, diag);
out:
  free(buf);
  fclose(f);
  return err;
}
