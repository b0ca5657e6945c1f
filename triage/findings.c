/* The findings of one run: merged by signature and printed as reports.
 * Replaying artifacts that the engine output did not describe is the
 * caller's (cli/artifacts.c): this file runs nothing. */
#include <stdio.h>
#include <string.h>

#include "mdfuzz/common/finding_ids.h"
#include "mdfuzz/triage/triage.h"

const char *mdf_triage_base_name(const char *p) {
  const char *s = strrchr(p, '/');
  return s ? s + 1 : p;
}

void mdf_triage_class_from_name(const char *path, char *buf, size_t cap) {
  /* libFuzzer's artifact prefixes; AFL++ crash files are plain crashes. */
  static const struct {
    const char *prefix;
    mdf_finding_class_t cls;
  } kinds[] = {{"crash-", MDF_FC_CRASH},
               {"leak-", MDF_FC_LEAK},
               {"timeout-", MDF_FC_HANG},
               {"oom-", MDF_FC_OOM},
               {"slow-unit-", MDF_FC_SLOW_UNIT}};
  const char *b = mdf_triage_base_name(path);
  snprintf(buf, cap, "%s", MDF_FINDING_ID(CRASH));
  for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++)
    if (strncmp(b, kinds[k].prefix, strlen(kinds[k].prefix)) == 0)
      snprintf(buf, cap, "%s", mdf_finding_classes[kinds[k].cls].id);
}

void mdf_triage_findings_add(mdf_triage_findings_t *fs, const mdf_triage_finding_t *f,
                             const char *input) {
  char sig[512], other[512];
  if (!fs || !f)
    return;
  mdf_triage_signature(f, sig, sizeof sig);
  for (unsigned i = 0; i < fs->n; i++) {
    mdf_triage_signature(&fs->e[i].f, other, sizeof other);
    if (strcmp(sig, other) != 0)
      continue;
    if (!fs->e[i].input[0] && input && input[0])
      snprintf(fs->e[i].input, sizeof fs->e[i].input, "%s", input);
    else
      fs->e[i].dups++;
    return;
  }
  if (fs->n == MDF_TRIAGE_MAX_FINDINGS) {
    fs->dropped++;
    return;
  }
  fs->e[fs->n].f = *f;
  snprintf(fs->e[fs->n].input, sizeof fs->e[fs->n].input, "%s", input ? input : "");
  fs->e[fs->n].dups = 0;
  fs->n++;
}

void mdf_triage_findings_print(FILE *out, const mdf_triage_findings_t *fs,
                               const mdf_triage_report_ctx_t *base) {
  for (unsigned i = 0; i < fs->n; i++) {
    mdf_triage_report_ctx_t ctx = *base;

    ctx.input = fs->e[i].input[0] ? fs->e[i].input : NULL;
    ctx.index = i + 1;
    ctx.total = fs->n;
    ctx.duplicates = fs->e[i].dups;
    mdf_triage_report(out, &ctx, &fs->e[i].f);
  }
  if (fs->unreplayed)
    fprintf(out, "(+%u more input(s) in %s not replayed)\n", fs->unreplayed, fs->unreplayed_dir);
  if (fs->dropped)
    fprintf(out, "(%u more distinct findings not shown)\n", fs->dropped);
  fflush(out);
}
