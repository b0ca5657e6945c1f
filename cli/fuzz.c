/* `mdfuzz fuzz`: set up the work dir, run libFuzzer (or AFL++, afl.c) with
 * a progress line, then report every finding. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_int.h"

typedef struct run_state {
  mdf_triage_status_t st;
  mdf_triage_finding_t cur;
  mdf_triage_findings_t *fs;
} run_state_t;

/* The current report is complete: keep it with its artifact. */
static void flush(run_state_t *rs) {
  mdf_triage_finding_end(&rs->cur);
  if (!rs->cur.found) /* e.g. a slow unit: the file name says what it is */
    mdf_triage_class_from_name(rs->cur.artifact, rs->cur.id, sizeof rs->cur.id);
  rs->cur.found = 1;
  mdf_triage_findings_add(rs->fs, &rs->cur, rs->cur.artifact);
  memset(&rs->cur, 0, sizeof rs->cur);
}

static void on_line(void *ud, const char *line) {
  run_state_t *rs = ud;
  (void)mdf_triage_parse_status(line, &rs->st);
  /* libFuzzer names the artifact before (timeouts) or after (crashes) the
   * report, and stops after one; a second artifact line starts a new report. */
  if (rs->cur.artifact[0] && mdf_triage_line_kind(line) == MDF_TRIAGE_LINE_ARTIFACT)
    flush(rs);
  mdf_triage_finding_feed(&rs->cur, line);
}

static unsigned progress_interval(void) {
  const char *e = getenv("MDFUZZ_PROGRESS_INTERVAL");
  unsigned long v = e ? strtoul(e, NULL, 10) : 0;
  return v ? (unsigned)v : 5;
}

/* One progress line on stderr (called every few seconds, never per exec). */
static void progress(double elapsed, unsigned long limit, const mdf_triage_status_t *st,
                     unsigned findings) {
  unsigned long long eps = st->exec_per_sec;
  if (!eps && elapsed > 0.5)
    eps = (unsigned long long)((double)st->execs / elapsed);
  char lim[32] = "";
  if (limit)
    snprintf(lim, sizeof lim, "/%lus", limit);
  char cov[64];
  if (st->bitmap[0])
    snprintf(cov, sizeof cov, "bitmap %s", st->bitmap);
  else
    snprintf(cov, sizeof cov, "cov %u ft %u", st->cov, st->ft);
  fprintf(stderr, "mdfuzz: [%4.0fs%s] execs %llu  exec/s %llu  %s  corpus %u", elapsed, lim,
          (unsigned long long)st->execs, eps, cov, st->corp_units);
  if (st->corp_bytes)
    fprintf(stderr, "/%llub", (unsigned long long)st->corp_bytes);
  fprintf(stderr, "  findings %u\n", findings);
}

typedef struct art_ctx {
  mdf_triage_findings_t *fs;
  const char *bin;
} art_ctx_t;

static void on_artifact(void *ud, const char *path) {
  art_ctx_t *a = ud;
  mdf__findings_add_artifact(a->fs, a->bin, path);
}

/* Run libFuzzer; findings reported with an artifact go to fs, a report
 * without one (crash at start-up, fork mode's bare ERROR lines) to
 * leftover.  Returns 0, or MDF__EXIT_CANNOT_RUN. */
static int run_libfuzzer(const mdf__opts_t *o, const char *bin, const char *findings,
                         const mdf__snap_t *snap, const char *corpus, const char *dict,
                         const char *log_path, mdf_triage_findings_t *fs,
                         mdf_triage_finding_t *leftover, mdf_triage_status_t *st_out,
                         int *child_status) {
  char a_prefix[MDF_TRIAGE_PATH + 32], a_time[48], a_seed[48], a_dict[MDF_TRIAGE_PATH + 8],
      a_fork[48], a_timeout[48];
  char **argv = calloc((size_t)o->n_engine_args + 16, sizeof *argv);
  run_state_t *rs = calloc(1, sizeof *rs);
  mdf__proc_t *p = calloc(1, sizeof *p);
  int rc = MDF__EXIT_CANNOT_RUN, n = 0;
  FILE *log = NULL;
  if (!argv || !rs || !p)
    goto out;
  rs->fs = fs;
  argv[n++] = (char *)bin;
  snprintf(a_prefix, sizeof a_prefix, "-artifact_prefix=%s/", findings);
  argv[n++] = a_prefix;
  if (o->time_s) {
    snprintf(a_time, sizeof a_time, "-max_total_time=%lu", o->time_s);
    argv[n++] = a_time;
  }
  snprintf(a_timeout, sizeof a_timeout, "-timeout=%lu", o->timeout_s);
  argv[n++] = a_timeout;
  argv[n++] = "-print_final_stats=1";
  if (o->seed_set) {
    snprintf(a_seed, sizeof a_seed, "-seed=%lu", o->seed);
    argv[n++] = a_seed;
  }
  if (dict) {
    snprintf(a_dict, sizeof a_dict, "-dict=%s", dict);
    argv[n++] = a_dict;
  }
  if (o->jobs > 1) {
    snprintf(a_fork, sizeof a_fork, "-fork=%lu", o->jobs);
    argv[n++] = a_fork;
    if (!o->until_finding)
      argv[n++] = "-ignore_crashes=1";
  }
  for (int i = 0; i < o->n_engine_args; i++)
    argv[n++] = o->engine_args[i];
  argv[n++] = (char *)corpus;
  argv[n] = NULL;

  log = fopen(log_path, "w");
  p->log = log;
  if (mdf__proc_spawn(p, argv, 1, NULL) != MDF_OK) {
    fprintf(stderr, "mdfuzz: cannot start %s: %s\n", bin, strerror(errno));
    goto out;
  }
  double start = mdf__now(), last = start;
  unsigned every = progress_interval();
  int stopping = 0;
  while (!mdf__proc_pump(p, 250, on_line, rs)) {
    double now = mdf__now(), el = now - start;
    /* The engine enforces the time limit; this is only the safety net. */
    int overdue = o->time_s && el > (double)o->time_s + 60.0;
    if ((mdf__stop || overdue) && stopping == 0) {
      mdf__proc_kill(p, SIGTERM);
      stopping = 1;
      last = now;
    } else if (stopping == 1 && now - last > 10.0) {
      mdf__proc_kill(p, SIGKILL);
      stopping = 2;
    }
    if (!o->quiet && now - last >= every && !stopping) {
      last = now;
      progress(el, o->time_s, &rs->st, mdf__snap_diff(findings, snap, NULL, NULL));
    }
  }
  if (!o->quiet)
    progress(mdf__now() - start, o->time_s, &rs->st, mdf__snap_diff(findings, snap, NULL, NULL));
  if (rs->cur.artifact[0])
    flush(rs);
  mdf_triage_finding_end(&rs->cur);
  *leftover = rs->cur;
  *st_out = rs->st;
  *child_status = p->status;
  rc = 0;
out:
  if (log)
    fclose(log);
  free(argv);
  free(rs);
  free(p);
  return rc;
}

int mdf__cmd_fuzz(const mdf__opts_t *o) {
  char driver[256], exp[256], build[MDF_TRIAGE_PATH], bin[MDF_TRIAGE_PATH], top[MDF_TRIAGE_PATH];
  char findings[MDF_TRIAGE_PATH], corpus[MDF_TRIAGE_PATH], dict[MDF_TRIAGE_PATH],
      seeds[MDF_TRIAGE_PATH];
  char log_path[MDF_TRIAGE_PATH], work[MDF_TRIAGE_PATH];
  int rc = MDF__EXIT_CANNOT_RUN, status = 0;
  mdf_triage_findings_t *fs = calloc(1, sizeof *fs);
  mdf__snap_t *snap = calloc(1, sizeof *snap);
  mdf_triage_finding_t *left = calloc(1, sizeof *left);
  mdf_triage_status_t st;
  memset(&st, 0, sizeof st);
  if (!fs || !snap || !left)
    goto out;
  if (mdf_triage_split_target(o->target, driver, sizeof driver, exp, sizeof exp) != MDF_OK) {
    fprintf(stderr, "mdfuzz: bad target name '%s' (expected NAME-EXPORT)\n", o->target);
    goto out;
  }
  const char *engine = o->engine == MDF__ENGINE_AFL ? "afl" : "libfuzzer";
  mdf__build_dir(o, engine, build, sizeof build);
  if (mdf__pathf(top, sizeof top, "%s/bin/fuzz-%s", build, o->target) != MDF_OK)
    goto too_long;
  mdf__abspath(top, bin, sizeof bin);
  if (!mdf__is_exec(bin)) {
    fprintf(stderr, "mdfuzz: no fuzz target at %s (build the %s preset, or set --build-dir)\n", bin,
            engine);
    goto out;
  }
  mdf__abspath(o->work_dir, work, sizeof work);
  if (mdf__pathf(top, sizeof top, "%s/%s", work, o->target) != MDF_OK ||
      mdf__pathf(findings, sizeof findings, "%s/findings", top) != MDF_OK ||
      mdf__pathf(corpus, sizeof corpus, "%s/corpus", top) != MDF_OK ||
      mdf__pathf(log_path, sizeof log_path, "%s/fuzz.log", top) != MDF_OK)
    goto too_long;
  /* The findings dir exists before the engine starts, so no artifact is lost. */
  if (mdf__mkdirs(findings) != MDF_OK || mdf__mkdirs(corpus) != MDF_OK) {
    fprintf(stderr, "mdfuzz: cannot create %s: %s\n", top, strerror(errno));
    goto out;
  }
  snprintf(seeds, sizeof seeds, "%s/corpus/%s", mdf__source_dir(), exp);
  if (exp[0] && mdf__copy_seeds(seeds, corpus) != MDF_OK)
    fprintf(stderr, "mdfuzz: warning: could not copy all seeds from %s\n", seeds);
  snprintf(dict, sizeof dict, "%s/fuzzers/dict/%s.dict", mdf__source_dir(), exp);
  const char *dictp = exp[0] && access(dict, R_OK) == 0 ? dict : NULL;
  mdf__snap_take(findings, snap);
  if (!o->quiet)
    fprintf(stderr, "mdfuzz: fuzzing %s with %s for %lus; work dir %s\n", o->target, engine,
            o->time_s, top);
  double start = mdf__now();
  if (o->engine == MDF__ENGINE_AFL) {
    rc = mdf__cmd_afl(o, bin, top, corpus, dictp, fs, &st);
    if (rc != 0)
      goto out;
  } else {
    rc = run_libfuzzer(o, bin, findings, snap, corpus, dictp, log_path, fs, left, &st, &status);
    if (rc != 0)
      goto out;
    art_ctx_t a = {fs, bin};
    mdf__snap_diff(findings, snap, on_artifact, &a);
    if (left->found && fs->n == 0)
      mdf_triage_findings_add(fs, left, "");
    if (fs->n == 0 && status != 0 && !mdf__stop) {
      fprintf(stderr, "mdfuzz: %s exited with status %d without a finding; see %s\n", bin, status,
              log_path);
      rc = MDF__EXIT_CANNOT_RUN;
      goto out;
    }
  }
  printf("mdfuzz: %s: %u finding(s) in %.0f s%s", o->target, fs->n, mdf__now() - start,
         mdf__stop ? " (interrupted)" : "");
  if (st.execs)
    printf(", %llu execs", (unsigned long long)st.execs);
  if (o->engine != MDF__ENGINE_AFL)
    printf("; log %s", log_path);
  printf("\n");
  {
    mdf_triage_report_ctx_t base = {
        .target = o->target, .build_dir = o->build_dir, .self = mdf__self()};

    mdf_triage_findings_print(stdout, fs, &base);
  }
  rc = fs->n ? MDF__EXIT_FINDING : MDF__EXIT_OK;
  goto out;
too_long:
  fprintf(stderr, "mdfuzz: path too long under %s\n", o->work_dir);
  rc = MDF__EXIT_CANNOT_RUN;
out:
  free(fs);
  free(snap);
  free(left);
  return rc;
}
