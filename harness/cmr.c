/* The CMR rule table (the MDF_CMR_RULE rows of cmr_rules.def) and its
 * walker.  The whole table with titles is in cmr_ids.c. */
#include "mdfuzz/harness/cmr.h"

#include <stdio.h>
#include <string.h>

#include "winerror.h"

static const mdf_cmr_rule_t rules[] = {
#define MDF_CMR_RULE(id, export, cond, ...)                                                        \
  {id, #export, MDF_COND_##cond, {__VA_ARGS__}, sizeof((DWORD[]){__VA_ARGS__}) / sizeof(DWORD)},
#include "cmr_rules.def" /* undefines MDF_CMR_RULE */
};

static const char *const cond_names[] = {
#define MDF__COND_NAME(name, text) #name,
    MDF_CMR_CONDITIONS(MDF__COND_NAME)
#undef MDF__COND_NAME
};

static const char *const cond_texts[] = {
#define MDF__COND_TEXT(name, text) text,
    MDF_CMR_CONDITIONS(MDF__COND_TEXT)
#undef MDF__COND_TEXT
};

const mdf_cmr_rule_t *mdf_cmr_rules(size_t *n) {
  if (n != NULL)
    *n = sizeof(rules) / sizeof(rules[0]);
  return rules;
}

const char *mdf_cmr_cond_name(mdf_cmr_cond_t cond) {
  return (unsigned)cond < MDF_COND_COUNT ? cond_names[cond] : "?";
}

const char *mdf_cmr_cond_text(mdf_cmr_cond_t cond) {
  return (unsigned)cond < MDF_COND_COUNT ? cond_texts[cond] : "?";
}

void mdf_cmr_allow(mdf_cmr_verdict_t *v, DWORD code) {
  if (mdf_cmr_allowed(v, code) || v->nallowed >= MDF_CMR_MAX_ALLOWED)
    return;
  v->allowed[v->nallowed++] = code;
}

bool mdf_cmr_allowed(const mdf_cmr_verdict_t *v, DWORD code) {
  size_t i;

  for (i = 0; i < v->nallowed; i++)
    if (v->allowed[i] == code)
      return true;
  return false;
}

/* The rows of one export, found by name once and then by the caller's name
 * pointer (export tables pass the same literal on every input), so the
 * per-input walk does no string compares. */
typedef struct rule_range {
  const char *key;
  uint16_t first, count;
  bool contiguous; /* every row in [first, first+count) is this export's */
} rule_range_t;

static rule_range_t find_range(const char *export_name) {
  static rule_range_t cache[128];
  static size_t ncache;
  rule_range_t r = {export_name, 0, 0, true};
  size_t i, matches = 0;

  for (i = 0; i < ncache; i++)
    if (cache[i].key == export_name)
      return cache[i];
  for (i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
    if (strcmp(rules[i].export_name, export_name) != 0)
      continue;
    if (matches++ == 0)
      r.first = (uint16_t)i;
    r.count = (uint16_t)(i + 1 - r.first);
  }
  r.contiguous = matches == r.count;
  if (ncache < sizeof(cache) / sizeof(cache[0]))
    cache[ncache++] = r;
  return r;
}

bool mdf_cmr_walk(const char *export_name, mdf_cmr_classify_cb classify, const void *arg,
                  mdf_cmr_verdict_t *v) {
  rule_range_t range;
  size_t i, k;

  memset(v, 0, sizeof(*v));
  if (export_name == NULL || classify == NULL)
    return false;
  range = find_range(export_name);
  for (i = range.first; i < (size_t)range.first + range.count; i++) {
    const mdf_cmr_rule_t *r = &rules[i];
    mdf_tri_t t;

    if (!range.contiguous && strcmp(r->export_name, export_name) != 0)
      continue; /* the def file interleaves exports: keep document order */
    t = classify(r->cond, arg, NULL, 0);
    if (t == MDF_NO)
      continue;
    for (k = 0; k < r->ncodes; k++)
      mdf_cmr_allow(v, r->codes[k]);
    if (t == MDF_YES) {
      v->rule = r;
      classify(r->cond, arg, v->why, sizeof(v->why));
      return true;
    }
    v->after_maybe = true;
  }
  v->why[0] = '\0';
  return false;
}

const char *mdf_win_code_name(DWORD code) {
#define MDF__CODE_NAME(name, value)                                                                \
  if (code == (DWORD)(value))                                                                      \
    return #name;
  MDF_WIN_CODES(MDF__CODE_NAME)
#undef MDF__CODE_NAME
  return NULL;
}

const char *mdf_cmr_expected(const mdf_cmr_verdict_t *v, char *buf, size_t cap) {
  size_t i, used = 0;

  if (cap == 0)
    return buf;
  buf[0] = '\0';
  if (v->rule == NULL)
    return buf;
  for (i = 0; i < v->rule->ncodes && used < cap; i++) {
    const char *name = mdf_win_code_name(v->rule->codes[i]);
    int n;

    if (name != NULL)
      n = snprintf(buf + used, cap - used, "%s%s", i ? " or " : "", name);
    else
      n = snprintf(buf + used, cap - used, "%s0x%08X", i ? " or " : "",
                   (unsigned)v->rule->codes[i]);
    if (n < 0)
      break;
    used += (size_t)n;
  }
  return buf;
}
