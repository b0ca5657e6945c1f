/* The finding-ID table: every row of cmr_rules.def (requirements and error
 * rules) in file order, and the one title lookup for every finding ID.
 *
 * Nothing here states a fact of its own: a requirement's title is its row's,
 * a rule's is made from its export and condition text, a finding class's
 * comes from include/mdfuzz/common/finding_ids.h, and the export a section
 * covers is the export column of its rule rows. */
#include <stdio.h>
#include <string.h>

#include "mdfuzz/common/finding_ids.h"
#include "mdfuzz/harness/cmr.h"
#include "winerror.h"

static const mdf_cmr_row_t rows[] = {
#define MDF_CMR_REQ(id, area, title) {id, area, title, false, {0}},
#define MDF_CMR_RULE(id, export, cond, ...)                                                        \
  {id,                                                                                             \
   #export,                                                                                        \
   NULL,                                                                                           \
   true,                                                                                           \
   {id, #export, MDF_COND_##cond, {__VA_ARGS__}, sizeof((DWORD[]){__VA_ARGS__}) / sizeof(DWORD)}},
#include "cmr_rules.def" /* undefines both macros */
};

const mdf_cmr_row_t *mdf_cmr_rows(size_t *n) {
  if (n != NULL)
    *n = sizeof(rows) / sizeof(rows[0]);
  return rows;
}

const mdf_cmr_row_t *mdf_cmr_find(const char *id) {
  size_t i;

  for (i = 0; id != NULL && i < sizeof(rows) / sizeof(rows[0]); i++)
    if (strcmp(rows[i].id, id) == 0)
      return &rows[i];
  return NULL;
}

/* An ID with no row: when the rule rows of its section (the ID up to its
 * last dot, e.g. CMR.4.3.5 or SPEC.CardGetProperty) name an export, a
 * title from that export and the last part of the ID. */
static const char *section_title(const char *id, char *buf, size_t cap) {
  const char *dot = strrchr(id, '.'), *rest;
  size_t i, n;

  if (dot == NULL || dot[1] == '\0')
    return NULL;
  n = (size_t)(dot - id) + 1; /* the section with its dot */
  rest = dot + 1;
  for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
    const mdf_cmr_row_t *r = &rows[i];

    if (!r->is_rule || strncmp(r->id, id, n) != 0 || strchr(r->id + n, '.') != NULL)
      continue;
    if (rest[0] == 'E' || strncmp(id, "SPEC.", 5) == 0)
      snprintf(buf, cap, "%s: error case %s (wrong return code for the situation)", r->area, rest);
    else
      snprintf(buf, cap, "%s: functional requirement %s", r->area, rest);
    return buf;
  }
  return NULL;
}

const char *mdf_cmr_title(const char *id, char *buf, size_t cap) {
  const mdf_cmr_row_t *r;
  const mdf_finding_class_info_t *c;

  if (id == NULL || buf == NULL || cap == 0)
    return NULL;
  buf[0] = '\0';
  r = mdf_cmr_find(id);
  if (r != NULL && !r->is_rule)
    return r->title;
  if (r != NULL) {
    snprintf(buf, cap, "%s: %s", r->area, mdf_cmr_cond_text(r->rule.cond));
    return buf;
  }
  c = mdf_finding_class_find(id);
  if (c != NULL)
    return c->title;
  return section_title(id, buf, cap);
}
