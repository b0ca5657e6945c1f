/* mdfuzz argument parsing: every usage error is one stderr line and exit 2;
 * --help / --version work; `mdfuzz ids` prints the finding-ID table.  Runs
 * the built mdfuzz binary as a child. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "mdfuzz/common/finding_ids.h"
#include "mdfuzz/harness/cmr.h"
#include "test-cli-helpers.h"

#define MAXARGS 12

static const struct {
  const char *args[MAXARGS];
  const char *expect; /* part of the message */
} usage_errors[] = {
    {{NULL}, "missing command"},
    {{"frobnicate", NULL}, "unknown command 'frobnicate'"},
    {{"--bogus", NULL}, "unknown option '--bogus'"},
    {{"fuzz", NULL}, "missing --target"},
    {{"fuzz", "--time", "10", NULL}, "missing --target"},
    {{"fuzz", "--target", NULL}, "option '--target' needs a value"},
    {{"fuzz", "--target", "--quiet", NULL}, "option '--target' needs a value"},
    {{"fuzz", "--target=", NULL}, "option '--target' needs a value"},
    {{"fuzz", "--target", "a-b", "--time", NULL}, "option '--time' needs a value"},
    {{"fuzz", "--target", "a-b", "--time", "ten", NULL}, "bad number for --time: 'ten'"},
    {{"fuzz", "--target", "a-b", "--time", "-5", NULL}, "bad number for --time: '-5'"},
    {{"fuzz", "--target", "a-b", "--time", "99999999999", NULL}, "bad number for --time"},
    {{"fuzz", "--target", "a-b", "--jobs", "0", NULL}, "bad number for --jobs: '0'"},
    {{"fuzz", "--target", "a-b", "--timeout", "0", NULL}, "bad number for --timeout: '0'"},
    {{"replay", "--target", "a-b", "--timeout", "x", "f", NULL}, "bad number for --timeout: 'x'"},
    {{"fuzz", "--target", "a-b", "--seed", "1x", NULL}, "bad number for --seed: '1x'"},
    {{"fuzz", "--target", "a-b", "--engine", "honggfuzz", NULL}, "unknown engine 'honggfuzz'"},
    {{"fuzz", "--target", "a-b", "--frob", NULL}, "unknown option '--frob' for 'fuzz'"},
    {{"fuzz", "--target", "a-b", "--quiet=1", NULL}, "option '--quiet' takes no value"},
    {{"fuzz", "--target", "a-b", "stray", NULL}, "unexpected argument 'stray'"},
    {{"replay", "--target", "a-b", NULL}, "missing FILE or DIR"},
    {{"replay", "somefile", NULL}, "missing --target"},
    {{"replay", "--target", "a-b", "--time", "5", "f", NULL},
     "unknown option '--time' for 'replay'"},
    {{"list", "--target", "a-b", NULL}, "unknown option '--target' for 'list'"},
    {{"list", "extra", NULL}, "unexpected argument 'extra'"},
    {{"ids", "extra", NULL}, "unexpected argument 'extra'"},
    {{"ids", "--target", "a-b", NULL}, "unknown option '--target' for 'ids'"},
    {{"ids", "--markdown=1", NULL}, "option '--markdown' takes no value"},
    {{"list", "--markdown", NULL}, "unknown option '--markdown' for 'list'"},
    {{"--version", "x", NULL}, "unexpected argument 'x'"},
};

static void test_usage_errors(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof usage_errors / sizeof *usage_errors; i++) {
    char *argv[MAXARGS + 2] = {MDF_TEST_MDFUZZ};
    for (int k = 0; k < MAXARGS && usage_errors[i].args[k]; k++)
      argv[k + 1] = (char *)usage_errors[i].args[k];
    char *out = NULL, *err = NULL;
    int rc = run_capture(argv, &out, &err);
    if (rc != 2 || count_lines(err) != 1 || !strstr(err, usage_errors[i].expect))
      print_error("case %zu (%s): rc=%d stderr=<%s>\n", i, usage_errors[i].expect, rc,
                  err ? err : "");
    assert_int_equal(rc, 2);
    assert_non_null(err);
    assert_int_equal(count_lines(err), 1);
    assert_true(strncmp(err, "mdfuzz: ", 8) == 0);
    assert_non_null(strstr(err, usage_errors[i].expect));
    assert_non_null(strstr(err, " (try 'mdfuzz --help')\n"));
    assert_string_equal(out, "");
    free(out);
    free(err);
  }
}

static void test_help_and_version(void **state) {
  (void)state;
  const char *cases[][3] = {{"--help", NULL},     {"-h", NULL},       {"fuzz", "--help"},
                            {"replay", "--help"}, {"list", "--help"}, {"--version", NULL},
                            {"--help", NULL},     {"ids", "--help"}};
  const char *expect[] = {"usage:",      "usage:",    "--until-finding",         "FILE|DIR",
                          "mdfuzz list", "mdfuzz 0.", "mdfuzz ids [--markdown]", "--markdown"};
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    char *argv[] = {MDF_TEST_MDFUZZ, (char *)cases[i][0], (char *)cases[i][1], NULL};
    char *out = NULL, *err = NULL;
    assert_int_equal(run_capture(argv, &out, &err), 0);
    assert_non_null(strstr(out, expect[i]));
    assert_string_equal(err, "");
    free(out);
    free(err);
  }
}

/* "--flag=value" works like "--flag value"; a missing target binary is exit 3. */
static void test_missing_binary(void **state) {
  (void)state;
  char *argv[] = {MDF_TEST_MDFUZZ,
                  "fuzz",
                  "--target=nosuch-CardReadFile",
                  "--time=1",
                  "--build-dir=/nonexistent/build",
                  "--quiet",
                  NULL};
  char *out = NULL, *err = NULL;
  assert_int_equal(run_capture(argv, &out, &err), 3);
  assert_int_equal(count_lines(err), 1);
  assert_non_null(strstr(err, "/nonexistent/build/bin/fuzz-nosuch-CardReadFile"));
  free(out);
  free(err);
  char *argv2[] = {MDF_TEST_MDFUZZ, "list", "--build-dir", "/nonexistent/build", NULL};
  assert_int_equal(run_capture(argv2, &out, &err), 3);
  assert_non_null(strstr(err, "/nonexistent/build"));
  free(out);
  free(err);
}

/* `mdfuzz ids` lists the table's rows and the finding classes, with the
 * titles reports use; --markdown is a document with the same rows. */
static void test_ids(void **state) {
  (void)state;
  char *argv[] = {MDF_TEST_MDFUZZ, "ids", NULL, NULL};
  char *out = NULL, *err = NULL;
  char want[512], tbuf[MDF_CMR_TITLE_MAX];
  assert_int_equal(run_capture(argv, &out, &err), 0);
  assert_string_equal(err, "");
  size_t n;
  const mdf_cmr_row_t *rows = mdf_cmr_rows(&n);
  /* header, one line per row, one per class */
  assert_int_equal(count_lines(out), 1 + n + MDF_FC_COUNT);
  for (size_t i = 0; i < n; i++) {
    snprintf(want, sizeof want, "\n%s\t%s\t%s\t%s\t", rows[i].id, rows[i].is_rule ? "rule" : "cmr",
             rows[i].area, mdf_cmr_title(rows[i].id, tbuf, sizeof tbuf));
    if (!strstr(out, want))
      fail_msg("no line <%s> in mdfuzz ids", want + 1);
  }
  assert_non_null(strstr(out, "\nCMR.3.1.1.E5\trule\tCardAcquireContext\t"));
  assert_non_null(strstr(out, "\tSCARD_E_INVALID_PARAMETER or SCARD_E_UNKNOWN_CARD\n"));
  for (size_t i = 0; i < MDF_FC_COUNT; i++) {
    snprintf(want, sizeof want, "\n%s\tclass\t-\t%s\t-\n", mdf_finding_classes[i].id,
             mdf_finding_classes[i].title);
    assert_non_null(strstr(out, want));
  }
  free(out);
  free(err);
  argv[2] = "--markdown";
  assert_int_equal(run_capture(argv, &out, &err), 0);
  assert_string_equal(err, "");
  assert_true(strncmp(out, "# Finding IDs\n", 14) == 0);
  for (size_t i = 0; i < n; i++) {
    snprintf(want, sizeof want, "\n| `%s` | %s | ", rows[i].id, rows[i].area);
    if (!strstr(out, want))
      fail_msg("no row <%s> in mdfuzz ids --markdown", want + 1);
  }
  assert_non_null(strstr(out, "| `hang` | "));
  free(out);
  free(err);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_usage_errors),
      cmocka_unit_test(test_help_and_version),
      cmocka_unit_test(test_missing_binary),
      cmocka_unit_test(test_ids),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
