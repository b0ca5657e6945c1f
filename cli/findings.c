/* The findings of one run: merged by signature, completed by replaying
 * artifacts the engine output did not describe, printed as reports. */
#include <stdlib.h>
#include <string.h>

#include "cli_int.h"

/* Replays past this many are skipped: a fork-mode run can leave hundreds
 * of files for one bug, and the rest are still listed on disk. */
#define MAX_REPLAYS 32
#define REPLAY_TIMEOUT_S 60

static unsigned replays_done;

static const char *base_name(const char *p) {
  const char *s = strrchr(p, '/');
  return s ? s + 1 : p;
}

void mdf__class_from_name(const char *path, char *buf, size_t cap) {
  /* libFuzzer's artifact prefixes; AFL++ crash files are plain crashes. */
  static const struct { const char *prefix, *cls; } kinds[] = {
      {"crash-", "crash"}, {"leak-", "leak"}, {"timeout-", "hang"}, {"oom-", "oom"},
      {"slow-unit-", "slow-unit"}};
  const char *b = base_name(path);
  snprintf(buf, cap, "crash");
  for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++)
    if (strncmp(b, kinds[k].prefix, strlen(kinds[k].prefix)) == 0)
      snprintf(buf, cap, "%s", kinds[k].cls);
}

void mdf__findings_add(mdf__findings_t *fs, const mdf_cli_finding_t *f, const char *input) {
  char sig[512], other[512];
  if (!fs || !f)
    return;
  mdf_cli_signature(f, sig, sizeof sig);
  for (unsigned i = 0; i < fs->n; i++) {
    mdf_cli_signature(&fs->e[i].f, other, sizeof other);
    if (strcmp(sig, other) != 0)
      continue;
    if (!fs->e[i].input[0] && input && input[0])
      snprintf(fs->e[i].input, sizeof fs->e[i].input, "%s", input);
    else
      fs->e[i].dups++;
    return;
  }
  if (fs->n == MDF__MAX_FINDINGS) {
    fs->dropped++;
    return;
  }
  fs->e[fs->n].f = *f;
  snprintf(fs->e[fs->n].input, sizeof fs->e[fs->n].input, "%s", input ? input : "");
  fs->e[fs->n].dups = 0;
  fs->n++;
}

void mdf__findings_add_artifact(mdf__findings_t *fs, const char *bin, const char *path) {
  mdf_cli_finding_t *f = calloc(1, sizeof *f);
  if (!fs || !path || !f)
    goto out;
  /* Already described by the engine's output (same file name)? */
  for (unsigned i = 0; i < fs->n; i++)
    if (fs->e[i].input[0] && strcmp(base_name(fs->e[i].input), base_name(path)) == 0)
      goto out;
  int replayed = 0, status = 0;
  if (bin && (replays_done >= MAX_REPLAYS || mdf__stop >= 2) && fs->n > 0) {
    /* Enough analysed: count the rest, they stay on disk. */
    if (fs->unreplayed++ == 0)
      snprintf(fs->unreplayed_dir, sizeof fs->unreplayed_dir, "%.*s", (int)(base_name(path) - path), path);
    goto out;
  }
  if (bin && replays_done < MAX_REPLAYS && mdf__stop < 2) {
    char *argv[] = {(char *)bin, (char *)path, NULL};
    replays_done++;
    replayed = 1;
    if (mdf__run_parse(argv, REPLAY_TIMEOUT_S, 2, f, &status) != MDF_OK)
      memset(f, 0, sizeof *f);
  }
  if (!f->found || !f->id[0]) {
    /* Keep the artifact in the report even when it tells nothing on replay:
     * the class then comes from libFuzzer's file name prefix. */
    memset(f, 0, sizeof *f);
    mdf__class_from_name(path, f->id, sizeof f->id);
    if (replayed)
      snprintf(f->what, sizeof f->what, "no finding printed on replay (exit status %d)", status);
    else
      snprintf(f->what, sizeof f->what, "not replayed (too many artifacts, or interrupted)");
    f->found = 1;
  }
  mdf__findings_add(fs, f, path);
out:
  free(f);
}

void mdf__findings_print(const mdf__findings_t *fs, const mdf__opts_t *o) {
  for (unsigned i = 0; i < fs->n; i++) {
    mdf_cli_report_ctx_t ctx = {
        .target = o->target,
        .input = fs->e[i].input[0] ? fs->e[i].input : NULL,
        .build_dir = o->build_dir,
        .index = i + 1,
        .total = fs->n,
        .duplicates = fs->e[i].dups,
        .self = mdf__self(),
    };
    mdf_cli_report(stdout, &ctx, &fs->e[i].f);
  }
  if (fs->unreplayed)
    printf("(+%u more input(s) in %s not replayed)\n", fs->unreplayed, fs->unreplayed_dir);
  if (fs->dropped)
    printf("(%u more distinct findings not shown)\n", fs->dropped);
  fflush(stdout);
}
