/* The export table (include/mdfuzz/exports.h): the rows live by group in
 * fuzzers/exports/exports_*.c; this file joins them into one array, in
 * fuzzers/exports/exports.list order, and looks rows up by name. */
#include <string.h>

#include "exports_int.h"

#define MAX_ROWS 64

static const struct group {
  const mdf_export_t *rows;
  const size_t *n;
} groups[] = {
    {mdf__ex_context, &mdf__nex_context}, {mdf__ex_pin, &mdf__nex_pin},
    {mdf__ex_files, &mdf__nex_files},     {mdf__ex_crypto, &mdf__nex_crypto},
    {mdf__ex_props, &mdf__nex_props},     {mdf__ex_v7, &mdf__nex_v7},
};

static mdf_export_t table[MAX_ROWS];
static size_t ntable;

static void join(void) {
  size_t g, i;

  if (ntable != 0)
    return;
  for (g = 0; g < sizeof(groups) / sizeof(groups[0]); g++)
    for (i = 0; i < *groups[g].n && ntable < MAX_ROWS; i++)
      table[ntable++] = groups[g].rows[i];
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
