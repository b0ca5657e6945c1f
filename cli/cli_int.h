/* Internals shared by the mdfuzz command's files (not installed). */
#ifndef MDFUZZ_CLI_INT_H
#define MDFUZZ_CLI_INT_H

#include <signal.h>
#include <stdio.h>
#include <sys/types.h>

#include "mdfuzz/triage/triage.h"

/* Exit statuses of the mdfuzz command. */
enum { MDF__EXIT_OK = 0, MDF__EXIT_FINDING = 1, MDF__EXIT_USAGE = 2, MDF__EXIT_CANNOT_RUN = 3 };

enum { MDF__ENGINE_LIBFUZZER = 0, MDF__ENGINE_AFL = 1 };

typedef struct mdf__opts {
  const char *cmd;      /* "fuzz", "replay", "list", "ids" */
  const char *target;   /* NAME-EXPORT */
  unsigned long time_s; /* fuzz time limit; 0 = until interrupted */
  int engine;
  unsigned long jobs;
  int seed_set;
  unsigned long seed;
  unsigned long timeout_s; /* per-input time limit: a longer input is a hang finding */
  const char *build_dir;   /* --build-dir, or NULL */
  const char *work_dir;
  int until_finding, quiet, help, version;
  int markdown;       /* ids --markdown */
  char **engine_args; /* after "--" */
  int n_engine_args;
  char **inputs; /* replay FILE|DIR... */
  int n_inputs;
} mdf__opts_t;

/* Parse argv into o.  On a usage error returns MDF_EUSAGE with a one-line
 * message in msg (no "mdfuzz: " prefix, no hint). */
mdf_err_t mdf__parse_args(int argc, char **argv, mdf__opts_t *o, char *msg, size_t cap);
void mdf__print_help(FILE *out, const char *cmd);

/* Counts SIGINT/SIGTERM: at 1 the fuzz runner stops its child and still
 * reports (replaying artifacts); a second signal also stops the replays. */
extern volatile sig_atomic_t mdf__stop;
void mdf__install_signals(void);

/* A child process in its own process group, stdout+stderr captured
 * through a pipe (fd) or sent to a log file (fd = -1). */
typedef struct mdf__proc {
  pid_t pid;
  int fd;
  int exited;
  int status; /* exit code, or 128+signal */
  FILE *log;  /* captured output is copied here when non-NULL */
  size_t len;
  char buf[4096]; /* partial line */
} mdf__proc_t;

typedef void (*mdf__line_cb)(void *ud, const char *line);

/* Start argv[0] (a path, no shell).  capture: pipe output to us; else
 * output goes to log_path (or /dev/null when NULL). */
mdf_err_t mdf__proc_spawn(mdf__proc_t *p, char *const argv[], int capture, const char *log_path);
/* Wait up to timeout_ms for output or exit; deliver whole lines to cb.
 * Returns 1 once the child has exited and its output is drained. */
int mdf__proc_pump(mdf__proc_t *p, int timeout_ms, mdf__line_cb cb, void *ud);
/* Signal the child's process group. */
void mdf__proc_kill(mdf__proc_t *p, int sig);
/* Run to completion, killing it after timeout_s (0 = none) or once
 * mdf__stop >= stop_level; output parsed into f. */
mdf_err_t mdf__run_parse(char *const argv[], unsigned timeout_s, int stop_level,
                         mdf_triage_finding_t *f, int *status);

/* Paths. */
/* snprintf for paths: MDF_ESPACE when the result does not fit in cap. */
mdf_err_t mdf__pathf(char *buf, size_t cap, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
const char *mdf__source_dir(void);
/* Absolute path of this mdfuzz executable (for replay commands in reports);
 * "mdfuzz" if it cannot be found. */
const char *mdf__self(void);
/* Resolve the build dir for an engine name ("libfuzzer", "afl", "standalone"). */
void mdf__build_dir(const mdf__opts_t *o, const char *engine, char *buf, size_t cap);
int mdf__is_exec(const char *path);
int mdf__is_dir(const char *path);
mdf_err_t mdf__mkdirs(const char *path);
void mdf__abspath(const char *path, char *buf, size_t cap);
/* Copy regular files of src into dst when dst lacks them. Missing src is fine. */
mdf_err_t mdf__copy_seeds(const char *src, const char *dst);
double mdf__now(void);

/* New or changed regular files of a dir since a snapshot. */
typedef struct mdf__snap {
  unsigned n;
  struct {
    char name[256];
    long long mtime_ns;
  } e[512];
} mdf__snap_t;
void mdf__snap_take(const char *dir, mdf__snap_t *s);
/* Calls cb(ud, full_path) for each file not in s (or with a newer mtime); returns count. */
unsigned mdf__snap_diff(const char *dir, const mdf__snap_t *s, void (*cb)(void *, const char *),
                        void *ud);

/* Details for artifact files that no parsed output described: replay each
 * with bin (cli/artifacts.c). */
void mdf__findings_add_artifact(mdf_triage_findings_t *fs, const char *bin, const char *path);

int mdf__cmd_fuzz(const mdf__opts_t *o);
/* Run afl-fuzz; *final gets the instances' summed fuzzer_stats at exit. */
int mdf__cmd_afl(const mdf__opts_t *o, const char *bin, const char *out_dir, const char *corpus,
                 const char *dict, mdf_triage_findings_t *fs, mdf_triage_status_t *final);
int mdf__cmd_replay(const mdf__opts_t *o);
int mdf__cmd_list(const mdf__opts_t *o);
/* `mdfuzz ids`: every finding ID with its title (cli/ids.c). */
int mdf__cmd_ids(const mdf__opts_t *o, FILE *out);

#endif
