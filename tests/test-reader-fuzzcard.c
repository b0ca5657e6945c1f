/* Fuzz card source: each directive on a fixed inner answer, end of script,
 * ATR override, and the text form (describe / encode round trip). */
#include "mdfuzz/reader/fuzzcard.h"
#include "mdfuzz/reader/sim.h"
#include "test-reader-util.h"

/* Inner card: always "01 02 03 90 00"; counts its calls. */
static int inner_calls;
static mdf_err_t inner_err;
static mdf_err_t fake_power(void *ctx, uint8_t *atr, size_t *n) {
  (void)ctx;
  memcpy(atr, "\x3B\x01", 2);
  *n = 2;
  return MDF_OK;
}
static mdf_err_t fake_transmit(void *ctx, const uint8_t *c, size_t clen, uint8_t *r, size_t *rlen) {
  (void)ctx, (void)c, (void)clen;
  inner_calls++;
  if (inner_err)
    return *rlen = 0, inner_err;
  memcpy(r, "\x01\x02\x03\x90\x00", 5);
  *rlen = 5;
  return MDF_OK;
}
static int inner_resets;
static void fake_reset(void *ctx) {
  (void)ctx;
  inner_resets++;
}
static void fake_free(void *ctx) {
  (void)ctx;
}
static const mdf_card_ops_t fake_ops = {"fake", fake_power, fake_transmit, fake_reset, fake_free};
static const mdf_card_t fake = {&fake_ops, NULL};

static const struct {
  const char *script; /* hex */
  mdf_err_t err;
  const char *answer; /* hex */
  int inner_called;
} cases[] = {
    {"", MDF_OK, "01 02 03 90 00", 1},
    {"00", MDF_OK, "01 02 03 90 00", 1},
    {"08", MDF_OK, "01 02 03 90 00", 1}, /* op is u8 % 8 */
    {"01 6A 82", MDF_OK, "01 02 03 6A 82", 1},
    {"09 63 C1", MDF_OK, "01 02 03 63 C1", 1},
    {"02 03", MDF_OK, "01 02 03", 1},
    {"02 07", MDF_OK, "01", 1}, /* 7 % (5 + 1) */
    {"02 00", MDF_OK, "", 1},
    {"03 02 AA BB", MDF_OK, "01 02 03 AA BB 90 00", 1},
    {"03 05 AA BB", MDF_OK, "01 02 03 AA BB 90 00", 1}, /* script ends early */
    {"03 00", MDF_OK, "01 02 03 90 00", 1},
    {"04 03 00 90 00 01", MDF_OK, "90 00 01", 1},
    {"04 03 04 61 00 FF", MDF_OK, "61 00 FF", 1}, /* 0x0403 % 1024 = 3 */
    {"04 00 00", MDF_OK, "", 1},
    {"05 01 FF", MDF_OK, "01 FD 03 90 00", 1},
    {"05 09 00", MDF_OK, "01 02 03 90 01", 1}, /* 9 % 5 = 4; mask 0 flips bit 0 */
    {"06", MDF_EREMOVED, "", 0},
    {"07", MDF_ERESET, "", 0},
    {"0F", MDF_ERESET, "", 0},
};

static void test_directives(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    uint8_t script[64], want[64], rsp[MDF_RAPDU_MAX];
    size_t slen = tr_unhex(cases[i].script, script, sizeof(script));
    size_t wlen = tr_unhex(cases[i].answer, want, sizeof(want)), n = sizeof(rsp);
    mdf_fuzzcard_t fc;
    mdf_fuzzcard_init(&fc, &fake, script, slen);
    mdf_card_t c = mdf_fuzzcard_card(&fc);
    inner_calls = 0;
    mdf_err_t err = c.ops->transmit(c.ctx, (const uint8_t *)"\x00\xA4\x00\x00", 4, rsp, &n);
    if (err != cases[i].err || n != wlen || memcmp(rsp, want, n) ||
        inner_calls != cases[i].inner_called)
      fail_msg("case %zu (%s): err %d len %zu inner %d", i, cases[i].script, err, n, inner_calls);
    /* Past the end of the script: PASS. */
    n = sizeof(rsp);
    assert_int_equal(c.ops->transmit(c.ctx, (const uint8_t *)"\x00\xA4\x00\x00", 4, rsp, &n),
                     MDF_OK);
    assert_int_equal(n, 5);
    assert_int_equal(fc.apdus, 2);
  }
}

static void test_no_inner_and_atr(void **state) {
  (void)state;
  uint8_t rsp[64], atr[MDF_ATR_MAX];
  size_t n = sizeof(rsp), an = sizeof(atr);
  static const uint8_t script[] = {0x00, 0x01, 0x90, 0x00, 0x02, 0x01};
  mdf_fuzzcard_t fc;
  mdf_fuzzcard_init(&fc, NULL, script, sizeof(script));
  mdf_card_t c = mdf_fuzzcard_card(&fc);
  assert_int_equal(c.ops->power_on(c.ctx, atr, &an), MDF_OK);
  assert_int_equal(an, MDF_SIM_ATR_LEN);
  assert_memory_equal(atr, mdf_sim_atr, an);
  assert_int_equal(c.ops->transmit(c.ctx, (const uint8_t *)"\x00\xB0\x00\x00", 4, rsp, &n), MDF_OK);
  assert_memory_equal(rsp, "\x6F\x00", 2);
  n = sizeof(rsp);
  assert_int_equal(c.ops->transmit(c.ctx, (const uint8_t *)"\x00\xB0\x00\x00", 4, rsp, &n), MDF_OK);
  assert_memory_equal(rsp, "\x90\x00", 2);
  n = sizeof(rsp);
  assert_int_equal(c.ops->transmit(c.ctx, (const uint8_t *)"\x00\xB0\x00\x00", 4, rsp, &n), MDF_OK);
  assert_int_equal(n, 1);
  /* Override, then inner ATR; a NULL script is an empty one. */
  mdf_fuzzcard_init(&fc, &fake, NULL, 99);
  mdf_fuzzcard_set_atr(&fc, (const uint8_t *)"\x3B\x02\x14\x50", 4);
  an = sizeof(atr);
  assert_int_equal(c.ops->power_on(c.ctx, atr, &an), MDF_OK);
  assert_int_equal(an, 4);
  mdf_fuzzcard_set_atr(&fc, NULL, 0);
  an = sizeof(atr);
  assert_int_equal(c.ops->power_on(c.ctx, atr, &an), MDF_OK);
  assert_memory_equal(atr, "\x3B\x01", 2);
  inner_err = MDF_EDIVERGE;
  n = sizeof(rsp);
  assert_int_equal(c.ops->transmit(c.ctx, (const uint8_t *)"\x00\xB0\x00\x00", 4, rsp, &n),
                   MDF_EDIVERGE);
  inner_err = MDF_OK;
}

/* reset: the same input again from its first directive, over a reset
 * inner card; free releases nothing (the struct is the caller's). */
static void test_reset_free_ops(void **state) {
  (void)state;
  static const uint8_t script[] = {MDF_FZ_SW, 0x62, 0x82, MDF_FZ_TRUNCATE, 1};
  uint8_t rsp[64];
  size_t n = sizeof(rsp);
  mdf_fuzzcard_t fc;
  mdf_fuzzcard_init(&fc, &fake, script, sizeof(script));
  mdf_card_t c = mdf_fuzzcard_card(&fc);
  assert_non_null(c.ops->reset);
  assert_non_null(c.ops->free);
  assert_int_equal(c.ops->transmit(c.ctx, (const uint8_t *)"\x00\xB0\x00\x00", 4, rsp, &n), MDF_OK);
  assert_memory_equal(rsp + n - 2, "\x62\x82", 2);
  n = sizeof(rsp);
  assert_int_equal(c.ops->transmit(c.ctx, (const uint8_t *)"\x00\xB0\x00\x00", 4, rsp, &n), MDF_OK);
  assert_int_equal(n, 1);
  assert_int_equal(fc.apdus, 2);
  inner_resets = 0;
  c.ops->reset(c.ctx);
  assert_int_equal(inner_resets, 1);
  assert_int_equal(fc.apdus, 0);
  n = sizeof(rsp);
  assert_int_equal(c.ops->transmit(c.ctx, (const uint8_t *)"\x00\xB0\x00\x00", 4, rsp, &n), MDF_OK);
  assert_int_equal(n, 5); /* the first directive again: SW replaced, nothing cut */
  assert_memory_equal(rsp + 3, "\x62\x82", 2);
  /* no inner card: reset touches only the script */
  mdf_fuzzcard_init(&fc, NULL, script, sizeof(script));
  c.ops->reset(c.ctx);
  assert_int_equal(inner_resets, 1);
  c.ops->free(c.ctx);
  assert_int_equal(fc.script.len, sizeof(script)); /* untouched */
}

/* Over the real sim: SW replaced on a READ BINARY. */
static void test_over_sim(void **state) {
  (void)state;
  mdf_sim_t *sim;
  tr_resp_t r;
  assert_int_equal(mdf_sim_new(&sim), MDF_OK);
  mdf_card_t inner = mdf_sim_card(sim);
  static const uint8_t script[] = {MDF_FZ_PASS, MDF_FZ_SW, 0x62, 0x82, MDF_FZ_EXTEND, 1, 0xEE};
  mdf_fuzzcard_t fc;
  mdf_fuzzcard_init(&fc, &inner, script, sizeof(script));
  mdf_card_t c = mdf_fuzzcard_card(&fc);
  assert_int_equal(tr_apdu(&c, &r, "00 A4 00 0C 02 10 02"), 0x9000);
  assert_int_equal(tr_apdu(&c, &r, "00 B0 00 00 06"), 0x6282);
  assert_int_equal(r.len, 6);
  assert_int_equal(tr_apdu(&c, &r, "00 B0 00 00 06"), 0x9000);
  assert_int_equal(r.len, 7);
  assert_int_equal(r.data[6], 0xEE);
  mdf_sim_free(sim);
}

static char *describe(const uint8_t *s, size_t n) {
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  assert_int_equal(mdf_fuzzcard_describe(f, s, n), MDF_OK);
  fclose(f);
  return buf;
}

static void test_text_round_trip(void **state) {
  (void)state;
  static const char text[] = "apdu 1: PASS\n"
                             "apdu 2: SW 6A 82\n"
                             "apdu 3: TRUNCATE 5\n"
                             "apdu 4: EXTEND +5 bytes 01 02 03 04 05\n"
                             "apdu 5: REPLACE 2 bytes 90 00\n"
                             "apdu 6: FLIP at 7 xor 10\n"
                             "apdu 7: REMOVED\n"
                             "apdu 8: RESET\n"
                             "apdu 9: EXTEND +4 bytes AA BB\n";
  uint8_t bytes[256];
  size_t n;
  mdf_diag_t d;
  assert_int_equal(mdf_fuzzcard_encode(text, sizeof(text) - 1, bytes, sizeof(bytes), &n, &d),
                   MDF_OK);
  uint8_t want[64];
  size_t wn =
      tr_unhex("00 01 6A 82 02 05 03 05 01 02 03 04 05 04 02 00 90 00 05 07 10 06 07 03 04 AA BB",
               want, sizeof(want));
  assert_int_equal(n, wn);
  assert_memory_equal(bytes, want, n);
  char *back = describe(bytes, n);
  assert_string_equal(back, text);
  free(back);
  /* Hand-written form: no prefixes, comments, blank lines. */
  static const char hand[] = "# a script\n\n  SW 90 00   # ok\nREPLACE 0 bytes\n";
  assert_int_equal(mdf_fuzzcard_encode(hand, sizeof(hand) - 1, bytes, sizeof(bytes), &n, &d),
                   MDF_OK);
  assert_int_equal(n, 6);
  /* Arbitrary bytes -> text -> bytes -> text is stable. */
  static const uint8_t noise[] = {0xFB, 0x11, 0x22, 0x8C, 0x03, 0x12, 0x34,
                                  0x55, 0x66, 0xFF, 0x9A, 0x13, 0x2D};
  char *t1 = describe(noise, sizeof(noise));
  assert_int_equal(mdf_fuzzcard_encode(t1, strlen(t1), bytes, sizeof(bytes), &n, &d), MDF_OK);
  char *t2 = describe(bytes, n);
  assert_string_equal(t1, t2);
  free(t1);
  free(t2);
}

static void test_text_errors(void **state) {
  (void)state;
  static const struct {
    const char *text;
    unsigned line, col;
  } bad[] = {
      {"PASS\nJUMP 3\n", 2, 1},
      {"SW 6A\n", 1, 6},
      {"SW 6A 8Z\n", 1, 7},
      {"TRUNCATE 256\n", 1, 10},
      {"EXTEND 3 bytes 01 02 03\n", 1, 8},
      {"EXTEND +2 bytes 01\nPASS\n", 2, 1},
      {"REPLACE 1024 bytes\n", 1, 9},
      {"FLIP 3 xor 01\n", 1, 6},
      {"apdu x: PASS\n", 1, 6},
      {"PASS now\n", 1, 6},
      {"RESETX\n", 1, 1},
  };
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
    uint8_t out[64];
    size_t n = 1;
    mdf_diag_t d;
    memset(&d, 0, sizeof(d));
    mdf_err_t err = mdf_fuzzcard_encode(bad[i].text, strlen(bad[i].text), out, sizeof(out), &n, &d);
    if (err != MDF_EPARSE || d.line != bad[i].line || d.col != bad[i].col)
      fail_msg("case %zu: %d at %u:%u (%s), expected %u:%u", i, err, d.line, d.col, d.msg,
               bad[i].line, bad[i].col);
    assert_int_equal(n, 0);
  }
  uint8_t tiny[2];
  size_t n;
  assert_int_equal(mdf_fuzzcard_encode("SW 90 00\n", 9, tiny, sizeof(tiny), &n, NULL), MDF_ESPACE);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_directives),  cmocka_unit_test(test_no_inner_and_atr),
      cmocka_unit_test(test_over_sim),    cmocka_unit_test(test_text_round_trip),
      cmocka_unit_test(test_text_errors), cmocka_unit_test(test_reset_free_ops),
  };
  return cmocka_run_group_tests_name("reader-fuzzcard", tests, NULL, NULL);
}
