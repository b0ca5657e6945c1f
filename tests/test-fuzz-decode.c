/* The decoder: every byte string decodes; fixed vectors give the expected
 * case; decoding is deterministic; short inputs are honest calls; the
 * encoder round-trips every decoded case; the printer reads well. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "mdfuzz/decode.h"

enum { A_CD, A_DIR, A_FILE, A_FLAGS, A_PPB, A_PCB };

static const mdf_export_t *rf(void) {
  const mdf_export_t *ex = mdf_export_find("CardReadFile");

  assert_non_null(ex);
  return ex;
}

static void assert_case_equal(const mdf_case_t *a, const mdf_case_t *b) {
  int i;

  assert_ptr_equal(a->ex, b->ex);
  assert_int_equal(a->version, b->version);
  assert_int_equal(a->acquire_flags, b->acquire_flags);
  assert_int_equal(a->null_acquire, b->null_acquire);
  assert_memory_equal(a->mutation, b->mutation, sizeof(a->mutation));
  assert_int_equal(a->alloc_fail_at, b->alloc_fail_at);
  assert_int_equal(a->realloc_fail_at, b->realloc_fail_at);
  assert_int_equal(a->cache_mode, b->cache_mode);
  for (i = 0; i < a->ex->nargs; i++) {
    assert_int_equal(a->args[i].is_null, b->args[i].is_null);
    assert_int_equal(a->args[i].u32, b->args[i].u32);
    assert_int_equal(a->args[i].str_len, b->args[i].str_len);
    assert_memory_equal(a->args[i].str, b->args[i].str, sizeof(a->args[i].str));
  }
  assert_int_equal(a->script_len, b->script_len);
  if (a->script_len)
    assert_memory_equal(a->script, b->script, a->script_len);
}

static void assert_honest(const mdf_case_t *c) {
  int i;

  assert_int_equal(c->version, 7);
  assert_false(c->null_acquire);
  for (i = 0; i < MDF_CDM_COUNT; i++)
    assert_int_equal(c->mutation[i], MDF_MUT_KEEP);
  assert_int_equal(c->acquire_flags, 0);
  assert_int_equal(c->alloc_fail_at + c->realloc_fail_at, 0);
  assert_false(c->args[A_CD].is_null);
  assert_true(c->args[A_DIR].is_null);
  assert_string_equal(c->args[A_FILE].str, "cardid");
  assert_int_equal(c->args[A_FLAGS].u32, 0);
  assert_false(c->args[A_PPB].is_null);
  assert_false(c->args[A_PCB].is_null);
}

static void test_short_inputs_are_honest(void **state) {
  static const uint8_t zeros[16];
  mdf_case_t c;
  size_t n;

  (void)state;
  for (n = 0; n <= 11; n++) {
    assert_int_equal(mdf_decode(rf(), n ? zeros : NULL, n, &c), MDF_OK);
    assert_honest(&c);
    assert_int_equal(c.script_len, 0);
  }
  mdf_case_init(&c, rf());
  assert_honest(&c);
  assert_int_equal(mdf_decode(NULL, zeros, 4, &c), MDF_EINVAL);
}

static void test_vectors(void **state) {
  static const struct vec {
    uint8_t in[24];
    size_t len;
  } v[] = {
      {{0xC1}, 1},                                    /* version 5 */
      {{0xF5}, 1},                                    /* rare: 0xFFFFFFFF */
      {{0x00, 0xF0, 0x03}, 3},                        /* pfnCspAlloc NULL */
      {{0x00, 0xFF}, 2},                              /* NULL pCardData to acquire */
      {{0x00, 0x00, 0xF0, 0x00, 0x00}, 5},            /* acquire dwFlags 1 */
      {{0x00, 0x00, 0x00, 0xE2}, 4},                  /* 3rd alloc fails */
      {{0, 0, 0, 0, 0, 0, 0x80, 3, 0xE0, 0, 0, 0xAB}, 12}, /* mscp/cmapfile flags 1, script AB */
      {{0, 0, 0, 0, 0, 0, 0xE0, 3, 'a', '/', 'c', 0xC0, 20, 'x'}, 14}, /* literals */
  };
  mdf_case_t c;

  (void)state;
  mdf_decode(rf(), v[0].in, v[0].len, &c);
  assert_int_equal(c.version, 5);
  mdf_decode(rf(), v[1].in, v[1].len, &c);
  assert_int_equal(c.version, 0xFFFFFFFFu);
  mdf_decode(rf(), v[2].in, v[2].len, &c);
  assert_int_equal(c.mutation[MDF_CDM_ALLOC], MDF_MUT_ZERO);
  assert_string_equal(mdf_cdm_name(MDF_CDM_ALLOC), "pfnCspAlloc");
  mdf_decode(rf(), v[3].in, v[3].len, &c);
  assert_true(c.null_acquire);
  mdf_decode(rf(), v[4].in, v[4].len, &c);
  assert_int_equal(c.acquire_flags, 1);
  mdf_decode(rf(), v[5].in, v[5].len, &c);
  assert_int_equal(c.alloc_fail_at, 3);
  mdf_decode(rf(), v[6].in, v[6].len, &c);
  assert_string_equal(c.args[A_DIR].str, "mscp");
  assert_string_equal(c.args[A_FILE].str, "cmapfile");
  assert_int_equal(c.args[A_FLAGS].u32, 1);
  assert_int_equal(c.script_len, 1);
  assert_int_equal(c.script[0], 0xAB);
  mdf_decode(rf(), v[7].in, v[7].len, &c);
  assert_string_equal(c.args[A_DIR].str, "a/c");
  assert_int_equal(c.args[A_FILE].str_len, 3); /* 20 % 17 */
  assert_string_equal(c.args[A_FILE].str, "x"); /* then zeros past the end */
}

static uint64_t g_rng = 88172645463325252ull;
static uint8_t rnd8(void) {
  g_rng ^= g_rng << 13;
  g_rng ^= g_rng >> 7;
  g_rng ^= g_rng << 17;
  return (uint8_t)g_rng;
}

static void test_every_string_decodes_and_round_trips(void **state) {
  uint8_t in[80], enc[256];
  mdf_case_t a, b, c;
  size_t i, len, elen;
  int k, n;

  (void)state;
  for (n = 0; n < 20000; n++) {
    len = rnd8() % sizeof(in);
    for (i = 0; i < len; i++) /* bias towards selector edges */
      in[i] = (rnd8() & 1) ? (uint8_t)(0xC0 | rnd8()) : rnd8();
    assert_int_equal(mdf_decode(rf(), in, len, &a), MDF_OK);
    assert_int_equal(mdf_decode(rf(), in, len, &b), MDF_OK);
    assert_case_equal(&a, &b); /* deterministic */
    assert_true(a.script_len <= len);
    if (a.script_len)
      assert_true(a.script >= in && a.script + a.script_len == in + len);
    for (k = 0; k < a.ex->nargs; k++) {
      assert_true(a.args[k].str_len <= MDF_NAME_MAX);
      assert_int_equal(a.args[k].str[MDF_NAME_MAX], 0);
    }
    assert_int_equal(mdf_encode(&a, enc, sizeof(enc), &elen), MDF_OK);
    assert_int_equal(mdf_decode(rf(), enc, elen, &c), MDF_OK);
    assert_case_equal(&a, &c);
  }
}

static void test_encoder_rejects(void **state) {
  mdf_case_t c;
  uint8_t buf[64];
  size_t len;

  (void)state;
  mdf_case_init(&c, rf());
  c.mutation[0] = MDF_MUT_ZERO;
  c.mutation[1] = MDF_MUT_ZERO;
  assert_int_equal(mdf_encode(&c, buf, sizeof(buf), &len), MDF_EINVAL);
  mdf_case_init(&c, rf());
  c.version = 12345;
  assert_int_equal(mdf_encode(&c, buf, sizeof(buf), &len), MDF_EINVAL);
  mdf_case_init(&c, rf());
  assert_int_equal(mdf_encode(&c, buf, 3, &len), MDF_ESPACE);
  assert_int_equal(mdf_encode(&c, buf, sizeof(buf), &len), MDF_OK);
  assert_int_equal(len, 11);
}

static void test_print(void **state) {
  static const uint8_t in[] = {0, 0, 0, 0xE1, 0, 0, 0x80, 3, 0xE2, 0, 0, 1, 0x6A, 0x82};
  char *text = NULL;
  size_t size = 0;
  FILE *f = open_memstream(&text, &size);
  mdf_case_t c;

  (void)state;
  assert_non_null(f);
  mdf_decode(rf(), in, sizeof(in), &c);
  mdf_decode_print(f, &c);
  fclose(f);
  assert_non_null(strstr(text, "CARD_DATA: dwVersion=7\n"));
  assert_non_null(strstr(text, "fault: pfnCspAlloc call #2 returns NULL\n"));
  assert_non_null(strstr(text, "call: CardReadFile(pCardData=valid, pszDirectoryName=\"mscp\", "
                               "pszFileName=\"cmapfile\", dwFlags=0x4, ppbData=valid, "
                               "pcbData=valid)\n"));
  assert_non_null(strstr(text, "card: 3 script byte(s)"));
  free(text);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_short_inputs_are_honest),
      cmocka_unit_test(test_vectors),
      cmocka_unit_test(test_every_string_decodes_and_round_trips),
      cmocka_unit_test(test_encoder_rejects),
      cmocka_unit_test(test_print),
  };

  return cmocka_run_group_tests_name("fuzz-decode", tests, NULL, NULL);
}
