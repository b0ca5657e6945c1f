/* Seed generator: writes corpus/<Export>/ for every export of the table
 * (fuzzers/exports/exports.list; Sequence and HostileCard have their own
 * generator) and the per-export dictionaries, through the decoder's
 * encoder, so the seeds stay valid when the input format grows.
 *   mdf-gen-seeds CORPUS_DIR [EXPORT...]   seeds: CORPUS_DIR/<Export>/<name>
 *   mdf-gen-seeds --dict FUZZERS_DIR       dictionaries: FUZZERS_DIR/<Export>.dict
 * Every seed is an edit of the export's honest case:
 *   honest-*        sessions an honest caller makes (gen_seeds_honest.c),
 *                   the start of fuzz-finds tests and bench/time-to-find;
 *   <arg>-<edge>    one argument (or struct member) of the honest case at
 *                   an edge of its kind (NULL, 8/9-char and forbidden names,
 *                   unknown flag bits, dwVersion 0 and current+1, lengths
 *                   0/-1/+1/huge, ...), generated from the row's specs;
 *   session edges   CARD_DATA version, allocator faults, cache and CSP
 *                   callback modes, card answers (SW 6A82/6982/61xx/6Cxx,
 *                   truncated, removed, reset), a short ATR. */
#include "gen_seeds.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

mdf_case_t mdf__gen_case;
static const char *g_corpus;
static const mdf_export_t *g_ex;
static unsigned g_written;

mdf_case_t *mdf__gen_begin(const mdf_export_t *ex) {
  g_ex = ex;
  mdf_case_init(&mdf__gen_case, ex);
  return &mdf__gen_case;
}

int mdf__gen_write(const char *name) {
  static uint8_t buf[1 << 16];
  char path[1024], clean[128];
  size_t len, i;
  FILE *f;
  mdf_err_t err = mdf_encode(&mdf__gen_case, buf, sizeof(buf), &len);

  if (err != MDF_OK) {
    fprintf(stderr, "gen-seeds: %s/%s: %s\n", g_ex->name, name, mdf_strerror(err));
    return 1;
  }
  /* file names: letters, digits, '-', '_', '.' */
  for (i = 0; name[i] != '\0' && i + 1 < sizeof(clean); i++)
    clean[i] = isalnum((unsigned char)name[i]) || strchr("-_.", name[i]) ? name[i] : '_';
  clean[i] = '\0';
  snprintf(path, sizeof(path), "%s/%s", g_corpus, g_ex->name);
  if (mkdir(path, 0777) != 0 && errno != EEXIST) {
    perror(path);
    return 1;
  }
  snprintf(path, sizeof(path), "%s/%s/%s", g_corpus, g_ex->name, clean);
  f = fopen(path, "wb");
  if (f == NULL || fwrite(buf, 1, len, f) != len) {
    perror(path);
    if (f)
      fclose(f);
    return 1;
  }
  fclose(f);
  g_written++;
  return 0;
}

void mdf__gen_card_ok(mdf_case_t *c, unsigned n) {
  static uint8_t s[3 * 64];
  unsigned i;

  for (i = 0; i < n && i < 64; i++) {
    s[3 * i] = MDF_FZ_SW;
    s[3 * i + 1] = 0x90;
    s[3 * i + 2] = 0x00;
  }
  mdf_case_set_script(c, s, 3 * (size_t)i);
}

/* ---- session edges ---------------------------------------------------------- */

static const uint8_t sc_6a82[] = {MDF_FZ_SW, 0x6A, 0x82};
static const uint8_t sc_6982[] = {MDF_FZ_PASS, MDF_FZ_SW, 0x69, 0x82};
static const uint8_t sc_61xx[] = {MDF_FZ_PASS, MDF_FZ_PASS, MDF_FZ_SW, 0x61, 0x10};
static const uint8_t sc_6cxx[] = {MDF_FZ_PASS, MDF_FZ_PASS, MDF_FZ_SW, 0x6C, 0x04};
static const uint8_t sc_trunc[] = {MDF_FZ_PASS, MDF_FZ_PASS, MDF_FZ_TRUNCATE, 1};
static const uint8_t sc_extend[] = {MDF_FZ_PASS, MDF_FZ_PASS, MDF_FZ_EXTEND, 4,
                                    0x62,        0x02,        0x80,          0x00};
static const uint8_t sc_removed[] = {MDF_FZ_PASS, MDF_FZ_REMOVED};
static const uint8_t sc_reset[] = {MDF_FZ_PASS, MDF_FZ_RESET};

static const struct session_edge {
  const char *name;
  uint8_t what; /* S_* below */
  uint32_t value;
  const uint8_t *script;
  size_t script_len;
} session_edges[] = {
#define SC(s) 0, s, sizeof(s)
    {"version-0", 0, 0, NULL, 0},
    {"version-4", 0, 4, NULL, 0},
    {"version-6", 0, 6, NULL, 0},
    {"version-8", 0, 8, NULL, 0},
    {"alloc-fail-1", 1, 1, NULL, 0},
    {"alloc-fail-2", 1, 2, NULL, 0},
    {"realloc-fail-1", 2, 1, NULL, 0},
    {"cache-miss", 3, MDF_CACHE_MISS, NULL, 0},
    {"cache-stale", 3, MDF_CACHE_STALE, NULL, 0},
    {"cache-truncated", 3, MDF_CACHE_TRUNCATED, NULL, 0},
    {"cache-other", 3, MDF_CACHE_OTHER, NULL, 0},
    {"cache-fail", 3, MDF_CACHE_FAIL, NULL, 0},
    {"pad-fail", 4, MDF_CSP_FAIL, NULL, 0},
    {"unpad-short", 5, MDF_CSP_SHORT, NULL, 0},
    {"dh-long", 6, MDF_CSP_LONG, NULL, 0},
    {"atr-short", 7, 0, NULL, 0},
    {"card-sw-6a82", 8, SC(sc_6a82)},
    {"card-sw-6982", 8, SC(sc_6982)},
    {"card-sw-61xx", 8, SC(sc_61xx)},
    {"card-sw-6cxx", 8, SC(sc_6cxx)},
    {"card-truncate", 8, SC(sc_trunc)},
    {"card-extend", 8, SC(sc_extend)},
    {"card-removed", 8, SC(sc_removed)},
    {"card-reset", 8, SC(sc_reset)},
#undef SC
};

static int session_seeds(const mdf_export_t *ex) {
  size_t i;
  int bad = 0;

  for (i = 0; i < sizeof(session_edges) / sizeof(session_edges[0]); i++) {
    const struct session_edge *e = &session_edges[i];
    mdf_case_t *c = mdf__gen_begin(ex);

    mdf__gen_honest_base(ex);
    switch (e->what) {
    case 0:
      c->version = e->value;
      break;
    case 1:
      c->alloc_fail_at = e->value;
      break;
    case 2:
      c->realloc_fail_at = e->value;
      break;
    case 3:
      c->cache_mode = (uint8_t)e->value;
      break;
    case 4:
      c->pad_mode = (uint8_t)e->value;
      break;
    case 5:
      c->unpad_mode = (uint8_t)e->value;
      break;
    case 6:
      c->dh_mode = (uint8_t)e->value;
      break;
    case 7:
      c->atr_len = 2, c->atr[0] = 0x3B, c->atr[1] = 0x00;
      break;
    default:
      mdf_case_set_script(c, e->script, e->script_len);
      break;
    }
    bad |= mdf__gen_write(e->name);
  }
  return bad;
}

/* ---- argument edges, by kind -------------------------------------------------- */

/* The value a seed edits: top-level argument k, or member m of it (m < 0: none). */
static mdf_arg_t *locate(int k, int m) {
  mdf_arg_t *a = &mdf__gen_case.calls[0].args[k];

  if (m < 0)
    return a;
  return a->sub != NULL && m < a->nsub ? (mdf_arg_t *)(uintptr_t)&a->sub[m] : NULL;
}

static const char *const name_edges[][2] = {
    {"empty", ""},
    {"eight-char", "abcdefgh"},
    {"nine-char", "abcdefghi"},
    {"forbidden", "a*b"},
    {"slash", "a/b"},
    {"ctrl-char", "a\x01"
                  "b"},
    {"non-ansi", "\xe9t\xe9"},
    {"long", "abcdefghijabcdefghijabcdefghijabcdefghij"},
};

/* One edge seed: re-made from the honest case each time (pointers into the
 * case move when it is re-initialised). */
#define EDGE(suffix, edit)                                                                         \
  do {                                                                                             \
    mdf_case_t *c = mdf__gen_begin(ex);                                                            \
    mdf_arg_t *a;                                                                                  \
    mdf__gen_honest_base(ex);                                                                      \
    if ((a = locate(k, m)) != NULL) {                                                              \
      (void)c;                                                                                     \
      edit;                                                                                        \
      snprintf(name, sizeof(name), "%s-%s", prefix, suffix);                                       \
      bad |= mdf__gen_write(name);                                                                 \
    }                                                                                              \
  } while (0)

static int arg_edges(const mdf_export_t *ex, const mdf_arg_spec_t *s, int k, int m,
                     const char *prefix) {
  static const uint8_t zeros[300];
  const mdf_domain_t *d = s->dom;
  char name[160], sfx[96];
  size_t i;
  int bad = 0;

  switch (s->kind) {
  case MDF_ARG_CARD_DATA:
  case MDF_ARG_OUT_PTR:
    EDGE("null", a->is_null = true);
    break;
  case MDF_ARG_DIR_NAME:
  case MDF_ARG_FILE_NAME:
    EDGE("null", mdf_case_set_str(c, a, NULL));
    for (i = 0; i < sizeof(name_edges) / sizeof(name_edges[0]); i++)
      EDGE(name_edges[i][0], mdf_case_set_str(c, a, name_edges[i][1]));
    break;
  case MDF_ARG_FLAGS:
    EDGE("unknown-bit", a->u32 = 0x80000000u);
    EDGE("all-bits", a->u32 = 0xFFFFFFFFu);
    for (i = 0; d != NULL && i < d->nvalues; i++)
      if (d->values[i].value != 0)
        EDGE(d->values[i].name, a->u32 = d->values[i].value);
    break;
  case MDF_ARG_DWORD:
  case MDF_ARG_BYTE:
  case MDF_ARG_OUT_VAL:
    for (i = 1; d != NULL && i < d->nvalues; i++)
      EDGE(d->values[i].name, a->u32 = d->values[i].value);
    EDGE("max", a->u32 = s->kind == MDF_ARG_BYTE ? 0xFFu : 0xFFFFFFFFu);
    break;
  case MDF_ARG_WSTR:
    EDGE("null", mdf_case_set_wstr(c, a, NULL));
    EDGE("empty", mdf_case_set_wstr(c, a, ""));
    EDGE("unknown", mdf_case_set_wstr(c, a, "Unknown Name"));
    for (i = 1; d != NULL && i < d->nstrings; i++) {
      snprintf(sfx, sizeof(sfx), "%s", d->strings[i]);
      EDGE(sfx, mdf_case_set_wstr(c, a, d->strings[i]));
    }
    break;
  case MDF_ARG_IN_BUF:
    EDGE("null", a->is_null = true);
    EDGE("len-0", a->u32 = 0);
    EDGE("len-minus-1", a->u32 = a->len - 1);
    EDGE("len-plus-1", a->u32 = a->len + 1);
    EDGE("len-huge", a->u32 = 0xFFFFFFFFu);
    EDGE("empty", mdf_case_set_bytes(c, a, "", 0));
    EDGE("long", mdf_case_set_bytes(c, a, zeros, sizeof(zeros)));
    break;
  case MDF_ARG_OUT_BUF:
    EDGE("null", a->is_null = true);
    EDGE("cap-0", a->u32 = 0);
    EDGE("cap-1", a->u32 = 1);
    EDGE("cap-4", a->u32 = 4);
    break;
  case MDF_ARG_STRUCT:
    if (d == NULL || d->sdesc == NULL)
      break;
    EDGE("null", a->is_null = true);
    if (d->sdesc->current != 0) {
      EDGE("v0", a->u32 = 0);
      snprintf(sfx, sizeof(sfx), "v%u", (unsigned)d->sdesc->current + 1);
      EDGE(sfx, a->u32 = d->sdesc->current + 1);
      EDGE("v-huge", a->u32 = 0xFFFFFFFFu);
      for (i = 0; i < d->sdesc->nversions; i++) {
        snprintf(sfx, sizeof(sfx), "v%u", (unsigned)d->sdesc->versions[i].version);
        if (d->sdesc->versions[i].version != d->sdesc->current)
          EDGE(sfx, a->u32 = d->sdesc->versions[i].version);
      }
    }
    for (i = 0; m < 0 && i < d->sdesc->nfields; i++) {
      char sub[128];

      snprintf(sub, sizeof(sub), "%s-%s", prefix, d->sdesc->fields[i].name);
      bad |= arg_edges(ex, &d->sdesc->fields[i], k, (int)i, sub);
    }
    break;
  case MDF_ARG_ARRAY:
    EDGE("null", a->is_null = true);
    EDGE("count-0", (a->u32 = 0, a->nsub = 0));
    break;
  case MDF_ARG_KEY_HANDLE:
    EDGE("zero", (a->how = MDF_KEY_LITERAL, a->u32 = 0));
    EDGE("garbage", (a->how = MDF_KEY_LITERAL, a->u32 = 0xDEADBEEFu));
    break;
  default:
    break;
  }
  return bad;
}

/* CardAcquireContext: the session header is the call. */
static int acquire_seeds(const mdf_export_t *ex) {
  static const uint32_t flags[] = {1, 2, 4, 8, 0x10, 0x80000000u, 0xFFFFFFFFu};
  char name[96];
  int f, bad = 0;
  size_t i;

  for (f = 0; f < MDF_CDM_COUNT; f++) {
    mdf__gen_begin(ex)->mutation[f] = MDF_MUT_ZERO;
    snprintf(name, sizeof(name), "acquire-null-%s", mdf_cdm_name(f));
    bad |= mdf__gen_write(name);
    mdf__gen_begin(ex)->mutation[f] = MDF_MUT_GARBAGE;
    snprintf(name, sizeof(name), "acquire-junk-%s", mdf_cdm_name(f));
    bad |= mdf__gen_write(name);
  }
  mdf__gen_begin(ex)->null_acquire = true;
  bad |= mdf__gen_write("acquire-null-carddata");
  for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
    mdf__gen_begin(ex)->acquire_flags = flags[i];
    snprintf(name, sizeof(name), "acquire-flags-0x%X", (unsigned)flags[i]);
    bad |= mdf__gen_write(name);
  }
  for (i = 0; i < 3; i++) {
    static const uint32_t v[] = {0xFFFFFFFFu, 1, 3};

    mdf__gen_begin(ex)->version = v[i];
    snprintf(name, sizeof(name), "version-0x%X", (unsigned)v[i]);
    bad |= mdf__gen_write(name);
  }
  return bad;
}

static int export_seeds(const mdf_export_t *ex) {
  int bad = mdf__gen_export_seeds(ex);
  uint8_t k;

  bad |= session_seeds(ex);
  if (ex->invoke == NULL)
    return bad | acquire_seeds(ex);
  for (k = 0; k < ex->nargs; k++)
    bad |= arg_edges(ex, &ex->args[k], k, -1, ex->args[k].name);
  return bad;
}

int main(int argc, char **argv) {
  size_t n, i;
  const mdf_export_t *rows = mdf_exports(&n);
  int bad = 0, a;

  if (argc >= 3 && strcmp(argv[1], "--dict") == 0)
    return mdf__gen_dicts(argv[2]) ? 1 : 0;
  if (argc < 2 || argv[1][0] == '-') {
    fprintf(stderr, "usage: mdf-gen-seeds CORPUS_DIR [EXPORT...] | --dict FUZZERS_DIR\n");
    return 2;
  }
  g_corpus = argv[1];
  for (i = 0; i < n; i++) {
    bool want = argc == 2;

    /* the pseudo-exports have their own generator (gen_seeds_seq.c) */
    if (strcmp(rows[i].name, "Sequence") == 0 || strcmp(rows[i].name, "HostileCard") == 0)
      continue;
    for (a = 2; a < argc; a++)
      want |= strcmp(argv[a], rows[i].name) == 0;
    if (want)
      bad |= export_seeds(&rows[i]);
  }
  fprintf(stderr, "gen-seeds: %u seeds written\n", g_written);
  return bad ? 1 : 0;
}
