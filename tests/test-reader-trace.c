/* Trace parser (good and malformed inputs with their exact position),
 * writer round trip, file loading. */
#include <unistd.h>

#include "mdfuzz/reader/trace.h"
#include "test-reader-util.h"

#define HDR "mdfuzz-trace 1\n"
#define ATR "atr 3B 8C 80 01\n"

static void test_good(void **state) {
  (void)state;
  static const char text[] = "# a comment line\n"
                             "\n"
                             "  mdfuzz-trace 1   # header\n"
                             "atr 3B8C8001 4D44\n"
                             "label select MF\n"
                             "> 00 A4 00 0C 02 3F00\n"
                             "< 9000\n"
                             ">00B0000004\r\n"
                             "<   01 02 03 04 90 00 # data + SW\n"
                             "reset\n"
                             "atr 3B 00\n"
                             "> 00 A4 00 0C 02 3F 00\n"
                             "< 6A 82\n"
                             "removed\n"
                             "reset"; /* no newline at the end */
  mdf_trace_t t;
  mdf_diag_t d;
  assert_int_equal(mdf_trace_parse(text, sizeof(text) - 1, "good.trace", &t, &d), MDF_OK);
  assert_string_equal(t.file, "good.trace");
  assert_int_equal(t.atr_len, 6);
  assert_memory_equal(t.atr, "\x3B\x8C\x80\x01\x4D\x44", 6);
  assert_int_equal(t.n_items, 6);
  const mdf_trace_item_t *it = t.items;
  assert_int_equal(it[0].kind, MDF_TRACE_EXCHANGE);
  assert_int_equal(it[0].line, 6);
  assert_string_equal(it[0].label, "select MF");
  assert_int_equal(it[0].cmd_len, 7);
  assert_memory_equal(mdf_trace_cmd(&t, &it[0]), "\x00\xA4\x00\x0C\x02\x3F\x00", 7);
  assert_memory_equal(mdf_trace_rsp(&t, &it[0]), "\x90\x00", 2);
  assert_int_equal(it[1].line, 8);
  assert_string_equal(it[1].label, "");
  assert_int_equal(it[1].rsp_len, 6);
  assert_int_equal(it[2].kind, MDF_TRACE_RESET);
  assert_int_equal(it[2].line, 10);
  assert_int_equal(it[2].atr_len, 2);
  assert_memory_equal(mdf_trace_event_atr(&t, &it[2]), "\x3B\x00", 2);
  assert_int_equal(it[3].line, 12);
  assert_int_equal(it[4].kind, MDF_TRACE_REMOVED);
  assert_int_equal(it[5].kind, MDF_TRACE_RESET);
  assert_int_equal(it[5].atr_len, 0);

  /* write -> parse is the identity */
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  assert_int_equal(mdf_trace_write(f, &t), MDF_OK);
  fclose(f);
  mdf_trace_t t2;
  assert_int_equal(mdf_trace_parse(buf, len, "w", &t2, &d), MDF_OK);
  assert_true(mdf_trace_equal(&t, &t2));
  /* and writing again gives the same text */
  char *buf2 = NULL;
  size_t len2 = 0;
  f = open_memstream(&buf2, &len2);
  mdf_trace_write(f, &t2);
  fclose(f);
  assert_int_equal(len, len2);
  assert_memory_equal(buf, buf2, len);
  free(buf);
  free(buf2);
  mdf_trace_clear(&t);
  mdf_trace_clear(&t2);
}

static const struct bad {
  const char *text;
  mdf_err_t err;
  unsigned line, col;
  const char *msg;
} bad[] = {
    {"", MDF_EPARSE, 1, 0, "missing header"},
    {"# only a comment\n", MDF_EPARSE, 1, 0, "missing header"},
    {"atr 3B 00\n", MDF_EPARSE, 1, 1, "missing header"},
    {"mdfuzz-trace 2\n", MDF_EPARSE, 1, 14, "version"},
    {"mdfuzz-trace 1 x\n", MDF_EPARSE, 1, 14, "version"},
    {HDR, MDF_EPARSE, 1, 0, "missing atr"},
    {HDR "> 00 A4 00 00\n< 90 00\n", MDF_EPARSE, 2, 1, "missing atr"},
    {HDR "reset\n", MDF_EPARSE, 2, 1, "missing atr"},
    {HDR ATR "atr 3B 00\n", MDF_EPARSE, 3, 1, "duplicated atr"},
    {HDR ATR "reset\natr 3B 00\natr 3B 00\n", MDF_EPARSE, 5, 1, "duplicated atr"},
    {HDR ATR HDR, MDF_EPARSE, 3, 1, "duplicated header"},
    {HDR "atr 3B\n", MDF_EPARSE, 2, 5, "ATR must be"},
    {HDR "atr 3B 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 "
         "00 00 00 00 00 00\n",
     MDF_EPARSE, 2, 5, "ATR must be"},
    {HDR ATR "> 00 A4 0\n", MDF_EPARSE, 3, 9, "odd number"},
    {HDR ATR "> 00A40 000\n", MDF_EPARSE, 3, 3, "odd number"},
    {HDR ATR "> 00 A4 0G 00\n", MDF_EPARSE, 3, 10, "non-hex character 'G'"},
    {HDR ATR "> 00 A4 00 00\n< 9O 00\n", MDF_EPARSE, 4, 4, "non-hex character 'O'"},
    {HDR ATR "< 90 00\n", MDF_EPARSE, 3, 1, "response without command"},
    {HDR ATR "> 00 A4 00 00\n> 00 A4 00 00\n", MDF_EPARSE, 4, 1,
     "command without response: line 3"},
    {HDR ATR "> 00 A4 00 00\nreset\n", MDF_EPARSE, 4, 1, "command without response"},
    {HDR ATR "> 00 A4 00 00\n", MDF_ETRUNC, 3, 1, "truncated"},
    {HDR ATR "> 00 A4 00 00\n# the end\n\n", MDF_ETRUNC, 3, 1, "truncated"},
    {HDR ATR "> 00 A4 00 00\n< 90\n", MDF_EPARSE, 4, 3, "shorter than 2 bytes"},
    {HDR ATR "> 00 A4 00 00\n<\n", MDF_EPARSE, 4, 2, "shorter than 2 bytes"},
    {HDR ATR "> 00 A4 00\n", MDF_EPARSE, 3, 3, "command must be"},
    {HDR ATR "send 00 A4 00 00\n", MDF_EPARSE, 3, 1, "unknown directive 'send'"},
    {HDR ATR "  bogus\n", MDF_EPARSE, 3, 3, "unknown directive 'bogus'"},
    {HDR ATR "reset now\n", MDF_EPARSE, 3, 7, "unexpected text"},
    {HDR ATR "label\n", MDF_EPARSE, 3, 6, "empty label"},
    {HDR ATR "label a\nlabel b\n", MDF_EPARSE, 4, 1, "two labels"},
    {HDR ATR "label a\n", MDF_EPARSE, 3, 0, "label without"},
    {HDR ATR "label 0123456789012345678901234567890123456789012345678901234567890123\n", MDF_EPARSE,
     3, 70, "label longer"},
};

static void test_malformed(void **state) {
  (void)state;
  char buf[512];
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
    mdf_trace_t t;
    mdf_diag_t d;
    memset(&d, 0, sizeof(d));
    mdf_err_t err = mdf_trace_parse(bad[i].text, strlen(bad[i].text), "bad.trace", &t, &d);
    mdf_diag_format(&d, buf, sizeof(buf));
    if (err != bad[i].err || d.line != bad[i].line || d.col != bad[i].col ||
        !strstr(d.msg, bad[i].msg))
      fail_msg("case %zu: got %s \"%s\", expected %s line %u col %u \"%s\"", i, mdf_errname(err),
               buf, mdf_errname(bad[i].err), bad[i].line, bad[i].col, bad[i].msg);
    assert_string_equal(d.file, "bad.trace");
    assert_int_equal(t.n_items, 0); /* nothing half-built is left */
    assert_null(t.items);
  }
}

static void test_binary_and_limits(void **state) {
  (void)state;
  mdf_trace_t t;
  mdf_diag_t d;
  static const char nul[] = HDR ATR "> 00 A4\0 00 00\n";
  assert_int_equal(mdf_trace_parse(nul, sizeof(nul) - 1, "n", &t, &d), MDF_EPARSE);
  assert_int_equal(d.line, 3);
  assert_int_equal(d.col, 8);
  assert_non_null(strstr(d.msg, "NUL"));

  /* An overlong line, and the longest command + response that fit. */
  size_t big = MDF_TRACE_LINE_MAX + 64;
  char *text = malloc(big + 64);
  size_t n = (size_t)sprintf(text, HDR ATR "> ");
  memset(text + n, 'A', MDF_TRACE_LINE_MAX);
  n += MDF_TRACE_LINE_MAX;
  text[n++] = '\n';
  assert_int_equal(mdf_trace_parse(text, n, "long", &t, &d), MDF_EPARSE);
  assert_int_equal(d.line, 3);
  assert_int_equal(d.col, MDF_TRACE_LINE_MAX + 1);
  assert_non_null(strstr(d.msg, "too long"));

  n = (size_t)sprintf(text, HDR ATR "> ");
  memset(text + n, 'A', 2 * (MDF_APDU_MAX + 1)); /* one byte over the command limit */
  n += 2 * (MDF_APDU_MAX + 1);
  text[n++] = '\n';
  assert_int_equal(mdf_trace_parse(text, n, "big", &t, &d), MDF_EPARSE);
  assert_int_equal(d.col, 3);
  n -= 3;
  text[n++] = '\n';
  n += (size_t)sprintf(text + n, "< 90 00\n");
  assert_int_equal(mdf_trace_parse(text, n, "big", &t, &d), MDF_OK);
  assert_int_equal(t.items[0].cmd_len, MDF_APDU_MAX);
  mdf_trace_clear(&t);
  free(text);
}

static void test_load(void **state) {
  (void)state;
  char path[] = "/tmp/mdfuzz-trace-XXXXXX";
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  static const char text[] = HDR ATR "> 00 A4 00 00\n< 90 00\n> 00 B0 00 00 00\n";
  assert_int_equal(write(fd, text, sizeof(text) - 1), (ssize_t)(sizeof(text) - 1));
  close(fd);
  mdf_trace_t t;
  mdf_diag_t d;
  char buf[512];
  assert_int_equal(mdf_trace_load(path, &t, &d), MDF_ETRUNC);
  mdf_diag_format(&d, buf, sizeof(buf));
  char want[128];
  snprintf(want, sizeof(want), "%s:5:1: truncated", path);
  assert_memory_equal(buf, want, strlen(want));
  unlink(path);
  assert_int_equal(mdf_trace_load(path, &t, &d), MDF_EIO);
  assert_string_equal(d.file, path);
}

static void test_build(void **state) {
  (void)state;
  mdf_trace_t t;
  mdf_trace_init(&t);
  assert_int_equal(mdf_trace_set_atr(&t, (const uint8_t *)"\x3B\x00", 2), MDF_OK);
  assert_int_equal(mdf_trace_add_exchange(&t, (const uint8_t *)"\x00\xA4\x00\x00", 4,
                                          (const uint8_t *)"\x90\x00", 2, "  a # b\n", 0),
                   MDF_OK);
  assert_string_equal(t.items[0].label, "a _ b"); /* one line, no comment sign */
  assert_int_equal(mdf_trace_add_event(&t, MDF_TRACE_REMOVED, (const uint8_t *)"\x3B", 1, 0),
                   MDF_EINVAL);
  assert_int_equal(mdf_trace_add_event(&t, MDF_TRACE_EXCHANGE, NULL, 0, 0), MDF_EINVAL);
  assert_int_equal(mdf_trace_add_event(&t, MDF_TRACE_RESET, NULL, 0, 0), MDF_OK);
  mdf_trace_t copy;
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  mdf_trace_write(f, &t);
  fclose(f);
  assert_int_equal(mdf_trace_parse(buf, len, NULL, &copy, NULL), MDF_OK);
  assert_true(mdf_trace_equal(&t, &copy));
  free(buf);
  mdf_trace_clear(&t);
  mdf_trace_clear(&copy);
  mdf_trace_clear(NULL);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_good),
      cmocka_unit_test(test_malformed),
      cmocka_unit_test(test_binary_and_limits),
      cmocka_unit_test(test_load),
      cmocka_unit_test(test_build),
  };
  return cmocka_run_group_tests_name("reader-trace", tests, NULL, NULL);
}
