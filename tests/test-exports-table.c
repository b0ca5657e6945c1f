/* The export table covers CARD_DATA: every entry point (kind `card` in
 * MDF_CARD_DATA_FIELDS) has a row and a fuzz target, fuzzers/exports/exports.list
 * names the rows in table order (as C and as CMake reads it), and rows agree
 * with the CMR rule table. */
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

    if (fields[i].kind != MDF_CARD_FIELD_CARD && fields[i].kind != MDF_CARD_FIELD_CARDOPT)
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

/* exports.list expanded as C: rows (MDF_EXPORT) then pseudo-exports (MDF_PSEUDO). */
static const struct listed {
  const char *name;
  int pseudo;
} listed[] = {
#define MDF_EXPORT(name) {#name, 0},
#define MDF_PSEUDO(name) {#name, 1},
#include MDF_EXPORTS_LIST
#undef MDF_EXPORT
#undef MDF_PSEUDO
};
#define NLISTED (sizeof(listed) / sizeof(listed[0]))

/* The table is in exports.list order, row for row; then only pseudo-exports
 * (Sequence, HostileCard), each once. */
static void test_list_matches_table(void **state) {
  size_t n, i, nrows = 0;
  unsigned pseudo = 0;
  const mdf_export_t *ex = mdf_exports(&n);

  (void)state;
  for (i = 0; i < NLISTED; i++) {
    const char *name = listed[i].name;

    if (!listed[i].pseudo) {
      if (nrows != i)
        fail_msg("exports.list: MDF_EXPORT(%s) after a pseudo-export", name);
      if (nrows >= n)
        fail_msg("exports.list names %s beyond the table's %zu rows", name, n);
      if (strcmp(name, ex[nrows].name) != 0)
        fail_msg("exports.list row %zu is %s, table row is %s", nrows + 1, name, ex[nrows].name);
      nrows++;
      continue;
    }
    if (mdf_fuzz_pseudo(name) == MDF_FUZZ_ROW)
      fail_msg("exports.list: MDF_PSEUDO(%s) is not a pseudo-export of mdf_fuzz_pseudo", name);
    if (mdf_export_find(name) != NULL)
      fail_msg("exports.list: pseudo-export %s is also a row", name);
    if (pseudo & (1u << mdf_fuzz_pseudo(name)))
      fail_msg("exports.list names %s twice", name);
    pseudo |= 1u << mdf_fuzz_pseudo(name);
  }
  assert_int_equal(nrows, n);
  assert_int_equal(pseudo, (1u << MDF_FUZZ_SEQUENCE) | (1u << MDF_FUZZ_HOSTILE));
  assert_int_equal(mdf_fuzz_pseudo("CardReadFile"), MDF_FUZZ_ROW);
  assert_int_equal(mdf_fuzz_pseudo(NULL), MDF_FUZZ_ROW);
}

/* MDFUZZ_EXPORTS, the names CMake's regex read from exports.list (one fuzz
 * target each), are the names the C expansion sees, in the same order: a
 * row CMake cannot read would have no fuzz target. */
static void test_cmake_reads_the_list(void **state) {
  const char *p = MDF_EXPORTS_CMAKE;
  size_t i;

  (void)state;
  for (i = 0; i < NLISTED; i++) {
    size_t len = strlen(listed[i].name);

    if (strncmp(p, listed[i].name, len) != 0 || (p[len] != ' ' && p[len] != '\0'))
      fail_msg("exports.list: CMake's MDFUZZ_EXPORTS has \"%.40s\" where C has %s", p,
               listed[i].name);
    p += len;
    p += *p == ' ';
  }
  if (*p != '\0')
    fail_msg("MDFUZZ_EXPORTS has more names than exports.list expands to: %s", p);
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
      cmocka_unit_test(test_cmake_reads_the_list),
      cmocka_unit_test(test_rules_match_rows),
  };

  return cmocka_run_group_tests_name("exports-table", tests, NULL, NULL);
}
