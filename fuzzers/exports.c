/* The export table (see include/mdfuzz/exports.h): one row per export. */
#include "mdfuzz/exports.h"

#include <stdio.h>
#include <string.h>

/* ---- shared condition helpers ------------------------------------------- */

/* Characters the file system rules forbid: \ / : * ? " < > | and 1..31. */
static bool has_forbidden(const mdf_arg_t *a) {
  size_t i, n = strlen(a->str);

  for (i = 0; i < n; i++) {
    unsigned char ch = (unsigned char)a->str[i];

    if (ch < 32 || strchr("\\/:*?\"<>|", ch) != NULL)
      return true;
  }
  return false;
}

static mdf_tri_t yes_if(bool cond) { return cond ? MDF_YES : MDF_NO; }

static const char *name_or_null(const mdf_arg_t *a, char *buf, size_t cap) {
  if (a->is_null)
    return "NULL";
  snprintf(buf, cap, "\"%.*s\"", (int)strlen(a->str), a->str);
  return buf;
}

/* ---- CardReadFile -------------------------------------------------------- */
/* (pCardData, pszDirectoryName, pszFileName, dwFlags, ppbData, pcbData) */

enum { RF_CD, RF_DIR, RF_FILE, RF_FLAGS, RF_PPB, RF_PCB };

static DWORD read_file_invoke(PCARD_DATA cd, const mdf_arg_t *a, mdf_outputs_t *o) {
  memcpy(o->names[0], a[RF_DIR].str, sizeof(o->names[0]));
  memcpy(o->names[1], a[RF_FILE].str, sizeof(o->names[1]));
  o->pb = NULL;
  o->cb = 0xFFFFFFFFu; /* the driver must ignore it on input (CMR.3.4.3.3) */
  return cd->pfnCardReadFile(a[RF_CD].is_null ? NULL : cd,
                             a[RF_DIR].is_null ? NULL : o->names[0],
                             a[RF_FILE].is_null ? NULL : o->names[1], a[RF_FLAGS].u32,
                             a[RF_PPB].is_null ? NULL : &o->pb,
                             a[RF_PCB].is_null ? NULL : &o->cb);
}

static void read_file_contract(mdf_harness_t *h, DWORD rc, const mdf_arg_t *a, mdf_outputs_t *o) {
  (void)a;
  if (rc != 0)
    return; /* anything it allocated anyway shows up as a leak */
  mdf_harness_take_buffer(h, "CMR.3.4.3.2", "*ppbData", o->pb, o->cb);
}

static mdf_tri_t read_file_classify(mdf_cmr_cond_t cond, const void *arg, char *why, size_t cap) {
  const mdf_arg_t *a = arg;
  size_t dlen = strlen(a[RF_DIR].str), flen = strlen(a[RF_FILE].str);
  char buf[40];

  switch (cond) {
  case MDF_COND_NULL_CARD_DATA:
    MDF_CMR_WHY(why, cap, "pCardData=NULL");
    return yes_if(a[RF_CD].is_null);
  case MDF_COND_BAD_FILE_NAME:
    MDF_CMR_WHY(why, cap, "pszFileName=%s", name_or_null(&a[RF_FILE], buf, sizeof(buf)));
    return yes_if(a[RF_FILE].is_null || flen == 0);
  case MDF_COND_NULL_DATA_OUT:
    MDF_CMR_WHY(why, cap, "ppbData=NULL");
    return yes_if(a[RF_PPB].is_null);
  case MDF_COND_NULL_LEN_OUT:
    MDF_CMR_WHY(why, cap, "pcbData=NULL");
    return yes_if(a[RF_PCB].is_null);
  case MDF_COND_BAD_DIR_LEN:
    MDF_CMR_WHY(why, cap, "pszDirectoryName=%s", name_or_null(&a[RF_DIR], buf, sizeof(buf)));
    return yes_if(!a[RF_DIR].is_null && (dlen == 0 || dlen > 8));
  case MDF_COND_BAD_DIR_CHARS:
    MDF_CMR_WHY(why, cap, "pszDirectoryName=%s", name_or_null(&a[RF_DIR], buf, sizeof(buf)));
    return yes_if(!a[RF_DIR].is_null && has_forbidden(&a[RF_DIR]));
  case MDF_COND_NO_DIR:
    return a[RF_DIR].is_null ? MDF_NO : MDF_MAYBE; /* the card knows */
  case MDF_COND_BAD_FILE_LEN:
    MDF_CMR_WHY(why, cap, "pszFileName=%s", name_or_null(&a[RF_FILE], buf, sizeof(buf)));
    return yes_if(!a[RF_FILE].is_null && flen > 8);
  case MDF_COND_BAD_FILE_CHARS:
    MDF_CMR_WHY(why, cap, "pszFileName=%s", name_or_null(&a[RF_FILE], buf, sizeof(buf)));
    return yes_if(!a[RF_FILE].is_null && has_forbidden(&a[RF_FILE]));
  case MDF_COND_NO_FILE:
  case MDF_COND_NO_ACCESS:
    return MDF_MAYBE;
  case MDF_COND_BAD_FLAGS:
    MDF_CMR_WHY(why, cap, "dwFlags=0x%X", (unsigned)a[RF_FLAGS].u32);
    return yes_if(a[RF_FLAGS].u32 != 0);
  default:
    return MDF_NO;
  }
}

/* ---- the table ------------------------------------------------------------ */

static const mdf_export_t exports[] = {
    {"CardReadFile", CARD_DATA_VERSION_FOUR, 6,
     {MDF_ARG_CARD_DATA, MDF_ARG_DIR_NAME, MDF_ARG_FILE_NAME, MDF_ARG_FLAGS, MDF_ARG_OUT_PTR,
      MDF_ARG_OUT_PTR},
     {"pCardData", "pszDirectoryName", "pszFileName", "dwFlags", "ppbData", "pcbData"},
     read_file_invoke, read_file_contract, read_file_classify},
};

const mdf_export_t *mdf_exports(size_t *n) {
  if (n != NULL)
    *n = sizeof(exports) / sizeof(exports[0]);
  return exports;
}

const mdf_export_t *mdf_export_find(const char *name) {
  size_t i;

  for (i = 0; name != NULL && i < sizeof(exports) / sizeof(exports[0]); i++)
    if (strcmp(exports[i].name, name) == 0)
      return &exports[i];
  return NULL;
}
