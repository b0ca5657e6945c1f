/* The text form: case -> text -> case is the identity (and text -> case ->
 * text) on random inputs of every kind; hand-written text gives the
 * expected case; bad text gives one error naming line and column. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "test-fuzz-rows.h"

static mdf_case_t ca, cb;
static char t1[1 << 17], t2[1 << 17];

static size_t to_text(const mdf_case_t *c, char *buf, size_t cap) {
  FILE *f = fmemopen(buf, cap, "w");
  long n;

  assert_non_null(f);
  assert_int_equal(mdf_case_to_text(f, c), MDF_OK);
  n = ftell(f);
  fclose(f);
  assert_true(n > 0 && (size_t)n < cap);
  buf[n] = '\0';
  return (size_t)n;
}

static void assert_text_roundtrip(const mdf_case_t *c) {
  mdf_diag_t diag;
  size_t n = to_text(c, t1, sizeof(t1));
  mdf_err_t err = c->seq ? mdf_case_from_text(t1, n, NULL, c->seq, c->nseq, &cb, &diag)
                         : mdf_case_from_text(t1, n, c->calls[0].ex, NULL, 0, &cb, &diag);

  if (err != MDF_OK)
    fail_msg("%u:%u: %s\n%s", diag.line, diag.col, diag.msg, t1);
  if (!mdf_case_equal(c, &cb)) {
    fputs(t1, stderr);
    fail_msg("text -> case differs");
  }
  to_text(&cb, t2, sizeof(t2));
  assert_string_equal(t1, t2);
}

static void test_random_text_roundtrip(void **state) {
  static uint8_t in[600];
  size_t r, i, n;

  (void)state;
  for (r = 0; r < T_NROWS; r++) {
    for (i = 0; i < 4000; i++) {
      n = t_random_input(in, sizeof(in));
      mdf_decode(&t_rows[r], in, n, &ca);
      assert_text_roundtrip(&ca);
    }
  }
  for (i = 0; i < 2000; i++) {
    n = t_random_input(in, sizeof(in));
    mdf_decode_seq(t_seq, T_NROWS, in, n, &ca);
    assert_text_roundtrip(&ca);
  }
}

static mdf_err_t parse(const char *text, const mdf_export_t *ex, mdf_diag_t *diag) {
  memset(diag, 0, sizeof(*diag));
  return mdf_case_from_text(text, strlen(text), ex, NULL, 0, &ca, diag);
}

static void test_hand_written(void **state) {
  static const char text[] = "# a seed written by hand\n"
                             "version 5\n"
                             "acquire pCardData=valid dwFlags=0x20000000\n"
                             "mutate pfnCspReAlloc NULL\n"
                             "fault pfnCspAlloc 2\n"
                             "cache STALE   # stale data\n"
                             "unpad SHORT\n"
                             "atr 3B 02 14 50\n"
                             "call CardReadFile\n"
                             "  pCardData = valid\n"
                             "  pszDirectoryName = \"ms#cp\"\n"
                             "  pszFileName = \"a\\x00b\\\\\"\n"
                             "  dwFlags = 0x80000000|4\n"
                             "  ppbData = NULL\n"
                             "  pcbData = valid\n"
                             "script\n"
                             "apdu 1: SW 6A 82\n";
  const mdf_arg_t *a = ca.calls[0].args;
  mdf_diag_t diag;

  (void)state;
  assert_int_equal(parse(text, &t_rows[0], &diag), MDF_OK);
  assert_int_equal(ca.version, 5);
  assert_int_equal(ca.acquire_flags, 0x20000000u);
  assert_int_equal(ca.mutation[MDF_CDM_REALLOC], MDF_MUT_ZERO);
  assert_int_equal(ca.alloc_fail_at, 2);
  assert_int_equal(ca.cache_mode, 2);
  assert_int_equal(ca.unpad_mode, 3);
  assert_int_equal(ca.atr_len, 4);
  assert_int_equal(ca.atr[3], 0x50);
  assert_string_equal(mdf_arg_str(&a[1]), "ms#cp");
  assert_int_equal(a[2].len, 4);
  assert_memory_equal(a[2].data, "a\0b\\", 4);
  assert_int_equal(a[3].u32, 0x80000004u);
  assert_true(a[4].is_null);
  assert_int_equal(ca.script_len, 3);
  assert_int_equal(ca.script[0], 1);
  assert_int_equal(ca.script[1], 0x6A);
  /* arguments left out at the end of a call are honest */
  assert_int_equal(parse("call CardReadFile\n  pCardData = NULL\nscript\n", &t_rows[0], &diag),
                   MDF_OK);
  assert_true(ca.calls[0].args[0].is_null);
  assert_string_equal(mdf_arg_str(&ca.calls[0].args[2]), "cardid");
  /* the empty text is the honest case */
  assert_int_equal(parse("", &t_rows[1], &diag), MDF_OK);
  mdf_case_init(&cb, &t_rows[1]);
  assert_true(mdf_case_equal(&ca, &cb));
}

static void test_errors(void **state) {
  static const struct {
    const char *text;
    unsigned line, col;
    const char *msg;
  } bad[] = {
      {"version x\n", 1, 9, "expected a number"},
      {"\n\nbogus 1\n", 3, 1, "unknown line 'bogus'"},
      {"call CardReadFile\n  pCardData = maybe\n", 2, 15, "expected valid or NULL"},
      {"call CardReadFile\n  pCardData = valid\n  pszFile = NULL\n", 3, 3,
       "expected 'pszDirectoryName = ...'"},
      {"call CardReadFile\n  pCardData = valid\n  pszDirectoryName = \"abc\n", 3, 22,
       "unterminated string"},
      {"call CardWriteFile\n", 1, 6, "call 'CardWriteFile' is not an export of this target"},
      {"call CardReadFile\n  pCardData = valid\n  dwFlags = 0\n", 3, 3,
       "expected 'pszDirectoryName = ...'"},
      {"cache SOMETIMES\n", 1, 7, "expected NORMAL"},
      {"call CardReadFile\n  pCardData = valid\n  pszDirectoryName = NULL\n"
       "  pszFileName = NULL\n  dwFlags = 0\n  ppbData = valid\n  pcbData = valid\n"
       "script\napdu 1: BOGUS\n",
       9, 0, ""},
  };
  mdf_diag_t diag;
  size_t i;

  (void)state;
  for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
    assert_int_not_equal(parse(bad[i].text, &t_rows[0], &diag), MDF_OK);
    if (diag.line != bad[i].line || (bad[i].col && diag.col != bad[i].col) ||
        strstr(diag.msg, bad[i].msg) == NULL)
      fail_msg("case %zu: got %u:%u: %s", i, diag.line, diag.col, diag.msg);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_random_text_roundtrip),
      cmocka_unit_test(test_hand_written),
      cmocka_unit_test(test_errors),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
