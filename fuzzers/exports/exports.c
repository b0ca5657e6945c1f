/* The export table (include/mdfuzz/fuzzers/exports.h): the rows live by
 * group in fuzzers/exports/exports_*.c; this file joins them into one
 * array in the order of fuzzers/exports/exports.list (expanded here), and
 * looks rows up by name.  A row the list does not name, or a listed name
 * without a row, is a build mistake: the first use of the table says which
 * and aborts. */
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
      fprintf(stderr, "mdfuzz: fuzzers/exports/exports.list: MDF_EXPORT(%s) has no row in "
                      "fuzzers/exports/exports_*.c\n", order[i]);
      bad = 1;
    } else {
      table[i] = *row;
    }
  }
  for (g = 0; g < sizeof(groups) / sizeof(groups[0]); g++)
    for (i = 0; i < *groups[g].n; i++) {
      nrows++;
      for (j = 0; j < NORDER && strcmp(order[j], groups[g].rows[i].name) != 0; j++)
        ;
      if (j == NORDER) {
        fprintf(stderr, "mdfuzz: row %s is not in fuzzers/exports/exports.list (add MDF_EXPORT(%s))\n",
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
