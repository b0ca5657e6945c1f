/* The Sequence and HostileCard targets (fuzzers/target/fuzz_export.c pseudo-
 * exports) end to end against the clean refmd over the simulated card:
 *   - every honest session (fuzzers/target/seq_honest.c) runs with the oracles and
 *     its calls return what the simulated card allows (0 but a few listed);
 *   - the committed seeds corpus/Sequence/<name> and corpus/HostileCard/<name>
 *     are those sessions, and a HostileCard seed (every answer from the
 *     input, no inner card) gives the same return codes as the sim;
 *   - HostileCard decoding: session choice, ATR, script, encode inverse;
 *   - the UAF regression decodes to the two-call session it is. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "mdfuzz/fuzzers/decode.h"
#include "mdfuzz/fuzzers/fuzz.h"
#include "mdfuzz/reader/fuzzcard.h"
#include "mdfuzz/reader/sim.h"

static mdf_fuzz_env_t *g_env;
static mdf_case_t ca, cb; /* large: static */
static uint8_t g_in[1 << 16];

/* Calls of honest sessions that cannot succeed on refmd's card. */
static const struct {
  const char *session;
  size_t call; /* 0-based */
  DWORD rc;
} expected[] = {
    /* a challenge response the admin key did not make */
    {"pin-unblock-challenge", 1, SCARD_W_WRONG_CHV},
    /* no ECDH key on the card: no agreement exists */
    {"honest-tls-ecc", 3, SCARD_E_INVALID_PARAMETER},
    {"honest-tls-ecc", 4, SCARD_E_INVALID_PARAMETER},
    {"honest-tls-ecc", 5, SCARD_E_INVALID_PARAMETER},
};

static DWORD expected_rc(const char *session, size_t call) {
  size_t i;

  for (i = 0; i < sizeof(expected) / sizeof(expected[0]); i++)
    if (strcmp(expected[i].session, session) == 0 && expected[i].call == call)
      return expected[i].rc;
  return 0;
}

/* Run c over the sim (inner != 0) or over no card at all (HostileCard). */
static DWORD run(const mdf_case_t *c, bool sim, DWORD rcs[MDF_MAX_CALLS]) {
  mdf_fuzzcard_t fc;
  mdf_card_t card;

  mdf_fuzzcard_init(&fc, sim ? mdf_fuzz_env_inner(g_env) : NULL, c->script, c->script_len);
  if (c->atr_len != 0)
    mdf_fuzzcard_set_atr(&fc, c->atr, c->atr_len);
  card = mdf_fuzzcard_card(&fc);
  return mdf_fuzz_run(g_env, c, &card, rcs);
}

static size_t load(const char *sub, const char *name) {
  char path[1024];
  FILE *f;
  size_t n;

  snprintf(path, sizeof(path), "%s/%s/%s", MDF_CORPUS_DIR, sub, name);
  f = fopen(path, "rb");
  if (f == NULL)
    fail_msg("%s: missing (run mdf-gen-seeds-seq corpus)", path);
  n = fread(g_in, 1, sizeof(g_in), f);
  fclose(f);
  return n;
}

static void check_rcs(const char *what, const char *session, const mdf_case_t *c, DWORD acq,
                      const DWORD *rcs) {
  size_t i, ok = 0;

  if (acq != 0)
    fail_msg("%s: CardAcquireContext returned 0x%08X", what, (unsigned)acq);
  assert_true(c->ncalls >= 2);
  for (i = 0; i < c->ncalls; i++) {
    if (rcs[i] != expected_rc(session, i))
      fail_msg("%s: call %zu %s returned 0x%08X, expected 0x%08X", what, i + 1,
               c->calls[i].ex->name, (unsigned)rcs[i], (unsigned)expected_rc(session, i));
    ok += rcs[i] == 0;
  }
  assert_true(ok * 2 > c->ncalls); /* a session whose calls fail tests nothing */
}

static void test_honest_sessions_run(void **state) {
  DWORD rcs[MDF_MAX_CALLS], acq;
  size_t i, n = mdf_seq_honest_count();

  (void)state;
  assert_true(n >= 11); /* the ten sequence tests of section 2.5 and a read of every file */
  for (i = 0; i < n; i++) {
    assert_int_equal(mdf_seq_honest_case(i, &ca), MDF_OK);
    assert_non_null(ca.seq);
    acq = run(&ca, true, rcs);
    check_rcs(mdf_seq_honest_name(i), mdf_seq_honest_name(i), &ca, acq, rcs);
  }
  assert_int_equal(mdf_seq_honest_case(n, &ca), MDF_EINVAL);
  assert_null(mdf_seq_honest_name(n));
}

static void test_sequence_seeds(void **state) {
  const mdf_export_t *const *seq;
  size_t i, nseq, len;
  DWORD rcs[MDF_MAX_CALLS], acq;

  (void)state;
  seq = mdf_fuzz_seq_exports(&nseq);
  for (i = 0; i < mdf_seq_honest_count(); i++) {
    const char *name = mdf_seq_honest_name(i);

    len = load("Sequence", name);
    assert_int_equal(mdf_decode_seq(seq, nseq, g_in, len, &ca), MDF_OK);
    assert_int_equal(mdf_seq_honest_case(i, &cb), MDF_OK);
    if (!mdf_case_equal(&ca, &cb))
      fail_msg("corpus/Sequence/%s is not the session of seq_honest.c (regenerate)", name);
    acq = run(&ca, true, rcs);
    check_rcs(name, name, &ca, acq, rcs);
  }
}

static void test_hostile_seeds(void **state) {
  size_t i, len, k;
  DWORD rcs[MDF_MAX_CALLS], acq;

  (void)state;
  for (i = 0; i < mdf_seq_honest_count(); i++) {
    const char *name = mdf_seq_honest_name(i);

    len = load("HostileCard", name);
    assert_int_equal(mdf_hostile_decode(g_in, len, &ca), MDF_OK);
    assert_int_equal(mdf_seq_honest_case(i, &cb), MDF_OK);
    assert_int_equal(ca.ncalls, cb.ncalls);
    for (k = 0; k < ca.ncalls; k++)
      assert_ptr_equal(ca.calls[k].ex, cb.calls[k].ex);
    /* the card's real ATR, given explicitly, and a script of answers */
    assert_int_equal(ca.atr_len, MDF_SIM_ATR_LEN);
    assert_memory_equal(ca.atr, mdf_sim_atr, MDF_SIM_ATR_LEN);
    assert_true(ca.script_len > 100);
    assert_int_equal(ca.script[0], MDF_FZ_REPLACE);
    acq = run(&ca, false, rcs);
    check_rcs(name, name, &ca, acq, rcs);
  }
}

static void test_hostile_decode(void **state) {
  static const uint8_t script[] = {MDF_FZ_REPLACE, 2, 0, 0x90, 0x00};
  static const uint8_t atr[] = {0x3B, 0x00};
  uint8_t in[64];
  size_t n = mdf_seq_honest_count(), len;

  (void)state;
  /* empty input: the first session, the sim's ATR, no answers */
  assert_int_equal(mdf_hostile_decode(NULL, 0, &ca), MDF_OK);
  assert_int_equal(mdf_seq_honest_case(0, &cb), MDF_OK);
  assert_int_equal(ca.ncalls, cb.ncalls);
  assert_int_equal(ca.atr_len, 0);
  assert_int_equal(ca.script_len, 0);
  assert_int_equal(ca.version, 7);
  /* the session byte wraps; the ATR length byte is taken % 34 */
  memset(in, 0xAA, sizeof(in));
  in[0] = (uint8_t)(n + 1);
  in[1] = 34 + 5;
  assert_int_equal(mdf_hostile_decode(in, 10, &ca), MDF_OK);
  assert_int_equal(mdf_seq_honest_case(1, &cb), MDF_OK);
  assert_ptr_equal(ca.calls[0].ex, cb.calls[0].ex);
  assert_int_equal(ca.ncalls, cb.ncalls);
  assert_int_equal(ca.atr_len, 5);
  assert_int_equal(ca.atr[4], 0xAA);
  assert_ptr_equal(ca.script, in + 7);
  assert_int_equal(ca.script_len, 3);
  /* an ATR cut short by the end of the input reads zeros */
  in[1] = 20;
  assert_int_equal(mdf_hostile_decode(in, 6, &ca), MDF_OK);
  assert_int_equal(ca.atr_len, 20);
  assert_int_equal(ca.atr[3], 0xAA);
  assert_int_equal(ca.atr[4], 0);
  assert_int_equal(ca.script_len, 0);
  /* encode is the inverse */
  assert_int_equal(
      mdf_hostile_encode(2, atr, sizeof(atr), script, sizeof(script), in, sizeof(in), &len),
      MDF_OK);
  assert_int_equal(len, 2 + sizeof(atr) + sizeof(script));
  assert_int_equal(mdf_hostile_decode(in, len, &ca), MDF_OK);
  assert_int_equal(mdf_seq_honest_case(2, &cb), MDF_OK);
  assert_ptr_equal(ca.calls[0].ex, cb.calls[0].ex);
  assert_int_equal(ca.atr_len, 2);
  assert_memory_equal(ca.atr, atr, 2);
  assert_int_equal(ca.script_len, sizeof(script));
  assert_memory_equal(ca.script, script, sizeof(script));
  /* malformed requests */
  assert_int_equal(mdf_hostile_decode(in, len, NULL), MDF_EINVAL);
  assert_int_equal(mdf_hostile_decode(NULL, 3, &ca), MDF_EINVAL);
  assert_int_equal(mdf_hostile_encode(0, atr, MDF_ATR_MAX + 1, NULL, 0, in, sizeof(in), &len),
                   MDF_EINVAL);
  assert_int_equal(len, 0);
  assert_int_equal(mdf_hostile_encode(256, NULL, 0, NULL, 0, in, sizeof(in), &len), MDF_EINVAL);
  assert_int_equal(mdf_hostile_encode(0, atr, 2, script, sizeof(script), in, 5, &len), MDF_ESPACE);
  assert_int_equal(mdf_hostile_encode(0, NULL, 0, NULL, 0, NULL, 4, &len), MDF_EINVAL);
}

/* No card answers at all (every APDU 6F00) and a junk ATR: the driver
 * fails cleanly, no finding (a finding aborts this test). */
static void test_hostile_silent_card(void **state) {
  static const uint8_t in[] = {0, 4, 0x3B, 0x01, 0x02, 0x03};
  DWORD rcs[MDF_MAX_CALLS];
  size_t i;

  (void)state;
  for (i = 0; i < mdf_seq_honest_count(); i++) {
    uint8_t buf[sizeof(in)];

    memcpy(buf, in, sizeof(in));
    buf[0] = (uint8_t)i;
    assert_int_equal(mdf_hostile_decode(buf, sizeof(buf), &ca), MDF_OK);
    run(&ca, false, rcs);
  }
}

static void test_sequence_table_and_regression(void **state) {
  const mdf_export_t *const *seq;
  const mdf_export_t *rows;
  size_t i, n, nrows, len;
  DWORD rcs[MDF_MAX_CALLS];

  (void)state;
  seq = mdf_fuzz_seq_exports(&n);
  rows = mdf_exports(&nrows);
  assert_int_equal(n, nrows); /* the whole table, in table order */
  for (i = 0; i < n; i++)
    assert_ptr_equal(seq[i], &rows[i]);
  assert_int_equal(mdf_fuzz_pseudo("Sequence"), MDF_FUZZ_SEQUENCE);
  assert_int_equal(mdf_fuzz_pseudo("HostileCard"), MDF_FUZZ_HOSTILE);
  assert_int_equal(mdf_fuzz_pseudo("CardReadFile"), MDF_FUZZ_ROW);
  assert_int_equal(mdf_fuzz_pseudo(NULL), MDF_FUZZ_ROW);

  /* refmd_bug_uaf's regression: a challenge, then a logout that frees it */
  len = load("regressions/Sequence", "refmd_bug_uaf-challenge-logout");
  assert_int_equal(mdf_decode_seq(seq, n, g_in, len, &ca), MDF_OK);
  assert_int_equal(ca.ncalls, 2);
  assert_string_equal(ca.calls[0].ex->name, "CardGetChallenge");
  assert_string_equal(ca.calls[1].ex->name, "CardDeauthenticateEx");
  /* clean refmd: both succeed, and the session ends without a finding */
  assert_int_equal(run(&ca, true, rcs), 0);
  assert_int_equal(rcs[0], 0);
  assert_int_equal(rcs[1], 0);
  assert_int_equal(rcs[2], MDF_FUZZ_SKIPPED);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_honest_sessions_run),
      cmocka_unit_test(test_sequence_seeds),
      cmocka_unit_test(test_hostile_seeds),
      cmocka_unit_test(test_hostile_decode),
      cmocka_unit_test(test_hostile_silent_card),
      cmocka_unit_test(test_sequence_table_and_regression),
  };

  if (mdf_fuzz_env_new(CardAcquireContext, &g_env) != MDF_OK)
    return 2;
  return cmocka_run_group_tests(tests, NULL, NULL);
}
