/* A stand-in for a libFuzzer fuzz target, for the mdfuzz command's tests.
 *
 * Files as arguments (replay): each is "run"; content starting with "BUG"
 * prints an oracle finding and exits 1, "LEAK" a LeakSanitizer report
 * (exit 1), anything else is clean.
 * A directory as argument (fuzzing): behaviour from MDF_FAKE_MODE:
 *   clean  status lines, then DONE + stat:: block, exit 0
 *   crash  status lines, finding report, artifact in -artifact_prefix, exit 1
 *   fork   two artifacts but only bare ERROR lines (libFuzzer -fork mode
 *          with -ignore_crashes), exit 1
 *   slow   writes an artifact, then runs until SIGTERM/SIGINT (exit 0)
 * MDF_FAKE_ARGV, when set, is a file that receives argv, one per line. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static volatile sig_atomic_t stop;
static void on_term(int sig) {
  (void)sig;
  stop = 1;
}

static void nap_ms(long ms) {
  struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
  nanosleep(&ts, NULL);
}

static void write_file(const char *path, const char *content) {
  FILE *f = fopen(path, "wb");
  if (f) {
    fputs(content, f);
    fclose(f);
  }
}

static void print_bug(const char *export_name) {
  fprintf(
      stderr,
      "mdfuzz: CMR.3.4.3.E11: %s returned 0x00000000 for dwFlags=0x1, expected "
      "SCARD_E_INVALID_PARAMETER\n"
      "mdfuzz: context: export=%s apdus=2 fault=none\n"
      "    #0 0x55d1c0e3f1c4 in __sanitizer_print_stack_trace (/fake/fuzz+0xf81c4) (BuildId: 11)\n"
      "    #1 0x55d1c0e8e7a0 in mdf_finding /work/main/harness/finding.c:38:3\n"
      "    #2 0x55d1c0e8c111 in fake_check_flags /work/main/tests/cli-fake-target.c:12:5\n"
      "    #3 0x55d1c0e8a3a0 in LLVMFuzzerTestOneInput "
      "/work/main/fuzzers/target/fuzz_export.c:41:3\n"
      "==4242== ERROR: libFuzzer: deadly signal\n",
      export_name, export_name);
}

static int replay(int n, char **files) {
  for (int i = 0; i < n; i++) {
    char buf[8] = "";
    FILE *f = fopen(files[i], "rb");
    if (!f) {
      fprintf(stderr, "fake: cannot open %s\n", files[i]);
      return 2;
    }
    size_t got = fread(buf, 1, sizeof buf - 1, f);
    buf[got] = '\0';
    fclose(f);
    fprintf(stderr, "Running: %s\n", files[i]);
    if (strncmp(buf, "BUG", 3) == 0) {
      print_bug("CardReadFile");
      return 1;
    }
    if (strncmp(buf, "LEAK", 4) == 0) {
      fprintf(stderr,
              "==77==ERROR: LeakSanitizer: detected memory leaks\n\n"
              "Direct leak of 32 byte(s) in 1 object(s) allocated from:\n"
              "    #0 0x555a4b648bfe in malloc (/fake/fuzz+0xdebfe) (BuildId: 11)\n"
              "    #1 0x555a4b683c89 in fake_leak /work/main/tests/cli-fake-target.c:99:19\n"
              "SUMMARY: AddressSanitizer: 32 byte(s) leaked in 1 allocation(s).\n");
      return 1;
    }
    fprintf(stderr, "Executed %s in 0 ms\n", files[i]);
  }
  return 0;
}

int main(int argc, char **argv) {
  const char *prefix = "./", *mode = getenv("MDF_FAKE_MODE"), *argv_log = getenv("MDF_FAKE_ARGV");
  char *files[64];
  int nfiles = 0, ndirs = 0;
  long total = 0;
  if (argv_log) {
    FILE *f = fopen(argv_log, "w");
    for (int i = 0; f && i < argc; i++)
      fprintf(f, "%s\n", argv[i]);
    if (f)
      fclose(f);
  }
  for (int i = 1; i < argc; i++) {
    struct stat st;
    if (strncmp(argv[i], "-artifact_prefix=", 17) == 0)
      prefix = argv[i] + 17;
    else if (strncmp(argv[i], "-max_total_time=", 16) == 0)
      total = strtol(argv[i] + 16, NULL, 10);
    else if (argv[i][0] == '-')
      continue;
    else if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
      ndirs++;
    else if (nfiles < 64)
      files[nfiles++] = argv[i];
  }
  if (!ndirs)
    return replay(nfiles, files);

  signal(SIGTERM, on_term);
  signal(SIGINT, on_term);
  mode = mode ? mode : "clean";
  char path[4096];
  fprintf(stderr, "INFO: Seed: 1\n#2\tINITED cov: 10 ft: 11 corp: 1/4b exec/s: 0 rss: 30Mb\n");
  if (strcmp(mode, "crash") == 0) {
    fprintf(stderr, "#1024\tpulse  cov: 12 ft: 14 corp: 3/20b lim: 8 exec/s: 1024 rss: 31Mb\n");
    print_bug("CardReadFile");
    snprintf(path, sizeof path, "%scrash-0123456789abcdef0123456789abcdef01234567", prefix);
    write_file(path, "BUG1");
    fprintf(stderr,
            "MS: 1 ChangeByte-; base unit: 0000\nartifact_prefix='%s'; Test unit written to %s\n"
            "stat::number_of_executed_units: 1100\nstat::average_exec_per_sec:     1100\n",
            prefix, path);
    return 1;
  }
  if (strcmp(mode, "fork") == 0) {
    fprintf(stderr, "INFO: -fork=2: fuzzing in separate process(s)\n"
                    "#5000: cov: 12 ft: 14 corp: 3 exec/s 2500 oom/timeout/crash: 0/0/2 time: 2s "
                    "job: 2 dft_time: 0\n"
                    "==11==ERROR: LeakSanitizer: detected memory leaks\n"
                    "==12==ERROR: AddressSanitizer: heap-buffer-overflow on address 0x1\n");
    snprintf(path, sizeof path, "%scrash-aaaa", prefix);
    write_file(path, "BUG2");
    snprintf(path, sizeof path, "%sleak-bbbb", prefix);
    write_file(path, "LEAK");
    fprintf(stderr, "INFO: exiting: 1 time: 2s\n");
    return 1;
  }
  if (strcmp(mode, "slow") == 0) {
    snprintf(path, sizeof path, "%scrash-cccc", prefix);
    write_file(path, "BUG3");
    for (long i = 0; !stop && i < 600; i++) {
      fprintf(stderr, "#%ld\tpulse  cov: 12 ft: 14 corp: 3/20b lim: 8 exec/s: 100 rss: 31Mb\n",
              100 * (i + 1));
      nap_ms(100);
    }
    fprintf(stderr, "==4243== libFuzzer: run interrupted; exiting\n");
    return 0;
  }
  /* clean: run for the time limit (at most a few seconds in tests). */
  for (long i = 0; !stop && i < total * 10 && i < 50; i++) {
    fprintf(stderr,
            "#%ld\tNEW    cov: %ld ft: %ld corp: %ld/%ldb lim: 8 exec/s: 1000 rss: 31Mb L: 4/4 MS: "
            "1 ChangeByte-\n",
            100 * (i + 1), 10 + i, 11 + i, 1 + i, 4 * (i + 1));
    nap_ms(100);
  }
  fprintf(stderr, "#5000\tDONE   cov: 20 ft: 25 corp: 6/30b lim: 8 exec/s: 1000 rss: 31Mb\n"
                  "Done 5000 runs in 1 second(s)\nstat::number_of_executed_units: 5000\n"
                  "stat::average_exec_per_sec:     1000\nstat::peak_rss_mb:              31\n");
  return 0;
}
