/* The decoder against the real export table (fuzzers/exports/exports*.c):
 *  - every committed input under corpus/<Export>/ and
 *    corpus/regressions/<Export>/ decodes, and decode -> encode -> decode and
 *    case -> text -> case are the identity on it;
 *  - 100,000 random inputs per row of the table (MDF_TEST_RANDOM overrides
 *    the count) round-trip through the encoder, and a sample through text;
 *  - the sequence decoder over the whole table round-trips. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "mdfuzz/fuzzers/decode.h"
#include "test-fuzz-rows.h"

static mdf_case_t ca, cb;
static uint8_t enc[1 << 16];
static char text[1 << 17];

static void roundtrip(const mdf_case_t *c, const char *what) {
  mdf_diag_t diag;
  size_t len;
  FILE *f;
  long n;
  mdf_err_t err = mdf_encode(c, enc, sizeof(enc), &len);

  if (err != MDF_OK)
    fail_msg("%s: encode: %s", what, mdf_strerror(err));
  if (c->seq)
    mdf_decode_seq(c->seq, c->nseq, enc, len, &cb);
  else
    mdf_decode(c->calls[0].ex, enc, len, &cb);
  if (!mdf_case_equal(c, &cb))
    fail_msg("%s: decode(encode(case)) differs", what);
  f = fmemopen(text, sizeof(text), "w");
  assert_non_null(f);
  assert_int_equal(mdf_case_to_text(f, c), MDF_OK);
  n = ftell(f);
  fclose(f);
  assert_true(n > 0 && (size_t)n < sizeof(text));
  text[n] = '\0';
  err = mdf_case_from_text(text, (size_t)n, c->seq ? NULL : c->calls[0].ex, c->seq, c->nseq, &cb,
                           &diag);
  if (err != MDF_OK)
    fail_msg("%s: text: %u:%u: %s", what, diag.line, diag.col, diag.msg);
  if (!mdf_case_equal(c, &cb))
    fail_msg("%s: text -> case differs", what);
}

static size_t dir_files(const char *dir, const mdf_export_t *ex) {
  static uint8_t in[1 << 16];
  char path[1024];
  struct dirent *de;
  size_t count = 0, n;
  DIR *d = opendir(dir);
  FILE *f;

  if (d == NULL)
    return 0;
  while ((de = readdir(d)) != NULL) {
    if (de->d_name[0] == '.')
      continue;
    snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
    f = fopen(path, "rb");
    if (f == NULL)
      continue;
    n = fread(in, 1, sizeof(in), f);
    fclose(f);
    assert_int_equal(mdf_decode(ex, in, n, &ca), MDF_OK);
    roundtrip(&ca, path);
    count++;
  }
  closedir(d);
  return count;
}

static void test_corpus(void **state) {
  size_t n, i, files = 0;
  const mdf_export_t *rows = mdf_exports(&n);
  char dir[1024];

  (void)state;
  for (i = 0; i < n; i++) {
    snprintf(dir, sizeof(dir), "%s/%s", MDF_CORPUS_DIR, rows[i].name);
    files += dir_files(dir, &rows[i]);
    snprintf(dir, sizeof(dir), "%s/regressions/%s", MDF_CORPUS_DIR, rows[i].name);
    files += dir_files(dir, &rows[i]);
  }
  print_message("%zu corpus files of %zu exports round-trip\n", files, n);
  assert_true(files > 0);
}

static void test_random_every_row(void **state) {
  static uint8_t in[600];
  static const mdf_export_t *seq[255];
  const char *env = getenv("MDF_TEST_RANDOM");
  size_t n, r, i, len, count = env ? strtoul(env, NULL, 10) : 100000;
  const mdf_export_t *rows = mdf_exports(&n);

  (void)state;
  for (r = 0; r < n; r++) {
    for (i = 0; i < count; i++) {
      len = t_random_input(in, sizeof(in));
      mdf_decode(&rows[r], in, len, &ca);
      if (i % 200 == 0) {
        roundtrip(&ca, rows[r].name);
        continue;
      }
      assert_int_equal(mdf_encode(&ca, enc, sizeof(enc), &len), MDF_OK);
      mdf_decode(&rows[r], enc, len, &cb);
      if (!mdf_case_equal(&ca, &cb))
        fail_msg("%s: decode(encode(case)) differs", rows[r].name);
    }
  }
  for (r = 0; r < n && r < 255; r++)
    seq[r] = &rows[r];
  for (i = 0; i < count / 10; i++) {
    len = t_random_input(in, sizeof(in));
    mdf_decode_seq(seq, r, in, len, &ca);
    roundtrip(&ca, "sequence");
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_corpus),
      cmocka_unit_test(test_random_every_row),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
