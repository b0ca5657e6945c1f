/* mdfuzz: fuzz, replay and list minidriver fuzz targets; list finding IDs.
 * Exit status: 0 no finding, 1 finding(s), 2 usage error, 3 could not run. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "cli_int.h"

#ifndef MDFUZZ_VERSION
#define MDFUZZ_VERSION "0"
#endif

static int is_target_name(const struct dirent *de) {
  return strncmp(de->d_name, "fuzz-", 5) == 0 && de->d_name[5] != '\0';
}

int mdf__cmd_list(const mdf__opts_t *o) {
  char build[MDF_TRIAGE_PATH], bindir[MDF_TRIAGE_PATH + 8], path[2 * MDF_TRIAGE_PATH];
  mdf__build_dir(o, "libfuzzer", build, sizeof build);
  snprintf(bindir, sizeof bindir, "%s/bin", build);
  struct dirent **names = NULL;
  int n = scandir(bindir, &names, is_target_name, alphasort);
  if (n < 0) {
    fprintf(stderr, "mdfuzz: no build at %s (no bin/ directory)\n", build);
    return MDF__EXIT_CANNOT_RUN;
  }
  for (int i = 0; i < n; i++) {
    snprintf(path, sizeof path, "%s/%s", bindir, names[i]->d_name);
    if (mdf__is_exec(path))
      printf("%s\n", names[i]->d_name + 5);
    free(names[i]);
  }
  free(names);
  return MDF__EXIT_OK;
}

/* cli/decode.c: `mdfuzz decode` and `mdfuzz encode` (own argument syntax). */
int mdf__cmd_decode(int argc, char **argv);

int main(int argc, char **argv) {
  mdf__opts_t o;
  char msg[512];
  if (argc >= 2 && (strcmp(argv[1], "decode") == 0 || strcmp(argv[1], "encode") == 0))
    return mdf__cmd_decode(argc, argv);
  if (mdf__parse_args(argc, argv, &o, msg, sizeof msg) != MDF_OK) {
    fprintf(stderr, "mdfuzz: %s (try 'mdfuzz --help')\n", msg);
    return MDF__EXIT_USAGE;
  }
  if (o.version) {
    printf("mdfuzz %s\n", MDFUZZ_VERSION);
    return MDF__EXIT_OK;
  }
  if (o.help) {
    mdf__print_help(stdout, o.cmd);
    return MDF__EXIT_OK;
  }
  mdf__install_signals();
  if (strcmp(o.cmd, "fuzz") == 0)
    return mdf__cmd_fuzz(&o);
  if (strcmp(o.cmd, "replay") == 0)
    return mdf__cmd_replay(&o);
  if (strcmp(o.cmd, "ids") == 0)
    return mdf__cmd_ids(&o, stdout);
  return mdf__cmd_list(&o);
}
