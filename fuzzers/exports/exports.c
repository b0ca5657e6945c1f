/* The export table (include/mdfuzz/fuzzers/exports.h): the rows live by
 * group in fuzzers/exports/exports_*.c; this file joins them into one
 * array in the order of fuzzers/exports/exports.list (expanded here), looks
 * rows up by name, and derives once where each row's argument roles sit
 * (from its specs) so the classifier finds them by a table lookup.  A row
 * the list does not name, a listed name without a row, or a role on two
 * specs of one row is a build mistake: the first use of the table says
 * which and aborts. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exports_int.h"

/* The groups, in any order: the list orders the rows. */
static const struct group {
  const mdf_export_t *rows;
  const size_t *n;
} groups[] = {
    {mdf__ex_context, &mdf__nex_context}, {mdf__ex_pin, &mdf__nex_pin},
    {mdf__ex_files, &mdf__nex_files},     {mdf__ex_crypto, &mdf__nex_crypto},
    {mdf__ex_props, &mdf__nex_props},     {mdf__ex_v7, &mdf__nex_v7},
};

static const char *const order[] = {
#define MDF_EXPORT(name) #name,
#define MDF_PSEUDO(name)
#include "exports.list"
#undef MDF_EXPORT
#undef MDF_PSEUDO
};
#define NORDER (sizeof(order) / sizeof(order[0]))

static mdf_export_t table[NORDER];
static size_t ntable;
/* role_at[row][role]: index + 1 of the row's spec with that role, 0: none. */
static uint8_t role_at[NORDER][MDF_ROLE_COUNT];

/* Derive the positions of row i's roles; 0 if its specs are sound. */
static int derive_roles(size_t i) {
  const mdf_export_t *ex = &table[i];
  size_t j;
  int bad = 0;

  for (j = 0; j < ex->nargs && j < MDF_MAX_ARGS; j++) {
    unsigned role = ex->args[j].role;

    if (role == MDF_ROLE_NONE)
      continue;
    if (role >= MDF_ROLE_COUNT) {
      fprintf(stderr, "mdfuzz: %s: argument %s has role %u, not an mdf_arg_role_t\n", ex->name,
              ex->args[j].name, role);
      bad = 1;
    } else if (role_at[i][role] != 0) {
      fprintf(stderr, "mdfuzz: %s: arguments %s and %s have the same role %u\n", ex->name,
              ex->args[role_at[i][role] - 1].name, ex->args[j].name, role);
      bad = 1;
    } else {
      role_at[i][role] = (uint8_t)(j + 1);
    }
  }
  return bad;
}

static const mdf_export_t *group_row(const char *name) {
  size_t g, i;

  for (g = 0; g < sizeof(groups) / sizeof(groups[0]); g++)
    for (i = 0; i < *groups[g].n; i++)
      if (strcmp(groups[g].rows[i].name, name) == 0)
        return &groups[g].rows[i];
  return NULL;
}

static void join(void) {
  size_t g, i, j, nrows = 0;
  int bad = 0;

  if (ntable != 0)
    return;
  for (i = 0; i < NORDER; i++) {
    const mdf_export_t *row = group_row(order[i]);

    for (j = 0; j < i; j++)
      if (strcmp(order[j], order[i]) == 0) {
        fprintf(stderr, "mdfuzz: fuzzers/exports/exports.list names %s twice\n", order[i]);
        bad = 1;
      }
    if (row == NULL) {
      fprintf(stderr,
              "mdfuzz: fuzzers/exports/exports.list: MDF_EXPORT(%s) has no row in "
              "fuzzers/exports/exports_*.c\n",
              order[i]);
      bad = 1;
    } else {
      table[i] = *row;
      bad |= derive_roles(i);
    }
  }
  for (g = 0; g < sizeof(groups) / sizeof(groups[0]); g++)
    for (i = 0; i < *groups[g].n; i++) {
      nrows++;
      for (j = 0; j < NORDER && strcmp(order[j], groups[g].rows[i].name) != 0; j++)
        ;
      if (j == NORDER) {
        fprintf(stderr,
                "mdfuzz: row %s is not in fuzzers/exports/exports.list (add MDF_EXPORT(%s))\n",
                groups[g].rows[i].name, groups[g].rows[i].name);
        bad = 1;
      }
    }
  if (bad || nrows != NORDER) {
    fprintf(stderr, "mdfuzz: the export table and fuzzers/exports/exports.list disagree\n");
    abort();
  }
  ntable = NORDER;
}

const mdf_export_t *mdf_exports(size_t *n) {
  join();
  if (n != NULL)
    *n = ntable;
  return table;
}

const mdf_export_t *mdf_export_find(const char *name) {
  size_t i;

  join();
  for (i = 0; name != NULL && i < ntable; i++)
    if (strcmp(table[i].name, name) == 0)
      return &table[i];
  return NULL;
}

int mdf_export_role(const mdf_export_t *ex, mdf_arg_role_t role) {
  uintptr_t p = (uintptr_t)ex, t = (uintptr_t)table;
  size_t j;

  if (ex == NULL || role == MDF_ROLE_NONE || (unsigned)role >= MDF_ROLE_COUNT)
    return -1;
  if (ntable != 0 && p >= t && p < t + sizeof(table))
    return (int)role_at[(p - t) / sizeof(table[0])][role] - 1;
  for (j = 0; j < ex->nargs && j < MDF_MAX_ARGS; j++) /* a row outside the table */
    if (ex->args[j].role == role)
      return (int)j;
  return -1;
}
