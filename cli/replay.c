/* `mdfuzz replay`: run inputs one process each through the standalone
 * build (libFuzzer build as fall-back) and report OK or the finding. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_int.h"
#include "mdfuzz/common/finding_ids.h"

#define REPLAY_TIMEOUT_S 60

/* Is dir an AFL++ build?  Its driver takes a single input file and no
 * libFuzzer-style flags (a "-timeout=" argument would make it read stdin). */
static int afl_build(const char *dir) {
  char path[MDF_TRIAGE_PATH + 32], line[256];
  int afl = 0;
  FILE *f;

  if (mdf__pathf(path, sizeof path, "%s/CMakeCache.txt", dir) != MDF_OK || !(f = fopen(path, "r")))
    return 0;
  while (!afl && fgets(line, sizeof line, f))
    afl = strncmp(line, "MDFUZZ_ENGINE:STRING=afl", 24) == 0;
  fclose(f);
  return afl;
}

static int find_binary(const mdf__opts_t *o, char *bin, size_t cap, int *afl) {
  char dir[MDF_TRIAGE_PATH], tried[2 * MDF_TRIAGE_PATH + 8] = "";
  static const char *const engines[] = {"standalone", "libfuzzer"};
  int explicit_dir = o->build_dir || (getenv("MDFUZZ_BUILD_DIR") && getenv("MDFUZZ_BUILD_DIR")[0]);
  for (size_t i = 0; i < (explicit_dir ? 1u : 2u); i++) {
    mdf__build_dir(o, engines[i], dir, sizeof dir);
    char rel[MDF_TRIAGE_PATH + 64];
    snprintf(rel, sizeof rel, "%s/bin/fuzz-%s", dir, o->target);
    mdf__abspath(rel, bin, cap);
    if (mdf__is_exec(bin)) {
      *afl = afl_build(dir);
      return 1;
    }
    size_t used = strlen(tried);
    snprintf(tried + used, sizeof tried - used, "%s%s", used ? " or " : "", bin);
  }
  fprintf(stderr, "mdfuzz: no fuzz target at %s\n", tried);
  return 0;
}

static int replay_one(const mdf__opts_t *o, const char *bin, int afl, const char *input,
                      unsigned *nfind) {
  char abs[MDF_TRIAGE_PATH];
  mdf_triage_finding_t *f = calloc(1, sizeof *f);
  int status = 0;
  if (!f)
    return MDF__EXIT_CANNOT_RUN;
  mdf__abspath(input, abs, sizeof abs);
  char a_timeout[48];
  snprintf(a_timeout, sizeof a_timeout, "-timeout=%lu", o->timeout_s);
  char *argv[] = {(char *)bin, a_timeout, abs, NULL};
  if (afl) { /* the AFL++ driver: the input alone; the run timeout still applies */
    argv[1] = abs;
    argv[2] = NULL;
  }
  if (mdf__run_parse(argv, REPLAY_TIMEOUT_S, 1, f, &status) != MDF_OK) {
    fprintf(stderr, "mdfuzz: cannot run %s: %s\n", bin, strerror(errno));
    free(f);
    return MDF__EXIT_CANNOT_RUN;
  }
  if (!f->found && status != 0) {
    snprintf(f->id, sizeof f->id, "%s", MDF_FINDING_ID(CRASH));
    snprintf(f->what, sizeof f->what, "target exited with status %d", status);
    f->found = 1;
  }
  if (!f->found) {
    printf("OK       %s\n", abs);
  } else {
    (*nfind)++;
    printf("FINDING  %s: %s\n", abs, f->id);
    mdf_triage_report_ctx_t ctx = {
        .target = o->target, .input = abs, .build_dir = o->build_dir, .self = mdf__self()};
    mdf_triage_report(stdout, &ctx, f);
  }
  fflush(stdout);
  free(f);
  return 0;
}

static int only_files(const struct dirent *de) {
  return de->d_name[0] != '.';
}

int mdf__cmd_replay(const mdf__opts_t *o) {
  char bin[MDF_TRIAGE_PATH], driver[256], exp[256], path[MDF_TRIAGE_PATH];
  unsigned ninputs = 0, nfind = 0;
  int afl = 0;
  if (mdf_triage_split_target(o->target, driver, sizeof driver, exp, sizeof exp) != MDF_OK) {
    fprintf(stderr, "mdfuzz: bad target name '%s' (expected NAME-EXPORT)\n", o->target);
    return MDF__EXIT_CANNOT_RUN;
  }
  /* Check every input first: a typo should not cost a long replay. */
  for (int i = 0; i < o->n_inputs; i++) {
    if (access(o->inputs[i], R_OK) != 0) {
      fprintf(stderr, "mdfuzz: cannot read %s: %s\n", o->inputs[i], strerror(errno));
      return MDF__EXIT_CANNOT_RUN;
    }
  }
  if (!find_binary(o, bin, sizeof bin, &afl))
    return MDF__EXIT_CANNOT_RUN;
  for (int i = 0; i < o->n_inputs && !mdf__stop; i++) {
    const char *in = o->inputs[i];
    if (!mdf__is_dir(in)) {
      ninputs++;
      if (replay_one(o, bin, afl, in, &nfind) != 0)
        return MDF__EXIT_CANNOT_RUN;
      continue;
    }
    struct dirent **names = NULL;
    int n = scandir(in, &names, only_files, alphasort), fail = 0;
    for (int k = 0; k < n; k++) {
      size_t il = strlen(in);
      snprintf(path, sizeof path, "%s%s%s", in, il && in[il - 1] == '/' ? "" : "/",
               names[k]->d_name);
      if (!fail && !mdf__stop && !mdf__is_dir(path)) {
        ninputs++;
        fail = replay_one(o, bin, afl, path, &nfind) != 0;
      }
      free(names[k]);
    }
    free(names);
    if (fail)
      return MDF__EXIT_CANNOT_RUN;
  }
  printf("mdfuzz: replayed %u input(s) with %s: %u finding(s)%s\n", ninputs, bin, nfind,
         mdf__stop ? " (interrupted)" : "");
  return nfind ? MDF__EXIT_FINDING : MDF__EXIT_OK;
}
