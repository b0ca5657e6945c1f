/* Shared by the cli tests: run a command, capture its output. */
#ifndef TEST_CLI_HELPERS_H
#define TEST_CLI_HELPERS_H

#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static inline char *slurp(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *s = calloc(1, (size_t)n + 1);
  if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
    free(s);
    s = NULL;
  }
  fclose(f);
  return s;
}

/* Run argv (no shell) with stdout/stderr captured into malloc'd strings.
 * Returns the exit status, 128+signal, or -1 if it could not start. */
static inline int run_capture(char *const argv[], char **out, char **err) {
  char o_path[] = "/tmp/mdf-cli-out-XXXXXX", e_path[] = "/tmp/mdf-cli-err-XXXXXX";
  int ofd = mkstemp(o_path), efd = mkstemp(e_path), st = 0, rc = -1;
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, ofd, 1);
  posix_spawn_file_actions_adddup2(&fa, efd, 2);
  pid_t pid;
  if (posix_spawn(&pid, argv[0], &fa, NULL, argv, environ) == 0 && waitpid(pid, &st, 0) == pid)
    rc = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
  posix_spawn_file_actions_destroy(&fa);
  close(ofd);
  close(efd);
  char *o = slurp(o_path), *e = slurp(e_path);
  unlink(o_path);
  unlink(e_path);
  if (out)
    *out = o;
  else
    free(o);
  if (err)
    *err = e;
  else
    free(e);
  return rc;
}

static inline unsigned count_lines(const char *s) {
  unsigned n = 0;
  for (; s && *s; s++)
    n += *s == '\n';
  return n;
}

#endif
