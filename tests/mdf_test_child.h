/* Run a function in a child process and capture its stderr: findings abort,
 * so oracle tests assert on the child's "mdfuzz: <ID>: " line. */
#ifndef MDF_TEST_CHILD_H
#define MDF_TEST_CHILD_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct mdf_child_result {
  int exited; /* exited normally */
  int status; /* exit code, or signal number */
  char err[16384];
} mdf_child_result_t;

static inline void mdf_run_child(void (*fn)(void *), void *arg, mdf_child_result_t *r) {
  int fds[2];
  pid_t pid;
  size_t used = 0;
  ssize_t n;
  int st = 0;

  memset(r, 0, sizeof(*r));
  fflush(stdout);
  fflush(stderr);
  if (pipe(fds) != 0)
    abort();
  pid = fork();
  if (pid < 0)
    abort();
  if (pid == 0) {
    close(fds[0]);
    dup2(fds[1], 2);
    fn(arg);
    fflush(stderr);
    _exit(0);
  }
  close(fds[1]);
  while ((n = read(fds[0], r->err + used, sizeof(r->err) - 1 - used)) > 0)
    used += (size_t)n;
  close(fds[0]);
  r->err[used] = '\0';
  waitpid(pid, &st, 0);
  r->exited = WIFEXITED(st);
  r->status = WIFEXITED(st) ? WEXITSTATUS(st) : WIFSIGNALED(st) ? WTERMSIG(st) : -1;
}

/* The first "mdfuzz: X: " line that is not the context line, or NULL. */
static inline const char *mdf_child_finding(const mdf_child_result_t *r) {
  const char *p = r->err;

  while ((p = strstr(p, "mdfuzz: ")) != NULL) {
    if ((p == r->err || p[-1] == '\n') && strncmp(p, "mdfuzz: context:", 16) != 0)
      return p;
    p++;
  }
  return NULL;
}

static inline int mdf_child_has(const mdf_child_result_t *r, const char *prefix) {
  const char *f = mdf_child_finding(r);

  return f != NULL && strncmp(f, prefix, strlen(prefix)) == 0;
}

#endif
