/* Finding report format, titles from the finding-ID table, target names and
 * signatures. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "mdfuzz/triage/triage.h"
#include "test-cli-helpers.h"

static char *report_of(const char *sample, const mdf_triage_report_ctx_t *ctx) {
  char path[1024], *text, *buf = NULL;
  size_t len = 0;
  snprintf(path, sizeof path, "%s/%s", MDF_TEST_DATA, sample);
  text = slurp(path);
  assert_non_null(text);
  mdf_triage_finding_t f;
  mdf_triage_parse_text(text, &f, NULL);
  FILE *out = open_memstream(&buf, &len);
  mdf_triage_report(out, ctx, &f);
  fclose(out);
  free(text);
  return buf;
}

static void test_report_oracle(void **state) {
  (void)state;
  mdf_triage_report_ctx_t ctx = {.target = "refmd_bug_alloc-CardReadFile",
                                 .input = "/tmp/w/findings/crash-5b1d",
                                 .index = 1,
                                 .total = 2};
  char *r = report_of("lf-oracle.txt", &ctx);
  static const char expect[] =
      "=== finding 1 of 2 ===\n"
      "  target:  refmd_bug_alloc-CardReadFile\n"
      "  driver:  refmd_bug_alloc\n"
      "  export:  CardReadFile\n"
      "  class:   oracle\n"
      "  CMR:     CMR.1.3.4 - memory must be allocated and freed through the CSP callbacks\n"
      "  what:    CardReadFile returned *ppbData=0x602000001230 not allocated by pfnCspAlloc\n"
      "  context: apdus=2 fault=pfnCspAlloc call 3 returns NULL\n"
      "  input:   /tmp/w/findings/crash-5b1d\n"
      "  stack:\n"
      "    mdf__oracle_check_outbuf /work/main/harness/oracle_alloc.c:91\n"
      "    mdf_harness_call_export /work/main/harness/call.c:150\n"
      "    LLVMFuzzerTestOneInput /work/main/fuzzers/target/fuzz_export.c:41\n"
      "  replay:  mdfuzz replay --target refmd_bug_alloc-CardReadFile /tmp/w/findings/crash-5b1d\n";
  assert_string_equal(r, expect);
  free(r);
}

static void test_report_sanitizer(void **state) {
  (void)state;
  /* No CMR id, no input file, a build dir and a path that needs quoting. */
  mdf_triage_report_ctx_t ctx = {.target = "refmd-CardReadFile", .input = "/tmp/my dir/it's"};
  ctx.build_dir = "/b/lf";
  char *r = report_of("lf-asan-crash.txt", &ctx);
  assert_non_null(strstr(r, "=== finding ===\n"));
  assert_non_null(strstr(r, "  class:   heap-buffer-overflow (AddressSanitizer)\n"));
  assert_non_null(strstr(r, "  CMR:     -\n"));
  assert_non_null(strstr(r, "    refmd_read_binary /work/main/targets/refmd/refmd_fs.c:118\n"));
  assert_null(strstr(r, "__asan_memcpy"));
  assert_null(strstr(r, "fuzzer::"));
  assert_non_null(strstr(r,
                         "  replay:  mdfuzz replay --target refmd-CardReadFile --build-dir /b/lf "
                         "'/tmp/my dir/it'\\''s'\n"));
  free(r);
  ctx.input = NULL;
  r = report_of("lf-fork.txt", &ctx);
  assert_non_null(strstr(r, "  input:   (no input file written)\n"));
  assert_non_null(strstr(r, "    (no frames with source locations)\n"));
  assert_null(strstr(r, "replay:"));
  free(r);
}

/* The title a finding report prints is the table's: for every row of the
 * finding-ID table (CMR and SPEC IDs), the report's CMR line is the ID and
 * mdf_cmr_title's answer, and the finding is an oracle's. */
static void test_report_titles(void **state) {
  (void)state;
  size_t n;
  const mdf_cmr_row_t *rows = mdf_cmr_rows(&n);
  mdf_triage_report_ctx_t ctx = {.target = "refmd-CardReadFile"};
  char line[512], tbuf[MDF_CMR_TITLE_MAX], want[512];
  assert_true(n > 0);
  for (size_t i = 0; i < n; i++) {
    mdf_triage_finding_t f;
    char *buf = NULL;
    size_t len = 0;
    snprintf(line, sizeof line, "mdfuzz: %s: something the oracle saw\n", rows[i].id);
    mdf_triage_parse_text(line, &f, NULL);
    assert_string_equal(f.id, rows[i].id);
    FILE *out = open_memstream(&buf, &len);
    mdf_triage_report(out, &ctx, &f);
    fclose(out);
    const char *title = mdf_cmr_title(rows[i].id, tbuf, sizeof tbuf);
    assert_non_null(title);
    if (!rows[i].is_rule)
      assert_string_equal(title, rows[i].title);
    snprintf(want, sizeof want, "\n  CMR:     %s - %s\n", rows[i].id, title);
    if (!strstr(buf, want) || !strstr(buf, "\n  class:   oracle\n"))
      fail_msg("%s: report has no line <%s>:\n%s", rows[i].id, want + 1, buf);
    free(buf);
  }
  /* A finding class is no requirement. */
  char *r = report_of("lf-asan-crash.txt", &ctx);
  assert_non_null(strstr(r, "  CMR:     -\n"));
  free(r);
}

static void test_split_target(void **state) {
  (void)state;
  char d[64], e[64];
  assert_int_equal(mdf_triage_split_target("refmd_bug_leak-CardReadFile", d, sizeof d, e, sizeof e),
                   MDF_OK);
  assert_string_equal(d, "refmd_bug_leak");
  assert_string_equal(e, "CardReadFile");
  assert_int_equal(mdf_triage_split_target("my-drv-CardSignData", d, sizeof d, e, sizeof e),
                   MDF_OK);
  assert_string_equal(d, "my-drv");
  assert_string_equal(e, "CardSignData");
  assert_int_equal(mdf_triage_split_target("empty", d, sizeof d, e, sizeof e), MDF_OK);
  assert_string_equal(d, "empty");
  assert_string_equal(e, "");
  const char *bad[] = {"", "-CardReadFile", "refmd-", "a/b-c", "a b-c", "../x-y"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    assert_int_equal(mdf_triage_split_target(bad[i], d, sizeof d, e, sizeof e), MDF_EINVAL);
    assert_string_equal(d, "");
  }
  assert_int_equal(mdf_triage_split_target("abcdef-x", d, 4, e, sizeof e), MDF_EINVAL);
}

static void test_signature(void **state) {
  (void)state;
  mdf_triage_finding_t a, b;
  /* Same function and line from clang (abs path, column) and gcc (relative path). */
  mdf_triage_parse_text("mdfuzz: CMR.1.3.4: x\n    #0 0x1 in f /abs/src/a.c:10:3\n", &a, NULL);
  mdf_triage_parse_text("mdfuzz: CMR.1.3.4: y\n    #0 0x2 in f src/a.c:10\n", &b, NULL);
  char sa[256], sb[256];
  mdf_triage_signature(&a, sa, sizeof sa);
  mdf_triage_signature(&b, sb, sizeof sb);
  assert_string_equal(sa, sb);
  mdf_triage_parse_text("mdfuzz: CMR.1.3.4: y\n    #0 0x2 in f src/a.c:11\n", &b, NULL);
  mdf_triage_signature(&b, sb, sizeof sb);
  assert_string_not_equal(sa, sb);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_report_oracle), cmocka_unit_test(test_report_sanitizer),
      cmocka_unit_test(test_report_titles), cmocka_unit_test(test_split_target),
      cmocka_unit_test(test_signature),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
