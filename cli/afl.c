/* `mdfuzz fuzz --engine afl`: afl-fuzz instances (-M main, -S secN for
 * --jobs), progress from their fuzzer_stats, findings from crashes/. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_int.h"

#define MAX_AFL_JOBS 16

static void instance_name(unsigned long jobs, unsigned i, char *buf, size_t cap) {
  if (jobs <= 1)
    snprintf(buf, cap, "default");
  else if (i == 0)
    snprintf(buf, cap, "main");
  else
    snprintf(buf, cap, "sec%u", i);
}

static void sum_stats(const char *out_dir, unsigned long jobs, mdf_triage_status_t *sum) {
  char path[MDF_TRIAGE_PATH], name[32], text[8192];
  memset(sum, 0, sizeof *sum);
  for (unsigned i = 0; i < jobs; i++) {
    instance_name(jobs, i, name, sizeof name);
    int len = snprintf(path, sizeof path, "%s/%s/fuzzer_stats", out_dir, name);
    if (len < 0 || (size_t)len >= sizeof path)
      continue; /* a path that does not fit cannot name the file */
    FILE *f = fopen(path, "r");
    if (!f)
      continue;
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    mdf_triage_status_t one;
    memset(&one, 0, sizeof one);
    if (mdf_triage_parse_afl_stats(text, &one) != MDF_OK)
      continue;
    sum->execs += one.execs;
    sum->exec_per_sec += one.exec_per_sec;
    sum->crashes += one.crashes;
    if (one.corp_units > sum->corp_units)
      sum->corp_units = one.corp_units;
    if (!sum->bitmap[0])
      memcpy(sum->bitmap, one.bitmap, sizeof sum->bitmap);
    sum->seen = 1;
  }
}

typedef struct crash_ctx {
  mdf_triage_findings_t *fs;
  const char *bin;
} crash_ctx_t;

static void on_crash(void *ud, const char *path) {
  crash_ctx_t *c = ud;
  const char *b = strrchr(path, '/');
  if (b && strncmp(b + 1, "id:", 3) == 0) /* skip crashes/README.txt */
    mdf__findings_add_artifact(c->fs, c->bin, path);
}

int mdf__cmd_afl(const mdf__opts_t *o, const char *bin, const char *top, const char *corpus,
                 const char *dict, mdf_triage_findings_t *fs, mdf_triage_status_t *final) {
  char out_dir[MDF_TRIAGE_PATH], path[MDF_TRIAGE_PATH], name[32], a_time[32], a_seed[32],
      a_timeout[32];
  unsigned long jobs = o->jobs ? o->jobs : 1;
  int rc = MDF__EXIT_CANNOT_RUN;
  if (jobs > MAX_AFL_JOBS)
    jobs = MAX_AFL_JOBS;
  mdf__proc_t *procs = calloc(jobs, sizeof *procs);
  mdf__snap_t *snaps = calloc(jobs, sizeof *snaps);
  char **argv = calloc((size_t)o->n_engine_args + 24, sizeof *argv);
  if (!procs || !snaps || !argv)
    goto out;
  snprintf(out_dir, sizeof out_dir, "%s/afl", top);
  if (mdf__mkdirs(out_dir) != MDF_OK) {
    fprintf(stderr, "mdfuzz: cannot create %s: %s\n", out_dir, strerror(errno));
    goto out;
  }
  /* afl-fuzz refuses an empty input dir. */
  snprintf(path, sizeof path, "%s/seed-empty", corpus);
  if (mdf__snap_diff(corpus, NULL, NULL, NULL) == 0) {
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      (void)!write(fd, "\0", 1);
      close(fd);
    }
  }
  /* Containers: no core_pattern handler, no cpufreq; plain log lines; resume. */
  setenv("AFL_SKIP_CPUFREQ", "1", 1);
  setenv("AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES", "1", 1);
  setenv("AFL_NO_UI", "1", 1);
  setenv("AFL_AUTORESUME", "1", 1);
  if (o->until_finding)
    setenv("AFL_BENCH_UNTIL_CRASH", "1", 1);
  double start = mdf__now();
  for (unsigned i = 0; i < jobs; i++) {
    int n = 0;
    instance_name(jobs, i, name, sizeof name);
    if (mdf__pathf(path, sizeof path, "%s/%s/crashes", out_dir, name) != MDF_OK)
      goto out;
    mdf__snap_take(path, &snaps[i]);
    argv[n++] = "/usr/bin/afl-fuzz";
    snprintf(a_timeout, sizeof a_timeout, "%lu000", o->timeout_s);
    argv[n++] = "-t";
    argv[n++] = a_timeout;
    if (o->time_s) {
      snprintf(a_time, sizeof a_time, "%lu", o->time_s);
      argv[n++] = "-V";
      argv[n++] = a_time;
    }
    if (o->seed_set) {
      snprintf(a_seed, sizeof a_seed, "%lu", o->seed + i);
      argv[n++] = "-s";
      argv[n++] = a_seed;
    }
    if (dict) {
      argv[n++] = "-x";
      argv[n++] = (char *)dict;
    }
    if (jobs > 1) {
      argv[n++] = i == 0 ? "-M" : "-S";
      argv[n++] = name;
    }
    argv[n++] = "-i";
    argv[n++] = (char *)corpus;
    argv[n++] = "-o";
    argv[n++] = out_dir;
    for (int k = 0; k < o->n_engine_args; k++)
      argv[n++] = o->engine_args[k];
    argv[n++] = "--";
    argv[n++] = (char *)bin;
    argv[n] = NULL;
    snprintf(path, sizeof path, "%s/afl-%s.log", top, name);
    if (access(argv[0], X_OK) != 0 || mdf__proc_spawn(&procs[i], argv, 0, path) != MDF_OK) {
      fprintf(stderr, "mdfuzz: cannot run %s: %s\n", argv[0], strerror(errno));
      for (unsigned k = 0; k < i; k++)
        mdf__proc_kill(&procs[k], SIGKILL);
      goto out;
    }
  }
  double last = start;
  int stopping = 0;
  mdf_triage_status_t st;
  for (;;) {
    int alive = 0;
    for (unsigned i = 0; i < jobs; i++)
      alive += !mdf__proc_pump(&procs[i], i == 0 ? 250 : 0, NULL, NULL);
    if (!alive)
      break;
    double now = mdf__now();
    int overdue = o->time_s && now - start > (double)o->time_s + 60.0;
    if ((mdf__stop || overdue) && !stopping) {
      for (unsigned i = 0; i < jobs; i++)
        mdf__proc_kill(&procs[i], SIGTERM);
      stopping = 1;
    }
    if (!o->quiet && !stopping && now - last >= 5.0) {
      last = now;
      sum_stats(out_dir, jobs, &st);
      fprintf(stderr,
              "mdfuzz: [%4.0fs] execs %llu  exec/s %llu  bitmap %s  corpus %u  findings %u\n",
              now - start, (unsigned long long)st.execs, (unsigned long long)st.exec_per_sec,
              st.bitmap[0] ? st.bitmap : "?", st.corp_units, st.crashes);
    }
  }
  /* afl-fuzz writes its last fuzzer_stats on exit: the totals of the run. */
  sum_stats(out_dir, jobs, final);
  crash_ctx_t c = {fs, bin};
  for (unsigned i = 0; i < jobs; i++) {
    instance_name(jobs, i, name, sizeof name);
    if (mdf__pathf(path, sizeof path, "%s/%s/crashes", out_dir, name) == MDF_OK)
      mdf__snap_diff(path, &snaps[i], on_crash, &c);
  }
  rc = 0;
out:
  free(procs);
  free(snaps);
  free(argv);
  return rc;
}
