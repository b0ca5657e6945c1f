/* The CMR rule table and walker: document order, MAYBE rules widening the
 * allowed set, the first sure rule deciding, code names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "mdfuzz/harness/cmr.h"
#include "winerror.h"

/* Answers per condition, indexed by mdf_cmr_cond_t. */
typedef struct answers {
  mdf_tri_t t[MDF_COND_COUNT];
} answers_t;

static mdf_tri_t classify(mdf_cmr_cond_t cond, const void *arg, char *why, size_t cap) {
  const answers_t *a = arg;

  snprintf(why, cap, "because %s", mdf_cmr_cond_name(cond));
  return a->t[cond];
}

static void test_table_shape(void **state) {
  size_t n, i, k, acq = 0, rf = 0, first_rf = 0, spec = 0;
  const mdf_cmr_rule_t *r = mdf_cmr_rules(&n);

  (void)state;
  assert_true(n >= 200);
  for (i = 0; i < n; i++) {
    assert_true(r[i].ncodes >= 1 && r[i].ncodes <= MDF_CMR_MAX_CODES);
    for (k = 0; k < r[i].ncodes; k++)
      if (mdf_win_code_name(r[i].codes[k]) == NULL)
        fail_msg("%s: code 0x%08X has no name", r[i].id, (unsigned)r[i].codes[k]);
    /* IDs: CMR.x.y.z.En of the document, or SPEC.<Export>.n */
    if (strncmp(r[i].id, "SPEC.", 5) == 0) {
      spec++;
      assert_memory_equal(r[i].id + 5, r[i].export_name, strlen(r[i].export_name));
    } else {
      assert_memory_equal(r[i].id, "CMR.", 4);
      assert_non_null(strstr(r[i].id, ".E"));
    }
    if (strcmp(r[i].export_name, "CardAcquireContext") == 0)
      acq++;
    if (strcmp(r[i].export_name, "CardReadFile") == 0 && rf++ == 0)
      first_rf = i;
  }
  assert_int_equal(acq, 10);
  assert_int_equal(rf, 12);
  assert_true(spec >= 60);
  /* document order */
  assert_string_equal(r[0].id, "CMR.3.1.1.E1");
  assert_string_equal(r[10].id, "CMR.3.1.2.E1");
  assert_string_equal(r[first_rf].id, "CMR.3.4.3.E1");
  assert_string_equal(r[first_rf + 10].id, "CMR.3.4.3.E11");
}

/* The document's slips are kept as notes, not copied: CardWriteFile's
 * forbidden-characters rule accepts both codes, CardQueryKeySizes' flags
 * rule has its own ID. */
static void test_document_slips(void **state) {
  answers_t a;
  mdf_cmr_verdict_t v;

  (void)state;
  memset(&a, 0, sizeof(a));
  a.t[MDF_COND_BAD_FILE_CHARS] = MDF_YES;
  assert_true(mdf_cmr_walk("CardWriteFile", classify, &a, &v));
  assert_string_equal(v.rule->id, "CMR.3.4.6.E8");
  assert_true(mdf_cmr_allowed(&v, SCARD_E_FILE_NOT_FOUND));
  assert_true(mdf_cmr_allowed(&v, SCARD_E_INVALID_PARAMETER));
  memset(&a, 0, sizeof(a));
  a.t[MDF_COND_BAD_FLAGS] = MDF_YES;
  assert_true(mdf_cmr_walk("CardQueryKeySizes", classify, &a, &v));
  assert_string_equal(v.rule->id, "CMR.4.3.6.E4");
  /* an optional v7 export may answer UNSUPPORTED_FEATURE to anything */
  memset(&a, 0, sizeof(a));
  a.t[MDF_COND_NOT_IMPLEMENTED] = MDF_MAYBE;
  a.t[MDF_COND_NULL_CARD_DATA] = MDF_YES;
  assert_true(mdf_cmr_walk("CardDestroyKey", classify, &a, &v));
  assert_string_equal(v.rule->id, "SPEC.CardDestroyKey.2");
  assert_true(mdf_cmr_allowed(&v, SCARD_E_UNSUPPORTED_FEATURE));
  assert_true(mdf_cmr_allowed(&v, SCARD_E_INVALID_PARAMETER));
  assert_false(mdf_cmr_allowed(&v, 0));
}

static void test_nothing_sure_not_judged(void **state) {
  answers_t a;
  mdf_cmr_verdict_t v;

  (void)state;
  memset(&a, 0, sizeof(a));
  assert_false(mdf_cmr_walk("CardReadFile", classify, &a, &v));
  assert_null(v.rule);
  a.t[MDF_COND_NO_FILE] = MDF_MAYBE;
  assert_false(mdf_cmr_walk("CardReadFile", classify, &a, &v));
  assert_false(mdf_cmr_walk("NoSuchExport", classify, &a, &v));
}

static void test_first_sure_rule_decides(void **state) {
  answers_t a;
  mdf_cmr_verdict_t v;
  char buf[128];

  (void)state;
  memset(&a, 0, sizeof(a));
  a.t[MDF_COND_BAD_FLAGS] = MDF_YES;
  a.t[MDF_COND_BAD_FILE_LEN] = MDF_YES; /* E8 comes before E11 */
  assert_true(mdf_cmr_walk("CardReadFile", classify, &a, &v));
  assert_string_equal(v.rule->id, "CMR.3.4.3.E8");
  assert_string_equal(v.why, "because BAD_FILE_LEN");
  assert_false(v.after_maybe);
  assert_true(mdf_cmr_allowed(&v, SCARD_E_INVALID_PARAMETER));
  assert_false(mdf_cmr_allowed(&v, 0));
  assert_string_equal(mdf_cmr_expected(&v, buf, sizeof(buf)), "SCARD_E_INVALID_PARAMETER");
}

static void test_maybe_rules_before_widen(void **state) {
  answers_t a;
  mdf_cmr_verdict_t v;

  (void)state;
  memset(&a, 0, sizeof(a));
  a.t[MDF_COND_NO_DIR] = MDF_MAYBE;   /* E7 */
  a.t[MDF_COND_NO_FILE] = MDF_MAYBE;  /* E10 */
  a.t[MDF_COND_BAD_FLAGS] = MDF_YES;  /* E11 */
  a.t[MDF_COND_NO_ACCESS] = MDF_MAYBE; /* E12, after: not allowed */
  assert_true(mdf_cmr_walk("CardReadFile", classify, &a, &v));
  assert_string_equal(v.rule->id, "CMR.3.4.3.E11");
  assert_true(v.after_maybe);
  assert_true(mdf_cmr_allowed(&v, SCARD_E_DIR_NOT_FOUND));
  assert_true(mdf_cmr_allowed(&v, SCARD_E_FILE_NOT_FOUND));
  assert_true(mdf_cmr_allowed(&v, SCARD_E_INVALID_PARAMETER));
  assert_false(mdf_cmr_allowed(&v, SCARD_W_SECURITY_VIOLATION));
  mdf_cmr_allow(&v, SCARD_E_NO_MEMORY);
  assert_true(mdf_cmr_allowed(&v, SCARD_E_NO_MEMORY));
}

static void test_acquire_two_codes(void **state) {
  answers_t a;
  mdf_cmr_verdict_t v;
  char buf[128];

  (void)state;
  memset(&a, 0, sizeof(a));
  a.t[MDF_COND_BAD_CBATR] = MDF_YES;
  assert_true(mdf_cmr_walk("CardAcquireContext", classify, &a, &v));
  assert_string_equal(v.rule->id, "CMR.3.1.1.E5");
  assert_string_equal(mdf_cmr_expected(&v, buf, sizeof(buf)),
                      "SCARD_E_INVALID_PARAMETER or SCARD_E_UNKNOWN_CARD");
  /* the ReadFile rules of the same condition do not leak in */
  a.t[MDF_COND_BAD_FLAGS] = MDF_YES;
  assert_true(mdf_cmr_walk("CardAcquireContext", classify, &a, &v));
  assert_string_equal(v.rule->id, "CMR.3.1.1.E2");
}

static void test_code_names(void **state) {
  (void)state;
  assert_string_equal(mdf_win_code_name(0x80100004u), "SCARD_E_INVALID_PARAMETER");
  assert_string_equal(mdf_win_code_name(1306), "ERROR_REVISION_MISMATCH");
  assert_null(mdf_win_code_name(0x12345678u));
  assert_string_equal(mdf_cmr_cond_name(MDF_COND_BAD_FLAGS), "BAD_FLAGS");
  assert_string_equal(mdf_cmr_cond_name(MDF_COND_COUNT), "?");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_table_shape),
      cmocka_unit_test(test_document_slips),
      cmocka_unit_test(test_nothing_sure_not_judged),
      cmocka_unit_test(test_first_sure_rule_decides),
      cmocka_unit_test(test_maybe_rules_before_widen),
      cmocka_unit_test(test_acquire_two_codes),
      cmocka_unit_test(test_code_names),
  };

  return cmocka_run_group_tests_name("harness-cmr", tests, NULL, NULL);
}
