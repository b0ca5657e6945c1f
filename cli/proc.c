/* Child processes: posix_spawn (no shell), output read through poll(),
 * one process group per child so that stopping it also stops its workers
 * (libFuzzer -fork jobs). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli_int.h"
#include "mdfuzz/common/finding_ids.h"

extern char **environ;

volatile sig_atomic_t mdf__stop = 0;

static void on_signal(int sig) {
  (void)sig;
  if (mdf__stop < 100)
    mdf__stop++;
}

void mdf__install_signals(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  /* No SA_RESTART: poll() must return so the runner sees the flag. */
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  signal(SIGPIPE, SIG_IGN);
}

mdf_err_t mdf__proc_spawn(mdf__proc_t *p, char *const argv[], int capture, const char *log_path) {
  mdf_err_t err = MDF_ECHILD;
  int pipefd[2] = {-1, -1};
  posix_spawn_file_actions_t fa;
  posix_spawnattr_t attr;
  if (!p || !argv || !argv[0])
    return MDF_EINVAL;
  FILE *log = p->log;
  memset(p, 0, sizeof *p);
  p->log = log;
  p->fd = -1;
  p->pid = -1;
  posix_spawn_file_actions_init(&fa);
  posix_spawnattr_init(&attr);
  if (capture) {
    if (pipe2(pipefd, O_CLOEXEC) != 0)
      goto out;
    posix_spawn_file_actions_adddup2(&fa, pipefd[1], 1);
    posix_spawn_file_actions_adddup2(&fa, pipefd[1], 2);
  } else {
    const char *path = log_path ? log_path : "/dev/null";
    posix_spawn_file_actions_addopen(&fa, 1, path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&fa, 1, 2);
  }
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  sigset_t none, dflt;
  sigemptyset(&none);
  sigemptyset(&dflt);
  sigaddset(&dflt, SIGINT);
  sigaddset(&dflt, SIGTERM);
  sigaddset(&dflt, SIGPIPE);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &dflt);
  posix_spawnattr_setpgroup(&attr, 0);
  posix_spawnattr_setflags(&attr,
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  pid_t pid;
  if (posix_spawn(&pid, argv[0], &fa, &attr, argv, environ) != 0)
    goto out;
  p->pid = pid;
  if (capture) {
    p->fd = pipefd[0];
    pipefd[0] = -1;
  }
  err = MDF_OK;
out:
  if (pipefd[0] >= 0)
    close(pipefd[0]);
  if (pipefd[1] >= 0)
    close(pipefd[1]);
  posix_spawn_file_actions_destroy(&fa);
  posix_spawnattr_destroy(&attr);
  return err;
}

static void deliver(mdf__proc_t *p, mdf__line_cb cb, void *ud, int flush) {
  size_t start = 0;
  for (size_t i = 0; i < p->len; i++) {
    if (p->buf[i] != '\n')
      continue;
    p->buf[i] = '\0';
    if (i > start && p->buf[i - 1] == '\r')
      p->buf[i - 1] = '\0';
    if (cb)
      cb(ud, p->buf + start);
    start = i + 1;
  }
  /* An over-long line is cut rather than stalling the pipe. */
  if (start == 0 && (p->len == sizeof p->buf - 1 || (flush && p->len))) {
    p->buf[p->len] = '\0';
    if (cb)
      cb(ud, p->buf);
    start = p->len;
  }
  memmove(p->buf, p->buf + start, p->len - start);
  p->len -= start;
}

static void reap(mdf__proc_t *p, int block) {
  if (p->exited || p->pid <= 0)
    return;
  int st;
  pid_t r;
  do {
    r = waitpid(p->pid, &st, block ? 0 : WNOHANG);
  } while (r < 0 && errno == EINTR && block);
  if (r == p->pid) {
    p->exited = 1;
    p->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
  } else if (r < 0 && errno == ECHILD) {
    p->exited = 1;
    p->status = 128;
  }
}

int mdf__proc_pump(mdf__proc_t *p, int timeout_ms, mdf__line_cb cb, void *ud) {
  if (p->fd < 0) {
    reap(p, 0);
    if (!p->exited && timeout_ms > 0) {
      poll(NULL, 0, timeout_ms);
      reap(p, 0);
    }
    return p->exited;
  }
  struct pollfd pfd = {.fd = p->fd, .events = POLLIN};
  int r = poll(&pfd, 1, timeout_ms);
  if (r > 0) {
    ssize_t n = read(p->fd, p->buf + p->len, sizeof p->buf - 1 - p->len);
    if (n > 0) {
      if (p->log)
        fwrite(p->buf + p->len, 1, (size_t)n, p->log);
      p->len += (size_t)n;
      deliver(p, cb, ud, 0);
    } else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
      deliver(p, cb, ud, 1);
      close(p->fd);
      p->fd = -1;
      if (p->log)
        fflush(p->log);
      reap(p, 1);
      return 1;
    }
  }
  return 0;
}

void mdf__proc_kill(mdf__proc_t *p, int sig) {
  if (p && p->pid > 0 && !p->exited)
    kill(-p->pid, sig);
}

static void feed_cb(void *ud, const char *line) {
  mdf_triage_finding_feed(ud, line);
}

mdf_err_t mdf__run_parse(char *const argv[], unsigned timeout_s, int stop_level,
                         mdf_triage_finding_t *f, int *status) {
  mdf__proc_t *p = calloc(1, sizeof *p);
  if (!p)
    return MDF_ENOMEM;
  memset(f, 0, sizeof *f);
  *status = 0;
  mdf_err_t err = mdf__proc_spawn(p, argv, 1, NULL);
  if (err != MDF_OK)
    goto out;
  double start = mdf__now();
  int killed = 0;
  while (!mdf__proc_pump(p, 200, feed_cb, f)) {
    double el = mdf__now() - start;
    if (!killed && ((timeout_s && el > timeout_s) || mdf__stop >= stop_level)) {
      mdf__proc_kill(p, SIGKILL);
      killed = 1;
      if (mdf__stop < stop_level && !f->found) {
        /* The run did not end by itself: a hang the target did not report. */
        snprintf(f->san_class, sizeof f->san_class, "%s", MDF_FINDING_ID(HANG));
        snprintf(f->what, sizeof f->what, "no result after %u s", timeout_s);
        f->found = 1;
      }
    }
  }
  mdf_triage_finding_end(f);
  *status = p->status;
out:
  free(p);
  return err;
}
