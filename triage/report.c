/* Finding reports: what a reviewer needs to understand and replay a bug. */
#include <ctype.h>
#include <string.h>

#include "mdfuzz/common/finding_ids.h"
#include "mdfuzz/harness/cmr.h"
#include "mdfuzz/triage/triage.h"

mdf_err_t mdf_triage_split_target(const char *target, char *driver, size_t dcap, char *export_name,
                                  size_t ecap) {
  if (driver && dcap)
    driver[0] = '\0';
  if (export_name && ecap)
    export_name[0] = '\0';
  if (!target || !driver || !export_name || dcap == 0 || ecap == 0 || !target[0])
    return MDF_EINVAL;
  for (const char *p = target; *p; p++)
    if (!isalnum((unsigned char)*p) && *p != '_' && *p != '-' && *p != '.')
      return MDF_EINVAL;
  const char *dash = strrchr(target, '-');
  size_t dlen = dash ? (size_t)(dash - target) : strlen(target);
  const char *exp = dash ? dash + 1 : "";
  if (dlen == 0 || (dash && !*exp) || dlen >= dcap || strlen(exp) >= ecap)
    return MDF_EINVAL;
  memcpy(driver, target, dlen);
  driver[dlen] = '\0';
  strcpy(export_name, exp);
  return MDF_OK;
}

static const mdf_triage_frame_t *first_frame(const mdf_triage_finding_t *f) {
  return f->nframes ? &f->frames[0] : NULL;
}

void mdf_triage_signature(const mdf_triage_finding_t *f, char *buf, size_t cap) {
  if (!buf || cap == 0)
    return;
  buf[0] = '\0';
  if (!f)
    return;
  const mdf_triage_frame_t *fr = first_frame(f);
  /* Function + file:line only: columns and paths differ between clang and gcc. */
  const char *file = fr ? strrchr(fr->file, '/') : NULL;
  file = file ? file + 1 : (fr ? fr->file : "");
  snprintf(buf, cap, "%s|%s|%s:%u", f->id[0] ? f->id : "unknown", fr ? fr->func : "", file,
           fr ? fr->line : 0);
}

/* Print a path as one shell word so the replay line can be pasted as is. */
static void print_shell_word(FILE *out, const char *s) {
  int plain = *s != '\0';
  for (const char *p = s; *p; p++)
    if (!isalnum((unsigned char)*p) && !strchr("_./:,+=-@%", *p))
      plain = 0;
  if (plain) {
    fputs(s, out);
    return;
  }
  fputc('\'', out);
  for (const char *p = s; *p; p++) {
    if (*p == '\'')
      fputs("'\\''", out);
    else
      fputc(*p, out);
  }
  fputc('\'', out);
}

void mdf_triage_report(FILE *out, const mdf_triage_report_ctx_t *ctx,
                       const mdf_triage_finding_t *f) {
  if (!out || !ctx || !f)
    return;
  char driver[128], exp[128], tbuf[MDF_CMR_TITLE_MAX];
  if (mdf_triage_split_target(ctx->target ? ctx->target : "", driver, sizeof driver, exp,
                              sizeof exp) != MDF_OK) {
    snprintf(driver, sizeof driver, "%s", ctx->target ? ctx->target : "?");
    exp[0] = '\0';
  }
  const char *export_name = f->export_name[0] ? f->export_name : (exp[0] ? exp : "-");
  /* A requirement or rule of the CMR table (CMR.* and SPEC.* IDs). */
  int is_cmr = strncmp(f->id, "CMR", 3) == 0 || mdf_cmr_find(f->id) != NULL;

  if (ctx->index)
    fprintf(out, "=== finding %u of %u ===\n", ctx->index, ctx->total);
  else
    fprintf(out, "=== finding ===\n");
  fprintf(out, "  target:  %s\n", ctx->target ? ctx->target : "?");
  fprintf(out, "  driver:  %s\n", driver);
  fprintf(out, "  export:  %s\n", export_name);
  if (is_cmr && (!f->san_class[0] || strcmp(f->san_class, MDF_FINDING_ID(CRASH)) == 0))
    fprintf(out, "  class:   oracle\n"); /* the abort after an oracle report is no bug of its own */
  else if (f->san_class[0])
    fprintf(out, "  class:   %s (%s)\n", f->san_class, f->sanitizer[0] ? f->sanitizer : "?");
  else
    fprintf(out, "  class:   %s\n", is_cmr ? "oracle" : (f->id[0] ? f->id : MDF_FINDING_ID(CRASH)));
  if (is_cmr) {
    const char *title = mdf_cmr_title(f->id, tbuf, sizeof tbuf);
    fprintf(out, "  CMR:     %s%s%s\n", f->id, title ? " - " : "", title ? title : "");
  } else {
    fprintf(out, "  CMR:     -\n");
  }
  if (f->what[0])
    fprintf(out, "  what:    %s\n", f->what);
  if (f->apdus || f->fault[0])
    fprintf(out, "  context: apdus=%u fault=%s\n", f->apdus, f->fault[0] ? f->fault : "none");
  fprintf(out, "  input:   %s\n",
          ctx->input && ctx->input[0] ? ctx->input : "(no input file written)");
  if (ctx->duplicates)
    fprintf(out, "           (+%u more input(s) with the same stack)\n", ctx->duplicates);
  fprintf(out, "  stack:\n");
  if (f->nframes == 0)
    fprintf(out, "    (no frames with source locations)\n");
  for (unsigned i = 0; i < f->nframes; i++) {
    const mdf_triage_frame_t *fr = &f->frames[i];
    fprintf(out, "    %s %s:%u\n", fr->func, fr->file, fr->line);
  }
  if (ctx->input && ctx->input[0]) {
    fputs("  replay:  ", out);
    print_shell_word(out, ctx->self ? ctx->self : "mdfuzz");
    fprintf(out, " replay --target %s ", ctx->target ? ctx->target : "?");
    if (ctx->build_dir) {
      fputs("--build-dir ", out);
      print_shell_word(out, ctx->build_dir);
      fputc(' ', out);
    }
    print_shell_word(out, ctx->input);
    fputc('\n', out);
  }
}
