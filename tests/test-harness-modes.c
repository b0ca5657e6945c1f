/* The CSP callbacks' fuzzable behaviours: cache lookups (normal, miss,
 * stale, truncated, another tag's data, failure) and pad / unpad / DH
 * agreement answers (fail, NULL output, one byte short, too long). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "test-harness-fixture.h"
#include "mdfuzz/harness/harness.h"

static PCARD_DATA g_cd;
static mdf_harness_t *g_h;

static void WINAPI dummy(void) {}
static DWORD WINAPI fake_delete(PCARD_DATA cd) {
  (void)cd;
  return 0;
}
static DWORD WINAPI fake_acquire(PCARD_DATA cd, DWORD flags) {
  void(WINAPI * fn)(void) = dummy;

  (void)flags;
#define FILL(type, name, added, kind)                                                              \
  if (MDF_CARD_FIELD_IS_ENTRY(kind) && (added) <= cd->dwVersion)                                   \
    memcpy(&cd->name, &fn, sizeof(fn));
  MDF_CARD_DATA_FIELDS(FILL)
#undef FILL
  cd->pfnCardDeleteContext = fake_delete;
  g_cd = cd;
  return 0;
}

static const uint8_t atr[] = {0x3B, 0x00};

static void start(mdf_cache_mode_t cache, mdf_csp_mode_t csp) {
  mdf_session_params_t p;

  mdf_session_params_init(&p);
  p.atr = atr;
  p.atr_len = sizeof(atr);
  p.hSCardCtx = 1;
  p.hScard = 2;
  p.cache_mode = cache;
  p.pad_mode = p.unpad_mode = p.dh_mode = csp;
  mdf_harness_begin(g_h, &p);
  assert_int_equal(mdf_harness_acquire(g_h), 0);
}

static WCHAR tag_a[] = {'a', 0}, tag_b[] = {'b', 0};

/* Look tag up; *len gets its length; returns the rc; copies up to 8 bytes. */
static DWORD look(WCHAR *tag, uint8_t out[8], DWORD *len) {
  PBYTE p = NULL;
  DWORD rc = g_cd->pfnCspCacheLookupFile(g_cd->pvCacheContext, tag, 0, &p, len);

  memset(out, 0, 8);
  if (rc == 0) {
    memcpy(out, p, *len < 8 ? *len : 8);
    g_cd->pfnCspFree(p);
  }
  return rc;
}

static void add(WCHAR *tag, const char *s) {
  assert_int_equal(
      g_cd->pfnCspCacheAddFile(g_cd->pvCacheContext, tag, 0, (PBYTE)(uintptr_t)s, (DWORD)strlen(s)),
      0);
}

static void test_cache_modes(void **state) {
  uint8_t b[8];
  DWORD len;

  (void)state;
  start(MDF_CACHE_NORMAL, MDF_CSP_NORMAL);
  add(tag_a, "one");
  add(tag_a, "two");
  assert_int_equal(look(tag_a, b, &len), 0);
  assert_memory_equal(b, "two", 3);
  assert_int_equal(look(tag_b, b, &len), SCARD_W_CACHE_ITEM_NOT_FOUND);
  mdf_harness_end(g_h);

  start(MDF_CACHE_MISS, MDF_CSP_NORMAL);
  add(tag_a, "one");
  assert_int_equal(look(tag_a, b, &len), SCARD_W_CACHE_ITEM_NOT_FOUND);
  mdf_harness_end(g_h);

  start(MDF_CACHE_STALE, MDF_CSP_NORMAL);
  add(tag_a, "one");
  assert_int_equal(look(tag_a, b, &len), SCARD_W_CACHE_ITEM_NOT_FOUND); /* nothing older */
  add(tag_a, "two!");
  assert_int_equal(look(tag_a, b, &len), 0);
  assert_int_equal(len, 3);
  assert_memory_equal(b, "one", 3);
  mdf_harness_end(g_h);

  start(MDF_CACHE_TRUNCATED, MDF_CSP_NORMAL);
  add(tag_a, "one");
  assert_int_equal(look(tag_a, b, &len), 0);
  assert_int_equal(len, 2);
  mdf_harness_end(g_h);

  start(MDF_CACHE_OTHER, MDF_CSP_NORMAL);
  add(tag_a, "one");
  assert_int_equal(look(tag_a, b, &len), 0); /* no other tag: its own */
  add(tag_b, "bee");
  assert_int_equal(look(tag_a, b, &len), 0);
  assert_memory_equal(b, "bee", 3);
  mdf_harness_end(g_h);

  start(MDF_CACHE_FAIL, MDF_CSP_NORMAL);
  add(tag_a, "one");
  assert_int_equal(look(tag_a, b, &len), SCARD_E_NO_MEMORY);
  mdf_harness_end(g_h);
  assert_int_equal(mdf_harness_alloc_stats(g_h)->live, 0);
}

static DWORD pad(DWORD *len, PBYTE *out) {
  static BYTE hash[32];
  CARD_SIGNING_INFO si;

  memset(&si, 0, sizeof(si));
  si.dwVersion = 1;
  si.aiHashAlg = CALG_SHA_256;
  si.pbData = hash;
  si.cbData = sizeof(hash);
  *out = NULL;
  return g_cd->pfnCspPadData(&si, 128, len, out);
}

static void test_pad_modes(void **state) {
  static const struct {
    mdf_csp_mode_t mode;
    DWORD rc, len;
    bool null_out;
  } cases[] = {
      {MDF_CSP_NORMAL, 0, 128, false}, {MDF_CSP_FAIL, NTE_FAIL, 0, true},
      {MDF_CSP_NULL_OUT, 0, 0, true},  {MDF_CSP_SHORT, 0, 127, false},
      {MDF_CSP_LONG, 0, 144, false},
  };
  size_t i;

  (void)state;
  for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    DWORD len = 99;
    PBYTE out;

    start(MDF_CACHE_NORMAL, cases[i].mode);
    assert_int_equal(pad(&len, &out), cases[i].rc);
    assert_int_equal(len, cases[i].len);
    assert_int_equal(out == NULL, cases[i].null_out);
    if (out != NULL) {
      assert_int_equal(out[0], 0x00);
      assert_int_equal(out[1], 0x01);
      g_cd->pfnCspFree(out);
    }
    mdf_harness_end(g_h);
  }
}

static void test_unpad_and_dh_modes(void **state) {
  static BYTE block[16] = {0x00, 0x02, 1, 2, 3, 4, 5, 6, 7, 8, 0x00, 'h', 'e', 'l', 'l', 'o'};
  CARD_RSA_DECRYPT_INFO di;
  DWORD len;
  PBYTE out;
  BYTE idx;

  (void)state;
  memset(&di, 0, sizeof(di));
  di.dwVersion = 1;
  di.pbData = block;
  di.cbData = sizeof(block);
  start(MDF_CACHE_NORMAL, MDF_CSP_NORMAL);
  assert_int_equal(g_cd->pfnCspUnpadData(&di, &len, &out), 0);
  assert_int_equal(len, 5);
  assert_memory_equal(out, "hello", 5);
  g_cd->pfnCspFree(out);
  idx = 0x77;
  assert_int_equal(g_cd->pfnCspGetDHAgreement(g_cd, (PVOID)(uintptr_t)3, &idx, 0), 0);
  assert_int_equal(idx, 2);
  mdf_harness_end(g_h);

  start(MDF_CACHE_NORMAL, MDF_CSP_SHORT);
  assert_int_equal(g_cd->pfnCspUnpadData(&di, &len, &out), 0);
  assert_int_equal(len, 4);
  g_cd->pfnCspFree(out);
  assert_int_equal(g_cd->pfnCspGetDHAgreement(g_cd, (PVOID)(uintptr_t)3, &idx, 0), 0);
  assert_int_equal(idx, 1);
  mdf_harness_end(g_h);

  start(MDF_CACHE_NORMAL, MDF_CSP_NULL_OUT);
  assert_int_equal(g_cd->pfnCspUnpadData(&di, &len, &out), 0);
  assert_null(out);
  assert_int_equal(len, 0);
  idx = 0x77;
  assert_int_equal(g_cd->pfnCspGetDHAgreement(g_cd, (PVOID)(uintptr_t)3, &idx, 0), 0);
  assert_int_equal(idx, 0x77); /* not written */
  mdf_harness_end(g_h);

  start(MDF_CACHE_NORMAL, MDF_CSP_FAIL);
  assert_int_equal(g_cd->pfnCspUnpadData(&di, &len, &out), NTE_FAIL);
  assert_int_equal(g_cd->pfnCspGetDHAgreement(g_cd, (PVOID)(uintptr_t)3, &idx, 0), NTE_FAIL);
  mdf_harness_end(g_h);

  start(MDF_CACHE_NORMAL, MDF_CSP_LONG);
  assert_int_equal(g_cd->pfnCspUnpadData(&di, &len, &out), 0);
  assert_int_equal(len, 21);
  g_cd->pfnCspFree(out);
  assert_int_equal(g_cd->pfnCspGetDHAgreement(g_cd, (PVOID)(uintptr_t)3, &idx, 0), 0);
  assert_int_equal(idx, 0xFF);
  mdf_harness_end(g_h);
  assert_int_equal(mdf_harness_alloc_stats(g_h)->live, 0);
}

MDF_TEST_HARNESS_FIXTURE(fake_acquire, false)

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_cache_modes),
      cmocka_unit_test(test_pad_modes),
      cmocka_unit_test(test_unpad_and_dh_modes),
  };

  return cmocka_run_group_tests_name("harness-modes", tests, setup, teardown);
}
