/* mdfuzz list / replay / fuzz end to end, with a libFuzzer look-alike
 * (cli-fake-target.c) standing in for a real fuzz target. */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <limits.h>
#include <stdlib.h>

#include <cmocka.h>

#include "test-cli-helpers.h"

static char root[200], build[256], work[256], src[256];

static void put(const char *path, const char *content) {
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs(content, f);
  fclose(f);
}

static int setup(void **state) {
  (void)state;
  char p[512];
  snprintf(root, sizeof root, "/tmp/mdf-cli-run-XXXXXX");
  if (!mkdtemp(root))
    return -1;
  snprintf(build, sizeof build, "%s/build", root);
  snprintf(work, sizeof work, "%s/work", root);
  snprintf(src, sizeof src, "%s/src", root);
  const char *dirs[] = {
      "build",       "build/bin",        "src", "src/corpus", "src/corpus/CardReadFile",
      "src/fuzzers", "src/fuzzers/dict", "in",  "in/dir"};
  for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++) {
    snprintf(p, sizeof p, "%s/%s", root, dirs[i]);
    mkdir(p, 0755);
  }
  snprintf(p, sizeof p, "%s/bin/fuzz-fake-CardReadFile", build);
  if (symlink(MDF_TEST_FAKE, p) != 0)
    return -1;
  snprintf(p, sizeof p, "%s/bin/fuzz-notes.txt", build); /* not executable: not listed */
  put(p, "x");
  snprintf(p, sizeof p, "%s/corpus/CardReadFile/seed-a", src);
  put(p, "seed");
  snprintf(p, sizeof p, "%s/fuzzers/dict/CardReadFile.dict", src);
  put(p, "kw=\"BUG\"\n");
  const char *inputs[][2] = {
      {"in/ok1", "hello"}, {"in/bug1", "BUG!"}, {"in/dir/a-ok", "fine"}, {"in/dir/b-leak", "LEAK"}};
  for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++) {
    snprintf(p, sizeof p, "%s/%s", root, inputs[i][0]);
    put(p, inputs[i][1]);
  }
  setenv("MDFUZZ_SOURCE_DIR", src, 1);
  setenv("MDFUZZ_PROGRESS_INTERVAL", "1", 1);
  unsetenv("MDFUZZ_BUILD_DIR");
  return 0;
}

static int teardown(void **state) {
  (void)state;
  char *argv[] = {"/bin/rm", "-rf", root, NULL};
  run_capture(argv, NULL, NULL);
  return 0;
}

static int exists(const char *fmt, const char *a) {
  char p[1024];
  struct stat st;
  snprintf(p, sizeof p, fmt, a);
  return stat(p, &st) == 0;
}

static void test_list(void **state) {
  (void)state;
  char *out, *err;
  char *argv[] = {MDF_TEST_MDFUZZ, "list", "--build-dir", build, NULL};
  assert_int_equal(run_capture(argv, &out, &err), 0);
  assert_string_equal(out, "fake-CardReadFile\n");
  free(out);
  free(err);
}

static void test_replay(void **state) {
  (void)state;
  char ok1[300], bug1[300], dir[300], line[700];
  snprintf(ok1, sizeof ok1, "%s/in/ok1", root);
  snprintf(bug1, sizeof bug1, "%s/in/bug1", root);
  snprintf(dir, sizeof dir, "%s/in/dir", root);
  char *out, *err;
  char *argv[] = {MDF_TEST_MDFUZZ,
                  "replay",
                  "--target",
                  "fake-CardReadFile",
                  "--build-dir",
                  build,
                  ok1,
                  bug1,
                  dir,
                  NULL};
  assert_int_equal(run_capture(argv, &out, &err), 1);
  snprintf(line, sizeof line, "OK       %s\n", ok1);
  assert_non_null(strstr(out, line));
  snprintf(line, sizeof line, "FINDING  %s: CMR.3.4.3.E11\n", bug1);
  assert_non_null(strstr(out, line));
  assert_non_null(strstr(out, "  CMR:     CMR.3.4.3.E11 - CardReadFile: non-zero dwFlags"));
  assert_non_null(strstr(out, "    fake_check_flags /work/main/tests/cli-fake-target.c:12\n"));
  snprintf(line, sizeof line, "FINDING  %s/b-leak: leak\n", dir);
  assert_non_null(strstr(out, line));
  assert_non_null(strstr(out, "replayed 4 input(s)"));
  assert_non_null(strstr(out, "2 finding(s)"));
  free(out);
  free(err);

  /* All clean -> 0; without --build-dir the libFuzzer build is the fall-back. */
  char p[512];
  snprintf(p, sizeof p, "%s/build", src);
  mkdir(p, 0755);
  snprintf(p, sizeof p, "%s/build/libfuzzer", src);
  mkdir(p, 0755);
  snprintf(p, sizeof p, "%s/build/libfuzzer/bin", src);
  mkdir(p, 0755);
  snprintf(p, sizeof p, "%s/build/libfuzzer/bin/fuzz-fake-CardReadFile", src);
  assert_int_equal(symlink(MDF_TEST_FAKE, p), 0);
  char *argv2[] = {MDF_TEST_MDFUZZ, "replay", "--target", "fake-CardReadFile", ok1, NULL};
  assert_int_equal(run_capture(argv2, &out, &err), 0);
  assert_non_null(strstr(out, "/build/libfuzzer/bin/fuzz-fake-CardReadFile: 0 finding(s)"));
  free(out);
  free(err);

  /* A missing input: exit 3, one line naming it, nothing run. */
  char *argv3[] = {MDF_TEST_MDFUZZ,   "replay", "--target", "fake-CardReadFile", ok1,
                   "/nonexistent/in", NULL};
  assert_int_equal(run_capture(argv3, &out, &err), 3);
  assert_int_equal(count_lines(err), 1);
  assert_non_null(strstr(err, "/nonexistent/in"));
  assert_string_equal(out, "");
  free(out);
  free(err);
}

static void test_fuzz_clean_args(void **state) {
  (void)state;
  char argv_log[300], expect[1400];
  snprintf(argv_log, sizeof argv_log, "%s/argv.txt", root);
  setenv("MDF_FAKE_MODE", "clean", 1);
  setenv("MDF_FAKE_ARGV", argv_log, 1);
  char *out, *err;
  char *argv[] = {MDF_TEST_MDFUZZ,
                  "fuzz",
                  "--target",
                  "fake-CardReadFile",
                  "--build-dir",
                  build,
                  "--work",
                  work,
                  "--time",
                  "2",
                  "--seed",
                  "5",
                  "--timeout",
                  "7",
                  "--",
                  "-max_len=64",
                  NULL};
  assert_int_equal(run_capture(argv, &out, &err), 0);
  unsetenv("MDF_FAKE_ARGV");
  assert_non_null(strstr(out, "mdfuzz: fake-CardReadFile: 0 finding(s)"));
  assert_non_null(strstr(err, "mdfuzz: ["));
  assert_non_null(strstr(err, "execs 5000  exec/s 1000  cov 20 ft 25  corpus 6/30b  findings 0"));
  char *args = slurp(argv_log);
  assert_non_null(args);
  snprintf(expect, sizeof expect,
           "-artifact_prefix=%s/fake-CardReadFile/findings/\n-max_total_time=2\n-timeout=7\n"
           "-print_final_stats=1\n"
           "-seed=5\n-dict=%s/fuzzers/dict/CardReadFile.dict\n-max_len=64\n%s/fake-CardReadFile/"
           "corpus\n",
           work, src, work);
  assert_non_null(strstr(args, expect));
  free(args);
  /* Seeds copied into the working corpus; the findings dir exists. */
  assert_true(exists("%s/fake-CardReadFile/corpus/seed-a", work));
  assert_true(exists("%s/fake-CardReadFile/findings", work));
  assert_true(exists("%s/fake-CardReadFile/fuzz.log", work));
  free(out);
  free(err);

  /* --jobs: fork mode that keeps going after crashes, unless --until-finding. */
  setenv("MDF_FAKE_ARGV", argv_log, 1);
  char *argv2[] = {MDF_TEST_MDFUZZ, "fuzz", "--target", "fake-CardReadFile",
                   "--build-dir",   build,  "--work",   work,
                   "--time",        "1",    "--jobs",   "2",
                   "--quiet",       NULL};
  assert_int_equal(run_capture(argv2, &out, &err), 0);
  assert_string_equal(err, "");
  args = slurp(argv_log);
  assert_non_null(strstr(args, "\n-fork=2\n-ignore_crashes=1\n"));
  free(args);
  free(out);
  free(err);
  char *argv3[] = {MDF_TEST_MDFUZZ,   "fuzz",    "--target", "fake-CardReadFile",
                   "--build-dir",     build,     "--work",   work,
                   "--time",          "1",       "--jobs",   "2",
                   "--until-finding", "--quiet", NULL};
  assert_int_equal(run_capture(argv3, &out, &err), 0);
  args = slurp(argv_log);
  assert_non_null(strstr(args, "\n-fork=2\n"));
  assert_null(strstr(args, "-ignore_crashes"));
  free(args);
  free(out);
  free(err);
  unsetenv("MDF_FAKE_ARGV");
}

static void test_fuzz_crash(void **state) {
  (void)state;
  char line[PATH_MAX * 3];
  setenv("MDF_FAKE_MODE", "crash", 1);
  char *out, *err;
  char *argv[] = {MDF_TEST_MDFUZZ, "fuzz", "--target", "fake-CardReadFile",
                  "--build-dir",   build,  "--work",   work,
                  "--time",        "5",    NULL};
  assert_int_equal(run_capture(argv, &out, &err), 1);
  const char *art = "fake-CardReadFile/findings/crash-0123456789abcdef0123456789abcdef01234567";
  assert_true(
      exists("%s/fake-CardReadFile/findings/crash-0123456789abcdef0123456789abcdef01234567", work));
  assert_non_null(strstr(out, "1 finding(s)"));
  assert_non_null(strstr(out,
                         "=== finding 1 of 1 ===\n  target:  fake-CardReadFile\n  driver:  fake\n"
                         "  export:  CardReadFile\n"));
  assert_non_null(strstr(out, "  CMR:     CMR.3.4.3.E11 - "));
  snprintf(line, sizeof line, "  input:   %s/%s\n", work, art);
  assert_non_null(strstr(out, line));
  char self[PATH_MAX];
  assert_non_null(realpath(MDF_TEST_MDFUZZ, self)); /* the report names the binary that ran */
  snprintf(line, sizeof line,
           "  replay:  %s replay --target fake-CardReadFile --build-dir %s %s/%s\n", self, build,
           work, art);
  assert_non_null(strstr(out, line));
  free(out);
  free(err);
}

/* Fork mode prints only ERROR lines: the artifacts are replayed for details. */
static void test_fuzz_fork_artifacts(void **state) {
  (void)state;
  setenv("MDF_FAKE_MODE", "fork", 1);
  char *out, *err;
  char *argv[] = {MDF_TEST_MDFUZZ, "fuzz", "--target", "fake-CardReadFile",
                  "--build-dir",   build,  "--work",   work,
                  "--time",        "5",    "--jobs",   "2",
                  "--quiet",       NULL};
  assert_int_equal(run_capture(argv, &out, &err), 1);
  assert_non_null(strstr(out, "2 finding(s)"));
  assert_non_null(strstr(out, "CMR.3.4.3.E11"));
  assert_non_null(strstr(out, "  class:   leak (LeakSanitizer)\n"));
  assert_non_null(strstr(out, "/findings/crash-aaaa\n"));
  assert_non_null(strstr(out, "/findings/leak-bbbb\n"));
  free(out);
  free(err);
}

/* SIGTERM to mdfuzz: the child is stopped and what was found is reported. */
static void test_fuzz_interrupted(void **state) {
  (void)state;
  setenv("MDF_FAKE_MODE", "slow", 1);
  char o_path[400];
  snprintf(o_path, sizeof o_path, "%s/int-out.txt", root);
  int fd = open(o_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, fd, 1);
  char *argv[] = {MDF_TEST_MDFUZZ, "fuzz", "--target", "fake-CardReadFile",
                  "--build-dir",   build,  "--work",   work,
                  "--time",        "100",  "--quiet",  NULL};
  pid_t pid;
  assert_int_equal(posix_spawn(&pid, argv[0], &fa, NULL, argv, environ), 0);
  posix_spawn_file_actions_destroy(&fa);
  close(fd);
  sleep(1);
  kill(pid, SIGTERM);
  int st = 0;
  assert_int_equal(waitpid(pid, &st, 0), pid);
  assert_true(WIFEXITED(st));
  assert_int_equal(WEXITSTATUS(st), 1);
  char *out = slurp(o_path);
  assert_non_null(strstr(out, "(interrupted)"));
  assert_non_null(strstr(out, "/findings/crash-cccc\n"));
  assert_non_null(strstr(out, "CMR.3.4.3.E11"));
  free(out);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_list),
      cmocka_unit_test(test_replay),
      cmocka_unit_test(test_fuzz_clean_args),
      cmocka_unit_test(test_fuzz_crash),
      cmocka_unit_test(test_fuzz_fork_artifacts),
      cmocka_unit_test(test_fuzz_interrupted),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
