/* Paths and files for the mdfuzz command. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli_int.h"

#ifndef MDFUZZ_SOURCE_DIR
#define MDFUZZ_SOURCE_DIR "."
#endif

mdf_err_t mdf__pathf(char *buf, size_t cap, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, cap, fmt, ap);
  va_end(ap);
  return n < 0 || (size_t)n >= cap ? MDF_ESPACE : MDF_OK;
}

const char *mdf__self(void) {
  static char path[MDF_TRIAGE_PATH];
  ssize_t n;

  if (path[0])
    return path;
  n = readlink("/proc/self/exe", path, sizeof(path) - 1);
  if (n <= 0 || (size_t)n >= sizeof(path) - 1) {
    path[0] = '\0';
    return "mdfuzz";
  }
  path[n] = '\0';
  return path;
}

const char *mdf__source_dir(void) {
  /* The environment wins so a relocated checkout (and the tests) can point elsewhere. */
  const char *env = getenv("MDFUZZ_SOURCE_DIR");
  return env && env[0] ? env : MDFUZZ_SOURCE_DIR;
}

void mdf__build_dir(const mdf__opts_t *o, const char *engine, char *buf, size_t cap) {
  const char *env = getenv("MDFUZZ_BUILD_DIR");
  if (o && o->build_dir)
    snprintf(buf, cap, "%s", o->build_dir);
  else if (env && env[0])
    snprintf(buf, cap, "%s", env);
  else
    snprintf(buf, cap, "%s/build/%s", mdf__source_dir(), engine);
}

int mdf__is_exec(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

int mdf__is_dir(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

mdf_err_t mdf__mkdirs(const char *path) {
  char tmp[MDF_TRIAGE_PATH];
  if (!path || snprintf(tmp, sizeof tmp, "%s", path) >= (int)sizeof tmp)
    return MDF_EINVAL;
  for (char *p = tmp + 1; *p; p++) {
    if (*p != '/')
      continue;
    *p = '\0';
    if (mkdir(tmp, 0755) != 0 && errno != EEXIST)
      return MDF_EIO;
    *p = '/';
  }
  if (mkdir(tmp, 0755) != 0 && errno != EEXIST)
    return MDF_EIO;
  return mdf__is_dir(tmp) ? MDF_OK : MDF_EIO;
}

void mdf__abspath(const char *path, char *buf, size_t cap) {
  char cwd[MDF_TRIAGE_PATH];
  if (path[0] == '/' || !getcwd(cwd, sizeof cwd))
    snprintf(buf, cap, "%s", path);
  else
    snprintf(buf, cap, "%s/%s", cwd, path[0] == '.' && path[1] == '/' ? path + 2 : path);
}

static mdf_err_t copy_file(const char *from, const char *to) {
  mdf_err_t err = MDF_EIO;
  int in = open(from, O_RDONLY | O_CLOEXEC);
  int out = -1;
  char buf[8192];
  if (in < 0)
    goto out;
  out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (out < 0) {
    err = errno == EEXIST ? MDF_OK : MDF_EIO;
    goto out;
  }
  for (;;) {
    ssize_t n = read(in, buf, sizeof buf);
    if (n < 0)
      goto out;
    if (n == 0)
      break;
    if (write(out, buf, (size_t)n) != n)
      goto out;
  }
  err = MDF_OK;
out:
  if (in >= 0)
    close(in);
  if (out >= 0)
    close(out);
  return err;
}

mdf_err_t mdf__copy_seeds(const char *src, const char *dst) {
  DIR *d = opendir(src);
  if (!d)
    return MDF_OK; /* a target without committed seeds starts empty */
  mdf_err_t err = MDF_OK;
  struct dirent *de;
  char from[MDF_TRIAGE_PATH], to[MDF_TRIAGE_PATH];
  while ((de = readdir(d)) != NULL) {
    if (de->d_name[0] == '.')
      continue;
    snprintf(from, sizeof from, "%s/%s", src, de->d_name);
    snprintf(to, sizeof to, "%s/%s", dst, de->d_name);
    struct stat st;
    if (stat(from, &st) != 0 || !S_ISREG(st.st_mode))
      continue;
    if (copy_file(from, to) != MDF_OK)
      err = MDF_EIO;
  }
  closedir(d);
  return err;
}

double mdf__now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long long mtime_ns(const struct stat *st) {
  return (long long)st->st_mtim.tv_sec * 1000000000LL + st->st_mtim.tv_nsec;
}

void mdf__snap_take(const char *dir, mdf__snap_t *s) {
  s->n = 0;
  DIR *d = opendir(dir);
  if (!d)
    return;
  struct dirent *de;
  char path[MDF_TRIAGE_PATH];
  while ((de = readdir(d)) != NULL && s->n < sizeof s->e / sizeof s->e[0]) {
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
    if (de->d_name[0] == '.' || stat(path, &st) != 0 || !S_ISREG(st.st_mode))
      continue;
    snprintf(s->e[s->n].name, sizeof s->e[s->n].name, "%s", de->d_name);
    s->e[s->n].mtime_ns = mtime_ns(&st);
    s->n++;
  }
  closedir(d);
}

unsigned mdf__snap_diff(const char *dir, const mdf__snap_t *s, void (*cb)(void *, const char *),
                        void *ud) {
  unsigned count = 0;
  DIR *d = opendir(dir);
  if (!d)
    return 0;
  struct dirent *de;
  char path[MDF_TRIAGE_PATH];
  while ((de = readdir(d)) != NULL) {
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
    if (de->d_name[0] == '.' || stat(path, &st) != 0 || !S_ISREG(st.st_mode))
      continue;
    int old = 0;
    for (unsigned i = 0; s && i < s->n && !old; i++)
      old = strcmp(s->e[i].name, de->d_name) == 0 && s->e[i].mtime_ns == mtime_ns(&st);
    if (old)
      continue;
    count++;
    if (cb)
      cb(ud, path);
  }
  closedir(d);
  return count;
}
