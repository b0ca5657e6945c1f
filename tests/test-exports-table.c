/* The export table covers CARD_DATA: every entry point (kind `card` in
 * MDF_CARD_DATA_FIELDS) has a row and a fuzz target, fuzzers/exports/exports.list
 * names the rows in table order, and rows agree with the CMR rule table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "cardmod.h"
#include "mdfuzz/harness/cmr.h"
#include "mdfuzz/fuzzers/exports.h"
#include "mdfuzz/fuzzers/fuzz.h"

static const struct field {
  const char *name;
  DWORD added;
  int kind;
} fields[] = {
#define F(type, name, added, kind) {#name, added, MDF_CARD_FIELD_KIND(kind)},
    MDF_CARD_DATA_FIELDS(F)
#undef F
};

static void test_every_entry_point_has_a_row(void **state) {
  size_t i, n = 0;

  (void)state;
  for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
    const char *export_name;
    const mdf_export_t *ex;

    if (fields[i].kind != MDF_CARD_FIELD_CARD)
      continue;
    n++;
    export_name = fields[i].name + 3; /* "pfnCardReadFile" -> "CardReadFile" */
    ex = mdf_export_find(export_name);
    if (ex == NULL)
      fail_msg("CARD_DATA.%s has no export table row (no fuzz target)", fields[i].name);
    assert_int_equal(ex->min_version, fields[i].added);
    assert_non_null(ex->invoke);
    assert_non_null(ex->classify);
    assert_true(ex->nargs >= 1 && ex->nargs <= MDF_MAX_ARGS);
    assert_int_equal(ex->args[0].kind, MDF_ARG_CARD_DATA);
  }
  assert_int_equal(n, 44); /* CARD_DATA v7 has 44 entry points */
  assert_non_null(mdf_export_find("CardAcquireContext"));
  assert_null(mdf_export_find("CardNoSuchExport"));
}

/* MDFUZZ_EXPORTS comes from exports.list: same names, same order, then
 * only pseudo-exports (Sequence, HostileCard), each once. */
static void test_list_matches_table(void **state) {
  FILE *f = fopen(MDF_EXPORTS_LIST, "r");
  char line[128];
  size_t n, i = 0;
  unsigned pseudo = 0;
  const mdf_export_t *ex = mdf_exports(&n);

  (void)state;
  assert_non_null(f);
  while (fgets(line, sizeof(line), f) != NULL) {
    line[strcspn(line, "\r\n")] = '\0';
    if (line[0] == '\0' || line[0] == '#')
      continue;
    if (i >= n) {
      if (mdf_fuzz_pseudo(line) == MDF_FUZZ_ROW)
        fail_msg("exports.list names %s beyond the table's %zu rows", line, n);
      if (mdf_export_find(line) != NULL)
        fail_msg("exports.list: pseudo-export %s is also a row", line);
      if (pseudo & (1u << mdf_fuzz_pseudo(line)))
        fail_msg("exports.list names %s twice", line);
      pseudo |= 1u << mdf_fuzz_pseudo(line);
      continue;
    }
    if (strcmp(line, ex[i].name) != 0)
      fail_msg("exports.list line %zu is %s, table row is %s", i + 1, line, ex[i].name);
    i++;
  }
  fclose(f);
  assert_int_equal(i, n);
  assert_int_equal(pseudo, (1u << MDF_FUZZ_SEQUENCE) | (1u << MDF_FUZZ_HOSTILE));
  assert_int_equal(mdf_fuzz_pseudo("CardReadFile"), MDF_FUZZ_ROW);
  assert_int_equal(mdf_fuzz_pseudo(NULL), MDF_FUZZ_ROW);
}

/* Every rule names an export with a row, and every row but the acquire has
 * a NULL pCardData rule first (the document's E1 for every export). */
static void test_rules_match_rows(void **state) {
  size_t nr, nx, i, j;
  const mdf_cmr_rule_t *r = mdf_cmr_rules(&nr);
  const mdf_export_t *ex = mdf_exports(&nx);

  (void)state;
  for (i = 0; i < nr; i++)
    if (mdf_export_find(r[i].export_name) == NULL)
      fail_msg("rule %s names %s, which has no row", r[i].id, r[i].export_name);
  for (j = 0; j < nx; j++) {
    const mdf_cmr_rule_t *first = NULL;

    for (i = 0; i < nr && first == NULL; i++)
      if (strcmp(r[i].export_name, ex[j].name) == 0 && r[i].cond != MDF_COND_NOT_IMPLEMENTED)
        first = &r[i];
    if (first == NULL)
      fail_msg("%s has no CMR rules", ex[j].name);
    if (strcmp(ex[j].name, "CardAcquireContext") != 0 && first->cond != MDF_COND_NULL_CARD_DATA)
      fail_msg("%s: first rule %s is not the NULL pCardData rule", ex[j].name, first->id);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_every_entry_point_has_a_row),
      cmocka_unit_test(test_list_matches_table),
      cmocka_unit_test(test_rules_match_rows),
  };

  return cmocka_run_group_tests_name("exports-table", tests, NULL, NULL);
}
