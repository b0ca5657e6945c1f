/* The CMR rule table and walker: document order, MAYBE rules widening the
 * allowed set, the first sure rule deciding, code names; the finding-ID
 * table (every row titled, rules and rows one list, sections one export). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "mdfuzz/common/finding_ids.h"
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
  a.t[MDF_COND_NO_DIR] = MDF_MAYBE;    /* E7 */
  a.t[MDF_COND_NO_FILE] = MDF_MAYBE;   /* E10 */
  a.t[MDF_COND_BAD_FLAGS] = MDF_YES;   /* E11 */
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

/* Every row has an ID of its own and a title from the table: a requirement
 * its row's, a rule "<Export>: <condition text>".  No title is cut. */
static void test_every_row_titled(void **state) {
  size_t n, i, j;
  const mdf_cmr_row_t *rows = mdf_cmr_rows(&n);
  char buf[MDF_CMR_TITLE_MAX], want[MDF_CMR_TITLE_MAX];

  (void)state;
  assert_true(n >= 240);
  for (i = 0; i < n; i++) {
    const char *t = mdf_cmr_title(rows[i].id, buf, sizeof(buf));

    if (t == NULL || t[0] == '\0' || rows[i].area == NULL || rows[i].area[0] == '\0')
      fail_msg("%s: no title or no area", rows[i].id);
    assert_ptr_equal(mdf_cmr_find(rows[i].id), &rows[i]);
    if (rows[i].is_rule) {
      assert_null(rows[i].title);
      assert_string_equal(rows[i].rule.id, rows[i].id);
      assert_string_equal(rows[i].rule.export_name, rows[i].area);
      snprintf(want, sizeof(want), "%s: %s", rows[i].area, mdf_cmr_cond_text(rows[i].rule.cond));
      assert_string_equal(t, want);
    } else {
      assert_non_null(rows[i].title);
      assert_ptr_equal(t, rows[i].title);
      assert_memory_equal(rows[i].id, "CMR.", 4);
    }
    if (strlen(t) + 1 >= sizeof(buf))
      fail_msg("%s: title longer than MDF_CMR_TITLE_MAX - 2: %s", rows[i].id, t);
    for (j = 0; j < i; j++)
      if (strcmp(rows[i].id, rows[j].id) == 0)
        fail_msg("%s: two rows", rows[i].id);
  }
  for (i = 0; i < MDF_COND_COUNT; i++) {
    const char *text = mdf_cmr_cond_text((mdf_cmr_cond_t)i);

    if (text[0] == '\0' || strcmp(text, "?") == 0)
      fail_msg("condition %s has no text", mdf_cmr_cond_name((mdf_cmr_cond_t)i));
  }
  assert_string_equal(mdf_cmr_cond_text(MDF_COND_COUNT), "?");
  /* a title cut to the caller's buffer */
  assert_int_equal(strlen(mdf_cmr_title("CMR.3.4.3.E11", buf, 8)), 7);
}

/* The walker's rules and the table's rule rows are one list, same order. */
static void test_rules_are_rows(void **state) {
  size_t n, nr, i, k = 0, c;
  const mdf_cmr_row_t *rows = mdf_cmr_rows(&n);
  const mdf_cmr_rule_t *r = mdf_cmr_rules(&nr);

  (void)state;
  for (i = 0; i < n; i++) {
    if (!rows[i].is_rule)
      continue;
    assert_true(k < nr);
    assert_string_equal(rows[i].rule.id, r[k].id);
    assert_string_equal(rows[i].rule.export_name, r[k].export_name);
    assert_int_equal(rows[i].rule.cond, r[k].cond);
    assert_int_equal(rows[i].rule.ncodes, r[k].ncodes);
    for (c = 0; c < r[k].ncodes; c++)
      assert_int_equal(rows[i].rule.codes[c], r[k].codes[c]);
    k++;
  }
  assert_int_equal(k, nr);
}

/* A section (the ID up to its last dot) covers one export: its rule rows
 * agree, and a requirement row of the section names the same export. */
static void test_sections_one_export(void **state) {
  size_t n, i, j, len;
  const mdf_cmr_row_t *rows = mdf_cmr_rows(&n);

  (void)state;
  for (i = 0; i < n; i++) {
    len = (size_t)(strrchr(rows[i].id, '.') - rows[i].id) + 1;
    for (j = 0; j < n; j++) {
      if (!rows[j].is_rule || strncmp(rows[j].id, rows[i].id, len) != 0 ||
          strchr(rows[j].id + len, '.') != NULL)
        continue;
      if (strcmp(rows[i].area, rows[j].area) != 0)
        fail_msg("%s (%s) and %s (%s): one section, two exports", rows[i].id, rows[i].area,
                 rows[j].id, rows[j].area);
    }
  }
}

/* CMR.3.1.1.E9: an invalid non-zero hSCardCtx; a zero one is no error.
 * The title says what the rule checks. */
static void test_e9_title_is_its_rule(void **state) {
  char buf[MDF_CMR_TITLE_MAX];
  const mdf_cmr_row_t *r = mdf_cmr_find("CMR.3.1.1.E9");
  const char *t = mdf_cmr_title("CMR.3.1.1.E9", buf, sizeof(buf));

  (void)state;
  assert_non_null(r);
  assert_true(r->is_rule);
  assert_int_equal(r->rule.cond, MDF_COND_BAD_CONTEXT);
  assert_int_equal(r->rule.codes[0], SCARD_E_INVALID_HANDLE);
  assert_non_null(strstr(t, "hSCardCtx is non-zero"));
  assert_non_null(strstr(t, "zero is no error"));
}

/* One lookup for every finding ID: classes too, and a section fall-back made
 * from the export of the section's rule rows. */
static void test_title_lookup(void **state) {
  char buf[MDF_CMR_TITLE_MAX];
  const char *t;
  size_t i;
  static const char *const unknown[] = {
      "CMR.9.9.9", "CMR.3.4.3",          "CMR.3.4.3.", "CMR.3.4.33.E1", "heap-buffer-overflow",
      "",          "SPEC.NoSuchExport.1"};

  (void)state;
  for (i = 0; i < MDF_FC_COUNT; i++) {
    assert_ptr_equal(mdf_cmr_title(mdf_finding_classes[i].id, buf, sizeof(buf)),
                     mdf_finding_classes[i].title);
    assert_null(mdf_cmr_find(mdf_finding_classes[i].id));
  }
  t = mdf_cmr_title("CMR.4.3.5.E99", buf, sizeof(buf));
  assert_non_null(t);
  assert_non_null(strstr(t, "CardSignData"));
  assert_non_null(strstr(t, "E99"));
  t = mdf_cmr_title("CMR.3.4.6.2", buf, sizeof(buf));
  assert_non_null(t);
  assert_non_null(strstr(t, "CardWriteFile"));
  t = mdf_cmr_title("SPEC.CardGetProperty.99", buf, sizeof(buf));
  assert_non_null(t);
  assert_non_null(strstr(t, "CardGetProperty"));
  for (i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++)
    if (mdf_cmr_title(unknown[i], buf, sizeof(buf)) != NULL)
      fail_msg("'%s' has a title: %s", unknown[i], buf);
  assert_null(mdf_cmr_title(NULL, buf, sizeof(buf)));
  assert_null(mdf_cmr_title("CMR.1.3.4", NULL, 10));
  assert_null(mdf_cmr_title("CMR.1.3.4", buf, 0));
  assert_null(mdf_cmr_find("CMR.9.9.9"));
  assert_null(mdf_cmr_find(NULL));
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
      cmocka_unit_test(test_every_row_titled),
      cmocka_unit_test(test_rules_are_rows),
      cmocka_unit_test(test_sections_one_export),
      cmocka_unit_test(test_e9_title_is_its_rule),
      cmocka_unit_test(test_title_lookup),
  };

  return cmocka_run_group_tests_name("harness-cmr", tests, NULL, NULL);
}
