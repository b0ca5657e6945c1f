/* The CSP allocator tracker: live blocks, foreign and double frees, realloc
 * of foreign blocks, fault injection at the n-th call, leak accounting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "mdf_test_child.h"
#include "mdfuzz/common/finding.h"
#include "mdfuzz/harness/harness.h"

static DWORD WINAPI never_called(PCARD_DATA cd, DWORD flags) {
  (void)cd;
  (void)flags;
  return SCARD_E_UNEXPECTED;
}

static mdf_harness_t *g_h;

static int setup(void **state) {
  mdf_harness_config_t cfg = {MDF_HARNESS_CONFIG_VERSION, never_called, true, NULL, NULL};

  (void)state;
  return mdf_harness_new(&cfg, &g_h) == MDF_OK ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  mdf_harness_free(g_h);
  g_h = NULL;
  return 0;
}

static void begin(uint32_t alloc_fail, uint32_t realloc_fail) {
  mdf_session_params_t p;

  mdf_session_params_init(&p);
  p.alloc_fail_at = alloc_fail;
  p.realloc_fail_at = realloc_fail;
  mdf_harness_begin(g_h, &p);
}

static void test_config_checked(void **state) {
  mdf_harness_config_t cfg = {MDF_HARNESS_CONFIG_VERSION, never_called, true, NULL, NULL};
  mdf_harness_t *h = (mdf_harness_t *)1;

  (void)state;
  /* one harness per process */
  assert_int_equal(mdf_harness_new(&cfg, &h), MDF_EINVAL);
  assert_null(h);
  cfg.version = 99;
  assert_int_equal(mdf_harness_new(&cfg, &h), MDF_EINVAL);
  assert_int_equal(mdf_harness_new(NULL, &h), MDF_EINVAL);
}

static void test_alloc_free_tracked(void **state) {
  void *a, *b, *c;
  size_t size;

  (void)state;
  begin(0, 0);
  a = mdf_csp_alloc(10);
  b = mdf_csp_alloc(0);
  assert_non_null(a);
  assert_non_null(b);
  assert_true(mdf_harness_block_live(g_h, a, &size));
  assert_int_equal(size, 10);
  assert_int_equal(mdf_harness_alloc_stats(g_h)->live, 2);
  assert_int_equal(mdf_harness_alloc_stats(g_h)->live_bytes, 10);
  c = mdf_csp_realloc(a, 100);
  assert_non_null(c);
  assert_true(mdf_harness_block_live(g_h, c, &size));
  assert_int_equal(size, 100);
  assert_int_equal(mdf_harness_alloc_stats(g_h)->live_bytes, 100);
  mdf_csp_free(c);
  mdf_csp_free(b);
  mdf_csp_free(NULL);
  assert_false(mdf_harness_block_live(g_h, c, NULL));
  assert_int_equal(mdf_harness_alloc_stats(g_h)->live, 0);
  assert_int_equal(mdf_harness_alloc_stats(g_h)->allocs, 2);
  assert_int_equal(mdf_harness_alloc_stats(g_h)->reallocs, 1);
  assert_int_equal(mdf_harness_alloc_stats(g_h)->frees, 3);
  /* realloc(NULL) is not a block: NULL, as the CSP answers */
  assert_null(mdf_csp_realloc(NULL, 8));
}

static void test_many_blocks_grow_table(void **state) {
  enum { N = 5000 };
  static void *p[N];
  size_t i;

  (void)state;
  begin(0, 0);
  for (i = 0; i < N; i++)
    p[i] = mdf_csp_alloc(i + 1);
  for (i = 0; i < N; i += 2)
    mdf_csp_free(p[i]);
  for (i = 1; i < N; i += 2)
    assert_true(mdf_harness_block_live(g_h, p[i], NULL));
  assert_int_equal(mdf_harness_alloc_stats(g_h)->live, N / 2);
  for (i = 1; i < N; i += 2)
    mdf_csp_free(p[i]);
  assert_int_equal(mdf_harness_alloc_stats(g_h)->live, 0);
  assert_int_equal(mdf_harness_alloc_stats(g_h)->live_bytes, 0);
}

static void test_fault_injection(void **state) {
  void *a, *b, *c;

  (void)state;
  begin(2, 1);
  a = mdf_csp_alloc(4);
  b = mdf_csp_alloc(4); /* 2nd alloc fails */
  c = mdf_csp_alloc(4);
  assert_non_null(a);
  assert_null(b);
  assert_non_null(c);
  assert_string_equal(mdf_context()->fault, "pfnCspAlloc");
  assert_int_equal(mdf_context()->fault_call, 2);
  assert_null(mdf_csp_realloc(a, 64)); /* 1st realloc fails, a stays valid */
  assert_true(mdf_harness_block_live(g_h, a, NULL));
  assert_string_equal(mdf_context()->fault, "pfnCspReAlloc");
  assert_int_equal(mdf_context()->fault_call, 1);
  mdf_csp_free(a);
  mdf_csp_free(c);
  /* a new input forgets the fault */
  begin(0, 0);
  assert_null(mdf_context()->fault);
  assert_int_equal(mdf_context()->fault_call, 0);
  a = mdf_csp_alloc(4);
  assert_non_null(a);
  mdf_csp_free(a);
}

static void leak_then_end(void *arg) {
  (void)arg;
  begin(0, 0);
  mdf_harness_enter(g_h, "CardReadFile");
  mdf_csp_alloc(7);
  mdf_csp_alloc(5);
  mdf_harness_end(g_h);
}

static void test_leak_accounting(void **state) {
  mdf_child_result_t r;

  (void)state;
  mdf_run_child(leak_then_end, NULL, &r);
  assert_false(r.exited && r.status == 0);
  assert_non_null(strstr(r.err,
                         "mdfuzz: CMR.1.3.4: 2 CSP block(s) (12 bytes) still allocated "
                         "after a failed CardAcquireContext; first allocated in CardReadFile"));
}

static void foreign_free(void *arg) {
  static char not_ours[8];

  (void)arg;
  begin(0, 0);
  mdf_csp_free(not_ours);
}

static void double_free(void *arg) {
  void *p;

  (void)arg;
  begin(0, 0);
  p = mdf_csp_alloc(3);
  mdf_csp_free(p);
  mdf_csp_free(p);
}

static void realloc_foreign(void *arg) {
  static char not_ours[8];

  (void)arg;
  begin(0, 0);
  mdf_csp_realloc(not_ours, 16);
}

static void realloc_freed(void *arg) {
  void *p;

  (void)arg;
  begin(0, 0);
  p = mdf_csp_alloc(3);
  mdf_csp_free(p);
  mdf_csp_realloc(p, 16);
}

static void test_bad_frees(void **state) {
  mdf_child_result_t r;

  (void)state;
  mdf_run_child(foreign_free, NULL, &r);
  assert_true(mdf_child_has(&r, "mdfuzz: CMR.1.4.4: pfnCspFree of a foreign block"));
  assert_non_null(strstr(r.err, "mdfuzz: context: export=- apdus=0 fault=none"));
  mdf_run_child(double_free, NULL, &r);
  assert_true(mdf_child_has(&r, "mdfuzz: CMR.1.4.4: pfnCspFree of an already freed block"));
  mdf_run_child(realloc_foreign, NULL, &r);
  assert_true(mdf_child_has(&r, "mdfuzz: CMR.1.4.2: pfnCspReAlloc of a foreign block"));
  mdf_run_child(realloc_freed, NULL, &r);
  assert_true(mdf_child_has(&r, "mdfuzz: CMR.1.4.2: pfnCspReAlloc of an already freed block"));
}

static void clean_end(void *arg) {
  void *p;

  (void)arg;
  begin(0, 0);
  p = mdf_csp_alloc(3);
  mdf_csp_free(p);
  mdf_harness_end(g_h);
  fprintf(stderr, "clean\n");
}

static void test_clean_session_quiet(void **state) {
  mdf_child_result_t r;

  (void)state;
  mdf_run_child(clean_end, NULL, &r);
  assert_true(r.exited);
  assert_int_equal(r.status, 0);
  assert_null(mdf_child_finding(&r));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_config_checked),         cmocka_unit_test(test_alloc_free_tracked),
      cmocka_unit_test(test_many_blocks_grow_table), cmocka_unit_test(test_fault_injection),
      cmocka_unit_test(test_leak_accounting),        cmocka_unit_test(test_bad_frees),
      cmocka_unit_test(test_clean_session_quiet),
  };

  return cmocka_run_group_tests_name("harness-alloc", tests, setup, teardown);
}
