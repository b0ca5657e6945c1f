/* The standalone engine (fuzzers/engine/standalone_main.c) against a toy target:
 * replay of files and directories, -runs/-seed determinism, the one-line
 * error for an unreadable file, crash artifacts, timeouts, unknown flags. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct run {
  int status; /* exit code, or 128 + signal */
  char out[65536];
  char err[65536];
} run_t;

static char g_dir[256];

static void slurp(const char *path, char *buf, size_t cap) {
  FILE *f = fopen(path, "rb");
  size_t n = 0;

  buf[0] = '\0';
  if (f == NULL)
    return;
  n = fread(buf, 1, cap - 1, f);
  buf[n] = '\0';
  fclose(f);
}

/* Run the toy with argv (NULL-terminated), TOY_LOG=log (may be NULL). */
static void run(run_t *r, const char *log, const char *const *args) {
  char out[512], err[512];
  pid_t pid;
  int st = 0;

  snprintf(out, sizeof(out), "%s/stdout", g_dir);
  snprintf(err, sizeof(err), "%s/stderr", g_dir);
  fflush(stdout);
  pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    const char *argv[16] = {TOY_PATH};
    int i;

    for (i = 0; args[i] != NULL && i < 14; i++)
      argv[i + 1] = args[i];
    if (!freopen(out, "w", stdout) || !freopen(err, "w", stderr))
      _exit(99);
    if (log != NULL)
      setenv("TOY_LOG", log, 1);
    else
      unsetenv("TOY_LOG");
    execv(TOY_PATH, (char *const *)argv);
    _exit(98);
  }
  waitpid(pid, &st, 0);
  r->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
  slurp(out, r->out, sizeof(r->out));
  slurp(err, r->err, sizeof(r->err));
}

static void write_file(const char *name, const void *data, size_t len) {
  char path[512];
  FILE *f;

  snprintf(path, sizeof(path), "%s/%s", g_dir, name);
  f = fopen(path, "wb");
  assert_non_null(f);
  assert_int_equal(fwrite(data, 1, len, f), len);
  fclose(f);
}

static const char *path(const char *name) {
  static char buf[4][512];
  static int i;

  i = (i + 1) % 4;
  snprintf(buf[i], sizeof(buf[i]), "%s/%s", g_dir, name);
  return buf[i];
}

static int setup(void **state) {
  (void)state;
  snprintf(g_dir, sizeof(g_dir), "/tmp/mdf-standalone-XXXXXX");
  if (mkdtemp(g_dir) == NULL)
    return -1;
  mkdir(path("corpus"), 0755);
  mkdir(path("art"), 0755);
  write_file("corpus/a", "abc", 3);
  write_file("corpus/b", "hello world", 11);
  write_file("corpus/empty", "", 0);
  write_file("crash", "CRASH!", 6);
  write_file("hang", "HANG", 4);
  return 0;
}

static int teardown(void **state) {
  char cmd[600];

  (void)state;
  snprintf(cmd, sizeof(cmd), "rm -rf '%s'", g_dir);
  return system(cmd) == 0 ? 0 : -1;
}

static void test_replay(void **state) {
  static run_t r;
  char line[600];
  const char *args[] = {path("corpus"), NULL};

  (void)state;
  run(&r, NULL, args);
  assert_int_equal(r.status, 0);
  snprintf(line, sizeof(line), "Running: %s/corpus/a (3 bytes)\n", g_dir);
  assert_non_null(strstr(r.out, line));
  snprintf(line, sizeof(line), "Running: %s/corpus/empty (0 bytes)\n", g_dir);
  assert_non_null(strstr(r.out, line));
  assert_non_null(strstr(r.out, "Executed 3 file(s)"));
}

static void test_unreadable(void **state) {
  static run_t r;
  const char *args[] = {"/nonexistent/mdf-input", NULL};

  (void)state;
  run(&r, NULL, args);
  assert_int_equal(r.status, 2);
  assert_string_equal(r.err, "standalone: /nonexistent/mdf-input: No such file or directory\n");
}

static void test_runs_deterministic(void **state) {
  static run_t r;
  static char log1[65536], log2[65536], log3[65536];
  const char *args7[] = {"-runs=300", "-seed=7", path("corpus"), NULL};
  const char *args8[] = {"-runs=300", "-seed=8", path("corpus"), NULL};

  (void)state;
  run(&r, path("log1"), args7);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.out, "and 300 generated input(s) (seed 7)"));
  run(&r, path("log2"), args7);
  run(&r, path("log3"), args8);
  slurp(path("log1"), log1, sizeof(log1));
  slurp(path("log2"), log2, sizeof(log2));
  slurp(path("log3"), log3, sizeof(log3));
  assert_true(strlen(log1) > 300 * 5);
  assert_string_equal(log1, log2);
  assert_true(strcmp(log1, log3) != 0);
  /* seeds first */
  assert_int_equal(strncmp(log1, "3 ", 2), 0);
}

static void test_crash_artifact(void **state) {
  static run_t r;
  char prefix[600], content[64];
  const char *args[] = {prefix, path("crash"), NULL};
  DIR *d;
  struct dirent *e;
  int found = 0;

  (void)state;
  snprintf(prefix, sizeof(prefix), "-artifact_prefix=%s/art/", g_dir);
  run(&r, NULL, args);
  assert_int_not_equal(r.status, 0);
  assert_non_null(strstr(r.err, "standalone: crash input written to "));
  d = opendir(path("art"));
  assert_non_null(d);
  while ((e = readdir(d)) != NULL) {
    char p[600];

    if (strncmp(e->d_name, "crash-", 6) != 0)
      continue;
    snprintf(p, sizeof(p), "art/%s", e->d_name);
    slurp(path(p), content, sizeof(content));
    assert_string_equal(content, "CRASH!");
    found++;
  }
  closedir(d);
  assert_int_equal(found, 1);
}

static void test_timeout(void **state) {
  static run_t r;
  const char *args[] = {"-timeout=1", path("hang"), NULL};

  (void)state;
  run(&r, NULL, args);
  assert_int_not_equal(r.status, 0);
  assert_non_null(strstr(r.err, "mdfuzz: hang: input ran longer than 1 s\n"));
}

static void test_unknown_flags_ignored(void **state) {
  static run_t r;
  const char *args[] = {"-max_len=64", "-dict=x.dict", path("corpus/a"), NULL};

  (void)state;
  run(&r, NULL, args);
  assert_int_equal(r.status, 0);
  assert_non_null(strstr(r.err, "standalone: ignoring option -max_len=64"));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_replay),
      cmocka_unit_test(test_unreadable),
      cmocka_unit_test(test_runs_deterministic),
      cmocka_unit_test(test_crash_artifact),
      cmocka_unit_test(test_timeout),
      cmocka_unit_test(test_unknown_flags_ignored),
  };

  return cmocka_run_group_tests_name("fuzz-standalone", tests, setup, teardown);
}
