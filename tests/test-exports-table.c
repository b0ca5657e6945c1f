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
#include "mdfuzz/fuzzers/decode.h"
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

/* A role is said once, in a spec: no role on two specs of one row, none
 * out of range, none on a struct member, and the positions the table
 * derived (mdf_export_role) are the specs' own, for a row of the table and
 * for a copy of it outside (the walk).  Every row with a classifier has its
 * pCardData as the CD role (the NULL_CARD_DATA rule of every row). */
static void test_roles_said_once(void **state) {
  size_t n, i, j, k;
  const mdf_export_t *ex = mdf_exports(&n);

  (void)state;
  for (i = 0; i < n; i++) {
    mdf_export_t copy = ex[i];

    for (j = 0; j < ex[i].nargs; j++) {
      const mdf_domain_t *dom = ex[i].args[j].dom;

      if (ex[i].args[j].role >= MDF_ROLE_COUNT)
        fail_msg("%s: %s has role %u", ex[i].name, ex[i].args[j].name, ex[i].args[j].role);
      for (k = 0; k < j; k++)
        if (ex[i].args[j].role != MDF_ROLE_NONE && ex[i].args[k].role == ex[i].args[j].role)
          fail_msg("%s: %s and %s have the same role %u", ex[i].name, ex[i].args[k].name,
                   ex[i].args[j].name, ex[i].args[j].role);
      for (k = 0; dom != NULL && dom->sdesc != NULL && k < dom->sdesc->nfields; k++)
        if (dom->sdesc->fields[k].role != MDF_ROLE_NONE)
          fail_msg("%s: member %s of %s has a role", ex[i].name, dom->sdesc->fields[k].name,
                   dom->sdesc->name);
    }
    for (k = 0; k < MDF_ROLE_COUNT; k++) {
      int want = -1;

      for (j = 0; j < ex[i].nargs && k != MDF_ROLE_NONE; j++)
        if (ex[i].args[j].role == k)
          want = (int)j;
      if (mdf_export_role(&ex[i], (mdf_arg_role_t)k) != want)
        fail_msg("%s: role %zu derived at %d, its spec is %d", ex[i].name, k,
                 mdf_export_role(&ex[i], (mdf_arg_role_t)k), want);
      assert_int_equal(mdf_export_role(&copy, (mdf_arg_role_t)k), want);
    }
    if (ex[i].classify != NULL && mdf_export_role(&ex[i], MDF_ROLE_CD) != 0)
      fail_msg("%s: pCardData is not the CD role", ex[i].name);
  }
  assert_int_equal(mdf_export_role(NULL, MDF_ROLE_CD), -1);
  assert_int_equal(mdf_export_role(&ex[0], MDF_ROLE_COUNT), -1);
}

/* The derived positions are the ones the rows once wrote by hand
 * (mdf__roles_t R(i)), roles a row had none for included (-1). */
static const struct role_at {
  const char *row;
  int role, at;
} roles_at[] = {
    {"CardReadFile", MDF_ROLE_CD, 0},
    {"CardReadFile", MDF_ROLE_DIR, 1},
    {"CardReadFile", MDF_ROLE_FILE, 2},
    {"CardReadFile", MDF_ROLE_FLAGS, 3},
    {"CardReadFile", MDF_ROLE_OUT, 4},
    {"CardReadFile", MDF_ROLE_LEN, 5},
    {"CardReadFile", MDF_ROLE_IN, -1},
    {"CardEnumFiles", MDF_ROLE_OUT, 2},
    {"CardEnumFiles", MDF_ROLE_LEN, 3},
    {"CardEnumFiles", MDF_ROLE_FLAGS, 4},
    {"CardEnumFiles", MDF_ROLE_FILE, -1},
    {"CardQueryKeySizes", MDF_ROLE_KEYSPEC, 1},
    {"CardQueryKeySizes", MDF_ROLE_FLAGS, 2},
    {"CardQueryKeySizes", MDF_ROLE_ST, 3},
    {"CardUnblockPin", MDF_ROLE_USER, 1},
    {"CardUnblockPin", MDF_ROLE_AUTH, 2},
    {"CardUnblockPin", MDF_ROLE_NEWPIN, 3},
    {"CardUnblockPin", MDF_ROLE_RETRY, 4},
    {"CardDeauthenticate", MDF_ROLE_USER, -1},
    {"CardDeauthenticate", MDF_ROLE_FLAGS, 2},
    {"CardAuthenticateEx", MDF_ROLE_PIN_ID, 1},
    {"CardAuthenticateEx", MDF_ROLE_FLAGS, 2},
    {"CardAuthenticateEx", MDF_ROLE_PIN, -1},
    {"CardChangeAuthenticatorEx", MDF_ROLE_AUTH, 3},
    {"CardChangeAuthenticatorEx", MDF_ROLE_NEWPIN, 5},
    {"CardChangeAuthenticatorEx", MDF_ROLE_RETRY, 6},
    {"CardChangeAuthenticatorEx", MDF_ROLE_PIN_ID, -1},
    {"CardCreateContainerEx", MDF_ROLE_KEYSPEC, 3},
    {"CardCreateContainerEx", MDF_ROLE_PIN_ID, 6},
    {"CardCreateContainerEx", MDF_ROLE_IN, -1},
    {"CardGetContainerInfo", MDF_ROLE_FLAGS, 2},
    {"CardGetContainerInfo", MDF_ROLE_ST, 3},
    {"CardGetContainerProperty", MDF_ROLE_LEN, 4},
    {"CardGetContainerProperty", MDF_ROLE_OUT, -1},
    {"MDEncryptData", MDF_ROLE_SECFN, 2},
    {"MDEncryptData", MDF_ROLE_IN, 3},
    {"MDEncryptData", MDF_ROLE_FLAGS, -1},
    {"MDEncryptData", MDF_ROLE_OUT, 5},
    {"MDEncryptData", MDF_ROLE_LEN, 6},
    {"CardImportSessionKey", MDF_ROLE_ST, -1},
    {"CardImportSessionKey", MDF_ROLE_BLOB, 3},
    {"CardImportSessionKey", MDF_ROLE_ALG, 4},
    {"CardImportSessionKey", MDF_ROLE_KEY_OUT, 5},
    {"CardImportSessionKey", MDF_ROLE_IN, 6},
    {"CardGetKeyProperty", MDF_ROLE_PROP, 2},
    {"CardGetKeyProperty", MDF_ROLE_LEN, 4},
    {"CardGetKeyProperty", MDF_ROLE_FLAGS, 5},
    {"CardProcessEncryptedData", MDF_ROLE_SECFN, 2},
    {"CardProcessEncryptedData", MDF_ROLE_LEN, -1},
};

static void test_roles_at_former_positions(void **state) {
  size_t i;

  (void)state;
  for (i = 0; i < sizeof(roles_at) / sizeof(roles_at[0]); i++) {
    const mdf_export_t *ex = mdf_export_find(roles_at[i].row);

    assert_non_null(ex);
    if (mdf_export_role(ex, (mdf_arg_role_t)roles_at[i].role) != roles_at[i].at)
      fail_msg("%s: role %d at %d, was %d", roles_at[i].row, roles_at[i].role,
               mdf_export_role(ex, (mdf_arg_role_t)roles_at[i].role), roles_at[i].at);
  }
}

/* The classifier reads the call's values through the row's roles: an
 * honest CardReadFile breaks no rule; NULL ppbData is NULL_DATA_OUT and
 * nothing else, NULL pcbData NULL_LEN_OUT. */
static mdf_case_t read_case;

static void test_classifier_reads_by_role(void **state) {
  const mdf_export_t *ex = mdf_export_find("CardReadFile");
  mdf_export_args_t c;
  char why[64] = "";

  (void)state;
  assert_non_null(ex);
  mdf_case_init(&read_case, ex);
  c.ex = ex;
  c.args = read_case.calls[0].args;
  assert_int_equal(ex->classify(MDF_COND_NULL_DATA_OUT, &c, NULL, 0), MDF_NO);
  assert_int_equal(ex->classify(MDF_COND_NULL_LEN_OUT, &c, NULL, 0), MDF_NO);
  assert_int_equal(ex->classify(MDF_COND_BAD_FLAGS, &c, NULL, 0), MDF_NO);
  read_case.calls[0].args[4].is_null = true;
  assert_int_equal(ex->classify(MDF_COND_NULL_DATA_OUT, &c, why, sizeof(why)), MDF_YES);
  assert_string_equal(why, "data output pointer NULL");
  assert_int_equal(ex->classify(MDF_COND_NULL_LEN_OUT, &c, NULL, 0), MDF_NO);
  read_case.calls[0].args[4].is_null = false;
  read_case.calls[0].args[5].is_null = true;
  assert_int_equal(ex->classify(MDF_COND_NULL_DATA_OUT, &c, NULL, 0), MDF_NO);
  assert_int_equal(ex->classify(MDF_COND_NULL_LEN_OUT, &c, NULL, 0), MDF_YES);
  read_case.calls[0].args[3].u32 = 0x80000000u;
  assert_int_equal(ex->classify(MDF_COND_BAD_FLAGS, &c, why, sizeof(why)), MDF_YES);
  assert_string_equal(why, "dwFlags=0x80000000");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_every_entry_point_has_a_row),
      cmocka_unit_test(test_list_matches_table),
      cmocka_unit_test(test_cmake_reads_the_list),
      cmocka_unit_test(test_rules_match_rows),
      cmocka_unit_test(test_roles_said_once),
      cmocka_unit_test(test_roles_at_former_positions),
      cmocka_unit_test(test_classifier_reads_by_role),
  };

  return cmocka_run_group_tests_name("exports-table", tests, NULL, NULL);
}
