/* Parsers for what fuzz targets print: libFuzzer status and stat:: lines,
 * `mdfuzz:` finding lines, sanitizer headlines, stack frames, artifact paths.
 * Formats: docs in /work/shared/reference/fuzzing-toolchain-facts.md and
 * the samples in tests/data/cli/. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "mdfuzz/common/finding_ids.h"
#include "mdfuzz/triage/triage.h"

static void copy_str(char *dst, size_t cap, const char *src, size_t n) {
  if (n >= cap)
    n = cap - 1;
  memcpy(dst, src, n);
  dst[n] = '\0';
}

static const char *skip_ws(const char *s) {
  while (*s == ' ' || *s == '\t')
    s++;
  return s;
}

static size_t rtrim_len(const char *s, size_t n) {
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
    n--;
  return n;
}

/* Unsigned decimal with an optional size suffix (b, Kb, Mb, Gb as libFuzzer prints). */
static uint64_t parse_num(const char *s, const char **end) {
  char *e;
  unsigned long long v = strtoull(s, &e, 10);
  if (e == s) {
    *end = s;
    return 0;
  }
  if (e[0] == 'K' && e[1] == 'b') {
    v *= 1024u;
    e += 2;
  } else if (e[0] == 'M' && e[1] == 'b') {
    v *= 1024u * 1024u;
    e += 2;
  } else if (e[0] == 'G' && e[1] == 'b') {
    v *= 1024ull * 1024u * 1024u;
    e += 2;
  } else if (e[0] == 'b')
    e++;
  *end = e;
  return v;
}

static int is_frame(const char *line) {
  const char *s = skip_ws(line);
  if (s[0] != '#' || !isdigit((unsigned char)s[1]))
    return 0;
  s++;
  while (isdigit((unsigned char)*s))
    s++;
  return s[0] == ' ' && s[1] == '0' && s[2] == 'x';
}

static int is_status(const char *line) {
  const char *s = line;
  if (s[0] != '#' || !isdigit((unsigned char)s[1]))
    return 0;
  s++;
  while (isdigit((unsigned char)*s))
    s++;
  return (*s == '\t' || *s == ':') && strstr(s, "cov:") != NULL;
}

static const char *sanitizer_error(const char *line) {
  /* "==PID==ERROR: " or "==PID== ERROR: " (libFuzzer puts a space). */
  if (line[0] != '=' || line[1] != '=')
    return NULL;
  const char *p = strstr(line, "ERROR: ");
  if (!p || p - line > 24)
    return NULL;
  return p + 7;
}

mdf_triage_line_kind_t mdf_triage_line_kind(const char *line) {
  if (!line)
    return MDF_TRIAGE_LINE_OTHER;
  if (strncmp(line, "mdfuzz: context: ", 17) == 0)
    return MDF_TRIAGE_LINE_CONTEXT;
  if (strncmp(line, "mdfuzz: ", 8) == 0) {
    const char *id = line + 8, *colon = strstr(id, ": ");
    if (colon && colon > id && !memchr(id, ' ', (size_t)(colon - id)))
      return MDF_TRIAGE_LINE_FINDING;
    return MDF_TRIAGE_LINE_OTHER;
  }
  if (strncmp(line, "stat::", 6) == 0 || is_status(line))
    return strncmp(line, "stat::", 6) == 0 ? MDF_TRIAGE_LINE_STAT : MDF_TRIAGE_LINE_STATUS;
  if (sanitizer_error(line) || strstr(line, ": runtime error: "))
    return MDF_TRIAGE_LINE_SANITIZER;
  if (is_frame(line))
    return MDF_TRIAGE_LINE_FRAME;
  if (strstr(line, "Test unit written to "))
    return MDF_TRIAGE_LINE_ARTIFACT;
  return MDF_TRIAGE_LINE_OTHER;
}

static void status_key(mdf_triage_status_t *st, const char *key, size_t klen, const char *val) {
  const char *end;
  uint64_t v = parse_num(val, &end);
#define KEY(k) (klen == sizeof(k) - 1 && memcmp(key, k, klen) == 0)
  if (KEY("cov"))
    st->cov = (uint32_t)v;
  else if (KEY("ft"))
    st->ft = (uint32_t)v;
  else if (KEY("exec/s"))
    st->exec_per_sec = v;
  else if (KEY("rss"))
    st->rss_mb = (uint32_t)(v / (1024u * 1024u));
  else if (KEY("corp")) {
    st->corp_units = (uint32_t)v;
    if (*end == '/')
      st->corp_bytes = parse_num(end + 1, &end);
  } else if (KEY("oom/timeout/crash")) {
    /* Fork mode: "0/0/71". */
    const char *p = val;
    for (int i = 0; i < 2 && p; i++) {
      p = strchr(p, '/');
      if (p)
        p++;
    }
    if (p)
      st->crashes = (uint32_t)strtoul(p, NULL, 10);
  }
#undef KEY
}

static mdf_err_t parse_stat(const char *line, mdf_triage_status_t *st) {
  const char *k = line + 6, *colon = strchr(k, ':');
  if (!colon)
    return MDF_EPARSE;
  unsigned long long v = strtoull(skip_ws(colon + 1), NULL, 10);
  if (strncmp(k, "number_of_executed_units:", 25) == 0)
    st->execs = v;
  else if (strncmp(k, "average_exec_per_sec:", 21) == 0)
    st->exec_per_sec = v;
  else if (strncmp(k, "peak_rss_mb:", 12) == 0)
    st->rss_mb = (uint32_t)v;
  else
    return MDF_EPARSE;
  st->seen = 1;
  return MDF_OK;
}

mdf_err_t mdf_triage_parse_status(const char *line, mdf_triage_status_t *st) {
  if (!line || !st)
    return MDF_EINVAL;
  if (strncmp(line, "stat::", 6) == 0)
    return parse_stat(line, st);
  if (!is_status(line))
    return MDF_EPARSE;
  st->execs = strtoull(line + 1, NULL, 10);
  st->seen = 1;
  /* The rest is "key: value" pairs; fork mode also writes "exec/s 0" without a colon. */
  const char *p = line + 1;
  while (*p) {
    p = skip_ws(p);
    const char *w = p;
    while (*p && *p != ' ' && *p != '\t')
      p++;
    size_t wlen = (size_t)(p - w);
    if (wlen >= 2 && w[wlen - 1] == ':') {
      status_key(st, w, wlen - 1, skip_ws(p));
    } else if (wlen == 6 && memcmp(w, "exec/s", 6) == 0) {
      status_key(st, w, wlen, skip_ws(p));
    }
  }
  return MDF_OK;
}

mdf_err_t mdf_triage_parse_frame(const char *line, mdf_triage_frame_t *fr) {
  if (!line || !fr)
    return MDF_EINVAL;
  memset(fr, 0, sizeof *fr);
  if (!is_frame(line))
    return MDF_EPARSE;
  const char *s = skip_ws(line) + 1;
  fr->index = (unsigned)strtoul(s, NULL, 10);
  const char *in = strstr(s, " in ");
  if (!in)
    return MDF_OK; /* "#3 0x7f.. (/lib/libc.so.6+0x271ca)": no function, no source */
  const char *body = in + 4;
  size_t n = rtrim_len(body, strlen(body));
  /* Drop a trailing "(BuildId: ...)". */
  if (n > 0 && body[n - 1] == ')') {
    const char *b = body + n;
    while (b > body && *b != '(')
      b--;
    if (strncmp(b, "(BuildId:", 9) == 0)
      n = rtrim_len(body, (size_t)(b - body));
  }
  /* The location is the last word unless it is "(module+0xoff)". */
  const char *last = body + n;
  while (last > body && last[-1] != ' ')
    last--;
  if (last == body || *last == '(') {
    /* Function only (the module part, if any, is dropped). */
    size_t fn = (*last == '(' && last > body) ? rtrim_len(body, (size_t)(last - body)) : n;
    copy_str(fr->func, sizeof fr->func, body, fn);
    return MDF_OK;
  }
  copy_str(fr->func, sizeof fr->func, body, rtrim_len(body, (size_t)(last - body)));
  /* FILE:LINE[:COL] parsed from the right, as paths may contain ':' rarely. */
  size_t ln = (size_t)(body + n - last);
  const char *c2 = NULL, *c1 = NULL;
  for (size_t i = ln; i > 0; i--) {
    if (last[i - 1] == ':') {
      if (!c2)
        c2 = last + i - 1;
      else {
        c1 = last + i - 1;
        break;
      }
    } else if (!isdigit((unsigned char)last[i - 1])) {
      break;
    }
  }
  if (c1 && c2) { /* file:line:col */
    copy_str(fr->file, sizeof fr->file, last, (size_t)(c1 - last));
    fr->line = (unsigned)strtoul(c1 + 1, NULL, 10);
    fr->col = (unsigned)strtoul(c2 + 1, NULL, 10);
  } else if (c2 && c2 + 1 < body + n) { /* file:line */
    copy_str(fr->file, sizeof fr->file, last, (size_t)(c2 - last));
    fr->line = (unsigned)strtoul(c2 + 1, NULL, 10);
  } else {
    copy_str(fr->file, sizeof fr->file, last, ln);
  }
  return MDF_OK;
}

int mdf_triage_frame_is_runtime(const mdf_triage_frame_t *fr) {
  static const char *const func_prefix[] = {
      "__asan",       "__interceptor_", "__sanitizer", "__ubsan",      "__lsan",
      "__msan",       "fuzzer::",       "__libc_",     "__GI_",        "mdf_finding",
      "mdf__finding", "__interception", "abort",       "raise",        "malloc",
      "calloc",       "realloc",        "free",        "operator new", "operator delete"};
  static const char *const file_part[] = {"libsanitizer/",    "compiler-rt/",
                                          "/libfuzzer/",      "FuzzerLoop.cpp",
                                          "FuzzerDriver.cpp", "standalone_main.c"};
  if (!fr || !fr->func[0] || !fr->file[0] || fr->line == 0)
    return 1;
  for (size_t i = 0; i < sizeof func_prefix / sizeof *func_prefix; i++) {
    size_t n = strlen(func_prefix[i]);
    if (strncmp(fr->func, func_prefix[i], n) == 0 &&
        (fr->func[n] == '\0' || func_prefix[i][n - 1] == '_' || func_prefix[i][n - 1] == ':' ||
         fr->func[n] == '_'))
      return 1;
  }
  for (size_t i = 0; i < sizeof file_part / sizeof *file_part; i++)
    if (strstr(fr->file, file_part[i]))
      return 1;
  return 0;
}

/* "==1==ERROR: AddressSanitizer: heap-buffer-overflow on ..." -> class. */
static void sanitizer_class(const char *rest, mdf_triage_finding_t *f) {
  const char *colon = strstr(rest, ": ");
  const char *cls = colon ? colon + 2 : rest;
  if (colon)
    copy_str(f->sanitizer, sizeof f->sanitizer, rest, (size_t)(colon - rest));
  static const struct {
    const char *prefix;
    mdf_finding_class_t cls;
  } map[] = {
      {"detected memory leaks", MDF_FC_LEAK},
      {"deadly signal", MDF_FC_CRASH},
      {"timeout", MDF_FC_HANG},
      {"out-of-memory", MDF_FC_OOM},
      {"attempting double-free", MDF_FC_DOUBLE_FREE},
      {"attempting free on address which was not malloc", MDF_FC_BAD_FREE},
      {"fuzz target exited", MDF_FC_EXIT},
      {"malloc limit", MDF_FC_OOM},
  };
  for (size_t i = 0; i < sizeof map / sizeof *map; i++) {
    if (strncmp(cls, map[i].prefix, strlen(map[i].prefix)) == 0) {
      const char *id = mdf_finding_classes[map[i].cls].id;

      copy_str(f->san_class, sizeof f->san_class, id, strlen(id));
      return;
    }
  }
  size_t n = strcspn(cls, " \t\r\n");
  copy_str(f->san_class, sizeof f->san_class, cls, n);
}

static void feed_sanitizer(mdf_triage_finding_t *f, const char *line) {
  if (f->san_class[0])
    return; /* keep the first headline: later ones are follow-ups (e.g. leak at exit) */
  const char *rest = sanitizer_error(line);
  if (rest) {
    sanitizer_class(rest, f);
  } else {
    /* UBSan: "src/x.c:38:18: runtime error: signed integer overflow: ..." */
    const char *re = strstr(line, ": runtime error: ");
    copy_str(f->sanitizer, sizeof f->sanitizer, "UndefinedBehaviorSanitizer", 26);
    copy_str(f->san_class, sizeof f->san_class, "undefined-behavior", 18);
    /* The location doubles as the top frame when no stack is printed. */
    if (f->nframes == 0) {
      char loc[300];
      copy_str(loc, sizeof loc, line, (size_t)(re - line));
      char fake[400];
      snprintf(fake, sizeof fake, "#0 0x0 in ? %s", loc);
      mdf_triage_frame_t fr;
      if (mdf_triage_parse_frame(fake, &fr) == MDF_OK && fr.file[0]) {
        copy_str(fr.func, sizeof fr.func, "?", 1);
        f->frames[f->nframes++] = fr;
      }
    }
  }
  if (!f->what[0]) {
    const char *w = rest ? rest : line;
    copy_str(f->what, sizeof f->what, w, rtrim_len(w, strlen(w)));
  }
  f->found = 1;
}

static void feed_context(mdf_triage_finding_t *f, const char *line) {
  const char *p = line + 17;
  while (*p) {
    p = skip_ws(p);
    const char *eq = strchr(p, '=');
    if (!eq)
      break;
    const char *v = eq + 1;
    /* fault= is last and may contain spaces; other values are single words. */
    size_t vlen = strncmp(p, "fault=", 6) == 0 ? rtrim_len(v, strlen(v)) : strcspn(v, " \t\r\n");
    if (strncmp(p, "export=", 7) == 0) {
      if (!(vlen == 1 && v[0] == '-'))
        copy_str(f->export_name, sizeof f->export_name, v, vlen);
    } else if (strncmp(p, "apdus=", 6) == 0) {
      f->apdus = (unsigned)strtoul(v, NULL, 10);
    } else if (strncmp(p, "fault=", 6) == 0) {
      if (!(vlen == 4 && memcmp(v, "none", 4) == 0))
        copy_str(f->fault, sizeof f->fault, v, vlen);
    }
    p = v + vlen;
  }
}

void mdf_triage_finding_feed(mdf_triage_finding_t *f, const char *line) {
  if (!f || !line)
    return;
  mdf_triage_frame_t fr;
  switch (mdf_triage_line_kind(line)) {
  case MDF_TRIAGE_LINE_FINDING:
    if (!f->id[0]) {
      const char *id = line + 8, *colon = strstr(id, ": ");
      copy_str(f->id, sizeof f->id, id, (size_t)(colon - id));
      copy_str(f->what, sizeof f->what, colon + 2, rtrim_len(colon + 2, strlen(colon + 2)));
    }
    f->found = 1;
    break;
  case MDF_TRIAGE_LINE_CONTEXT:
    feed_context(f, line);
    break;
  case MDF_TRIAGE_LINE_SANITIZER:
    feed_sanitizer(f, line);
    break;
  case MDF_TRIAGE_LINE_FRAME:
    /* Only the first stack after the report starts; a later "#0" starts
     * another stack (allocation site, libFuzzer's own trace) and ends it. */
    if (!f->found || mdf_triage_parse_frame(line, &fr) != MDF_OK)
      break;
    if (fr.index == 0 && f->in_stack)
      f->stack_done = 1;
    if (!f->in_stack && f->nframes == 1 && strcmp(f->frames[0].func, "?") == 0)
      f->nframes = 0; /* a real stack replaces the UBSan location */
    f->in_stack = 1;
    if (f->stack_done || mdf_triage_frame_is_runtime(&fr) || f->nframes >= MDF_TRIAGE_MAX_FRAMES)
      break;
    f->frames[f->nframes++] = fr;
    break;
  case MDF_TRIAGE_LINE_ARTIFACT: {
    const char *p = strstr(line, "Test unit written to ") + 21;
    if (!f->artifact[0])
      copy_str(f->artifact, sizeof f->artifact, p, rtrim_len(p, strlen(p)));
    break;
  }
  default:
    break;
  }
}

void mdf_triage_finding_end(mdf_triage_finding_t *f) {
  if (!f)
    return;
  if (!f->id[0] && f->san_class[0])
    copy_str(f->id, sizeof f->id, f->san_class, strlen(f->san_class));
}

void mdf_triage_parse_text(const char *text, mdf_triage_finding_t *f, mdf_triage_status_t *st) {
  if (!text || !f)
    return;
  memset(f, 0, sizeof *f);
  char line[2048];
  while (*text) {
    size_t n = strcspn(text, "\n");
    copy_str(line, sizeof line, text, rtrim_len(text, n));
    mdf_triage_finding_feed(f, line);
    if (st)
      (void)mdf_triage_parse_status(line, st);
    text += n + (text[n] == '\n');
  }
  mdf_triage_finding_end(f);
}
