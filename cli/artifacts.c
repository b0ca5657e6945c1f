/* Artifacts the engine output did not describe: each is replayed with the
 * target (a bounded number of times) and its parsed finding added to the
 * run's findings (triage/findings.c). */
#include <stdlib.h>
#include <string.h>

#include "cli_int.h"

/* Replays past this many are skipped: a fork-mode run can leave hundreds
 * of files for one bug, and the rest are still listed on disk. */
#define MAX_REPLAYS 32
#define REPLAY_TIMEOUT_S 60

static unsigned replays_done;

void mdf__findings_add_artifact(mdf_triage_findings_t *fs, const char *bin, const char *path) {
  mdf_triage_finding_t *f = calloc(1, sizeof *f);
  if (!fs || !path || !f)
    goto out;
  /* Already described by the engine's output (same file name)? */
  for (unsigned i = 0; i < fs->n; i++)
    if (fs->e[i].input[0] &&
        strcmp(mdf_triage_base_name(fs->e[i].input), mdf_triage_base_name(path)) == 0)
      goto out;
  int replayed = 0, status = 0;
  if (bin && (replays_done >= MAX_REPLAYS || mdf__stop >= 2) && fs->n > 0) {
    /* Enough analysed: count the rest, they stay on disk. */
    if (fs->unreplayed++ == 0)
      snprintf(fs->unreplayed_dir, sizeof fs->unreplayed_dir, "%.*s",
               (int)(mdf_triage_base_name(path) - path), path);
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
    mdf_triage_class_from_name(path, f->id, sizeof f->id);
    if (replayed)
      snprintf(f->what, sizeof f->what, "no finding printed on replay (exit status %d)", status);
    else
      snprintf(f->what, sizeof f->what, "not replayed (too many artifacts, or interrupted)");
    f->found = 1;
  }
  mdf_triage_findings_add(fs, f, path);
out:
  free(f);
}
