/* mdfuzz decode / mdfuzz encode: a fuzz input as readable text and back.
 *
 *   mdfuzz decode FILE [--target NAME-EXPORT | --export EXPORT]
 *   mdfuzz encode [--export EXPORT] [TEXTFILE|-] -o OUTFILE
 *
 * The export comes from --export, from the target name (the part after the
 * last '-'), from the input's directory (corpus/<Export>/...) for decode, or
 * from the first "call NAME" line for encode.  EXPORT "Sequence" decodes a
 * session of calls over the whole export table, in table order;
 * "HostileCard" decodes (only) to the session it runs, its ATR and script.
 * Exit: 0 done, 1 bad text, 2 usage error, 3 cannot read or write. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_int.h"
#include "mdfuzz/fuzzers/decode.h"
#include "mdfuzz/fuzzers/fuzz.h"

#define MAX_INPUT (1u << 20)

static mdf_case_t g_case; /* large: not on the stack */

static int usage(const char *fmt, const char *arg) {
  fputs("mdfuzz: ", stderr);
  fprintf(stderr, fmt, arg);
  fputs(" (usage: mdfuzz decode FILE [--target NAME-EXPORT | --export EXPORT]; "
        "mdfuzz encode [--export EXPORT] [TEXTFILE|-] -o OUTFILE)\n",
        stderr);
  return MDF__EXIT_USAGE;
}

/* The table as a sequence list, the Sequence target's own (mdf_fuzz_seq_exports). */
static const mdf_export_t *const *table_seq(size_t *n) {
  return mdf_fuzz_seq_exports(n);
}

/* Export name from a target name ("refmd-CardReadFile", "fuzz-x-CardReadFile"). */
static const char *export_of_target(const char *target) {
  const char *dash = strrchr(target, '-');

  return dash ? dash + 1 : target;
}

/* Export name from a path's directory, copied into buf (NULL if none). */
static const char *export_of_path(const char *path, char *buf, size_t cap) {
  const char *slash = strrchr(path, '/'), *start;
  size_t n;

  if (slash == NULL)
    return NULL;
  for (start = slash; start > path && start[-1] != '/'; start--)
    ;
  n = (size_t)(slash - start);
  if (n == 0 || n >= cap)
    return NULL;
  memcpy(buf, start, n);
  buf[n] = '\0';
  return buf;
}

static char *read_all(const char *path, size_t *len) {
  FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
  char *buf;

  *len = 0;
  if (f == NULL)
    return NULL;
  buf = malloc(MAX_INPUT + 1);
  if (buf != NULL) {
    *len = fread(buf, 1, MAX_INPUT, f);
    if (ferror(f) || !feof(f)) { /* unreadable, or larger than we take */
      free(buf);
      buf = NULL;
      errno = errno ? errno : EFBIG;
    } else {
      buf[*len] = '\0';
    }
  }
  if (f != stdin)
    fclose(f);
  return buf;
}

static bool is_sequence(const char *name) {
  return mdf_fuzz_pseudo(name) == MDF_FUZZ_SEQUENCE;
}
static bool is_hostile(const char *name) {
  return mdf_fuzz_pseudo(name) == MDF_FUZZ_HOSTILE;
}

static int cmd_decode(int argc, char **argv) {
  const char *file = NULL, *name = NULL;
  char dirname[128];
  const mdf_export_t *ex = NULL;
  size_t len, nseq;
  char *data;
  int i;

  for (i = 2; i < argc; i++) {
    if ((strcmp(argv[i], "--target") == 0 || strcmp(argv[i], "--export") == 0)) {
      if (i + 1 >= argc)
        return usage("%s needs a value", argv[i]);
      if (name != NULL)
        return usage("%s: give one --target or --export", argv[i]);
      name = argv[i][2] == 't' ? export_of_target(argv[i + 1]) : argv[i + 1];
      i++;
    } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
      return usage("decode: unknown option '%s'", argv[i]);
    } else if (file != NULL) {
      return usage("decode: one FILE only (got '%s' too)", argv[i]);
    } else {
      file = argv[i];
    }
  }
  if (file == NULL)
    return usage("decode: missing FILE%s", "");
  if (name == NULL)
    name = export_of_path(file, dirname, sizeof(dirname));
  if (!is_sequence(name) && !is_hostile(name) &&
      (name == NULL || (ex = mdf_export_find(name)) == NULL))
    return usage(name ? "decode: no export named '%s'"
                      : "decode: cannot tell the export of this file%s",
                 name ? name : "");
  data = read_all(file, &len);
  if (data == NULL) {
    fprintf(stderr, "mdfuzz: %s: %s\n", file, strerror(errno));
    return MDF__EXIT_CANNOT_RUN;
  }
  if (ex != NULL)
    mdf_decode(ex, (const uint8_t *)data, len, &g_case);
  else if (is_hostile(name)) /* printed as the Sequence session it runs */
    mdf_hostile_decode((const uint8_t *)data, len, &g_case);
  else
    mdf_decode_seq(table_seq(&nseq), nseq, (const uint8_t *)data, len, &g_case);
  mdf_case_to_text(stdout, &g_case);
  free(data);
  return fflush(stdout) == 0 ? MDF__EXIT_OK : MDF__EXIT_CANNOT_RUN;
}

/* Name after the first "call" line of text, copied into buf. */
static const char *first_call(const char *text, char *buf, size_t cap) {
  const char *p = text;

  while (p != NULL && *p) {
    while (*p == ' ' || *p == '\t')
      p++;
    if (strncmp(p, "call", 4) == 0 && (p[4] == ' ' || p[4] == '\t')) {
      size_t n = 0;

      for (p += 4; *p == ' ' || *p == '\t'; p++)
        ;
      while (n + 1 < cap && (p[n] == '_' || (p[n] >= '0' && p[n] <= '9') ||
                             ((p[n] | 0x20) >= 'a' && (p[n] | 0x20) <= 'z')))
        n++;
      memcpy(buf, p, n);
      buf[n] = '\0';
      return n ? buf : NULL;
    }
    p = strchr(p, '\n');
    p = p ? p + 1 : NULL;
  }
  return NULL;
}

static int cmd_encode(int argc, char **argv) {
  const char *file = NULL, *out = NULL, *name = NULL;
  const mdf_export_t *ex = NULL, *const *seq = NULL;
  static uint8_t bytes[1 << 17];
  char callname[128], msg[600];
  size_t len, nseq = 0, blen;
  mdf_diag_t diag;
  mdf_err_t err;
  FILE *f;
  char *text;
  int i;

  for (i = 2; i < argc; i++) {
    if (strcmp(argv[i], "--export") == 0 || strcmp(argv[i], "--target") == 0 ||
        strcmp(argv[i], "-o") == 0) {
      if (i + 1 >= argc)
        return usage("%s needs a value", argv[i]);
      if (argv[i][1] == 'o')
        out = argv[++i];
      else
        name = argv[i][2] == 't' ? export_of_target(argv[i + 1]) : argv[i + 1], i++;
    } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
      return usage("encode: unknown option '%s'", argv[i]);
    } else if (file != NULL) {
      return usage("encode: one TEXTFILE only (got '%s' too)", argv[i]);
    } else {
      file = argv[i];
    }
  }
  if (out == NULL)
    return usage("encode: missing -o OUTFILE%s", "");
  if (file == NULL)
    file = "-";
  text = read_all(file, &len);
  if (text == NULL) {
    fprintf(stderr, "mdfuzz: %s: %s\n", file, strerror(errno));
    return MDF__EXIT_CANNOT_RUN;
  }
  if (name == NULL)
    name = first_call(text, callname, sizeof(callname));
  if (is_sequence(name))
    seq = table_seq(&nseq);
  else if (is_hostile(name)) {
    free(text);
    return usage("encode: %s inputs are written by mdf-gen-seeds-seq, not from text", name);
  } else if (name == NULL || (ex = mdf_export_find(name)) == NULL) {
    free(text);
    return usage(name ? "encode: no export named '%s'"
                      : "encode: no 'call EXPORT' line in the text%s",
                 name ? name : "");
  }
  memset(&diag, 0, sizeof(diag));
  err = mdf_case_from_text(text, len, ex, seq, nseq, &g_case, &diag);
  free(text);
  if (err == MDF_OK && (err = mdf_encode(&g_case, bytes, sizeof(bytes), &blen)) != MDF_OK) {
    fprintf(stderr, "mdfuzz: %s: the input format cannot express this case (%s)\n", file,
            mdf_strerror(err));
    return MDF__EXIT_FINDING;
  }
  if (err != MDF_OK) {
    snprintf(diag.file, sizeof(diag.file), "%s", strcmp(file, "-") ? file : "<stdin>");
    fprintf(stderr, "mdfuzz: %s\n", mdf_diag_format(&diag, msg, sizeof(msg)));
    return MDF__EXIT_FINDING;
  }
  f = fopen(out, "wb");
  if (f != NULL) {
    bool ok = fwrite(bytes, 1, blen, f) == blen;

    if (fclose(f) == 0 && ok)
      return MDF__EXIT_OK;
  }
  fprintf(stderr, "mdfuzz: %s: %s\n", out, strerror(errno));
  return MDF__EXIT_CANNOT_RUN;
}

int mdf__cmd_decode(int argc, char **argv) {
  if (argc >= 2 && strcmp(argv[1], "encode") == 0)
    return cmd_encode(argc, argv);
  return cmd_decode(argc, argv);
}
