/* Engine output parsers on recorded sample outputs (tests/data/cli/) and on
 * single good and malformed lines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "mdfuzz/triage/triage.h"
#include "test-cli-helpers.h"

static char *load(const char *name) {
  char path[1024];
  snprintf(path, sizeof path, "%s/%s", MDF_TEST_DATA, name);
  char *s = slurp(path);
  if (!s)
    fail_msg("cannot read %s", path);
  return s;
}

/* What each sample must parse to. */
static const struct sample {
  const char *file;
  int found;
  const char *id, *san_class, *sanitizer, *export_name;
  unsigned apdus;
  const char *fault, *artifact_tail;
  unsigned nframes;
  const char *frame0_func, *frame0_file_tail;
  unsigned frame0_line, frame0_col;
  uint64_t execs, exec_per_sec;
  uint32_t cov;
} samples[] = {
    {"lf-asan-crash.txt", 1, "heap-buffer-overflow", "heap-buffer-overflow", "AddressSanitizer",
     "CardReadFile", 3, "", "/findings/crash-02c81623162774409948aef52657ca2d8ddb463c", 4,
     "refmd_read_binary", "targets/refmd/refmd_fs.c", 118, 9, 1902, 634, 233},
    {"lf-oracle.txt", 1, "CMR.1.3.4", "crash", "libFuzzer", "CardReadFile", 2,
     "pfnCspAlloc call 3 returns NULL", "/findings/crash-5b1d0c0e9a6f3e2d7c4b8a1f0e9d8c7b6a5f4e3d",
     3, "mdf__oracle_check_outbuf", "harness/oracle_alloc.c", 91, 5, 5120, 2560, 241},
    {"lf-leak.txt", 1, "leak", "leak", "LeakSanitizer", "", 0, "", "", 3, "refmd_cache_put",
     "targets/refmd/refmd_cache.c", 61, 19, 0, 0, 0},
    {"lf-fork.txt", 1, "heap-buffer-overflow", "heap-buffer-overflow", "AddressSanitizer", "", 0,
     "", "", 0, NULL, NULL, 0, 0, 2932768, 0, 251},
    {"standalone-gcc.txt", 1, "stack-buffer-overflow", "stack-buffer-overflow", "AddressSanitizer",
     "CardReadFile", 0, "", "", 3, "refmd_path_copy", "targets/refmd/refmd_path.c", 33, 0, 0, 0, 0},
    {"ubsan.txt", 1, "undefined-behavior", "undefined-behavior", "UndefinedBehaviorSanitizer",
     "CardReadFile", 1, "", "", 3, "refmd_parse_len", "targets/refmd/refmd_apdu.c", 58, 27, 0, 0,
     0},
    {"lf-timeout.txt", 1, "hang", "hang", "libFuzzer", "", 0, "",
     "/findings/timeout-9c1185a5c5e9fc54612808977ee8f548b2258d31", 2, "refmd_wait_ready",
     "targets/refmd/refmd_apdu.c", 200, 5, 8192, 2730, 245},
    {"lf-clean.txt", 0, "", "", "", "", 0, "", "", 0, NULL, NULL, 0, 0, 870016, 79092, 262},
};

static int ends_with(const char *s, const char *tail) {
  size_t n = strlen(s), t = strlen(tail);
  return n >= t && strcmp(s + n - t, tail) == 0;
}

static void test_samples(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof samples / sizeof *samples; i++) {
    const struct sample *x = &samples[i];
    char *text = load(x->file);
    mdf_triage_finding_t f;
    mdf_triage_status_t st;
    memset(&st, 0, sizeof st);
    mdf_triage_parse_text(text, &f, &st);
    print_message("sample %s: id=%s class=%s frames=%u\n", x->file, f.id, f.san_class, f.nframes);
    assert_int_equal(f.found, x->found);
    assert_string_equal(f.id, x->id);
    assert_string_equal(f.san_class, x->san_class);
    assert_string_equal(f.sanitizer, x->sanitizer);
    assert_string_equal(f.export_name, x->export_name);
    assert_int_equal(f.apdus, x->apdus);
    assert_string_equal(f.fault, x->fault);
    assert_true(ends_with(f.artifact, x->artifact_tail));
    assert_int_equal(f.nframes, x->nframes);
    if (x->frame0_func) {
      assert_string_equal(f.frames[0].func, x->frame0_func);
      assert_true(ends_with(f.frames[0].file, x->frame0_file_tail));
      assert_int_equal(f.frames[0].line, x->frame0_line);
      assert_int_equal(f.frames[0].col, x->frame0_col);
    }
    for (unsigned k = 0; k < f.nframes; k++)
      assert_false(mdf_triage_frame_is_runtime(&f.frames[k]));
    assert_int_equal(st.execs, x->execs);
    assert_int_equal(st.exec_per_sec, x->exec_per_sec);
    assert_int_equal(st.cov, x->cov);
    free(text);
  }
}

static void test_status_lines(void **state) {
  (void)state;
  mdf_triage_status_t st;
  memset(&st, 0, sizeof st);
  assert_int_equal(
      mdf_triage_parse_status("#13206085\tDONE   cov: 33 ft: 34 corp: 17/102b lim: 4096 "
                              "exec/s: 825380 rss: 554Mb",
                              &st),
      MDF_OK);
  assert_int_equal(st.execs, 13206085);
  assert_int_equal(st.cov, 33);
  assert_int_equal(st.ft, 34);
  assert_int_equal(st.corp_units, 17);
  assert_int_equal(st.corp_bytes, 102);
  assert_int_equal(st.exec_per_sec, 825380);
  assert_int_equal(st.rss_mb, 554);
  assert_int_equal(
      mdf_triage_parse_status(
          "#262144\tpulse  cov: 260 ft: 402 corp: 31/2Kb exec/s: 87381 rss: 212Mb", &st),
      MDF_OK);
  assert_int_equal(st.corp_bytes, 2048);
  /* Fork mode: "exec/s N" without a colon, crash count. */
  assert_int_equal(
      mdf_triage_parse_status("#2932768: cov: 35 ft: 32 corp: 15 exec/s 7 oom/timeout/crash: "
                              "0/0/71 time: 12s job: 73 dft_time: 0",
                              &st),
      MDF_OK);
  assert_int_equal(st.execs, 2932768);
  assert_int_equal(st.exec_per_sec, 7);
  assert_int_equal(st.crashes, 71);
  assert_int_equal(mdf_triage_parse_status("stat::peak_rss_mb:              33", &st), MDF_OK);
  assert_int_equal(st.rss_mb, 33);
  /* Malformed or foreign lines are rejected and change nothing. */
  mdf_triage_status_t before = st;
  const char *bad[] = {"",
                       "#",
                       "#12",
                       "#abc\tNEW cov: 1",
                       "# 12\tNEW cov: 1",
                       "INFO: Seed: 1",
                       "#12\tNEW",
                       "stat::",
                       "stat::unknown_key: 5",
                       "    #0 0x1234 in f a.c:1:2"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
    assert_int_equal(mdf_triage_parse_status(bad[i], &st), MDF_EPARSE);
  assert_memory_equal(&st, &before, sizeof st);
  assert_int_equal(mdf_triage_parse_status(NULL, &st), MDF_EINVAL);
}

static void test_frames(void **state) {
  (void)state;
  mdf_triage_frame_t fr;
  assert_int_equal(
      mdf_triage_parse_frame("    #1 0x5621624bbb29 in toy_parse /p/src/toy.c:15:9", &fr), MDF_OK);
  assert_int_equal(fr.index, 1);
  assert_string_equal(fr.func, "toy_parse");
  assert_string_equal(fr.file, "/p/src/toy.c");
  assert_int_equal(fr.line, 15);
  assert_int_equal(fr.col, 9);
  assert_false(mdf_triage_frame_is_runtime(&fr));
  assert_int_equal(mdf_triage_parse_frame("    #1 0x561a in toy_parse src/toy.c:18", &fr), MDF_OK);
  assert_string_equal(fr.file, "src/toy.c");
  assert_int_equal(fr.line, 18);
  assert_int_equal(fr.col, 0);
  assert_int_equal(
      mdf_triage_parse_frame("    #3 0x56 in fuzzer::Fuzzer::ExecuteCallback(unsigned char const*, "
                             "unsigned long) (/p/out/f+0x422f3) (BuildId: 445e)",
                             &fr),
      MDF_OK);
  assert_string_equal(fr.func,
                      "fuzzer::Fuzzer::ExecuteCallback(unsigned char const*, unsigned long)");
  assert_string_equal(fr.file, "");
  assert_true(mdf_triage_frame_is_runtime(&fr));
  assert_int_equal(mdf_triage_parse_frame(
                       "    #7 0x7f1a2c0461c9  (/lib/x86_64-linux-gnu/libc.so.6+0x271c9)", &fr),
                   MDF_OK);
  assert_string_equal(fr.func, "");
  assert_true(mdf_triage_frame_is_runtime(&fr));
  assert_int_equal(
      mdf_triage_parse_frame("    #0 0x7f in __interceptor_memcpy ../../../../src/libsanitizer/"
                             "sanitizer_common/sanitizer_common_interceptors.inc:827",
                             &fr),
      MDF_OK);
  assert_true(mdf_triage_frame_is_runtime(&fr));
  const char *bad[] = {"", "#", "#0", "#0 1234 in f a.c:1", "  #x 0x1 in f", "stack #0 0x1"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
    assert_int_equal(mdf_triage_parse_frame(bad[i], &fr), MDF_EPARSE);
}

static void test_line_kinds(void **state) {
  (void)state;
  static const struct {
    const char *line;
    mdf_triage_line_kind_t kind;
  } v[] = {
      {"mdfuzz: CMR.1.3.4: buffer not from pfnCspAlloc", MDF_TRIAGE_LINE_FINDING},
      {"mdfuzz: heap-buffer-overflow: write of 4 bytes", MDF_TRIAGE_LINE_FINDING},
      {"mdfuzz: context: export=- apdus=0 fault=none", MDF_TRIAGE_LINE_CONTEXT},
      {"mdfuzz: fuzzing x with libfuzzer", MDF_TRIAGE_LINE_OTHER},
      {"mdfuzz: : empty id", MDF_TRIAGE_LINE_OTHER},
      {"#5\tINITED cov: 212 ft: 240 corp: 4/130b exec/s: 0 rss: 33Mb", MDF_TRIAGE_LINE_STATUS},
      {"stat::number_of_executed_units: 1", MDF_TRIAGE_LINE_STAT},
      {"==1==ERROR: AddressSanitizer: SEGV on unknown address 0x000000000000",
       MDF_TRIAGE_LINE_SANITIZER},
      {"==1== ERROR: libFuzzer: out-of-memory (malloc(2147483648))", MDF_TRIAGE_LINE_SANITIZER},
      {"a.c:1:2: runtime error: load of null pointer", MDF_TRIAGE_LINE_SANITIZER},
      {"    #0 0x1 in f a.c:1:2", MDF_TRIAGE_LINE_FRAME},
      {"artifact_prefix='x/'; Test unit written to x/crash-1", MDF_TRIAGE_LINE_ARTIFACT},
      {"ERROR: something else", MDF_TRIAGE_LINE_OTHER},
      {"", MDF_TRIAGE_LINE_OTHER},
  };
  for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
    if (mdf_triage_line_kind(v[i].line) != v[i].kind)
      print_error("line %zu <%s>\n", i, v[i].line);
    assert_int_equal(mdf_triage_line_kind(v[i].line), v[i].kind);
  }
  assert_int_equal(mdf_triage_line_kind(NULL), MDF_TRIAGE_LINE_OTHER);
}

static void test_sanitizer_classes(void **state) {
  (void)state;
  static const struct {
    const char *line, *cls;
  } v[] = {
      {"==9==ERROR: AddressSanitizer: SEGV on unknown address 0x0", "SEGV"},
      {"==9==ERROR: AddressSanitizer: attempting double-free on 0x602 in thread T0:",
       "double-free"},
      {"==9==ERROR: AddressSanitizer: heap-use-after-free on address 0x60", "heap-use-after-free"},
      {"==9== ERROR: libFuzzer: out-of-memory (malloc(4294967296))", "oom"},
      {"==9== ERROR: libFuzzer: deadly signal", "crash"},
      {"==9==ERROR: LeakSanitizer: detected memory leaks", "leak"},
  };
  for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
    mdf_triage_finding_t f;
    mdf_triage_parse_text(v[i].line, &f, NULL);
    assert_true(f.found);
    assert_string_equal(f.id, v[i].cls);
  }
}

static void test_afl_stats(void **state) {
  (void)state;
  char *text = load("afl-fuzzer_stats.txt");
  mdf_triage_status_t st;
  memset(&st, 0, sizeof st);
  assert_int_equal(mdf_triage_parse_afl_stats(text, &st), MDF_OK);
  assert_int_equal(st.execs, 1794728);
  assert_int_equal(st.exec_per_sec, 29901);
  assert_int_equal(st.corp_units, 14);
  assert_int_equal(st.crashes, 1);
  assert_string_equal(st.bitmap, "66.67%");
  free(text);
  memset(&st, 0, sizeof st);
  /* The first second of a run: AFL++ writes "inf" for the rate. */
  assert_int_equal(mdf_triage_parse_afl_stats("execs_done : 5\nexecs_per_sec : inf\n", &st),
                   MDF_OK);
  assert_int_equal(st.exec_per_sec, 0);
  assert_int_equal(st.execs, 5);
  assert_int_equal(mdf_triage_parse_afl_stats("execs_per_sec : nan\n", &st), MDF_OK);
  assert_int_equal(st.exec_per_sec, 0);
  memset(&st, 0, sizeof st);
  assert_int_equal(mdf_triage_parse_afl_stats("", &st), MDF_EPARSE);
  assert_int_equal(mdf_triage_parse_afl_stats("garbage\nno colon here\nfoo : 1\n", &st),
                   MDF_EPARSE);
  assert_false(st.seen);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_samples),
      cmocka_unit_test(test_status_lines),
      cmocka_unit_test(test_frames),
      cmocka_unit_test(test_line_kinds),
      cmocka_unit_test(test_sanitizer_classes),
      cmocka_unit_test(test_afl_stats),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
