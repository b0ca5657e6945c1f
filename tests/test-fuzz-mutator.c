/* The custom mutator (fuzzers/mutator/mutator*.c) over the real export table:
 * outputs never exceed max, a structural mutation changes exactly the
 * part of the case it names, a seed gives the same output, and random
 * inputs of every row (and of the sequence list) never crash it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "mdfuzz/fuzzers/decode.h"
#include "mdfuzz/fuzzers/exports.h"
#include "mdfuzz/fuzzers/fuzz.h"
#include "mdfuzz/fuzzers/mutator.h"

#define MAXLEN 4096

static const mdf_export_t *g_table[255];
static size_t g_ntable;
static mdf_case_t g_in, g_out, g_tmp;
static uint8_t g_buf[MAXLEN], g_buf2[MAXLEN], g_copy[MAXLEN];

static uint64_t g_r = 88172645463325252ull;
static uint32_t rnd(void) { /* xorshift64: the test's own inputs */
  g_r ^= g_r << 13;
  g_r ^= g_r >> 7;
  g_r ^= g_r << 17;
  return (uint32_t)g_r;
}

/* Random bytes, with selector-looking high bytes half of the time. */
static size_t random_input(uint8_t *p, size_t max) {
  size_t n = rnd() % (max + 1), i;

  for (i = 0; i < n; i++)
    p[i] = (uint8_t)(rnd() % 2 ? rnd() : 0xC0 + rnd() % 64);
  return n;
}

static void use_row(size_t i) {
  mdf_mutator_set_target(g_table[i], NULL, 0);
}
static void use_seq(void) {
  mdf_mutator_set_target(NULL, g_table, g_ntable);
}

static void decode_for(size_t row, const uint8_t *p, size_t n, mdf_case_t *c) {
  if (row == g_ntable)
    assert_int_equal(mdf_decode_seq(g_table, g_ntable, p, n, c), MDF_OK);
  else
    assert_int_equal(mdf_decode(g_table[row], p, n, c), MDF_OK);
}

static int setup(void **state) {
  const mdf_export_t *rows = mdf_exports(&g_ntable);
  size_t i;

  (void)state;
  if (g_ntable > 255)
    g_ntable = 255;
  for (i = 0; i < g_ntable; i++)
    g_table[i] = &rows[i];
  return 0;
}

/* ---- MaxSize -------------------------------------------------------------------- */

static void test_never_above_max(void **state) {
  size_t row, k, n, max, got;

  (void)state;
  for (row = 0; row <= g_ntable; row++) {
    row == g_ntable ? use_seq() : use_row(row);
    for (k = 0; k < 400; k++) {
      max = 1 + rnd() % 200;
      n = random_input(g_buf, max);
      memset(g_buf + n, 0xA5, MAXLEN - n);
      got = mdf_mutate(g_buf, n, max, (unsigned)k, MDF_MOP_COUNT, NULL);
      assert_true(got <= max);
      assert_int_equal(g_buf[max], 0xA5); /* nothing written past max */
    }
  }
  /* max 0 and a NULL buffer are refused, not crashed on */
  assert_int_equal(mdf_mutate(g_buf, 0, 0, 1, MDF_MOP_COUNT, NULL), 0);
  assert_int_equal(mdf_mutate(NULL, 0, 10, 1, MDF_MOP_COUNT, NULL), 0);
  assert_int_equal(mdf_crossover(g_buf, 4, g_buf2, 4, NULL, 10, 1), 0);
}

/* ---- exactly the intended change ------------------------------------------------------ */

/* The one argument of out that differs from in: *ci, *ai; false if none or several. */
static bool one_arg_differs(const mdf_case_t *in, const mdf_case_t *out, size_t *ci, size_t *ai) {
  size_t i, k, found = 0;

  for (i = 0; i < in->ncalls; i++) {
    for (k = 0; k < in->calls[i].ex->nargs; k++) {
      mdf_case_copy(&g_tmp, in);
      g_tmp.calls[i].args[k] = out->calls[i].args[k];
      if (mdf_case_equal(&g_tmp, out))
        *ci = i, *ai = k, found++;
    }
  }
  return found == 1;
}

/* out equals in once the header fields op names are copied over. */
static bool only_header_differs(mdf_mutop_t op, const mdf_case_t *in, const mdf_case_t *out) {
  mdf_case_copy(&g_tmp, in);
  switch (op) {
  case MDF_MOP_VERSION:
    g_tmp.version = out->version;
    break;
  case MDF_MOP_CARD_DATA:
    memcpy(g_tmp.mutation, out->mutation, sizeof(g_tmp.mutation));
    g_tmp.null_acquire = out->null_acquire;
    break;
  case MDF_MOP_ACQUIRE_FLAGS:
    g_tmp.acquire_flags = out->acquire_flags;
    break;
  case MDF_MOP_FAULT:
    g_tmp.alloc_fail_at = out->alloc_fail_at;
    g_tmp.realloc_fail_at = out->realloc_fail_at;
    break;
  case MDF_MOP_MODE: { /* exactly one of the four modes */
    int diff = (in->cache_mode != out->cache_mode) + (in->pad_mode != out->pad_mode) +
               (in->unpad_mode != out->unpad_mode) + (in->dh_mode != out->dh_mode);
    if (diff != 1)
      return false;
    g_tmp.cache_mode = out->cache_mode, g_tmp.pad_mode = out->pad_mode;
    g_tmp.unpad_mode = out->unpad_mode, g_tmp.dh_mode = out->dh_mode;
    break;
  }
  case MDF_MOP_ATR:
    memcpy(g_tmp.atr, out->atr, sizeof(g_tmp.atr));
    g_tmp.atr_len = out->atr_len;
    break;
  case MDF_MOP_SCRIPT:
    g_tmp.script = out->script, g_tmp.script_len = out->script_len;
    break;
  default:
    return false;
  }
  return mdf_case_equal(&g_tmp, out);
}

/* Calls changed, the header and script not. */
static bool only_calls_differ(const mdf_case_t *in, const mdf_case_t *out) {
  mdf_case_copy(&g_tmp, out);
  g_tmp.ncalls = in->ncalls;
  memcpy(g_tmp.calls, in->calls, sizeof(g_tmp.calls));
  return mdf_case_equal(&g_tmp, in) && !mdf_case_equal(in, out) &&
         (out->ncalls == in->ncalls || out->ncalls == in->ncalls + 1 ||
          out->ncalls + 1 == in->ncalls);
}

static bool has_args(const mdf_case_t *c) {
  size_t i;

  for (i = 0; i < c->ncalls; i++)
    if (c->calls[i].ex->nargs > 0)
      return true;
  return false;
}

static void check_op(size_t row, mdf_mutop_t op, size_t samples) {
  size_t k, n, got, applied = 0, tried = 0, ci, ai;
  mdf_mutop_t done;

  for (k = 0; k < samples; k++) {
    n = k % 2 ? random_input(g_buf, 64) : 0; /* honest inputs and random ones */
    memcpy(g_copy, g_buf, n);
    decode_for(row, g_copy, n, &g_in);
    if (op == MDF_MOP_ARG && !has_args(&g_in)) {
      continue; /* e.g. a session of CardAcquireContext alone */
    }
    tried++;
    got = mdf_mutate(g_buf, n, MAXLEN, (unsigned)(k * 7919u), op, &done);
    if (done != op)
      continue; /* it did not apply: fell back to bytes */
    applied++;
    decode_for(row, g_buf, got, &g_out);
    if (op == MDF_MOP_SCRIPT && mdf_case_equal(&g_in, &g_out))
      continue; /* script bytes mutated to what they were: rare, harmless */
    assert_false(mdf_case_equal(&g_in, &g_out));
    if (op == MDF_MOP_ARG) {
      assert_true(one_arg_differs(&g_in, &g_out, &ci, &ai));
      assert_true(ci < g_in.ncalls && ai < g_in.calls[ci].ex->nargs);
    } else if (op == MDF_MOP_CALLS) {
      assert_true(only_calls_differ(&g_in, &g_out));
    } else {
      assert_true(only_header_differs(op, &g_in, &g_out));
    }
  }
  /* most structural mutations apply (the rest are no-ops retried, or unencodable) */
  if (applied * 2 < tried || tried == 0)
    print_error("%s: %s applied %zu of %zu\n", row < g_ntable ? g_table[row]->name : "Sequence",
                mdf_mutop_name(op), applied, tried);
  assert_true(tried > 0 && applied * 2 >= tried);
}

static void test_intended_change(void **state) {
  static const mdf_mutop_t ops[] = {MDF_MOP_VERSION, MDF_MOP_CARD_DATA, MDF_MOP_ACQUIRE_FLAGS,
                                    MDF_MOP_FAULT,   MDF_MOP_MODE,      MDF_MOP_ATR,
                                    MDF_MOP_SCRIPT,  MDF_MOP_ARG};
  size_t row, i;

  (void)state;
  for (row = 0; row < g_ntable; row++) {
    use_row(row);
    for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
      if (ops[i] == MDF_MOP_ARG && g_table[row]->nargs == 0) {
        mdf_mutop_t done = MDF_MOP_ARG;

        mdf_mutate(g_buf, 0, 64, 1, MDF_MOP_ARG, &done); /* nothing to change: bytes */
        assert_int_equal(done, MDF_MOP_BYTES);
        continue;
      }
      check_op(row, ops[i], ops[i] == MDF_MOP_ARG ? 200 : 20);
    }
  }
  use_seq();
  check_op(g_ntable, MDF_MOP_ARG, 300);
  check_op(g_ntable, MDF_MOP_CALLS, 300);
  check_op(g_ntable, MDF_MOP_SCRIPT, 50);
}

/* A single-export target has no calls to add: it falls back to bytes. */
static void test_calls_need_sequence(void **state) {
  mdf_mutop_t done = MDF_MOP_CALLS;

  (void)state;
  use_row(0);
  mdf_mutate(g_buf, 0, 64, 1, MDF_MOP_CALLS, &done);
  assert_int_equal(done, MDF_MOP_BYTES);
}

/* ---- determinism ------------------------------------------------------------------- */

static void test_deterministic(void **state) {
  size_t row, k, n, a, b;
  mdf_mutop_t da, db;

  (void)state;
  for (row = 0; row <= g_ntable; row += 4) {
    row == g_ntable ? use_seq() : use_row(row);
    for (k = 0; k < 100; k++) {
      n = random_input(g_buf, 128);
      memcpy(g_buf2, g_buf, n);
      a = mdf_mutate(g_buf, n, 512, (unsigned)k, MDF_MOP_COUNT, &da);
      b = mdf_mutate(g_buf2, n, 512, (unsigned)k, MDF_MOP_COUNT, &db);
      assert_int_equal(a, b);
      assert_int_equal(da, db);
      assert_memory_equal(g_buf, g_buf2, a);
    }
  }
  /* different seeds give different outputs (not always, but mostly) */
  use_row(0);
  for (k = 0, n = 0; k < 50; k++) {
    memset(g_buf, 0, 8);
    memset(g_buf2, 0, 8);
    a = mdf_mutate(g_buf, 8, 512, (unsigned)k, MDF_MOP_COUNT, NULL);
    b = mdf_mutate(g_buf2, 8, 512, (unsigned)k + 1000, MDF_MOP_COUNT, NULL);
    n += a != b || memcmp(g_buf, g_buf2, a) != 0;
  }
  assert_true(n > 25);
}

/* ---- robustness ----------------------------------------------------------------------- */

/* 100,000 mutations per row: chains (each output mutated again, as the
 * fuzzer does) restarted from random bytes, with cross-overs between them. */
static void fuzz_row(size_t row) {
  size_t k, n = 0, n2 = 0, max;

  for (k = 0; k < 100000; k++) {
    if (k % 500 == 0)
      n = random_input(g_buf, 256), n2 = random_input(g_buf2, 256);
    max = k % 97 == 0 ? 1 + rnd() % 32 : MAXLEN;
    if (n > max)
      n = max;
    if (k % 10 == 9) {
      n = mdf_crossover(g_buf2, n2, g_buf, n, g_copy, max, (unsigned)rnd());
      memcpy(g_buf, g_copy, n);
    } else {
      n = mdf_mutate(g_buf, n, max, (unsigned)rnd(), MDF_MOP_COUNT, NULL);
    }
    assert_true(n <= max);
    if (k % 1000 == 0)
      decode_for(row, g_buf, n, &g_out);
  }
}

static void test_random_inputs(void **state) {
  size_t row;

  (void)state;
  for (row = 0; row < g_ntable; row++) {
    use_row(row);
    fuzz_row(row);
  }
  use_seq();
  fuzz_row(g_ntable);
}

/* The pseudo-exports by name, as the fuzz targets resolve them. */
static void test_target_names(void **state) {
  size_t k, n, got, structural = 0;
  mdf_mutop_t done;

  (void)state;
  assert_false(mdf_mutator_set_target_name("NoSuchExport"));
  n = 8;
  memset(g_buf, 0, n);
  assert_true(mdf_mutate(g_buf, n, 64, 1, MDF_MOP_ARG, &done) <= 64);
  assert_int_equal(done, MDF_MOP_BYTES); /* no row: bytes only */

  assert_true(mdf_mutator_set_target_name("CardReadFile"));
  assert_true(mdf_mutator_set_target_name("Sequence"));
  for (k = 0; k < 200; k++) {
    got = mdf_mutate(g_buf, random_input(g_buf, 64), 256, (unsigned)k, MDF_MOP_CALLS, &done);
    assert_true(got <= 256);
    structural += done == MDF_MOP_CALLS;
  }
  assert_true(structural > 50);

  /* HostileCard: session byte, ATR, script; the session stays decodable */
  assert_true(mdf_mutator_set_target_name("HostileCard"));
  for (k = 0, structural = 0, n = 0; k < 20000; k++) {
    if (k % 200 == 0)
      n = random_input(g_buf, 128);
    n = mdf_mutate(g_buf, n, k % 50 == 0 ? 16 : 1024, (unsigned)k, MDF_MOP_COUNT, &done);
    assert_true(n <= 1024);
    structural += done != MDF_MOP_BYTES;
    if (done == MDF_MOP_SCRIPT) {
      assert_int_equal(mdf_hostile_decode(g_buf, n, &g_out), MDF_OK);
    }
  }
  assert_true(structural > 10000);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_never_above_max),     cmocka_unit_test(test_intended_change),
      cmocka_unit_test(test_calls_need_sequence), cmocka_unit_test(test_deterministic),
      cmocka_unit_test(test_random_inputs),       cmocka_unit_test(test_target_names),
  };

  return cmocka_run_group_tests(tests, setup, NULL);
}
