/* Command line of the mdfuzz command: one table of options, every usage
 * error reported as one line by the caller. */
#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cli_int.h"

enum { C_FUZZ = 1, C_REPLAY = 2, C_LIST = 4, C_IDS = 8 };
enum { K_FLAG, K_STR, K_NUM, K_ENGINE };

static const struct opt_def {
  const char *name;
  int kind;
  unsigned cmds;
  size_t off;
  unsigned long min; /* K_NUM: smallest accepted value */
  const char *help;
} opt_defs[] = {
    {"--target", K_STR, C_FUZZ | C_REPLAY, offsetof(mdf__opts_t, target), 0,
     "NAME-EXPORT  fuzz target, e.g. refmd-CardReadFile"},
    {"--time", K_NUM, C_FUZZ, offsetof(mdf__opts_t, time_s), 0,
     "SECONDS      time limit (default 60; 0 = until Ctrl-C)"},
    {"--engine", K_ENGINE, C_FUZZ, offsetof(mdf__opts_t, engine), 0,
     "libfuzzer|afl (default libfuzzer)"},
    {"--jobs", K_NUM, C_FUZZ, offsetof(mdf__opts_t, jobs), 1,
     "N            parallel workers (libFuzzer -fork=N, AFL++ -M/-S)"},
    {"--seed", K_NUM, C_FUZZ, offsetof(mdf__opts_t, seed), 0, "N            random seed"},
    {"--timeout", K_NUM, C_FUZZ | C_REPLAY, offsetof(mdf__opts_t, timeout_s), 1,
     "SECONDS      per-input limit; longer is a hang finding (default 10)"},
    {"--build-dir", K_STR, C_FUZZ | C_REPLAY | C_LIST, offsetof(mdf__opts_t, build_dir), 0,
     "DIR          build dir (default $MDFUZZ_BUILD_DIR, else <source>/build/<engine>)"},
    {"--work", K_STR, C_FUZZ, offsetof(mdf__opts_t, work_dir), 0,
     "DIR          work dir (default ./mdfuzz-out)"},
    {"--until-finding", K_FLAG, C_FUZZ, offsetof(mdf__opts_t, until_finding), 0,
     "             stop at the first finding, also with --jobs"},
    {"--quiet", K_FLAG, C_FUZZ, offsetof(mdf__opts_t, quiet), 0, "             no progress lines"},
    {"--markdown", K_FLAG, C_IDS, offsetof(mdf__opts_t, markdown), 0,
     "             a Markdown document (docs/findings.md) instead of tab-separated lines"},
    {"--help", K_FLAG, C_FUZZ | C_REPLAY | C_LIST | C_IDS, offsetof(mdf__opts_t, help), 0,
     "             this help"},
};

static const struct {
  const char *name;
  unsigned bit;
  const char *usage;
} cmds[] = {
    {"fuzz", C_FUZZ, "mdfuzz fuzz --target NAME-EXPORT [options] [-- engine args...]"},
    {"replay", C_REPLAY, "mdfuzz replay --target NAME-EXPORT [--build-dir DIR] FILE|DIR..."},
    {"list", C_LIST, "mdfuzz list [--build-dir DIR]"},
    {"ids", C_IDS, "mdfuzz ids [--markdown]"},
};

static mdf_err_t usage(char *msg, size_t cap, const char *fmt, const char *a, const char *b) {
  snprintf(msg, cap, fmt, a, b ? b : "");
  return MDF_EUSAGE;
}

static int parse_ulong(const char *s, unsigned long *v) {
  if (!s || !isdigit((unsigned char)s[0]))
    return 0;
  char *end;
  errno = 0;
  unsigned long long x = strtoull(s, &end, 10);
  if (*end || errno == ERANGE || x > 0xffffffffull)
    return 0;
  *v = (unsigned long)x;
  return 1;
}

mdf_err_t mdf__parse_args(int argc, char **argv, mdf__opts_t *o, char *msg, size_t cap) {
  memset(o, 0, sizeof *o);
  o->time_s = 60;
  o->timeout_s = 10;
  o->jobs = 1;
  o->work_dir = "mdfuzz-out";
  msg[0] = '\0';
  if (argc < 2)
    return usage(msg, cap, "missing command%s", "", NULL);
  const char *first = argv[1];
  if (strcmp(first, "--help") == 0 || strcmp(first, "-h") == 0 || strcmp(first, "help") == 0) {
    o->help = 1;
    return argc == 2 ? MDF_OK : usage(msg, cap, "unexpected argument '%s'", argv[2], NULL);
  }
  if (strcmp(first, "--version") == 0) {
    o->version = 1;
    return argc == 2 ? MDF_OK : usage(msg, cap, "unexpected argument '%s'", argv[2], NULL);
  }
  unsigned bit = 0;
  for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++)
    if (strcmp(first, cmds[i].name) == 0)
      bit = cmds[i].bit, o->cmd = cmds[i].name;
  if (!bit)
    return usage(msg, cap, first[0] == '-' ? "unknown option '%s'" : "unknown command '%s'", first,
                 NULL);

  for (int i = 2; i < argc; i++) {
    char *a = argv[i];
    if (strcmp(a, "--") == 0) {
      if (bit == C_FUZZ) {
        o->engine_args = argv + i + 1;
        o->n_engine_args = argc - i - 1;
      } else if (bit == C_REPLAY) {
        for (int j = i + 1; j < argc; j++) /* everything after "--" is an input */
          argv[2 + o->n_inputs++] = argv[j];
      } else if (i + 1 < argc) {
        return usage(msg, cap, "unexpected argument '%s'", argv[i + 1], NULL);
      }
      break;
    }
    if (a[0] != '-' || a[1] == '\0') {
      if (bit != C_REPLAY)
        return usage(msg, cap, "unexpected argument '%s'", a, NULL);
      /* Inputs are compacted into argv[2..]: those slots held options
       * already parsed (their strings stay valid), never an unread one. */
      argv[2 + o->n_inputs++] = a;
      continue;
    }
    const char *eq = strchr(a, '=');
    size_t nlen = eq ? (size_t)(eq - a) : strlen(a);
    const struct opt_def *d = NULL;
    for (size_t k = 0; k < sizeof opt_defs / sizeof *opt_defs; k++)
      if (strlen(opt_defs[k].name) == nlen && strncmp(a, opt_defs[k].name, nlen) == 0 &&
          (opt_defs[k].cmds & bit))
        d = &opt_defs[k];
    if (!d) {
      snprintf(msg, cap, "unknown option '%.*s' for '%s'", (int)nlen, a, o->cmd);
      return MDF_EUSAGE;
    }
    char *field = (char *)o + d->off;
    if (d->kind == K_FLAG) {
      if (eq)
        return usage(msg, cap, "option '%s' takes no value", d->name, NULL);
      *(int *)field = 1;
      continue;
    }
    const char *val = eq ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
    if (!val || (!eq && val[0] == '-' && val[1] == '-'))
      return usage(msg, cap, "option '%s' needs a value", d->name, NULL);
    if (d->kind == K_STR) {
      if (!val[0])
        return usage(msg, cap, "option '%s' needs a value", d->name, NULL);
      *(const char **)field = val;
    } else if (d->kind == K_NUM) {
      unsigned long v;
      if (!parse_ulong(val, &v) || v < d->min)
        return usage(msg, cap, "bad number for %s: '%s'", d->name, val);
      *(unsigned long *)field = v;
      if (strcmp(d->name, "--seed") == 0)
        o->seed_set = 1;
    } else {
      if (strcmp(val, "libfuzzer") == 0)
        o->engine = MDF__ENGINE_LIBFUZZER;
      else if (strcmp(val, "afl") == 0)
        o->engine = MDF__ENGINE_AFL;
      else
        return usage(msg, cap, "unknown engine '%s' (libfuzzer or afl)", val, NULL);
    }
  }
  if (o->help)
    return MDF_OK;
  if ((bit & (C_FUZZ | C_REPLAY)) && !o->target)
    return usage(msg, cap, "missing --target for '%s'", o->cmd, NULL);
  o->inputs = argv + 2;
  if (bit == C_REPLAY && o->n_inputs == 0)
    return usage(msg, cap, "missing FILE or DIR to replay%s", "", NULL);
  return MDF_OK;
}

void mdf__print_help(FILE *out, const char *cmd) {
  unsigned bit = 0;
  for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++)
    if (cmd && strcmp(cmd, cmds[i].name) == 0)
      bit = cmds[i].bit, fprintf(out, "usage: %s\n\noptions:\n", cmds[i].usage);
  if (!bit) {
    fprintf(out, "mdfuzz - fuzz Windows smart-card minidrivers on Linux\n\nusage:\n");
    for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++)
      fprintf(out, "  %s\n", cmds[i].usage);
    fprintf(
        out,
        "  mdfuzz --help | --version | <command> --help\n\n"
        "finding IDs: 'mdfuzz ids' lists every ID a finding can name, with its title\n"
        "(docs/findings.md is its --markdown output)\n"
        "exit status: 0 no finding, 1 finding(s), 2 usage error, 3 could not run\n"
        "environment: MDFUZZ_BUILD_DIR (build dir), MDFUZZ_SOURCE_DIR (seeds and dictionaries)\n");
    return;
  }
  for (size_t k = 0; k < sizeof opt_defs / sizeof *opt_defs; k++)
    if (opt_defs[k].cmds & bit)
      fprintf(out, "  %-16s %s\n", opt_defs[k].name, opt_defs[k].help);
  if (bit == C_FUZZ)
    fprintf(out,
            "  -- ARGS...       passed to the engine (libFuzzer flags, or afl-fuzz options)\n"
            "\nFindings go to <work>/<target>/findings/ (AFL++: <work>/<target>/afl/*/crashes/);\n"
            "the working corpus is <work>/<target>/corpus/, seeded from corpus/<EXPORT>/.\n");
  if (bit == C_IDS)
    fprintf(out, "\nPrints every finding ID mdfuzz can report, one per line: ID, kind (cmr:\n"
                 "a requirement, rule: an error-handling rule, class: a finding class),\n"
                 "export or area, title, allowed return codes (rules only), tab-separated.\n");
  if (bit == C_REPLAY)
    fprintf(out, "\nRuns each input in its own process with the standalone build, else the\n"
                 "libFuzzer build; prints OK or the finding for each.\n");
}
